"""Where a warehouse folder keeps its versions and tables: what a reader needs to open the
version in service, and nothing of the build (readers and web processes import this module,
never tpmap.warehouse.build).

Layout of a warehouse folder::

    WH/CURRENT                 name of the version in service (replaced atomically)
    WH/versions/<id>/          <table>/<year>.parquet, <table>.parquet, build_report.json,
                               rejects/<source>.csv; a big year of a lookup table is
                               <table>/<year>-<k>.parquet, parts in key order
    WH/versions/<id>.partial/  a build in progress (never read; removed when stale)
"""

from __future__ import annotations

from pathlib import Path

from tpmap.core.indicators import DIMENSIONS

CURRENT = "CURRENT"
VERSIONS = "versions"
PARTIAL_SUFFIX = ".partial"
BUILD_REPORT = "build_report.json"
REJECTS = "rejects"

REGISTRY_NAMES: tuple[str, ...] = (
    "welfare_card",
    "allowance",
    "disability",
    "health_coverage",
    "farmer_registry",
)
#: Big tables: one file per data year, ``<table>/<year>.parquet``.
YEAR_TABLES: tuple[str, ...] = (
    "households",
    "poor_households",
    "persons",
    *(f"registry_{name}" for name in REGISTRY_NAMES),
    # Outcomes across data years: one row per person MPI-poor in this year or the previous
    # one (holds full NIDs, confidential like persons).
    "transitions",
)
#: The published, suppressed statistics: the only tables public pages read.
PUBLIC_TABLES: tuple[str, ...] = (
    "public_area_stats",
    "public_area_indicator_stats",
    "public_area_transition_stats",
    "public_area_group_stats",
)
#: Small tables of all years together, one file each: ``<table>.parquet``.
WHOLE_TABLES: tuple[str, ...] = (
    "areas",
    "area_stats",
    "area_indicator_stats",
    "area_group_stats",
    "area_transition_stats",
    *PUBLIC_TABLES,
)
PUBLISHED_TABLES: tuple[str, ...] = (*YEAR_TABLES, *WHOLE_TABLES)

ALLOWANCE_KINDS: tuple[str, ...] = ("elderly", "disabled", "hiv")
DISABILITY_TYPES: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7)
HEALTH_SCHEMES: tuple[str, ...] = ("UCS", "SSS", "CSMBS", "LGO", "other")
#: Persons of an area by registry, type and agency (F5 open data; area_stats_persons.sql):
#: active welfare-card holders, allowance recipients per kind, disabled persons per type,
#: persons per health scheme.
REGISTRY_COUNTS: tuple[str, ...] = (
    "card_holders",
    *(f"allowance_{k}" for k in ALLOWANCE_KINDS),
    *(f"disabled_type_{t}" for t in DISABILITY_TYPES),
    *(f"health_{s.lower()}" for s in HEALTH_SCHEMES),
)
#: The area_stats counts the portal publishes (in ``public_area_stats``, NULL when hidden).
PUBLIC_COUNTS: tuple[str, ...] = (
    "households_surveyed",
    "persons_surveyed",
    "mpi_poor_households",
    "mpi_poor_persons",
    "target_persons",
    "target_households",
    *(f"{d}_target_persons" for d in DIMENSIONS),
    *REGISTRY_COUNTS,
)


#: The counts of ``area_transition_stats`` (persons by status since the previous data year,
#: exits and entries per dimension), published in ``public_area_transition_stats``.
TRANSITION_COUNTS: tuple[str, ...] = (
    "stayed",
    "exited",
    "entered",
    "not_resurveyed",
    *(f"{d}_{k}" for d in DIMENSIONS for k in ("exited", "entered")),
)

#: The disagreements between sources (F1), in the order pages list them: each is a person
#: flag ``check_<name>`` (link_persons.sql), counted per area in area_stats.check_<name>.
SOURCE_CHECKS: tuple[str, ...] = (
    "disabled_unregistered",
    "elderly_no_allowance",
    "card_not_surveyed",
    "no_health_scheme",
)


def versions_dir(warehouse: Path) -> Path:
    return warehouse / VERSIONS


def version_dir(warehouse: Path, vid: str) -> Path:
    return versions_dir(warehouse) / vid


def partial_dir(warehouse: Path, vid: str) -> Path:
    return versions_dir(warehouse) / f"{vid}{PARTIAL_SUFFIX}"


def year_table_dir(version: Path, table: str) -> Path:
    return version / table


def year_table_file(version: Path, table: str, year: int) -> Path:
    return version / table / f"{year}.parquet"


def year_table_files(version: Path, table: str, year: int) -> list[Path]:
    """The files of a year's table: ``<year>.parquet``, or the parts ``<year>-<k>.parquet``
    of a lookup table written in parts (publish.LOOKUP_PARTS), in key order."""
    whole = year_table_file(version, table, year)
    if whole.is_file():
        return [whole]
    parts = year_table_dir(version, table).glob(f"{year}-*.parquet")
    return sorted(parts, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def year_table_part(version: Path, table: str, year: int, part: int) -> Path:
    return version / table / f"{year}-{part}.parquet"


def whole_table_file(version: Path, table: str) -> Path:
    return version / f"{table}.parquet"


def current_version(warehouse: Path) -> Path | None:
    """The folder of the version in service, or None when nothing was ever published."""
    pointer = warehouse / CURRENT
    if not pointer.is_file():
        return None
    path = version_dir(warehouse, pointer.read_text().strip())
    return path if path.is_dir() else None
