"""F6: the household search with its area cascade, filters, sorting and paging."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from tpmap.accounts.scope import Scoped, area_within, narrow, scope_prefix
from tpmap.core import areas
from tpmap.core.indicators import DIMENSIONS
from tpmap.logbook import labels, selectors
from tpmap.logbook.search.forms import SearchForm
from tpmap.site.decorators import is_htmx, warehouse_view
from tpmap.site.lang import dimension_names, english
from tpmap.site.params import MAX_PAGE, query_int
from tpmap.site.privacy import mask_text
from tpmap.site.ratelimit import ratelimited
from tpmap.site.warehouse import Warehouse, get_warehouse
from tpmap.site.years import data_year


# -- F6 search ----------------------------------------------------------------------------
def _cascade(user: Scoped, wh: Warehouse, values: dict[str, str]) -> list[dict[str, Any]]:
    """The four area selects with their options inside the user's area; a value that does
    not belong to its parent is dropped (and so are its children)."""
    scope = scope_prefix(user) or ""
    own = scope or areas.COUNTRY_CODE
    levels = [("province", 2), ("district", 4), ("subdistrict", 6), ("village", 8)]
    out: list[dict[str, Any]] = []
    parent = areas.COUNTRY_CODE
    for key, width in levels:
        if parent is None:
            out.append({"name": key, "options": [], "value": "", "locked": False})
            continue
        if key == "village":
            opts = selectors.village_options(wh, subdistrict=parent)
        else:
            opts = [(a.code, a.name_th) for a in areas.children(parent)]
        opts = [(c, n) for c, n in opts if area_within(c, own) or area_within(own, c)]
        value = values.get(key, "")
        # The levels of the officer's own area are fixed for them.
        locked = len(scope) >= width
        if locked:
            value = scope[:width]
        if value not in {c for c, _ in opts}:
            value = ""
        out.append({"name": key, "options": opts, "value": value, "locked": locked})
        parent = value or None  # type: ignore[assignment]
    return out


_LABELS = {
    "province": (gettext_noop("จังหวัด"), gettext_noop("เลือกจังหวัด")),
    "district": (gettext_noop("อำเภอ/เขต"), gettext_noop("เลือกอำเภอ")),
    "subdistrict": (gettext_noop("ตำบล/แขวง"), gettext_noop("เลือกตำบล")),
    "village": (gettext_noop("หมู่บ้าน"), gettext_noop("เลือกหมู่บ้าน")),
}


def _cascade_context(user: Scoped, wh: Warehouse, values: dict[str, str]) -> dict[str, Any]:
    selects = _cascade(user, wh, values)
    for s in selects:
        s["label"], s["placeholder"] = _LABELS[s["name"]]
    return {"selects": selects}


@require_GET
@warehouse_view
def area_options(request: HttpRequest) -> HttpResponse:
    """htmx: the cascade re-rendered after one of its selects changed."""
    wh = get_warehouse()
    values = {k: request.GET.get(k, "") for k in ("province", "district", "subdistrict", "village")}
    return render(
        request, "logbook/partials/cascade.html", _cascade_context(request.user, wh, values)
    )


def _groups(wh: Warehouse, year: int) -> list[tuple[str, str]]:
    return [(g.id, g.name_en if english() else g.name_th) for g in wh.policy(year).groups]


@require_GET
@warehouse_view
@ratelimited("search")
def search(request: HttpRequest) -> HttpResponse:
    wh = get_warehouse()
    years = wh.years
    year = data_year(request, years)
    # An out-of-range page would overflow the warehouse's offset: refused before the form.
    query_int(request.GET, "page", minimum=1, maximum=MAX_PAGE, message=_("หมายเลขหน้าไม่ถูกต้อง"))
    # The filter lists the 17 MPI indicators (the households' failed_indicators) by number.
    mapping = wh.mpi_mapping(year)
    form = SearchForm(
        request.GET or None,
        years=years,
        indicators=[(no, mapping.name_th(no)) for no in mapping.indicators],
        groups=_groups(wh, year),
        initial={"year": year, "status": "poor", "sort": "failed", "per_page": 20},
    )
    values = {k: request.GET.get(k, "") for k in ("province", "district", "subdistrict", "village")}
    cascade = _cascade_context(request.user, wh, values)
    result: dict[str, Any] | None = None
    unhoused: dict[str, Any] | None = None
    out_of_area = False
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        area = narrow(request.user, form.area())
        if area is None:
            out_of_area = True
        else:
            per_page = d.get("per_page") or 20
            page = d.get("page") or 1
            sort = d.get("sort") or "failed"
            descending = (d.get("dir") or ("desc" if sort == "failed" else "asc")) == "desc"
            result = selectors.household_search(
                wh,
                year=year,
                area="" if area == areas.COUNTRY_CODE else area,
                dimension=d.get("dimension") or None,
                indicator=d.get("indicator"),
                group=d.get("group") or None,
                poor_only=(d.get("status") or "poor") == "poor",
                text=d.get("q") or "",
                sort=sort,
                descending=descending,
                limit=per_page,
                offset=(page - 1) * per_page,
            )
            result.update(_paging(form, result, page, per_page, sort, descending))
            # A household a correction took out stays findable, marked (never hidden).
            marks = selectors.excluding_marks(
                request.user, year=year, household_ids=[h["household_id"] for h in result["items"]]
            )
            for h in result["items"]:
                h["excluded_by"] = marks.get(h["household_id"])
            unhoused = _unhoused(request.user, wh, year, area)
            remember_search(request, _search_url(_form_query(form)))
    context = {
        "form": form,
        "year": year,
        "result": result,
        "out_of_area": out_of_area,
        "unhoused": unhoused,
        "dimension_names": dimension_names(),
        "dimension_icons": labels.DIMENSION_ICONS,
        "dimensions": DIMENSIONS,
        **cascade,
    }
    if is_htmx(request) and request.headers.get("HX-Target") == "results":
        response = render(request, "logbook/partials/results.html", context)
        # The history entry is the search as the form holds it (masked), never the
        # request's own query string.
        response["HX-Push-Url"] = _search_url(_form_query(form)) if form.is_bound else "false"
        return response
    return render(request, "logbook/search.html", context)


LAST_SEARCH = "tpmap_last_search"


def remember_search(request: HttpRequest, url: str) -> None:
    """The officer's last search (as the form holds it, masked): the household page's
    "back to the results" returns to it, results in view."""
    if request.session.get(LAST_SEARCH) != url:
        request.session[LAST_SEARCH] = url


def last_search_url(request: HttpRequest) -> str:
    url = request.session.get(LAST_SEARCH)
    base = reverse("logbook:search")
    if not isinstance(url, str) or not url.startswith(base):
        return base
    return f"{url}#results"


def _form_query(form: SearchForm) -> QueryDict:
    """The search's parameters as the form holds them (its fields only, NIDs masked): the
    one source of every link of the results, so no raw query string is copied."""
    qd = QueryDict(mutable=True)
    data: Any = form.data
    for name in form.fields:
        value = str(data.get(name, "") or "")
        if value:
            qd[name] = mask_text(value)
    return qd


def _search_url(qd: QueryDict) -> str:
    return f"{reverse('logbook:search')}?{qd.urlencode()}"


def _unhoused(user: Scoped, wh: Warehouse, year: int, area: str) -> dict[str, Any] | None:
    """People of a subdistrict or village with no surveyed household (card holders outside
    the survey, group 3.2, and the approved additions, group 4), so someone visits them.
    Listed for a subdistrict or a village only: a wider area is too many to visit."""
    if len(area) < areas.CODE_LENGTH["subdistrict"]:
        return None
    found = selectors.persons_without_household(wh, year=year, area=area)
    return {
        "total": found["total"],
        "items": found["items"],
        "added": selectors.village_additions(user, year=year, area=area),
    }


def _paging(
    form: SearchForm,
    result: dict[str, Any],
    page: int,
    per_page: int,
    sort: str,
    descending: bool,
) -> dict[str, Any]:
    total = int(result["total"])
    pages = max(1, (total + per_page - 1) // per_page)
    base = _form_query(form)
    base.pop("page", None)

    def url(p: int, **changes: str) -> str:
        qd = base.copy()
        for k, v in changes.items():
            qd[k] = v
        qd["page"] = str(p)
        return _search_url(qd)

    window = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    sort_urls = {
        key: url(
            1,
            sort=key,
            dir=("asc" if (key == sort and descending) else "desc")
            if key == sort
            else ("desc" if key == "failed" else "asc"),
        )
        for key in ("failed", "name", "house", "address")
    }
    return {
        "page": page,
        "pages": pages,
        "first": 0 if total == 0 else (page - 1) * per_page + 1,
        "last": min(total, page * per_page),
        "prev_url": url(page - 1) if page > 1 else None,
        "next_url": url(page + 1) if page < pages else None,
        "page_links": [(p, url(p)) for p in window],
        "sort": sort,
        "descending": descending,
        "sort_urls": sort_urls,
    }
