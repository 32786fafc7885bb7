"""Routing through the API: the agency of problems and activities (text still accepted,
``agency_id`` added), duplicate assistance in the answer or a 409 on request, a problem's
assignment, escalation and status (codes, scope, 409 on a stale version) and its history,
the catalogue and the menu."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.api.conftest import Api
from tests.web_kit import H1, H4, YEAR
from tpmap.logbook.models import Activity, Agency, MenuItem, Problem
from tpmap.logbook.routing.seed import seed_catalogue

PROBLEM = {"dimension": "income", "title": "รายได้ไม่พอ", "occurred_on": "2024-05-01"}
ACTIVITY = {"name": "ฝึกอาชีพ", "start_on": "2024-06-01", "end_on": "2024-06-30", "indicator": 20}


@pytest.fixture(autouse=True)
def _catalogue(db: None) -> None:
    seed_catalogue(Agency, MenuItem)


def _id(name: str) -> int:
    return Agency.objects.get(name=name, province_code="").pk


def _menu(key: str) -> int:
    return MenuItem.objects.get(province_code="", key=key).pk


def _due(days: int = 14) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _problem(api: Api, household: str = H1, **extra: Any) -> Any:
    r = api.post(f"/households/{YEAR}/{household}/problems", {**PROBLEM, **extra})
    assert r.status_code == 201, r.content
    return r.json()


def test_any_agency_text_is_still_accepted_matched_or_kept(api_as: Any) -> None:
    api: Api = api_as("district")
    matched = _problem(api, agency="กรม การพัฒนาชุมชน")
    assert (matched["agency"], matched["agency_id"]) == ("กรม การพัฒนาชุมชน", _id("กรมการพัฒนาชุมชน"))
    unmatched = _problem(api, agency="ร้านค้าชุมชน บ้านนาคำ")
    assert (unmatched["agency"], unmatched["agency_id"]) == ("ร้านค้าชุมชน บ้านนาคำ", None)
    chosen = _problem(api, agency_id=_id("กรมอนามัย"))
    assert (chosen["agency"], chosen["agency_id"]) == ("กรมอนามัย", _id("กรมอนามัย"))
    r = api.post(f"/households/{YEAR}/{H1}/problems", {**PROBLEM, "agency_id": 9_999_999})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"agency_id": ["กรุณาเลือกหน่วยงานจากทะเบียนหน่วยงานของพื้นที่นี้"]}
    assert Problem.objects.count() == 3


def test_a_patch_keeps_the_catalogue_agency_unless_another_is_given(api_as: Any) -> None:
    api: Api = api_as("district")
    p = _problem(api, agency_id=_id("กรมอนามัย"))
    r = api.send("PATCH", f"/problems/{p['id']}", {"version": 1, "title": "ใหม่"})
    assert (r.status_code, r.json()["agency_id"]) == (200, _id("กรมอนามัย"))
    r = api.send("PATCH", f"/problems/{p['id']}", {"version": 2, "agency": "อบต."})
    assert (r.json()["agency"], r.json()["agency_id"]) == ("อบต.", None)


def test_assignment_escalation_status_and_history(api_as: Any) -> None:
    district: Api = api_as("district")
    p = _problem(district)
    url = f"/problems/{p['id']}"
    r = district.post(
        url + "/assignment", {"version": 1, "due_on": _due(), "menu_item_id": _menu("kkkj")}
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert (body["status"], body["agency_id"], body["due_on"], body["version"]) == (
        "assigned",
        _id("กรมการพัฒนาชุมชน"),
        _due(),
        2,
    )
    assert [e["kind"] for e in body["events"]] == ["created", "assigned"]
    # A stale version is a 409 and changes nothing.
    r = district.post(url + "/escalation", {"version": 1, "reason": "เกินศักยภาพ"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "conflict"
    r = district.post(url + "/escalation", {"version": 2, "reason": "เกินศักยภาพ"})
    assert (r.status_code, r.json()["status"]) == (200, "escalated")
    r = api_as("prov_admin").post(
        url + "/assignment",
        {
            "version": 3,
            "due_on": _due(30),
            "not_in_menu": True,
            "note": "ประสานมูลนิธิ",
            "agency_id": _id("กระทรวงแรงงาน"),
        },
    )
    assert (r.status_code, r.json()["status"], r.json()["routing_note"]) == (
        200,
        "assigned",
        "ประสานมูลนิธิ",
    )
    r = district.post(url + "/status", {"version": 4, "status": "resolved"})
    assert (r.status_code, r.json()["status"]) == (200, "resolved")
    events = district.get(url + "/events").json()["events"]
    assert [(e["kind"], e["to_status"], e["actor"]) for e in events] == [
        ("created", "open", "district"),
        ("assigned", "assigned", "district"),
        ("escalated", "escalated", "district"),
        ("assigned", "assigned", "prov_admin"),
        ("status", "resolved", "district"),
    ]


def test_routing_codes_for_rules_roles_and_scope(api_as: Any) -> None:
    district: Api = api_as("district")
    p = _problem(district)
    url = f"/problems/{p['id']}"
    r = district.post(
        url + "/assignment", {"version": 1, "due_on": "2020-01-01", "not_in_menu": True}
    )
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {
        "due_on": ["วันกำหนดแล้วเสร็จต้องไม่เป็นวันที่ผ่านมาแล้ว"],
        "note": ["กรณีไม่มีในเมนูแก้จน กรุณาระบุแนวทางแก้ไขปัญหา"],
        "agency_id": ["กรุณาเลือกหน่วยงานที่รับผิดชอบ"],
    }
    assert (
        api_as("team").post(url + "/escalation", {"version": 1, "reason": "x"}).status_code == 403
    )
    assert (
        api_as("other_district")
        .post(url + "/escalation", {"version": 1, "reason": "x"})
        .status_code
        == 404
    )
    assert api_as("other_district").get(url + "/events").status_code == 404
    r = district.post(url + "/status", {"version": 1, "status": "assigned"})
    assert r.status_code == 422
    r = district.send("PATCH", url, {"version": 1, "status": "escalated"})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {
        "status": ["สถานะนี้ได้จากการมอบหมายหน่วยงานหรือการส่งต่อจังหวัดเท่านั้น"]
    }
    assert Problem.objects.get().status == "open"


def test_duplicate_assistance_is_told_in_the_answer_or_refused_on_request(api_as: Any) -> None:
    team: Api = api_as("team")
    first = team.post(
        f"/households/{YEAR}/{H1}/activities", {**ACTIVITY, "agency_id": _id("กรมการพัฒนาชุมชน")}
    )
    assert first.status_code == 201 and first.json()["duplicates"] == []
    district: Api = api_as("district")
    other = {**ACTIVITY, "agency_id": _id("กรมพัฒนาฝีมือแรงงาน"), "start_on": "2024-06-15"}
    refused = district.post(
        f"/households/{YEAR}/{H1}/activities", {**other, "confirm_duplicate": False}
    )
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "duplicate_assistance"
    assert [d["id"] for d in error["duplicates"]] == [first.json()["id"]]
    assert Activity.objects.count() == 1
    told = district.post(f"/households/{YEAR}/{H1}/activities", other)
    assert told.status_code == 201
    body = told.json()
    assert (body["duplicate_of"], body["duplicate_confirmed"]) == ([first.json()["id"]], False)
    assert body["duplicates"] == [
        {
            "id": first.json()["id"],
            "name": "ฝึกอาชีพ",
            "agency": "กรมการพัฒนาชุมชน",
            "agency_id": _id("กรมการพัฒนาชุมชน"),
            "indicator": 20,
            "start_on": "2024-06-01",
            "end_on": "2024-06-30",
        }
    ]
    confirmed = district.post(
        f"/households/{YEAR}/{H1}/activities", {**other, "confirm_duplicate": True}
    )
    assert confirmed.status_code == 201 and confirmed.json()["duplicate_confirmed"] is True
    # A PATCH that leaves it out is saved and told too.
    r = district.send("PATCH", f"/activities/{body['id']}", {"version": 1, "name": "อบรม"})
    assert (r.status_code, r.json()["duplicate_of"]) == (200, [first.json()["id"]])


def test_the_catalogue_and_menu_through_the_api(api_as: Any) -> None:
    admin: Api = api_as("prov_admin")
    cid = str(uuid.uuid4())
    body = {
        "name": "สนง.พช.อ.เมือง",
        "province_code": "34",
        "district_code": "3401",
        "client_id": cid,
    }
    made = admin.post("/agencies", body)
    again = admin.post("/agencies", body)
    assert (made.status_code, again.status_code) == (201, 200)
    assert made.json()["level"] == "district_office"
    assert Agency.objects.filter(province_code="34").count() == 1
    assert api_as("district").post("/agencies", {**body, "client_id": None}).status_code == 403
    ids = [a["id"] for a in api_as("district").get("/agencies").json()["agencies"]]
    assert made.json()["id"] in ids
    assert made.json()["id"] not in [
        a["id"] for a in api_as("other_district").get("/agencies").json()["agencies"]
    ]
    r = admin.send("PATCH", f"/agencies/{made.json()['id']}", {"version": 1, "active": False})
    assert (r.status_code, r.json()["active"], r.json()["version"]) == (200, False, 2)
    r = admin.send("PATCH", f"/agencies/{made.json()['id']}", {"version": 1, "active": True})
    assert r.status_code == 409
    menu = admin.get("/menu").json()
    assert (menu["province_code"], len(menu["items"])) == ("34", 19)
    r = admin.post(
        "/menu",
        {
            "province_code": "34",
            "name": "ตลาดชุมชน",
            "dimension": "income",
            "indicator": 22,
            "agency_id": _id("กรมการพัฒนาชุมชน"),
        },
    )
    assert r.status_code == 201
    assert len(admin.get("/menu").json()["items"]) == 20
    assert api_as("other_admin").get("/menu").json()["province_code"] == "35"
    assert len(api_as("other_admin").get("/menu").json()["items"]) == 19


def test_a_problem_of_another_district_is_not_found(api_as: Any) -> None:
    p = _problem(api_as("prov_admin"), household=H4)
    r = api_as("district").post(
        f"/problems/{p['id']}/assignment",
        {"version": 1, "due_on": _due(), "menu_item_id": _menu("kkkj")},
    )
    assert r.status_code == 404
