"""The officers' pivot (F25) at ``/analytics/?area=&year=&source=&rows=&cols=&measure=``:
the area statistics of the warehouse (unsuppressed) and the Logbook's problems and
activities of the officer's area, with saved views shared by link within the area, and
the pivot as CSV or XLSX. Reads: tpmap.dashboard.analytics.selectors; writes:
tpmap.dashboard.analytics.services."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tpmap.accounts.audit import client_ip
from tpmap.accounts.scope import narrow
from tpmap.core import areas as area_catalog
from tpmap.core.indicators import DIMENSIONS
from tpmap.dashboard.analytics import selectors as sel
from tpmap.dashboard.analytics import services
from tpmap.logbook.models import ProblemStatus
from tpmap.site import pivot
from tpmap.site.decorators import warehouse_view
from tpmap.site.errors import error_messages, error_response
from tpmap.site.lang import dimension_names, name_of
from tpmap.site.officers import Act, officer_of
from tpmap.site.warehouse import NotFound, get_warehouse
from tpmap.site.years import data_year

LEVEL_NAMES = {2: "จังหวัด", 4: "อำเภอ", 6: "ตำบล", 8: "หมู่บ้าน"}


def _page(
    request: HttpRequest, params: QueryDict, *, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    officer = officer_of(request)
    own = narrow(officer, None)
    if own is None:
        return render(request, "dashboard/analytics.html", {"no_area": True}, status=403)
    wh = get_warehouse()
    year = data_year(request, wh.years)
    area = narrow(officer, params.get("area")) or own
    try:
        info = wh.area(area) if area != area_catalog.COUNTRY_CODE else None
    except NotFound:
        area, info = own, None
    q = sel.PivotQuery.parse(params, area)
    result = sel.run(wh, q, year=year, area=area)
    name = _("ประเทศไทย") if info is None else name_of(info.name_th, info.name_en)
    title = f"{result.measure}: {name} ({_('ปีข้อมูล')} {year})"
    fmt = params.get("format")
    if fmt in pivot.CONTENT_TYPES and not errors:
        return pivot.download(result, title=title, fmt=fmt, name=f"tpmap-pivot-{year}-{area}")
    here = urlencode([("area", area), ("year", str(year)), *q.params()])
    src = sel.SOURCES[q.source]
    filters = dict(q.filters)
    return render(
        request,
        "dashboard/analytics.html",
        {
            "area": area,
            "name": name,
            "year": year,
            "years": wh.years,
            "q": q,
            "pivot": result,
            "title": title,
            "here": here,
            "sources": [(k, str(s.label)) for k, s in sel.SOURCES.items()],
            "attributes": [(a, str(sel.ATTRIBUTES[a])) for a in src.attributes],
            "measures": [(k, str(v)) for k, v in src.measures.items()],
            "levels": [(w, _(LEVEL_NAMES[w])) for w in sel.level_widths(area)],
            "filter_dimension": [
                (k, label, k in filters.get("dimension", ()))
                for k, label in [*dimension_names().items(), (sel.UNSTATED, _("ไม่ระบุ"))]
                if "dimension" in src.filters and (k != sel.UNSTATED or q.source != "statistics")
            ]
            if "dimension" in src.filters
            else [],
            "filter_status": [
                (k, str(ProblemStatus(k).label), k in filters.get("status", ()))
                for k in ProblemStatus.values
            ]
            if "status" in src.filters
            else [],
            "filter_agency": ", ".join(filters.get("agency", ())),
            "filter_month": filters.get("month", ()),
            "has_filter": {a: a in src.filters for a in ("agency", "month")},
            "views": services.visible_views(officer),
            "errors": errors or {},
            "dimensions": DIMENSIONS,
        },
        status=400 if errors else 200,
    )


@require_GET
@warehouse_view
def index(request: HttpRequest) -> HttpResponse:
    return _page(request, request.GET)


@require_POST
@warehouse_view
def save(request: HttpRequest) -> HttpResponseBase:
    officer = officer_of(request)
    data = services.PivotViewInput(
        name=request.POST.get("name", ""),
        area=request.POST.get("area", ""),
        query=request.POST.get("query", ""),
    )
    try:
        view = services.pivot_view_create(Act(officer, ip=client_ip(request)), data=data)
    except ValidationError as e:
        params = QueryDict(data.query.lstrip("?"), mutable=True)
        params["area"] = data.area
        params.pop("format", None)
        return _page(request, params, errors=error_messages(e))
    except (PermissionDenied, Http404) as e:
        return error_response(request, e)
    return redirect(reverse("dashboard:analytics_view", args=[view.pk]))


@require_GET
@warehouse_view
def open_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A saved view's link: its pivot, for any officer whose area holds the view's."""
    view = services.view_for(officer_of(request), pk)
    return redirect(
        f"{reverse('dashboard:analytics')}?{urlencode({'area': view.area_code})}&{view.query}"
    )


@require_POST
@warehouse_view
def delete(request: HttpRequest, pk: int) -> HttpResponseBase:
    officer = officer_of(request)
    try:
        view = services.view_for(officer, pk)
        services.pivot_view_delete(Act(officer, ip=client_ip(request)), view=view)
    except (PermissionDenied, Http404) as e:
        return error_response(request, e)
    return redirect(reverse("dashboard:analytics"))
