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
    holders in the target households (INDICATORS.md §5b: as Ubon's register counts them,
    equal to the target persons under policy 2562), members of the target households,
    target households deprived in each dimension, and target persons."""
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
            "coalesce(sum(card_members) FILTER (WHERE target_members > 0), 0), "
            "coalesce(sum(members) FILTER (WHERE target_members > 0), 0), "
            f"{deprived} FROM households WHERE year = ? AND {cond} GROUP BY child",
            [year, *params],
        )
    }
    ps = {
        str(r[0]): r[1:]
        for r in wh.engine.fetchall(
            f"SELECT substr(village_code, 1, {width}) AS child, "
            "count(*) FILTER (WHERE is_target) "
            f"FROM persons WHERE year = ? AND village_code IS NOT NULL AND {cond} "
            "GROUP BY child",
            [year, *params],
        )
    }
    codes = sorted(set(hh) | set(ps))
    names = _names_th(wh, codes)
    rows = []
    for code in codes:
        h = hh.get(code) or (0, 0, 0, *(0 for _ in DIMENSIONS))
        p = ps.get(code) or (0,)
        rows.append(
            RegisterRow(
                code=code,
                name_th=names.get(code, code),
                target_households=int(h[0]),
                card_holders=int(h[1]),
                members=int(h[2]),
                deprived=tuple(int(x) for x in h[3:]),
                target_persons=int(p[0]),
            )
        )
    return rows


def deprivation_combinations(wh: Warehouse, *, year: int, area: str) -> list[ComboRow]:
    """Per dimension, for the area as a whole and then for each child area: its MPI-poor
    households (after the Logbook's corrections, as the summary counts them), first those
    that pass the dimension (``indicators`` = (), "ผ่าน"), then by the combination of the
    dimension's indicators they fail, most frequent first (INDICATORS.md §5b, the
    Chachoengsao table): each dimension's rows of an area add up to its MPI-poor
    households. Areas without an MPI-poor household have no row."""
    wh.require_year(year)
    info = wh.area(area)
    cond, params, level = _area_filter(wh, area)
    width = _child_width(level)
    dims = mpi_dimensions(wh, year)
    found: dict[tuple[str, str, tuple[int, ...]], int] = {}
    for d in DIMENSIONS:
        for child, combo, n in wh.engine.fetchall(
            f"SELECT substr(village_code, 1, {width}) AS child, "
            f"CASE WHEN deprived_{d} THEN "
            "list_sort(list_intersect(failed_indicators, CAST(? AS INTEGER[]))) "
            "ELSE []::INTEGER[] END AS combo, "
            f"count(*) FROM households WHERE year = ? AND counted_poor AND {cond} "
            "GROUP BY GROUPING SETS ((combo), (child, combo))",
            [list(dims[d]), year, *params],
        ):
            code = info.code if child is None else str(child)
            found[(code, d, tuple(int(i) for i in combo))] = int(n)
    codes = sorted({code for code, _d, _c in found} - {info.code})
    names = _names_th(wh, codes)
    names[info.code] = "ประเทศไทย" if info.level == "country" else info.name_th
    out: list[ComboRow] = []
    for code in [info.code, *codes] if found else []:
        for d in DIMENSIONS:
            combos = [(c, n) for (a, dd, c), n in found.items() if a == code and dd == d]
            passing = sum(n for c, n in combos if not c)
            failing = sorted(
                ((c, n) for c, n in combos if c), key=lambda cn: (-cn[1], len(cn[0]), cn[0])
            )
            out.append(ComboRow(code, names.get(code, code), d, (), passing))
            out += [ComboRow(code, names.get(code, code), d, c, n) for c, n in failing]
    return out


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
