"""What a portal page shows, built from the warehouse statistics and the publication rule
(publish.py): every number leaves here already suppressed when it must be."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tpmap.core import areas as area_catalog
from tpmap.core.indicators import DIMENSION_NAMES_EN, DIMENSION_NAMES_TH, DIMENSIONS, questionnaire
from tpmap.portal.publish import Count, rate, star_axis
from tpmap.site.lang import english, name_of
from tpmap.site.warehouse import Warehouse
from tpmap.warehouse.read import public as portal_selectors
from tpmap.warehouse.read.areas import area_names

#: The welfare-card toggle: ``?card=none`` shows only households where no member holds an
#: active welfare card (the warehouse's 'no_card' scope); without it, every household.
CARD_PARAM = "card"
CARD_NONE = "none"

CARD_KEYS: tuple[str, ...] = (
    "households_surveyed",
    "persons_surveyed",
    "mpi_poor_households",
    "mpi_poor_persons",
    "target_persons",
)
CHILD_LEVEL: dict[str, str] = {
    "country": "province",
    "province": "district",
    "district": "subdistrict",
    "subdistrict": "village",
}
# A child area table sorts by name, by any count of the cards, or by the target rate.
SORT_KEYS: tuple[str, ...] = ("name", *CARD_KEYS, "target_rate")


def scope_of(params: Any) -> str:
    """The statistics scope a request asks for (anything but ``card=none`` is 'all')."""
    return "no_card" if params.get(CARD_PARAM) == CARD_NONE else "all"


def scope_query(scope: str, sep: str = "?") -> str:
    """The query string that keeps ``scope`` in a link ('' for every household)."""
    return f"{sep}{CARD_PARAM}={CARD_NONE}" if scope == "no_card" else ""


def area_url(year: int, code: str, scope: str = "all") -> str:
    if code == area_catalog.COUNTRY_CODE:
        url = reverse("portal:country", args=[year])
    else:
        url = reverse("portal:area", args=[year, code])
    return url + scope_query(scope)


def dimension_name(d: str) -> str:
    return DIMENSION_NAMES_EN[d] if english() else DIMENSION_NAMES_TH[d]


@dataclass
class Crumb:
    name: str
    url: str


@dataclass
class ChildRow:
    code: str
    name: str
    url: str
    counts: dict[str, Count]
    target_rate: float | None

    def sort_key(self, key: str) -> tuple[float, str]:
        if key == "target_rate":
            return (-1.0 if self.target_rate is None else self.target_rate, self.code)
        return (self.counts[key].sort_key, self.code)


@dataclass
class Bar:
    label: str
    count: Count
    width: float  # percent of the widest published bar


@dataclass
class StarAxis:
    key: str
    name: str
    value: float | None
    x: float
    y: float
    label_x: float
    label_y: float


@dataclass
class Star:
    axes: list[StarAxis]
    polygon: str  # empty when an axis is suppressed
    rings: list[str] = field(default_factory=list)


STAR_R = 80.0
STAR_C = 120.0


def _point(i: int, n: int, r: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * i / n
    return round(STAR_C + r * math.cos(angle), 1), round(STAR_C + r * math.sin(angle), 1)


def star(s: dict[str, Any]) -> Star:
    """The star of an area's published counts (``portal_selectors.area_stats``)."""
    axes: list[StarAxis] = []
    n = len(DIMENSIONS)
    for i, d in enumerate(DIMENSIONS):
        value = star_axis(s[f"{d}_target_persons"], s["target_persons"])
        x, y = _point(i, n, STAR_R * (value or 0.0) / 100.0)
        lx, ly = _point(i, n, STAR_R + 22)
        axes.append(StarAxis(d, dimension_name(d), value, x, y, lx, ly))
    polygon = (
        " ".join(f"{a.x},{a.y}" for a in axes) if all(a.value is not None for a in axes) else ""
    )
    rings = [
        " ".join("{},{}".format(*_point(i, n, STAR_R * f)) for i in range(n))
        for f in (0.25, 0.5, 0.75, 1.0)
    ]
    return Star(axes, polygon, rings)


def bars(labels_counts: list[tuple[str, int | None]]) -> list[Bar]:
    counts = [(label, Count.of(n)) for label, n in labels_counts]
    top = max((c.value or 0 for _, c in counts), default=0)
    return [
        Bar(label, c, round(100.0 * (c.value or 0) / top, 1) if top and c.value else 0.0)
        for label, c in counts
    ]


