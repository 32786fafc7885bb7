"""The household development plan (F17) through the API (CONTRACTS.md §4 shape): the plan
document, its goal, its action rows, the 4ท analysis and the stage. Every endpoint only
translates JSON into the plan's services (tpmap.logbook.plans.services), so the rules,
area scopes and audit are the pages'. Creates take an optional ``client_id`` (a retry
answers 200 with the record already made); changes take the ``version`` read (stale:
409); a household or row outside the caller's area is a 404."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field

from tpmap.accounts.audit import audit_record, client_ip
from tpmap.accounts.models import User
from tpmap.api.common import (
    CREATED,
    DELETED,
    OK,
    DeleteVersion,
    Id,
    Version,
    as_input,
    changes_of,
    create_once,
    created,
    deleted,
    found,
    household,
    replayed,
    write,
)
from tpmap.api.reads import HouseholdId, Year
from tpmap.api.schemas import MAX_ID, Dimension, NoNul
from tpmap.api.serialize import client_ref, iso, plain
from tpmap.logbook import selectors as logbook_selectors
from tpmap.logbook.models import (
    Activity,
    Plan,
    PlanAction,
    PlanAnalysis,
    Problem,
    StageChange,
)
from tpmap.logbook.plans import selectors, services
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act, officer_of
from tpmap.site.warehouse import get_warehouse

router = Router(tags=["plans"])
LongText = Annotated[str, Field(max_length=5000)]
Ids = Annotated[list[Annotated[int, Field(ge=1, le=MAX_ID)]], Field(max_length=50)]
ActionStatus = Literal["continuing", "done"]
Stage = Literal["survive", "sufficient", "sustainable"]


class PlanIn(Schema, NoNul):
    goal: LongText
    version: Version = 0
    client_id: uuid.UUID | None = None


class PlanActionIn(Schema, NoNul):
    dimension: Dimension
    household_does: LongText = ""
    support: LongText = ""
    agency: Annotated[str, Field(max_length=200)] = ""
    start_on: date
    end_on: date | None = None
    status: ActionStatus = "continuing"
    problem_ids: Ids = Field(default_factory=list)
    activity_ids: Ids = Field(default_factory=list)
    client_id: uuid.UUID | None = None


class PlanActionChange(Schema, NoNul):
    """Fields left out keep their value; ``version`` is the one read."""

    version: Version
    dimension: Dimension | None = None
    household_does: LongText | None = None
    support: LongText | None = None
    agency: Annotated[str, Field(max_length=200)] | None = None
    start_on: date | None = None
    end_on: date | None = None
    status: ActionStatus | None = None
    problem_ids: Ids | None = None
    activity_ids: Ids | None = None


class AnalysisIn(Schema, NoNul):
    analysed_on: date | None = None  # today when left out
    attitude: LongText
    skills: LongText
    resources: LongText
    way_out: LongText
    version: Version = 0
    client_id: uuid.UUID | None = None


class StageIn(Schema, NoNul):
    stage: Stage
    set_on: date | None = None  # today when left out
    note: LongText = ""
    client_id: uuid.UUID | None = None


# -- documents -------------------------------------------------------------------------------


def action_doc(a: PlanAction) -> dict[str, Any]:
    return {
        "id": a.pk,
        **plain(a, "dimension", "household_does", "support", "agency"),
        "start_on": iso(a.start_on),
        "end_on": iso(a.end_on),
        "status": a.status,
        "problem_ids": sorted(p.pk for p in a.problems.all()),
        "activity_ids": sorted(x.pk for x in a.activities.all()),
        "version": a.version,
        "client_id": client_ref(a),
        "created_by": a.created_by.username,
    }


def analysis_doc(a: PlanAnalysis) -> dict[str, Any]:
    return {
        "id": a.pk,
        "analysed_on": iso(a.analysed_on),
        **plain(a, "attitude", "skills", "resources", "way_out", "version"),
        "created_by": a.created_by.username,
        "updated_by": a.updated_by.username,
    }


def stage_doc(s: StageChange) -> dict[str, Any]:
    return {
        "id": s.pk,
        "year": s.year,
        "stage": s.stage,
        "set_on": iso(s.set_on),
        "note": s.note,
        "created_by": s.created_by.username,
        "client_id": client_ref(s),
    }


def plan_doc(p: Plan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "goal": p.goal,
        "version": p.version,
        "client_id": client_ref(p),
        "created_by": p.created_by.username,
        "updated_by": p.updated_by.username,
        "updated_at": iso(p.updated_at),
    }


def sheet_doc(sheet: selectors.PlanSheet) -> dict[str, Any]:
    mentor = sheet.mentor
    return {
        "year": sheet.ref.year,
        "household_id": sheet.ref.household_id,
        "village_code": sheet.ref.village_code,
        "head_name": sheet.head_name or None,
        "mentor": None
        if mentor is None
        else {
            "name": mentor.name,
            "agency": mentor.agency,
            "assigned_on": iso(mentor.assigned_on),
        },
        "plan": None if sheet.plan is None else plan_doc(sheet.plan),
        "actions": [action_doc(a) for a in sheet.actions],
        "analysis": None if sheet.analysis is None else analysis_doc(sheet.analysis),
        "stage": None if sheet.stage is None else stage_doc(sheet.stage),
        "stages": [stage_doc(s) for s in sheet.stages],
    }


# -- helpers ---------------------------------------------------------------------------------
def _records(
    officer: User, ref: HouseholdRef, problem_ids: list[int], activity_ids: list[int]
) -> tuple[list[Problem], list[Activity]]:
    """The household's problems and activities the body names (an id of another household
    or outside the caller's area is not told apart from none: 422)."""
    problems = list(
        logbook_selectors.visible_problems(officer).filter(
            pk__in=problem_ids, year=ref.year, household_id=ref.household_id
        )
    )
    activities = list(
        logbook_selectors.visible_activities(officer).filter(
            pk__in=activity_ids, year=ref.year, household_id=ref.household_id
        )
    )
    errors: dict[str, list[str]] = {}
    message = _("รายการที่เลือกไม่ใช่ของครัวเรือนนี้ในปีข้อมูลนี้")
    if len(problems) != len(set(problem_ids)):
        errors["problem_ids"] = [message]
    if len(activities) != len(set(activity_ids)):
        errors["activity_ids"] = [message]
    if errors:
        raise ValidationError(errors)
    return problems, activities


