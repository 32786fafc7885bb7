"""The API's only door into the Logbook's services and selectors and the warehouse's
selectors. When their signatures change (services taking one frozen dataclass, renamed
warehouse modules), this module is the one place to adapt.

Each function takes the acting account and plain values (what the schemas parsed) and
returns model instances or the JSON documents of CONTRACTS.md section 3."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from tpmap.accounts.models import User
from tpmap.accounts.scope import scope_prefix
from tpmap.api import render, serialize
from tpmap.core.indicators import questionnaire
from tpmap.logbook import selectors as logbook_selectors
from tpmap.logbook import services
from tpmap.logbook.models import Activity, Classification, Mentor, Pin, Problem
from tpmap.logbook.services import (
    KEEP,
    ActivityInput,
    FolderInput,
    HouseholdRef,
    MentorInput,
    PinInput,
    ProblemInput,
)
from tpmap.site.officers import Act
from tpmap.site.versioned import made_before
from tpmap.site.warehouse import NotFound, Warehouse, WarehouseUnavailable, get_warehouse
from tpmap.warehouse.read import households as warehouse_households
from tpmap.warehouse.read import statistics as warehouse_statistics
from tpmap.warehouse.read.base import VersionCache

__all__ = ["HouseholdRef", "NotFound", "WarehouseUnavailable"]

P = ParamSpec("P")
R = TypeVar("R")


# -- warehouse reads (the CLI's documents) ------------------------------------------------
def _on_current(read: Callable[Concatenate[Warehouse, P], R]) -> Callable[P, R]:
    """A warehouse read on the current version, with the read's own keyword arguments."""

    def on_current(*args: P.args, **kwargs: P.kwargs) -> R:
        return read(get_warehouse(), *args, **kwargs)

    return on_current


summary = _on_current(warehouse_statistics.summary)
households = _on_current(warehouse_households.households_document)
household_document = _on_current(warehouse_households.household_document)


def indicator_numbers(year: int) -> set[int]:
    """The BMN indicator numbers of the year's questionnaire."""
    return {i.no for i in questionnaire(get_warehouse().questionnaire(year)).indicators}


# -- Logbook reads ---------------------------------------------------------------------------
def household_locate(user: Any, *, year: int, household_id: str) -> HouseholdRef | None:
    return logbook_selectors.household_locate(
        get_warehouse(), user, year=year, household_id=household_id
    )


def household_opened(user: User, ref: HouseholdRef, *, ip: str | None) -> None:
    services.household_opened(officer=user, household=ref, ip=ip)


def household_records(user: Any, ref: HouseholdRef) -> logbook_selectors.HouseholdRecords:
    return logbook_selectors.household_records(user, ref)


#: The ``logbook`` of household documents made (JSON text), by household and the reader's
#: area, with the household's records stamp (``logbook.selectors.RecordsStamp``): the same
#: stamp means the same records, so a household read again and again (a field team's) is
#: one statement until one of its records changes. Shared by a process's threads; the last
#: 1,024 households read kept.
LOGBOOKS = VersionCache(1024)
#: The household documents of the warehouse's versions as JSON text (``render``).
DOCUMENTS = VersionCache(2048)


def household_logbook_text(user: Any, ref: HouseholdRef) -> str:
    """The ``logbook`` of the household's API document (``serialize.logbook``) as JSON
    text: the kept one when the household's records have not changed since."""
    stamp = logbook_selectors.records_stamp(user, ref)
    return LOGBOOKS.get(
        ("logbook", ref.year, ref.household_id, scope_prefix(user)),
        lambda: render.json_text(
            serialize.logbook(logbook_selectors.household_records(user, ref, stamp))
        ),
        shared=True,
        stamp=stamp,
    )


def household_document_text(*, year: int, household_id: str, village_code: str) -> str:
    """The household JSON of the current version (``household_document``) as JSON text,
    kept per version."""
    wh = get_warehouse()
    return DOCUMENTS.get(
        ("document", str(wh.version), year, household_id, village_code),
        lambda: render.json_text(
            warehouse_households.household_document(
                wh, year=year, household_id=household_id, village_code=village_code
            )
        ),
        shared=True,
    )


def visible_problem(user: Any, pk: int) -> Problem | None:
    return logbook_selectors.visible_problems(user).filter(pk=pk).first()


def visible_activity(user: Any, pk: int) -> Activity | None:
    return logbook_selectors.visible_activities(user).filter(pk=pk).first()


def household_problem(user: Any, ref: HouseholdRef, pk: int) -> Problem | None:
    return (
        logbook_selectors.visible_problems(user)
        .filter(pk=pk, household_id=ref.household_id, year=ref.year)
        .first()
    )


def mentor_account(ref: HouseholdRef, user_id: int) -> Any:
    """An account that may mentor the household (as the page's list), else None."""
    return next(
        (u for u in logbook_selectors.mentor_accounts(ref.village_code) if u.pk == user_id), None
    )


# -- Logbook writes --------------------------------------------------------------------------
# The services own every rule (dates, ownership, scopes) and the version check; here the
# API's bodies become their inputs: a change's left-out fields keep the record's values.
def create_once(
    model: type[Any], user: User, client_id: uuid.UUID | None, make: Callable[[], Any]
) -> tuple[Any, bool]:
    """The record ``make`` creates and True, or the record the account already made with
    ``client_id`` and False (a retry)."""
    earlier = made_before(model, client_id, created_by=user)
    if earlier is not None:
        return earlier, False
    try:
        return make(), True
    except (IntegrityError, ValidationError):
        # A concurrent retry with the same client_id won the race (the unique constraint,
        # checked by full_clean or by the database): answer with its record.
        earlier = made_before(model, client_id, created_by=user)
        if earlier is None:
            raise
        return earlier, False


