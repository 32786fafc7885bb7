"""Routing (F18, F27) through the same services as the pages: the agency catalogue and the
solution menu (read by every officer, kept by the province's administrator), and a
problem's assignment, escalation, status and history. Changes take the ``version`` read
(stale: 409); a problem outside the caller's area is a 404, an action their role may not
take a 403; a duplicate activity refused on request is a 409 ``duplicate_assistance``."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Path, Query, Router, Status
from pydantic import Field

from tpmap.accounts.audit import client_ip
from tpmap.accounts.scope import scope_prefix
from tpmap.api import serialize
from tpmap.api.errors import ApiError, message_for
from tpmap.api.schemas import (
    MAX_ID,
    AgencyChange,
    AgencyIn,
    AssignmentIn,
    EscalationIn,
    MenuItemChange,
    MenuItemIn,
    StatusIn,
)
from tpmap.logbook import selectors as logbook_selectors
from tpmap.logbook.models import Agency, MenuItem, Problem, ProblemEvent
from tpmap.logbook.routing import selectors, services
from tpmap.logbook.routing.duplicates import DuplicateAssistance, describe
from tpmap.site.errors import error_messages
from tpmap.site.officers import officer_of

router = Router(tags=["routing"])
ERRORS = {401: Any, 403: Any, 404: Any, 409: Any, 422: Any, 429: Any}
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
ProvinceCode = Annotated[str | None, Field(None, pattern=r"^[0-9]{2}$")]


def duplicate_response(request: HttpRequest, exc: DuplicateAssistance) -> HttpResponse:
    """409 with the overlapping activities (the client asked not to save a duplicate)."""
    body = {
        "code": "duplicate_assistance",
        "message": message_for("duplicate_assistance"),
        "fields": error_messages(exc),
        "duplicates": [describe(a) for a in exc.activities],
    }
    return JsonResponse({"error": body}, status=409, json_dumps_params={"ensure_ascii": False})


def agency(a: Agency) -> dict[str, Any]:
    return {
        "id": a.pk,
        "version": a.version,
        "name": a.name,
        "level": a.level,
        "parent_id": a.parent_id,
        "province_code": a.province_code,
        "district_code": a.district_code,
        "active": a.active,
        "from_old_text": a.from_old_text,
    }


def menu_item(m: MenuItem) -> dict[str, Any]:
    return {
        "id": m.pk,
        "version": m.version,
        "province_code": m.province_code,
        "name": m.name,
        "dimension": m.dimension,
        "indicator": m.indicator,
        "agency_id": m.agency_id,
        "agency": m.agency.name,
        "qualifies": m.qualifies,
        "active": m.active,
    }


def event(e: ProblemEvent) -> dict[str, Any]:
    return {
        "id": e.pk,
        "kind": e.kind,
        "from_status": e.from_status or None,
        "to_status": e.to_status,
        "agency_id": e.agency_id,
        "due_on": e.due_on.isoformat() if e.due_on else None,
        "menu_item_id": e.menu_item_id,
        "not_in_menu": e.not_in_menu,
        "note": e.note,
        "actor": e.actor.username,
        "at": e.at.isoformat(),
    }


# -- the catalogue and the menu ----------------------------------------------------------------
def _area(request: HttpRequest) -> str:
    prefix = scope_prefix(request.user)
    if prefix is None:
        raise ApiError(403, "forbidden")
    return prefix or "TH"


@router.get("/agencies", response={200: Any, **ERRORS})
def agencies_list(request: HttpRequest) -> Any:
    """The active agencies the caller's area may choose (national, its province's, its
    districts')."""
    return {"agencies": [agency(a) for a in selectors.agencies_for(_area(request))]}


@router.post("/agencies", response={200: Any, 201: Any, **ERRORS})
def agency_create(request: HttpRequest, payload: AgencyIn) -> Any:
    earlier = _made(Agency, payload.client_id)
    if earlier is not None:
        return Status(200, agency(earlier))
    d = payload.model_dump()
    client_id = d.pop("client_id")
    made = services.agency_save(
        officer=officer_of(request),
        data=services.AgencyInput(**d),
        ip=client_ip(request),
        client_id=client_id,
    )
    return Status(201, agency(made))


def _made(model: type[Agency | MenuItem], client_id: uuid.UUID | None) -> Any:
    return None if client_id is None else model.objects.filter(client_id=client_id).first()


