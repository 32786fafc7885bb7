"""The knock-knock endpoints (CONTRACTS.md §4): additions and decisions, corrections and
reversals, re-assessments; every endpoint and scope, status and database state."""

from __future__ import annotations

import uuid
from typing import Any

from tests.logbook.fieldwork_kit import NEW_NID
from tests.web_kit import H1, H3, H4, YEAR, make_user
from tpmap.logbook.models import Addition, Assessment, Correction

ADDITION = {
    "year": YEAR,
    "village_code": "34010101",
    "first_name": "บัวผัน",
    "last_name": "ตกหล่น",
    "sex": "F",
    "age": 67,
    "reason": "ไม่อยู่ในการสำรวจ",
}


def test_a_team_proposes_an_addition_and_the_chief_approves_it(api_as: Any) -> None:
    team, chief = api_as("team"), api_as("district")
    key = str(uuid.uuid4())
    r = team.post("/additions", {**ADDITION, "nid": NEW_NID, "client_id": key})
    assert r.status_code == 201
    a = Addition.objects.get()
    assert r.json() == {"id": a.pk, "status": "pending"}
    again = team.post("/additions", {**ADDITION, "nid": NEW_NID, "client_id": key})
    assert (again.status_code, again.json()) == (200, {"id": a.pk, "status": "pending"})
    assert Addition.objects.count() == 1
    listed = chief.get("/additions", status="pending").json()
    assert [i["id"] for i in listed["items"]] == [a.pk]
    assert listed["items"][0]["nid_last4"] == "2347" and NEW_NID not in str(listed)
    r = chief.post(f"/additions/{a.pk}/decision", {"approve": True})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {
        "identity_checked": ["ต้องตรวจสอบตัวตนกับทะเบียนราษฎรก่อนอนุมัติ"]
    }
    r = chief.post(f"/additions/{a.pk}/decision", {"approve": True, "identity_checked": True})
    assert (r.status_code, r.json()) == (200, {"id": a.pk, "status": "approved"})
    a.refresh_from_db()
    assert a.status == "approved" and a.decided_by is not None
    assert a.decided_by.username == "district"


def test_bad_additions_are_refused_with_thai_field_messages(api_as: Any) -> None:
    team = api_as("team")
    r = team.post("/additions", {**ADDITION, "first_name": "", "nid": "3340100012340"})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {
        "first_name": ["กรุณาระบุชื่อ"],
        "nid": ["เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องมี 13 หลักและเลขตรวจสอบถูกต้อง)"],
    }
    r = team.post("/additions", {**ADDITION, "village_code": "34020101"})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"village_code": ["หมู่บ้านนี้อยู่นอกพื้นที่ของบัญชีนี้"]}
    assert Addition.objects.count() == 0


def test_the_proposer_a_team_and_another_district_get_403(
    api_as: Any, people: dict[str, Any]
) -> None:
    make_user("other_chief", "district_chief", "3402")
    from tests.api.conftest import Api, login

    other = Api(login("other_chief").json()["token"])
    chief = api_as("district")
    r = chief.post("/additions", ADDITION)
    pk = r.json()["id"]
    for api in (chief, api_as("team"), api_as("mentor"), other):
        r = api.post(f"/additions/{pk}/decision", {"approve": True, "identity_checked": True})
        assert r.status_code == 403, r.content
    assert Addition.objects.get().status == "pending"
    assert other.get("/additions", area="3401").status_code == 403
    assert (
        api_as("prov_admin").post("/additions/999999/decision", {"approve": False}).status_code
        == 404
    )


def test_corrections_are_recorded_listed_and_reversed(api_as: Any) -> None:
    team = api_as("team")
    r = team.post(
        f"/households/{YEAR}/{H1}/corrections", {"kind": "moved_out", "effective_on": "2026-11-30"}
    )
    assert r.status_code == 201
    body = r.json()
    c = Correction.objects.get()
    assert (body["id"], body["kind"], body["member_no"], body["active"]) == (
        c.pk,
        "moved_out",
        None,
        True,
    )
    r = team.post(
        f"/households/{YEAR}/{H1}/corrections",
        {"kind": "deceased", "member_no": 77, "effective_on": "2026-11-30"},
    )
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"member_no": ["ไม่พบสมาชิกลำดับนี้ในครัวเรือน"]}
    assert (
        team.post(
            f"/households/{YEAR}/{H4}/corrections", {"kind": "found", "effective_on": "2026-11-30"}
        ).status_code
        == 404
    )
    assert [i["id"] for i in team.get("/corrections", active=True).json()["items"]] == [c.pk]
    assert api_as("other_district").get("/corrections", area="3401").status_code == 403
    r = team.post(f"/corrections/{c.pk}/reversal", {"reason": "ผิดบ้าน"})
    assert r.status_code == 200 and r.json()["active"] is False
    c.refresh_from_db()
    assert c.reversed_reason == "ผิดบ้าน"
    assert (
        api_as("other_district").post(f"/corrections/{c.pk}/reversal", {"reason": "x"}).status_code
        == 404
    )


def test_assessments_are_recorded_and_listed(api_as: Any) -> None:
    team = api_as("team")
    r = team.post(
        f"/households/{YEAR}/{H3}/assessments",
        {"assessed_on": "2026-11-30", "results": {"8": "pass", "11": "fail"}},
    )
    assert r.status_code == 201
    a = Assessment.objects.get()
    assert r.json()["items"] == {"ind_08": 1, "ind_11": 0} == a.items
    r = team.post(
        f"/households/{YEAR}/{H3}/assessments",
        {"assessed_on": "2026-11-30", "results": {"2": "pass"}},
    )
    assert r.status_code == 422
    assert [i["id"] for i in team.get("/assessments").json()["items"]] == [a.pk]
    assert api_as("other_district").get("/assessments").json()["items"] == []
