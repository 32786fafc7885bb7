"""Reporting periods: calendar months and fiscal quarters (Oct-Dec, Jan-Mar, Apr-Jun,
Jul-Sep; the Thai fiscal year is named by the Buddhist-era year in which it ends), and
their deadlines (the 15th of the month after the period, seed 003)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from tpmap.site.thaidate import BE_OFFSET, MONTHS_TH

DEADLINE_DAY = 15
QUARTER_STARTS = (10, 1, 4, 7)  # the months a fiscal quarter starts in, Q1..Q4


def month_start(d: date) -> date:
    return d.replace(day=1)


def add_months(d: date, n: int) -> date:
    """The first day of the month ``n`` months after ``d``'s."""
    index = d.year * 12 + d.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def quarter_start(d: date) -> date:
    """The first day of the fiscal quarter holding ``d``."""
    return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)


def is_period_start(kind: str, d: date) -> bool:
    if d.day != 1:
        return False
    return kind == "monthly" or d.month in QUARTER_STARTS


def period_end(kind: str, start: date) -> date:
    """The last day of the period starting on ``start``."""
    return add_months(start, 1 if kind == "monthly" else 3) - timedelta(days=1)


def deadline(kind: str, start: date) -> date:
    """The day a report of the period is due: the 15th of the month after the period."""
    return add_months(period_end(kind, start), 1).replace(day=DEADLINE_DAY)


def fiscal_year_be(d: date) -> int:
    """The Buddhist-era fiscal year of ``d`` (1 Oct 2025 starts fiscal year 2569)."""
    return d.year + (1 if d.month >= 10 else 0) + BE_OFFSET


def fiscal_quarter(d: date) -> int:
    return QUARTER_STARTS.index(quarter_start(d).month) + 1


def label(kind: str, start: date) -> str:
    """``ตุลาคม 2569`` or ``ไตรมาส 1 ปีงบประมาณ 2570 (ต.ค.-ธ.ค. 2569)``."""
    if kind == "monthly":
        return f"{MONTHS_TH[start.month - 1]} {start.year + BE_OFFSET}"
    end = period_end(kind, start)
    return _("ไตรมาส %(q)s ปีงบประมาณ %(fy)s (%(first)s - %(last)s %(year)s)") % {
        "q": fiscal_quarter(start),
        "fy": fiscal_year_be(start),
        "first": MONTHS_TH[start.month - 1],
        "last": MONTHS_TH[end.month - 1],
        "year": end.year + BE_OFFSET,
    }


def recent(kind: str, today: date, count: int) -> list[date]:
    """The starts of the ``count`` periods up to the one holding ``today``, newest first."""
    step = 1 if kind == "monthly" else 3
    first = month_start(today) if kind == "monthly" else quarter_start(today)
    return [add_months(first, -step * i) for i in range(count)]
