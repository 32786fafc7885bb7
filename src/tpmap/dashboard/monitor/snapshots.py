"""Monthly snapshots of the monitoring dashboard (F20): a month's figures of an area, kept
as they were reported once the month has ended, so that a record changed later does not
change a month already reported. A snapshot is taken by ``tpmap_snapshot --month YYYY-MM``
or, for an area and month nobody snapshotted, the first time the dashboard shows the month
once its reports are due (from day ``TPMAP_SNAPSHOT_DAY`` of the next month). Definitions
of the figures: docs/monitor.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, fields
from datetime import date, timedelta

from django.conf import settings

from tpmap.core import areas as area_catalog
from tpmap.dashboard.models import MonthlySnapshot
from tpmap.dashboard.monitor import selectors as sel
from tpmap.logbook.models import FollowedHousehold

# The figures a snapshot keeps: the counts of a month row of the monthly progress table.
FIGURES: tuple[str, ...] = tuple(
    f.name for f in fields(sel.MonthRow) if f.name not in ("month", "reported_at")
)
# Areas the command snapshots: the country and every province, district and subdistrict
# with a Logbook record (villages are snapshotted when their page is first viewed).
COMMAND_WIDTHS = (2, 4, 6)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def first_open_month(today: date) -> date:
    """The first month whose figures are not yet kept: the current month from day
    ``TPMAP_SNAPSHOT_DAY`` on, the month before until then (its reports are still due)."""
    current = first_of_month(today)
    if today.day >= settings.TPMAP_SNAPSHOT_DAY:
        return current
    return first_of_month(current - timedelta(days=1))


def parse_month(text: str) -> date:
    """``YYYY-MM`` (Gregorian, as in the page's ``data-month``) as the month's first day."""
    parts = text.split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(text)
    return date(int(parts[0]), int(parts[1]), 1)


def _figures(row: sel.MonthRow) -> dict[str, int]:
    values = asdict(row)
    return {k: int(values[k]) for k in FIGURES}


def live_month(rows: list[sel.MonthRow], month: date) -> sel.MonthRow:
    """The live row of ``month``: its row when it is in the span of visits; before the first
    visit, zeros; after the last, no visit in the month and the last cumulative totals."""
    for r in rows:
        if r.month == month:
            return r
    before = [r for r in rows if r.month < month]
    out = sel.MonthRow(month=month)
    if before:
        last = before[-1]
        for key in FIGURES:
            if key.endswith("_total"):
                setattr(out, key, getattr(last, key))
    return out


def _row(snapshot: MonthlySnapshot) -> sel.MonthRow:
    values = {k: int(snapshot.figures.get(k, 0)) for k in FIGURES}
    return sel.MonthRow(month=snapshot.month, reported_at=snapshot.taken_at, **values)


def as_reported(
    year: int, area: str, live: list[sel.MonthRow], *, today: date
) -> list[sel.MonthRow]:
    """The monthly rows of an area as reported: an ended month with a snapshot from it; a
    month whose reports are due (``first_open_month``) and has none gets one now, from
    ``live``; the other months live. One query to read the snapshots and, only the first
    time a month is shown once due, one to save it."""
    ended = first_of_month(today)
    due = first_open_month(today)
    kept = {s.month: s for s in MonthlySnapshot.objects.filter(year=year, area_code=area)}
    missing = [
        MonthlySnapshot(
            year=year, area_code=area, month=r.month, figures=_figures(r), source="view"
        )
        for r in live
        if r.month < due and r.month not in kept
    ]
    if missing:
        MonthlySnapshot.objects.bulk_create(missing, ignore_conflicts=True)
        kept.update({s.month: s for s in MonthlySnapshot.objects.filter(year=year, area_code=area)})
    kept = {m: s for m, s in kept.items() if m < ended}
    months = sorted({r.month for r in live} | set(kept))
    if not months:
        return []
    by_month = {r.month: r for r in live}
    out = []
    for m in sel.month_span(months[0], months[-1]):
        if m in kept:
            out.append(_row(kept[m]))
        else:
            out.append(by_month.get(m) or live_month(live, m))
    return out


def areas_with_records(year: int) -> list[str]:
    """The country and every province, district and subdistrict with a follow-up row."""
    villages = set(
        FollowedHousehold.objects.filter(year=year)
        .values_list("village_code", flat=True)
        .distinct()
    )
    codes = {v[:w] for v in villages for w in COMMAND_WIDTHS if len(v) >= w}
    return [area_catalog.COUNTRY_CODE, *sorted(codes)] if villages else []


def take(year: int, month: date, areas: Iterable[str], *, replace: bool = False) -> tuple[int, int]:
    """Snapshot ``month`` of ``year`` for each area: (taken, kept as they were). An existing
    snapshot stays as reported unless ``replace``."""
    taken = kept = 0
    for area in areas:
        row = live_month(sel.months(year, area), month)
        figures = _figures(row)
        if replace:
            MonthlySnapshot.objects.update_or_create(
                year=year,
                area_code=area,
                month=month,
                defaults={"figures": figures, "source": "command"},
            )
            taken += 1
            continue
        _snap, created = MonthlySnapshot.objects.get_or_create(
            year=year,
            area_code=area,
            month=month,
            defaults={"figures": figures, "source": "command"},
        )
        taken, kept = (taken + 1, kept) if created else (taken, kept + 1)
    return taken, kept
