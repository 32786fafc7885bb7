"""Mentors' case work through the API (F16, issue 11 items 1 and 5): home visits (create
with an optional ``client_id``, change with the ``version`` read: 409 when stale), a
mentor's households, the work lists of the caller's area and a province's mentor
settings. Every endpoint only translates into the Logbook's services and selectors, so
the rules, scopes and audit are the pages'."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from tpmap.accounts.audit import client_ip
from tpmap.api import calls
from tpmap.api.common import (
    CREATED,
    DELETED,
    OK,
    DeleteVersion,
    Id,
    as_input,
    changes_of,
    created,
    deleted,
    found,
    household,
    write,
)
from tpmap.api.errors import ApiError
from tpmap.api.reads import AreaCode, HouseholdId, Year, _area
from tpmap.api.schemas import MAX_ID, NoNul
from tpmap.api.serialize import client_ref, plain
from tpmap.core.areas import COUNTRY_CODE
from tpmap.logbook.mentors import services as mentor_services
from tpmap.logbook.models import ProvinceSetting, Visit
from tpmap.logbook.visits import services as visit_services
from tpmap.logbook.visits.selectors import household_visits, visible_visits
from tpmap.logbook.worklists import registry
from tpmap.site.officers import Act, act_of, officer_of
from tpmap.site.warehouse import get_warehouse

router = Router(tags=["casework"])
Outcome = Literal["", "better", "same", "worse", "not_home"]
Slug = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9-]+$")]
ProvinceCode = Annotated[str, Field(pattern=r"^[0-9]{2}$")]
Days = Annotated[int, Field(ge=1, le=registry.MAX_DAYS)]
MAX_ROWS = 500


class VisitIn(Schema, NoNul):
    visited_on: date
    found: str = Field(max_length=visit_services.FOUND_MAX)
    outcome: Outcome = ""
    note: str = Field("", max_length=5000)
    client_id: uuid.UUID | None = None


class VisitChange(Schema, NoNul):
    """Fields left out keep their value; ``version`` is the one read."""

    version: int = Field(ge=0, le=MAX_ID)
    visited_on: date | None = None
    found: str | None = Field(None, max_length=visit_services.FOUND_MAX)
    outcome: Outcome | None = None
    note: str | None = Field(None, max_length=5000)


class ProvinceSettingIn(Schema):
    mentor_household_limit: int = Field(ge=1, le=ProvinceSetting.MAX_LIMIT)
    version: int = Field(0, ge=0, le=MAX_ID)


def visit(v: Visit) -> dict[str, Any]:
    return {
        "id": v.pk,
        **plain(v, "version", "year", "household_id", "village_code"),
        "visited_on": v.visited_on.isoformat(),
        "found": v.found,
        "outcome": v.outcome or None,
        "contact": v.is_contact,
        "note": v.note,
        "photos": [p.pk for p in v.photos.all()],
        "client_id": client_ref(v),
        "created_by": v.created_by.username,
        "created_at": v.created_at.isoformat(),
    }


def _visit(request: HttpRequest, pk: int) -> Visit:
    return found(visible_visits(request.user).filter(pk=pk).select_related("created_by").first())


# -- visits --------------------------------------------------------------------------------
@router.post("/households/{year}/{household_id}/visits", response=CREATED)
def visit_create(
    request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId], payload: VisitIn
) -> Any:
    """Record a home visit; the same ``client_id`` again answers 200 with the visit made."""
    ref = household(request, year, household_id)
    officer = officer_of(request)
    data = as_input(visit_services.VisitInput, payload)

    def make() -> Visit:
        return visit_services.visit_create(
            Act(officer, ip=client_ip(request)),
            household=ref,
            data=data,
            client_id=payload.client_id,
        )

    record, made = calls.create_once(Visit, officer, payload.client_id, make)
    return created(made, visit(record))


@router.get("/households/{year}/{household_id}/visits", response=OK)
def visit_list(request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId]) -> Any:
    """The household's visits of the data year, newest first, and its contacts."""
    ref = household(request, year, household_id)
    seen = household_visits(request.user, ref)
    return {"contacts": seen.contacts, "items": [visit(v) for v in seen.visits]}


