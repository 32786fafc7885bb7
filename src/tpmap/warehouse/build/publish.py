"""Writing a new version and putting it in service atomically.

A build writes into ``versions/<id>.partial/``; only when every step and audit has passed
is the folder renamed to ``versions/<id>/`` and ``CURRENT`` replaced (an atomic rename), so
a reader sees either the old version or the whole new one. One build at a time per
warehouse (a lock file); the last KEEP_VERSIONS versions are kept."""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from tpmap.warehouse import layout
from tpmap.warehouse.build import sources as src
from tpmap.warehouse.build.context import BuildError
from tpmap.warehouse.engine import DEFAULT_ROW_GROUP_SIZE, Engine, ParquetCopy, quote_ident

KEEP_VERSIONS = 3
# Big tables are written per data year, straight from the year's build tables: table -> its
# SELECT. The order puts an area's households (and a household's members) together, so
# Parquet statistics let a read skip other row groups.
YEAR_TABLE_SQL: dict[str, str] = {
    "households": "SELECT * FROM out_household ORDER BY village_code, household_id",
    # The read model of the default household list: the MPI-poor households only (after
    # the Logbook's corrections: counted_poor), in the list's order, with just what a list
    # row shows (a few % of all households).
    "poor_households": (
        "SELECT year, household_id, village_code, coalesce(head_name, '') AS head_name, "
        "house_no, address, failed_dimensions, failed_indicators, failed_count, members, "
        "target_members, member_groups, deprived_health, deprived_living, deprived_education, "
        "deprived_income, deprived_access, priority FROM out_household WHERE counted_poor "
        "ORDER BY failed_count DESC, household_id"
    ),
    "persons": "SELECT * FROM out_person ORDER BY household_id NULLS LAST, member_no",
    # Registries are read whole, never looked up by NID: written as they are, unsorted.
    **{
        f"registry_{name}": f"SELECT $year AS year, * EXCLUDE (_row) FROM stg_{name}"
        for name in layout.REGISTRY_NAMES
    },
    "transitions": "SELECT * FROM out_transition ORDER BY household_id NULLS LAST, member_no",
}
# Small tables of all years together, one file each: table -> row order.
WHOLE_TABLE_ORDER: dict[str, str] = {
    "areas": "level_rank, code",
    "area_stats": "year, scope, area_code",
    "area_indicator_stats": "year, scope, area_code, indicator",
    "area_group_stats": "year, scope, area_code, group_id",
    "area_transition_stats": "year, area_code",
    "public_area_stats": "year, scope, area_code",
    "public_area_indicator_stats": "year, scope, area_code, indicator",
    "public_area_transition_stats": "year, area_code",
    "public_area_group_stats": "year, scope, area_code, group_id",
}
# Tables read one household at a time (a household page, the API, the CLI) are written in
# small row groups: a lookup decodes every column of the row groups its filter cannot skip,
# so 16,384 rows instead of 122,880 make it about 5x faster (100,000 households: one
# household with its village 88 -> 13 ms, its members 56 -> 11 ms) for files ~10 % larger;
# area scans are unchanged (benchmarks/README.md). The default list's read model
# ``poor_households`` too: a page (top 20 by failed count) reads its sort columns of every
# row and then the shown columns of the row groups holding the 20 rows, so 16,384 rows
# decoded instead of 122,880 (200,000 rows: a page 47-54 -> 8-16 ms at every level).
LOOKUP_ROW_GROUP_SIZE = 16_384
LOOKUP_TABLES = frozenset({"households", "persons", "poor_households"})
# The tables read one household at a time, written in parts when a year is big: table ->
# (build table, the column that cuts it, row order). A query pays for every row group of
# the files it opens (planning and statistics: 26-29 ms for one column of one household's
# row group of the national ``persons``, 2,228 row groups), so a big year is written as
# parts of at most LOOKUP_PART_ROWS rows, each a range of the cutting column (a village,
# a household never spans two parts), and a lookup opens only the part whose range holds
# it (Warehouse.lookup_files). A year of up to LOOKUP_PART_ROWS rows stays one file.
LOOKUP_PARTS: dict[str, tuple[str, str, str]] = {
    "households": ("out_household", "village_code", "village_code, household_id"),
    "persons": ("out_person", "household_id", "household_id NULLS LAST, member_no"),
}
LOOKUP_PART_ROWS = 32 * LOOKUP_ROW_GROUP_SIZE
assert tuple(YEAR_TABLE_SQL) == layout.YEAR_TABLES
assert tuple(WHOLE_TABLE_ORDER) == layout.WHOLE_TABLES


@contextlib.contextmanager
def build_lock(warehouse: Path) -> Iterator[None]:
    warehouse.mkdir(parents=True, exist_ok=True)
    with (warehouse / ".build.lock").open("w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                f"มีการสร้างคลังข้อมูลอื่นกำลังทำงานอยู่ที่ {warehouse} / "
                f"another build is running on {warehouse}"
            ) from None
        yield


