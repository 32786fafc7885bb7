"""The API's only door into the Logbook's services and selectors and the warehouse's
selectors. When their signatures change (services taking one frozen dataclass, renamed
warehouse modules), this module is the one place to adapt.

Each function takes the acting account and plain values (what the schemas parsed) and
returns model instances or the JSON documents of CONTRACTS.md section 3."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from tpmap.core.indicators import questionnaire
from tpmap.logbook import selectors as logbook_selectors
from tpmap.logbook import services
from tpmap.logbook.models import Activity, Classification, Mentor, Pin, Problem
from tpmap.logbook.services import KEEP, HouseholdRef, StaleVersion
from tpmap.logbook.warehouse import WarehouseUnavailable, get_warehouse
from tpmap.warehouse import selectors as warehouse_selectors
from tpmap.warehouse.selectors import NotFound

__all__ = ["HouseholdRef", "NotFound", "StaleVersion", "WarehouseUnavailable"]


# -- warehouse reads (the CLI's documents) ------------------------------------------------
def summary(*, year: int, area: str) -> dict[str, Any]:
    return warehouse_selectors.summary(get_warehouse(), year=year, area=area)


def households(
    *,
    year: int,
    area: str,
    dimension: str | None,
    indicator: int | None,
    group: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    return warehouse_selectors.households(
        get_warehouse(),
        year=year,
        area=area,
        dimension=dimension,
        indicator=indicator,
        group=group,
        limit=limit,
        offset=offset,
    )


def household_document(*, year: int, household_id: str) -> dict[str, Any]:
    return warehouse_selectors.household(get_warehouse(), year=year, household_id=household_id)


def indicator_numbers(year: int) -> set[int]:
    """The BMN indicator numbers of the year's questionnaire."""
    return {i.no for i in questionnaire(get_warehouse().questionnaire(year)).indicators}


# -- Logbook reads ---------------------------------------------------------------------------
def household_locate(user: Any, *, year: int, household_id: str) -> HouseholdRef | None:
    return logbook_selectors.household_locate(
        get_warehouse(), user, year=year, household_id=household_id
    )


def household_opened(user: Any, ref: HouseholdRef, *, ip: str | None) -> None:
    services.household_opened(actor=user, household=ref, ip=ip)


def household_records(user: Any, ref: HouseholdRef) -> dict[str, Any]:
    timeline = logbook_selectors.household_timeline(user, ref)
    return {
        "problems": [e.record for e in timeline if e.kind == "problem"],
        "activities": [e.record for e in timeline if e.kind == "activity"],
        "pin": logbook_selectors.household_pin(user, ref),
        "classification": logbook_selectors.household_classification(user, ref),
        "mentor": logbook_selectors.household_mentor(user, ref),
    }


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
def _not_future(field: str, day: date | None) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("วันที่ต้องไม่เป็นวันในอนาคต")})


def _made_before(model: type[Problem | Activity], user: Any, client_id: uuid.UUID | None) -> Any:
    if client_id is None:
        return None
    return model.objects.filter(created_by=user, client_id=client_id).first()


def problem_create(
    user: Any, ref: HouseholdRef, *, client_id: uuid.UUID | None, ip: str | None, **fields: Any
) -> tuple[Problem, bool]:
    """The problem made, and whether it is new (False: ``client_id`` was seen before)."""
    earlier = _made_before(Problem, user, client_id)
    if earlier is not None:
        return earlier, False
    _not_future("occurred_on", fields["occurred_on"])
    try:
        return services.problem_create(
            actor=user, household=ref, client_id=client_id, ip=ip, **fields
        ), True
    except (IntegrityError, ValidationError):
        # A concurrent retry with the same client_id won the race (the unique constraint,
        # checked by full_clean or by the database): answer with its record.
        earlier = _made_before(Problem, user, client_id)
        if earlier is None:
            raise
        return earlier, False


def problem_update(
    user: Any, problem: Problem, *, version: int, ip: str | None, **changes: Any
) -> Problem:
    current: dict[str, Any] = {
        f: getattr(problem, f)
        for f in ("title", "details", "performer", "agency", "occurred_on", "dimension", "status")
    }
    current["resolved_on"] = problem.resolved_on
    merged = {**current, **changes}
    _not_future("occurred_on", merged["occurred_on"])
    return services.problem_update(
        actor=user,
        problem=problem,
        title=merged["title"],
        details=merged["details"],
        performer=merged["performer"],
        agency=merged["agency"],
        occurred_on=merged["occurred_on"],
        dimension=merged["dimension"],
        status=merged["status"],
        resolved_on=merged["resolved_on"],
        indicator=changes.get("indicator", KEEP),
        expected_version=version,
        ip=ip,
    )


