"""The figures of an area over a reporting period, read from the Logbook at submission and
frozen in the report (docs/committees.md, "Figures"):

* ``visited_target`` / ``visited``: distinct target / all households with a Logbook record
  dated in a month of the period — the monitoring dashboard's "visited in a month"
  (``FollowedMonth``), over the period's months and every data year;
* ``problems``: problems dated (``occurred_on``) in the period, by their status at
  submission, with ``total``;
* ``activities``: activities started (``start_on``) in the period by agency, with
  ``activities_total``;
* ``corrections``: visit outcomes (``effective_on`` in the period, not reversed) by kind,
  with ``corrections_total``, and ``exits``: those that take a household or person out
  (moved out, deceased, not poor, not found);
* ``stages``: the area's households with a development-plan stage (F17) by their stage at
  the period's end (their latest ``StageChange`` on or before it): survive, sufficient,
  sustainable. A report frozen before stages were counted keeps None ("not counted").

A consolidated report sums its children's frozen figures (``add``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from tpmap.core import areas
from tpmap.logbook.models import (
    EXCLUDING_KINDS,
    Activity,
    Correction,
    FollowedMonth,
    PlanStage,
    Problem,
    ProblemStatus,
    StageChange,
)

Figures = dict[str, Any]
STATUS_KEYS: tuple[str, ...] = tuple(ProblemStatus.values)
UNSTATED_AGENCY = "ไม่ระบุ"


def _in_area(qs: QuerySet[Any, Any], area: str) -> QuerySet[Any, Any]:
    if area == areas.COUNTRY_CODE:
        return qs
    low, high = areas.code_range(area)
    return qs.filter(village_code__gte=low, village_code__lt=high)


def empty() -> Figures:
    return {
        "visited_target": 0,
        "visited": 0,
        "problems": {**dict.fromkeys(STATUS_KEYS, 0), "total": 0},
        "activities": {},
        "activities_total": 0,
        "corrections": {},
        "corrections_total": 0,
        "exits": 0,
        # None: "not counted" (a report frozen before stages were), never zero.
        "stages": None,
    }


def area_figures(area: str, start: date, end: date) -> Figures:
    """The figures of ``area`` from ``start`` to ``end`` (both included)."""
    out = empty()
    months = _in_area(FollowedMonth.objects.all(), area).filter(
        month__gte=start.replace(day=1), month__lte=end
    )
    counted = months.aggregate(
        visited=Count("household_id", distinct=True),
        visited_target=Count("household_id", distinct=True, filter=Q(is_target=True)),
    )
    out["visited"] = counted["visited"]
    out["visited_target"] = counted["visited_target"]

    problems = _in_area(Problem.objects.all(), area).filter(
        occurred_on__gte=start, occurred_on__lte=end
    )
    for row in problems.values("status").annotate(n=Count("id")):
        out["problems"][row["status"]] = row["n"]
    out["problems"]["total"] = sum(out["problems"][k] for k in STATUS_KEYS)

    activities = _in_area(Activity.objects.all(), area).filter(
        start_on__gte=start, start_on__lte=end
    )
    by_agency: dict[str, int] = {}
    for row in activities.values("agency").annotate(n=Count("id")):
        key = row["agency"].strip() or UNSTATED_AGENCY
        by_agency[key] = by_agency.get(key, 0) + row["n"]
    out["activities"] = dict(sorted(by_agency.items(), key=lambda kv: (-kv[1], kv[0])))
    out["activities_total"] = sum(by_agency.values())

    corrections = _in_area(Correction.objects.filter(reversed_at__isnull=True), area).filter(
        effective_on__gte=start, effective_on__lte=end
    )
    by_kind = {
        row["kind"]: row["n"]
        for row in corrections.values("kind").annotate(n=Count("id")).order_by("kind")
    }
    out["corrections"] = by_kind
    out["corrections_total"] = sum(by_kind.values())
    out["exits"] = sum(n for k, n in by_kind.items() if k in EXCLUDING_KINDS)
    out["stages"] = stages_at(area, end)
    return out


def stages_at(area: str, end: date) -> dict[str, int]:
    """Households of ``area`` by their stage (F17) at ``end``: the latest change of each
    household on or before that day, in the order a household climbs them."""
    rows = _in_area(StageChange.objects.filter(set_on__lte=end), area)
    latest: dict[str, str] = {}
    for household_id, stage in rows.order_by("household_id", "set_on", "id").values_list(
        "household_id", "stage"
    ):
        latest[household_id] = stage
    counts = dict.fromkeys(PlanStage.values, 0)
    for stage in latest.values():
        counts[stage] += 1
    return counts


def _add_value(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        merged = dict(a)
        for k, v in b.items():
            merged[k] = _add_value(merged.get(k), v)
        return merged
    return a + b


def add(parts: Iterable[Figures | None]) -> Figures:
    """The sum of several reports' figures, key by key (a dict by its keys; ``stages``
    stays None while no part has counted it)."""
    total = empty()
    for part in parts:
        if part is None:
            continue
        for key, value in part.items():
            total[key] = _add_value(total.get(key), value)
    if isinstance(total.get("activities"), dict):
        total["activities"] = dict(
            sorted(total["activities"].items(), key=lambda kv: (-kv[1], kv[0]))
        )
    return total
