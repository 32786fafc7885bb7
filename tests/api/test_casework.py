"""Mentors' case work through the API: visits (status codes, scope, client_id
idempotency, 409 on a stale version, ownership), my households, work lists, a province's
mentor settings and the mentor's kind."""

from __future__ import annotations

import uuid
from typing import Any

from tests.api.conftest import Api
from tests.web_kit import H1, H3, H4, H5, YEAR, make_user
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.models import Mentor, ProvinceSetting, Visit

VISIT = {"visited_on": "2026-11-02", "found": "พบหัวหน้าครัวเรือน", "outcome": "better"}
VISITS = f"/households/{YEAR}/{H1}/visits"


def test_a_visit_is_created_once_per_client_id(api_as: Any, people: dict[str, Any]) -> None:
    api = api_as("team")
    key = str(uuid.uuid4())
    r = api.post(VISITS, {**VISIT, "client_id": key})
    assert r.status_code == 201, r.content
    body = r.json()
    v = Visit.objects.get()
    assert (body["id"], body["version"], body["outcome"], body["contact"]) == (
        v.pk,
        1,
        "better",
        True,
    )
    assert (v.household_id, v.village_code, v.created_by_id) == (H1, "34010101", people["team"].pk)
    again = api.post(VISITS, {**VISIT, "found": "อื่น", "client_id": key})
    assert (again.status_code, again.json()["id"]) == (200, v.pk)
    assert Visit.objects.count() == 1
    listed = api.get(VISITS).json()
    assert (listed["contacts"], [i["id"] for i in listed["items"]]) == (1, [v.pk])
    assert AuditEvent.objects.filter(object_type="visit", action="create").count() == 1


def test_a_bad_visit_is_refused_with_field_messages_and_nothing_saved(api_as: Any) -> None:
    api = api_as("team")
    r = api.post(VISITS, {"visited_on": "2099-01-01", "found": " "})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {
        "visited_on": ["วันที่ต้องไม่เป็นวันในอนาคต"],
        "found": ["กรุณาระบุสิ่งที่พบจากการเยี่ยมบ้าน"],
    }
    assert api.post(VISITS, {**VISIT, "outcome": "great"}).status_code == 422
    assert not Visit.objects.exists()


def test_a_household_or_visit_outside_the_area_is_not_found(api_as: Any) -> None:
    assert api_as("team").post(f"/households/{YEAR}/{H4}/visits", VISIT).status_code == 404
    assert api_as("team").get(f"/households/{YEAR}/{H5}/visits").status_code == 404
    made = api_as("team").post(VISITS, VISIT).json()
    assert api_as("other_admin").get(f"/visits/{made['id']}").status_code == 404
    assert api_as("other_district").send("DELETE", f"/visits/{made['id']}").status_code == 404
    assert Visit.objects.count() == 1


def test_a_visit_change_needs_the_version_read_and_the_author(api_as: Any) -> None:
    made = api_as("team").post(VISITS, VISIT).json()
    url = f"/visits/{made['id']}"
    r = api_as("district").send("PATCH", url, {"version": 1, "found": "แก้"})
    assert r.status_code == 403
    r = api_as("team").send("PATCH", url, {"version": 1, "outcome": "not_home"})
    assert r.status_code == 200
    assert (r.json()["version"], r.json()["outcome"], r.json()["contact"]) == (2, "not_home", False)
    assert r.json()["found"] == "พบหัวหน้าครัวเรือน"  # left out: kept
    stale = api_as("team").send("PATCH", url, {"version": 1, "found": "แก้"})
    assert (stale.status_code, stale["X-Current-Version"]) == (409, "2")
    assert api_as("team").send("DELETE", f"{url}?version=1").status_code == 409
    assert api_as("prov_admin").send("DELETE", f"{url}?version=2").status_code == 204
    assert not Visit.objects.exists()


def test_my_households_and_work_lists(api_as: Any, people: dict[str, Any]) -> None:
    somsri = make_user("somsri", "mentor", "3401", "โรงเรียนบ้านนาคำ")
    for hid in (H1, H3):
        r = api_as("district").send(
            "PUT",
            f"/households/{YEAR}/{hid}/mentor",
            {"user_id": somsri.pk, "kind": "volunteer", "assigned_on": "2026-11-01"},
        )
        assert r.status_code == 201, r.json()
        assert (r.json()["kind"], r.json()["dimension"]) == ("volunteer", None)
    assert Mentor.objects.filter(kind="volunteer").count() == 2
    mine = Api(_token("somsri")).get("/me/households").json()
    assert [(i["household_id"], i["priority"], i["due"]) for i in mine["items"]] == [
        (H3, 1, ["เยี่ยมบ้านครั้งแรก", "ยังไม่มีแผนพัฒนาครัวเรือน"]),
        (H1, 2, ["เยี่ยมบ้านครั้งแรก", "ยังไม่มีแผนพัฒนาครัวเรือน"]),
    ]
    lists = api_as("district").get("/work-lists", year=YEAR).json()
    assert [(i["slug"], i["count"]) for i in lists["items"]] == [
        ("no-mentor", 0),
        ("not-visited", 2),
        ("problems-without-activity", 0),
        ("additions-pending", 0),
        ("plan-missing", 2),
        ("problems-overdue", 0),
    ]
    r = api_as("prov_admin").get("/work-lists/no-mentor", year=YEAR)
    assert [i["household_id"] for i in r.json()["items"]] == [H4]
    assert api_as("team").get("/work-lists/additions-pending").status_code == 403
    assert api_as("team").get("/work-lists/nothing").status_code == 404
    assert api_as("team").get("/work-lists", area="35").status_code == 403
    assert api_as("team").get("/work-lists", year=2500).status_code == 404


def test_the_province_limit_is_set_by_its_administrator_with_a_version(api_as: Any) -> None:
    body = {"mentor_household_limit": 1, "version": 0}
    assert api_as("district").send("PUT", "/provinces/34/settings", body).status_code == 403
    assert api_as("other_admin").send("PUT", "/provinces/34/settings", body).status_code == 403
    r = api_as("prov_admin").send("PUT", "/provinces/34/settings", body)
    assert (r.status_code, r.json()) == (
        201,
        {"province_code": "34", "mentor_household_limit": 1, "version": 1},
    )
    assert api_as("prov_admin").send("PUT", "/provinces/34/settings", body).status_code == 409
    r = api_as("prov_admin").send(
        "PUT", "/provinces/34/settings", {**body, "version": 1, "mentor_household_limit": 3}
    )
    assert (r.status_code, r.json()["version"]) == (200, 2)
    bad = api_as("prov_admin").send("PUT", "/provinces/34/settings", {"mentor_household_limit": 0})
    assert bad.status_code == 422
    assert ProvinceSetting.objects.values_list("mentor_household_limit", flat=True).get() == 3


def _token(username: str) -> str:
    from tests.api.conftest import login

    return str(login(username).json()["token"])
