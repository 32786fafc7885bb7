"""Writes of the household development plan (F17, seed 002's paper form): the plan's
ultimate goal, its action rows, the 4ท analysis of the first visit and the household's
stage. As every Logbook write: one function per write taking the acting officer and one
frozen input, owning every rule (area first, then dates, required texts, links), raising
``RuleError`` with Thai field messages or ``PermissionDenied`` outside the officer's area,
writing in one transaction with an audit row (before and after).

Any officer of the household's area may write the plan (the mentor, the team, the
district), as any officer of the area may record a visit: the plan is the household's,
made with it, not one officer's record.

Stage rules (seeds 001 and 002, documented in docs/logbook.md):
- a household's first stage is อยู่รอด (survive): "in the first year, the target group
  must first survive" (seed 001, 4.2);
- it climbs one stage at a time (survive -> sufficient -> sustainable), so nobody reaches
  ยั่งยืน without passing อยู่รอด and พอเพียง; it may fall back to any lower stage;
- the new stage differs from the current one; its day is not in the future and not
  before the day of the current stage (the history stays in order)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tpmap.accounts.models import User
from tpmap.accounts.scope import in_scope
from tpmap.core.indicators import DIMENSIONS
from tpmap.logbook.models import (
    Activity,
    Plan,
    PlanAction,
    PlanActionStatus,
    PlanAnalysis,
    PlanStage,
    Problem,
    StageChange,
)
from tpmap.logbook.plans.selectors import PlanSheet, plan_sheet

# The Logbook's own helpers: free text masked as stored, "not in the future", an offline
# client's retry found by its client_id, and the audit row of a household's record.
from tpmap.logbook.services import (
    HouseholdRef,
    _audit,
    _created,
    _deleted,
    _new_record,
    _not_future,
    _text,
    household_read,
    household_row,
)
from tpmap.site.officers import Act
from tpmap.site.rules import RuleError, Rules, StaleVersion
from tpmap.site.versioned import locked_state, made_before, save_version
from tpmap.warehouse.read.base import Warehouse

STAGE_ORDER: tuple[str, ...] = tuple(PlanStage.values)


def _require_scope(officer: User, village_code: str) -> None:
    if not in_scope(officer, village_code):
        raise PermissionDenied(_("ครัวเรือนนี้อยู่นอกพื้นที่ของบัญชีนี้"))


def _links(action: PlanAction) -> dict[str, list[int]]:
    """An action row's problems and activities, as its audit rows keep them."""
    return {
        "problems": sorted(p.pk for p in action.problems.all()),
        "activities": sorted(a.pk for a in action.activities.all()),
    }


def _save_once(record: Plan | PlanAnalysis, stored: int) -> None:
    """Save the household's one plan or analysis of the year (the version after
    ``stored``). Two officers creating it at the same moment both find none; the database
    keeps one (the unique constraint) and the other is told to reload, as for a stale
    version (409), never a server error."""
    try:
        with transaction.atomic():
            save_version(record, stored)
    except IntegrityError:
        raise StaleVersion(None) from None


# -- inputs ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class PlanInput:
    """The plan's head part: the household's ultimate goal (เป้าหมายสูงสุด)."""

    goal: str
    client_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanActionInput:
    """One action row: a dimension, what the household does itself and/or what the mentor
    or an agency supports, the period, the status, and the household's problems and
    activities it answers."""

    dimension: str
    start_on: date
    household_does: str = ""
    support: str = ""
    agency: str = ""
    end_on: date | None = None
    status: str = PlanActionStatus.CONTINUING
    problems: Sequence[Problem] = ()
    activities: Sequence[Activity] = ()
    client_id: uuid.UUID | None = None


#: The fields of an action row that a person edits (its records apart).
ACTION_FIELDS = ("dimension", "household_does", "support", "agency", "start_on", "end_on", "status")


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalysisInput:
    """The 4ท analysis: ทัศนคติ, ทักษะ, ทรัพยากร, ทางออก, and the day of the visit."""

    analysed_on: date
    attitude: str
    skills: str
    resources: str
    way_out: str
    client_id: uuid.UUID | None = None


#: The fields of the 4ท analysis that a person edits.
ANALYSIS_FIELDS = ("analysed_on", "attitude", "skills", "resources", "way_out")


@dataclass(frozen=True, slots=True, kw_only=True)
class StageInput:
    stage: str
    set_on: date
    note: str = ""
    client_id: uuid.UUID | None = None


