"""Logbook reads of the monthly integrated-assistance report (Django ORM)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from tpmap.logbook.models import Activity, Problem
from tpmap.warehouse.read import areas as warehouse_areas
from tpmap.warehouse.read import reports as warehouse_reports


@dataclass(frozen=True, slots=True)
class AgencyRow:
    agency: str
    problems: int
    activities_started: int
    activities_done: int
    households: int  # households with a problem or an activity of the agency in the month


def month_bounds(month: date) -> tuple[date, date]:
    """The first day of ``month`` and of the month after."""
    start = month.replace(day=1)
    end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start, end


def _in_area(qs: QuerySet[Any, Any], prefix: str) -> QuerySet[Any, Any]:
    return qs.filter(village_code__startswith=prefix) if prefix else qs


def assistance_by_agency(prefix: str, month: date) -> list[AgencyRow]:
    """Per agency (the catalogue's entry when the record has one, so spellings of one agency
    count together; else its text), the month's Logbook work in the area of village-code
    ``prefix`` ('' = the whole country): problems recorded (by their date), activities started and
    finished, and households reached by any of these."""
    start, end = month_bounds(month)
    problems = _in_area(Problem.objects.filter(occurred_on__gte=start, occurred_on__lt=end), prefix)
    started = _in_area(Activity.objects.filter(start_on__gte=start, start_on__lt=end), prefix)
    done = _in_area(Activity.objects.filter(end_on__gte=start, end_on__lt=end), prefix)
    counts: dict[str, list[int]] = {}
    reached: dict[str, set[tuple[int, str]]] = {}
    for i, qs in enumerate((problems, started, done)):
        rows = qs.values_list("agency_ref__name", "agency", "year", "household_id")
        for catalogued, agency, year, household in rows:
            # The agency catalogue's name (routing), else the record's text.
            key = catalogued or agency.strip()
            counts.setdefault(key, [0, 0, 0])[i] += 1
            reached.setdefault(key, set()).add((year, household))
    return [
        AgencyRow(a, c[0], c[1], c[2], len(reached[a]))
        for a, c in sorted(counts.items(), key=lambda kv: kv[0])
    ]


# The warehouse reads of the reports, named here so that the views import only this module
# (the one place that follows the warehouse's read side when it is renamed).
register_summary = warehouse_reports.register_summary
deprivation_combinations = warehouse_reports.deprivation_combinations
child_areas = warehouse_areas.child_areas
household_list = warehouse_reports.household_register
