"""Open data files: area statistics of one level and year as CSV or XLSX, suppressed by
the rule of publish.py (a suppressed cell is empty and its column is named in
``suppressed_columns``). No personal data: areas and counts only."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from tpmap.portal.publish import SUPPRESS_BELOW, rate
from tpmap.site import xlsx
from tpmap.warehouse.read.public import COUNT_COLUMNS


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    th: str
    en: str


COLUMNS: tuple[Column, ...] = (
    Column("year", "ปีข้อมูล (พ.ศ.)", "Data year (Buddhist era)"),
    Column(
        "scope",
        "ขอบเขต: all = ทุกครัวเรือน, no_card = เฉพาะครัวเรือนที่ไม่มีสมาชิกถือบัตรสวัสดิการแห่งรัฐ",
        "Scope: all = every household; no_card = only households where no member holds "
        "an active state welfare card",
    ),
    Column("area_code", "รหัสพื้นที่", "Area code (DOPA; villages: subdistrict code + หมู่ number)"),
    Column("level", "ระดับพื้นที่", "Level: country, province, district, subdistrict, village"),
    Column("name_th", "ชื่อพื้นที่ (ไทย)", "Area name in Thai"),
    Column("name_en", "ชื่อพื้นที่ (อังกฤษ)", "Area name in English"),
    Column("parent_code", "รหัสพื้นที่ที่อยู่เหนือขึ้นไป", "Code of the parent area"),
    Column("households_surveyed", "ครัวเรือนที่สำรวจ จปฐ.", "Households surveyed (BMN)"),
    Column("persons_surveyed", "คนที่สำรวจ จปฐ.", "Persons surveyed (BMN)"),
    Column(
        "mpi_poor_households",
        "ครัวเรือนที่ตกเกณฑ์ MPI อย่างน้อย 1 ตัวชี้วัด",
        "Households deprived in at least one MPI indicator",
    ),
    Column("mpi_poor_persons", "คนในครัวเรือนที่ตกเกณฑ์ MPI", "Members of MPI-poor households"),
    Column("target_persons", "คนจนเป้าหมายตามนโยบายของปี", "Target persons under the year's policy"),
    Column(
        "target_households",
        "ครัวเรือนที่มีคนจนเป้าหมายอย่างน้อย 1 คน",
        "Households with at least one target person",
    ),
    Column("health_target_persons", "คนจนเป้าหมายที่ขาดด้านสุขภาพ", "Target persons deprived in health"),
    Column(
        "living_target_persons",
        "คนจนเป้าหมายที่ขาดด้านความเป็นอยู่",
        "Target persons deprived in living conditions",
    ),
    Column(
        "education_target_persons",
        "คนจนเป้าหมายที่ขาดด้านการศึกษา",
        "Target persons deprived in education",
    ),
    Column("income_target_persons", "คนจนเป้าหมายที่ขาดด้านรายได้", "Target persons deprived in income"),
    Column(
        "access_target_persons",
        "คนจนเป้าหมายที่ขาดด้านการเข้าถึงบริการรัฐ",
        "Target persons deprived in access to public services",
    ),
    Column(
        "target_rate_pct",
        "ร้อยละของคนจนเป้าหมายต่อคนที่สำรวจ",
        "Target persons per 100 persons surveyed (empty when a count it uses is suppressed)",
    ),
    Column(
        "suppressed_columns",
        f"คอลัมน์ที่ปิดไว้ (คั่นด้วย ;): ค่า 1 ถึง {SUPPRESS_BELOW - 1} "
        "และค่าที่ต้องปิดเพิ่มเพื่อไม่ให้คำนวณย้อนกลับจากพื้นที่แม่และพื้นที่ข้างเคียงได้",
        f"Columns left empty (separated by ;): counts of 1 to {SUPPRESS_BELOW - 1}, and counts "
        "hidden so that subtracting from the parent area cannot give a hidden count back",
    ),
)
HEADER: tuple[str, ...] = tuple(c.name for c in COLUMNS)
assert set(COUNT_COLUMNS) <= set(HEADER)


def published_rows(year: int, rows: list[dict[str, Any]], scope: str = "all") -> list[list[Any]]:
    out: list[list[Any]] = []
    for r in rows:
        flagged: list[str] = []
        values: dict[str, Any] = {
            "year": year,
            "scope": scope,
            "area_code": r["code"],
            "level": r["level"],
            "name_th": r["name_th"],
            "name_en": r["name_en"] or "",
            "parent_code": r["parent_code"] or "",
        }
        for c in COUNT_COLUMNS:
            values[c] = r[c]  # None: hidden
            if r[c] is None:
                flagged.append(c)
        share = rate(r["target_persons"], r["persons_surveyed"])
        if share is None and r["persons_surveyed"] != 0:
            flagged.append("target_rate_pct")
        values["target_rate_pct"] = share
        values["suppressed_columns"] = ";".join(flagged)
        out.append([values[h] for h in HEADER])
    return out


def to_csv(rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    # UTF-8 with a BOM, so spreadsheet programs open the Thai names correctly.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "area_stats"
    # Area names come from the source files: written as texts (tpmap.site.xlsx), never formulas.
    xlsx.row(ws, HEADER)
    for r in rows:
        xlsx.row(ws, r)
    doc = wb.create_sheet("dictionary")
    xlsx.row(doc, ["column", "คำอธิบาย", "description"])
    for c in COLUMNS:
        xlsx.row(doc, [c.name, c.th, c.en])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def dictionary_csv() -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["column", "description_th", "description_en"])
    for c in COLUMNS:
        w.writerow([c.name, c.th, c.en])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
