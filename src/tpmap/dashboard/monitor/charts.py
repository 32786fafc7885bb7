"""The data of the monitoring dashboard's charts (F20), as one JSON document the page
hands to ``dashboard/monitor_charts.js`` through ``json_script`` (no inline script): the
same figures as the page's tables, which stay for screen readers and print."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tpmap.core import areas as area_catalog
from tpmap.core.geo import provinces_geojson
from tpmap.core.indicators import DIMENSIONS
from tpmap.dashboard.monitor import selectors as sel
from tpmap.site.lang import dimension_names
from tpmap.site.templatetags.thai import thai_month_filter

# Target households by stage of development (logbook.plans.selectors.stage_counts), as
# (stage label, households) pairs; the chart is drawn when there are any.
Stages = Sequence[tuple[str, int]]


@cache
def province_codes() -> frozenset[str]:
    """The provinces with a bundled shape (``core/data/provinces.geojson``)."""
    return frozenset(str(f["properties"]["code"]) for f in provinces_geojson()["features"])


def _months(rows: list[sel.MonthRow]) -> dict[str, Any]:
    return {
        "labels": [thai_month_filter(r.month) for r in rows],
        "keys": [r.month.strftime("%Y-%m") for r in rows],
        "reported": [r.reported_at is not None for r in rows],
        **{
            key: [getattr(r, key) for r in rows]
            for key in (
                "visited",
                "with_problem",
                "with_activity",
                "visited_total",
                "with_problem_total",
                "with_activity_total",
            )
        },
    }


def _problems(problems: sel.Table, dimension_labels: list[str], statuses: list[str]) -> Any:
    return {
        "dimensions": dimension_labels,
        "statuses": statuses,
        "series": [[problems.cell(d, s) for d in problems.rows] for s in problems.columns],
    }


def _agencies(by_month: sel.Table, agency_label: Any) -> dict[str, Any]:
    return {
        "names": [agency_label(a) for a in by_month.rows],
        "counts": [by_month.row_total(a) for a in by_month.rows],
    }


def _map(
    area: str,
    year: int,
    children: list[dict[str, Any]],
    points: dict[str, tuple[float, float, int]],
) -> dict[str, Any]:
    """Children of the country are drawn as province shapes; children of a province or
    below as points where their surveyed households lie, over the province's outline."""
    shapes = province_codes()
    areas = []
    for c in children:
        item: dict[str, Any] = {
            "code": c["code"],
            "name": c["name"],
            "target": c["target_households"],
            "visited": c["work"].followed.target,
            "coverage": c["visited_share"],
            "url": f"?area={c['code']}&year={year}" if len(c["code"]) < 8 else "",
        }
        if c["code"] in points:
            item["lat"], item["lon"], _n = points[c["code"]]
        areas.append(item)
    if area == area_catalog.COUNTRY_CODE:
        kind = "provinces" if any(a["code"] in shapes for a in areas) else "none"
    elif any("lat" in a for a in areas):
        kind = "points"
    else:
        kind = "none"
    return {
        "kind": kind,
        "province": area[:2] if area != area_catalog.COUNTRY_CODE else "",
        "geo_url": reverse("portal:provinces_geojson"),
        "areas": areas,
    }


def chart_data(
    *,
    area: str,
    year: int,
    months: list[sel.MonthRow],
    problems: sel.Table,
    dimension_labels: list[str],
    statuses: list[str],
    by_month: sel.Table,
    agency_label: Any,
    summary: dict[str, Any],
    children: list[dict[str, Any]],
    points: dict[str, tuple[float, float, int]],
    stages: Stages = (),
) -> dict[str, Any]:
    names = dimension_names()
    star = summary.get("star") or {}
    return {
        "text": {
            "visited": _("เยี่ยม"),
            "with_problem": _("มีปัญหา"),
            "with_activity": _("มีกิจกรรม"),
            "in_month": _("ในเดือน"),
            "cumulative": _("สะสม"),
            "households": _("ครัวเรือน"),
            "activities": _("กิจกรรม"),
            "coverage": _("ร้อยละที่เยี่ยมแล้ว"),
            "no_data": _("ไม่มีข้อมูล"),
            "star": _("ดาว 5 มิติ"),
        },
        "months": _months(months),
        "problems": _problems(problems, dimension_labels, statuses),
        "agencies": _agencies(by_month, agency_label),
        "star": {
            "dimensions": [names[d] for d in DIMENSIONS],
            "values": [round(float(star.get(d, 0.0)), 1) for d in DIMENSIONS],
        },
        "stages": {"names": [s for s, _n in stages], "counts": [n for _s, n in stages]},
        "map": _map(area, year, children, points),
    }
