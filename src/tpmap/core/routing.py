"""Routing data (F18, F27), pure: the agency catalogue's seed (the lead and co-responsible
ministries of the BMN questionnaires, a ministry's named department as its child), the
default solution menu (``data/solution_menu.toml``) and how an agency's name is compared
(``normalise``)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from tpmap.core.indicators import DIMENSIONS, MPI_DIMENSIONS, QUESTIONNAIRES, questionnaire

#: The departments the questionnaires name by their Thai abbreviation after a ministry
#: ("กระทรวงมหาดไทย (พช.)").
DEPARTMENT_ABBREVIATIONS: dict[str, str] = {
    "พช.": "กรมการพัฒนาชุมชน",
    "ปก.": "กรมการปกครอง",
    "สถ.": "กรมส่งเสริมการปกครองท้องถิ่น",
}
_WITH_DEPARTMENT = re.compile(r"^(?P<ministry>.+?)\s*\((?P<abbr>[^)]+)\)$")


def normalise(name: str) -> str:
    """An agency's name as compared: no spaces, dots or brackets, case folded, so
    "สนง. พช. จังหวัด" and "สนง.พช.จังหวัด" are one agency."""
    return re.sub(r"[\s.()\-]", "", name).casefold()


def split_ministry(name: str) -> tuple[str, str | None]:
    """A questionnaire's ministry text as (ministry, department or None)."""
    m = _WITH_DEPARTMENT.match(name.strip())
    if m is None:
        return name.strip(), None
    abbr = m.group("abbr").strip()
    if abbr not in DEPARTMENT_ABBREVIATIONS:  # "(องค์การมหาชน)" is part of the name
        return name.strip(), None
    return m.group("ministry").strip(), DEPARTMENT_ABBREVIATIONS[abbr]


@dataclass(frozen=True, slots=True)
class MenuEntry:
    key: str
    name: str
    dimension: str
    indicator: int | None
    ministry: str
    department: str | None
    qualifies: str


def _data_path(name: str) -> Path:
    return Path(str(resources.files("tpmap.core") / "data" / name))


@cache
def default_menu() -> tuple[MenuEntry, ...]:
    """The default solution menu, checked: a known dimension, an MPI indicator of it."""
    with _data_path("solution_menu.toml").open("rb") as f:
        raw = tomllib.load(f)
    out = []
    for i, item in enumerate(raw.get("items", [])):
        dim = str(item["dimension"])
        ind = item.get("indicator")
        if dim not in DIMENSIONS:
            raise ValueError(f"solution_menu.toml item {i + 1}: unknown dimension {dim!r}")
        if ind is not None and int(ind) not in MPI_DIMENSIONS[dim]:
            raise ValueError(
                f"solution_menu.toml item {i + 1}: {ind} is not an MPI indicator of {dim}"
            )
        out.append(
            MenuEntry(
                key=str(item["key"]),
                name=str(item["name"]),
                dimension=dim,
                indicator=None if ind is None else int(ind),
                ministry=str(item["ministry"]),
                department=item.get("department"),
                qualifies=str(item.get("qualifies", "")),
            )
        )
    return tuple(out)


@cache
def catalogue_seed() -> tuple[tuple[str, str | None], ...]:
    """The catalogue's national rows as (name, parent name or None), parents first: every
    lead and co-responsible ministry of the questionnaires, then the departments they name
    and the default menu's departments."""
    ministries: dict[str, None] = {}
    departments: dict[tuple[str, str], None] = {}
    for code in QUESTIONNAIRES:
        for ind in questionnaire(code).indicators:
            for text in (*ind.lead_ministries, *ind.co_ministries):
                ministry, department = split_ministry(text)
                ministries[ministry] = None
                if department is not None:
                    departments[(department, ministry)] = None
    for entry in default_menu():
        ministries[entry.ministry] = None
        if entry.department:
            departments[(entry.department, entry.ministry)] = None
    return tuple((m, None) for m in ministries) + tuple(departments)


def _leads(questionnaire_code: str, item: int | None) -> tuple[tuple[str, str | None], ...]:
    if item is None or questionnaire_code not in QUESTIONNAIRES:
        return ()
    q = questionnaire(questionnaire_code)
    if not 1 <= item <= q.count:
        return ()
    return tuple(split_ministry(t) for t in q.indicator(item).lead_ministries)


def lead_ministries(questionnaire_code: str, item: int | None) -> tuple[str, ...]:
    """The lead ministries (without a department) of a questionnaire item."""
    return tuple(m for m, _d in _leads(questionnaire_code, item))


def lead_agency(questionnaire_code: str, item: int | None) -> str | None:
    """The catalogue name of an item's first lead: its department when the questionnaire
    names one ("กระทรวงมหาดไทย (พช.)": กรมการพัฒนาชุมชน), else its ministry."""
    leads = _leads(questionnaire_code, item)
    if not leads:
        return None
    ministry, department = leads[0]
    return department or ministry
