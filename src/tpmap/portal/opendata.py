"""Open data files: area statistics of one level and year as CSV or XLSX, suppressed by
the rule of publish.py (a suppressed cell is empty and its column is named in
``suppressed_columns``). No personal data: areas and counts only.

The files' header row is Thai (``Column.header_th``); the data dictionary (a CSV, and the
``dictionary`` sheet of every workbook) gives each Thai header its English column name and
description. Beside the statistics: persons by registry, type and agency (F5: welfare-card
holders, allowances by kind, disabled persons by type, health schemes) and one column per
group of the year's policy (``group_<id>``, first-match persons)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from tpmap.portal.publish import SUPPRESS_BELOW, rate
from tpmap.site import xlsx
from tpmap.warehouse.read.public import COUNT_COLUMNS


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # the English column name (the dictionary's, and suppressed_columns')
    th: str
    en: str
    header: str = ""  # the Thai header of the files when shorter than ``th``

    @property
    def header_th(self) -> str:
        return self.header or self.th


COLUMNS: tuple[Column, ...] = (
    Column("year", "ปีข้อมูล (พ.ศ.)", "Data year (Buddhist era)"),
    Column(
        "scope",
        "ขอบเขต: all = ทุกครัวเรือน, no_card = เฉพาะครัวเรือนที่ไม่มีสมาชิกถือบัตรสวัสดิการแห่งรัฐ",
        "Scope: all = every household; no_card = only households where no member holds "
        "an active state welfare card",
        header="ขอบเขต",
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
        "card_holders",
        "ผู้ถือบัตรสวัสดิการแห่งรัฐ (กระทรวงการคลัง)",
        "Active state welfare card holders (Ministry of Finance), surveyed or not",
    ),
    Column(
        "allowance_elderly",
        "ผู้รับเบี้ยยังชีพผู้สูงอายุ (องค์กรปกครองส่วนท้องถิ่น)",
        "Persons receiving the elderly living allowance (local administrations)",
    ),
    Column(
        "allowance_disabled",
        "ผู้รับเบี้ยความพิการ (องค์กรปกครองส่วนท้องถิ่น)",
        "Persons receiving the disability allowance (local administrations)",
    ),
    Column(
        "allowance_hiv",
        "ผู้รับเบี้ยยังชีพผู้ป่วยเอดส์ (องค์กรปกครองส่วนท้องถิ่น)",
        "Persons receiving the HIV/AIDS patients' allowance (local administrations)",
    ),
    *(
        Column(
            f"disabled_type_{t}",
            f"คนพิการทางการ{th} (กรมส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ)",
            f"Registered disabled persons, type {t}: {en} (Department of Empowerment of "
            "Persons with Disabilities)",
        )
        for t, th, en in (
            (1, "เห็น", "visual"),
            (2, "ได้ยินหรือสื่อความหมาย", "hearing or communication"),
            (3, "เคลื่อนไหวหรือทางร่างกาย", "physical or mobility"),
            (4, "จิตใจหรือพฤติกรรม", "mental or behavioural"),
            (5, "สติปัญญา", "intellectual"),
            (6, "เรียนรู้", "learning"),
            (7, "ออทิสติก", "autism"),
        )
    ),
    *(
        Column(
            f"health_{key}",
            f"ผู้มีสิทธิ{th} (สปสช.)",
            f"Persons whose health scheme is {en} (NHSO register)",
        )
        for key, th, en in (
            ("ucs", "หลักประกันสุขภาพแห่งชาติ", "the Universal Coverage Scheme (UCS)"),
            ("sss", "ประกันสังคม", "the Social Security Scheme (SSS)"),
            ("csmbs", "สวัสดิการข้าราชการ", "the Civil Servant Medical Benefit Scheme (CSMBS)"),
            ("lgo", "สวัสดิการพนักงานส่วนท้องถิ่น", "the local government officers' scheme (LGO)"),
            ("other", "อื่น ๆ", "another scheme"),
        )
    ),
    Column(
        "target_rate_pct",
        "ร้อยละของคนจนเป้าหมายต่อคนที่สำรวจ",
        "Target persons per 100 persons surveyed (empty when a count it uses is suppressed)",
    ),
)
#: The last column, after the groups of the year's policy.
SUPPRESSED = Column(
    "suppressed_columns",
    f"คอลัมน์ที่ปิดไว้ (คั่นด้วย ;): ค่า 1 ถึง {SUPPRESS_BELOW - 1} "
    "และค่าที่ต้องปิดเพิ่มเพื่อไม่ให้คำนวณย้อนกลับจากพื้นที่แม่และพื้นที่ข้างเคียงได้",
    f"Columns left empty (separated by ;): counts of 1 to {SUPPRESS_BELOW - 1}, and counts "
    "hidden so that subtracting from the parent area cannot give a hidden count back "
    "(English column names, see the dictionary)",
    header="คอลัมน์ที่ปิดไว้",
)
GROUP_PREFIX = "group_"
#: How the dictionary describes the group columns (one per group of the year's policy).
GROUP_DOC = Column(
    f"{GROUP_PREFIX}<id>",
    "คนในกลุ่มเป้าหมาย <id> ตามนโยบายของปีข้อมูล (นับกลุ่มแรกที่เข้าเกณฑ์)",
    "Persons placed in group <id> of the year's target policy (first matching group)",
    header="กลุ่ม <id>",
)
HEADER: tuple[str, ...] = (*(c.name for c in COLUMNS), SUPPRESSED.name)
assert set(COUNT_COLUMNS) <= set(HEADER)


def group_column(group_id: str) -> Column:
    return Column(
        f"{GROUP_PREFIX}{group_id}",
        GROUP_DOC.th.replace("<id>", group_id),
        GROUP_DOC.en.replace("<id>", group_id),
        header=GROUP_DOC.header.replace("<id>", group_id),
    )


def file_columns(group_ids: tuple[str, ...] = ()) -> tuple[Column, ...]:
    """The columns of one file: the statistics, the year's groups, suppressed_columns."""
    return (*COLUMNS, *(group_column(g) for g in group_ids), SUPPRESSED)


