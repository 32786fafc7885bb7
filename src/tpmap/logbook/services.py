"""Writes of the Logbook. Each write is one function ``<entity>_<action>(act, *, ...,
data)`` taking the act (``site.officers.Act``: the acting officer, their address, the
version they read, their day) and one frozen input, and it owns every rule of the write:
the officer's area first, then the dates, the required texts, the defaults and the
ownership. A broken rule raises ``RuleError`` (field -> Thai messages); a household or
record outside the officer's area, or another officer's record, raises
``PermissionDenied``. It writes in one transaction (a failed photo or row leaves nothing
behind, files included) and records an audit row with the state before and after. Forms,
the API and the offline sync only translate into the inputs.

Every record carries a ``version`` raised by one at each change. A write whose act gives
``expected_version`` (the version its client read; 0: there was no record yet) locks the
row and raises ``StaleVersion`` when the stored one differs, so an offline edit never
silently overwrites a newer one; pages give none and always write. A create given a
``client_id`` stores it (the API's idempotency key, unique per author)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tpmap.accounts.audit import audit_record, snapshot
from tpmap.accounts.models import User
from tpmap.accounts.roles import Role
from tpmap.accounts.scope import in_scope, scope_prefix
from tpmap.core import nid as nids
from tpmap.core.areas import village_code_is_valid
from tpmap.core.indicators import DIMENSIONS, MpiMapping
from tpmap.logbook import followup, labels
from tpmap.logbook.mentors.limits import main_problem_dimension, mentor_limit, same_mentor
from tpmap.logbook.models import (
    COMMUNITY_FUNDS,
    EXCLUDING_KINDS,
    FOLDER_PHOTO_KINDS,
    HELP_KINDS,
    KHOK_NONG_NA_BUDGETS,
    Activity,
    Addition,
    AdditionPlace,
    AdditionStatus,
    Agency,
    Assessment,
    AssessmentResult,
    Classification,
    Correction,
    CorrectionKind,
    HouseholdRecord,
    Mentor,
    MentorKind,
    Photo,
    Pin,
    Plan,
    PlanAction,
    PlanAnalysis,
    Problem,
    ProblemEvent,
    ProblemEventKind,
    ProblemStatus,
    StageChange,
    Visit,
)
from tpmap.logbook.photos import MAX_PHOTOS_PER_RECORD, CleanPhoto
from tpmap.logbook.routing import selectors as routing
from tpmap.logbook.routing.duplicates import DuplicateAssistance
from tpmap.site.officers import Act
from tpmap.site.privacy import mask_text
from tpmap.site.rules import RuleError, Rules
from tpmap.site.versioned import locked_row, locked_state, made_before, save_version
from tpmap.warehouse.read import households as warehouse_households
from tpmap.warehouse.read.base import Warehouse


def _text(value: str) -> str:
    """Free text as stored: trimmed, and a national ID typed into it reduced to its last 4
    digits, so no page, export or audit row ever shows one in full."""
    return mask_text(value.strip())


@dataclass(frozen=True, slots=True)
class HouseholdRef:
    """A household as the warehouse places it: the only way services learn its area."""

    year: int
    household_id: str
    village_code: str
    # A target household of the year (a member is a target person); None: not looked up
    # (a record's own copy of the reference), so the follow-up row keeps what it knew.
    is_target: bool | None = None


R = TypeVar("R", bound=HouseholdRecord)
#: A model whose rows belong to a household of a data year (year, household_id, village_code).
N = TypeVar("N", bound=models.Model)
#: The records a write makes whole in one go (no version to check, no photos).
Whole = TypeVar("Whole", Addition, Assessment, StageChange)


class Keep:
    """The value of an optional input field that keeps what the record has."""


KEEP = Keep()


def _require_scope(officer: User, household: HouseholdRef) -> None:
    if not in_scope(officer, household.village_code):
        raise PermissionDenied(_("ครัวเรือนนี้อยู่นอกพื้นที่ของบัญชีนี้"))


def may_edit(officer: User, record: HouseholdRecord) -> bool:
    """A record is its author's responsibility (F11); the area's account managers may also
    correct it. The one statement of the rule: pages ask it before showing a form."""
    return record.created_by_id == officer.pk or officer.manages_accounts


def require_editor(officer: User, record: HouseholdRecord) -> None:
    if not in_scope(officer, record.village_code):
        raise PermissionDenied(_("รายการนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    if not may_edit(officer, record):
        raise PermissionDenied(_("แก้ไขหรือลบได้เฉพาะผู้บันทึกหรือผู้ดูแลระบบของพื้นที่"))


def record_defaults(officer: User, *, today: date | None = None) -> dict[str, Any]:
    """What a new problem or activity starts with: the officer as performer, their agency,
    today. A blank performer or agency given to a service becomes the same."""
    today = today or timezone.localdate()
    return {
        "performer": officer.get_full_name() or officer.username,
        "agency": officer.agency,
        "occurred_on": today,
        "start_on": today,
    }


def _performer(officer: User, value: str) -> str:
    return _text(value) or _text(record_defaults(officer)["performer"])


def _agency(officer: User, value: str) -> str:
    return _text(value) or _text(officer.agency)


def _agency_of(officer: User, village_code: str, data: RecordInput) -> tuple[str, Agency | None]:
    """A record's agency (routing, F18): the catalogue's entry ``agency_id`` names (active,
    working for the household's area), else the text given (blank: the officer's agency)
    matched to the catalogue by name; a text it does not know is kept, unmatched."""
    if data.agency_id is not None:
        agency = Agency.objects.filter(pk=data.agency_id).first()
        if agency is None or not routing.agency_usable(agency, village_code):
            raise RuleError({"agency_id": _("กรุณาเลือกหน่วยงานจากทะเบียนหน่วยงานของพื้นที่นี้")})
        return agency.name, agency
    text = _agency(officer, data.agency)
    return text, routing.agency_match(text, village_code)


def future_date_error(value: date | None, today: date | None = None) -> str | None:
    """The rule "a recorded day is not in the future", as its message (None: kept). Forms
    ask it too, so a page shows it beside the other mistakes of the same form."""
    if value is not None and value > (today or timezone.localdate()):
        return _("วันที่ต้องไม่เป็นวันในอนาคต")
    return None


def _not_future(rules: Rules, field: str, value: date | None, today: date) -> None:
    message = future_date_error(value, today)
    if message is not None:
        rules.fail(field, message)


@contextmanager
def _files_rolled_back() -> Iterator[list[Photo]]:
    """Delete the files of photos saved inside the block when the block fails."""
    saved: list[Photo] = []
    try:
        yield saved
    except BaseException:
        for p in saved:
            for f in (p.image, p.thumbnail):
                if f and f.name:
                    f.storage.delete(f.name)
        raise


def _store_photos(
    saved: list[Photo],
    *,
    officer: User,
    household: HouseholdRef,
    kind: str,
    photos: Sequence[CleanPhoto],
    **owner: Any,
) -> list[Photo]:
    out = []
    for clean in photos:
        stem = uuid.uuid4().hex
        photo = Photo(
            kind=kind,
            year=household.year,
            household_id=household.household_id,
            village_code=household.village_code,
            width=clean.width,
            height=clean.height,
            size_bytes=len(clean.image),
            original_name=clean.original_name,
            uploaded_by=officer,
            **owner,
        )
        photo.image.save(f"{stem}.jpg", ContentFile(clean.image), save=False)
        saved.append(photo)
        photo.thumbnail.save(f"{stem}_t.jpg", ContentFile(clean.thumbnail), save=False)
        photo.full_clean()
        photo.save()
        out.append(photo)
    return out


def _check_photo_count(existing: int, new: Sequence[CleanPhoto]) -> None:
    if existing + len(new) > MAX_PHOTOS_PER_RECORD:
        raise RuleError(
            {"photos": _("แนบรูปภาพได้ไม่เกิน %(n)s รูปต่อรายการ") % {"n": MAX_PHOTOS_PER_RECORD}}
        )


def _audit(
    act: Act,
    action: str,
    obj: Problem
    | Activity
    | Classification
    | Pin
    | Mentor
    | Correction
    | Addition
    | Assessment
    | Visit
    | Plan
    | PlanAction
    | PlanAnalysis
    | StageChange,
    *,
    before: dict[str, Any] | None = None,
    links: Mapping[str, Any] | None = None,
    photo_ids: list[int] | None = None,
) -> None:
    """The audit row of a write to a household's record: the state before and after (with
    its photos, ``photo_ids`` when the caller knows them, and the ``links`` a record keeps
    to others, as a plan's action row its problems and activities)."""
    after = None
    if action != "delete":
        after = snapshot(obj)
        photos = getattr(obj, "photos", None)
        if photos is not None:
            after["photos"] = photo_ids if photo_ids is not None else [p.pk for p in photos.all()]
        after.update(links or {})
    audit_record(
        actor=act.officer,
        action=action,
        object_type=obj._meta.model_name or "record",
        object_id=obj.pk if obj.pk is not None else "",
        area_code=obj.village_code,
        year=obj.year,
        household_id=obj.household_id,
        ip=act.ip,
        before=before,
        after=after,
    )


