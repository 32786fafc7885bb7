"""Warehouse reads of the official reports (issue 4, forms F10 and F22): plain rows per child
area of an officer's area. Every read takes a :class:`Warehouse`, binds its parameters and
limits households by a village-code range. No row carries a national ID."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tpmap.core.areas import CHILD_CODE_LENGTH, code_range
from tpmap.core.indicators import DIMENSIONS
from tpmap.warehouse.selectors import NotFound, Warehouse

# Width of a child area's code under an area of each level (villages have no children).


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One child area of the register summary (target households and people)."""

    code: str
    name_th: str
    target_households: int
    card_holders: int
    members: int
    deprived: tuple[int, ...]  # target households deprived in each dimension of DIMENSIONS
    target_persons: int


@dataclass(frozen=True, slots=True)
class ComboRow:
    """MPI-poor households of a child area that fail exactly ``indicators`` of a dimension."""

    code: str
    name_th: str
    dimension: str
    indicators: tuple[int, ...]
    households: int


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    household_id: str
    village_code: str
    house_no: str
    address: str
    head_name: str
    members: int
    target_members: int
    failed_indicators: tuple[int, ...]


def _area_filter(wh: Warehouse, area: str) -> tuple[str, list[Any], str]:
    """(SQL condition, parameters, level) limiting rows to ``area`` by village code range."""
    info = wh.area(area)
    if info.level == "country":
        return "TRUE", [], info.level
    return "village_code >= ? AND village_code < ?", list(code_range(area)), info.level


def _child_width(level: str) -> int:
    if level not in CHILD_CODE_LENGTH:
        raise NotFound(f"พื้นที่ระดับ {level} ไม่มีพื้นที่ย่อย / a {level} has no child areas")
    return CHILD_CODE_LENGTH[level]


def _names(wh: Warehouse, codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    marks = ", ".join("?" for _ in codes)
    return {
        str(c): str(th)
        for c, th in wh.engine.fetchall(
            f"SELECT code, name_th FROM areas WHERE code IN ({marks})", codes
        )
    }


def mpi_dimensions(wh: Warehouse, year: int) -> dict[str, tuple[int, ...]]:
    """The indicators of each dimension in the MPI mapping the build applied to ``year``."""
    report = json.loads((wh.version / "build_report.json").read_text(encoding="utf-8"))
    dims = report["years"][str(year)]["mpi_mapping"]["dimensions"]
    return {d: tuple(int(i) for i in dims[d]) for d in DIMENSIONS}


def register_summary(wh: Warehouse, *, year: int, area: str) -> list[RegisterRow]:
    """Per child area: target households (a member is a target person), welfare-card
    holders, members of the target households, target households deprived in each
    dimension, and target persons."""
    wh.require_year(year)
    cond, params, level = _area_filter(wh, area)
    width = _child_width(level)
    deprived = ", ".join(
        f"count(*) FILTER (WHERE target_members > 0 AND deprived_{d}) AS d_{d}" for d in DIMENSIONS
    )
    hh = {
        str(r[0]): r[1:]
        for r in wh.engine.fetchall(
            f"SELECT substr(village_code, 1, {width}) AS child, "
            "count(*) FILTER (WHERE target_members > 0), "
            "coalesce(sum(members) FILTER (WHERE target_members > 0), 0), "
            f"{deprived} FROM households WHERE year = ? AND {cond} GROUP BY child",
            [year, *params],
        )
    }
    ps = {
        str(r[0]): r[1:]
        for r in wh.engine.fetchall(
            f"SELECT substr(village_code, 1, {width}) AS child, "
            "count(*) FILTER (WHERE welfare_card), count(*) FILTER (WHERE is_target) "
            f"FROM persons WHERE year = ? AND village_code IS NOT NULL AND {cond} "
            "GROUP BY child",
            [year, *params],
        )
    }
    codes = sorted(set(hh) | set(ps))
    names = _names(wh, codes)
    rows = []
    for code in codes:
        h = hh.get(code) or (0, 0, *(0 for _ in DIMENSIONS))
        p = ps.get(code) or (0, 0)
        rows.append(
            RegisterRow(
                code=code,
                name_th=names.get(code, code),
                target_households=int(h[0]),
                card_holders=int(p[0]),
                members=int(h[1]),
                deprived=tuple(int(x) for x in h[2:]),
                target_persons=int(p[1]),
            )
        )
    return rows


def deprivation_combinations(wh: Warehouse, *, year: int, area: str) -> list[ComboRow]:
    """Per child area and dimension: MPI-poor households counted by the combination of the
    dimension's indicators they fail (only households deprived in the dimension)."""
    wh.require_year(year)
    cond, params, level = _area_filter(wh, area)
    width = _child_width(level)
    dims = mpi_dimensions(wh, year)
    found: list[tuple[str, str, tuple[int, ...], int]] = []
    for d in DIMENSIONS:
        for child, combo, n in wh.engine.fetchall(
            f"SELECT substr(village_code, 1, {width}) AS child, "
            "list_sort(list_intersect(failed_indicators, CAST(? AS INTEGER[]))) AS combo, "
            f"count(*) FROM households WHERE year = ? AND mpi_poor AND deprived_{d} AND {cond} "
            "GROUP BY child, combo",
            [list(dims[d]), year, *params],
        ):
            found.append((str(child), d, tuple(int(i) for i in combo), int(n)))
    names = _names(wh, sorted({f[0] for f in found}))
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    # As the provincial tables: the most frequent combination of a dimension first.
    found.sort(key=lambda f: (f[0], order[f[1]], -f[3], len(f[2]), f[2]))
    return [ComboRow(c, names.get(c, c), d, combo, n) for c, d, combo, n in found]


def household_list(wh: Warehouse, *, year: int, area: str) -> list[HouseholdRow]:
    """The MPI-poor or target households of an area for field teams, by village and
    household id: the head's name, never a national ID."""
    wh.require_year(year)
    cond, params, _level = _area_filter(wh, area)
    return [
        HouseholdRow(
            household_id=str(r[0]),
            village_code=str(r[1]),
            house_no=str(r[2] or ""),
            address=str(r[3] or ""),
            head_name=str(r[4] or ""),
            members=int(r[5] or 0),
            target_members=int(r[6] or 0),
            failed_indicators=tuple(int(i) for i in (r[7] or [])),
        )
        for r in wh.engine.fetchall(
            "SELECT household_id, village_code, house_no, address, head_name, members, "
            "target_members, failed_indicators FROM households "
            f"WHERE year = ? AND (mpi_poor OR target_members > 0) AND {cond} "
            "ORDER BY village_code, household_id",
            [year, *params],
        )
    ]


def child_areas(wh: Warehouse, area: str) -> list[tuple[str, str]]:
    """(code, Thai name) of the child areas of ``area`` in the area catalogue."""
    return [
        (str(c), str(n))
        for c, n in wh.engine.fetchall(
            "SELECT code, name_th FROM areas WHERE parent_code = ? ORDER BY code", [area]
        )
    ]
