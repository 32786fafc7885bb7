"""Warehouse build: sources of every data year -> validated, linked, MPI, targets, area
statistics -> a new Parquet version, published atomically.

Layout of a warehouse folder::

    WH/CURRENT                 name of the version in service (replaced atomically)
    WH/versions/<id>/          *.parquet, build_report.json, rejects/<source>.csv
    WH/versions/<id>.partial/  a build in progress (never read; removed when stale)
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tpmap.core import areas as area_catalog
from tpmap.core import nid as nidlib
from tpmap.core.indicators import MpiMapping, default_mpi_mapping, load_mpi_mapping
from tpmap.core.nid import mask_text
from tpmap.core.policies import Policy, load_policies, policy_for_year
from tpmap.warehouse import sources as src
from tpmap.warehouse.engine import Engine, load_sql, quote_ident, sql_literal
from tpmap.warehouse.publication import PUBLIC_TABLES, publish
from tpmap.warehouse.steps import (
    household_mpi_sql,
    mark_duplicates_sql,
    person_targets_sql,
    reason_case,
)

KEEP_VERSIONS = 3
# Big tables are written per data year, straight from the year's build tables, as
# <table>/<year>.parquet: table -> its SELECT. The order puts an area's households (and a
# household's members) together, so Parquet statistics let a read skip other row groups.
YEAR_TABLES: dict[str, str] = {
    "households": "SELECT * FROM out_household ORDER BY village_code, household_id",
    # The read model of the default household list: the MPI-poor households only, in the
    # list's order, with just what a list row shows (a few % of all households).
    "poor_households": (
        "SELECT year, household_id, village_code, coalesce(head_name, '') AS head_name, "
        "address, failed_dimensions, failed_indicators, failed_count, members, target_members, "
        "member_groups, deprived_health, deprived_living, deprived_education, deprived_income, "
        "deprived_access FROM out_household WHERE mpi_poor "
        "ORDER BY failed_count DESC, household_id"
    ),
    "persons": "SELECT * FROM out_person ORDER BY household_id NULLS LAST, member_no",
    # Registries are read whole, never looked up by NID: written as they are, unsorted.
    **{
        f"registry_{name}": f"SELECT $year AS year, * EXCLUDE (_row) FROM stg_{name}"
        for name in ("welfare_card", "allowance", "disability", "health_coverage")
    },
}
# Small tables of all years together, one file each: table -> row order.
WHOLE_TABLES: dict[str, str] = {
    "areas": "level_rank, code",
    "area_stats": "year, scope, area_code",
    "area_indicator_stats": "year, scope, area_code, indicator",
    "area_group_stats": "year, scope, area_code, group_id",
    **PUBLIC_TABLES,
}
PUBLISHED_TABLES: tuple[str, ...] = (*YEAR_TABLES, *WHOLE_TABLES)

# progress(step name, steps done, steps in all)
Progress = Callable[[str, int, int], None]
STEPS_PER_YEAR = 5


class BuildError(Exception):
    """A build that cannot go on (missing file or column, bad policy): message for the user."""


@dataclass
class BuildOptions:
    policies_dir: Path | None = None
    mpi_mappings: dict[str, Path] = field(default_factory=dict)  # questionnaire -> file
    today: date | None = None
    memory_limit: str | None = None
    threads: int | None = None


@dataclass
class _Timer:
    total: int
    steps: list[dict[str, Any]] = field(default_factory=list)

    @contextlib.contextmanager
    def step(self, name: str, progress: Progress | None) -> Iterator[None]:
        if progress:
            progress(name, len(self.steps), self.total)
        t0 = time.perf_counter()
        yield
        self.steps.append({"step": name, "seconds": round(time.perf_counter() - t0, 3)})
        if progress:
            progress(name, len(self.steps), self.total)


def year_dirs(sources_dir: Path) -> list[tuple[int, Path]]:
    if not sources_dir.is_dir():
        raise BuildError(f"ไม่พบโฟลเดอร์ข้อมูล / sources folder not found: {sources_dir}")
    out = [
        (int(p.name), p)
        for p in sorted(sources_dir.iterdir())
        if p.is_dir() and p.name.isdigit() and len(p.name) == 4
    ]
    if not out:
        raise BuildError(
            f"ไม่พบโฟลเดอร์ปีข้อมูล (เช่น 2566/) ใน {sources_dir} / "
            f"no data-year folder (e.g. 2566/) in {sources_dir}"
        )
    return out


def _source_file(year_dir: Path, name: str) -> Path | None:
    for ext in (".parquet", ".csv"):
        p = year_dir / f"{name}{ext}"
        if p.is_file():
            return p
    return None


class _YearBuild:
    """The steps of one data year inside the build database."""

    def __init__(
        self,
        eng: Engine,
        year: int,
        year_dir: Path,
        report: dict[str, Any],
        policies: dict[int, Policy],
        options: BuildOptions,
    ) -> None:
        self.eng = eng
        self.year = year
        self.dir = year_dir
        self.report = report
        self.policies = policies
        self.options = options
        self.params = {"year": year}
        self.headers: dict[str, list[str]] = {}
        self.questionnaire: str | None = None

    # -- reading -----------------------------------------------------------------------
    def read(self, source: src.Source) -> None:
        path = _source_file(self.dir, source.name)
        info: dict[str, Any] = {
            "file": None,
            "rows_read": 0,
            "accepted": 0,
            "rejected": 0,
            "reasons": {},
            "unknown_columns": [],
        }
        self.report["sources"][source.name] = info
        cols_sql = ", ".join(f"NULL::VARCHAR AS {quote_ident(col)}" for col in source.columns)
        if path is None:
            if source.required:
                raise BuildError(
                    f"ไม่พบไฟล์ที่จำเป็น {source.name}.csv หรือ .parquet ใน {self.dir} / "
                    f"missing required file {source.name}.csv or {source.name}.parquet in {self.dir}"
                )
            self.eng.execute(
                f"CREATE OR REPLACE VIEW {quote_ident('raw_' + source.name)} AS "
                f"SELECT NULL::BIGINT AS _row, {cols_sql} LIMIT 0"
            )
            return
        info["file"] = path.name
        # Sources are read through a view: the checked copy (chk_) is the only one made.
        # The path is a literal because a view cannot hold a bound parameter.
        if path.suffix == ".csv":
            rel = (
                f"read_csv({sql_literal(str(path))}, header = true, all_varchar = true, "
                "null_padding = true)"
            )
            row = "row_number() OVER ()"
        else:
            rel = f"read_parquet({sql_literal(str(path))}, file_row_number = true)"
            row = "file_row_number + 1"
        try:
            header = [c for c in self.eng.columns(rel) if c != "file_row_number"]
        except Exception as e:  # duckdb raises many kinds; the message names the problem
            raise BuildError(f"อ่านไฟล์ไม่ได้ / cannot read {path}: {mask_text(str(e))}") from None
        missing = [col for col in source.header_required if col not in header]
        for group in source.header_any_of:
            if not any(col in header for col in group):
                missing.append(" or ".join(group))
        if missing:
            raise BuildError(
                f"ไฟล์ {path} ขาดคอลัมน์ที่จำเป็น: {', '.join(missing)} / "
                f"file {path} lacks required column(s): {', '.join(missing)}"
            )
        info["unknown_columns"] = [col for col in header if col not in source.columns]
        select = ", ".join(
            f"NULLIF(trim(CAST({quote_ident(col)} AS VARCHAR)), '') AS {quote_ident(col)}"
            if col in header
            else f"NULL::VARCHAR AS {quote_ident(col)}"
            for col in source.columns
        )
        self.eng.execute(
            f"CREATE OR REPLACE VIEW {quote_ident('raw_' + source.name)} AS "
            f"SELECT {row} AS _row, {select} FROM {rel}"
        )
        self.headers[source.name] = header

    # -- validating --------------------------------------------------------------------
    def check(
        self,
        source: src.Source,
        checks: list[tuple[str, str]],
        params: dict[str, Any] | None = None,
    ) -> None:
        """One pass over the source: the first broken rule of each row, and its typed values.

        This table is the only copy of a source; ``stg_<source>`` is a view of its good rows."""
        typed = ", ".join(f"{expr} AS {quote_ident(name)}" for name, expr in source.typed)
        with self.eng.ordered():  # CSV rows are numbered in file order
            self.eng.create_table(
                f"chk_{source.name}",
                f"SELECT _row, {reason_case(checks)} AS _reason, {typed} FROM raw_{source.name}",
                params,
            )

    def stage(self, source: src.Source) -> None:
        chk = quote_ident(f"chk_{source.name}")
        self.eng.execute(
            f"CREATE OR REPLACE VIEW {quote_ident('stg_' + source.name)} AS "
            f"SELECT * EXCLUDE (_reason) FROM {chk} WHERE _reason IS NULL"
        )
        raw_cols = ", ".join(
            "right(nid, 4) AS nid_last4" if col == "nid" else quote_ident(col)
            for col in source.columns
        )
        # Rejected rows are few: their original text is read again from the source (in file
        # order, so CSV row numbers match the checked copy's).
        bad = int(self.eng.scalar(f"SELECT count(*) FROM {chk} WHERE _reason IS NOT NULL"))
        with self.eng.ordered():
            self._rejects(source, chk, raw_cols if bad else None)
        info = self.report["sources"][source.name]
        info["rows_read"] = self.eng.count(f"chk_{source.name}")
        info["rejected"] = self.eng.count(f"rej_{source.name}")
        info["accepted"] = info["rows_read"] - info["rejected"]
        info["reasons"] = dict(
            self.eng.fetchall(
                f"SELECT reason, count(*) FROM rej_{source.name} GROUP BY reason ORDER BY reason"
            )
        )

    def _rejects(self, source: src.Source, chk: str, raw_cols: str | None) -> None:
        """The rejected rows with their original text; ``raw_cols`` None: there are none,
        so the source is not read again (an empty table of the same shape)."""
        if raw_cols is None:
            raw_cols = ", ".join(
                "NULL::VARCHAR AS nid_last4"
                if col == "nid"
                else f"NULL::VARCHAR AS {quote_ident(col)}"
                for col in source.columns
            )
            self.eng.create_table(
                f"rej_{source.name}",
                f"SELECT NULL::INTEGER AS year, NULL::BIGINT AS row, NULL::VARCHAR AS reason, "
                f"NULL::VARCHAR AS message_th, NULL::VARCHAR AS message_en, {raw_cols} LIMIT 0",
            )
            return
        self.eng.create_table(
            f"rej_{source.name}",
            f"SELECT CAST($year AS INTEGER) AS year, _row AS row, b._reason AS reason, "
            f"r.message_th, r.message_en, {raw_cols} FROM raw_{source.name} "
            f"JOIN (SELECT _row, _reason FROM {chk} WHERE _reason IS NOT NULL) b USING (_row) "
            f"JOIN ref_reason r ON r.code = b._reason ORDER BY _row",
            self.params,
        )

    def validate_households(self) -> None:
        s = src.BMN_HOUSEHOLD
        q = self.eng.scalar(
            "SELECT questionnaire FROM raw_bmn_household "
            "WHERE questionnaire IN ('2560', '2566') ORDER BY _row LIMIT 1"
        )
        self.questionnaire = str(q) if q else None
        self.report["questionnaire"] = self.questionnaire
        if self.questionnaire and self.report["sources"][s.name]["file"]:
            count = 31 if self.questionnaire == "2560" else 38
            lacking = [
                c for c in src.IND_COLUMNS[:count] if c not in self.header_of("bmn_household")
            ]
            if lacking:
                raise BuildError(
                    f"ไฟล์ bmn_household ของปี {self.year} (แบบสอบถาม {self.questionnaire}) "
                    f"ขาดคอลัมน์: {', '.join(lacking)} / bmn_household of {self.year} "
                    f"(questionnaire {self.questionnaire}) lacks column(s): {', '.join(lacking)}"
                )
        checks = list(s.checks)
        at = [code for code, _ in checks].index("bad_questionnaire") + 1
        checks.insert(at, ("questionnaire_mismatch", "questionnaire <> $q"))
        self.check(s, checks, {"q": self.questionnaire or ""})
        # A repeated id outranks every rule but a missing id: mark all rows after the first.
        self.eng.execute(
            mark_duplicates_sql(
                "chk_bmn_household",
                key="household_id",
                order="_row",
                reason="duplicate_household_id",
                where="TRUE",
            )
        )
        self.stage(s)

    def header_of(self, name: str) -> list[str]:
        return self.headers.get(name, [])

    def validate_persons(self) -> None:
        s = src.BMN_PERSON
        self.check(s, list(s.checks), {"today": self.options.today or date.today()})
        # A NID in two households stays in the first by household_id order (then row);
        # a second head of a household is rejected (the first by row is kept).
        self.eng.execute(
            mark_duplicates_sql(
                "chk_bmn_person", key="nid", order="household_id, _row", reason="duplicate_nid"
            )
        )
        self.eng.execute(
            mark_duplicates_sql(
                "chk_bmn_person",
                key="household_id",
                order="_row",
                reason="duplicate_head",
                where="_reason IS NULL AND relation = 'head'",
            )
        )
        self.eng.create_table(
            "dup_person",
            "SELECT nid, household_id, _row FROM chk_bmn_person WHERE _reason = 'duplicate_nid'",
        )
        self.stage(s)

    def validate_registry(self, s: src.Source) -> None:
        self.check(s, list(s.checks))
        if s.name in ("disability", "health_coverage"):
            # One record per person: the first row of a NID is kept among rows that passed.
            self.eng.execute(
                mark_duplicates_sql(
                    f"chk_{s.name}", key="nid", order="_row", reason="duplicate_nid"
                )
            )
        self.stage(s)

    # -- computing ---------------------------------------------------------------------
    def mapping(self) -> MpiMapping:
        q = self.questionnaire or "2560"
        path = self.options.mpi_mappings.get(q)
        return load_mpi_mapping(path) if path else default_mpi_mapping(q)

    def compute(self) -> None:
        mapping = self.mapping()
        policy = policy_for_year(self.year, self.policies)
        self.report["mpi_mapping"] = {
            "questionnaire": mapping.questionnaire,
            "official": mapping.official,
            "note": mapping.note,
            "dimensions": {k: list(v) for k, v in mapping.dimensions.items()},
        }
        self.report["policy"] = {
            "year": policy.year,
            "file": policy.source,
            "groups": list(policy.group_ids),
            "target_groups": list(policy.target_groups),
        }
        self.eng.run_script(load_sql("link_persons.sql"), self.params)
        self.eng.create_table("hh_mpi", household_mpi_sql(mapping))
        self.eng.run_script(load_sql("household_members.sql"))
        self.eng.create_table(
            "out_person",
            person_targets_sql(policy, load_sql("person_facts_surveyed.sql")),
            self.params,
        )
        for facts in ("person_facts_registry.sql", "person_facts_logbook.sql"):
            self.eng.execute(
                f"INSERT INTO out_person BY NAME {person_targets_sql(policy, load_sql(facts))}",
                self.params,
            )
        self.eng.run_script(load_sql("households_out.sql"), self.params)

    def drop_year_tables(self) -> None:
        """Free the year's build tables once written (the next year reuses the names)."""
        for (name,) in self.eng.fetchall(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
            "AND regexp_matches(table_name, '^(chk|rej|lnk|hh|out|st|dup)_')"
        ):
            self.eng.drop(name)

    def stats(self) -> None:
        self.eng.run_script(load_sql("area_stats.sql"), self.params)

    # -- reporting ---------------------------------------------------------------------
    def linkage(self) -> None:
        """Linkage rates from the linked person table: surveyed NIDs are unique after the
        duplicate rule, so a registry's NIDs matched to the survey are its linked persons."""
        flags = ", ".join(
            f"count(*) FILTER (WHERE {quote_ident('in_' + name)})" for name in src.REGISTRIES
        )
        row = self.eng.fetchone(
            f"SELECT count(*) FILTER (WHERE nid IS NOT NULL), {flags} FROM lnk_person"
        )
        assert row is not None
        persons_with_nid, *linked_counts = (int(x) for x in row)
        distinct_sql = {
            "welfare_card": "SELECT count(*) FROM lnk_card",
            "allowance": "SELECT count(*) FROM lnk_allowance",
            "disability": "SELECT count(*) FROM stg_disability",  # one row per NID
            "health_coverage": "SELECT count(*) FROM stg_health_coverage",  # one row per NID
        }
        link: dict[str, Any] = {}
        for name, linked in zip(src.REGISTRIES, linked_counts, strict=True):
            distinct = int(self.eng.scalar(distinct_sql[name]))
            link[name] = {
                "rows": self.report["sources"][name]["accepted"],
                "distinct_nids": distinct,
                "matched_nids": linked,
                "match_rate": round(linked / distinct, 4) if distinct else 0.0,
                "persons_linked": linked,
                "person_link_rate": round(linked / persons_with_nid, 4)
                if persons_with_nid
                else 0.0,
            }
        self.report["linkage"] = link
        self.report["persons_with_nid"] = persons_with_nid
        self.report["persons_without_nid"] = int(
            self.eng.scalar("SELECT count(*) FROM lnk_person WHERE nid IS NULL")
        )
        dups = self.eng.fetchall(
            "SELECT right(d.nid, 4), k.household_id, d.household_id FROM dup_person d "
            "JOIN stg_bmn_person k USING (nid) ORDER BY d.household_id, d._row LIMIT 20"
        )
        self.report["duplicate_nids"] = {
            "rows": int(self.eng.scalar("SELECT count(*) FROM dup_person")),
            "distinct_nids": int(self.eng.scalar("SELECT count(DISTINCT nid) FROM dup_person")),
            "examples": [
                {"nid_last4": a, "kept_household": b, "dropped_household": c} for a, b, c in dups
            ],
        }
        self.report["households_without_head"] = int(
            self.eng.scalar("SELECT count(*) FROM hh_members WHERE head_name IS NULL")
        )
        counts = self.eng.fetchone(
            "SELECT count(*) FILTER (WHERE surveyed), count(*) FILTER (WHERE NOT surveyed AND welfare_card AND NOT logbook_added), "
            "count(*) FILTER (WHERE NOT surveyed AND logbook_added) FROM out_person"
        )
        assert counts is not None
        self.report["persons"] = {
            "surveyed": counts[0],
            "registry_only_card_holders": counts[1],
            "logbook_added": counts[2],
        }
        self.report["households"] = self.eng.count("out_household")


