"""The knock-knock loop through the API (CONTRACTS.md §4): additions (F12) and their
decisions, visit outcomes and corrections (F13) and their reversals, re-assessments of the
MPI indicators. Every endpoint only translates into the Logbook's services, so the rules,
scopes and audit are the pages'. A NID never leaves in full: additions carry
``nid_last4``."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from pydantic import Field

from tpmap.accounts.scope import scope_filter
from tpmap.api.common import CREATED, OK, Id, as_input, create_once, found, household
from tpmap.api.reads import AreaCode, HouseholdId, Year, _area
from tpmap.api.serialize import client_ref, iso, plain
from tpmap.core.areas import COUNTRY_CODE
from tpmap.logbook import selectors, services
from tpmap.logbook.models import Addition, Assessment, Correction
from tpmap.site.officers import act_of
from tpmap.site.warehouse import get_warehouse

router = Router(tags=["fieldwork"])
Text = Annotated[str, Field(max_length=1000)]
Short = Annotated[str, Field(max_length=200)]
MAX_LIST = 500


def _in_area(qs: QuerySet[Any], area: str) -> QuerySet[Any]:
    return qs if area == COUNTRY_CODE else qs.filter(village_code__startswith=area)


# -- additions (F12) ---------------------------------------------------------------------
class AdditionIn(Schema):
    year: Year
    village_code: Annotated[str, Field(max_length=8)] = ""
    household_id: Annotated[str, Field(max_length=32)] | None = None
    new_household: bool = False
    house_no: Annotated[str, Field(max_length=30)] | None = None
    nid: Annotated[str, Field(max_length=17)] | None = None
    title: Annotated[str, Field(max_length=30)] | None = None
    first_name: Annotated[str, Field(max_length=100)] = ""
    last_name: Annotated[str, Field(max_length=100)] = ""
    sex: Literal["M", "F"] | None = None
    birth_date: date | None = None
    age: Annotated[int, Field(ge=0, le=130)] | None = None
    reason: Text = ""
    client_id: uuid.UUID | None = None


class DecisionIn(Schema):
    approve: bool
    identity_checked: bool = False
    note: Text | None = None


# Texts an addition may leave out (None): blank for the service.
ADDITION_BLANKS = ("household_id", "house_no", "nid", "title", "sex")


def _decided(a: Addition) -> dict[str, Any]:
    return {"id": a.pk, "status": a.status}


def addition(a: Addition) -> dict[str, Any]:
    return {
        "id": a.pk,
        **plain(a, "status", "year", "village_code", "place"),
        "household_id": a.household_id or None,
        "house_no": a.house_no or None,
        "nid_last4": a.nid_last4 or None,
        **plain(a, "title", "first_name", "last_name"),
        "sex": a.sex or None,
        "birth_date": iso(a.birth_date),
        "age": a.age,
        "reason": a.reason,
        "client_id": client_ref(a),
        "created_by": a.created_by.username,
        "created_at": iso(a.created_at),
        "decided_by": a.decided_by.username if a.decided_by else None,
        "decided_at": iso(a.decided_at),
        "identity_checked": a.identity_checked,
        "decision_note": a.decision_note,
    }


@router.post("/additions", response=CREATED)
def addition_create(request: HttpRequest, payload: AdditionIn) -> Any:
    data = as_input(services.AdditionInput, payload, blank=ADDITION_BLANKS)
    add = services.addition_create
    return create_once(request, Addition, data, add, _decided, wh=get_warehouse())


@router.post("/additions/{pk}/decision", response=OK)
def addition_decision(request: HttpRequest, pk: Path[Id], payload: DecisionIn) -> Any:
    # Any existing addition: the service answers 403 for another area (CONTRACTS.md §4).
    asked = found(Addition.objects.filter(pk=pk).first())
    data = as_input(services.DecisionInput, payload, blank=("note",))
    decided = services.addition_decide(act_of(request), addition=asked, data=data)
    return _decided(decided)


@router.get("/additions/{pk}", response=OK)
def addition_get(request: HttpRequest, pk: Path[Id]) -> Any:
    return addition(found(selectors.visible_additions(request.user).filter(pk=pk).first()))


@router.get("/additions", response=OK)
def addition_list(
    request: HttpRequest,
    status: Query[Literal["pending", "approved", "rejected"] | None] = None,
    area: Query[AreaCode] = None,
    year: Query[Year | None] = None,
) -> Any:
    qs = _in_area(selectors.visible_additions(request.user), _area(request.user, area))
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    items = [addition(a) for a in qs.order_by("created_at", "id")[:MAX_LIST]]
    return {"total": qs.count(), "items": items}


# -- visit outcomes and corrections (F13) -----------------------------------------------
class CorrectionIn(Schema):
    kind: Literal["found", "moved_out", "deceased", "not_poor", "not_found", "wrong_data"]
    effective_on: date
    member_no: Annotated[int, Field(ge=0, le=10000)] | None = None
    field_name: Annotated[str, Field(max_length=40)] | None = None
    correct_value: Short | None = None
    note: Text | None = None
    client_id: uuid.UUID | None = None


class ReversalIn(Schema):
    reason: Text


def correction(c: Correction) -> dict[str, Any]:
    return {
        "id": c.pk,
        **plain(c, "year", "household_id", "village_code", "member_no"),
        "member_name": c.member_name or None,
        "kind": c.kind,
        "field_name": c.field_name or None,
        "correct_value": c.correct_value or None,
        "effective_on": iso(c.effective_on),
        "note": c.note,
        "active": c.active,
        "reversed_at": iso(c.reversed_at),
        "reversed_by": c.reversed_by.username if c.reversed_by else None,
        "reversed_reason": c.reversed_reason or None,
        "client_id": client_ref(c),
        "created_by": c.created_by.username,
        "created_at": iso(c.created_at),
        "photos": [p.pk for p in c.photos.all()],
    }


@router.post("/households/{year}/{household_id}/corrections", response=CREATED)
def correction_create(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: CorrectionIn
) -> Any:
    ref = household(request, year, household_id)
    data = as_input(
        services.CorrectionInput, payload, blank=("field_name", "correct_value", "note")
    )
    add = services.correction_create
    return create_once(
        request, Correction, data, add, correction, household=ref, wh=get_warehouse()
    )


@router.post("/corrections/{pk}/reversal", response=OK)
def correction_reverse(request: HttpRequest, pk: Path[Id], payload: ReversalIn) -> Any:
    done = services.correction_reverse(
        act_of(request),
        wh=get_warehouse(),
        correction=found(selectors.visible_corrections(request.user).filter(pk=pk).first()),
        reason=payload.reason,
    )
    return correction(done)


@router.get("/corrections", response=OK)
def correction_list(
    request: HttpRequest,
    area: Query[AreaCode] = None,
    year: Query[Year | None] = None,
    active: Query[bool | None] = None,
) -> Any:
    qs = _in_area(selectors.visible_corrections(request.user), _area(request.user, area))
    if year:
        qs = qs.filter(year=year)
    if active is not None:
        qs = qs.filter(reversed_at__isnull=active)
    rows = qs.select_related("created_by", "reversed_by").prefetch_related("photos")
    return {"total": qs.count(), "items": [correction(c) for c in rows.order_by("id")[:MAX_LIST]]}


# -- re-assessments ----------------------------------------------------------------------
class AssessmentIn(Schema):
    assessed_on: date
    results: dict[int, Literal["pass", "fail", "na"]]
    note: Text | None = None
    client_id: uuid.UUID | None = None


def assessment(a: Assessment) -> dict[str, Any]:
    return {
        "id": a.pk,
        **plain(a, "year", "household_id", "village_code"),
        "assessed_on": iso(a.assessed_on),
        **plain(a, "results", "items", "note"),
        "client_id": client_ref(a),
        "created_by": a.created_by.username,
        "created_at": iso(a.created_at),
    }


@router.post("/households/{year}/{household_id}/assessments", response=CREATED)
def assessment_create(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: AssessmentIn
) -> Any:
    ref = household(request, year, household_id)
    data = as_input(services.AssessmentInput, payload, blank=("note",))
    add, wh = services.assessment_create, get_warehouse()
    return create_once(request, Assessment, data, add, assessment, household=ref, wh=wh)


@router.get("/assessments", response=OK)
def assessment_list(
    request: HttpRequest, area: Query[AreaCode] = None, year: Query[Year | None] = None
) -> Any:
    qs = _in_area(scope_filter(request.user, Assessment.objects.all()), _area(request.user, area))
    if year:
        qs = qs.filter(year=year)
    rows = qs.select_related("created_by").order_by("id")[:MAX_LIST]
    return {"total": qs.count(), "items": [assessment(a) for a in rows]}
