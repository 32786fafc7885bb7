"""The two files of a project's eMENSCR export, written from one document
(``selectors.document``): JSON as the document is, and an XLSX workbook with Thai
headers, Buddhist-era dates and every text cell through ``tpmap.site.xlsx`` (a text that
starts like a formula stays a text)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from tpmap.site import xlsx
from tpmap.site.thaidate import thai_date

JSON_TYPE = "application/json; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: The activity sheet's columns: (Thai header, key of an activity of the document).
ACTIVITY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("รหัสกิจกรรม", "activity_id"),
    ("ชื่อกิจกรรม", "name"),
    ("หน่วยงาน", "agency"),
    ("วันเริ่มต้น", "start_date"),
    ("วันสิ้นสุด", "end_date"),
    ("รหัสหมู่บ้าน", "village_code"),
    ("ตัวชี้วัด จปฐ.", "bmn_indicator"),
)


def to_json(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def _be(iso: str | None) -> str:
    """An ISO date of the document as a Buddhist-era date (``20 พ.ย. 2569``)."""
    return thai_date(date.fromisoformat(iso)) if iso else ""


def project_rows(doc: dict[str, Any]) -> list[tuple[str, Any]]:
    """(Thai header, value) of the project sheet, dates in the Buddhist era."""
    p = doc["project"]
    t = p["strategy_target"]
    return [
        ("รหัสโครงการ (TPMAP)", p["project_code"]),
        ("ชื่อโครงการ", p["project_name"]),
        ("หน่วยงานเจ้าของโครงการ", p["owner_agency"]),
        ("ปีงบประมาณ (พ.ศ.)", p["fiscal_year"]),
        ("งบประมาณ (บาท)", Decimal(p["budget"])),
        ("วันเริ่มต้น", _be(p["start_date"])),
        ("วันสิ้นสุด", _be(p["end_date"])),
        ("วัตถุประสงค์", p["objective"]),
        ("รหัสเป้าหมายแผนแม่บทย่อย", t["code"]),
        ("แผนแม่บทภายใต้ยุทธศาสตร์ชาติ", f"{t['master_plan']} {t['master_plan_name']}"),
        ("แผนย่อย", t["sub_plan"]),
        ("พื้นที่ดำเนินการ", ", ".join(f"{a['code']} {a['name_th']}" for a in p["areas"])),
        ("จำนวนกิจกรรม", p["summary"]["activities"]),
        ("จำนวนครัวเรือน", p["summary"]["households"]),
        ("จำนวนหมู่บ้าน", p["summary"]["villages"]),
        ("ส่งออกเมื่อ", thai_date(date.fromisoformat(doc["exported_at"][:10]))),
    ]


def to_xlsx(doc: dict[str, Any]) -> bytes:
    from openpyxl.styles import Font

    wb, ws = xlsx.workbook("โครงการ")
    xlsx.row(ws, ["หัวข้อ", "ข้อมูล"])
    for header, value in project_rows(doc):
        xlsx.row(ws, [header, value])
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 60
    acts = wb.create_sheet("กิจกรรม")
    xlsx.row(acts, [h for h, _ in ACTIVITY_COLUMNS])
    for a in doc["project"]["activities"]:
        xlsx.row(
            acts,
            [_be(a[k]) if k in ("start_date", "end_date") else a[k] for _, k in ACTIVITY_COLUMNS],
        )
    for sheet in (ws, acts):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = sheet.cell(row=2, column=1)
    return xlsx.to_bytes(wb)
