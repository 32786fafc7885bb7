"""The read handle of a published warehouse and the errors every read raises.

The modules of tpmap.warehouse.read take an open :class:`Warehouse` and read through
``wh.engine`` with bound parameters only; they serve the CLI, the web pages and the API
alike. No output carries a full national ID: members show ``nid_last4`` only. Nothing here
imports the build: the layout of a version is tpmap.warehouse.layout.
"""

from __future__ import annotations

import copy
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from tpmap.core import areas as area_catalog
from tpmap.core.indicators import MpiMapping, default_mpi_mapping, mapping_from_dict
from tpmap.core.policies import Policy, load_policies, policy_for_year
from tpmap.warehouse import layout
from tpmap.warehouse.engine import Engine, connect, quote_ident

#: Area statistics come in two scopes: every household ('all'), and only households where
#: no member holds an active welfare card ('no_card', the portal's welfare-card toggle).
SCOPES: tuple[str, ...] = ("all", "no_card")


class NotFound(LookupError):
    """An area, year or household that the warehouse does not know (exit code 1)."""


def require_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise NotFound(f"ขอบเขตไม่ถูกต้อง: {scope!r} / unknown scope {scope!r}")


class NotBuilt(LookupError):
    """No current warehouse version to read."""


@dataclass(frozen=True, slots=True)
class AreaInfo:
    code: str
    level: str
    name_th: str
    name_en: str


T = TypeVar("T")