def household_row(
    model: type[R], officer: User, household: HouseholdRef, expected: int | None, **new: Any
) -> tuple[R, int, dict[str, Any] | None]:
    """The household's one record of the data year (its folder, its plan, its 4ท analysis)
    for a write: the stored one locked (``locked_row``), else a new one by ``officer`` with
    ``new`` (the API's ``client_id``); its stored version (0: new) and its state before
    (None: new)."""
    row, stored, before = locked_row(
        model, expected, year=household.year, household_id=household.household_id
    )
    if row is None:
        row = _new_record(model, officer, household, **new)
    return row, stored, before


# -- inputs: what a form, the API or the offline sync gives a service ------------------------
# Keyword-only: an input is built by name (from a form, a JSON body), never by position.
@dataclass(frozen=True, slots=True, kw_only=True)
class RecordInput:
    """What every household record (a problem, an activity) carries besides its own."""

    details: str = ""
    performer: str = ""  # blank: the officer (record_defaults)
    agency: str = ""  # blank: the officer's agency
    agency_id: int | None = None  # the catalogue's agency (its name replaces ``agency``)
    photos: Sequence[CleanPhoto] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ProblemInput(RecordInput):
    """F8: a problem or need of a household. On a change, ``dimension`` and ``status`` None
    (``indicator`` KEEP) keep what the problem has; a new problem's KEEP is none."""

    title: str
    occurred_on: date
    dimension: str | None = None
    status: str | None = None
    resolved_on: date | None = None
    indicator: int | Keep | None = KEEP


@dataclass(frozen=True, slots=True, kw_only=True)
class ActivityInput(RecordInput):
    """F9: an assistance activity, possibly answering one of the household's problems."""

    name: str
    start_on: date
    end_on: date | None = None
    indicator: int | None = None
    problem: Problem | None = None
    # Another agency's help for the same indicator in an overlapping period (F27): False
    # refuses the save (DuplicateAssistance, the page's confirm step), True saves it as
    # confirmed, None saves it unconfirmed (the API's client was told in the answer).
    confirm_duplicate: bool | None = False


@dataclass(frozen=True, slots=True, kw_only=True)
class FolderInput:
    """F14: the household's family folder (its classification); a photo given for a slot
    replaces the slot's photo."""

    household_type: str
    wants_help: str
    household_type_other: str = ""
    help_kinds: Sequence[str] = ()
    help_other: str = ""
    debt_cause: str = ""
    occupational_skills: str = ""
    khok_nong_na_role: str = "none"
    khok_nong_na_budgets: Sequence[str] = ()
    community_funds: Sequence[str] = ()
    community_funds_other: str = ""
    photos: Mapping[str, CleanPhoto] = field(default_factory=dict)


