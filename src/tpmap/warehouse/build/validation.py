"""Reading and validating one data year's source files (the contract is in sources.py).

Each source is read through a view (``raw_<source>``; over the file's text loaded once for
a CSV, over the file itself for Parquet), checked in one pass into the only
copy the build keeps (``chk_<source>``: typed values and the first broken rule), staged as
a view of its good rows (``stg_<source>``), and its few rejected rows are read again from
the file for the rejects CSV (``rej_<source>``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from tpmap.core.indicators import QUESTIONNAIRES, indicator_count
from tpmap.core.nid import mask_text
from tpmap.warehouse.build import csv_repair
from tpmap.warehouse.build import sources as src
from tpmap.warehouse.build.context import BuildError, YearContext
from tpmap.warehouse.build.queries import mark_duplicates_sql, reason_case
from tpmap.warehouse.engine import EngineError, EngineOutOfMemory, quote_ident, sql_literal

#: A CSV source's text, loaded once (engine.source_relation); dropped with the year's tables.
TEXT_TABLE_PREFIX = "raw_text_"
#: Sources with one record per person: the first row of a NID is kept among rows that passed.
ONE_ROW_PER_NID = ("disability", "health_coverage", "farmer_registry")


def year_dirs(sources_dir: Path) -> list[tuple[int, Path]]:
    """The data-year folders (``2566/``, Buddhist era) of a sources folder, in order."""
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


def _empty_info() -> dict[str, Any]:
    return {
        "file": None,
        "rows_read": 0,
        "accepted": 0,
        "rejected": 0,
        "reasons": {},
        "unknown_columns": [],
    }


def read_source(ctx: YearContext, source: src.Source) -> None:
    """Expose a source file as ``raw_<source>``: every contract column as trimmed text
    (empty = NULL, absent optional columns NULL) and its row number. A missing required
    file or column stops the build with its name."""
    path = _source_file(ctx.dir, source.name)
    info = _empty_info()
    ctx.report["sources"][source.name] = info
    raw = "raw_" + source.name
    if path is None:
        if source.required:
            raise BuildError(
                f"ไม่พบไฟล์ที่จำเป็น {source.name}.csv หรือ .parquet ใน {ctx.dir} / "
                f"missing required file {source.name}.csv or {source.name}.parquet in {ctx.dir}"
            )
        cols_sql = ", ".join(
            f"NULL::VARCHAR AS {quote_ident(col)}" for col in (*source.columns, "_source_error")
        )
        ctx.eng.create_view(raw, f"SELECT NULL::BIGINT AS _row, {cols_sql} LIMIT 0")
        return
    info["file"] = path.name
    readable = ctx.repaired.get(source.name, path)
    try:
        rel, row = ctx.eng.source_relation(readable, TEXT_TABLE_PREFIX + source.name)
        header = ctx.eng.columns(rel)
    except EngineOutOfMemory:
        raise  # not an unreadable file: the build says how to give it more memory
    except EngineError as e:
        if path.suffix == ".csv" and source.name not in ctx.repaired:
            repair_source(ctx, source)
            return
        raise BuildError(f"อ่านไฟล์ไม่ได้ / cannot read {path}: {mask_text(e.summary)}") from None
    except Exception as e:  # engines raise many kinds; the message names the problem
        raise BuildError(f"อ่านไฟล์ไม่ได้ / cannot read {path}: {mask_text(str(e))}") from None
    flagged = csv_repair.SOURCE_ERROR_COLUMN in header and source.name in ctx.repaired
    if flagged:
        header = [col for col in header if col != csv_repair.SOURCE_ERROR_COLUMN]
    _require_columns(path, source, header)
    info["unknown_columns"] = [col for col in header if col not in source.columns]
    select = ", ".join(
        f"NULLIF(trim(CAST({quote_ident(col)} AS VARCHAR)), '') AS {quote_ident(col)}"
        if col in header
        else f"NULL::VARCHAR AS {quote_ident(col)}"
        for col in source.columns
    )
    flag = quote_ident(csv_repair.SOURCE_ERROR_COLUMN)
    select += f", NULLIF({flag}, '')" if flagged else ", NULL::VARCHAR"
    select += " AS _source_error"
    ctx.eng.create_view(raw, f"SELECT {row} AS _row, {select} FROM {rel}")
    ctx.headers[source.name] = header


def repair_source(ctx: YearContext, source: src.Source) -> None:
    """Read a CSV source the engine refused through its readable copy (csv_repair.py):
    its unreadable records are then rejected one by one, and a file in Windows-874 is
    decoded with a warning in the build report."""
    path = _source_file(ctx.dir, source.name)
    assert path is not None
    dest = ctx.build.staging / "_repaired" / str(ctx.year) / f"{source.name}.csv"
    fixed = csv_repair.repair_csv(path, dest)
    ctx.repaired[source.name] = dest
    read_source(ctx, source)
    info = ctx.report["sources"][source.name]
    info["decoded_as"] = fixed.encoding
    if fixed.warning:
        info.setdefault("warnings", []).append(fixed.warning)


def retry_unreadable(ctx: YearContext, run: Callable[[], None]) -> None:
    """Run a step that reads the year's sources; when the engine refuses a CSV midway (a
    bad byte deep in a file the first look did not reach), read that source through its
    readable copy and run the step again (its tables are replaced, so it is repeatable)."""
    while True:
        try:
            run()
            return
        except EngineError as e:
            source = _source_of(ctx, e)
            if source is None:
                raise
            repair_source(ctx, source)


def _source_of(ctx: YearContext, e: EngineError) -> src.Source | None:
    """The not yet repaired CSV source an engine error is about, if any."""
    if e.unreadable_file is None:
        return None
    for s in src.SOURCES:
        path = _source_file(ctx.dir, s.name)
        if (
            path is not None
            and s.name not in ctx.repaired
            and path.resolve() == e.unreadable_file.resolve()
        ):
            return s
    return None


def _require_columns(path: Path, source: src.Source, header: list[str]) -> None:
    missing = [col for col in source.header_required if col not in header]
    for group in source.header_any_of:
        if not any(col in header for col in group):
            missing.append(" or ".join(group))
    if missing:
        raise BuildError(
            f"ไฟล์ {path} ขาดคอลัมน์ที่จำเป็น: {', '.join(missing)} / "
            f"file {path} lacks required column(s): {', '.join(missing)}"
        )


def check(
    ctx: YearContext,
    source: src.Source,
    checks: list[tuple[str, str]],
    params: dict[str, Any] | None = None,
) -> None:
    """One pass over the source: the first broken rule of each row, and its typed values.

    This table is the only copy of a source; ``stg_<source>`` is a view of its good rows."""
    typed = ", ".join(f"{expr} AS {quote_ident(name)}" for name, expr in source.typed)
    # A record the repaired copy flagged (csv_repair.py) is rejected before any other rule.
    checks = [
        (code, f"_source_error = {sql_literal(code)}") for code in csv_repair.SOURCE_ERRORS
    ] + checks
    # A NID is cast to its number once, for its check digit (macros.sql, nid_valid_as).
    rows = f"raw_{source.name}"
    if "nid" in source.columns:
        rows = f"(SELECT *, TRY_CAST(nid AS BIGINT) AS {src.NID_NUMBER} FROM {rows})"
    # Rows carry their number (_row) from the source relation: the table's order is free.
    ctx.eng.create_table(
        f"chk_{source.name}",
        f"SELECT _row, {reason_case(checks)} AS _reason, {typed} FROM {rows}",
        params,
    )


def stage(ctx: YearContext, source: src.Source) -> None:
    """The good rows as ``stg_<source>``, the rejected ones as ``rej_<source>``, and the
    source's counts in the report."""
    chk = quote_ident(f"chk_{source.name}")
    ctx.eng.create_view(
        "stg_" + source.name, f"SELECT * EXCLUDE (_reason) FROM {chk} WHERE _reason IS NULL"
    )
    raw_cols = ", ".join(
        "right(nid, 4) AS nid_last4" if col == "nid" else quote_ident(col) for col in source.columns
    )
    # Rejected rows are few: their original text is read again from the source (in file
    # order, so CSV row numbers match the checked copy's).
    bad = int(ctx.eng.scalar(f"SELECT count(*) FROM {chk} WHERE _reason IS NOT NULL"))
    with ctx.eng.ordered():
        _rejects(ctx, source, chk, raw_cols if bad else None)
    info = ctx.report["sources"][source.name]
    info["rows_read"] = ctx.eng.count(f"chk_{source.name}")
    info["rejected"] = ctx.eng.count(f"rej_{source.name}")
    info["accepted"] = info["rows_read"] - info["rejected"]
    info["reasons"] = dict(
        ctx.eng.fetchall(
            f"SELECT reason, count(*) FROM rej_{source.name} GROUP BY reason ORDER BY reason"
        )
    )


