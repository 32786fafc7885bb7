"""The household development plan through the API (F17): the plan document, the goal
(PUT with version), action rows (client_id, version, 409), the 4ท analysis, the stage
rules as 422s, 404 outside the caller's area; the database state after each."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from tests.api.conftest import Api
from tests.web_kit import H1, H4, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.models import Plan, PlanAction, PlanAnalysis, Problem, StageChange

pytestmark = pytest.mark.django_db
HOUSEHOLD = f"/households/{YEAR}/{H1}"
GOAL = "มีรายได้พอใช้ ไม่มีหนี้นอกระบบ"


def _row(**kw: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "dimension": "income",
        "household_does": "ปลูกผักสวนครัว",
        "support": "ประสานต้นกล้า",
        "agency": "เกษตรอำเภอ",
        "start_on": "2026-12-01",
        "end_on": "2027-01-31",
    }
    body.update(kw)
    return body


def test_a_plan_is_made_read_and_changed(api_as: Callable[[str], Api]) -> None:
    api = api_as("district")
    r = api.get(f"{HOUSEHOLD}/plan")
    assert r.status_code == 200
    doc = r.json()
    assert (doc["plan"], doc["actions"], doc["stage"], doc["head_name"]) == (
        None,
        [],
        None,
        "สมชาย ใจดี",
    )
    r = api.send("PUT", f"{HOUSEHOLD}/plan", {"goal": GOAL, "version": 0})
    assert r.status_code == 201
    assert (r.json()["goal"], r.json()["version"]) == (GOAL, 1)
    r = api.send("PUT", f"{HOUSEHOLD}/plan", {"goal": "ลดรายจ่าย", "version": 0})
    assert r.status_code == 409 and r.json()["error"]["code"] == "conflict"
    r = api.send("PUT", f"{HOUSEHOLD}/plan", {"goal": "ลดรายจ่าย", "version": 1})
    assert r.status_code == 200 and r.json()["version"] == 2
    assert Plan.objects.get().goal == "ลดรายจ่าย"
    assert AuditEvent.objects.filter(object_type="plan", action="view").count() == 1


def test_a_blank_goal_is_a_thai_422(api_as: Callable[[str], Api]) -> None:
    r = api_as("district").send("PUT", f"{HOUSEHOLD}/plan", {"goal": "  "})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"goal": ["กรุณาระบุเป้าหมายสูงสุดของครัวเรือน"]}
    assert Plan.objects.count() == 0


def test_action_rows_are_added_once_per_client_id_and_changed(
    api_as: Callable[[str], Api], people: dict[str, Any]
) -> None:
    api = api_as("district")
    r = api.post(f"{HOUSEHOLD}/plan/actions", _row())
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {
        "plan": ["กรุณาบันทึกเป้าหมายสูงสุดของครัวเรือนก่อนเพิ่มแผนปฏิบัติการ"]
    }
    api.send("PUT", f"{HOUSEHOLD}/plan", {"goal": GOAL})
    problem = api.post(
        f"{HOUSEHOLD}/problems", {"title": "รายได้ไม่พอ", "occurred_on": "2026-11-02"}
    ).json()
    cid = str(uuid.uuid4())
    body = _row(client_id=cid, problem_ids=[problem["id"]])
    first = api.post(f"{HOUSEHOLD}/plan/actions", body)
    assert first.status_code == 201
    row = first.json()
    assert (row["status"], row["problem_ids"], row["version"]) == ("continuing", [problem["id"]], 1)
    again = api.post(f"{HOUSEHOLD}/plan/actions", body)
    assert again.status_code == 200 and again.json()["id"] == row["id"]
    assert PlanAction.objects.count() == 1

    r = api.send("PATCH", f"/plan-actions/{row['id']}", {"version": 1, "status": "done"})
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["version"], r.json()["problem_ids"]) == (
        "done",
        2,
        [problem["id"]],
    )
    r = api.send("PATCH", f"/plan-actions/{row['id']}", {"version": 1, "status": "continuing"})
    assert r.status_code == 409
    assert PlanAction.objects.get().status == "done"
    doc = api.get(f"{HOUSEHOLD}/plan").json()
    assert [a["id"] for a in doc["actions"]] == [row["id"]]
    r = api.send("DELETE", f"/plan-actions/{row['id']}?version=2")
    assert r.status_code == 204 and PlanAction.objects.count() == 0
    assert Problem.objects.count() == 1


def test_a_row_naming_another_household_s_problem_is_a_422(
    api_as: Callable[[str], Api], people: dict[str, Any]
) -> None:
    api = api_as("national")
    other = api.post(
        f"/households/{YEAR}/{H4}/problems", {"title": "ของบ้านอื่น", "occurred_on": "2026-11-02"}
    ).json()
    api.send("PUT", f"{HOUSEHOLD}/plan", {"goal": GOAL})
    r = api.post(f"{HOUSEHOLD}/plan/actions", _row(problem_ids=[other["id"]]))
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"problem_ids": ["รายการที่เลือกไม่ใช่ของครัวเรือนนี้ในปีข้อมูลนี้"]}
    assert PlanAction.objects.count() == 0


def test_the_4t_analysis_and_the_stage(api_as: Callable[[str], Api]) -> None:
    api = api_as("team")
    body = {
        "analysed_on": "2026-11-20",
        "attitude": "อยากพึ่งตนเอง",
        "skills": "จักสาน",
        "resources": "ที่ดิน 2 ไร่",
        "way_out": "ขายผัก",
    }
    r = api.post(f"{HOUSEHOLD}/analysis", body)
    assert r.status_code == 201 and r.json()["version"] == 1
    r = api.post(f"{HOUSEHOLD}/analysis", {**body, "way_out": "ขายผักออนไลน์", "version": 1})
    assert r.status_code == 200 and r.json()["version"] == 2
    assert PlanAnalysis.objects.get().way_out == "ขายผักออนไลน์"

    r = api.post(f"{HOUSEHOLD}/stage", {"stage": "sufficient", "set_on": "2026-11-21"})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {
        "stage": ["ครัวเรือนต้องผ่านขั้นอยู่รอดก่อน (ปีแรกมุ่งให้อยู่รอดได้ก่อน)"]
    }
    r = api.post(f"{HOUSEHOLD}/stage", {"stage": "survive", "set_on": "2026-11-21"})
    assert r.status_code == 201 and r.json()["stage"] == "survive"
    r = api.post(f"{HOUSEHOLD}/stage", {"stage": "sustainable", "set_on": "2026-11-22"})
    assert r.status_code == 422
    r = api.post(f"{HOUSEHOLD}/stage", {"stage": "famous"})
    assert r.status_code == 422
    assert list(StageChange.objects.values_list("stage", flat=True)) == ["survive"]
    doc = api.get(f"{HOUSEHOLD}/plan").json()
    assert doc["stage"]["stage"] == "survive" and len(doc["stages"]) == 1
    assert doc["analysis"]["way_out"] == "ขายผักออนไลน์"


def test_a_household_outside_the_area_is_a_404(api_as: Callable[[str], Api]) -> None:
    api = api_as("other_district")  # district 3402: H1 is in 3401
    assert api.get(f"{HOUSEHOLD}/plan").status_code == 404
    assert api.send("PUT", f"{HOUSEHOLD}/plan", {"goal": GOAL}).status_code == 404
    assert api.post(f"{HOUSEHOLD}/stage", {"stage": "survive"}).status_code == 404
    district = api_as("district")
    district.send("PUT", f"{HOUSEHOLD}/plan", {"goal": GOAL})
    row = district.post(f"{HOUSEHOLD}/plan/actions", _row()).json()
    assert api.get(f"/plan-actions/{row['id']}").status_code == 404
    r = api.send("PATCH", f"/plan-actions/{row['id']}", {"version": 1, "status": "done"})
    assert r.status_code == 404
    assert api.send("DELETE", f"/plan-actions/{row['id']}").status_code == 404
    assert PlanAction.objects.get().status == "continuing"
    assert Plan.objects.count() == 1 and StageChange.objects.count() == 0