# The family folder's answers, in the one order forms, pages and the service use.
FOLDER_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(FolderInput) if f.name != "photos")


@dataclass(frozen=True, slots=True, kw_only=True)
class PinInput:
    """F15: where the house is."""

    latitude: Decimal
    longitude: Decimal
    source: str = "map"
    accuracy_m: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MentorInput:
    """F16: a household's mentor, an account of the area or a name (a team, a civil
    servant without an account), of a kind (MentorKind); ``dimension`` None: the
    household's main problem dimension (its unresolved problems), "" not stated."""

    assigned_on: date
    name: str = ""
    agency: str = ""
    user: User | None = None
    kind: str = MentorKind.CIVIL_SERVANT
    dimension: str | None = None


# -- F8 problems ---------------------------------------------------------------------------
def _problem_rules(data: ProblemInput, today: date) -> None:
    rules = Rules()
    _not_future(rules, "occurred_on", data.occurred_on, today)
    rules.check()


def problem_create(
    act: Act, *, household: HouseholdRef, data: ProblemInput, client_id: uuid.UUID | None = None
) -> Problem:
    _require_scope(act.officer, household)
    today = act.day
    _problem_rules(data, today)
    _check_photo_count(0, data.photos)
    problem = _new_record(Problem, act.officer, household, client_id=client_id)
    problem.indicator = None if isinstance(data.indicator, Keep) else data.indicator
    problem.dimension = data.dimension or ""

    def fill() -> None:
        _fill_problem(act.officer, problem, data)
        _set_status(problem, data.status or ProblemStatus.OPEN, data.resolved_on, today=today)

    _record_save(
        act,
        problem,
        data.photos,
        fill=fill,
        household=household,
        then=lambda: _problem_event(problem, act.officer, ProblemEventKind.CREATED, ""),
    )
    return problem


def _fill_problem(officer: User, problem: Problem, data: ProblemInput) -> None:
    problem.title, problem.details = _text(data.title), _text(data.details)
    problem.performer = _performer(officer, data.performer)
    problem.agency, problem.agency_ref = _agency_of(officer, problem.village_code, data)
    problem.occurred_on = data.occurred_on


def _problem_event(problem: Problem, officer: User, kind: str, from_status: str) -> None:
    """Keep a problem's creation or status change in its history (routing, F18)."""
    ProblemEvent.objects.create(
        problem=problem, kind=kind, from_status=from_status, to_status=problem.status, actor=officer
    )


#: Statuses only routing gives (logbook/routing): a form or PATCH keeps them, never sets them.
ROUTED: tuple[str, ...] = (ProblemStatus.ASSIGNED, ProblemStatus.ESCALATED)


def _set_status(
    problem: Problem, status: str, resolved_on: date | None, *, today: date | None
) -> None:
    """A problem's status and the day it was resolved: kept when it stays resolved and no
    day is given, today when it becomes resolved without one, none unless resolved."""
    if status not in ProblemStatus.values:
        raise RuleError({"status": _("สถานะไม่ถูกต้อง")})
    if status in ROUTED and status != problem.status:
        raise RuleError({"status": _("สถานะนี้ได้จากการมอบหมายหน่วยงานหรือการส่งต่อจังหวัดเท่านั้น")})
    if problem.status in ROUTED and status == ProblemStatus.OPEN:
        raise RuleError({"status": _("ปัญหาที่มอบหมายหรือส่งต่อแล้วกลับเป็นรอดำเนินการไม่ได้")})
    today = today or timezone.localdate()
    if status != ProblemStatus.RESOLVED:
        resolved_on = None
    elif resolved_on is None:
        was_resolved = problem.status == ProblemStatus.RESOLVED and problem.resolved_on
        resolved_on = problem.resolved_on if was_resolved else max(today, problem.occurred_on)
    if resolved_on is not None:
        if resolved_on > today:
            raise RuleError({"resolved_on": _("วันที่ต้องไม่เป็นวันในอนาคต")})
        if resolved_on < problem.occurred_on:
            raise RuleError({"resolved_on": _("วันที่แก้ไขแล้วต้องไม่ก่อนวันที่พบปัญหา")})
    problem.status, problem.resolved_on = status, resolved_on


def _deleted(
    act: Act, record: Problem | Activity | Visit | Mentor | PlanAction, before: dict[str, Any]
) -> None:
    """Delete ``record`` (locked, its state ``before``) and audit it; the object keeps its
    primary key for the audit row."""
    pk = record.pk
    record.delete()
    record.pk = pk
    _audit(act, "delete", record, before=before)


def _created(act: Act, record: Whole) -> Whole:
    """Check, save and audit a new record the write made whole (not a versioned one)."""
    record.full_clean()
    record.save()
    _audit(act, "create", record)
    return record


def _new_record(model: type[N], officer: User, household: HouseholdRef, **fields: Any) -> N:
    """A new record of the household (a problem, a visit, its folder, a plan's row...) by
    ``officer``, with ``fields`` (its ``client_id``...), not saved yet."""
    return model(
        year=household.year,
        household_id=household.household_id,
        village_code=household.village_code,
        created_by=officer,
        **fields,
    )


def _record_save(
    act: Act,
    record: Problem | Activity | Visit,
    photos: Sequence[CleanPhoto],
    *,
    fill: Callable[[], object],
    household: HouseholdRef | None = None,
    photos_before: bool = False,
    then: Callable[[], object] | None = None,
) -> None:
    """The one write of a problem, an activity or a visit, in one transaction (the files
    of its new photos deleted again when it fails): a stored record is locked at the
    version read (``locked_state``; ``photos_before`` adds its photos to the state
    before), ``fill`` sets its fields, it is checked and saved as the next version, its new
    photos attached, the write audited (a create or a change), ``then`` run (its history)
    and the follow-up row of the ``household`` (as the warehouse placed it, for a new
    record; else the record's own) refreshed."""
    household = household or HouseholdRef(record.year, record.household_id, record.village_code)
    with transaction.atomic(), _files_rolled_back() as saved:
        stored, before = 0, None
        if record.pk is not None:
            stored, before = locked_state(record, act.expected_version)
            if photos_before:
                before["photos"] = [p.pk for p in record.photos.all()]
        fill()
        save_version(record, stored)
        kind = record._meta.model_name or "record"
        added = _store_photos(
            saved,
            officer=act.officer,
            household=household,
            kind=kind,
            photos=photos,
            **{kind: record},
        )
        if before is None:  # a new record's photos are those just added: no query for them
            _audit(act, "create", record, photo_ids=[p.pk for p in added])
        else:
            _audit(act, "change", record, before=before)
        _follow(household)
        if then is not None:
            then()


