"""Writes through the Logbook's services (same rules, scopes and audit as the pages).
Creates take an optional ``client_id`` (a retry answers 200 with the record already made);
changes take the ``version`` read (stale: 409). A household or record outside the
caller's area is a 404; a record of someone else's that the caller may not change, 403."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from pydantic import Field

from tpmap.accounts.audit import client_ip
from tpmap.api import calls, serialize
from tpmap.api.errors import ApiError, bilingual
from tpmap.api.reads import HouseholdId, Year
from tpmap.api.schemas import (
    MAX_ID,
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
ERRORS = {401: Any, 403: Any, 404: Any, 409: Any, 422: Any, 429: Any}
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
DeleteVersion = Annotated[int | None, Field(None, ge=0, le=MAX_ID)]


def _household(request: HttpRequest, year: int, household_id: str) -> calls.HouseholdRef:
    ref = calls.household_locate(request.user, year=year, household_id=household_id)
    if ref is None:
        raise ApiError(404, "not_found")
    return ref


def _blank_defaults(body: dict[str, Any]) -> dict[str, Any]:
    """A left-out performer or agency as blank: the service fills in the account's."""
    return {**body, "performer": body["performer"] or "", "agency": body["agency"] or ""}


def _check_indicator(year: int, indicator: int | None) -> None:
    if indicator is not None and indicator not in calls.indicator_numbers(year):
        message = bilingual(
            "ไม่มีตัวชี้วัดนี้ในแบบสอบถามของปีนี้", "No such indicator in this year's questionnaire"
        )
        raise ApiError(422, "invalid", fields={"indicator": [message]})


# -- problems ----------------------------------------------------------------------------
@router.post("/households/{year}/{household_id}/problems", response={200: Any, 201: Any, **ERRORS})
def problem_create(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: ProblemIn
) -> Any:
    ref = _household(request, year, household_id)
    _check_indicator(year, payload.indicator)
    d = payload.model_dump()
    problem, made = calls.problem_create(
        officer_of(request),
        ref,
        client_id=d.pop("client_id"),
        ip=client_ip(request),
        **_blank_defaults(d),
    )
    return Status(201 if made else 200, serialize.problem(problem))


def _visible(record: Any) -> Any:
    """A record the caller may see, else 404 (a record outside the area is not revealed)."""
    if record is None:
        raise ApiError(404, "not_found")
    return record


def _problem(request: HttpRequest, pk: int) -> Any:
    return _visible(calls.visible_problem(request.user, pk))


@router.get("/problems/{pk}", response={200: Any, **ERRORS})
def problem_get(request: HttpRequest, pk: Path[Id]) -> Any:
    return serialize.problem(_problem(request, pk))


@router.api_operation(["PATCH", "PUT"], "/problems/{pk}", response={200: Any, **ERRORS})
def problem_change(request: HttpRequest, pk: Path[Id], payload: ProblemChange) -> Any:
    problem = _problem(request, pk)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    if changes.get("indicator") is not None:
        _check_indicator(problem.year, changes["indicator"])
    changed = calls.problem_update(
        officer_of(request), problem, version=version, ip=client_ip(request), **changes
    )
    return serialize.problem(changed)


@router.delete("/problems/{pk}", response={204: None, **ERRORS})
def problem_delete(request: HttpRequest, pk: Path[Id], version: Query[DeleteVersion] = None) -> Any:
    calls.problem_delete(
        officer_of(request), _problem(request, pk), version=version, ip=client_ip(request)
    )
    return Status(204, None)


# -- activities --------------------------------------------------------------------------
@router.post(
    "/households/{year}/{household_id}/activities", response={200: Any, 201: Any, **ERRORS}
)
def activity_create(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: ActivityIn
) -> Any:
    ref = _household(request, year, household_id)
    _check_indicator(year, payload.indicator)
    d = payload.model_dump()
    activity, made = calls.activity_create(
        officer_of(request),
        ref,
        client_id=d.pop("client_id"),
        problem_id=d.pop("problem_id"),
        ip=client_ip(request),
        **_blank_defaults(d),
    )
    return Status(201 if made else 200, serialize.activity(activity))


