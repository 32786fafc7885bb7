"""The published, suppressed statistics the public portal reads (``public_area_stats``,
``public_area_indicator_stats``: a hidden count is None), never a household or a person."""

from __future__ import annotations

from typing import Any

from tpmap.core import areas as area_catalog
from tpmap.warehouse.layout import PUBLIC_COUNTS, TRANSITION_COUNTS
from tpmap.warehouse.read.areas import area_head
from tpmap.warehouse.read.base import Warehouse, require_scope

#: The counts the portal publishes (all may be None: hidden).
COUNT_COLUMNS: tuple[str, ...] = PUBLIC_COUNTS


def _check(wh: Warehouse, year: int, scope: str) -> None:
    wh.require_year(year)
    require_scope(scope)


def _select(where: str) -> str:
    cols = ", ".join(f"s.{c}::BIGINT AS {c}" for c in COUNT_COLUMNS)  # NULL: hidden
    return (
        f"SELECT a.code, a.level, a.name_th, a.name_en, a.parent_code, {cols} "
        f"FROM areas a JOIN public_area_stats s "
        f"ON s.area_code = a.code AND s.year = ? AND s.scope = ? "
        f"WHERE {where} ORDER BY a.code"
    )


def child_stats(
    wh: Warehouse, *, year: int, parent: str, scope: str = "all"
) -> list[dict[str, Any]]:
    """The child areas of ``parent`` that have statistics in ``year``, with their
    published counts."""
    _check(wh, year, scope)
    if parent == area_catalog.COUNTRY_CODE:
        return wh.engine.fetchdicts(_select("a.level = 'province'"), [year, scope])
    return wh.engine.fetchdicts(_select("a.parent_code = ?"), [year, scope, parent])


def level_stats(
    wh: Warehouse, *, year: int, level: str, parent: str | None = None, scope: str = "all"
) -> list[dict[str, Any]]:
    """Every area of ``level`` with statistics in ``year``, optionally only those inside
    ``parent`` (an area code of a higher level)."""
    _check(wh, year, scope)
    if parent is None or parent == area_catalog.COUNTRY_CODE:
        return wh.engine.fetchdicts(_select("a.level = ?"), [year, scope, level])
    return wh.engine.fetchdicts(
        _select("a.level = ? AND starts_with(a.code, ?)"), [year, scope, level, parent]
    )


def area_stats(wh: Warehouse, *, year: int, area: str, scope: str = "all") -> dict[str, Any]:
    """The published counts of one area (all 0 when the area had nothing to count), its
    published households per MPI indicator of the year, and its names."""
    _check(wh, year, scope)
    info = wh.area(area)
    cols = ", ".join(COUNT_COLUMNS)
    row = wh.engine.fetchdicts(
        f"SELECT {cols} FROM public_area_stats WHERE year = ? AND scope = ? AND area_code = ?",
        [year, scope, area],
    )
    counts: dict[str, int | None] = (
        {c: None if row[0][c] is None else int(row[0][c]) for c in COUNT_COLUMNS}
        if row
        else dict.fromkeys(COUNT_COLUMNS, 0)
    )
    indicators: dict[int, int | None] = dict.fromkeys(wh.mpi_indicators(year), 0)
    for ind, households in wh.engine.fetchall(
        "SELECT indicator, households FROM public_area_indicator_stats "
        "WHERE year = ? AND scope = ? AND area_code = ?",
        [year, scope, area],
    ):
        indicators[int(ind)] = None if households is None else int(households)
    return {
        **area_head(year, info),
        **counts,
        "indicators": indicators,
    }


def target_trend(wh: Warehouse, *, area: str, scope: str = "all") -> list[tuple[int, int | None]]:
    """Published target persons of ``area`` in every year of the warehouse (None: hidden;
    0 also when the year has no statistics for the area)."""
    found = {
        int(y): (None if t is None else int(t))
        for y, t in wh.engine.fetchall(
            "SELECT year, target_persons FROM public_area_stats WHERE area_code = ? AND scope = ?",
            [area, scope],
        )
    }
    return [(y, found.get(y, 0)) for y in wh.years]


def transition_trend(wh: Warehouse, *, area: str) -> list[dict[str, Any]]:
    """Published persons of ``area`` by MPI-poor status between consecutive data years
    (``public_area_transition_stats``: stayed, exited, entered, not re-surveyed, and exits
    and entries per dimension; None: hidden), one row per later year, oldest first. Every
    person's status counts in the scope 'all' only."""
    if "public_area_transition_stats" not in wh.tables:
        return []
    cols = ", ".join(f"{c}::BIGINT AS {c}" for c in TRANSITION_COUNTS)
    return wh.engine.fetchdicts(
        f"SELECT year, from_year, {cols} FROM public_area_transition_stats "
        "WHERE area_code = ? ORDER BY year",
        [area],
    )


def group_stats(
    wh: Warehouse, *, year: int, codes: list[str], scope: str = "all"
) -> dict[str, dict[str, int | None]]:
    """Published persons per group of the year's policy (first match) of the areas
    ``codes``: area -> group id -> count (None: hidden); {} for a version without them."""
    _check(wh, year, scope)
    if "public_area_group_stats" not in wh.tables or not codes:
        return {}
    out: dict[str, dict[str, int | None]] = {}
    for code, gid, n in wh.engine.fetchall(
        "SELECT area_code, group_id, first_match::BIGINT FROM public_area_group_stats "
        "WHERE year = ? AND scope = ? AND list_contains(?, area_code)",
        [year, scope, codes],
    ):
        out.setdefault(str(code), {})[str(gid)] = None if n is None else int(n)
    return out