def _follow(household: HouseholdRef) -> None:
    followup.refresh(household.year, household.household_id, is_target=household.is_target)


def problem_update(act: Act, *, problem: Problem, data: ProblemInput) -> Problem:
    """Change a problem; ``data.dimension`` and ``data.status`` None (``data.indicator``
    KEEP) keep what it has."""
    require_editor(act.officer, problem)
    today = act.day
    _problem_rules(data, today)
    _check_photo_count(problem.photos.count(), data.photos)
    from_status = problem.status

    def fill() -> None:
        if not isinstance(data.indicator, Keep):
            problem.indicator = data.indicator
        _fill_problem(act.officer, problem, data)
        if data.dimension is not None:
            problem.dimension = data.dimension
        status = from_status if data.status is None else data.status
        _set_status(problem, status, data.resolved_on, today=today)

    def then() -> None:
        if problem.status != from_status:
            _problem_event(problem, act.officer, ProblemEventKind.STATUS, from_status)

    _record_save(
        act,
        problem,
        data.photos,
        fill=fill,
        then=then,
    )
    return problem


def _delete_files(photos: Sequence[Photo]) -> None:
    names = [(f.storage, f.name) for p in photos for f in (p.image, p.thumbnail) if f.name]

    def remove() -> None:
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(remove)


def _record_delete(act: Act, record: Problem | Activity | Visit) -> None:
    """Delete a problem, an activity or a visit with its photos (files once the delete
    commits)."""
    require_editor(act.officer, record)
    with transaction.atomic():
        _stored, before = locked_state(record, act.expected_version)
        photos = list(record.photos.all())
        before["photos"] = [p.pk for p in photos]
        _deleted(act, record, before)
        followup.refresh(record.year, record.household_id)
        _delete_files(photos)


def problem_delete(act: Act, *, problem: Problem) -> None:
    _record_delete(act, problem)


# -- F9 activities -------------------------------------------------------------------------
def _activity_rules(data: ActivityInput, year: int, household_id: str) -> None:
    rules = Rules()
    problem = data.problem
    if problem is not None and (problem.household_id != household_id or problem.year != year):
        rules.fail("problem", _("ปัญหานี้ไม่ใช่ของครัวเรือนนี้"))
    if data.end_on is not None and data.end_on < data.start_on:
        rules.fail("end_on", _("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"))
    rules.check()


def _fill_activity(officer: User, activity: Activity, data: ActivityInput) -> None:
    activity.name, activity.details = _text(data.name), _text(data.details)
    activity.performer = _performer(officer, data.performer)
    activity.agency, activity.agency_ref = _agency_of(officer, activity.village_code, data)
    activity.start_on, activity.end_on = data.start_on, data.end_on
    activity.indicator, activity.problem = data.indicator, data.problem
    # F27: other agencies' help for the same indicator in an overlapping period.
    others = routing.duplicate_activities(activity)
    if others and data.confirm_duplicate is False:
        raise DuplicateAssistance(others)
    activity.duplicate_of = [a.pk for a in others]
    activity.duplicate_confirmed = bool(others) and data.confirm_duplicate is True


def activity_create(
    act: Act, *, household: HouseholdRef, data: ActivityInput, client_id: uuid.UUID | None = None
) -> Activity:
    _require_scope(act.officer, household)
    _check_photo_count(0, data.photos)
    _activity_rules(data, household.year, household.household_id)
    activity = _new_record(Activity, act.officer, household, client_id=client_id)
    fill = lambda: _fill_activity(act.officer, activity, data)  # noqa: E731 - a callback
    _record_save(act, activity, data.photos, fill=fill, household=household)
    return activity


def activity_update(act: Act, *, activity: Activity, data: ActivityInput) -> Activity:
    require_editor(act.officer, activity)
    _check_photo_count(activity.photos.count(), data.photos)
    _activity_rules(data, activity.year, activity.household_id)
    _record_save(
        act,
        activity,
        data.photos,
        fill=lambda: _fill_activity(act.officer, activity, data),
    )
    return activity


def activity_delete(act: Act, *, activity: Activity) -> None:
    _record_delete(act, activity)


# -- F14 family folder ---------------------------------------------------------------------
def _only(values: Sequence[str], choices: list[tuple[str, str]], field: str) -> list[str]:
    known = [c for c, _ in choices]
    bad = [v for v in values if v not in known]
    if bad:
        raise RuleError({field: _("ตัวเลือกไม่ถูกต้อง: %(v)s") % {"v": ", ".join(bad)}})
    return [c for c in known if c in values]