def _append(eng: Engine, target: str, source: str) -> None:
    if eng.table_exists(target):
        eng.execute(
            f"INSERT INTO {quote_ident(target)} BY NAME SELECT * FROM {quote_ident(source)}"
        )
    else:
        eng.create_table(target, f"SELECT * FROM {quote_ident(source)}")


def _load_reference(eng: Engine) -> None:
    subs = [a.code for a in area_catalog.admin_areas() if a.level == "subdistrict"]
    eng.execute("CREATE TABLE ref_subdistrict (code VARCHAR PRIMARY KEY)")
    eng.register_arrow("_subs", pa.table({"code": subs}))
    eng.execute("INSERT INTO ref_subdistrict SELECT code FROM _subs")
    eng.execute("CREATE TABLE ref_reason (code VARCHAR, message_th VARCHAR, message_en VARCHAR)")
    eng.execute(
        "INSERT INTO ref_reason VALUES " + ", ".join("(?, ?, ?)" for _ in src.REASONS),
        [x for code, (th, en) in src.REASONS.items() for x in (code, th, en)],
    )
    eng.execute(
        "CREATE TABLE ref_village (code VARCHAR, name_th VARCHAR, name_en VARCHAR, "
        "village_name VARCHAR, address_th VARCHAR)"
    )