# -- the plan --------------------------------------------------------------------------------
def plan_save(act: Act, *, household: HouseholdRef, data: PlanInput) -> Plan:
    """Create or change the household's plan of the data year (its ultimate goal)."""
    _require_scope(act.officer, household.village_code)
    rules = Rules()
    again = made_before(Plan, data.client_id, created_by=act.officer)
    if again is not None:
        return again  # a retry: the plan it made
    goal = _text(data.goal)
    if not goal:
        rules.fail("goal", _("กรุณาระบุเป้าหมายสูงสุดของครัวเรือน"))
    rules.check()
    with transaction.atomic():
        plan, stored, before = household_row(
            Plan, act.officer, household, act.expected_version, client_id=data.client_id
        )
        plan.goal = goal
        plan.updated_by = act.officer
        _save_once(plan, stored)
        _audit(act, "create" if before is None else "change", plan, before=before)
    return plan


def _action_rules(household: HouseholdRef, data: PlanActionInput) -> tuple[str, str]:
    rules = Rules()
    if data.dimension not in DIMENSIONS:
        rules.fail("dimension", _("กรุณาเลือกมิติการพัฒนา"))
    does, support = _text(data.household_does), _text(data.support)
    if not does and not support:
        message = _("กรุณาระบุสิ่งที่ครัวเรือนจะทำ หรือสิ่งที่พี่เลี้ยง/หน่วยงานจะสนับสนุน")
        rules.fail("household_does", message)
    if data.end_on is not None and data.end_on < data.start_on:
        rules.fail("end_on", _("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"))
    if data.status not in PlanActionStatus.values:
        rules.fail("status", _("สถานะไม่ถูกต้อง"))
    for field, records in (("problems", data.problems), ("activities", data.activities)):
        if any(
            r.household_id != household.household_id or r.year != household.year for r in records
        ):
            rules.fail(field, _("รายการที่เลือกไม่ใช่ของครัวเรือนนี้ในปีข้อมูลนี้"))
    rules.check()
    return does, support


def _fill_action(action: PlanAction, data: PlanActionInput, does: str, support: str) -> None:
    action.dimension = data.dimension
    action.household_does, action.support = does, support
    action.agency = _text(data.agency)
    action.start_on, action.end_on = data.start_on, data.end_on
    action.status = data.status


def plan_action_add(act: Act, *, household: HouseholdRef, data: PlanActionInput) -> PlanAction:
    """Add an action row to the household's plan of the data year (the plan, with its
    goal, comes first). The period may lie in the future: it is a plan."""
    _require_scope(act.officer, household.village_code)
    again = made_before(PlanAction, data.client_id, created_by=act.officer)
    if again is not None:
        return again
    does, support = _action_rules(household, data)
    with transaction.atomic():
        plan = (
            Plan.objects.select_for_update()
            .filter(year=household.year, household_id=household.household_id)
            .first()
        )
        if plan is None:
            raise RuleError({"plan": _("กรุณาบันทึกเป้าหมายสูงสุดของครัวเรือนก่อนเพิ่มแผนปฏิบัติการ")})
        action = _new_record(
            PlanAction, act.officer, household, plan=plan, client_id=data.client_id
        )
        _fill_action(action, data, does, support)
        action.full_clean()
        action.save()
        action.problems.set(list(data.problems))
        action.activities.set(list(data.activities))
        _audit(act, "create", action, links=_links(action))
    return action


def plan_action_update(act: Act, *, action: PlanAction, data: PlanActionInput) -> PlanAction:
    """Change an action row (most often: it is done)."""
    _require_scope(act.officer, action.village_code)
    household = HouseholdRef(action.year, action.household_id, action.village_code)
    does, support = _action_rules(household, data)
    with transaction.atomic():
        stored, before = locked_state(action, act.expected_version)
        before.update(_links(action))
        _fill_action(action, data, does, support)
        save_version(action, stored)
        action.problems.set(list(data.problems))
        action.activities.set(list(data.activities))
        _audit(act, "change", action, before=before, links=_links(action))
    return action


def plan_action_delete(act: Act, *, action: PlanAction) -> None:
    _require_scope(act.officer, action.village_code)
    with transaction.atomic():
        _stored, before = locked_state(action, act.expected_version)
        _deleted(act, action, before)