def classification_save(act: Act, *, household: HouseholdRef, data: FolderInput) -> Classification:
    """Create or update the household's family folder; a photo given for a slot replaces
    the slot's photo."""
    _require_scope(act.officer, household)
    photos = data.photos
    rules = Rules()
    unknown = set(photos) - set(FOLDER_PHOTO_KINDS)
    if unknown:
        rules.fail("photos", _("ช่องรูปภาพไม่ถูกต้อง: %(v)s") % {"v": ", ".join(sorted(unknown))})
    if data.household_type == "other" and not data.household_type_other.strip():
        rules.fail("household_type_other", _("กรุณาระบุประเภทครัวเรือน"))
    rules.check()
    with transaction.atomic(), _files_rolled_back() as saved:
        folder, stored, before = household_row(
            Classification, act.officer, household, act.expected_version
        )
        if before is not None:
            before["photos"] = [p.pk for p in folder.photos.all()]
        folder.household_type = data.household_type
        folder.household_type_other = (
            _text(data.household_type_other) if data.household_type == "other" else ""
        )
        folder.wants_help = data.wants_help
        folder.help_kinds = _only(data.help_kinds, HELP_KINDS, "help_kinds")
        folder.help_other = _text(data.help_other) if "other" in folder.help_kinds else ""
        folder.debt_cause = _text(data.debt_cause)
        folder.occupational_skills = _text(data.occupational_skills)
        folder.khok_nong_na_role = data.khok_nong_na_role
        folder.khok_nong_na_budgets = (
            _only(data.khok_nong_na_budgets, KHOK_NONG_NA_BUDGETS, "khok_nong_na_budgets")
            if data.khok_nong_na_role == "owner"
            else []
        )
        folder.community_funds = _only(data.community_funds, COMMUNITY_FUNDS, "community_funds")
        folder.community_funds_other = (
            _text(data.community_funds_other) if "other" in folder.community_funds else ""
        )
        folder.updated_by = act.officer
        save_version(folder, stored)
        replaced = list(folder.photos.filter(kind__in=list(photos)))
        for old in replaced:
            old.delete()
        for kind in FOLDER_PHOTO_KINDS:
            if kind in photos:
                _store_photos(
                    saved,
                    officer=act.officer,
                    household=household,
                    kind=kind,
                    photos=[photos[kind]],
                    classification=folder,
                )
        _audit(act, "create" if before is None else "change", folder, before=before)
        _follow(household)
        _delete_files(replaced)
    return folder


# -- F15 pins ------------------------------------------------------------------------------
def pin_set(act: Act, *, household: HouseholdRef, data: PinInput) -> Pin:
    _require_scope(act.officer, household)
    with transaction.atomic():
        pin, stored, before = locked_row(
            Pin, act.expected_version, household_id=household.household_id
        )
        if pin is None:
            pin = Pin(household_id=household.household_id)
        earlier_year = pin.year if before is not None else None
        pin.year = household.year
        pin.village_code = household.village_code
        pin.latitude = Decimal(data.latitude).quantize(Decimal("0.000001"))
        pin.longitude = Decimal(data.longitude).quantize(Decimal("0.000001"))
        pin.source = data.source
        pin.accuracy_m = data.accuracy_m
        pin.set_by = act.officer
        save_version(pin, stored)
        _audit(act, "create" if before is None else "change", pin, before=before)
        _follow(household)
        if earlier_year is not None and earlier_year != household.year:
            # The pin counted for the data year it was set for; it moves to this one.
            followup.refresh(earlier_year, household.household_id)
    return pin


# -- F16 mentors ---------------------------------------------------------------------------
def _mentor_rules(household: HouseholdRef, data: MentorInput, today: date) -> None:
    rules = Rules()
    user = data.user
    if user is None:
        if not data.name.strip():
            rules.fail("name", _("กรุณาระบุชื่อพี่เลี้ยงหรือเลือกบัญชีผู้ใช้"))
        if not data.agency.strip():
            rules.fail("agency", _("กรุณาระบุหน่วยงาน"))
    if data.kind not in MentorKind.values:
        rules.fail("kind", _("ประเภทพี่เลี้ยงไม่ถูกต้อง"))
    if data.dimension and data.dimension not in DIMENSIONS:
        rules.fail("dimension", _("มิติไม่ถูกต้อง"))
    _not_future(rules, "assigned_on", data.assigned_on, today)
    rules.check()
    if user is not None and not in_scope(user, household.village_code):
        rules.fail("user", _("บัญชีของพี่เลี้ยงต้องใช้งานได้และรับผิดชอบพื้นที่ของครัวเรือนนี้"))
        rules.check()


def _mentor_limit_rule(household: HouseholdRef, data: MentorInput) -> None:
    """Called inside the write's transaction with the mentor's account row locked, so two
    officers assigning the same mentor at once cannot both pass the limit."""
    rules = Rules()
    user = data.user
    # The province's limit (ProvinceSetting; Loei works 1:1), counted per account, or per
    # name and agency for a mentor without one; re-assigning the same household is no new one.
    limit = mentor_limit(household.village_code)
    others = (
        same_mentor(
            year=household.year,
            village_code=household.village_code,
            user_id=user.pk if user is not None else None,
            name=_text(data.name),
            agency=_text(data.agency),
        )
        .exclude(household_id=household.household_id)
        .count()
    )
    if others >= limit:
        rules.fail(
            "user" if user is not None else "name",
            _("พี่เลี้ยงคนนี้ดูแลครบ %(n)s ครัวเรือนในปีนี้แล้ว (เกณฑ์ของจังหวัด)") % {"n": limit},
        )
    rules.check()


def mentor_assign(act: Act, *, household: HouseholdRef, data: MentorInput) -> Mentor:
    """Give the household its mentor for the data year (replacing the one it had). A
    mentor account must be active, cover the household's area and look after at most the
    province's limit of households of the year (``mentor_limit``: default 5, Loei 1);
    without an account the mentor needs a name and an agency. The mentor's dimension
    defaults to the household's main problem dimension."""
    _require_scope(act.officer, household)
    _mentor_rules(household, data, act.day)
    name, agency = data.name.strip(), data.agency.strip()
    if data.user is not None:
        name = name or data.user.display_name
        agency = agency or data.user.agency
    with transaction.atomic():
        if data.user is not None:
            list(User.objects.select_for_update().filter(pk=data.user.pk).values_list("pk"))
        _mentor_limit_rule(household, data)
        mentor, stored, before = locked_row(
            Mentor, act.expected_version, year=household.year, household_id=household.household_id
        )
        if mentor is None:
            mentor = Mentor(year=household.year, household_id=household.household_id)
        mentor.village_code = household.village_code
        mentor.name, mentor.agency = _text(name), _text(agency)
        mentor.user = data.user
        mentor.kind = data.kind
        mentor.dimension = (
            main_problem_dimension(household.year, household.household_id)
            if data.dimension is None
            else data.dimension
        )
        mentor.assigned_on = data.assigned_on
        mentor.assigned_by = act.officer
        save_version(mentor, stored)
        _audit(act, "create" if before is None else "change", mentor, before=before)
        _follow(household)
    return mentor


