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
#: Scores are sums of doubles: c >= 1/3 is compared with this tolerance (INDICATORS.md §3),
#: so a household deprived in exactly 1/3 of the weight is AF-poor whatever the rounding.
AF_TOLERANCE = 1e-9


def af_poor(score: float | None) -> bool:
    """Whether a deprivation score c reaches the cutoff k = 1/3 (with the tolerance)."""
    return score is not None and score >= float(AF_CUTOFF) - AF_TOLERANCE


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


#: The 17 TPMAP MPI indicators in their 5 dimensions (INDICATORS.md section 2). These are
#: the numbers of the 2560 questionnaire, and they label deprivations in every data year
#: (TPMAP's 2566 tables print them too), whichever questionnaire the data came from.
MPI_DIMENSIONS: dict[str, tuple[int, ...]] = {
    "health": (1, 4, 5, 7),
    "living": (8, 9, 10, 11),
    "education": (15, 16, 17, 19),
    "income": (20, 21, 22),
    "access": (27, 28),
}
MPI_INDICATORS: tuple[int, ...] = tuple(sorted(i for ids in MPI_DIMENSIONS.values() for i in ids))


@dataclass(frozen=True, slots=True)
class MpiMapping:
    """Which questionnaire item each of the 17 MPI indicators reads (``items``: MPI
    indicator number -> questionnaire item number). Two MPI indicators may read one item
    (questionnaire 2566 asks drinking and household water, MPI 9 and 10, as item 18)."""

    questionnaire: str
    official: bool
    note: str
    items: dict[int, int]

    @property
    def dimensions(self) -> dict[str, tuple[int, ...]]:
        """The MPI indicator numbers of each dimension (the same in every year)."""
        return MPI_DIMENSIONS

    @property
    def indicators(self) -> tuple[int, ...]:
        """The 17 MPI indicator numbers, ascending."""
        return MPI_INDICATORS

    def item(self, no: int) -> int:
        """The questionnaire item MPI indicator ``no`` reads."""
        return self.items[no]

    def indicators_of_item(self, item: int) -> tuple[int, ...]:
        """The MPI indicators that read questionnaire item ``item`` (none for most items)."""
        return tuple(no for no in MPI_INDICATORS if self.items[no] == item)

    def item_dimension(self, item: int) -> str | None:
        """The MPI dimension of a questionnaire item, or None when no MPI indicator reads it."""
        nos = self.indicators_of_item(item)
        return self.dimension_of(nos[0]) if nos else None

    def name_th(self, no: int) -> str:
        """The Thai text of MPI indicator ``no``: its questionnaire item's."""
        return questionnaire(self.questionnaire).indicator(self.items[no]).name_th

    def dimension_of(self, no: int) -> str:
        for dim, ids in MPI_DIMENSIONS.items():
            if no in ids:
                return dim
        raise KeyError(no)

    def weight(self, no: int) -> Fraction:
        """Alkire-Foster nested equal weight: 1/5 per dimension, split over its indicators."""
        return Fraction(1, len(DIMENSIONS)) / len(MPI_DIMENSIONS[self.dimension_of(no)])

    def as_dict(self) -> dict[str, object]:
        """The mapping as the build report records it (read back by ``mapping_from_dict``)."""
        return {
            "questionnaire": self.questionnaire,
            "official": self.official,
            "note": self.note,
            "items": {str(no): self.items[no] for no in MPI_INDICATORS},
            "dimensions": {d: list(ids) for d, ids in MPI_DIMENSIONS.items()},
        }


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


def check_mpi_items(items: dict[int, int], questionnaire_code: str, where: str) -> None:
    """Every one of the 17 MPI indicators maps to an item the questionnaire asks."""
    count = questionnaire(questionnaire_code).count
    missing = [no for no in MPI_INDICATORS if no not in items]
    extra = sorted(set(items) - set(MPI_INDICATORS))
    if missing or extra:
        raise ValueError(
            f"{where}: [items] must map exactly the 17 MPI indicators "
            f"{', '.join(map(str, MPI_INDICATORS))}"
            + (f"; missing {', '.join(map(str, missing))}" if missing else "")
            + (f"; not MPI indicators {', '.join(map(str, extra))}" if extra else "")
        )
    for no, item in items.items():
        if not 1 <= item <= count:
            raise ValueError(
                f"{where}: MPI indicator {no} reads item {item}, "
                f"not in questionnaire {questionnaire_code} (1-{count})"
            )


def load_mpi_mapping(path: Path) -> MpiMapping:
    """Read and check an MPI mapping file: ``questionnaire``, ``official``, ``note`` and an
    ``[items]`` table giving each of the 17 MPI indicators the questionnaire item it reads
    (``9 = 18``: MPI indicator 9 reads item 18)."""
    raw = _load_toml(path)
    q = str(raw.get("questionnaire", ""))
    questionnaire(q)
    items_raw = raw.get("items")
    if not isinstance(items_raw, dict):
        hint = (
            " (a [dimensions] table of questionnaire items is the old format: give each MPI "
            "indicator its item instead)"
            if "dimensions" in raw
            else ""
        )
        raise ValueError(
            f"{path}: an [items] table (MPI indicator = questionnaire item) is required{hint}"
        )
    try:
        items = {int(k): int(v) for k, v in items_raw.items()}
    except (TypeError, ValueError):
        raise ValueError(f"{path}: [items] keys and values must be whole numbers") from None
    check_mpi_items(items, q, str(path))
    return MpiMapping(
        questionnaire=q,
        official=bool(raw.get("official", False)),
        note=str(raw.get("note", "")),
        items=items,
    )


def mapping_from_dict(raw: dict[str, object]) -> MpiMapping | None:
    """The mapping a build report recorded (``MpiMapping.as_dict``); None for a report of
    an older release, which recorded no items."""
    items = raw.get("items")
    if not isinstance(items, dict):
        return None
    return MpiMapping(
        questionnaire=str(raw["questionnaire"]),
        official=bool(raw.get("official")),
        note=str(raw.get("note") or ""),
        items={int(k): int(v) for k, v in items.items()},
    )


@cache
def default_mpi_mapping(questionnaire_code: str) -> MpiMapping:
    return load_mpi_mapping(_data_path(f"mpi_{questionnaire_code}.toml"))