def breadcrumb(wh: Warehouse, year: int, code: str, scope: str = "all") -> list[Crumb]:
    chain = [*area_catalog.ancestors(code), code] if code != area_catalog.COUNTRY_CODE else []
    names = area_names(wh, [c for c in chain if c != area_catalog.COUNTRY_CODE])
    crumbs = [Crumb(_("ประเทศไทย"), area_url(year, area_catalog.COUNTRY_CODE, scope))]
    for c in chain:
        if c == area_catalog.COUNTRY_CODE:
            continue
        th, en = names.get(c, (c, c))
        crumbs.append(Crumb(name_of(th, en), area_url(year, c, scope)))
    return crumbs


def child_rows(
    wh: Warehouse, year: int, code: str, sort: str, desc: bool, scope: str = "all"
) -> list[ChildRow]:
    rows = []
    for r in portal_selectors.child_stats(wh, year=year, parent=code, scope=scope):
        counts = {k: Count.of(r[k]) for k in CARD_KEYS}
        rows.append(
            ChildRow(
                code=str(r["code"]),
                name=name_of(str(r["name_th"]), str(r["name_en"] or "")),
                url=area_url(year, str(r["code"]), scope),
                counts=counts,
                target_rate=rate(r["target_persons"], r["persons_surveyed"]),
            )
        )
    if sort == "name":
        rows.sort(key=lambda row: row.code, reverse=desc)
    else:
        rows.sort(key=lambda row: row.sort_key(sort), reverse=desc)
    return rows


def trend(wh: Warehouse, code: str, scope: str = "all") -> list[Bar]:
    return bars([(str(y), n) for y, n in portal_selectors.target_trend(wh, area=code, scope=scope)])


@dataclass
class TransitionRow:
    """Published persons of an area by MPI-poor status between two data years."""

    from_year: int
    year: int
    stayed: Count
    exited: Count
    entered: Count
    not_resurveyed: Count
    dimensions: list[tuple[str, Count, Count]]  # (name, exited, entered)


def transitions(wh: Warehouse, code: str) -> list[TransitionRow]:
    return [
        TransitionRow(
            from_year=int(r["from_year"]),
            year=int(r["year"]),
            stayed=Count.of(r["stayed"]),
            exited=Count.of(r["exited"]),
            entered=Count.of(r["entered"]),
            not_resurveyed=Count.of(r["not_resurveyed"]),
            dimensions=[
                (dimension_name(d), Count.of(r[f"{d}_exited"]), Count.of(r[f"{d}_entered"]))
                for d in DIMENSIONS
            ],
        )
        for r in portal_selectors.transition_trend(wh, area=code)
    ]


def area_context(
    wh: Warehouse, year: int, code: str, sort: str, desc: bool, scope: str = "all"
) -> dict[str, Any]:
    s = portal_selectors.area_stats(wh, year=year, area=code, scope=scope)
    q = questionnaire(wh.questionnaire(year))
    mapping = wh.mpi_mapping(year)
    indicator_bars = bars(
        [
            (
                f"{no}. {mapping.name_th(no)} ({dimension_name(mapping.dimension_of(no))})",
                s["indicators"].get(no, 0),
            )
            for no in mapping.indicators
        ]
    )
    country = code == area_catalog.COUNTRY_CODE
    level = str(s["level"])
    return {
        "year": year,
        "years": wh.years,
        "year_links": [(y, area_url(y, code, scope)) for y in wh.years],
        "scope": scope,
        "scope_amp": scope_query(scope, "&"),
        "scope_q": scope_query(scope),
        "toggle": {"all": area_url(year, code), "no_card": area_url(year, code, "no_card")},
        "code": code,
        "level": level,
        "country": country,
        "name": _("ประเทศไทย") if country else name_of(s["name_th"], s["name_en"]),
        "crumbs": breadcrumb(wh, year, code, scope),
        "cards": {k: Count.of(s[k]) for k in CARD_KEYS},
        "target_share": rate(s["target_persons"], s["persons_surveyed"]),
        "star": star(s),
        "indicator_bars": indicator_bars,
        "children": child_rows(wh, year, code, sort, desc, scope) if level != "village" else [],
        "child_level": CHILD_LEVEL.get(level),
        "sort": sort,
        "desc": desc,
        "trend": trend(wh, code, scope),
        # Transitions count every person (the scope 'all' only).
        "transitions": transitions(wh, code) if scope == "all" else [],
        "questionnaire": q,
        "mapping_official": mapping.official,
    }