def mentor_remove(act: Act, *, mentor: Mentor) -> None:
    if not in_scope(act.officer, mentor.village_code):
        raise PermissionDenied(_("รายการนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    with transaction.atomic():
        _stored, before = locked_state(mentor, act.expected_version)
        _deleted(act, mentor, before)
        followup.refresh(mentor.year, mentor.household_id)


# -- F7 opening a household's personal data --------------------------------------------------
def household_opened(*, officer: User, household: HouseholdRef, ip: str | None = None) -> None:
    """Record that ``officer`` opened the household's page (members' personal data)."""
    _require_scope(officer, household)
    household_read(officer, household, "view", "household", household.household_id, ip=ip)


def household_read(
    officer: User,
    household: HouseholdRef,
    action: str,
    object_type: str,
    object_id: str | int,
    *,
    ip: str | None,
) -> None:
    """The audit row of a read of the household's personal data: its page opened, its
    plan read or printed (``action`` "view" or "export")."""
    audit_record(
        actor=officer,
        action=action,
        object_type=object_type,
        object_id=object_id,
        area_code=household.village_code,
        year=household.year,
        household_id=household.household_id,
        ip=ip,
    )


# -- F13 visit outcomes and corrections ----------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class CorrectionInput:
    """What a visit found for the household (``member_no`` None) or one of its members:
    ``found`` as surveyed, or a correction kind; ``wrong_data`` names the field and gives
    its correct value."""

    kind: str
    effective_on: date
    member_no: int | None = None
    field_name: str = ""
    correct_value: str = ""
    note: str = ""
    photos: Sequence[CleanPhoto] = ()
    client_id: uuid.UUID | None = None


def household_members(wh: Warehouse, household: HouseholdRef) -> dict[int, str]:
    """The household's surveyed members (member_no -> name), as the warehouse has them."""
    profile = warehouse_households.household_detail(
        wh,
        year=household.year,
        household_id=household.household_id,
        village_code=household.village_code,
    )
    if profile is None:
        return {}
    return {
        int(
            m["member_no"]
        ): f"{m['title'] or ''}{m['first_name'] or ''} {m['last_name'] or ''}".strip()
        for m in profile["members"]
        if m["member_no"] is not None
    }


def _correction_rules(
    data: CorrectionInput, members: Mapping[int, str], today: date
) -> tuple[str, str]:
    rules = Rules()
    if data.kind not in CorrectionKind.values:
        rules.fail("kind", _("ผลการเยี่ยมบ้านไม่ถูกต้อง"))
    if data.member_no is not None and data.member_no not in members:
        rules.fail("member_no", _("ไม่พบสมาชิกลำดับนี้ในครัวเรือน"))
    _not_future(rules, "effective_on", data.effective_on, today)
    field_name, value = data.field_name.strip(), _text(data.correct_value)
    if data.kind == CorrectionKind.WRONG_DATA:
        allowed = labels.MEMBER_FIELDS if data.member_no is not None else labels.HOUSEHOLD_FIELDS
        if field_name not in allowed:
            rules.fail("field_name", _("กรุณาเลือกข้อมูลที่ไม่ถูกต้อง"))
        if not value:
            rules.fail("correct_value", _("กรุณาระบุค่าที่ถูกต้อง"))
    else:
        field_name, value = "", ""
    rules.check()
    return field_name, value


def correction_create(
    act: Act, *, wh: Warehouse, household: HouseholdRef, data: CorrectionInput
) -> Correction:
    """Record a visit's outcome. It takes effect in the Logbook at once: an excluding kind
    (moved out, deceased, not poor, not found) takes the household or the person out of
    the work lists and target counts, marked; only one such outcome (or ``found``) is
    active per household or member at a time, while wrong fields add up."""
    _require_scope(act.officer, household)
    existing = made_before(Correction, data.client_id, created_by=act.officer)
    if existing is not None:
        return existing
    today = act.day
    members = household_members(wh, household)
    field_name, value = _correction_rules(data, members, today)
    _check_photo_count(0, data.photos)
    with transaction.atomic(), _files_rolled_back() as saved:
        if data.kind != CorrectionKind.WRONG_DATA:
            clash = (
                Correction.objects.select_for_update()
                .filter(
                    year=household.year,
                    household_id=household.household_id,
                    member_no=data.member_no,
                    reversed_at__isnull=True,
                )
                .exclude(kind=CorrectionKind.WRONG_DATA)
                .first()
            )
            if clash is not None:
                raise RuleError(
                    {
                        "kind": _("มีผลการเยี่ยมบ้าน “%(kind)s” อยู่แล้ว กรุณายกเลิกรายการเดิมก่อน")
                        % {"kind": clash.get_kind_display()}
                    }
                )
        correction = Correction(
            year=household.year,
            household_id=household.household_id,
            village_code=household.village_code,
            member_no=data.member_no,
            member_name=_text(members.get(data.member_no, ""))
            if data.member_no is not None
            else "",
            kind=data.kind,
            field_name=field_name,
            correct_value=value,
            effective_on=data.effective_on,
            note=_text(data.note),
            client_id=data.client_id,
            created_by=act.officer,
        )
        correction.full_clean()
        correction.save()
        _store_photos(
            saved,
            officer=act.officer,
            household=household,
            kind="correction",
            photos=data.photos,
            correction=correction,
        )
        _audit(act, "create", correction)
        if followup.excludes_household(correction):
            # The household left the target counts of the dashboard's follow-up rows.
            followup.refresh(household.year, household.household_id, is_target=False)
    return correction


def correction_reverse(
    act: Act, *, wh: Warehouse, correction: Correction, reason: str
) -> Correction:
    """Undo a mistaken outcome (it stays, marked reversed with who, when and why); any
    officer of the area may, as any officer of the area may record one."""
    if not in_scope(act.officer, correction.village_code):
        raise PermissionDenied(_("รายการนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    rules = Rules()
    if not reason.strip():
        rules.fail("reason", _("กรุณาระบุเหตุผลที่ยกเลิก"))
    rules.check()
    with transaction.atomic():
        locked = Correction.objects.select_for_update().get(pk=correction.pk)
        if locked.reversed_at is not None:
            raise RuleError({"reason": _("รายการนี้ถูกยกเลิกไปแล้ว")})
        before = snapshot(locked)
        locked.reversed_at = timezone.now()
        locked.reversed_by = act.officer
        locked.reversed_reason = _text(reason)
        locked.full_clean()
        locked.save()
        _audit(act, "change", locked, before=before)
        if locked.kind in EXCLUDING_KINDS and (
            locked.member_no is None or locked.kind == CorrectionKind.NOT_POOR
        ):
            # The warehouse's flag, unless another active correction still excludes it
            # (followup.HOUSEHOLD_WIDE, applied by refresh).
            place = warehouse_households.household_place(
                wh, year=locked.year, household_id=locked.household_id
            )
            followup.refresh(locked.year, locked.household_id, is_target=bool(place and place[1]))
    return locked


# -- F12 additions (group 4) ---------------------------------------------------------------
#: Who decides an addition: the district chief of its area (the Bangkok เขต office is
#: Bangkok's) or an account above them; never a province agency, a team or a mentor.
APPROVER_ROLES: frozenset[str] = frozenset(
    {
        Role.NATIONAL_ADMIN,
        Role.PROVINCE_ADMIN,
        Role.BANGKOK_GOVERNOR,
        Role.DISTRICT_CHIEF,
        Role.BANGKOK_DISTRICT,
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class AdditionInput:
    """A person the data missed: in a surveyed household (``household_id``), in a new
    household (``new_household``) or with no household at all."""

    year: int
    village_code: str
    first_name: str
    last_name: str
    reason: str
    household_id: str = ""
    new_household: bool = False
    house_no: str = ""
    nid: str = ""
    title: str = ""
    sex: str = ""
    birth_date: date | None = None
    age: int | None = None
    client_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DecisionInput:
    """A district chief's decision: approving needs the identity check against the civil
    registration (``note``: what was checked); rejecting needs the reason (``note``)."""

    approve: bool
    identity_checked: bool = False
    note: str = ""


def may_decide(officer: User, addition: Addition) -> bool:
    """The one statement of who decides an addition (pages ask it before showing the form)."""
    return (
        officer.role in APPROVER_ROLES
        and in_scope(officer, addition.village_code)
        and officer.pk != addition.created_by_id
    )


def _masked_household(officer: User, household_id: str, village_code: str) -> str:
    """A household code as a refusal may name it: whole inside the officer's area, else
    its last 4 characters only."""
    if in_scope(officer, village_code):
        return household_id
    return "•" * max(0, len(household_id) - 4) + household_id[-4:]


def _addition_nid_rules(rules: Rules, officer: User, wh: Warehouse, year: int, nid: str) -> None:
    if not nid:
        return
    if not nids.is_valid(nid):
        rules.fail("nid", _("เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องมี 13 หลักและเลขตรวจสอบถูกต้อง)"))
        return
    found = warehouse_households.nid_household(wh, year=year, nid=nid)
    if found is not None:
        rules.fail(
            "nid",
            _("เลขประจำตัวประชาชนลงท้าย %(last4)s มีอยู่แล้วในครัวเรือนที่สำรวจ รหัสบ้าน %(household)s")
            % {"last4": nid[-4:], "household": _masked_household(officer, *found)},
        )
        return
    taken = Addition.objects.filter(year=year, nid=nid).exclude(status=AdditionStatus.REJECTED)
    if taken.exists():
        rules.fail(
            "nid",
            _("เลขประจำตัวประชาชนลงท้าย %(last4)s ถูกเสนอเพิ่มไว้แล้ว") % {"last4": nid[-4:]},
        )


def _clean_nid(value: str) -> str:
    return "".join(ch for ch in value if ch not in " -")


def addition_create(act: Act, *, wh: Warehouse, data: AdditionInput) -> Addition:
    """Propose a person the data missed. Pending until a decision (``addition_decide``)."""
    existing = made_before(Addition, data.client_id, created_by=act.officer)
    if existing is not None:
        return existing
    today = act.day
    rules = Rules()
    village = data.village_code.strip()
    household_id = data.household_id.strip()
    nid = _clean_nid(data.nid)
    if data.year not in wh.years:
        rules.fail("year", _("ไม่มีข้อมูลของปีนี้"))
    if not village:
        rules.fail("village_code", _("กรุณาเลือกหมู่บ้าน"))
    elif not village_code_is_valid(village):
        rules.fail("village_code", _("รหัสหมู่บ้านไม่ถูกต้อง"))
    elif not in_scope(act.officer, village):
        rules.fail("village_code", _("หมู่บ้านนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    if household_id and data.year in wh.years:
        prefix = scope_prefix(act.officer)
        place = (
            None
            if prefix is None
            else warehouse_households.household_place(
                wh, year=data.year, household_id=household_id, prefix=prefix
            )
        )
        if place is None or not in_scope(act.officer, place[0]):
            rules.fail("household_id", _("ไม่พบครัวเรือนนี้ในพื้นที่ของท่าน"))
        elif village and place[0] != village:
            rules.fail("village_code", _("หมู่บ้านไม่ตรงกับหมู่บ้านของครัวเรือน"))
    if not data.first_name.strip():
        rules.fail("first_name", _("กรุณาระบุชื่อ"))
    if not data.last_name.strip():
        rules.fail("last_name", _("กรุณาระบุนามสกุล"))
    if not data.reason.strip():
        rules.fail("reason", _("กรุณาระบุเหตุผลที่เพิ่ม"))
    if data.sex not in ("", "M", "F"):
        rules.fail("sex", _("เพศไม่ถูกต้อง"))
    if data.birth_date is None and data.age is None:
        rules.fail("birth_date", _("กรุณาระบุวันเกิดหรืออายุ"))
    _not_future(rules, "birth_date", data.birth_date, today)
    if data.age is not None and not 0 <= data.age <= 130:
        rules.fail("age", _("อายุต้องอยู่ระหว่าง 0 ถึง 130 ปี"))
    if data.year in wh.years:
        _addition_nid_rules(rules, act.officer, wh, data.year, nid)
    rules.check()
    if household_id:
        place_kind = AdditionPlace.SURVEYED
    else:
        place_kind = AdditionPlace.NEW if data.new_household else AdditionPlace.NONE
    with transaction.atomic():
        addition = Addition(
            year=data.year,
            village_code=village,
            place=place_kind,
            household_id=household_id,
            house_no=_text(data.house_no) if place_kind == AdditionPlace.NEW else "",
            nid=nid,
            title=_text(data.title),
            first_name=_text(data.first_name),
            last_name=_text(data.last_name),
            sex=data.sex,
            birth_date=data.birth_date,
            age=data.age,
            reason=_text(data.reason),
            client_id=data.client_id,
            created_by=act.officer,
        )
        _created(act, addition)
    return addition


def addition_decide(act: Act, *, addition: Addition, data: DecisionInput) -> Addition:
    """Approve (after the identity check against the civil registration) or reject (with
    the reason) a pending addition: by a district chief of its area or a higher account,
    never by its proposer."""
    if not in_scope(act.officer, addition.village_code):
        raise PermissionDenied(_("รายการนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    if act.officer.role not in APPROVER_ROLES:
        raise PermissionDenied(_("พิจารณาได้เฉพาะนายอำเภอของพื้นที่หรือผู้บริหารระดับสูงกว่า"))
    if act.officer.pk == addition.created_by_id:
        raise PermissionDenied(_("ผู้เสนอไม่สามารถพิจารณารายการของตนเองได้"))
    note = _text(data.note)
    rules = Rules()
    if data.approve and not data.identity_checked:
        rules.fail("identity_checked", _("ต้องตรวจสอบตัวตนกับทะเบียนราษฎรก่อนอนุมัติ"))
    if not data.approve and not note:
        rules.fail("note", _("กรุณาระบุเหตุผลที่ไม่อนุมัติ"))
    rules.check()
    with transaction.atomic():
        locked = Addition.objects.select_for_update().get(pk=addition.pk)
        if locked.status != AdditionStatus.PENDING:
            raise RuleError({"approve": _("รายการนี้ได้รับการพิจารณาแล้ว")})
        before = snapshot(locked)
        locked.status = AdditionStatus.APPROVED if data.approve else AdditionStatus.REJECTED
        locked.identity_checked = data.identity_checked
        locked.decision_note = note
        locked.decided_by = act.officer
        locked.decided_at = timezone.now()
        locked.full_clean()
        locked.save()
        _audit(act, "change", locked, before=before)
    return locked


# -- re-assessment of the MPI indicators ---------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class AssessmentInput:
    """The MPI indicators assessed again at a visit: MPI indicator number -> ``pass``,
    ``fail`` or ``na`` (an indicator left out was not assessed again)."""

    assessed_on: date
    results: Mapping[int, str]
    note: str = ""
    client_id: uuid.UUID | None = None


def mpi_items(mapping: MpiMapping) -> dict[int, int]:
    """MPI indicator number -> the questionnaire item it reads (the year's mapping)."""
    return {int(no): int(item) for no, item in mapping.items.items()}


def assessment_items(results: Mapping[int, str], items: Mapping[int, int]) -> dict[str, int | None]:
    """The questionnaire items (``ind_NN``) an assessment gives: 1 pass, 0 fail, None not
    applicable. An item two MPI indicators read fails when either fails."""
    out: dict[str, int | None] = {}
    for no, result in sorted(results.items()):
        key = f"ind_{items[no]:02d}"
        value = {"pass": 1, "fail": 0, "na": None}[result]
        if key in out and (out[key] == 0 or value is None):
            continue
        out[key] = value
    return dict(sorted(out.items()))


def assessment_create(
    act: Act, *, wh: Warehouse, household: HouseholdRef, data: AssessmentInput
) -> Assessment:
    """Re-assess the household's MPI indicators; the latest assessment gives the live MPI
    the household page shows beside the survey's."""
    _require_scope(act.officer, household)
    existing = made_before(Assessment, data.client_id, created_by=act.officer)
    if existing is not None:
        return existing
    today = act.day
    items = mpi_items(wh.mpi_mapping(household.year))
    rules = Rules()
    _not_future(rules, "assessed_on", data.assessed_on, today)
    unknown = sorted(no for no in data.results if no not in items)
    if unknown:
        rules.fail(
            "results",
            _("ไม่ใช่ตัวชี้วัด MPI ของปีนี้: %(v)s") % {"v": ", ".join(map(str, unknown))},
        )
    bad = sorted(no for no, r in data.results.items() if r not in AssessmentResult.values)
    if bad:
        rules.fail(
            "results", _("ผลการประเมินไม่ถูกต้อง: ตัวชี้วัด %(v)s") % {"v": ", ".join(map(str, bad))}
        )
    if not data.results:
        rules.fail("results", _("กรุณาประเมินอย่างน้อย 1 ตัวชี้วัด"))
    rules.check()
    with transaction.atomic():
        assessment = Assessment(
            year=household.year,
            household_id=household.household_id,
            village_code=household.village_code,
            assessed_on=data.assessed_on,
            results={str(no): r for no, r in sorted(data.results.items())},
            items=assessment_items(data.results, items),
            note=_text(data.note),
            client_id=data.client_id,
            created_by=act.officer,
        )
        _created(act, assessment)
    return assessment
