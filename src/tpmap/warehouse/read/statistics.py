"""Statistics of areas: the summary JSON of an area (CONTRACTS.md section 3) and the
unsuppressed child-area rows logged-in officers see. Public pages read public.py instead."""

from __future__ import annotations

from typing import Any

from tpmap.core import areas as area_catalog
from tpmap.core.indicators import AF_K, DIMENSIONS
from tpmap.warehouse.read.areas import area_head
from tpmap.warehouse.read.base import Warehouse, require_scope


def summary(wh: Warehouse, *, year: int, area: str, scope: str = "all") -> dict[str, Any]:
    """The summary JSON of CONTRACTS.md for one area and year. ``scope`` 'no_card' counts
    only households where no member holds an active welfare card (see SCOPES)."""
    require_scope(scope)
    wh.require_year(year)
    info = wh.area(area)
    row = wh.engine.fetchdicts(
        "SELECT * FROM area_stats WHERE year = ? AND scope = ? AND area_code = ?",
        [year, scope, area],
    )
    s: dict[str, Any] = row[0] if row else {}

    def n(key: str) -> int:
        return int(s.get(key) or 0)

    groups = {g: 0 for g in wh.group_ids(year)}
    for gid, first in wh.engine.fetchall(
        "SELECT group_id, first_match FROM area_group_stats "
        "WHERE year = ? AND scope = ? AND area_code = ?",
        [year, scope, area],
    ):
        if gid in groups:
            groups[gid] = int(first)
    indicators = {str(i): {"households": 0, "persons": 0} for i in wh.mpi_indicators(year)}
    for ind, hh, persons in wh.engine.fetchall(
        "SELECT indicator, households, persons FROM area_indicator_stats "
        "WHERE year = ? AND scope = ? AND area_code = ?",
        [year, scope, area],
    ):
        indicators[str(ind)] = {"households": int(hh), "persons": int(persons)}
    transitions = area_transitions(wh, year=year, area=info.code)
    target = n("target_persons")
    surveyed = n("persons_surveyed")
    af_poor = n("af_poor_persons")
    h = af_poor / surveyed if surveyed else 0.0
    a = float(s.get("af_score_sum") or 0.0) / af_poor if af_poor else 0.0
    return {
        **area_head(year, info),
        "households_surveyed": n("households_surveyed"),
        "persons_surveyed": surveyed,
        "mpi_poor_households": n("mpi_poor_households"),
        "mpi_poor_persons": n("mpi_poor_persons"),
        "target_persons": target,
        "target_households": n("target_households"),
        "groups": groups,
        "dimensions": {
            d: {
                "households": n(f"{d}_households"),
                "persons": n(f"{d}_persons"),
                "target_persons": n(f"{d}_target_persons"),
            }
            for d in DIMENSIONS
        },
        "indicators": indicators,
        # Full double precision: rounding is for pages and reports (CONTRACTS.md §3).
        "af": {"k": AF_K, "H": h, "A": a, "M0": h * a},
        "star": {
            d: 100.0 * (1 - n(f"{d}_target_persons") / target) if target else 100.0
            for d in DIMENSIONS
        },
        # Optional (CONTRACTS.md: added): only for a year with a previous data year.
        **({"transitions": transitions} if transitions is not None else {}),
    }


def area_transitions(wh: Warehouse, *, year: int, area: str) -> dict[str, Any] | None:
    """Persons of ``area`` by MPI-poor status since the previous data year of the
    warehouse (stayed, exited, entered, not re-surveyed) and exits and entries per
    dimension (docs/data-core.md, "Outcomes across data years"); None for the first year
    (or a version built before transitions)."""
    if "area_transition_stats" not in wh.tables:
        return None
    earlier = [y for y in wh.years if y < year]
    if not earlier:
        return None
    row = wh.engine.fetchdicts(
        "SELECT * FROM area_transition_stats WHERE year = ? AND area_code = ?", [year, area]
    )
    s: dict[str, Any] = row[0] if row else {}

    def n(key: str) -> int:
        return int(s.get(key) or 0)

    return {
        "from_year": max(earlier),
        "stayed": n("stayed"),
        "exited": n("exited"),
        "entered": n("entered"),
        "not_resurveyed": n("not_resurveyed"),
        "dimensions": {
            d: {"exited": n(f"{d}_exited"), "entered": n(f"{d}_entered")} for d in DIMENSIONS
        },
    }


def child_area_stats(
    wh: Warehouse, *, year: int, parent: str, scope: str = "all"
) -> list[dict[str, Any]]:
    """The statistics rows (every count, unsuppressed) of the child areas of ``parent``
    with data in ``year``, by area code. For logged-in officers of the area (the monitoring
    dashboard); public pages read tpmap.warehouse.read.public instead."""
    wh.require_year(year)
    level = area_catalog.level_of(parent)
    child_len = area_catalog.CHILD_CODE_LENGTH.get(level) if level else None
    if child_len is None:
        return []
    return wh.engine.fetchdicts(
        "SELECT * FROM area_stats WHERE year = ? AND scope = ? AND length(area_code) = ? "
        "AND area_code <> 'TH' AND (? = 'TH' OR starts_with(area_code, ?)) ORDER BY area_code",
        [year, scope, child_len, parent, parent],
    )
