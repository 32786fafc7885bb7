"""The household development plan on one A4 page in Thai, shaped as seed 002's paper form
(แบบแผนพัฒนาคุณภาพชีวิตครัวเรือน): head of household and mentor, the ultimate goal, the
stage, the 4ท analysis, then the action plan table, and the signatures. It is always one
page: rows that do not fit are counted in a last line that points to the Logbook."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from tpmap.core.indicators import DIMENSION_NAMES_TH
from tpmap.logbook.plans.selectors import PlanSheet
from tpmap.site.pdf import FONT, thai_pdf, wrap
from tpmap.site.thaidate import be_year, thai_date

LINE_H = 5.5  # mm per line of text (room for Thai marks above and below)
PAD = 1.2  # mm inside a cell


def period_text(start: date, end: date | None) -> str:
    """An action's period in the Buddhist era: ``1 เม.ย. 2569 – 31 พ.ค. 2569``."""
    if end is None or end == start:
        return thai_date(start)
    return f"{thai_date(start)} – {thai_date(end)}"


def plan_pdf(sheet: PlanSheet, *, today: date | None = None) -> bytes:
    today = today or timezone.localdate()
    pdf = thai_pdf(margin=12)
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    bottom = pdf.h - 32  # room for the signatures and the footer

    def line(text: str, *, bold: bool = False, size: float = 11, h: float = 6.5) -> None:
        pdf.set_font(FONT, "B" if bold else "", size)
        for part in wrap(pdf, text, usable):
            pdf.cell(0, h, part, new_x="LMARGIN", new_y="NEXT")

    def labelled(label: str, value: str) -> None:
        pdf.set_font(FONT, "B", 11)
        width = pdf.get_string_width(label) + 2
        pdf.cell(width, 6.5, label)
        pdf.set_font(FONT, "", 11)
        lines = wrap(pdf, value or "-", usable - width)
        for i, part in enumerate(lines):
            if i:
                pdf.set_x(pdf.l_margin + width)
            pdf.cell(0, 6.5, part, new_x="LMARGIN", new_y="NEXT")

    ref = sheet.ref
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 8, _("แบบแผนพัฒนาคุณภาพชีวิตครัวเรือน"), align="C", new_x="LMARGIN", new_y="NEXT")
    address = " ".join(
        p for p in (sheet.house_no and _("บ้านเลขที่ %s") % sheet.house_no, sheet.address) if p
    )
    line(
        _("รหัสบ้าน %(id)s · ปีข้อมูล %(year)s · %(address)s")
        % {"id": ref.household_id, "year": ref.year, "address": address},
        size=10,
        h=5.5,
    )
    pdf.ln(1)
    mentor = sheet.mentor
    mentor_text = f"{mentor.name} ({mentor.agency})" if mentor else "-"
    labelled(_("ชื่อหัวหน้าครัวเรือน:"), sheet.head_name)
    labelled(_("ข้าราชการพี่เลี้ยง:"), mentor_text)
    labelled(_("เป้าหมายสูงสุดของครัวเรือน:"), sheet.plan.goal if sheet.plan else "")
    stage = sheet.stage
    stage_text = (
        f"{stage.get_stage_display()} ({_('ตั้งแต่')} {thai_date(stage.set_on)})" if stage else "-"
    )
    labelled(_("ขั้นการพัฒนา (อยู่รอด พอเพียง ยั่งยืน):"), stage_text)

    pdf.ln(1)
    analysis = sheet.analysis
    title = _("การวิเคราะห์ปัญหาตามหลัก ๔ ท")
    if analysis is not None:
        title += " " + _("(วันที่ %(d)s โดย %(who)s)") % {
            "d": thai_date(analysis.analysed_on),
            "who": analysis.created_by.display_name,
        }
    line(title, bold=True)
    four = [
        (_("ทัศนคติ"), analysis.attitude if analysis else ""),
        (_("ทักษะ"), analysis.skills if analysis else ""),
        (_("ทรัพยากร"), analysis.resources if analysis else ""),
        (_("ทางออก"), analysis.way_out if analysis else ""),
    ]
    _table(pdf, [usable * 0.18, usable * 0.82], [(k, v or "-") for k, v in four], bottom)

    pdf.ln(2)
    line(_("ตารางแผนปฏิบัติการพัฒนาครัวเรือน (Action Plan)"), bold=True)
    headers = (
        _("ลำดับ"),
        _("มิติการพัฒนา"),
        _("กิจกรรม/สิ่งที่ครัวเรือน จะทำ (พึ่งตนเอง)"),
        _("กิจกรรมที่พี่เลี้ยง/ หน่วยงานจะสนับสนุน"),
        _("ระยะเวลา ดำเนินการ"),
        _("สถานะ (สำเร็จ/ ต่อเนื่อง)"),
    )
    weights = (0.06, 0.13, 0.26, 0.26, 0.17, 0.12)
    widths = [usable * w for w in weights]
    _table(pdf, widths, [headers], bottom, bold=True, size=9)
    rows = [
        (
            str(i),
            DIMENSION_NAMES_TH.get(a.dimension, a.dimension),
            a.household_does or "-",
            " · ".join(p for p in (a.support, a.agency) if p) or "-",
            period_text(a.start_on, a.end_on),
            a.get_status_display(),
        )
        for i, a in enumerate(sheet.actions, start=1)
    ]
    drawn = _table(pdf, widths, rows, bottom - LINE_H, size=9)
    if drawn < len(rows):
        line(
            _("และอีก %(n)s รายการ ดูได้ในแฟ้มบ้าน (TPMAP Logbook)") % {"n": len(rows) - drawn},
            size=9,
        )
    if not rows:
        line(_("ยังไม่มีแผนปฏิบัติการ"), size=9)

    pdf.set_font(FONT, "", 10)
    pdf.set_xy(pdf.l_margin, pdf.h - 30)
    half = usable / 2
    pdf.cell(half, 6, _("ลงชื่อ ..................................... หัวหน้าครัวเรือน"), align="C")
    pdf.cell(half, 6, _("ลงชื่อ ..................................... พี่เลี้ยง"), align="C")
    pdf.ln(6)
    pdf.cell(half, 6, f"({sheet.head_name or ' ' * 20})", align="C")
    pdf.cell(half, 6, f"({mentor.name if mentor else ' ' * 20})", align="C")
    pdf.set_xy(pdf.l_margin, pdf.h - 14)
    pdf.set_font(FONT, "", 8)
    pdf.cell(
        0,
        5,
        _("พิมพ์จาก TPMAP Logbook วันที่ %(d)s (พ.ศ. %(y)s)")
        % {"d": thai_date(today), "y": be_year(today)},
        align="R",
    )
    return bytes(pdf.output())


def _table(
    pdf: object,
    widths: Sequence[float],
    rows: Sequence[Sequence[str]],
    bottom: float,
    *,
    bold: bool = False,
    size: float = 10,
) -> int:
    """Draw ``rows`` as bordered cells, each wrapped to its width; stop before a row that
    would cross ``bottom``. The number of rows drawn."""
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    pdf.set_font(FONT, "B" if bold else "", size)
    drawn = 0
    for cells in rows:
        wrapped = [wrap(pdf, text, w - 2 * PAD) for text, w in zip(cells, widths, strict=True)]
        height = LINE_H * max(len(lines) for lines in wrapped)
        if pdf.get_y() + height > bottom:
            break
        x, y = pdf.l_margin, pdf.get_y()
        for lines, w in zip(wrapped, widths, strict=True):
            pdf.rect(x, y, w, height)
            for i, text in enumerate(lines):
                pdf.set_xy(x + PAD, y + i * LINE_H)
                pdf.cell(w - 2 * PAD, LINE_H, text)
            x += w
        pdf.set_xy(pdf.l_margin, y + height)
        drawn += 1
    return drawn
