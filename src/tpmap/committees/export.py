"""The consolidated report of a committee (a province's: its districts' reports summed,
with its own texts) as an XLSX workbook and an A4 PDF. Thai headers, Buddhist-era dates;
every text cell goes through ``tpmap.site.xlsx`` so a typed ``=`` never becomes a formula."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tpmap.committees import figures as report_figures
from tpmap.committees.models import ReportStatus
from tpmap.committees.selectors import Consolidated
from tpmap.logbook.models import CorrectionKind
from tpmap.site import xlsx
from tpmap.site.pdf import ThaiPdf
from tpmap.site.thaidate import thai_date


def _headers() -> list[str]:
    return [
        _("ศจพ."),
        _("รหัสพื้นที่"),
        _("สถานะ"),
        _("วันที่ส่ง"),
        _("ครัวเรือนที่ได้รับการเยี่ยม"),
        _("ครัวเรือนเป้าหมายที่ได้รับการเยี่ยม"),
        _("ปัญหา: รอดำเนินการ"),
        _("ปัญหา: กำลังดำเนินการ"),
        _("ปัญหา: แก้ไขแล้ว"),
        _("ปัญหาทั้งหมด"),
        _("กิจกรรมช่วยเหลือ"),
        _("ผลการเยี่ยมบ้าน"),
        _("ออกจากกลุ่มเป้าหมาย"),
    ]


def _numbers(f: dict[str, Any] | None) -> list[Any]:
    if f is None:
        return [""] * 9
    p = f["problems"]
    return [
        f["visited"],
        f["visited_target"],
        p["open"],
        p["in_progress"],
        p["resolved"],
        p["total"],
        f["activities_total"],
        f["corrections_total"],
        f["exits"],
    ]


@dataclass
class Sheet:
    title: str
    lines: list[str]
    headers: list[str]
    rows: list[list[Any]]
    texts: list[tuple[str, str]]
    agencies: list[tuple[str, int]]
    corrections: list[tuple[str, int]]


def sheet(c: Consolidated) -> Sheet:
    """What both formats show, in order."""
    rows: list[list[Any]] = []
    for child in c.children:
        r = child.report
        if child.submitted and r is not None:
            status = _("ส่งแล้ว (หลังกำหนด)") if r.late else _("ส่งแล้ว")
            rows.append(
                [
                    child.committee.name,
                    child.committee.area_code,
                    status,
                    thai_date(r.submitted_at),
                    *_numbers(r.figures),
                ]
            )
        else:
            status = _("ร่าง ยังไม่ส่ง") if r is not None else _("ยังไม่ส่ง")
            rows.append(
                [child.committee.name, child.committee.area_code, status, "", *_numbers(None)]
            )
    submitted = len(c.children) - len(c.missing)
    rows.append(
        [
            _("รวมที่ส่งแล้ว %(n)s จาก %(of)s") % {"n": submitted, "of": len(c.children)},
            "",
            "",
            "",
            *_numbers(c.total),
        ]
    )
    own = c.own
    own_submitted = own is not None and own.status == ReportStatus.SUBMITTED
    lines = [
        _("รอบรายงาน: %(period)s") % {"period": c.label},
        _("กำหนดส่ง: %(date)s") % {"date": thai_date(c.deadline, full=True)},
        _("ยังไม่ส่ง: %(names)s") % {"names": ", ".join(r.committee.name for r in c.missing) or "-"},
    ]
    if own_submitted and own is not None:
        lines.append(
            _("ส่งโดย %(who)s เมื่อ %(date)s")
            % {
                "who": own.submitted_by.display_name if own.submitted_by else "-",
                "date": thai_date(own.submitted_at, with_time=True),
            }
        )
    texts = [
        (_("ผลการดำเนินการ"), own.results if own else ""),
        (_("ปัญหาและอุปสรรค"), own.obstacles if own else ""),
        (_("ข้อเสนอแนะ"), own.suggestions if own else ""),
    ]
    total = c.total or report_figures.empty()
    return Sheet(
        title=_("รายงานสรุปของ %(name)s") % {"name": c.committee.name},
        lines=lines,
        headers=_headers(),
        rows=rows,
        texts=texts,
        agencies=list(total["activities"].items()),
        corrections=[
            (str(dict(CorrectionKind.choices).get(k, k)), n)
            for k, n in total["corrections"].items()
        ],
    )


def to_xlsx(c: Consolidated) -> bytes:

    s = sheet(c)
    wb, ws = xlsx.workbook(_("สรุป"))
    xlsx.row(ws, [s.title])
    for line in s.lines:
        xlsx.row(ws, [line])
    xlsx.row(ws, [])
    xlsx.row(ws, s.headers)
    for r in s.rows:
        xlsx.row(ws, r)
    xlsx.row(ws, [])
    for heading, text in s.texts:
        xlsx.row(ws, [heading, text or "-"])
    ws.column_dimensions["A"].width = 34
    agencies = wb.create_sheet(_("กิจกรรมตามหน่วยงาน"))
    xlsx.row(agencies, [_("หน่วยงาน"), _("จำนวนกิจกรรม")])
    for name, n in s.agencies:
        xlsx.row(agencies, [name, n])
    agencies.column_dimensions["A"].width = 40
    outcomes = wb.create_sheet(_("ผลการเยี่ยมบ้าน"))
    xlsx.row(outcomes, [_("ผลการเยี่ยมบ้าน"), _("จำนวน")])
    for name, n in s.corrections:
        xlsx.row(outcomes, [name, n])
    return xlsx.to_bytes(wb)


def to_pdf(c: Consolidated) -> bytes:
    s = sheet(c)
    doc = ThaiPdf()
    doc.heading(s.title)
    for line in s.lines:
        doc.paragraph(line)
    doc.space()
    doc.table(s.headers, s.rows, widths=[3, 1.2, 1.6, 1.5] + [1] * 9, bold_last=True)
    for heading, text in s.texts:
        doc.heading(heading, size=11)
        doc.paragraph(text or "-")
    if s.agencies:
        doc.heading(_("กิจกรรมตามหน่วยงาน"), size=11)
        doc.table([_("หน่วยงาน"), _("จำนวนกิจกรรม")], s.agencies, widths=[4, 1])
    return doc.output()
