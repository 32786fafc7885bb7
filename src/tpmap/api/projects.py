"""Projects for the national M&E system (F24, docs/emenscr.md) through the API: make,
change (``version`` read; stale: 409), list, read and export as eMENSCR JSON. Every
endpoint only translates into ``tpmap.projects`` services and selectors, so the rules,
scopes and audit are the pages'. A project outside the caller's area answers 404."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from pydantic import Field

from tpmap.accounts.audit import client_ip
from tpmap.api.common import CREATED, OK, Id, create_once, found, write
from tpmap.api.reads import AreaCode, _area
from tpmap.api.schemas import MAX_ID
from tpmap.api.serialize import client_ref
from tpmap.projects import selectors, services, strategy
from tpmap.projects.models import Project
from tpmap.site.officers import officer_of

router = Router(tags=["projects"])
FiscalYear = Annotated[int, Field(ge=strategy.FIRST_YEAR, le=strategy.LAST_YEAR)]
MAX_LIST = 500


class ProjectIn(Schema):
    name: Annotated[str, Field(max_length=300)] = ""
    agency: Annotated[str, Field(max_length=200)] = ""
    budget: Annotated[Decimal, Field(ge=0, le=services.MAX_BUDGET, decimal_places=2)] | None = None
    strategy_target: Annotated[str, Field(max_length=6)] = ""
    fiscal_year: Annotated[int, Field(ge=0, le=9999)] | None = None
    areas: list[Annotated[str, Field(max_length=8)]] = Field(
        default_factory=list, max_length=services.MAX_AREAS
    )
    activities: list[Id] = Field(default_factory=list, max_length=services.MAX_ACTIVITIES)
    start_on: date | None = None
    end_on: date | None = None
    objective: Annotated[str, Field(max_length=4000)] = ""
    client_id: uuid.UUID | None = None


class ProjectChange(ProjectIn):
    version: Annotated[int, Field(ge=1, le=MAX_ID)]


def _input(payload: ProjectIn) -> services.ProjectInput:
    return services.ProjectInput(
        name=payload.name,
        agency=payload.agency,
        budget=payload.budget,
        strategy_target=payload.strategy_target,
        fiscal_year=payload.fiscal_year,
        areas=payload.areas,
        activities=payload.activities,
        start_on=payload.start_on,
        end_on=payload.end_on,
        objective=payload.objective,
        client_id=payload.client_id,
    )


def project(p: Project) -> dict[str, Any]:
    return {
        "id": p.pk,
        "name": p.name,
        "agency": p.agency,
        "budget": f"{p.budget:.2f}",
        "strategy_target": p.strategy_target,
        "fiscal_year": p.fiscal_year,
        "start_on": p.start_on.isoformat() if p.start_on else None,
        "end_on": p.end_on.isoformat() if p.end_on else None,
        "objective": p.objective,
        "area_code": p.area_code,
        "areas": list(p.areas),
        "activities": sorted(a.pk for a in p.activities.all()),  # prefetched in lists
        "version": p.version,
        "client_id": client_ref(p),
        "created_by": p.created_by.username,
        "created_at": p.created_at.isoformat(),
        "updated_by": p.updated_by.username,
        "updated_at": p.updated_at.isoformat(),
    }


def _visible(request: HttpRequest, pk: int) -> Project:
    return found(selectors.visible_projects(request.user).filter(pk=pk).first())


def _saved(p: Project) -> dict[str, Any]:
    return {"id": p.pk, "version": p.version}


@router.post("/projects", response=CREATED)
def project_create(request: HttpRequest, payload: ProjectIn) -> Any:
    return create_once(request, Project, _input(payload), services.project_create, _saved)


@router.get("/projects", response=OK)
def project_list(
    request: HttpRequest,
    area: Query[AreaCode] = None,
    fiscal_year: Query[FiscalYear | None] = None,
) -> Any:
    qs = selectors.in_area(selectors.visible_projects(request.user), _area(request.user, area))
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    items = [project(p) for p in qs.prefetch_related("activities")[:MAX_LIST]]
    return {"total": qs.count(), "items": items}


@router.get("/projects/{pk}", response=OK)
def project_get(request: HttpRequest, pk: Path[Id]) -> Any:
    return project(_visible(request, pk))


@router.put("/projects/{pk}", response=OK)
def project_change(request: HttpRequest, pk: Path[Id], payload: ProjectChange) -> Any:
    project = _visible(request, pk)
    changed = write(
        request, services.project_update, payload.version, project=project, data=_input(payload)
    )
    return _saved(changed)


@router.get("/projects/{pk}/emenscr.json", response=OK)
def project_emenscr(request: HttpRequest, pk: Path[Id]) -> Any:
    """The project as the national M&E system takes it (docs/emenscr.md); audited."""
    found = _visible(request, pk)
    doc = selectors.document(found)
    services.project_exported(officer_of(request), found, fmt="json", ip=client_ip(request))
    return doc
