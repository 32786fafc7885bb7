"""Public pages of the portal: no login, server-rendered, statistics only."""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import cache
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from tpmap.core import areas as area_catalog
from tpmap.core.indicators import DIMENSIONS, default_mpi_mapping, questionnaire
from tpmap.portal import opendata, pages
from tpmap.portal.publish import SUPPRESS_BELOW, SUPPRESSED_TEXT, Count, rate
from tpmap.site.lang import english, name_of
from tpmap.site.warehouse import NotFound, Warehouse, WarehouseUnavailable, get_warehouse
from tpmap.warehouse.layout import PUBLIC_TABLES
from tpmap.warehouse.read import public as portal_selectors

logger = logging.getLogger(__name__)

LEVELS: tuple[str, ...] = ("country", "province", "district", "subdistrict", "village")


def _warehouse(request: HttpRequest) -> Warehouse | None:
    """The warehouse when it has the public tables; None (the page says no data yet) when
    there is none, or when its version was built before they existed (rebuild it)."""
    try:
        wh = get_warehouse()
    except WarehouseUnavailable:
        return None
    if not set(PUBLIC_TABLES) <= wh.tables:
        logger.warning(
            "warehouse version %s has no public statistics tables: run tpmap build", wh.version
        )
        return None
    return wh


def _unavailable(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/unavailable.html", status=503)


@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    wh = _warehouse(request)
    if wh is None or not wh.years:
        return _unavailable(request)
    return redirect("portal:country", year=wh.years[-1])


@require_safe
def short_address(request: HttpRequest, year: str, code: str | None = None) -> HttpResponse:
    """/2566/3401 (as on tpmap.in.th) -> /open/2566/3401/, keeping the welfare-card choice
    (and nothing else of the query string)."""
    url = pages.area_url(int(year), code or area_catalog.COUNTRY_CODE, pages.scope_of(request.GET))
    return redirect(url, permanent=True)


@require_safe
def area(request: HttpRequest, year: int, code: str = area_catalog.COUNTRY_CODE) -> HttpResponse:
    wh = _warehouse(request)
    if wh is None:
        return _unavailable(request)
    sort = request.GET.get("sort", "target_persons")
    if sort not in pages.SORT_KEYS:
        sort = "target_persons"
    desc = request.GET.get("dir", "desc" if sort != "name" else "asc") != "asc"
    try:
        ctx = pages.area_context(wh, year, code, sort, desc, pages.scope_of(request.GET))
    except NotFound as e:
        raise Http404(str(e)) from e
    ctx["sort_keys"] = pages.SORT_KEYS
    return render(request, "portal/area.html", ctx)


@require_safe
def map_data(request: HttpRequest, year: int) -> JsonResponse:
    """Province statistics of a year for the choropleth, suppressed like the pages."""
    wh = _warehouse(request)
    if wh is None:
        raise Http404("no warehouse")
    scope = pages.scope_of(request.GET)
    try:
        rows = portal_selectors.child_stats(
            wh, year=year, parent=area_catalog.COUNTRY_CODE, scope=scope
        )
    except NotFound as e:
        raise Http404(str(e)) from e
    out: dict[str, Any] = {}
    for r in rows:
        target = Count.of(r["target_persons"])
        out[str(r["code"])] = {
            "name": name_of(str(r["name_th"]), str(r["name_en"] or "")),
            "target_persons": target.value,
            "target_text": str(target),
            "target_rate": rate(r["target_persons"], r["persons_surveyed"]),
            "url": pages.area_url(year, str(r["code"]), scope),
        }
    return JsonResponse({"year": year, "scope": scope, "provinces": out})


@cache
def _provinces_geojson() -> bytes:
    from importlib import resources

    return (resources.files("tpmap.core") / "data" / "provinces.geojson").read_bytes()


@require_safe
@cache_control(public=True, max_age=86400)
def provinces_geojson(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_provinces_geojson(), content_type="application/geo+json")


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    wh = _warehouse(request)
    latest = wh.years[-1] if wh is not None and wh.years else None
    mappings = []
    for code in ("2560", "2566"):
        q = questionnaire(code)
        m = default_mpi_mapping(code)
        mappings.append(
            {
                "questionnaire": q,
                "official": m.official,
                "dimensions": [
                    # Each MPI indicator under its own number, with its item's text.
                    (
                        pages.dimension_name(d),
                        [replace(q.indicator(m.item(i)), no=i) for i in m.dimensions[d]],
                    )
                    for d in DIMENSIONS
                ],
            }
        )
    return render(
        request,
        "portal/about.html",
        {
            "latest": latest,
            "mappings": mappings,
            "suppress_max": SUPPRESS_BELOW - 1,
            "suppressed_text": SUPPRESSED_TEXT,
        },
    )


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    wh = _warehouse(request)
    if wh is None:
        return _unavailable(request)
    return render(
        request,
        "portal/open_data.html",
        {
            "years": list(reversed(wh.years)),
            "levels": LEVELS,
            "columns": opendata.dictionary_columns(),
            "english": english(),
            "suppress_max": SUPPRESS_BELOW - 1,
            "latest": wh.years[-1] if wh.years else None,
        },
    )


@require_safe
def dictionary(request: HttpRequest) -> HttpResponse:
    r = HttpResponse(opendata.dictionary_csv(), content_type="text/csv; charset=utf-8")
    r["Content-Disposition"] = 'attachment; filename="tpmap-area-stats-dictionary.csv"'
    return r


@require_safe
def download(request: HttpRequest, year: int, level: str, fmt: str) -> HttpResponse:
    wh = _warehouse(request)
    if wh is None:
        return _unavailable(request)
    if level not in LEVELS:
        raise Http404("unknown level")
    parent = request.GET.get("parent") or None
    if parent is not None:
        parent_level = area_catalog.level_of(parent)
        if parent_level is None or LEVELS.index(parent_level) >= LEVELS.index(level):
            raise Http404("parent must be an area above the level")
    scope = pages.scope_of(request.GET)
    try:
        if parent is not None:
            wh.area(parent)
        rows = portal_selectors.level_stats(wh, year=year, level=level, parent=parent, scope=scope)
    except NotFound as e:
        raise Http404(str(e)) from e
    group_ids = tuple(wh.group_ids(year))
    groups = portal_selectors.group_stats(
        wh, year=year, codes=[str(r["code"]) for r in rows], scope=scope
    )
    table = opendata.published_rows(year, rows, scope, group_ids=group_ids, groups=groups)
    name = (
        f"tpmap-{year}-{level}"
        + (f"-{parent}" if parent else "")
        + ("-no-card" if scope == "no_card" else "")
    )
    if fmt == "xlsx":
        body = opendata.to_xlsx(table, group_ids)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = opendata.to_csv(table, group_ids)
        ctype = "text/csv; charset=utf-8"
    r = HttpResponse(body, content_type=ctype)
    r["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return r
