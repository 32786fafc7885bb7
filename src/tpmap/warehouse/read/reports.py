"""Reads of the official reports (issue 4, forms F10 and F22): plain rows per child area of
an officer's area, and the register of households for field teams. Every read binds its
parameters and limits households by a village-code range. No row carries a national ID."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tpmap.core.areas import CHILD_CODE_LENGTH, code_range
from tpmap.core.indicators import DIMENSIONS
from tpmap.warehouse.read.areas import area_names
from tpmap.warehouse.read.base import NotFound, Warehouse
from tpmap.warehouse.read.households import household_list


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


def mpi_dimensions(wh: Warehouse, year: int) -> dict[str, tuple[int, ...]]:
    """The indicators of each dimension in the MPI mapping the build applied to ``year``."""
    dims = wh.mpi_mapping(year).dimensions
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
    names = _names_th(wh, codes)
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
    """Per child area and dimension: MPI-poor households (after the Logbook's corrections,
    as the summary counts them) by the combination of the dimension's indicators they fail
    (only households deprived in the dimension)."""
    wh.require_year(year)
    cond, params, level = _area_filter(wh, area)
    width = _child_width(level)
    dims = mpi_dimensions(wh, year)
    found: list[tuple[str, str, tuple[int, ...], int]] = []
    for d in DIMENSIONS:
        for child, combo, n in wh.engine.fetchall(
            f"SELECT substr(village_code, 1, {width}) AS child, "
            "list_sort(list_intersect(failed_indicators, CAST(? AS INTEGER[]))) AS combo, "
            f"count(*) FROM households WHERE year = ? AND counted_poor AND deprived_{d} AND {cond} "
            "GROUP BY child, combo",
            [list(dims[d]), year, *params],
        ):
            found.append((str(child), d, tuple(int(i) for i in combo), int(n)))
    names = _names_th(wh, sorted({f[0] for f in found}))
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    # As the provincial tables: the most frequent combination of a dimension first.
    found.sort(key=lambda f: (f[0], order[f[1]], -f[3], len(f[2]), f[2]))
    return [ComboRow(c, names.get(c, c), d, combo, n) for c, d, combo, n in found]


def household_register(wh: Warehouse, *, year: int, area: str) -> list[HouseholdRow]:
    """The MPI-poor or target households of an area for field teams, by village and
    household id: the head's name, never a national ID."""
    wh.require_year(year)
    info = wh.area(area)
    found = household_list(
        wh, year=year, area=info.code, include_targets=True, sort="address", limit=None
    )
    return [
        HouseholdRow(
            household_id=str(r["household_id"]),
            village_code=str(r["village_code"]),
            house_no=str(r["house_no"]),
            address=str(r["address"] or ""),
            head_name=str(r["head_name"]),
            members=int(r["members"] or 0),
            target_members=int(r["target_members"] or 0),
            failed_indicators=tuple(int(i) for i in r["failed_indicators"]),
        )
        for r in found["items"]
    ]


def _names_th(wh: Warehouse, codes: list[str]) -> dict[str, str]:
    return {code: th for code, (th, _en) in area_names(wh, codes).items()}
