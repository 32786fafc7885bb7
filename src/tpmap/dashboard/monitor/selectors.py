"""Reads of the monitoring dashboard (F10, F20): the Logbook's follow-up of an area in a
data year. Every measure is one GROUP BY over the area's rows (a village-code range on an
indexed ``(year, village_code)``), the child areas included: the number of queries does
not grow with the number of child areas. Definitions: docs/monitor.md.

Callers pass an area the viewer may see (``tpmap.accounts.scope.narrow``); nothing here
looks at the viewer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.db.models import Count, DateField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Substr

from tpmap.core import areas as area_catalog
from tpmap.core.indicators import DIMENSIONS, MpiMapping
from tpmap.logbook.models import Activity, FollowedHousehold, FollowedMonth, Problem, ProblemStatus
from tpmap.warehouse.read import areas as warehouse_areas
from tpmap.warehouse.read import geo as warehouse_geo
from tpmap.warehouse.read import statistics as warehouse_statistics

M = TypeVar("M", bound=Any)

OVERDUE_DAYS = 30
OVERDUE_LIMIT = 50
TOP_AGENCIES = 12
UNSTATED = ""  # the dimension key of "ไม่ระบุ"
OTHER_AGENCIES = "\x00other"  # the row key of agencies past the top ones
DIMENSION_KEYS: tuple[str, ...] = (*DIMENSIONS, UNSTATED)
STATUS_KEYS: tuple[str, ...] = tuple(ProblemStatus.values)


def in_area(qs: QuerySet[M, Any], year: int, area: str) -> QuerySet[M, Any]:
    """Rows of ``year`` inside ``area`` (``TH`` = all), as a range on the village code so
    every database uses the ``(year, village_code)`` index."""
    qs = qs.filter(year=year)
    if area == area_catalog.COUNTRY_CODE:
        return qs
    low, high = area_catalog.code_range(area)
    return qs.filter(village_code__gte=low, village_code__lt=high)


# -- cards -----------------------------------------------------------------------------------
@dataclass
class Followed:
    """Households followed in the year: all, and target households by what they have."""

    followed: int = 0
    target: int = 0
    with_problem: int = 0
    with_activity: int = 0
    with_mentor: int = 0
    with_pin: int = 0
    overdue: int = 0


def _followed_counts(today: date) -> dict[str, Any]:
    target = Q(is_target=True)
    return {
        "followed": Count("id"),
        "target": Count("id", filter=target),
        "with_problem": Count("id", filter=target & Q(first_problem_on__isnull=False)),
        "with_activity": Count("id", filter=target & Q(first_activity_on__isnull=False)),
        "with_mentor": Count("id", filter=target & Q(mentor_on__isnull=False)),
        "with_pin": Count("id", filter=target & Q(pinned_on__isnull=False)),
        "overdue": Count(
            "id", filter=Q(oldest_open_problem_on__lte=today - timedelta(days=OVERDUE_DAYS))
        ),
    }


def followed_total(parts: Iterable[Followed]) -> Followed:
    """The sum of the counts of child areas: the area's own counts (every followed
    household lies in exactly one child), without reading the rows a second time."""
    out = Followed()
    for part in parts:
        for f in fields(Followed):
            setattr(out, f.name, getattr(out, f.name) + getattr(part, f.name))
    return out


def followed(year: int, area: str, *, today: date) -> Followed:
    row = in_area(FollowedHousehold.objects.all(), year, area).aggregate(**_followed_counts(today))
    return Followed(**row)


# -- months ----------------------------------------------------------------------------------
@dataclass
class MonthRow:
    month: date
    visited: int = 0
    with_problem: int = 0
    with_activity: int = 0
    mentor_assigned: int = 0
    pinned: int = 0
    # Cumulative from the first month: distinct target households so far.
    visited_total: int = 0
    with_problem_total: int = 0
    with_activity_total: int = 0
    with_mentor_total: int = 0
    with_pin_total: int = 0
    # When the month's figures come from its snapshot: when it was taken (else None, live).
    reported_at: datetime | None = None


def month_span(first: date, last: date) -> list[date]:
    out, m = [], first.replace(day=1)
    while m <= last:
        out.append(m)
        m = (m + timedelta(days=32)).replace(day=1)
    return out


def months(year: int, area: str) -> list[MonthRow]:
    """Target households visited per calendar month (any record dated in it), with a
    problem, an activity, a mentor assigned or a pin set in it, and the running totals of
    distinct target households; every month from the first to the last with a visit."""
    rows = list(
        in_area(FollowedMonth.objects.filter(is_target=True), year, area)
        .values("month")
        .annotate(
            visited=Count("id"),
            with_problem=Count("id", filter=Q(problem=True)),
            with_activity=Count("id", filter=Q(activity=True)),
            mentor_assigned=Count("id", filter=Q(mentor=True)),
            pinned=Count("id", filter=Q(pin=True)),
            new_visited=Count("id", filter=Q(first_visit=True)),
            new_problem=Count("id", filter=Q(first_problem=True)),
            new_activity=Count("id", filter=Q(first_activity=True)),
        )
        .order_by("month")
    )
    if not rows:
        return []
    by_month: dict[date, dict[str, Any]] = {r["month"]: dict(r) for r in rows}
    out: list[MonthRow] = []
    totals: dict[str, int] = defaultdict(int)
    for m in month_span(rows[0]["month"], rows[-1]["month"]):
        r = by_month.get(m, {})
        for key, new in (
            ("visited_total", "new_visited"),
            ("with_problem_total", "new_problem"),
            ("with_activity_total", "new_activity"),
            ("with_mentor_total", "mentor_assigned"),
            ("with_pin_total", "pinned"),
        ):
            totals[key] += r.get(new, 0)
        out.append(
            MonthRow(
                month=m,
                visited=r.get("visited", 0),
                with_problem=r.get("with_problem", 0),
                with_activity=r.get("with_activity", 0),
                mentor_assigned=r.get("mentor_assigned", 0),
                pinned=r.get("pinned", 0),
                visited_total=totals["visited_total"],
                with_problem_total=totals["with_problem_total"],
                with_activity_total=totals["with_activity_total"],
                with_mentor_total=totals["with_mentor_total"],
                with_pin_total=totals["with_pin_total"],
            )
        )
    return out


# -- tables of counts ------------------------------------------------------------------------
@dataclass
class Table:
    """Counts by row key and column key, with the totals of both."""

    rows: list[str]
    columns: list[Any]
    cells: dict[tuple[str, Any], int] = field(default_factory=dict)

    def cell(self, row: str, column: Any) -> int:
        return self.cells.get((row, column), 0)

    def row_total(self, row: str) -> int:
        return sum(self.cell(row, c) for c in self.columns)

    def column_total(self, column: Any) -> int:
        return sum(self.cell(r, column) for r in self.rows)

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    def grid(self) -> list[tuple[str, list[int], int]]:
        """(row key, cells in column order, row total) for a template."""
        return [(r, [self.cell(r, c) for c in self.columns], self.row_total(r)) for r in self.rows]

    def totals(self) -> list[int]:
        return [self.column_total(c) for c in self.columns]


def problems_by_dimension(year: int, area: str) -> Table:
    """Problems of the year by MPI dimension (ไม่ระบุ last) and status."""
    table = Table(rows=list(DIMENSION_KEYS), columns=list(STATUS_KEYS))
    for r in (
        in_area(Problem.objects.all(), year, area)
        .values("dimension", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        table.cells[(r["dimension"] or UNSTATED, r["status"])] = r["n"]
    return table


def _top(counts: dict[str, int], limit: int) -> tuple[list[str], set[str]]:
    ranked = sorted(counts, key=lambda a: (-counts[a], a))
    return ranked[:limit], set(ranked[limit:])


def _agency_table(raw: list[tuple[str, Any, int]], columns: list[Any], limit: int) -> Table:
    """(agency, column, count) rows as a table of the ``limit`` most active agencies, the
    others summed in one row."""
    per_agency: dict[str, int] = defaultdict(int)
    for agency, _col, n in raw:
        per_agency[agency] += n
    top, rest = _top(per_agency, limit)
    table = Table(rows=top + ([OTHER_AGENCIES] if rest else []), columns=columns)
    for agency, col, n in raw:
        key = (OTHER_AGENCIES if agency in rest else agency, col)
        table.cells[key] = table.cells.get(key, 0) + n
    return table


def activities_by_agency_month(year: int, area: str, *, limit: int = TOP_AGENCIES) -> Table:
    """Activities of the year by agency (the most active first; the rest summed as one
    row) and the calendar month they started. Grouped by day in the database (a covering
    index read in order, no date function per row) and by month here."""
    raw = [
        (r["agency"], r["start_on"].replace(day=1), r["n"])
        for r in in_area(Activity.objects.all(), year, area)
        .values("agency", "start_on")
        .annotate(n=Count("id"))
        .order_by()
    ]
    months = sorted({m for _a, m, _n in raw})
    columns = month_span(months[0], months[-1]) if months else []
    return _agency_table(raw, columns, limit)


def agencies_by_dimension(
    year: int, area: str, mapping: MpiMapping, *, limit: int = TOP_AGENCIES
) -> Table:
    """Activities of the year by agency and the MPI dimension they address: the dimension
    of their BMN item in ``mapping`` (an item an MPI indicator reads); for an activity
    without such an item, the dimension of the problem it answers; else ไม่ระบุ. Two grouped
    queries: activities placed by their item alone (no join), and those that need their
    problem's."""
    mpi = sorted(set(mapping.items.values()))
    activities = in_area(Activity.objects.all(), year, area)
    raw: list[tuple[str, Any, int]] = []
    for r in (
        activities.filter(Q(indicator__in=mpi) | Q(problem__isnull=True))
        .values("agency", "indicator")
        .annotate(n=Count("id"))
        .order_by()
    ):
        ind = r["indicator"]
        dim = mapping.item_dimension(ind) if ind is not None else None
        raw.append((r["agency"], dim or UNSTATED, r["n"]))
    for agency, dim, n in (
        activities.filter(problem__isnull=False)
        .exclude(indicator__in=mpi)
        .values("agency", "problem__dimension")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("agency", "problem__dimension", "n")
    ):
        raw.append((agency, dim or UNSTATED, n))
    return _agency_table(raw, list(DIMENSION_KEYS), limit)


