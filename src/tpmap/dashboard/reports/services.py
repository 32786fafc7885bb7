"""The reports as data (:class:`Report`) built from selector rows by pure functions, and
the XLSX and PDF bytes of a report. Headers are Thai, dates in the Buddhist era."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tpmap.accounts.audit import audit_record
from tpmap.accounts.models import AuditEvent, User
from tpmap.core.indicators import DIMENSION_NAMES_TH, DIMENSIONS
from tpmap.dashboard.reports.selectors import AgencyRow
from tpmap.site import xlsx
from tpmap.site.pdf import ThaiPdf
from tpmap.site.thaidate import MONTHS_TH, be_year, thai_date
from tpmap.warehouse.read.reports import ComboRow, HouseholdRow, RegisterRow

Cell = str | int | None

# Layout of every workbook: title, three lines (area, period, date made), a blank row,
# the header row, the rows, then the totals row when the report has one.
HEADER_ROW = 6

CHILD_LEVEL_TH = {
    "country": "จังหวัด",
    "province": "อำเภอ",
    "district": "ตำบล",
    "subdistrict": "หมู่บ้าน",
}


def report_downloaded(
    *,
    actor: User | None,
    kind: str,
    area: str,
    fmt: str,
    rows: int,
    year: int | None,
    ip: str | None = None,
) -> None:
    """Audit a report download: who took which report of which area, in what format, with
    how many rows (the household list carries names, so every copy must be traceable)."""
    audit_record(
        actor=actor,
        action=AuditEvent.Action.EXPORT,
        object_type=f"report_{kind}",
        object_id=f"{area}.{fmt}",
        area_code=area,
        year=year,
        ip=ip,
        after={"format": fmt, "rows": rows},
    )


@dataclass
class Report:
    """A report: its title, then three lines (the area, the period, the date it was made),
    the header row, the rows and the totals row when it has one."""

    title: str
    area: str  # "พื้นที่ <name> (<code>)" and, per child area, which level
    period: str  # "ปีข้อมูล พ.ศ. 2566" or "เดือน..."
    made_on: date  # the workbook gives it as a date cell beside its label
    headers: list[str]
    rows: list[list[Cell]]
    total: list[Cell] | None = None
    widths: list[int] = field(default_factory=list)  # relative PDF column widths
    filename: str = "report"

    @property
    def lines(self) -> tuple[str, str, str]:
        return self.area, self.period, _made(self.made_on)


#: Excel's number format of a date in the Thai Buddhist calendar (LCID 041E, calendar 07):
#: the cell holds a real date, shown as e.g. "6 ธันวาคม 2569".
XLSX_BE_DATE = "[$-107041E]d mmmm yyyy;@"
#: Whole numbers with thousands separators, as the seeds print them (1,775).
XLSX_COUNT = "#,##0"
MADE_LABEL = "วันที่จัดทำ"


def _made(today: date) -> str:
    return f"{MADE_LABEL} {thai_date(today, full=True)}"


def _area_line(name: str, code: str, child_level: str = "") -> str:
    by_child = f" แยกราย{child_level}" if child_level else ""
    return f"พื้นที่ {name} ({code}){by_child}"


def _shown(value: Cell) -> str:
    """A cell as a PDF shows it: numbers with thousands separators."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _totals(rows: Sequence[Sequence[Cell]], label_cols: int, width: int) -> list[Cell]:
    """The totals row, as wide as the header (``width``) even when there is no row: an
    empty report is a valid report, with zeros."""
    out: list[Cell] = ["รวม", *(None for _ in range(label_cols - 1))]
    for i in range(label_cols, width):
        out.append(sum(int(r[i] or 0) for r in rows))
    return out


def _year_report(
    title: str,
    area: str,
    year: int,
    today: date,
    headers: list[str],
    body: list[list[Cell]],
    *,
    widths: list[int],
    filename: str,
    total: list[Cell] | None = None,
) -> Report:
    """A report of one data year (``area``: its area line)."""
    return Report(
        title=title,
        area=area,
        period=f"ปีข้อมูล พ.ศ. {year}",
        made_on=today,
        headers=headers,
        rows=body,
        total=total,
        widths=widths,
        filename=filename,
    )


def register_report(
    rows: list[RegisterRow], *, area: str, area_name: str, level: str, year: int, today: date
) -> Report:
    """(a) Register summary of target households and people per child area."""
    child = CHILD_LEVEL_TH.get(level, "พื้นที่")
    headers = [
        "รหัส",
        child,
        "ครัวเรือนเป้าหมาย",
        "ผู้ถือบัตรสวัสดิการแห่งรัฐ",
        "สมาชิกครัวเรือนเป้าหมาย",
        *(f"ครัวเรือนเป้าหมายขาด{DIMENSION_NAMES_TH[d]}" for d in DIMENSIONS),
        "คนเป้าหมาย",
    ]
    body: list[list[Cell]] = [
        [
            r.code,
            r.name_th,
            r.target_households,
            r.card_holders,
            r.members,
            *r.deprived,
            r.target_persons,
        ]
        for r in rows
    ]
    return _year_report(
        "สรุปข้อมูลครัวเรือนเป้าหมายและคนเป้าหมาย",
        _area_line(area_name, area, child),
        year,
        today,
        headers,
        body,
        total=_totals(body, 2, len(headers)),
        widths=[8, 22, *([10] * 9)],
        filename=f"register-{area}-{year}",
    )


def combination_label(indicators: Sequence[int]) -> str:
    """``ไม่ผ่าน [20,21]`` as the provincial tables write a combination of failed indicators;
    ``ผ่าน`` for the households that pass the dimension (no failed indicator)."""
    if not indicators:
        return "ผ่าน"
    return "ไม่ผ่าน [" + ",".join(str(i) for i in indicators) + "]"


