"""The public pivot (F25) at ``/open/pivot/?year=&area=&level=&kind=&rows=``: the published,
suppressed statistics of the areas of one level inside an area (rows or columns) by MPI
dimension (target persons deprived in it) or by published count, of every household or
(``card=none``) of the households without a welfare card. Reads only
tpmap.warehouse.read.public: a hidden count stays hidden (``*``), and a total that would
add a hidden count is hidden too. CSV and XLSX with ``format=``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tpmap.core import areas as area_catalog
from tpmap.core.indicators import DIMENSIONS
from tpmap.portal import pages
from tpmap.portal.opendata import COLUMNS
from tpmap.site import pivot
from tpmap.site.lang import dimension_names, english, name_of
from tpmap.site.warehouse import NotFound, Warehouse, WarehouseUnavailable, get_warehouse
from tpmap.warehouse.layout import PUBLIC_TABLES
from tpmap.warehouse.read import public

LEVEL_ORDER = ("province", "district", "subdistrict", "village")
COUNTS = (
    "households_surveyed",
    "persons_surveyed",
    "mpi_poor_households",
    "mpi_poor_persons",
    "target_households",
    "target_persons",
)
KINDS = ("dimension", "count")


def _levels(area: str) -> list[str]:
    """The two levels below ``area`` a pivot may show."""
    level = area_catalog.level_of(area)
    start = 0 if level == "country" else LEVEL_ORDER.index(str(level)) + 1
    return list(LEVEL_ORDER[start : start + 2])


def _count_label(name: str) -> str:
    for c in COLUMNS:
        if c.name == name:
            return c.en if english() else c.th
    return name


def public_pivot(
    wh: Warehouse,
    *,
    year: int,
    area: str,
    level: str,
    kind: str,
    transpose: bool,
    scope: str = "all",
) -> pivot.Pivot:
    """Areas of ``level`` inside ``area`` × dimensions (target persons deprived in each) or
    × the published counts; ``transpose`` puts the areas in the columns; ``scope``
    'no_card' counts the households without a welfare card (the portal's toggle)."""
    rows = public.level_stats(
        wh,
        year=year,
        level=level,
        parent=None if area == area_catalog.COUNTRY_CODE else area,
        scope=scope,
    )
    areas = pivot.Axis(
        _("พื้นที่"), [(str(r["code"]), name_of(str(r["name_th"]), r["name_en"])) for r in rows]
    )
    if kind == "dimension":
        names = dimension_names()
        other = pivot.Axis(_("มิติ"), [(d, names[d]) for d in DIMENSIONS], additive=False)
        facts = [
            (
                str(r["code"]),
                d,
                None if r[f"{d}_target_persons"] is None else int(r[f"{d}_target_persons"]),
            )
            for r in rows
            for d in DIMENSIONS
        ]
        measure = _("คนจนเป้าหมายที่ขาดในมิติ")
    else:
        other = pivot.Axis(_("สถิติ"), [(c, _count_label(c)) for c in COUNTS], additive=False)
        facts = [
            (str(r["code"]), c, None if r[c] is None else int(r[c])) for r in rows for c in COUNTS
        ]
        measure = _("สถิติสาธารณะ")
    if transpose:
        return pivot.build(((c, a, v) for a, c, v in facts), other, areas, measure)
    return pivot.build(facts, areas, other, measure)


@require_safe
def page(request: HttpRequest) -> HttpResponse:
    try:
        wh = get_warehouse()
    except WarehouseUnavailable:
        return render(request, "portal/unavailable.html", status=503)
    if not set(PUBLIC_TABLES) <= wh.tables or not wh.years:
        return render(request, "portal/unavailable.html", status=503)
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdigit() and int(raw_year) in wh.years else wh.years[-1]
    area = request.GET.get("area") or area_catalog.COUNTRY_CODE
    if area_catalog.level_of(area) in (None, "village"):
        raise Http404(_("ไม่พบพื้นที่นี้"))
    try:
        info = wh.area(area) if area != area_catalog.COUNTRY_CODE else None
    except NotFound as e:
        raise Http404(str(e)) from e
    levels = _levels(area)
    level = request.GET.get("level", "")
    level = level if level in levels else levels[0]
    kind = request.GET.get("kind", "")
    kind = kind if kind in KINDS else "dimension"
    transpose = request.GET.get("rows") == kind
    scope = pages.scope_of(request.GET)
    result = public_pivot(
        wh, year=year, area=area, level=level, kind=kind, transpose=transpose, scope=scope
    )
    name = _("ประเทศไทย") if info is None else name_of(info.name_th, info.name_en)
    title = f"{result.measure}: {name} ({_('ปีข้อมูล')} {year})"
    fmt = request.GET.get("format")
    if fmt in pivot.CONTENT_TYPES:
        return pivot.download(result, title=title, fmt=fmt, name=f"tpmap-open-pivot-{year}-{area}")
    params: list[tuple[str, Any]] = [
        ("year", year),
        ("area", area),
        ("level", level),
        ("kind", kind),
    ]
    if transpose:
        params.append(("rows", kind))
    if scope == "no_card":
        params.append((pages.CARD_PARAM, pages.CARD_NONE))
    return render(
        request,
        "portal/pivot.html",
        {
            "year": year,
            "years": wh.years,
            "area": area,
            "name": name,
            "levels": levels,
            "level": level,
            "kind": kind,
            "transpose": transpose,
            "pivot": result,
            "title": title,
            "here": urlencode(params),
            "no_card": scope == "no_card",
        },
    )