@router.patch("/agencies/{pk}", response={200: Any, **ERRORS})
def agency_change(request: HttpRequest, pk: Path[Id], payload: AgencyChange) -> Any:
    a = Agency.objects.filter(pk=pk).exclude(province_code="").first()
    if a is None:
        raise ApiError(404, "not_found")
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    current = {
        "name": a.name,
        "province_code": a.province_code,
        "district_code": a.district_code,
        "parent_id": a.parent_id,
        "active": a.active,
    }
    changed = services.agency_save(
        officer=officer_of(request),
        agency=a,
        data=services.AgencyInput(**{**current, **changes}),
        ip=client_ip(request),
        expected_version=version,
    )
    return agency(changed)


@router.get("/menu", response={200: Any, **ERRORS})
def menu_list(request: HttpRequest, province: Query[ProvinceCode] = None) -> Any:
    """The solution menu of the caller's province (the national administrator names one
    with ``province``; without it, the default menu)."""
    area = _area(request)
    code = area[:2] if area != "TH" else (province or "")
    return {"province_code": code, "items": [menu_item(m) for m in selectors.province_menu(code)]}


@router.post("/menu", response={200: Any, 201: Any, **ERRORS})
def menu_item_create(request: HttpRequest, payload: MenuItemIn) -> Any:
    earlier = _made(MenuItem, payload.client_id)
    if earlier is not None:
        return Status(200, menu_item(earlier))
    d = payload.model_dump()
    client_id = d.pop("client_id")
    made = services.menu_item_save(
        officer=officer_of(request),
        data=services.MenuItemInput(**d),
        ip=client_ip(request),
        client_id=client_id,
    )
    return Status(201, menu_item(made))


@router.patch("/menu/{pk}", response={200: Any, **ERRORS})
def menu_item_change(request: HttpRequest, pk: Path[Id], payload: MenuItemChange) -> Any:
    item = MenuItem.objects.filter(pk=pk).first()
    if item is None:
        raise ApiError(404, "not_found")
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    current = {
        "name": item.name,
        "dimension": item.dimension,
        "indicator": item.indicator,
        "agency_id": item.agency_id,
        "qualifies": item.qualifies,
        "active": item.active,
    }
    changed = services.menu_item_save(
        officer=officer_of(request),
        item=item,
        data=services.MenuItemInput(**{**current, **changes}),
        ip=client_ip(request),
        # The default menu's item becomes the province's copy: no version of its own yet.
        expected_version=version if item.province_code else None,
    )
    return menu_item(changed)


# -- a problem's routing ----------------------------------------------------------------------
def _problem(request: HttpRequest, pk: int) -> Problem:
    problem = logbook_selectors.visible_problems(request.user).filter(pk=pk).first()
    if problem is None:
        raise ApiError(404, "not_found")
    return problem


@router.get("/problems/{pk}/events", response={200: Any, **ERRORS})
def problem_events(request: HttpRequest, pk: Path[Id]) -> Any:
    """A problem's history: every routing and status change, oldest first."""
    problem = _problem(request, pk)
    return {"events": [event(e) for e in selectors.problem_events(problem)]}


def _routed(problem: Problem) -> Any:
    return {
        **serialize.problem(problem),
        "events": [event(e) for e in selectors.problem_events(problem)],
    }


@router.post("/problems/{pk}/assignment", response={200: Any, **ERRORS})
def problem_assignment(request: HttpRequest, pk: Path[Id], payload: AssignmentIn) -> Any:
    d = payload.model_dump()
    version = d.pop("version")
    changed = services.problem_assign(
        officer=officer_of(request),
        problem=_problem(request, pk),
        data=services.AssignmentInput(**d),
        ip=client_ip(request),
        expected_version=version,
    )
    return _routed(changed)


@router.post("/problems/{pk}/escalation", response={200: Any, **ERRORS})
def problem_escalation(request: HttpRequest, pk: Path[Id], payload: EscalationIn) -> Any:
    d = payload.model_dump()
    version = d.pop("version")
    changed = services.problem_escalate(
        officer=officer_of(request),
        problem=_problem(request, pk),
        data=services.EscalationInput(**d),
        ip=client_ip(request),
        expected_version=version,
    )
    return _routed(changed)


@router.post("/problems/{pk}/status", response={200: Any, **ERRORS})
def problem_status(request: HttpRequest, pk: Path[Id], payload: StatusIn) -> Any:
    d = payload.model_dump()
    version = d.pop("version")
    changed = services.problem_set_status(
        officer=officer_of(request),
        problem=_problem(request, pk),
        data=services.StatusInput(**d),
        ip=client_ip(request),
        expected_version=version,
    )
    return _routed(changed)
