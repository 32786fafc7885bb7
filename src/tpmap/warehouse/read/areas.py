"""The area catalogue of a version: names of areas, child areas, a subdistrict's villages."""

from __future__ import annotations

from typing import Any

from tpmap.core.areas import CODE_LENGTH, COUNTRY_CODE, code_range
from tpmap.warehouse.read.base import AreaInfo, Warehouse


def area_head(year: int, info: AreaInfo) -> dict[str, Any]:
    """The first keys of every one-area document (summary, published statistics)."""
    return {
        "year": year,
        "area": info.code,
        "level": info.level,
        "name_th": info.name_th,
        "name_en": info.name_en,
    }


def area_names(wh: Warehouse, codes: list[str]) -> dict[str, tuple[str, str]]:
    """Thai and English names of the given area codes (unknown codes are left out; an area
    without an English name shows its Thai one)."""
    if not codes:
        return {}
    marks = ", ".join("?" for _ in codes)
    return {
        str(c): (str(th), str(en or th))
        for c, th, en in wh.engine.fetchall(
            f"SELECT code, name_th, name_en FROM areas WHERE code IN ({marks})", codes
        )
    }


def child_areas(wh: Warehouse, area: str) -> list[tuple[str, str]]:
    """(code, Thai name) of the child areas of ``area`` in the area catalogue."""
    return [
        (str(c), str(n))
        for c, n in wh.engine.fetchall(
            "SELECT code, name_th FROM areas WHERE parent_code = ? ORDER BY code", [area]
        )
    ]


def village_options(wh: Warehouse, *, subdistrict: str) -> list[tuple[str, str]]:
    """(code, Thai name) of the villages of a subdistrict that the warehouse knows."""
    if len(subdistrict) != CODE_LENGTH["subdistrict"] or not subdistrict.isdigit():
        return []
    # A subdistrict's children in the catalogue are its villages.
    return child_areas(wh, subdistrict)


def villages_in(wh: Warehouse, *, area: str, limit: int = 500) -> list[tuple[str, str]] | None:
    """(code, address) of the villages of an area the warehouse knows, or None when the
    area holds more than ``limit`` (a form then asks for the code instead of a list)."""
    where, params = "level = 'village'", []
    if area and area != COUNTRY_CODE:
        where += " AND code >= ? AND code < ?"
        params = list(code_range(area))
    rows = wh.engine.fetchall(
        f"SELECT code, coalesce(address_th, name_th) FROM areas WHERE {where} "
        "ORDER BY code LIMIT ?",
        [*params, limit + 1],
    )
    if len(rows) > limit:
        return None
    return [(str(c), f"{c} {n}") for c, n in rows]