def _action(request: HttpRequest, pk: int) -> PlanAction:
    action = found(selectors.visible_plan_actions(request.user).filter(pk=pk).first())
    assert isinstance(action, PlanAction)
    return action


def _save(
    request: HttpRequest,
    year: int,
    household_id: str,
    model: type[Plan | PlanAnalysis],
    payload: PlanIn | AnalysisIn,
    save: Callable[..., Any],
    data: Any,
) -> tuple[Any, bool]:
    """Save the household's one ``model`` record: made with ``version`` 0, else changed
    from the version read (stale: 409); a retry of its ``client_id`` gets it back. The
    record, and whether it was made."""
    ref = household(request, year, household_id)
    officer = officer_of(request)
    replay = replayed(model, payload.client_id, created_by=officer)
    version = None if replay else payload.version
    saved = save(
        Act(officer, ip=client_ip(request), expected_version=version), household=ref, data=data
    )
    return saved, not replay and payload.version == 0


# -- endpoints -------------------------------------------------------------------------------
@router.get("/households/{year}/{household_id}/plan", response=OK)
def plan_get(request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId]) -> Any:
    """The household's plan sheet of the data year: head of household, mentor, goal
    (``plan`` null: none yet), action rows, 4ท analysis, current stage and its history.
    Audited as a read of the household's personal data."""
    ref = household(request, year, household_id)
    sheet = selectors.plan_sheet(request.user, get_warehouse(), ref)
    audit_record(
        actor=officer_of(request),
        action="view",
        object_type="plan",
        object_id=sheet.plan.pk if sheet.plan else "",
        area_code=ref.village_code,
        year=ref.year,
        household_id=ref.household_id,
        ip=client_ip(request),
    )
    return sheet_doc(sheet)


@router.put("/households/{year}/{household_id}/plan", response=CREATED)
def plan_put(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: PlanIn
) -> Any:
    """Create or change the plan's goal. ``version``: the plan's version read, 0 when the
    household had none (201 when made)."""
    data = as_input(services.PlanInput, payload)
    plan, made = _save(request, year, household_id, Plan, payload, services.plan_save, data)
    return created(made, plan_doc(plan))


@router.post("/households/{year}/{household_id}/plan/actions", response=CREATED)
def plan_action_create(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: PlanActionIn
) -> Any:
    """Add an action row to the household's plan (the plan, with its goal, comes first)."""
    ref = household(request, year, household_id)
    problems, activities = _records(
        officer_of(request), ref, payload.problem_ids, payload.activity_ids
    )
    data = as_input(services.PlanActionInput, payload, problems=problems, activities=activities)
    add = services.plan_action_add
    return create_once(request, PlanAction, data, add, action_doc, household=ref)


@router.get("/plan-actions/{pk}", response=OK)
def plan_action_get(request: HttpRequest, pk: Path[Id]) -> Any:
    return action_doc(_action(request, pk))


@router.api_operation(["PATCH", "PUT"], "/plan-actions/{pk}", response=OK)
def plan_action_change(request: HttpRequest, pk: Path[Id], payload: PlanActionChange) -> Any:
    action = _action(request, pk)
    ref = HouseholdRef(action.year, action.household_id, action.village_code)
    version, merged = changes_of(payload, action, services.ACTION_FIELDS, nulls=("end_on",))
    # Ids left out (or null) keep the row's records; [] clears them.
    problem_ids = merged.pop("problem_ids", None)
    activity_ids = merged.pop("activity_ids", None)
    problems, activities = _records(
        officer_of(request),
        ref,
        [p.pk for p in action.problems.all()] if problem_ids is None else problem_ids,
        [a.pk for a in action.activities.all()] if activity_ids is None else activity_ids,
    )
    data = services.PlanActionInput(**merged, problems=problems, activities=activities)
    return action_doc(
        write(request, services.plan_action_update, version, action=action, data=data)
    )


@router.delete("/plan-actions/{pk}", response=DELETED)
def plan_action_delete(
    request: HttpRequest, pk: Path[Id], version: Query[DeleteVersion] = None
) -> Any:
    return deleted(request, services.plan_action_delete, version, action=_action(request, pk))


@router.post("/households/{year}/{household_id}/analysis", response=CREATED)
def analysis_post(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: AnalysisIn
) -> Any:
    """Record (``version`` 0: 201) or correct (the version read) the 4ท analysis."""
    today = timezone.localdate()
    data = as_input(services.AnalysisInput, payload, analysed_on=payload.analysed_on or today)
    save = services.analysis_save
    analysis, made = _save(request, year, household_id, PlanAnalysis, payload, save, data)
    return created(made, analysis_doc(analysis))


@router.post("/households/{year}/{household_id}/stage", response=CREATED)
def stage_post(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: StageIn
) -> Any:
    """Set the household's stage (history kept): the first is ``survive``, then one stage
    up at a time; any lower stage is allowed; the day is not in the future."""
    ref = household(request, year, household_id)
    data = as_input(services.StageInput, payload, set_on=payload.set_on or timezone.localdate())
    return create_once(request, StageChange, data, services.stage_set, stage_doc, household=ref)
