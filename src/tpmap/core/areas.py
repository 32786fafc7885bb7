"""The area catalog: country, 77 provinces, 928 districts, 7,436 subdistricts (DOPA codes,
from the geothai package) and villages (หมู่บ้าน), whose 8-digit code is the subdistrict
code plus the 2-digit หมู่ number and which come from the data.

Area codes: ``TH`` country, 2 digits province, 4 district, 6 subdistrict, 8 village.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

import geothai

Level = Literal["country", "province", "district", "subdistrict", "village"]
LEVELS: tuple[Level, ...] = ("country", "province", "district", "subdistrict", "village")
COUNTRY_CODE = "TH"
_LEVEL_BY_LENGTH: dict[int, Level] = {2: "province", 4: "district", 6: "subdistrict", 8: "village"}
CODE_LENGTH: dict[Level, int] = {"province": 2, "district": 4, "subdistrict": 6, "village": 8}
#: The code length of an area's children, for every level that has children.
CHILD_CODE_LENGTH: dict[str, int] = {
    level: CODE_LENGTH[child] for level, child in itertools.pairwise(LEVELS)
}


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    level: Level
    name_th: str
    name_en: str
    parent_code: str | None


def level_of(code: str) -> Level | None:
    """The level a code's shape names, or None when the code is malformed."""
    if code == COUNTRY_CODE:
        return "country"
    if code.isascii() and code.isdigit():
        return _LEVEL_BY_LENGTH.get(len(code))
    return None


def parent_code(code: str) -> str | None:
    level = level_of(code)
    if level is None or level == "country":
        return None
    if level == "province":
        return COUNTRY_CODE
    return code[: len(code) - 2]


def ancestors(code: str) -> list[str]:
    """Codes from the country down to the area's parent."""
    out: list[str] = []
    p = parent_code(code)
    while p is not None:
        out.append(p)
        p = parent_code(p)
    return list(reversed(out))


def code_range(code: str) -> tuple[str, str]:
    """``(low, high)`` such that a code starts with ``code`` exactly when low <= it < high.

    Codes are fixed-width digits, so the prefix is a range: a filter written as a range
    lets Parquet min/max statistics skip other areas' row groups."""
    return code, str(int(code) + 1).zfill(len(code))


def village_code_is_valid(code: str) -> bool:
    """8 digits whose first 6 name a subdistrict in the catalog and last 2 are 01-99."""
    return (
        len(code) == 8
        and code.isascii()
        and code.isdigit()
        and code[6:] != "00"
        and code[:6] in _subdistrict_codes()
    )


@cache
def _subdistrict_codes() -> frozenset[str]:
    return frozenset(a.code for a in admin_areas() if a.level == "subdistrict")


@cache
def admin_areas() -> tuple[Area, ...]:
    """Country, provinces, districts and subdistricts, parents before children."""
    out: list[Area] = [Area(COUNTRY_CODE, "country", "ประเทศไทย", "Thailand", None)]
    for p in geothai.provinces():
        out.append(Area(p.code, "province", p.name_th, p.name_en, COUNTRY_CODE))
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            out.append(Area(d.code, "district", d.name_th, d.name_en, p.code))
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            for s in geothai.subdistricts(d.code):
                out.append(Area(s.code, "subdistrict", s.name_th, s.name_en, d.code))
    return tuple(out)


@cache
def _by_code() -> dict[str, Area]:
    return {a.code: a for a in admin_areas()}


def admin_area(code: str) -> Area | None:
    """A country, province, district or subdistrict by code (villages come from data)."""
    return _by_code().get(code)


def village_area(code: str, name_th: str | None = None) -> Area:
    """A village's catalog entry: the หมู่ number, and its name when the data gives one."""
    moo = int(code[6:])
    label_th = f"หมู่ {moo}" + (
        f" บ้าน{name_th}"
        if name_th and not name_th.startswith("บ้าน")
        else f" {name_th}"
        if name_th
        else ""
    )
    return Area(code, "village", label_th, f"Moo {moo}", code[:6])


def provinces() -> list[Area]:
    return [a for a in admin_areas() if a.level == "province"]


def children(code: str) -> Iterator[Area]:
    """The catalog's administrative children of an area (not villages)."""
    for a in admin_areas():
        if a.parent_code == code:
            yield a


def address_th(village_code: str, village_name: str | None = None) -> str:
    """Thai postal-style address of a village: ``หมู่ 3 บ้านนาคำ ต.ในเมือง อ.เมือง จ.อุบลราชธานี``.

    Bangkok uses แขวง/เขต instead of ตำบล/อำเภอ.
    """
    sub = admin_area(village_code[:6])
    dist = admin_area(village_code[:4])
    prov = admin_area(village_code[:2])
    parts = [village_area(village_code, village_name).name_th]
    bangkok = village_code[:2] == "10"
    if sub:
        parts.append(("แขวง" if bangkok else "ต.") + sub.name_th)
    if dist:
        parts.append(
            ("" if bangkok and dist.name_th.startswith("เขต") else "เขต" if bangkok else "อ.")
            + dist.name_th
        )
    if prov:
        parts.append(prov.name_th if bangkok else "จ." + prov.name_th)
    return " ".join(parts)