class VersionCache:
    """Results of reads of published versions, shared by a process's threads. A version
    never changes (a new build is a new folder), so a result keyed by its version stays
    true; the last ``size`` results are kept. Callers get a copy, never the kept object,
    unless they ask for it ``shared`` (they only render it and change nothing); a read
    that raises keeps nothing.

    A result of data that does change (a household's Logbook records) is kept with the
    ``stamp`` of the data it was made from: it is given again only for the same stamp, and
    a read with another stamp replaces it (one kept result per key)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[tuple[Any, ...], tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self,
        key: tuple[Any, ...],
        read: Callable[[], T],
        *,
        shared: bool = False,
        stamp: Hashable = None,
    ) -> T:
        give: Callable[[T], T] = (lambda kept: kept) if shared else copy.deepcopy
        with self._lock:
            found = self._kept.get(key)
            if found is not None and found[0] == stamp:
                self._kept.move_to_end(key)
                kept: T = found[1]
                return give(kept)
        value = read()
        with self._lock:
            self._kept[key] = (stamp, value)
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return give(value)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


#: The columns a lookup names (a household's id, its village); the lookup tables' parts are
#: ranges of one of them (build/publish.py LOOKUP_PARTS).
LOOKUP_KEYS: tuple[str, ...] = ("household_id", "village_code")


class Warehouse:
    """The current version of a warehouse folder, opened read-only over its Parquet files."""

    def __init__(self, path: Path, *, policies: dict[int, Policy] | None = None) -> None:
        version = layout.current_version(path)
        if version is None:
            raise NotBuilt(
                f"ยังไม่มีคลังข้อมูลที่ {path} (สั่ง tpmap build ก่อน) / "
                f"no warehouse built at {path} (run tpmap build first)"
            )
        self.path = path
        self.version = version
        self.engine: Engine = connect(None, memory_limit="2GB", reader=True)
        #: The tables this version has (one built by an older release may lack some).
        self.tables: set[str] = set()
        self._columns: dict[str, tuple[str, ...]] = {}
        self._areas: dict[str, AreaInfo] = {}
        for table in layout.PUBLISHED_TABLES:
            if layout.year_table_dir(version, table).is_dir():  # one file per data year
                self.engine.view_parquet(table, layout.year_table_dir(version, table) / "*.parquet")
                self.tables.add(table)
            elif layout.whole_table_file(version, table).is_file():
                # Area tables are small (one row per area and year): held in memory, a summary
                # is a few lookups instead of reads of Parquet footers and pages.
                self.engine.load_parquet(table, layout.whole_table_file(version, table))
                self.tables.add(table)
        report = json.loads((version / layout.BUILD_REPORT).read_text(encoding="utf-8"))
        self._questionnaires = {
            int(y): str(r.get("questionnaire") or ("2566" if int(y) >= 2566 else "2560"))
            for y, r in report["years"].items()
        }
        # What the build used (it may have been given another policy folder or MPI mapping).
        self._group_ids = {
            int(y): tuple(r["policy"]["groups"])
            for y, r in report["years"].items()
            if "policy" in r
        }
        self._mpi_mappings: dict[int, MpiMapping] = {}
        for y, r in report["years"].items():
            recorded = mapping_from_dict(r["mpi_mapping"]) if "mpi_mapping" in r else None
            if recorded is not None:
                self._mpi_mappings[int(y)] = recorded
        self.policies = policies or load_policies()
        self._file_ranges: dict[tuple[str, int], dict[Path, dict[str, Any]]] = {}
        self.years: list[int] = [
            int(r[0])
            for r in self.engine.fetchall("SELECT DISTINCT year FROM area_stats ORDER BY year")
        ]

    def columns(self, table: str) -> tuple[str, ...]:
        """The columns of a published table (a version built by an older release may lack
        some); () when the version has no such table."""
        if table not in self._columns:
            self._columns[table] = (
                tuple(self.engine.columns(quote_ident(table))) if table in self.tables else ()
            )
        return self._columns[table]

    def lookup_source(
        self,
        table: str,
        year: int,
        equal: Mapping[str, str],
        within: Mapping[str, tuple[str, str]] | None = None,
    ) -> tuple[str, list[Any]] | None:
        """The relation (SQL and its parameter) of the files of a year's lookup table
        (``households``, ``persons``) that may hold rows with the ``equal`` key values and
        key values ``within`` [low, high), or None when none may: a lookup opens only these,
        not every row group of every year (their ranges come from the footers, read once
        per version)."""
        key = (table, year)
        if key not in self._file_ranges:
            paths = layout.year_table_files(self.version, table, year)
            self._file_ranges[key] = self.engine.file_ranges(paths, LOOKUP_KEYS)
        files = [
            str(path)
            for path, ranges in self._file_ranges[key].items()
            if all(_may_hold(ranges[c], v, v, closed=True) for c, v in equal.items())
            and all(
                _may_hold(ranges[c], lo, hi, closed=False) for c, (lo, hi) in (within or {}).items()
            )
        ]
        return ("read_parquet(?)", [files]) if files else None

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers -----------------------------------------------------------------------
    def require_year(self, year: int) -> None:
        if year not in self.years:
            known = ", ".join(str(y) for y in self.years) or "-"
            raise NotFound(
                f"ไม่มีข้อมูลปี {year} (มี: {known}) / no data for year {year} (have: {known})"
            )

    def area(self, code: str) -> AreaInfo:
        """The area of ``code`` in this version (kept: an area is asked on every list)."""
        info = self._areas.get(code)
        if info is not None:
            return info
        if area_catalog.level_of(code) is None:
            raise NotFound(f"รหัสพื้นที่ไม่ถูกต้อง: {code!r} / malformed area code: {code!r}")
        row = self.engine.fetchone(
            "SELECT code, level, name_th, name_en FROM areas WHERE code = ?", [code]
        )
        if row is None:
            raise NotFound(f"ไม่พบพื้นที่รหัส {code} / unknown area code {code}")
        info = self._areas[code] = AreaInfo(*row)
        return info

    def policy(self, year: int) -> Policy:
        return policy_for_year(year, self.policies)

    def group_ids(self, year: int) -> tuple[str, ...]:
        """The group ids of the policy the build applied to that year."""
        return self._group_ids.get(year) or self.policy(year).group_ids

    def mpi_mapping(self, year: int) -> MpiMapping:
        """The MPI mapping the build applied to that year."""
        return self._mpi_mappings.get(year) or default_mpi_mapping(self.questionnaire(year))

    def mpi_indicators(self, year: int) -> tuple[int, ...]:
        """The MPI indicators of the mapping the build applied to that year."""
        return self.mpi_mapping(year).indicators

    def questionnaire(self, year: int) -> str:
        return self._questionnaires.get(year, "2566" if year >= 2566 else "2560")


def _may_hold(stats: tuple[Any, Any] | None, low: str, high: str, *, closed: bool) -> bool:
    """Whether a file whose column spans ``stats`` (None: unknown; (None, None): no value)
    may hold a value in [low, high] (``closed``) or [low, high)."""
    if stats is None:
        return True
    first, last = stats
    if first is None:
        return False
    return bool(first <= high if closed else first < high) and bool(low <= last)
