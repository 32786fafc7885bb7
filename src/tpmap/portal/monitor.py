"""Monitoring dashboard (skeleton): for a logged-in officer, the Logbook's work in their
area (households reached, problems, activities, family folders, pins) beside the area's
target households of the warehouse, and the same counts per child area. Area-scoped with
tpmap.accounts.scope: an officer never sees counts outside their area."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count as DbCount
from django.db.models import Q, QuerySet
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tpmap.accounts.scope import area_within, narrow
from tpmap.core import areas as area_catalog
from tpmap.logbook.models import Activity, Classification, Pin, Problem, WantsHelp
from tpmap.logbook.warehouse import WarehouseUnavailable, get_warehouse
from tpmap.portal import pages
from tpmap.warehouse import portal_selectors
from tpmap.warehouse.selectors import NotFound, child_area_stats, summary

CHILD_WIDTH = {"country": 2, "province": 4, "district": 6, "subdistrict": 8}


@dataclass
class Work:
    """Logbook counts of one area and data year."""

    households: int = 0
    problems: int = 0
    activities: int = 0
    activities_done: int = 0
    folders: int = 0
    urgent: int = 0
    pins: int = 0


def _in(qs: QuerySet[Any, Any], year: int, prefix: str) -> QuerySet[Any, Any]:
    qs = qs.filter(year=year)
    return qs.filter(village_code__startswith=prefix) if prefix else qs


def work_of(year: int, prefix: str) -> Work:
    """Counts of the records of ``year`` whose village code starts with ``prefix``
    ('' = the whole country)."""
    reached: set[str] = set()
    for model in (Problem, Activity, Classification):
        reached.update(
            _in(model.objects.all(), year, prefix).values_list("household_id", flat=True)
        )
    activities = _in(Activity.objects.all(), year, prefix)
    folders = _in(Classification.objects.all(), year, prefix)
    return Work(
        households=len(reached),
        problems=_in(Problem.objects.all(), year, prefix).count(),
        activities=activities.count(),
        activities_done=activities.filter(end_on__isnull=False).count(),
        folders=folders.count(),
        urgent=folders.filter(wants_help=WantsHelp.URGENT).count(),
        pins=_in(Pin.objects.all(), year, prefix).count(),
    )


def work_by_child(year: int, prefix: str, width: int) -> dict[str, Work]:
    """Counts per child area (village codes cut to ``width`` digits)."""
    out: dict[str, Work] = {}

    def grouped(model: Any, **extra: Any) -> list[dict[str, Any]]:
        return list(
            _in(model.objects.all(), year, prefix)
            .annotate(child=Substr("village_code", 1, width))
            .values("child")
            .annotate(n=DbCount("id"), hh=DbCount("household_id", distinct=True), **extra)
        )

    for row in grouped(Problem):
        out.setdefault(row["child"], Work()).problems = row["n"]
    for row in grouped(Activity, done=DbCount("id", filter=Q(end_on__isnull=False))):
        w = out.setdefault(row["child"], Work())
        w.activities, w.activities_done = row["n"], row["done"]
    for row in grouped(Classification, urgent=DbCount("id", filter=Q(wants_help="urgent"))):
        w = out.setdefault(row["child"], Work())
        w.folders, w.urgent = row["n"], row["urgent"]
    for row in grouped(Pin):
        out.setdefault(row["child"], Work()).pins = row["n"]
    for child in out:
        out[child].households = work_of(year, child).households
    return out


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    # An area outside the officer's own gives their own area back.
    area = narrow(request.user, request.GET.get("area")) or narrow(request.user, None)
    if area is None:
        return render(request, "portal/monitor.html", {"no_area": True}, status=403)
    try:
        wh = get_warehouse()
    except WarehouseUnavailable:
        return render(request, "logbook/no_warehouse.html", status=503)
    try:
        year = int(request.GET.get("year") or wh.years[-1])
        s = summary(wh, year=year, area=area)
    except (ValueError, IndexError, NotFound):
        year = wh.years[-1] if wh.years else 0
        area = narrow(request.user, None) or area_catalog.COUNTRY_CODE
        s = summary(wh, year=year, area=area)
    prefix = "" if area == area_catalog.COUNTRY_CODE else area
    level = str(s["level"])
    own = narrow(request.user, None) or area_catalog.COUNTRY_CODE
    children: list[dict[str, Any]] = []
    if level in CHILD_WIDTH:
        by_child = work_by_child(year, prefix, CHILD_WIDTH[level])
        stats = {str(r["area_code"]): r for r in child_area_stats(wh, year=year, parent=area)}
        names = portal_selectors.area_names(wh, sorted(set(by_child) | set(stats)))
        for code in sorted(set(by_child) | set(stats)):
            th, en = names.get(code, (code, code))
            children.append(
                {
                    "code": code,
                    "name": pages.name_of(th, en),
                    "target_households": int(stats[code]["target_households"])
                    if code in stats
                    else 0,
                    "work": by_child.get(code, Work()),
                }
            )
    crumbs = [c for c in [*area_catalog.ancestors(area), area] if area_within(c, own)]
    crumb_names = portal_selectors.area_names(wh, [c for c in crumbs if c != "TH"])
    work = work_of(year, prefix)
    target_households = int(s["target_households"])
    return render(
        request,
        "portal/monitor.html",
        {
            "year": year,
            "years": wh.years,
            "area": area,
            "name": _("ประเทศไทย") if area == "TH" else pages.name_of(s["name_th"], s["name_en"]),
            "crumbs": [
                (c, _("ประเทศไทย") if c == "TH" else pages.name_of(*crumb_names.get(c, (c, c))))
                for c in crumbs
            ],
            "target_persons": int(s["target_persons"]),
            "target_households": target_households,
            "work": work,
            "coverage": round(100.0 * work.households / target_households, 1)
            if target_households
            else None,
            "children": children,
        },
    )