# -- households with old open problems -------------------------------------------------------
@dataclass
class Overdue:
    household_id: str
    village_code: str
    is_target: bool
    open_problems: int
    oldest_on: date
    days_open: int


def overdue(year: int, area: str, *, today: date, limit: int = OVERDUE_LIMIT) -> list[Overdue]:
    """Households with a problem open (or in progress) for more than ``OVERDUE_DAYS`` days
    on ``today``, the longest open first: ids and villages only, no personal data."""
    cutoff = today - timedelta(days=OVERDUE_DAYS)
    qs = in_area(FollowedHousehold.objects.all(), year, area)
    if area == area_catalog.COUNTRY_CODE:
        qs = qs.alias(oldest=F("oldest_open_problem_on"))
    else:
        # A function of the column, so that SQLite's planner (without statistics) keeps to
        # the area's village-code range instead of walking the country's date index and
        # skipping other areas' rows (500 ms instead of 2 for a subdistrict at 400k rows).
        qs = qs.alias(
            oldest=Coalesce("oldest_open_problem_on", Value(date.max, output_field=DateField()))
        )
    rows = (
        qs.filter(oldest__lte=cutoff)
        .order_by("oldest", "household_id")
        .values_list(
            "household_id", "village_code", "is_target", "open_problems", "oldest_open_problem_on"
        )[:limit]
    )
    return [Overdue(hh, v, t, n, d, (today - d).days) for hh, v, t, n, d in rows if d]