def _rejects(ctx: YearContext, source: src.Source, chk: str, raw_cols: str | None) -> None:
    """The rejected rows with their original text; ``raw_cols`` None: there are none,
    so the source is not read again (an empty table of the same shape)."""
    if raw_cols is None:
        raw_cols = ", ".join(
            "NULL::VARCHAR AS nid_last4" if col == "nid" else f"NULL::VARCHAR AS {quote_ident(col)}"
            for col in source.columns
        )
        ctx.eng.create_table(
            f"rej_{source.name}",
            f"SELECT NULL::INTEGER AS year, NULL::BIGINT AS row, NULL::VARCHAR AS reason, "
            f"NULL::VARCHAR AS message_th, NULL::VARCHAR AS message_en, {raw_cols} LIMIT 0",
        )
        return
    ctx.eng.create_table(
        f"rej_{source.name}",
        f"SELECT CAST($year AS INTEGER) AS year, _row AS row, b._reason AS reason, "
        f"r.message_th, r.message_en, {raw_cols} FROM raw_{source.name} "
        f"JOIN (SELECT _row, _reason FROM {chk} WHERE _reason IS NOT NULL) b USING (_row) "
        f"JOIN ref_reason r ON r.code = b._reason ORDER BY _row",
        ctx.params,
    )