def combinations_report(
    rows: list[ComboRow], *, area: str, area_name: str, level: str, year: int, today: date
) -> Report:
    """(b) MPI-poor households per dimension, for the area as a whole then per child area:
    "ผ่าน" first, then each failed-indicator combination, most frequent first; each
    dimension's rows of an area add up to its MPI-poor households (so no totals row)."""
    child = CHILD_LEVEL_TH.get(level, "พื้นที่")
    body: list[list[Cell]] = [
        [
            r.code,
            r.name_th,
            DIMENSION_NAMES_TH[r.dimension],
            combination_label(r.indicators),
            r.households,
        ]
        for r in rows
    ]
    headers = ["รหัส", child, "มิติ", "ตัวชี้วัดที่ไม่ผ่าน", "จำนวนครัวเรือน"]
    return _year_report(
        "ครัวเรือนยากจนหลายมิติ แยกตามมิติและตัวชี้วัดที่ไม่ผ่าน",
        _area_line(area_name, area, child),
        year,
        today,
        headers,
        body,
        widths=[8, 22, 22, 30, 12],
        filename=f"mpi-combinations-{area}-{year}",
    )


def month_label(month: date) -> str:
    return f"{MONTHS_TH[month.month - 1]} {be_year(month)}"


def assistance_report(
    rows: list[AgencyRow], *, area: str, area_name: str, month: date, today: date
) -> Report:
    """(c) Monthly integrated-assistance report per agency from the Logbook."""
    body: list[list[Cell]] = [
        [r.agency, r.problems, r.activities_started, r.activities_done, r.households] for r in rows
    ]
    headers = [
        "หน่วยงาน",
        "ปัญหาที่บันทึก",
        "กิจกรรมที่เริ่ม",
        "กิจกรรมที่เสร็จสิ้น",
        "ครัวเรือนที่ได้รับการช่วยเหลือ",
    ]
    return Report(
        title="รายงานผลการช่วยเหลือแบบบูรณาการประจำเดือน แยกตามหน่วยงาน",
        area=_area_line(area_name, area),
        period=f"เดือน{month_label(month)}",
        made_on=today,
        headers=headers,
        rows=body,
        total=_totals(body, 1, len(headers)),
        widths=[40, 15, 15, 15, 15],
        filename=f"assistance-{area}-{be_year(month)}-{month.month:02d}",
    )


def household_report(
    rows: list[HouseholdRow], *, area: str, area_name: str, year: int, today: date
) -> Report:
    """(d) Household list of an area for field teams: no national ID at all."""
    body: list[list[Cell]] = [
        [
            r.household_id,
            r.village_code,
            r.house_no,
            r.head_name,
            r.address,
            r.members,
            r.target_members,
            ", ".join(str(i) for i in r.failed_indicators),
        ]
        for r in rows
    ]
    headers = [
        "รหัสบ้าน",
        "รหัสหมู่บ้าน",
        "บ้านเลขที่",
        "หัวหน้าครัวเรือน",
        "ที่อยู่",
        "สมาชิก",
        "คนเป้าหมาย",
        "ตัวชี้วัดที่ไม่ผ่าน",
    ]
    return _year_report(
        "รายชื่อครัวเรือนเป้าหมายสำหรับทีมปฏิบัติการ",
        _area_line(area_name, area),
        year,
        today,
        headers,
        body,
        widths=[14, 10, 8, 20, 36, 8, 10, 16],
        filename=f"households-{area}-{year}",
    )


def to_xlsx(report: Report) -> bytes:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb, ws = xlsx.workbook("รายงาน")
    # Every cell through tpmap.site.xlsx: agencies, names and addresses are typed by people.
    xlsx.put(ws, row=1, column=1, value=report.title).font = Font(bold=True, size=14)
    xlsx.put(ws, row=2, column=1, value=report.area)
    xlsx.put(ws, row=3, column=1, value=report.period)
    # The date made: a real date cell, shown in the Buddhist era, beside its label.
    xlsx.put(ws, row=4, column=1, value=MADE_LABEL)
    xlsx.put(ws, row=4, column=2, value=report.made_on).number_format = XLSX_BE_DATE
    for c, h in enumerate(report.headers, start=1):
        cell = xlsx.put(ws, row=HEADER_ROW, column=c, value=h)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    def put(r: int, c: int, v: Cell) -> Any:
        cell = xlsx.put(ws, row=r, column=c, value=v)
        if isinstance(v, int) and not isinstance(v, bool):
            cell.number_format = XLSX_COUNT
        return cell

    r = HEADER_ROW
    for r, row in enumerate(report.rows, start=HEADER_ROW + 1):
        for c, v in enumerate(row, start=1):
            put(r, c, v)
    if report.total is not None:
        for c, v in enumerate(report.total, start=1):
            put(r + 1, c, v).font = Font(bold=True)
    for c, h in enumerate(report.headers, start=1):
        ws.column_dimensions[get_column_letter(c)].width = max(10, min(40, len(h) + 2))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    return xlsx.to_bytes(wb)


def to_pdf(report: Report) -> bytes:
    """The report as an A4 landscape PDF in Sarabun (``site.pdf.ThaiPdf``: the table drawn
    cell by cell, its header row repeated on every page, Thai words never broken)."""
    doc = ThaiPdf()
    doc.heading(report.title)
    for line in report.lines:
        doc.paragraph(line)
    doc.space()
    rows = [[_shown(v) for v in row] for row in report.rows]
    if report.total is not None:
        rows.append([_shown(v) for v in report.total])
    doc.table(report.headers, rows, report.widths, bold_last=report.total is not None)
    return doc.output()