def problem_create(
    user: User, ref: HouseholdRef, *, client_id: uuid.UUID | None, ip: str | None, **fields: Any
) -> tuple[Problem, bool]:
    """The problem made, and whether it is new (False: ``client_id`` was seen before)."""
    data = ProblemInput(**fields)
    return create_once(
        Problem,
        user,
        client_id,
        lambda: services.problem_create(
            Act(user, ip=ip), household=ref, data=data, client_id=client_id
        ),
    )


def problem_update(
    user: User, problem: Problem, *, version: int, ip: str | None, **changes: Any
) -> Problem:
    fields = ("title", "details", "performer", "agency", "occurred_on", "dimension", "status")
    current: dict[str, Any] = {f: getattr(problem, f) for f in fields}
    current["resolved_on"] = problem.resolved_on
    # The catalogue's agency stays unless a new agency (an id or a text) is given.
    current["agency_id"] = None if "agency" in changes else problem.agency_ref_id
    merged = {**current, **changes, "indicator": changes.get("indicator", KEEP)}
    return services.problem_update(
        Act(user, ip=ip, expected_version=version), problem=problem, data=ProblemInput(**merged)
    )


def problem_delete(user: User, problem: Problem, *, version: int | None, ip: str | None) -> None:
    services.problem_delete(Act(user, ip=ip, expected_version=version), problem=problem)


def activity_create(
    user: User,
    ref: HouseholdRef,
    *,
    client_id: uuid.UUID | None,
    problem_id: int | None,
    ip: str | None,
    **fields: Any,
) -> tuple[Activity, bool]:
    def make() -> Activity:
        data = ActivityInput(problem=_problem_of(user, ref, problem_id), **fields)
        return services.activity_create(
            Act(user, ip=ip), household=ref, data=data, client_id=client_id
        )

    return create_once(Activity, user, client_id, make)


def _problem_of(user: User, ref: HouseholdRef, problem_id: int | None) -> Problem | None:
    """The household's problem the API names by id (one outside the caller's area or of
    another household is not told apart from none)."""
    if problem_id is None:
        return None
    problem = household_problem(user, ref, problem_id)
    if problem is None:
        raise ValidationError({"problem_id": _("ปัญหานี้ไม่ใช่ของครัวเรือนนี้")})
    return problem


def activity_update(
    user: User, activity: Activity, *, version: int, ip: str | None, **changes: Any
) -> Activity:
    ref = HouseholdRef(activity.year, activity.household_id, activity.village_code)
    fields = ("name", "details", "performer", "agency", "start_on", "end_on", "indicator")
    current: dict[str, Any] = {f: getattr(activity, f) for f in fields}
    current["agency_id"] = None if "agency" in changes else activity.agency_ref_id
    # Left out, a duplicate is saved and told in the answer (docs/api.md).
    changes.setdefault("confirm_duplicate", None)
    problem = activity.problem
    if "problem_id" in changes:
        problem = _problem_of(user, ref, changes.pop("problem_id"))
    return services.activity_update(
        Act(user, ip=ip, expected_version=version),
        activity=activity,
        data=ActivityInput(problem=problem, **{**current, **changes}),
    )


def activity_delete(user: User, activity: Activity, *, version: int | None, ip: str | None) -> None:
    services.activity_delete(Act(user, ip=ip, expected_version=version), activity=activity)


# The household's one pin, family folder and mentor: saved from the ``version`` read, 0
# when it had none (then made: True); ``fields`` are those of the service's input.
def _save_one(
    save: Callable[..., Any],
    data: Callable[..., Any],
    user: User,
    ref: HouseholdRef,
    version: int,
    ip: str | None,
    fields: dict[str, Any],
) -> tuple[Any, bool]:
    record = save(Act(user, ip=ip, expected_version=version), household=ref, data=data(**fields))
    return record, version == 0


def classification_save(
    user: User, ref: HouseholdRef, /, *, version: int, ip: str | None, **fields: Any
) -> tuple[Classification, bool]:
    return _save_one(services.classification_save, FolderInput, user, ref, version, ip, fields)


def pin_set(
    user: User, ref: HouseholdRef, /, *, version: int, ip: str | None, **fields: Any
) -> tuple[Pin, bool]:
    """``fields``: ``latitude``, ``longitude``, ``source``, ``accuracy_m``."""
    return _save_one(services.pin_set, PinInput, user, ref, version, ip, fields)


def mentor_assign(
    user: User, ref: HouseholdRef, /, *, version: int, ip: str | None, **fields: Any
) -> tuple[Mentor, bool]:
    """``fields``: those of ``MentorInput`` (``user``: the mentor's account, or None)."""
    return _save_one(services.mentor_assign, MentorInput, user, ref, version, ip, fields)


def household_mentor(user: User, ref: HouseholdRef) -> Mentor | None:
    return logbook_selectors.household_mentor(user, ref)


def mentor_remove(user: User, mentor: Mentor, *, version: int | None, ip: str | None) -> None:
    services.mentor_remove(Act(user, ip=ip, expected_version=version), mentor=mentor)