def _activity(request: HttpRequest, pk: int) -> Any:
    return _visible(calls.visible_activity(request.user, pk))


@router.get("/activities/{pk}", response={200: Any, **ERRORS})
def activity_get(request: HttpRequest, pk: Path[Id]) -> Any:
    return serialize.activity(_activity(request, pk))


@router.api_operation(["PATCH", "PUT"], "/activities/{pk}", response={200: Any, **ERRORS})
def activity_change(request: HttpRequest, pk: Path[Id], payload: ActivityChange) -> Any:
    activity = _activity(request, pk)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    if changes.get("indicator") is not None:
        _check_indicator(activity.year, changes["indicator"])
    changed = calls.activity_update(
        officer_of(request), activity, version=version, ip=client_ip(request), **changes
    )
    return serialize.activity(changed)


@router.delete("/activities/{pk}", response={204: None, **ERRORS})
def activity_delete(
    request: HttpRequest, pk: Path[Id], version: Query[DeleteVersion] = None
) -> Any:
    calls.activity_delete(
        officer_of(request), _activity(request, pk), version=version, ip=client_ip(request)
    )
    return Status(204, None)


# -- pin, family folder, mentor (one per household: PUT creates or replaces) --------------
@router.put("/households/{year}/{household_id}/pin", response={200: Any, 201: Any, **ERRORS})
def pin_put(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: PinIn
) -> Any:
    """Set the household's pin. ``version``: the pin's version read, 0 when it had none."""
    ref = _household(request, year, household_id)
    pin, made = calls.pin_set(
        officer_of(request), ref, ip=client_ip(request), **payload.model_dump()
    )
    return Status(201 if made else 200, serialize.pin(pin))


@router.put(
    "/households/{year}/{household_id}/classification", response={200: Any, 201: Any, **ERRORS}
)
def classification_put(
    request: HttpRequest,
    year: Path[Year],
    household_id: Path[HouseholdId],
    payload: ClassificationIn,
) -> Any:
    """Save the household's family folder (F14); ``version`` as for the pin."""
    ref = _household(request, year, household_id)
    folder, made = calls.classification_save(
        officer_of(request), ref, ip=client_ip(request), **payload.model_dump()
    )
    return Status(201 if made else 200, serialize.classification(folder))


@router.put("/households/{year}/{household_id}/mentor", response={200: Any, 201: Any, **ERRORS})
def mentor_put(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: MentorIn
) -> Any:
    """Give the household its mentor (F16): an account of the area (``user_id``) or a name
    and agency; ``version`` as for the pin."""
    from django.utils import timezone

    ref = _household(request, year, household_id)
    mentor_user = None
    if payload.user_id is not None:
        mentor_user = calls.mentor_account(ref, payload.user_id)
        if mentor_user is None:
            raise ApiError(422, "invalid", fields={"user_id": ["บัญชีนี้เป็นพี่เลี้ยงของครัวเรือนนี้ไม่ได้"]})
    mentor, made = calls.mentor_assign(
        officer_of(request),
        ref,
        mentor_user=mentor_user,
        name=payload.name,
        agency=payload.agency,
        assigned_on=payload.assigned_on or timezone.localdate(),
        version=payload.version,
        ip=client_ip(request),
        kind=payload.kind,
        dimension=payload.dimension,
    )
    return Status(201 if made else 200, serialize.mentor(mentor))


@router.delete("/households/{year}/{household_id}/mentor", response={204: None, **ERRORS})
def mentor_delete(
    request: HttpRequest,
    year: Path[Year],
    household_id: Path[HouseholdId],
    version: Query[DeleteVersion] = None,
) -> Any:
    ref = _household(request, year, household_id)
    mentor = calls.household_mentor(officer_of(request), ref)
    if mentor is None:
        raise ApiError(404, "not_found")
    calls.mentor_remove(officer_of(request), mentor, version=version, ip=client_ip(request))
    return Status(204, None)
