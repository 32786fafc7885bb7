"""Routing (F18, F27) through the same services as the pages: the agency catalogue and the
solution menu (read by every officer, kept by the province's administrator), and a
problem's assignment, escalation, status and history. Changes take the ``version`` read
(stale: 409); a problem outside the caller's area is a 404, an action their role may not
take a 403; a duplicate activity refused on request is a 409 ``duplicate_assistance``."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Path, Query, Router, Status
from pydantic import BaseModel, Field

from tpmap.accounts.scope import scope_prefix
from tpmap.api import calls, serialize
from tpmap.api.common import CREATED, OK, Id, changes_of, found, write
from tpmap.api.errors import ApiError, message_for
from tpmap.api.schemas import (
    AgencyChange,
    AgencyIn,
    AssignmentIn,
    EscalationIn,
    MenuItemChange,
    MenuItemIn,
    StatusIn,
)
from tpmap.api.serialize import plain
from tpmap.logbook.models import Agency, MenuItem, Problem, ProblemEvent
from tpmap.logbook.routing import selectors, services
from tpmap.logbook.routing.duplicates import DuplicateAssistance, describe
from tpmap.site.errors import error_messages
from tpmap.site.officers import act_of

router = Router(tags=["routing"])
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
        **plain(a, "version", "name", "level", "parent_id", "province_code", "district_code"),
        **plain(a, "active", "from_old_text"),
    }


def menu_item(m: MenuItem) -> dict[str, Any]:
    return {
        "id": m.pk,
        **plain(m, "version", "province_code", "name", "dimension", "indicator", "agency_id"),
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
        **plain(e, "menu_item_id", "not_in_menu", "note"),
        "actor": e.actor.username,
        "at": e.at.isoformat(),
    }


# -- the catalogue and the menu ----------------------------------------------------------------
AGENCY_KEPT = ("name", "province_code", "district_code", "parent_id", "active")
MENU_ITEM_KEPT = ("name", "dimension", "indicator", "agency_id", "qualifies", "active")


def _area(request: HttpRequest) -> str:
    prefix = scope_prefix(request.user)
    if prefix is None:
        raise ApiError(403, "forbidden")
    return prefix or "TH"


def _create(
    request: HttpRequest,
    model: type[Agency | MenuItem],
    payload: BaseModel,
    save: Callable[..., Any],
    data: Callable[..., Any],
    answer: Callable[[Any], dict[str, Any]],
) -> Status[Any]:
    """Save a new catalogue entry; the ``client_id`` of one already made (by anyone: the
    catalogue is the province's) answers 200 with it."""
    d = payload.model_dump()
    client_id = d.pop("client_id")
    earlier = None if client_id is None else model.objects.filter(client_id=client_id).first()
    if earlier is not None:
        return Status(200, answer(earlier))
    made = save(act_of(request), data=data(**d), client_id=client_id)
    return Status(201, answer(made))


def _change(
    request: HttpRequest,
    payload: BaseModel,
    save: Callable[..., Any],
    data: Callable[..., Any],
    entry: Agency | MenuItem,
    kept: tuple[str, ...],
    *,
    versioned: bool = True,
) -> Any:
    """Save a catalogue entry's change (``save`` knows which entry): fields left out keep
    their value (``kept``; a null is a value here)."""
    version, values = changes_of(payload, entry, kept, nulls=kept)
    return write(request, save, version if versioned else None, data=data(**values))


@router.get("/agencies", response=OK)
def agencies_list(request: HttpRequest) -> Any:
    """The active agencies the caller's area may choose (national, its province's, its
    districts')."""
    return {"agencies": [agency(a) for a in selectors.agencies_for(_area(request))]}


@router.post("/agencies", response=CREATED)
def agency_create(request: HttpRequest, payload: AgencyIn) -> Any:
    return _create(request, Agency, payload, services.agency_save, services.AgencyInput, agency)


@router.patch("/agencies/{pk}", response=OK)
def agency_change(request: HttpRequest, pk: Path[Id], payload: AgencyChange) -> Any:
    a = found(Agency.objects.filter(pk=pk).exclude(province_code="").first())
    save, data = partial(services.agency_save, agency=a), services.AgencyInput
    return agency(_change(request, payload, save, data, a, AGENCY_KEPT))


@router.get("/menu", response=OK)
def menu_list(request: HttpRequest, province: Query[ProvinceCode] = None) -> Any:
    """The solution menu of the caller's province (the national administrator names one
    with ``province``; without it, the default menu)."""
    area = _area(request)
    code = area[:2] if area != "TH" else (province or "")
    return {"province_code": code, "items": [menu_item(m) for m in selectors.province_menu(code)]}


@router.post("/menu", response=CREATED)
def menu_item_create(request: HttpRequest, payload: MenuItemIn) -> Any:
    save, data = services.menu_item_save, services.MenuItemInput
    return _create(request, MenuItem, payload, save, data, menu_item)


@router.patch("/menu/{pk}", response=OK)
def menu_item_change(request: HttpRequest, pk: Path[Id], payload: MenuItemChange) -> Any:
    item = found(MenuItem.objects.filter(pk=pk).first())
    save, data = partial(services.menu_item_save, item=item), services.MenuItemInput
    # The default menu's item becomes the province's copy: no version of its own yet.
    versioned = bool(item.province_code)
    return menu_item(
        _change(request, payload, save, data, item, MENU_ITEM_KEPT, versioned=versioned)
    )


# -- a problem's routing ----------------------------------------------------------------------
def _problem(request: HttpRequest, pk: int) -> Problem:
    return found(calls.visible_problem(request.user, pk))


def _route(
    request: HttpRequest,
    pk: int,
    payload: BaseModel,
    service: Callable[..., Problem],
    data: Callable[..., Any],
) -> dict[str, Any]:
    """Route the caller's problem with the ``service`` (the ``version`` read: stale
    409): the problem after it, with its history."""
    d = payload.model_dump()
    version = d.pop("version")
    changed = write(request, service, version, problem=_problem(request, pk), data=data(**d))
    return {
        **serialize.problem(changed),
        "events": [event(e) for e in selectors.problem_events(changed)],
    }


@router.get("/problems/{pk}/events", response=OK)
def problem_events(request: HttpRequest, pk: Path[Id]) -> Any:
    """A problem's history: every routing and status change, oldest first."""
    problem = _problem(request, pk)
    return {"events": [event(e) for e in selectors.problem_events(problem)]}


@router.post("/problems/{pk}/assignment", response=OK)
def problem_assignment(request: HttpRequest, pk: Path[Id], payload: AssignmentIn) -> Any:
    return _route(request, pk, payload, services.problem_assign, services.AssignmentInput)


@router.post("/problems/{pk}/escalation", response=OK)
def problem_escalation(request: HttpRequest, pk: Path[Id], payload: EscalationIn) -> Any:
    return _route(request, pk, payload, services.problem_escalate, services.EscalationInput)


@router.post("/problems/{pk}/status", response=OK)
def problem_status(request: HttpRequest, pk: Path[Id], payload: StatusIn) -> Any:
    return _route(request, pk, payload, services.problem_set_status, services.StatusInput)