# -- the 4ท analysis -------------------------------------------------------------------------
def analysis_save(act: Act, *, household: HouseholdRef, data: AnalysisInput) -> PlanAnalysis:
    """Record (or correct) the household's 4ท analysis of the data year: all four
    headings, and the day of the visit (not in the future)."""
    _require_scope(act.officer, household.village_code)
    again = made_before(PlanAnalysis, data.client_id, created_by=act.officer)
    if again is not None:
        return again  # a retry: the analysis it made
    today = act.day
    rules = Rules()
    texts = {
        "attitude": (_text(data.attitude), _("กรุณาระบุทัศนคติ")),
        "skills": (_text(data.skills), _("กรุณาระบุทักษะ")),
        "resources": (_text(data.resources), _("กรุณาระบุทรัพยากร")),
        "way_out": (_text(data.way_out), _("กรุณาระบุทางออก")),
    }
    for field, (value, message) in texts.items():
        if not value:
            rules.fail(field, message)
    _not_future(rules, "analysed_on", data.analysed_on, today)
    rules.check()
    with transaction.atomic():
        analysis, stored, before = household_row(
            PlanAnalysis, act.officer, household, act.expected_version, client_id=data.client_id
        )
        for field, (value, _message) in texts.items():
            setattr(analysis, field, value)
        analysis.analysed_on = data.analysed_on
        analysis.updated_by = act.officer
        _save_once(analysis, stored)
        _audit(
            act,
            "create" if before is None else "change",
            analysis,
            before=before,
        )
    return analysis


# -- the plan sheet --------------------------------------------------------------------------
def plan_sheet_read(
    officer: User, wh: Warehouse, household: HouseholdRef, *, printed: bool, ip: str | None
) -> PlanSheet:
    """The household's plan sheet (the caller found the household inside the officer's
    area), audited as a read of the household's personal data: it names the head of
    household; printed (the PDF), as an export."""
    sheet = plan_sheet(officer, wh, household)
    plan_id = sheet.plan.pk if sheet.plan else ""
    if printed:
        household_read(officer, household, "export", "plan_pdf", plan_id, ip=ip)
    else:
        household_read(officer, household, "view", "plan", plan_id, ip=ip)
    return sheet


# -- the stage -------------------------------------------------------------------------------
def stage_rule_error(current: StageChange | None, stage: str, set_on: date) -> dict[str, str]:
    """The stage rules of the module docstring, as field -> message (empty: kept)."""
    if stage not in STAGE_ORDER:
        return {"stage": _("กรุณาเลือกขั้นการพัฒนา")}
    if current is None:
        if stage != PlanStage.SURVIVE:
            return {"stage": _("ครัวเรือนต้องผ่านขั้นอยู่รอดก่อน (ปีแรกมุ่งให้อยู่รอดได้ก่อน)")}
        return {}
    if stage == current.stage:
        return {"stage": _("ครัวเรือนอยู่ในขั้นนี้แล้ว")}
    if STAGE_ORDER.index(stage) > STAGE_ORDER.index(current.stage) + 1:
        return {"stage": _("เลื่อนขั้นได้ครั้งละหนึ่งขั้น: อยู่รอด → พอเพียง → ยั่งยืน")}
    if set_on < current.set_on:
        return {"set_on": _("วันที่ต้องไม่ก่อนวันที่ของขั้นปัจจุบัน")}
    return {}


def stage_set(act: Act, *, household: HouseholdRef, data: StageInput) -> StageChange:
    """Set the household's stage on a day; the history keeps every change."""
    _require_scope(act.officer, household.village_code)
    again = made_before(StageChange, data.client_id, created_by=act.officer)
    if again is not None:
        return again
    today = act.day
    rules = Rules()
    _not_future(rules, "set_on", data.set_on, today)
    rules.check()
    with transaction.atomic():
        # Lock the household's history so two officers cannot both climb from one stage.
        history = StageChange.objects.select_for_update().filter(
            household_id=household.household_id, year__lte=household.year
        )
        current = history.order_by("-set_on", "-id").first()
        errors = stage_rule_error(current, data.stage, data.set_on)
        if errors:
            raise RuleError(dict(errors))
        change = _new_record(
            StageChange,
            act.officer,
            household,
            is_target=bool(household.is_target),
            stage=data.stage,
            set_on=data.set_on,
            note=_text(data.note),
            client_id=data.client_id,
        )
        return _created(act, change)
