"""Reads of the household development plan (F17): one household's plan sheet (what the
household page, the printed A4 page and the API show) and the counts other features use:
``current_stage`` and ``households_without_plan`` for work lists and the dashboard,
``stage_counts`` for the monitor's table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from tpmap.accounts.scope import Scoped, in_scope, scope_filter
from tpmap.core.areas import COUNTRY_CODE
from tpmap.logbook import selectors as logbook_selectors
from tpmap.logbook.models import (
    Activity,
    Mentor,
    Plan,
    PlanAction,
    PlanAnalysis,
    PlanStage,
    Problem,
    StageChange,
)
from tpmap.logbook.services import HouseholdRef
from tpmap.warehouse.read.base import Warehouse

#: The seed's order of the action table's dimensions (income first, access last).
DIMENSION_ORDER: tuple[str, ...] = PlanAction.DIMENSION_ORDER


@dataclass
class PlanSheet:
    """Everything of one household's plan for a data year; ``plan`` None: none yet."""

    ref: HouseholdRef
    head_name: str
    house_no: str
    address: str
    mentor: Mentor | None
    plan: Plan | None
    actions: list[PlanAction] = field(default_factory=list)
    analysis: PlanAnalysis | None = None
    stages: list[StageChange] = field(default_factory=list)  # oldest first

    @property
    def stage(self) -> StageChange | None:
        return self.stages[-1] if self.stages else None


def _action_sort_key(action: PlanAction) -> tuple[int, Any, int]:
    order = DIMENSION_ORDER.index(action.dimension) if action.dimension in DIMENSION_ORDER else 9
    return (order, action.start_on, action.pk or 0)


def plan_sheet(viewer: Scoped, wh: Warehouse, ref: HouseholdRef) -> PlanSheet:
    """The household's plan sheet (the caller found ``ref`` inside the viewer's area)."""
    brief = logbook_selectors.households_brief(
        wh, year=ref.year, household_ids=[ref.household_id]
    ).get(ref.household_id, {})
    plan = household_plan(viewer, ref)
    actions: list[PlanAction] = []
    if plan is not None:
        actions = sorted(plan.actions.all(), key=_action_sort_key)
    return PlanSheet(
        ref=ref,
        head_name=str(brief.get("head_name") or ""),
        house_no=str(brief.get("house_no") or ""),
        address=str(brief.get("address") or ""),
        mentor=logbook_selectors.household_mentor(viewer, ref),
        plan=plan,
        actions=actions,
        analysis=household_analysis(viewer, ref),
        stages=stage_history(viewer, ref),
    )


def household_plan(viewer: Scoped, ref: HouseholdRef) -> Plan | None:
    actions = PlanAction.objects.prefetch_related(
        Prefetch("problems", queryset=Problem.objects.order_by("occurred_on", "id")),
        Prefetch("activities", queryset=Activity.objects.order_by("start_on", "id")),
    )
    return (
        scope_filter(viewer, Plan.objects.all())
        .select_related("created_by", "updated_by")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .filter(year=ref.year, household_id=ref.household_id)
        .first()
    )


def household_analysis(viewer: Scoped, ref: HouseholdRef) -> PlanAnalysis | None:
    return (
        scope_filter(viewer, PlanAnalysis.objects.all())
        .select_related("created_by", "updated_by")
        .filter(year=ref.year, household_id=ref.household_id)
        .first()
    )


def stage_history(viewer: Scoped, ref: HouseholdRef) -> list[StageChange]:
    """The household's stages up to the data year, oldest first (the last is current)."""
    if not in_scope(viewer, ref.village_code):
        return []
    return list(
        StageChange.objects.select_related("created_by")
        .filter(household_id=ref.household_id, year__lte=ref.year)
        .order_by("set_on", "id")
    )


def visible_plan_actions(viewer: Scoped) -> Any:
    return scope_filter(viewer, PlanAction.objects.all())


def household_records(viewer: Scoped, ref: HouseholdRef) -> tuple[list[Problem], list[Activity]]:
    """The household's problems and activities of the data year an action row may answer."""
    problems = logbook_selectors.visible_problems(viewer).filter(
        year=ref.year, household_id=ref.household_id
    )
    activities = logbook_selectors.visible_activities(viewer).filter(
        year=ref.year, household_id=ref.household_id
    )
    return list(problems.order_by("occurred_on", "id")), list(activities.order_by("start_on", "id"))


# -- for work lists and the dashboard ----------------------------------------------------------
def current_stage(year: int, household_ids: Iterable[str]) -> dict[str, StageChange]:
    """household id -> its current stage (the latest change up to data year ``year``); a
    household without any stage is left out. The caller has limited the ids to its area."""
    ids = list(dict.fromkeys(household_ids))
    out: dict[str, StageChange] = {}
    if not ids:
        return out
    rows = StageChange.objects.filter(household_id__in=ids, year__lte=year).order_by(
        "household_id", "set_on", "id"
    )
    for row in rows:
        out[row.household_id] = row  # ordered: the last one of each household stays
    return out


def households_without_plan(year: int, household_ids: Iterable[str]) -> list[str]:
    """The given households (in their order) that have no plan for data year ``year``."""
    ids = list(dict.fromkeys(household_ids))
    planned = set(
        Plan.objects.filter(year=year, household_id__in=ids).values_list("household_id", flat=True)
    )
    return [h for h in ids if h not in planned]


@dataclass(frozen=True)
class StageCounts:
    """Target households of an area by current stage; ``none``: no stage yet."""

    survive: int
    sufficient: int
    sustainable: int
    none: int

    @property
    def total(self) -> int:
        return self.survive + self.sufficient + self.sustainable + self.none

    def rows(self) -> list[tuple[str, str, int]]:
        return [
            (PlanStage.SURVIVE.value, str(PlanStage.SURVIVE.label), self.survive),
            (PlanStage.SUFFICIENT.value, str(PlanStage.SUFFICIENT.label), self.sufficient),
            (PlanStage.SUSTAINABLE.value, str(PlanStage.SUSTAINABLE.label), self.sustainable),
        ]


def stage_counts(year: int, area: str, target_households: int) -> StageCounts:
    """The target households of ``area`` (a village-code prefix; the country's code for
    all) by their current stage up to data year ``year``. A household counts as a target
    when it was one at its latest stage change (the warehouse's word then); ``none`` is
    the area's target households (``target_households``, from the warehouse) less those."""
    rows = StageChange.objects.filter(year__lte=year)
    if area != COUNTRY_CODE:
        rows = rows.filter(village_code__startswith=area)
    latest: dict[str, tuple[str, bool]] = {}
    for household_id, stage, is_target in rows.order_by("household_id", "set_on", "id").values_list(
        "household_id", "stage", "is_target"
    ):
        latest[household_id] = (stage, is_target)
    counts = dict.fromkeys(PlanStage.values, 0)
    for stage, is_target in latest.values():
        if is_target:
            counts[stage] += 1
    staged = sum(counts.values())
    return StageCounts(
        survive=counts[PlanStage.SURVIVE],
        sufficient=counts[PlanStage.SUFFICIENT],
        sustainable=counts[PlanStage.SUSTAINABLE],
        none=max(0, target_households - staged),
    )