def problem_delete(user: Any, problem: Problem, *, version: int | None, ip: str | None) -> None:
    services.problem_delete(actor=user, problem=problem, expected_version=version, ip=ip)


def activity_create(
    user: Any,
    ref: HouseholdRef,
    *,
    client_id: uuid.UUID | None,
    problem_id: int | None,
    ip: str | None,
    **fields: Any,
) -> tuple[Activity, bool]:
    earlier = _made_before(Activity, user, client_id)
    if earlier is not None:
        return earlier, False
    problem = _problem_of(user, ref, problem_id)
    try:
        return services.activity_create(
            actor=user, household=ref, problem=problem, client_id=client_id, ip=ip, **fields
        ), True
    except (IntegrityError, ValidationError):
        earlier = _made_before(Activity, user, client_id)
        if earlier is None:
            raise
        return earlier, False


def _problem_of(user: Any, ref: HouseholdRef, problem_id: int | None) -> Problem | None:
    if problem_id is None:
        return None
    problem = household_problem(user, ref, problem_id)
    if problem is None:
        raise ValidationError({"problem_id": _("ปัญหานี้ไม่ใช่ของครัวเรือนนี้")})
    return problem


def activity_update(
    user: Any, activity: Activity, *, version: int, ip: str | None, **changes: Any
) -> Activity:
    ref = HouseholdRef(activity.year, activity.household_id, activity.village_code)
    current: dict[str, Any] = {
        f: getattr(activity, f)
        for f in ("name", "details", "performer", "agency", "start_on", "end_on", "indicator")
    }
    problem = activity.problem
    if "problem_id" in changes:
        problem = _problem_of(user, ref, changes.pop("problem_id"))
    merged = {**current, **changes}
    if merged["end_on"] is not None and merged["end_on"] < merged["start_on"]:
        # The page's form rule (activity_create has it; activity_update leaves it to it).
        raise ValidationError({"end_on": _("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น")})
    return services.activity_update(
        actor=user,
        activity=activity,
        problem=problem,
        expected_version=version,
        ip=ip,
        **merged,
    )


def activity_delete(user: Any, activity: Activity, *, version: int | None, ip: str | None) -> None:
    services.activity_delete(actor=user, activity=activity, expected_version=version, ip=ip)


def classification_save(
    user: Any, ref: HouseholdRef, *, version: int, ip: str | None, **fields: Any
) -> tuple[Classification, bool]:
    folder = services.classification_save(
        actor=user, household=ref, expected_version=version, ip=ip, **fields
    )
    return folder, version == 0


def pin_set(
    user: Any,
    ref: HouseholdRef,
    *,
    latitude: Decimal,
    longitude: Decimal,
    source: str,
    accuracy_m: int | None,
    version: int,
    ip: str | None,
) -> tuple[Pin, bool]:
    pin = services.pin_set(
        actor=user,
        household=ref,
        latitude=latitude,
        longitude=longitude,
        source=source,
        accuracy_m=accuracy_m,
        expected_version=version,
        ip=ip,
    )
    return pin, version == 0


def mentor_assign(
    user: Any,
    ref: HouseholdRef,
    *,
    mentor_user: Any,
    name: str,
    agency: str,
    assigned_on: date,
    version: int,
    ip: str | None,
) -> tuple[Mentor, bool]:
    mentor = services.mentor_assign(
        actor=user,
        household=ref,
        name=name,
        agency=agency,
        assigned_on=assigned_on,
        user=mentor_user,
        expected_version=version,
        ip=ip,
    )
    return mentor, version == 0


def household_mentor(user: Any, ref: HouseholdRef) -> Mentor | None:
    return logbook_selectors.household_mentor(user, ref)


def mentor_remove(user: Any, mentor: Mentor, *, version: int | None, ip: str | None) -> None:
    services.mentor_remove(actor=user, mentor=mentor, expected_version=version, ip=ip)