def _add_villages(eng: Engine) -> None:
    """Villages first seen this year (from households, card holders, logbook additions)."""
    rows = eng.fetchall(
        "SELECT village_code, mode(village_name) FROM ("
        " SELECT village_code, village_name FROM stg_bmn_household"
        " UNION ALL SELECT village_code, NULL FROM stg_welfare_card WHERE village_code IS NOT NULL"
        " UNION ALL SELECT village_code, NULL FROM stg_logbook_person"
        ") WHERE village_code NOT IN (SELECT code FROM ref_village) GROUP BY village_code"
    )
    if not rows:
        return
    codes, names_th, names_en, vnames, addrs = [], [], [], [], []
    for code, vname in rows:
        a = area_catalog.village_area(code, vname)
        codes.append(code)
        names_th.append(a.name_th)
        names_en.append(a.name_en)
        vnames.append(vname)
        addrs.append(area_catalog.address_th(code, vname))
    eng.register_arrow(
        "_villages",
        pa.table(
            {
                "code": codes,
                "name_th": names_th,
                "name_en": names_en,
                "village_name": vnames,
                "address_th": addrs,
            }
        ),
    )
    eng.execute("INSERT INTO ref_village SELECT * FROM _villages")
    eng.unregister("_villages")


def _finish_tables(eng: Engine) -> dict[str, int]:
    admin = area_catalog.admin_areas()
    eng.register_arrow(
        "_admin",
        pa.table(
            {
                "code": [a.code for a in admin],
                "level": [a.level for a in admin],
                "name_th": [a.name_th for a in admin],
                "name_en": [a.name_en for a in admin],
                "parent_code": [a.parent_code for a in admin],
            }
        ),
    )
    eng.create_table("areas", load_sql("areas.sql"))
    eng.run_script(load_sql("area_stats_final.sql"))
    return publish(eng)