def _year_questionnaire(ctx: YearContext) -> str | None:
    """The questionnaire of the year: that of its first household row naming a known one."""
    known = ", ".join(sql_literal(q) for q in QUESTIONNAIRES)
    q = ctx.eng.scalar(
        f"SELECT questionnaire FROM raw_bmn_household WHERE questionnaire IN ({known}) "
        "ORDER BY _row LIMIT 1"
    )
    return str(q) if q else None


def by_size(
    ctx: YearContext, sources: list[src.Source] | tuple[src.Source, ...]
) -> list[src.Source]:
    """``sources`` largest file first (so that lanes end together; missing files last)."""

    def size(s: src.Source) -> int:
        path = _source_file(ctx.dir, s.name)
        return path.stat().st_size if path else 0

    return sorted(sources, key=size, reverse=True)


def year_questionnaire(ctx: YearContext) -> None:
    """The questionnaire of the year (before any source is checked: the households' and the
    assessments' checks bound their indicators by it); its indicator columns must all be in
    the household file's header."""
    s = src.BMN_HOUSEHOLD
    ctx.questionnaire = _year_questionnaire(ctx)
    ctx.report["questionnaire"] = ctx.questionnaire
    if ctx.questionnaire and ctx.report["sources"][s.name]["file"]:
        header = ctx.headers.get(s.name, [])
        count = indicator_count(ctx.questionnaire)
        lacking = [col for col in src.IND_COLUMNS[:count] if col not in header]
        if lacking:
            raise BuildError(
                f"ไฟล์ bmn_household ของปี {ctx.year} (แบบสอบถาม {ctx.questionnaire}) "
                f"ขาดคอลัมน์: {', '.join(lacking)} / bmn_household of {ctx.year} "
                f"(questionnaire {ctx.questionnaire}) lacks column(s): {', '.join(lacking)}"
            )


def validate_households(ctx: YearContext) -> None:
    s = src.BMN_HOUSEHOLD
    checks = list(s.checks)
    at = [code for code, _ in checks].index("bad_questionnaire") + 1
    checks.insert(at, ("questionnaire_mismatch", "questionnaire <> $q"))
    check(ctx, s, checks, {"q": ctx.questionnaire or ""})
    # A repeated id outranks every rule but a missing id: mark all rows after the first.
    ctx.eng.execute(
        mark_duplicates_sql(
            "chk_bmn_household",
            key="household_id",
            order="_row",
            reason="duplicate_household_id",
            where="TRUE",
        )
    )
    stage(ctx, s)


#: The one person check that reads another source (the accepted households). With lanes
#: it is applied after the others (validate_persons), so that the persons are checked while
#: the households are.
UNKNOWN_HOUSEHOLD = "unknown_household"


