"""Writes through the Logbook's services (same rules, scopes and audit as the pages).
Creates take an optional ``client_id`` (a retry answers 200 with the record already made);
changes take the ``version`` read (stale: 409). A household or record outside the
caller's area is a 404; a record of someone else's that the caller may not change, 403."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from pydantic import BaseModel

from tpmap.accounts.audit import client_ip
from tpmap.api import calls, serialize
from tpmap.api.common import CREATED, DELETED, OK, DeleteVersion, Id, created, found, household
from tpmap.api.errors import ApiError, bilingual
from tpmap.api.reads import HouseholdId, Year
from tpmap.api.schemas import (
    ActivityChange,
    ActivityIn,
    ClassificationIn,
    MentorIn,
    PinIn,
    ProblemChange,
    ProblemIn,
)
from tpmap.site.officers import officer_of

router = Router(tags=["logbook"])


@dataclass(frozen=True, slots=True)
class RecordKind:
    """A Logbook record of a household the API makes, reads, changes and deletes alike."""

    visible: Callable[[Any, int], Any]  # the record of that id the caller may see, or None
    create: Callable[..., tuple[Any, bool]]
    update: Callable[..., Any]
    delete: Callable[..., None]
    answer: Callable[..., dict[str, Any]]  # (record, photos: list or None: read them)


PROBLEMS = RecordKind(
    calls.visible_problem,
    calls.problem_create,
    calls.problem_update,
    calls.problem_delete,
    serialize.problem,
)
ACTIVITIES = RecordKind(
    calls.visible_activity,
    calls.activity_create,
    calls.activity_update,
    calls.activity_delete,
    serialize.activity,
)


def _blank_defaults(body: dict[str, Any]) -> dict[str, Any]:
    """A left-out performer or agency as blank: the service fills in the account's."""
    return {**body, "performer": body["performer"] or "", "agency": body["agency"] or ""}


def _check_indicator(year: int, indicator: int | None) -> None:
    if indicator is not None and indicator not in calls.indicator_numbers(year):
        message = bilingual(
            "ไม่มีตัวชี้วัดนี้ในแบบสอบถามของปีนี้", "No such indicator in this year's questionnaire"
        )
        raise ApiError(422, "invalid", fields={"indicator": [message]})


def _create(
    kind: RecordKind,
    request: HttpRequest,
    year: int,
    household_id: str,
    payload: ProblemIn | ActivityIn,
) -> Status[Any]:
    """201 with the record made, or 200 with the one the caller's ``client_id`` made."""
    ref = household(request, year, household_id)
    _check_indicator(year, payload.indicator)
    d = payload.model_dump()
    record, made = kind.create(
        officer_of(request),
        ref,
        client_id=d.pop("client_id"),
        ip=client_ip(request),
        **_blank_defaults(d),
    )
    # A record just made has no photo (a body carries none: they come one by one through
    # POST .../photos); one made before may have some.
    return created(made, kind.answer(record, [] if made else None))


def _get(kind: RecordKind, request: HttpRequest, pk: int) -> Any:
    return found(kind.visible(request.user, pk))


def _change(kind: RecordKind, request: HttpRequest, pk: int, payload: BaseModel) -> dict[str, Any]:
    """Fields left out keep their value; ``version`` is the one read (stale: 409)."""
    record = _get(kind, request, pk)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    if changes.get("indicator") is not None:
        _check_indicator(record.year, changes["indicator"])
    changed = kind.update(
        officer_of(request), record, version=version, ip=client_ip(request), **changes
    )
    return kind.answer(changed)


def _delete(kind: RecordKind, request: HttpRequest, pk: int, version: int | None) -> Status[None]:
    record = _get(kind, request, pk)
    kind.delete(officer_of(request), record, version=version, ip=client_ip(request))
    return Status(204, None)


# -- problems ----------------------------------------------------------------------------
@router.post("/households/{year}/{household_id}/problems", response=CREATED)
def problem_create(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: ProblemIn
) -> Any:
    return _create(PROBLEMS, request, year, household_id, payload)


