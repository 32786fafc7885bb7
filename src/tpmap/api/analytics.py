"""The officers' pivot (F25) in the API: the pivot of the caller's area as JSON, and the
saved views (list, save with an optional ``client_id``, delete by their owner), through
the same selectors and services as the page ``/analytics/``. A view outside the caller's
area is a 404; deleting someone else's, 403."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from django.http import HttpRequest, QueryDict
from ninja import Path, Router, Schema, Status
from pydantic import Field

from tpmap.accounts.audit import client_ip
from tpmap.accounts.scope import narrow
from tpmap.api.errors import ApiError
from tpmap.api.schemas import MAX_ID, NoNul
from tpmap.core import areas as area_catalog
from tpmap.dashboard.analytics import selectors, services
from tpmap.dashboard.models import PivotView
from tpmap.site.officers import Act, officer_of
from tpmap.site.warehouse import NotFound, get_warehouse

router = Router(tags=["analytics"])
ERRORS = {401: Any, 403: Any, 404: Any, 422: Any, 429: Any}
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class PivotViewIn(Schema, NoNul):
    name: str = Field(min_length=1, max_length=services.NAME_MAX)
    area: str = Field("", max_length=8)
    query: str = Field("", max_length=1000)
    client_id: uuid.UUID | None = None


def _view(v: PivotView) -> dict[str, Any]:
    return {
        "id": v.pk,
        "name": v.name,
        "area": v.area_code,
        "query": v.query,
        "owner": v.owner.username,
        "created_at": v.created_at.isoformat(),
        "url": f"/analytics/views/{v.pk}/",
    }


@router.get("/analytics/pivot", response={200: Any, **ERRORS})
def pivot(request: HttpRequest) -> Any:
    """The pivot of the query string (``area``, ``year``, ``source``, ``rows``, ``cols``,
    ``measure``, ``level``, ``f_<attribute>``): rows, columns, cells and totals; a total
    that is not additive is null."""
    officer = officer_of(request)
    own = narrow(officer, None)
    if own is None:
        raise ApiError(403, "forbidden")
    wh = get_warehouse()
    raw_year = request.GET.get("year", "")
    if raw_year and not (raw_year.isdigit() and int(raw_year) in wh.years):
        raise ApiError(404, "not_found")
    year = int(raw_year) if raw_year else max(wh.years)
    area = narrow(officer, request.GET.get("area")) or own
    if area != area_catalog.COUNTRY_CODE:
        try:
            wh.area(area)
        except NotFound:
            area = own
    q = selectors.PivotQuery.parse(request.GET, area)
    p = selectors.run(wh, q, year=year, area=area)
    return {
        "year": year,
        "area": area,
        "query": q.query_string(),
        "measure": p.measure,
        "rows": [{"key": k, "label": label} for k, label in p.rows.keys],
        "columns": [{"key": k, "label": label} for k, label in p.columns.keys],
        "cells": [cells for _k, _l, cells, _t in p.grid()],
        "row_totals": [t for _k, _l, _c, t in p.grid()] if p.columns.additive else None,
        "column_totals": p.totals() if p.rows.additive else None,
        "total": p.total,
    }


@router.get("/analytics/views", response={200: Any, **ERRORS})
def views_list(request: HttpRequest) -> Any:
    return {"views": [_view(v) for v in services.visible_views(officer_of(request))]}


@router.post("/analytics/views", response={200: Any, 201: Any, **ERRORS})
def view_create(request: HttpRequest, payload: PivotViewIn) -> Any:
    officer = officer_of(request)
    before = (
        PivotView.objects.filter(owner=officer, client_id=payload.client_id).first()
        if payload.client_id
        else None
    )
    view = services.pivot_view_create(
        Act(officer, ip=client_ip(request)),
        data=services.PivotViewInput(
            name=payload.name,
            area=payload.area,
            query=QueryDict(payload.query.lstrip("?")).urlencode(),
            client_id=payload.client_id,
        ),
    )
    return Status(200 if before is not None else 201, _view(view))


@router.delete("/analytics/views/{pk}", response={204: None, **ERRORS})
def view_delete(request: HttpRequest, pk: Path[Id]) -> Any:
    officer = officer_of(request)
    services.pivot_view_delete(
        Act(officer, ip=client_ip(request)), view=services.view_for(officer, pk)
    )
    return Status(204, None)