@contextlib.contextmanager
def _lock(warehouse: Path) -> Iterator[None]:
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


def build(
    sources_dir: Path,
    warehouse: Path,
    *,
    options: BuildOptions | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Build every data year of ``sources_dir`` into a new version of ``warehouse`` and
    make it current. Returns the build report. Raises BuildError with a user message."""
    options = options or BuildOptions()
    years = year_dirs(sources_dir)
    try:
        policies = load_policies(options.policies_dir)
    except ValueError as e:
        raise BuildError(f"นโยบายเป้าหมายไม่ถูกต้อง / bad target policy: {e}") from None
    with _lock(warehouse):
        versions = warehouse / "versions"
        versions.mkdir(exist_ok=True)
        for stale in versions.glob("*.partial"):
            shutil.rmtree(stale, ignore_errors=True)
        vid = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)
        staging = versions / f"{vid}.partial"
        (staging / "rejects").mkdir(parents=True)
        try:
            try:
                report = _build_into(staging, vid, sources_dir, years, policies, options, progress)
            except duckdb.OutOfMemoryException as e:
                raise BuildError(
                    "หน่วยความจำไม่พอ / out of memory: raise TPMAP_DUCKDB_MEMORY (now "
                    f"{options.memory_limit or os.environ.get('TPMAP_DUCKDB_MEMORY', '6GB')}) "
                    f"or lower TPMAP_DUCKDB_THREADS. DuckDB said: {mask_text(str(e).splitlines()[0])}"
                ) from None
            except duckdb.Error as e:
                # DuckDB may quote a value of the data (a national ID): never whole.
                raise BuildError(
                    f"การสร้างคลังข้อมูลล้มเหลว / build failed: {mask_text(str(e))}"
                ) from None
            final = versions / vid
            staging.rename(final)
            _switch_current(warehouse, vid)
            _prune(versions, keep=KEEP_VERSIONS, current=vid)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        report["path"] = str(final)
        return report


def _build_into(
    staging: Path,
    vid: str,
    sources_dir: Path,
    years: list[tuple[int, Path]],
    policies: dict[int, Policy],
    options: BuildOptions,
    progress: Progress | None,
) -> dict[str, Any]:
    timer = _Timer(total=len(years) * STEPS_PER_YEAR + 1)
    started = datetime.now(UTC)
    report: dict[str, Any] = {
        "version": vid,
        "sources_dir": str(sources_dir),
        "started_at": started.isoformat(timespec="seconds"),
        "years": {},
        "steps": timer.steps,
    }
    # In memory, spilling to the version's temp folder past the memory limit: tables that
    # live for one step need not be written to a database file.
    with Engine(
        None,
        memory_limit=options.memory_limit,
        threads=options.threads,
        temp_directory=staging / "_tmp",
    ) as eng:
        eng.use_compressed_memory()
        eng.run_script(load_sql("macros.sql"))
        _load_reference(eng)
        for year, ydir in years:
            yr: dict[str, Any] = {"sources": {}}
            report["years"][str(year)] = yr
            yb = _YearBuild(eng, year, ydir, yr, policies, options)
            with timer.step(f"{year} read", progress):
                for s in src.SOURCES:
                    yb.read(s)
            with timer.step(f"{year} validate", progress):
                yb.validate_households()
                yb.validate_persons()
                for s in (
                    src.WELFARE_CARD,
                    src.ALLOWANCE,
                    src.DISABILITY,
                    src.HEALTH_COVERAGE,
                    src.LOGBOOK_PERSON,
                ):
                    yb.validate_registry(s)
                _add_villages(eng)
            with timer.step(f"{year} link, MPI, targets", progress):
                yb.compute()
            with timer.step(f"{year} area statistics", progress):
                yb.stats()
            with timer.step(f"{year} report and write", progress):
                yb.linkage()
                for s in src.SOURCES:
                    _append(eng, f"all_rej_{s.name}", f"rej_{s.name}")
                for t in ("st_household", "st_person", "st_indicator", "st_group"):
                    _append(eng, f"all_{t}", t)
                for table, select in YEAR_TABLES.items():
                    (staging / table).mkdir(exist_ok=True)
                    eng.execute(
                        f"COPY ({select}) TO {sql_literal(str(staging / table / f'{year}.parquet'))} "
                        "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)",
                        {"year": year},
                    )
                yb.drop_year_tables()
        with timer.step("publish", progress):
            report["publication"] = _finish_tables(eng)
            for table, order in WHOLE_TABLES.items():
                eng.copy_to_parquet(table, staging / f"{table}.parquet", order_by=order)
            for s in src.SOURCES:
                if eng.count(f"all_rej_{s.name}"):
                    eng.execute(
                        f"COPY (SELECT * FROM {quote_ident('all_rej_' + s.name)} ORDER BY year, row) "
                        f"TO {sql_literal(str(staging / 'rejects' / (s.name + '.csv')))} (HEADER)"
                    )
    shutil.rmtree(staging / "_tmp", ignore_errors=True)
    finished = datetime.now(UTC)
    report["finished_at"] = finished.isoformat(timespec="seconds")
    report["seconds"] = round((finished - started).total_seconds(), 3)
    _assert_no_full_nid(report)
    (staging / "build_report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return report


def _assert_no_full_nid(report: dict[str, Any]) -> None:
    """The report is shown to operators: it must never carry a full NID."""
    text = json.dumps(report)
    for token in text.replace('"', " ").split():
        if len(token) == 13 and nidlib.is_valid(token):
            raise AssertionError("build report would carry a full national ID")


def _switch_current(warehouse: Path, vid: str) -> None:
    tmp = warehouse / f"CURRENT.{os.getpid()}.tmp"
    with tmp.open("w") as f:
        f.write(vid + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, warehouse / "CURRENT")


def _prune(versions: Path, *, keep: int, current: str) -> None:
    done = sorted(p for p in versions.iterdir() if p.is_dir() and not p.name.endswith(".partial"))
    for old in done[:-keep]:
        if old.name != current:
            shutil.rmtree(old, ignore_errors=True)


def current_version(warehouse: Path) -> Path | None:
    pointer = warehouse / "CURRENT"
    if not pointer.is_file():
        return None
    path = warehouse / "versions" / pointer.read_text().strip()
    return path if path.is_dir() else None
