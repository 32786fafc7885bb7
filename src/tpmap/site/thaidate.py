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


#: How a Buddhist-era date is typed and shown in a form: day/month/year พ.ศ.
BE_INPUT_PATTERN = r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*$"
#: The earliest year read as Buddhist era: every date officers record is after 2400 (1857).
BE_MIN_YEAR = 2400


def format_be(d: date | None) -> str:
    """``20/11/2569``: a date as the date picker shows it (dd/mm/พ.ศ.); '' for None."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{be_year(d)}"


def parse_be(text: str) -> date | None:
    """The date of ``20/11/2569`` (day/month/year พ.ศ.; one-digit day and month allowed);
    None when the text is not such a date (a year before 2400 is not a Buddhist-era year,
    and 31/02 is no date)."""
    import re

    found = re.match(BE_INPUT_PATTERN, text or "")
    if not found:
        return None
    day, month, year = (int(g) for g in found.groups())
    if year < BE_MIN_YEAR:
        return None
    try:
        return date(year - BE_OFFSET, month, day)
    except ValueError:
        return None