# -- child areas -----------------------------------------------------------------------------
@dataclass
class ChildWork:
    followed: Followed = field(default_factory=Followed)
    problems: int = 0
    problems_open: int = 0
    activities: int = 0


def by_child(year: int, area: str, width: int, *, today: date) -> dict[str, ChildWork]:
    """The measures of each child area (village codes cut to ``width`` digits): one
    grouped query over the follow-up rows, whatever the number of children."""
    out: dict[str, ChildWork] = {}
    for r in (
        in_area(FollowedHousehold.objects.all(), year, area)
        .annotate(child=Substr("village_code", 1, width))
        .values("child")
        .annotate(
            **_followed_counts(today),
            n_problems=Sum("problems"),
            n_open=Sum("open_problems"),
            n_activities=Sum("activities"),
        )
        .order_by()
    ):
        row: dict[str, Any] = dict(r)
        work = ChildWork(
            problems=row.pop("n_problems") or 0,
            problems_open=row.pop("n_open") or 0,
            activities=row.pop("n_activities") or 0,
        )
        code = row.pop("child")
        work.followed = Followed(**row)
        out[code] = work
    return out


# The warehouse reads of the dashboard, named here so that its view imports only this
# module (the one place that follows the warehouse's read side when it is renamed).
area_summary = warehouse_statistics.summary
child_area_stats = warehouse_statistics.child_area_stats
area_names = warehouse_areas.area_names
child_area_points = warehouse_geo.child_area_points
