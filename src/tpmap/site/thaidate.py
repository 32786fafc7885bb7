"""Thai dates in the Buddhist era (พ.ศ. = ค.ศ. + 543), as officials write them."""

from __future__ import annotations

from datetime import date, datetime

BE_OFFSET = 543
MONTHS_TH_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
MONTHS_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip


def be_year(d: date) -> int:
    return d.year + BE_OFFSET


def thai_date(d: date | datetime | None, *, full: bool = False, with_time: bool = False) -> str:
    """``21 พ.ย. 2569`` (or ``21 พฤศจิกายน 2569`` with ``full``); '' for None.

    An aware datetime is shown in the current time zone, with ``HH:MM น.`` if asked."""
    if d is None:
        return ""
    if isinstance(d, datetime):
        from django.utils import timezone

        if timezone.is_aware(d):
            d = timezone.localtime(d)
        text = thai_date(d.date(), full=full)
        return f"{text} {d:%H:%M} น." if with_time else text
    month = (MONTHS_TH if full else MONTHS_TH_ABBR)[d.month - 1]
    return f"{d.day} {month} {be_year(d)}"


def thai_month(d: date) -> str:
    """``ม.ค. 2567``: a month as officials write it in tables."""
    return f"{MONTHS_TH_ABBR[d.month - 1]} {be_year(d)}"
