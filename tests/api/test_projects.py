"""The projects endpoints (F24): make, change with ``version`` (409 when stale), list,
read and the eMENSCR JSON; every scope, status and database state."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from tests.projects.conftest import activity
from tests.web_kit import H1, H4, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.services import HouseholdRef
from tpmap.projects.models import Project

BODY: dict[str, Any] = {
    "name": "ส่งเสริมอาชีพครัวเรือนยากจน",
    "agency": "สำนักงานพัฒนาชุมชนอำเภอเมืองอุบลราชธานี",
    "budget": "150000.50",
    "strategy_target": "110201",
    "fiscal_year": 2569,
    "areas": ["3401"],
    "start_on": "2025-10-01",
    "end_on": "2026-09-30",
}


def test_a_district_makes_changes_and_exports_a_project(
    api_as: Any, people: dict[str, Any]
) -> None:
    a1 = activity(
        people["national"], HouseholdRef(YEAR, H1, "34010101", True), "ฝึกทอผ้า", date(2026, 11, 3)
    )
    district = api_as("district")
    key = str(uuid.uuid4())
    r = district.post("/projects", {**BODY, "activities": [a1.pk], "client_id": key})
    assert r.status_code == 201, r.content
    p = Project.objects.get()
    assert r.json() == {"id": p.pk, "version": 1}
    assert (p.budget, p.area_code, p.created_by.username) == (
        Decimal("150000.50"),
        "3401",
        "district",
    )
    again = district.post("/projects", {**BODY, "client_id": key})
    assert (again.status_code, again.json()) == (200, {"id": p.pk, "version": 1})
    assert Project.objects.count() == 1

    got = district.get(f"/projects/{p.pk}").json()
    assert (got["budget"], got["activities"], got["areas"], got["version"]) == (
        "150000.50",
        [a1.pk],
        ["3401"],
        1,
    )
    r = district.send("PUT", f"/projects/{p.pk}", {**BODY, "budget": "99", "version": 1})
    assert (r.status_code, r.json()) == (200, {"id": p.pk, "version": 2})
    stale = district.send("PUT", f"/projects/{p.pk}", {**BODY, "version": 1})
    assert stale.status_code == 409 and stale["X-Current-Version"] == "2"
    assert stale.json()["error"]["code"] == "conflict"
    p.refresh_from_db()
    assert (p.budget, p.version, p.activities.count()) == (Decimal("99.00"), 2, 0)

    doc = district.get(f"/projects/{p.pk}/emenscr.json")
    assert doc.status_code == 200
    body = doc.json()
    assert body["format"] == "tpmap-emenscr/1"
    assert body["project"]["strategy_target"] == {
        "code": "110201",
        "master_plan": "11",
        "master_plan_name": "การพัฒนาศักยภาพคนตลอดช่วงชีวิต",
        "sub_plan": "1102",
    }
    assert body["project"]["areas"] == [
        {"code": "3401", "level": "district", "name_th": "เมืองอุบลราชธานี"}
    ]
    assert AuditEvent.objects.filter(object_type="project", action="export").count() == 1
    assert AuditEvent.objects.filter(object_type="project", action="change").count() == 1


def test_bad_projects_are_refused_with_thai_field_messages_and_nothing_saved(
    api_as: Any,
) -> None:
    district = api_as("district")
    r = district.post("/projects", {**BODY, "strategy_target": "240101", "areas": ["3402"]})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {
        "strategy_target": ["รหัสเป้าหมายแผนแม่บทย่อยต้องเป็นตัวเลข 6 หลัก เช่น 110201 (แผนแม่บท 01-23)"],
        "areas": ["พื้นที่ 3402 ไม่อยู่ในพื้นที่ของบัญชีนี้"],
    }
    r = district.post("/projects", {**BODY, "budget": "-5"})
    assert r.status_code == 422
    r = district.post("/projects", {**BODY, "fiscal_year": 2590})
    assert r.json()["error"]["fields"] == {
        "fiscal_year": ["ปีงบประมาณต้องเป็นปี พ.ศ. 2561-2580 (ช่วงยุทธศาสตร์ชาติ)"]
    }
    assert Project.objects.count() == 0


def test_roles_and_areas_the_project_endpoints_refuse(api_as: Any, people: dict[str, Any]) -> None:
    a4 = activity(
        people["national"], HouseholdRef(YEAR, H4, "34020101", True), "ซ่อมบ้าน", date(2026, 11, 3)
    )
    assert api_as("team").post("/projects", BODY).status_code == 403
    assert api_as("national").post("/projects", BODY).status_code == 403
    made = api_as("district").post("/projects", BODY).json()
    other = api_as("other_district")
    # Another district neither sees nor changes it (404: never tells it exists).
    assert other.get(f"/projects/{made['id']}").status_code == 404
    assert other.get(f"/projects/{made['id']}/emenscr.json").status_code == 404
    put = other.send("PUT", f"/projects/{made['id']}", {**BODY, "version": 1})
    assert put.status_code == 404
    assert other.get("/projects").json() == {"total": 0, "items": []}
    # An activity of another district is refused without telling it exists.
    r = api_as("district").post("/projects", {**BODY, "activities": [a4.pk]})
    assert r.json()["error"]["fields"] == {
        "activities": [f"ไม่พบกิจกรรมในพื้นที่ดำเนินการของโครงการ: {a4.pk}"]
    }
    # The province lists and changes it; a list of another area is 403.
    province = api_as("prov_admin")
    listed = province.get("/projects", fiscal_year=2569).json()
    assert [i["id"] for i in listed["items"]] == [made["id"]] and listed["total"] == 1
    assert province.get("/projects", fiscal_year=2570).json()["total"] == 0
    assert province.get("/projects", area="35").status_code == 403
    r = province.send("PUT", f"/projects/{made['id']}", {**BODY, "name": "ใหม่", "version": 1})
    assert r.status_code == 200
    assert Project.objects.get().updated_by.username == "prov_admin"
    assert api_as("other_admin").get(f"/projects/{made['id']}").status_code == 404
