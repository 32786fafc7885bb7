"""Warehouse reads of the public portal (tpmap.portal): area statistics only, never a
household or a person. Every function takes an open :class:`Warehouse`."""

from __future__ import annotations

from typing import Any

from tpmap.core import areas as area_catalog
from tpmap.core.indicators import DIMENSIONS
from tpmap.warehouse.selectors import Warehouse

#: The area_stats columns the portal publishes (all are counts).
COUNT_COLUMNS: tuple[str, ...] = (
    "households_surveyed",
    "persons_surveyed",
    "mpi_poor_households",
    "mpi_poor_persons",
    "target_persons",
    "target_households",
    *(f"{d}_target_persons" for d in DIMENSIONS),
)


def _select(where: str) -> str:
    cols = ", ".join(f"coalesce(s.{c}, 0)::BIGINT AS {c}" for c in COUNT_COLUMNS)
    return (
        f"SELECT a.code, a.level, a.name_th, a.name_en, a.parent_code, {cols} "
        f"FROM areas a JOIN area_stats s "
        f"ON s.area_code = a.code AND s.year = ? AND s.scope = ? "
        f"WHERE {where} ORDER BY a.code"
    )


def child_stats(
    wh: Warehouse, *, year: int, parent: str, scope: str = "all"
) -> list[dict[str, Any]]:
    """The child areas of ``parent`` that have statistics in ``year``, with their counts."""
    wh.require_year(year)
    if parent == area_catalog.COUNTRY_CODE:
        return wh.engine.fetchdicts(_select("a.level = 'province'"), [year, scope])
    return wh.engine.fetchdicts(_select("a.parent_code = ?"), [year, scope, parent])


def level_stats(
    wh: Warehouse, *, year: int, level: str, parent: str | None = None, scope: str = "all"
) -> list[dict[str, Any]]:
    """Every area of ``level`` with statistics in ``year``, optionally only those inside
    ``parent`` (an area code of a higher level)."""
    wh.require_year(year)
    if parent is None or parent == area_catalog.COUNTRY_CODE:
        return wh.engine.fetchdicts(_select("a.level = ?"), [year, scope, level])
    return wh.engine.fetchdicts(
        _select("a.level = ? AND starts_with(a.code, ?)"), [year, scope, level, parent]
    )


def target_trend(wh: Warehouse, *, area: str, scope: str = "all") -> list[tuple[int, int | None]]:
    """Target persons of ``area`` in every year of the warehouse (None: no statistics)."""
    found = {
        int(y): int(t or 0)
        for y, t in wh.engine.fetchall(
            "SELECT year, target_persons FROM area_stats WHERE area_code = ? AND scope = ?",
            [area, scope],
        )
    }
    return [(y, found.get(y)) for y in wh.years]


def area_names(wh: Warehouse, codes: list[str]) -> dict[str, tuple[str, str]]:
    """Thai and English names of the given area codes (unknown codes are left out)."""
    if not codes:
        return {}
    marks = ", ".join("?" for _ in codes)
    return {
        str(c): (str(th), str(en or th))
        for c, th, en in wh.engine.fetchall(
            f"SELECT code, name_th, name_en FROM areas WHERE code IN ({marks})", codes
        )
    }
