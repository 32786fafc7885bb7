"""The projects pages (F24): list, form, project page and the two eMENSCR downloads,
Thai first, Buddhist-era dates, area-scoped and audited."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from tests.projects.conftest import make
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.models import Activity
from tpmap.projects.models import Project

pytestmark = pytest.mark.django_db

FORM = {
    "name": "ส่งเสริมอาชีพ",
    "agency": "พช.อำเภอเมือง",
    "budget": "150000",
    "strategy_target": "110201",
    "fiscal_year": "2569",
    "start_on": "2025-10-01",
    "end_on": "2026-09-30",
    "objective": "เพิ่มรายได้",
    "areas": ["3401"],
}


def client_of(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_a_district_chief_makes_a_project_on_its_form(
    people: dict[str, Any], acts: dict[str, Activity]
) -> None:
    c = client_of(people["district"])
    page = c.get("/projects/new/")
    assert page.status_code == 200
    html = page.content.decode()
    # The areas offered: the district and its subdistricts; the activities: the area's.
    assert 'value="3401"' in html and 'value="340101"' in html and 'value="3402"' not in html
    assert "ฝึกทอผ้า" in html and "3 พ.ย. 2569" in html and "=HYPERLINK" not in html
    r = c.post("/projects/new/", {**FORM, "activities": [str(acts["a1"].pk)]})
    p = Project.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/projects/{p.pk}/"
    assert (p.budget, p.areas, list(p.activities.all())) == (
        Decimal("150000.00"),
        ["3401"],
        [acts["a1"]],
    )
    detail = c.get(f"/projects/{p.pk}/").content.decode()
    assert "การพัฒนาศักยภาพคนตลอดช่วงชีวิต" in detail and "1 ต.ค. 2568" in detail
    assert "150,000.00" in detail and "ฝึกทอผ้า" in detail
    listed = c.get("/projects/").content.decode()
    assert "ส่งเสริมอาชีพ" in listed


def test_a_bad_form_shows_thai_messages_and_saves_nothing(people: dict[str, Any]) -> None:
    c = client_of(people["district"])
    r = c.post("/projects/new/", {**FORM, "strategy_target": "1102", "areas": []})
    assert r.status_code == 400
    html = r.content.decode()
    assert "รหัสเป้าหมายแผนแม่บทย่อยต้องเป็นตัวเลข 6 หลัก" in html
    assert "กรุณาเลือกพื้นที่ดำเนินการอย่างน้อย 1 พื้นที่" in html
    assert Project.objects.count() == 0


def test_a_stale_edit_is_refused_with_409_and_a_thai_message(people: dict[str, Any]) -> None:
    p = make(people["district"])
    c = client_of(people["district"])
    assert c.get(f"/projects/{p.pk}/edit/").status_code == 200
    ok = c.post(f"/projects/{p.pk}/edit/", {**FORM, "name": "ชื่อใหม่", "version": "1"})
    assert ok.status_code == 302
    r = c.post(f"/projects/{p.pk}/edit/", {**FORM, "name": "ชื่อที่สาม", "version": "1"})
    assert r.status_code == 409
    assert "มีผู้แก้ไขโครงการนี้ไปก่อนแล้ว" in r.content.decode()
    p.refresh_from_db()
    assert (p.name, p.version) == ("ชื่อใหม่", 2)


def test_who_may_see_and_make_projects(people: dict[str, Any]) -> None:
    p = make(people["district"])
    assert client_of(people["team"]).get("/projects/new/").status_code == 403
    assert client_of(people["team"]).get("/projects/").status_code == 200
    other = client_of(people["other_district"])
    assert other.get(f"/projects/{p.pk}/").status_code == 404
    assert other.get(f"/projects/{p.pk}/emenscr.json").status_code == 404
    assert other.get(f"/projects/{p.pk}/edit/").status_code == 404
    assert Client().get("/projects/").status_code == 302


def test_the_xlsx_export_has_thai_headers_be_dates_and_safe_text(
    people: dict[str, Any], acts: dict[str, Activity]
) -> None:
    p = make(people["prov_admin"], areas=["34"], activities=[acts["a1"].pk, acts["a4"].pk])
    c = client_of(people["prov_health"])
    r = c.get(f"/projects/{p.pk}/emenscr.xlsx")
    assert r.status_code == 200
    assert r["Content-Disposition"] == f'attachment; filename="emenscr-{p.pk}.xlsx"'
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["โครงการ", "กิจกรรม"]
    facts = {row[0]: row[1] for row in wb["โครงการ"].iter_rows(min_row=2, values_only=True)}
    assert facts["รหัสโครงการ (TPMAP)"] == f"TPMAP-{p.pk}"
    assert facts["ปีงบประมาณ (พ.ศ.)"] == 2569
    assert facts["งบประมาณ (บาท)"] == 150000
    assert (facts["วันเริ่มต้น"], facts["วันสิ้นสุด"]) == ("1 ต.ค. 2568", "30 ก.ย. 2569")
    assert facts["แผนแม่บทภายใต้ยุทธศาสตร์ชาติ"] == "11 การพัฒนาศักยภาพคนตลอดช่วงชีวิต"
    assert facts["พื้นที่ดำเนินการ"] == "34 อุบลราชธานี"
    assert (facts["จำนวนกิจกรรม"], facts["จำนวนครัวเรือน"], facts["จำนวนหมู่บ้าน"]) == (2, 2, 2)
    acts_sheet = wb["กิจกรรม"]
    rows = list(acts_sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "รหัสกิจกรรม",
        "ชื่อกิจกรรม",
        "หน่วยงาน",
        "วันเริ่มต้น",
        "วันสิ้นสุด",
        "รหัสหมู่บ้าน",
        "ตัวชี้วัด จปฐ.",
    )
    assert rows[1][1:5] == ("ฝึกทอผ้า", "พช.", "3 พ.ย. 2569", None)
    # A name typed like a formula stays a text cell.
    cell = acts_sheet.cell(row=3, column=2)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("http://x")', "s", True)
    assert AuditEvent.objects.filter(action="export", actor_username="prov_health").count() == 1


def test_the_json_export_is_the_document_and_is_audited(people: dict[str, Any]) -> None:
    p = make(people["district"])
    r = client_of(people["district"]).get(f"/projects/{p.pk}/emenscr.json")
    assert r.status_code == 200 and r["Content-Type"] == "application/json; charset=utf-8"
    doc = json.loads(r.content)
    assert doc["project"]["project_name"] == "ส่งเสริมอาชีพครัวเรือนยากจน อำเภอเมือง"
    assert (doc["project"]["budget"], doc["project"]["start_date"]) == ("150000.00", "2025-10-01")
    assert doc["project"]["summary"] == {
        "activities": 0,
        "households": 0,
        "villages": 0,
        "activities_by_agency": {},
    }
    event = AuditEvent.objects.get(action="export")
    assert (event.object_id, event.after) == (str(p.pk), {"format": "json"})
