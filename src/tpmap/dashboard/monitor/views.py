"""The monitoring dashboard (F10, F20) at ``/monitor/?area=&year=``: for a logged-in officer,
the Logbook's follow-up of the target households of their area, per month, dimension,
status and agency, the households with problems open too long, and the child areas.
Area-scoped with tpmap.accounts.scope: an officer never sees counts outside their area (a
URL asking for another area gives their own). Reads: tpmap.dashboard.monitor.selectors."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tpmap.accounts.scope import area_within, narrow
from tpmap.core import areas as area_catalog
from tpmap.dashboard.monitor import charts, snapshots
from tpmap.dashboard.monitor import selectors as sel
from tpmap.dashboard.monitor.live import live_mpi
from tpmap.logbook.models import ProblemStatus
from tpmap.logbook.plans.selectors import stage_counts
from tpmap.site.decorators import warehouse_view
from tpmap.site.lang import dimension_names, name_of
from tpmap.site.warehouse import NotFound, Warehouse, get_warehouse
from tpmap.site.years import data_year

SEARCH_LEVELS = (("province", 2), ("district", 4), ("subdistrict", 6), ("village", 8))


def today() -> date:
    """The day the dashboard counts from (tests replace it)."""
    return timezone.localdate()


def share(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole``, one decimal; None without a whole."""
    return round(100.0 * part / whole, 1) if whole else None


def search_url(area: str, year: int) -> str:
    """The Logbook's household list (every household, not only the MPI-poor) of an area."""
    params: dict[str, Any] = {"year": year, "status": "all"}
    if area != area_catalog.COUNTRY_CODE:
        params.update({key: area[:width] for key, width in SEARCH_LEVELS if len(area) >= width})
    return f"{reverse('logbook:search')}?{urlencode(params)}"


def _dimension_label(key: str) -> str:
    if not key:
        return _("ไม่ระบุ")
    names = dimension_names()
    return names[key]


def _agency_label(key: str) -> str:
    return _("หน่วยงานอื่น ๆ") if key == sel.OTHER_AGENCIES else key


def _area_and_year(request: HttpRequest, wh: Warehouse) -> tuple[str, int, dict[str, Any]]:
    """The area asked for, narrowed to the officer's own, and a year of the warehouse;
    anything unknown gives the officer's whole area in the latest year."""
    own = narrow(request.user, None) or area_catalog.COUNTRY_CODE
    area = narrow(request.user, request.GET.get("area")) or own
    year = data_year(request, wh.years)
    try:
        return area, year, sel.area_summary(wh, year=year, area=area)
    except NotFound:
        return own, year, sel.area_summary(wh, year=year, area=own)


def _children(
    wh: Warehouse, *, year: int, area: str, level: str, now: date
) -> tuple[list[dict[str, Any]], dict[str, tuple[str, str]]]:
    if level not in area_catalog.CHILD_CODE_LENGTH:
        return [], {}
    work = sel.by_child(year, area, area_catalog.CHILD_CODE_LENGTH[level], today=now)
    # Officers see their own area's true counts: the internal statistics, not the public ones.
    stats = {str(r["area_code"]): r for r in sel.child_area_stats(wh, year=year, parent=area)}
    codes = sorted(set(work) | set(stats))
    names = sel.area_names(wh, codes)
    out = []
    for code in codes:
        target = int(stats[code]["target_households"]) if code in stats else 0
        w = work.get(code, sel.ChildWork())
        out.append(
            {
                "code": code,
                "name": name_of(*names.get(code, (code, code))),
                "target_households": target,
                "work": w,
                "visited_share": share(w.followed.target, target),
                "search_url": search_url(code, year)
                if area_catalog.level_of(code) == "village"
                else None,
            }
        )
    return out, names


def _stages(year: int, area: str, target_households: int) -> list[tuple[str, int]]:
    """Target households by their current stage (the stages table's figures), for the chart;
    none without target households."""
    counts = stage_counts(year, area, target_households)
    if not counts.total:
        return []
    return [(str(label), n) for _key, label, n in counts.rows()] + [(_("ยังไม่กำหนดขั้น"), counts.none)]