def check_persons(ctx: YearContext, *, households_staged: bool = False) -> None:
    """The persons' row checks: every one but ``unknown_household``, which needs the
    accepted households, unless ``households_staged``."""
    s = src.BMN_PERSON
    checks = [c for c in s.checks if households_staged or c[0] != UNKNOWN_HOUSEHOLD]
    check(ctx, s, checks, {"today": ctx.build.options.today or date.today()})


def validate_persons(ctx: YearContext, *, unknown_checked: bool = False) -> None:
    """After check_persons and the households' validation: ``unknown_household`` unless
    ``unknown_checked`` (it outranks every other row check of the persons, being their
    first, but not a record the repaired copy flagged), then the duplicates and the
    staging."""
    s = src.BMN_PERSON
    if not unknown_checked:
        unknown = dict(s.checks)[UNKNOWN_HOUSEHOLD]
        flagged = ", ".join(sql_literal(code) for code in csv_repair.SOURCE_ERRORS)
        ctx.eng.execute(
            f"UPDATE chk_bmn_person SET _reason = {sql_literal(UNKNOWN_HOUSEHOLD)} "
            f"WHERE (_reason IS NULL OR _reason NOT IN ({flagged})) AND ({unknown})"
        )
    # A NID in two households stays in the first by household_id order (then row);
    # a second head of a household is rejected (the first by row is kept).
    ctx.eng.execute(
        mark_duplicates_sql(
            "chk_bmn_person", key="nid", order="household_id, _row", reason="duplicate_nid"
        )
    )
    ctx.eng.execute(
        mark_duplicates_sql(
            "chk_bmn_person",
            key="household_id",
            order="_row",
            reason="duplicate_head",
            where="_reason IS NULL AND relation = 'head'",
        )
    )
    ctx.eng.create_table(
        "dup_person",
        "SELECT nid, household_id, _row FROM chk_bmn_person WHERE _reason = 'duplicate_nid'",
    )
    stage(ctx, s)


def validate_registry(ctx: YearContext, s: src.Source) -> None:
    if s.name in src.RECORD_SOURCES:
        validate_logbook_records(ctx, s)
        return
    check(ctx, s, list(s.checks))
    if s.name in ONE_ROW_PER_NID:
        ctx.eng.execute(
            mark_duplicates_sql(f"chk_{s.name}", key="nid", order="_row", reason="duplicate_nid")
        )
    if s.name == "logbook_person":  # record_id is optional here; a repeated one is applied once
        ctx.eng.execute(
            mark_duplicates_sql(
                f"chk_{s.name}", key="record_id", order="_row", reason="duplicate_record_id"
            )
        )
        # One person added twice (two records, one NID) is one person.
        ctx.eng.execute(
            mark_duplicates_sql(f"chk_{s.name}", key="nid", order="_row", reason="duplicate_nid")
        )
    stage(ctx, s)


def validate_logbook_records(ctx: YearContext, s: src.Source) -> None:
    """A Logbook source keyed by record_id: the row checks (the assessment's indicators
    bounded by the year's questionnaire, ``$q``), then a repeated record_id is rejected
    (the first row is kept), so a record exported twice is applied once."""
    params = {"q": ctx.questionnaire or ""} if s.name == "logbook_assessment" else None
    check(ctx, s, list(s.checks), params)
    ctx.eng.execute(
        mark_duplicates_sql(
            f"chk_{s.name}", key="record_id", order="_row", reason="duplicate_record_id"
        )
    )
    stage(ctx, s)


def require_households(ctx: YearContext) -> None:
    """A year with no accepted household would publish an empty version that replaces real
    counts with zeros: the build stops instead, naming the year and why its rows failed."""
    info = ctx.report["sources"][src.BMN_HOUSEHOLD.name]
    if info["accepted"] > 0:
        return
    reasons = ", ".join(f"{k} {v:,}" for k, v in info["reasons"].items()) or "-"
    raise BuildError(
        f"ปี {ctx.year}: ไม่มีครัวเรือนที่ผ่านการตรวจสอบใน bmn_household (อ่าน {info['rows_read']:,} "
        f"แถว, เหตุผล: {reasons}) จึงไม่เผยแพร่ / year {ctx.year}: 0 households accepted from "
        f"bmn_household ({info['rows_read']:,} rows read; rejected: {reasons}); "
        "nothing is published"
    )
