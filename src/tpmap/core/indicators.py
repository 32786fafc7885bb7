"""BMN questionnaires (31 and 38 indicators) and the MPI mapping of each, loaded from the
TOML data files beside this module (the mapping is data, so an administrator can replace
it without touching code).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources
from pathlib import Path

DIMENSIONS: tuple[str, ...] = ("health", "living", "education", "income", "access")
DIMENSION_NAMES_TH: dict[str, str] = {
    "health": "ด้านสุขภาพ",
    "living": "ด้านความเป็นอยู่",
    "education": "ด้านการศึกษา",
    "income": "ด้านรายได้",
    "access": "ด้านการเข้าถึงบริการรัฐ",
}
DIMENSION_NAMES_EN: dict[str, str] = {
    "health": "Health",
    "living": "Living conditions",
    "education": "Education",
    "income": "Income",
    "access": "Access to public services",
}
QUESTIONNAIRES: tuple[str, ...] = ("2560", "2566")
MAX_INDICATORS = 38
#: Indicators asked by each questionnaire (bmn_<code>.toml numbers them 1..n).
INDICATOR_COUNTS: dict[str, int] = {"2560": 31, "2566": MAX_INDICATORS}
AF_CUTOFF = Fraction(1, 3)
#: The Alkire-Foster cutoff k as the summary JSON shows it (10 decimals).
AF_K = round(float(AF_CUTOFF), 10)


def indicator_count(questionnaire_code: str | None) -> int:
    """How many indicators a questionnaire asks; an unknown code is read as the newest,
    which has them all."""
    return INDICATOR_COUNTS.get(questionnaire_code or "", MAX_INDICATORS)


@dataclass(frozen=True, slots=True)
class Indicator:
    no: int
    category: str
    name_th: str
    lead_ministries: tuple[str, ...] = ()
    co_ministries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Questionnaire:
    code: str
    name_th: str
    name_en: str
    categories: dict[str, tuple[str, str]]  # key -> (Thai, English)
    indicators: tuple[Indicator, ...]

    @property
    def count(self) -> int:
        return len(self.indicators)

    def indicator(self, no: int) -> Indicator:
        return self.indicators[no - 1]


@dataclass(frozen=True, slots=True)
class MpiMapping:
    """Which questionnaire indicators make up each of the 5 MPI dimensions."""

    questionnaire: str
    official: bool
    note: str
    dimensions: dict[str, tuple[int, ...]]

    @property
    def indicators(self) -> tuple[int, ...]:
        return tuple(sorted(i for ids in self.dimensions.values() for i in ids))

    def dimension_of(self, no: int) -> str:
        for dim, ids in self.dimensions.items():
            if no in ids:
                return dim
        raise KeyError(no)

    def weight(self, no: int) -> Fraction:
        """Alkire-Foster nested equal weight: 1/5 per dimension, split over its indicators."""
        return Fraction(1, len(DIMENSIONS)) / len(self.dimensions[self.dimension_of(no)])


def _data_path(name: str) -> Path:
    return Path(str(resources.files("tpmap.core") / "data" / name))


def _load_toml(path: Path) -> dict[str, object]:
    with path.open("rb") as f:
        return tomllib.load(f)


@cache
def questionnaire(code: str) -> Questionnaire:
    if code not in QUESTIONNAIRES:
        raise KeyError(f"unknown questionnaire {code!r}; known: {', '.join(QUESTIONNAIRES)}")
    raw = _load_toml(_data_path(f"bmn_{code}.toml"))
    cats = raw["categories"]
    assert isinstance(cats, dict)
    inds = raw["indicators"]
    assert isinstance(inds, list)
    indicators = tuple(
        Indicator(
            no=int(i["no"]),
            category=str(i["category"]),
            name_th=str(i["name_th"]),
            lead_ministries=tuple(i.get("lead_ministries", ())),
            co_ministries=tuple(i.get("co_ministries", ())),
        )
        for i in inds
    )
    if [i.no for i in indicators] != list(range(1, len(indicators) + 1)):
        raise ValueError(f"questionnaire {code}: indicators must be numbered 1..n in order")
    return Questionnaire(
        code=code,
        name_th=str(raw["name_th"]),
        name_en=str(raw["name_en"]),
        categories={k: (str(v["name_th"]), str(v["name_en"])) for k, v in cats.items()},
        indicators=indicators,
    )


def load_mpi_mapping(path: Path) -> MpiMapping:
    """Read and check an MPI mapping file: every dimension present, indicators in range,
    no indicator in two dimensions."""
    raw = _load_toml(path)
    q = str(raw.get("questionnaire", ""))
    qn = questionnaire(q)
    dims_raw = raw.get("dimensions")
    if not isinstance(dims_raw, dict) or set(dims_raw) != set(DIMENSIONS):
        raise ValueError(f"{path}: [dimensions] must list exactly {', '.join(DIMENSIONS)}")
    dims = {d: tuple(int(i) for i in dims_raw[d]) for d in DIMENSIONS}
    seen: set[int] = set()
    for d, ids in dims.items():
        if not ids:
            raise ValueError(f"{path}: dimension {d} has no indicator")
        for i in ids:
            if not 1 <= i <= qn.count:
                raise ValueError(f"{path}: indicator {i} is not in questionnaire {q}")
            if i in seen:
                raise ValueError(f"{path}: indicator {i} appears in two dimensions")
            seen.add(i)
    return MpiMapping(
        questionnaire=q,
        official=bool(raw.get("official", False)),
        note=str(raw.get("note", "")),
        dimensions=dims,
    )


@cache
def default_mpi_mapping(questionnaire_code: str) -> MpiMapping:
    return load_mpi_mapping(_data_path(f"mpi_{questionnaire_code}.toml"))