def new_staging(warehouse: Path) -> tuple[str, Path]:
    """A new version id and its empty partial folder; stale partial folders are removed
    (the lock is held, so none is being written)."""
    versions = layout.versions_dir(warehouse)
    versions.mkdir(exist_ok=True)
    for stale in versions.glob(f"*{layout.PARTIAL_SUFFIX}"):
        shutil.rmtree(stale, ignore_errors=True)
    vid = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)
    staging = layout.partial_dir(warehouse, vid)
    (staging / layout.REJECTS).mkdir(parents=True)
    return vid, staging


#: The year tables by decreasing cost of writing (persons, sorted, is the largest), so that
#: writes in parallel lanes end together.
WRITE_ORDER: tuple[str, ...] = (
    "persons",
    "households",
    *(f"registry_{name}" for name in layout.REGISTRY_NAMES),
    "poor_households",
    "transitions",
)
assert sorted(WRITE_ORDER) == sorted(YEAR_TABLE_SQL)


def write_year_tables(
    eng: Engine, staging: Path, year: int, *, lanes: int = 1, persons_beside: bool = False
) -> Callable[[], None]:
    """Write the year's tables, ``lanes`` files at a time (Engine.copy_queries_to_parquet).
    ``persons_beside``: ``persons``, the longest, is written on a lane of its own while the
    build goes on (Engine.start_beside); the caller must keep ``out_person`` until it calls
    the returned ``wait``. Otherwise every file is written on return (``wait`` does nothing)."""
    by_table: dict[str, list[ParquetCopy]] = {}
    for table in WRITE_ORDER:
        layout.year_table_dir(staging, table).mkdir(exist_ok=True)
        by_table[table] = _table_copies(eng, staging, year, table)
    if not persons_beside:
        eng.copy_queries_to_parquet([c for cs in by_table.values() for c in cs], lanes=lanes)
        return lambda: None
    persons = by_table.pop("persons")
    copies = [c for cs in by_table.values() for c in cs]
    wait = eng.start_beside(lambda lane: lane.copy_queries_to_parquet(persons))
    try:
        eng.copy_queries_to_parquet(copies)
    except BaseException:
        with contextlib.suppress(Exception):
            wait()
        raise
    return wait


def _table_copies(eng: Engine, staging: Path, year: int, table: str) -> list[ParquetCopy]:
    """The files of a year's table: one, or for a big year of a lookup table its parts
    ``<year>-<k>.parquet``, each a range of its cutting column in the table's order (rows
    without a value in the last part)."""
    size = LOOKUP_ROW_GROUP_SIZE if table in LOOKUP_TABLES else DEFAULT_ROW_GROUP_SIZE
    whole = ParquetCopy(
        YEAR_TABLE_SQL[table], layout.year_table_file(staging, table, year), {"year": year}, size
    )
    if table not in LOOKUP_PARTS:
        return [whole]
    source, column, order = LOOKUP_PARTS[table]
    points = eng.split_points(source, column, LOOKUP_PART_ROWS)
    if not points:
        return [whole]
    col = quote_ident(column)
    copies = []
    for k, (low, high) in enumerate(itertools.pairwise([None, *points, None])):
        where, params = [], {}
        if low is not None:
            where.append(f"{col} >= $low")
            params["low"] = low
        if high is not None:
            where.append(f"{col} < $high")
            params["high"] = high
        else:  # the last part: rows without a value too
            where = [f"({' AND '.join(where)} OR {col} IS NULL)"]
        copies.append(
            ParquetCopy(
                f"SELECT * FROM {source} WHERE {' AND '.join(where)} ORDER BY {order}",
                layout.year_table_part(staging, table, year, k),
                params,
                size,
            )
        )
    return copies


def write_whole_tables(eng: Engine, staging: Path) -> None:
    for table, order in WHOLE_TABLE_ORDER.items():
        eng.copy_to_parquet(table, layout.whole_table_file(staging, table), order_by=order)


def write_rejects(eng: Engine, staging: Path) -> None:
    for s in src.SOURCES:
        table = "all_rej_" + s.name
        if eng.count(table):
            eng.copy_query_to_csv(
                f"SELECT * FROM {quote_ident(table)} ORDER BY year, row",
                staging / layout.REJECTS / f"{s.name}.csv",
            )


def put_in_service(warehouse: Path, vid: str, staging: Path) -> Path:
    """Rename the finished version into place, point CURRENT at it, prune old versions."""
    final = layout.version_dir(warehouse, vid)
    staging.rename(final)
    _switch_current(warehouse, vid)
    _prune(layout.versions_dir(warehouse), keep=KEEP_VERSIONS, current=vid)
    return final


def _switch_current(warehouse: Path, vid: str) -> None:
    tmp = warehouse / f"{layout.CURRENT}.{os.getpid()}.tmp"
    with tmp.open("w") as f:
        f.write(vid + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, warehouse / layout.CURRENT)


def _prune(versions: Path, *, keep: int, current: str) -> None:
    done = sorted(
        p for p in versions.iterdir() if p.is_dir() and not p.name.endswith(layout.PARTIAL_SUFFIX)
    )
    for old in done[:-keep]:
        if old.name != current:
            shutil.rmtree(old, ignore_errors=True)