@require_GET
@warehouse_view
def dashboard(request: HttpRequest) -> HttpResponse:
    if narrow(request.user, None) is None:
        return render(request, "dashboard/monitor.html", {"no_area": True}, status=403)
    wh = get_warehouse()
    area, year, s = _area_and_year(request, wh)
    now = today()
    own = narrow(request.user, None) or area_catalog.COUNTRY_CODE
    mapping = wh.mpi_mapping(year)

    children, names = _children(wh, year=year, area=area, level=str(s["level"]), now=now)
    overdue = sel.overdue(year, area, today=now)
    crumbs = [c for c in [*area_catalog.ancestors(area), area] if area_within(c, own)]
    wanted = {c for c in crumbs if c != area_catalog.COUNTRY_CODE} | {
        o.village_code for o in overdue
    }
    names.update(sel.area_names(wh, sorted(wanted - set(names))))

    def name(code: str) -> str:
        if code == area_catalog.COUNTRY_CODE:
            return _("ประเทศไทย")
        return name_of(*names.get(code, (code, code)))

    target_households = int(s["target_households"])
    followed = (
        sel.followed_total(c["work"].followed for c in children)
        if children
        else sel.followed(year, area, today=now)
    )
    live, live_children = live_mpi(
        wh, year=year, area=area, width=area_catalog.CHILD_CODE_LENGTH.get(str(s["level"]))
    )
    for c in children:
        c["live"] = live_children.get(c["code"])
    problems = sel.problems_by_dimension(year, area)
    by_month = sel.activities_by_agency_month(year, area)
    # Ended months as reported (their snapshots), the current month live.
    months = snapshots.as_reported(year, area, sel.months(year, area), today=now)
    statuses = [str(ProblemStatus(k).label) for k in problems.columns]
    by_dimension = sel.agencies_by_dimension(year, area, mapping)
    of_target = [
        ("visited", _("ครัวเรือนเป้าหมายที่ได้รับการเยี่ยม"), followed.target),
        ("with_problem", _("ครัวเรือนเป้าหมายที่บันทึกปัญหาแล้ว"), followed.with_problem),
        ("with_activity", _("ครัวเรือนเป้าหมายที่ได้รับความช่วยเหลือ"), followed.with_activity),
        ("with_mentor", _("ครัวเรือนเป้าหมายที่มีพี่เลี้ยง"), followed.with_mentor),
        ("with_pin", _("ครัวเรือนเป้าหมายที่ปักหมุดแล้ว"), followed.with_pin),
    ]
    cards: list[tuple[str, str, int, float | None]] = [
        ("followed", _("ครัวเรือนที่มีบันทึกในแฟ้มบ้าน (ทั้งหมด)"), followed.followed, None)
    ]
    cards += [(key, label, n, share(n, target_households)) for key, label, n in of_target]
    return render(
        request,
        "dashboard/monitor.html",
        {
            "year": year,
            "years": wh.years,
            "area": area,
            "name": name(area),
            "crumbs": [(c, name(c)) for c in crumbs],
            "today": now,
            "target_persons": int(s["target_persons"]),
            "target_households": target_households,
            "cards": cards,
            "followed": followed,
            "live": live,
            "months": months,
            "problems": problems,
            "problem_rows": [(_dimension_label(k), *rest) for k, *rest in problems.grid()],
            "statuses": statuses,
            "problems_open": sum(
                problems.column_total(s) for s in ProblemStatus if s != ProblemStatus.RESOLVED
            ),
            "by_month": by_month,
            "by_month_rows": [(_agency_label(k), *rest) for k, *rest in by_month.grid()],
            "by_dimension": by_dimension,
            "by_dimension_rows": [(_agency_label(k), *rest) for k, *rest in by_dimension.grid()],
            "dimension_labels": [_dimension_label(k) for k in by_dimension.columns],
            "overdue": [
                {
                    "o": o,
                    "village": name(o.village_code),
                    "url": reverse("logbook:household", args=[year, o.household_id]),
                }
                for o in overdue
            ],
            "overdue_days": sel.OVERDUE_DAYS,
            "children": children,
            "child_level_villages": str(s["level"]) == "subdistrict",
            "search_url": search_url(area, year),
            "charts": charts.chart_data(
                area=area,
                year=year,
                months=months,
                problems=problems,
                dimension_labels=[_dimension_label(k) for k in problems.rows],
                statuses=statuses,
                by_month=by_month,
                agency_label=_agency_label,
                summary=s,
                children=children,
                points=sel.child_area_points(wh, year=year, parent=area)
                if children and area != area_catalog.COUNTRY_CODE
                else {},
                stages=_stages(year, area, target_households),
            ),
        },
    )