def dictionary_columns() -> tuple[Column, ...]:
    return (*COLUMNS, GROUP_DOC, SUPPRESSED)


def column_names(header_th: list[str]) -> list[str]:
    """The English names of a file's Thai header row (for readers and tests)."""
    by_header = {c.header_th: c.name for c in (*COLUMNS, SUPPRESSED)}
    prefix = GROUP_DOC.header.replace("<id>", "")
    return [
        by_header.get(h) or (GROUP_PREFIX + h.removeprefix(prefix) if h.startswith(prefix) else h)
        for h in header_th
    ]


def published_rows(
    year: int,
    rows: list[dict[str, Any]],
    scope: str = "all",
    *,
    group_ids: tuple[str, ...] = (),
    groups: dict[str, dict[str, int | None]] | None = None,
) -> list[list[Any]]:
    """The file's rows (in the order of ``file_columns(group_ids)``); ``groups`` holds the
    published persons per group of each area (None: hidden; absent: 0)."""
    names = [c.name for c in file_columns(group_ids)]
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
        area_groups = (groups or {}).get(str(r["code"]), {})
        for g in group_ids:
            n = area_groups.get(g, 0)
            values[GROUP_PREFIX + g] = n
            if n is None:
                flagged.append(GROUP_PREFIX + g)
        values["suppressed_columns"] = ";".join(flagged)
        out.append([values[h] for h in names])
    return out


def to_csv(rows: list[list[Any]], group_ids: tuple[str, ...] = ()) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([c.header_th for c in file_columns(group_ids)])
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    # UTF-8 with a BOM, so spreadsheet programs open the Thai names correctly.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list[Any]], group_ids: tuple[str, ...] = ()) -> bytes:

    wb, ws = xlsx.workbook("area_stats")
    columns = file_columns(group_ids)
    # Area names come from the source files: written as texts (tpmap.site.xlsx), never formulas.
    xlsx.row(ws, [c.header_th for c in columns])
    for r in rows:
        xlsx.row(ws, r)
    doc = wb.create_sheet("dictionary")
    xlsx.row(doc, ["หัวคอลัมน์", "column", "คำอธิบาย", "description"])
    for c in columns:
        xlsx.row(doc, [c.header_th, c.name, c.th, c.en])
    return xlsx.to_bytes(wb)


def dictionary_csv() -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["header_th", "column", "description_th", "description_en"])
    for c in dictionary_columns():
        w.writerow([c.header_th, c.name, c.th, c.en])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


assert len({c.header_th for c in (*COLUMNS, SUPPRESSED)}) == len(COLUMNS) + 1