@router.get("/problems/{pk}", response=OK)
def problem_get(request: HttpRequest, pk: Path[Id]) -> Any:
    return serialize.problem(_get(PROBLEMS, request, pk))


@router.api_operation(["PATCH", "PUT"], "/problems/{pk}", response=OK)
def problem_change(request: HttpRequest, pk: Path[Id], payload: ProblemChange) -> Any:
    return _change(PROBLEMS, request, pk, payload)


@router.delete("/problems/{pk}", response=DELETED)
def problem_delete(request: HttpRequest, pk: Path[Id], version: Query[DeleteVersion] = None) -> Any:
    return _delete(PROBLEMS, request, pk, version)


# -- activities --------------------------------------------------------------------------
@router.post("/households/{year}/{household_id}/activities", response=CREATED)
def activity_create(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: ActivityIn
) -> Any:
    return _create(ACTIVITIES, request, year, household_id, payload)


@router.get("/activities/{pk}", response=OK)
def activity_get(request: HttpRequest, pk: Path[Id]) -> Any:
    return serialize.activity(_get(ACTIVITIES, request, pk))


@router.api_operation(["PATCH", "PUT"], "/activities/{pk}", response=OK)
def activity_change(request: HttpRequest, pk: Path[Id], payload: ActivityChange) -> Any:
    return _change(ACTIVITIES, request, pk, payload)


@router.delete("/activities/{pk}", response=DELETED)
def activity_delete(
    request: HttpRequest, pk: Path[Id], version: Query[DeleteVersion] = None
) -> Any:
    return _delete(ACTIVITIES, request, pk, version)


# -- pin, family folder, mentor (one per household: PUT creates or replaces) --------------
def _put(
    request: HttpRequest,
    ref: calls.HouseholdRef,
    save: Callable[..., tuple[Any, bool]],
    answer: Callable[[Any], Any],
    **fields: Any,
) -> Status[Any]:
    """201 when the household had none (``version`` 0), else 200."""
    record, made = save(officer_of(request), ref, ip=client_ip(request), **fields)
    return created(made, answer(record))


@router.put("/households/{year}/{household_id}/pin", response=CREATED)
def pin_put(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: PinIn
) -> Any:
    """Set the household's pin. ``version``: the pin's version read, 0 when it had none."""
    ref = household(request, year, household_id)
    return _put(request, ref, calls.pin_set, serialize.pin, **payload.model_dump())


@router.put("/households/{year}/{household_id}/classification", response=CREATED)
def classification_put(
    request: HttpRequest,
    year: Path[Year],
    household_id: Path[HouseholdId],
    payload: ClassificationIn,
) -> Any:
    """Save the household's family folder (F14); ``version`` as for the pin."""
    ref = household(request, year, household_id)
    fields = payload.model_dump()
    return _put(request, ref, calls.classification_save, serialize.classification, **fields)


@router.put("/households/{year}/{household_id}/mentor", response=CREATED)
def mentor_put(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: MentorIn
) -> Any:
    """Give the household its mentor (F16): an account of the area (``user_id``) or a name
    and agency; ``version`` as for the pin."""
    from django.utils import timezone

    ref = household(request, year, household_id)
    mentor_user = None
    if payload.user_id is not None:
        mentor_user = calls.mentor_account(ref, payload.user_id)
        if mentor_user is None:
            raise ApiError(422, "invalid", fields={"user_id": ["บัญชีนี้เป็นพี่เลี้ยงของครัวเรือนนี้ไม่ได้"]})
    fields = payload.model_dump(exclude={"user_id"})
    fields.update(user=mentor_user, assigned_on=payload.assigned_on or timezone.localdate())
    return _put(request, ref, calls.mentor_assign, serialize.mentor, **fields)


@router.delete("/households/{year}/{household_id}/mentor", response=DELETED)
def mentor_delete(
    request: HttpRequest,
    year: Path[Year],
    household_id: Path[HouseholdId],
    version: Query[DeleteVersion] = None,
) -> Any:
    ref = household(request, year, household_id)
    mentor = found(calls.household_mentor(officer_of(request), ref))
    calls.mentor_remove(officer_of(request), mentor, version=version, ip=client_ip(request))
    return Status(204, None)