@router.get("/visits/{pk}", response=OK)
def visit_get(request: HttpRequest, pk: Path[Id]) -> Any:
    return visit(_visit(request, pk))


@router.api_operation(["PATCH", "PUT"], "/visits/{pk}", response=OK)
def visit_change(request: HttpRequest, pk: Path[Id], payload: VisitChange) -> Any:
    current = _visit(request, pk)
    version, merged = changes_of(payload, current, ("visited_on", "found", "outcome", "note"))
    data = visit_services.VisitInput(**merged)
    return visit(write(request, visit_services.visit_update, version, visit=current, data=data))


@router.delete("/visits/{pk}", response=DELETED)
def visit_delete(request: HttpRequest, pk: Path[Id], version: Query[DeleteVersion] = None) -> Any:
    return deleted(request, visit_services.visit_delete, version, visit=_visit(request, pk))


# -- my households and work lists ------------------------------------------------------------
def _query(
    request: HttpRequest, year: int | None, area: str | None, days: int | None
) -> registry.WorkQuery:
    wh = get_warehouse()
    if year is not None and year not in wh.years:
        raise ApiError(404, "not_found")
    asked = _area(request.user, area)
    return registry.WorkQuery(
        viewer=officer_of(request),
        wh=wh,
        year=year or max(wh.years),
        area="" if asked == COUNTRY_CODE else asked,
        today=timezone.localdate(),
        days=days or registry.DEFAULT_DAYS,
    )


def _row(r: registry.WorkRow) -> dict[str, Any]:
    return {
        "household_id": r.household_id or None,
        **plain(r, "village_code", "title", "priority"),
        "due": r.notes,
    }


@router.get("/me/households", response=OK)
def my_households(request: HttpRequest, year: Query[Year | None] = None) -> Any:
    """The households the caller mentors, by priority, with what is due on each."""
    q = _query(request, year, None, None)
    rows = registry.my_households(q)
    return {"year": q.year, "total": len(rows), "items": [_row(r) for r in rows]}


@router.get("/work-lists", response=OK)
def work_lists(
    request: HttpRequest,
    year: Query[Year | None] = None,
    area: Query[AreaCode] = None,
    days: Query[Days | None] = None,
) -> Any:
    """The work lists the caller may see, with their counts in the area."""
    q = _query(request, year, area, days)
    return {
        "year": q.year,
        "area": q.area or COUNTRY_CODE,
        "items": [
            {"slug": w.slug, "title": str(w.title), "count": n} for w, n in registry.counts(q)
        ],
    }


@router.get("/work-lists/{slug}", response=OK)
def work_list(
    request: HttpRequest,
    slug: Path[Slug],
    year: Query[Year | None] = None,
    area: Query[AreaCode] = None,
    days: Query[Days | None] = None,
) -> Any:
    work = registry.WORK_LISTS.get(slug)
    if work is None:
        raise ApiError(404, "not_found")
    if not work.allowed(officer_of(request)):
        raise ApiError(403, "forbidden")
    q = dataclasses.replace(_query(request, year, area, days), limit=MAX_ROWS)
    rows = work.select(q)
    return {
        "slug": slug,
        "year": q.year,
        "area": q.area or COUNTRY_CODE,
        "total": work.total(q, rows),
        "items": [_row(r) for r in rows[:MAX_ROWS]],
    }


# -- a province's mentor settings ------------------------------------------------------------
@router.put("/provinces/{code}/settings", response=CREATED)
def province_settings_put(
    request: HttpRequest, code: Path[ProvinceCode], payload: ProvinceSettingIn
) -> Any:
    """Set the province's households-per-mentor limit; ``version``: the one read, 0 when
    the province had no setting yet (stale: 409)."""
    saved = mentor_services.province_setting_save(
        act_of(request, payload.version),
        data=mentor_services.ProvinceSettingInput(
            province_code=code, mentor_household_limit=payload.mentor_household_limit
        ),
    )
    body = {
        **plain(saved, "province_code", "mentor_household_limit", "version"),
    }
    return Status(201 if saved.version == 1 else 200, body)
