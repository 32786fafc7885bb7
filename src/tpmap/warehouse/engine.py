"""The SQL engine behind the build and the readers.

``Engine`` is the protocol every step and reader talks to; ``DuckDBEngine`` is the one
implementation today, and the only place that imports duckdb. Statements whose form is
DuckDB's own (reading CSV or Parquet, COPY ... TO, settings, ATTACH, CHECKPOINT, INSERT BY
NAME, the catalogue) are methods here, so a Spark engine can run the same steps by meeting
the protocol. The SQL of the steps themselves sticks to portable forms plus a few list
functions that sqlglot transpiles.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import duckdb

from tpmap.core.nid import mask_text

Params = Sequence[Any] | dict[str, Any] | None


#: DuckDB's own row group size: what a table scanned whole is written with.
DEFAULT_ROW_GROUP_SIZE = 122_880


@dataclass(frozen=True, slots=True)
class ParquetCopy:
    """One query written to one Parquet file (Engine.copy_queries_to_parquet)."""

    select_sql: str
    path: Path
    params: dict[str, Any] | None = None
    row_group_size: int = DEFAULT_ROW_GROUP_SIZE


class EngineError(Exception):
    """The engine refused a statement; the message may quote data (show ``summary``).

    ``unreadable_file`` names a CSV source the engine could not parse as text (an encoding,
    a line too long, a row of the wrong shape), so the build can read a repaired copy."""

    def __init__(self, message: str, *, unreadable_file: Path | None = None) -> None:
        super().__init__(message)
        self.unreadable_file = unreadable_file

    @property
    def summary(self) -> str:
        """The first line of the message with every quoted value left out: DuckDB's later
        lines quote whole source rows ("Original Line: ..." with names and IDs), and its
        first line may quote a value."""
        lines = str(self).strip().splitlines()
        return _QUOTED.sub("'…'", lines[0] if lines else "")


class EngineOutOfMemory(EngineError):
    """The engine ran past its memory limit."""


def quote_ident(name: str) -> str:
    """Escape an identifier: the only way a name enters SQL text."""
    return '"' + name.replace('"', '""') + '"'


def sql_literal(value: str) -> str:
    """Escape a constant string from our own code (enumerations, reason codes) as SQL text.

    User-supplied values are bound as parameters instead."""
    return "'" + value.replace("'", "''") + "'"


class Engine(Protocol):
    """What the build steps and the readers need of a SQL engine."""

    def execute(self, sql: str, params: Params = None) -> None: ...
    def run_script(self, sql: str, params: dict[str, Any] | None = None) -> None: ...
    def fetchall(self, sql: str, params: Params = None) -> list[tuple[Any, ...]]: ...
    def fetchone(self, sql: str, params: Params = None) -> tuple[Any, ...] | None: ...
    def fetchdicts(self, sql: str, params: Params = None) -> list[dict[str, Any]]: ...
    def scalar(self, sql: str, params: Params = None) -> Any: ...
    def table_exists(self, name: str) -> bool: ...
    def tables_with_prefix(self, prefixes: Sequence[str]) -> list[str]: ...
    def count(self, name: str) -> int: ...
    def split_points(self, name: str, column: str, rows_per_part: int) -> list[Any]: ...
    def file_ranges(
        self, paths: Sequence[Path], columns: Sequence[str]
    ) -> dict[Path, dict[str, tuple[Any, Any] | None]]: ...
    def create_table(self, name: str, select_sql: str, params: Params = None) -> None: ...
    def create_view(self, name: str, select_sql: str) -> None: ...
    def append(self, target: str, source: str) -> None: ...
    def insert_select(self, target: str, select_sql: str, params: Params = None) -> None: ...
    def drop(self, name: str) -> None: ...
    def create_text_table(self, name: str, columns: dict[str, Sequence[str | None]]) -> None: ...
    def source_relation(self, path: Path, text_table: str) -> tuple[str, str]: ...
    def columns(self, relation_sql: str) -> list[str]: ...
    def ordered(self) -> contextlib.AbstractContextManager[None]: ...
    def copy_to_parquet(self, name: str, path: Path, order_by: str | None = None) -> None: ...
    def copy_query_to_parquet(
        self, select_sql: str, path: Path, params: Params = None, *, row_group_size: int = ...
    ) -> None: ...
    def copy_queries_to_parquet(self, copies: Sequence[ParquetCopy], *, lanes: int = 1) -> None: ...
    def run_in_lanes(self, tasks: Sequence[Callable[[Engine], None]], *, lanes: int) -> None: ...
    def thread_count(self) -> int: ...
    def start_beside(self, task: Callable[[Engine], None]) -> Callable[[], None]: ...
    def copy_query_to_csv(self, select_sql: str, path: Path) -> None: ...
    def view_parquet(self, name: str, path: Path) -> None: ...
    def load_parquet(self, name: str, path: Path) -> None: ...
    def close(self) -> None: ...


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    """DuckDB's exceptions as the engine's own, so callers never import duckdb."""
    try:
        yield
    except duckdb.OutOfMemoryException as e:
        raise EngineOutOfMemory(str(e)) from e
    except duckdb.Error as e:
        raise EngineError(str(e), unreadable_file=_unreadable_csv(str(e))) from e


_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
_CSV_FILE = re.compile(r"^\s*file = (.+\.csv)\s*$", re.MULTILINE | re.IGNORECASE)


class _Trace:
    """A log of every statement's wall time, one JSON line each, when the operator sets
    ``TPMAP_TRACE_SQL`` to a file (to find where a build's time goes). Statements carry
    bound parameters, so the log holds SQL text and timings, never a source row; the text
    is masked as every log line is (``mask_text``), should a NID ever be written into one.
    Off, ``timed`` hands out one shared no-op: the readers' statements pay nothing."""

    _OFF = contextlib.nullcontext()

    def __init__(self, path: str | None) -> None:
        self._file = open(path, "a", encoding="utf-8") if path else None  # noqa: SIM115
        self._lock = threading.Lock()

    def timed(self, sql: str) -> contextlib.AbstractContextManager[None]:
        return self._OFF if self._file is None else self._timed(sql)

    @contextlib.contextmanager
    def _timed(self, sql: str) -> Iterator[None]:
        assert self._file is not None
        started = time.perf_counter()
        try:
            yield
        finally:
            line = json.dumps(
                {
                    "seconds": round(time.perf_counter() - started, 4),
                    "thread": threading.current_thread().name,
                    "sql": mask_text(" ".join(sql.split()))[:300],
                },
                ensure_ascii=False,
            )
            with self._lock:
                self._file.write(line + "\n")
                self._file.flush()


_TRACE = _Trace(os.environ.get("TPMAP_TRACE_SQL"))


def _unreadable_csv(message: str) -> Path | None:
    """The CSV file a DuckDB reading error names (its message lists ``file = <path>``)."""
    if "CSV Error" not in message and "Invalid unicode" not in message:
        return None
    found = _CSV_FILE.search(message)
    return Path(found.group(1)) if found else None


#: About how many values Engine.split_points reads to cut a table into parts.
SPLIT_SAMPLE = 1_000_000


class DuckDBEngine:
    """A DuckDB connection with the project's settings.

    ``database`` is a file path or None for an in-memory database (builds spill to
    ``temp_directory``; readers are in memory over Parquet files)."""

    def __init__(
        self,
        database: Path | None = None,
        *,
        memory_limit: str | None = None,
        threads: int | None = None,
        temp_directory: Path | None = None,
        read_only: bool = False,
        reader: bool = False,
    ) -> None:
        self._con = duckdb.connect(str(database) if database else ":memory:", read_only=read_only)
        self._in_file = False
        # How many ``ordered`` blocks are open, shared with the engine's lanes (the setting
        # is the database's, not a connection's).
        self._order = _OrderHolds()
        memory_limit = memory_limit or os.environ.get("TPMAP_DUCKDB_MEMORY", "6GB")
        self.execute(f"SET memory_limit = {sql_literal(memory_limit)}")
        if threads or os.environ.get("TPMAP_DUCKDB_THREADS"):
            self.execute(f"SET threads = {int(threads or os.environ['TPMAP_DUCKDB_THREADS'])}")
        if temp_directory is not None:
            temp_directory.mkdir(parents=True, exist_ok=True)
            self.execute(f"SET temp_directory = {sql_literal(str(temp_directory))}")
        # Keeping insertion order costs memory on big joins; only numbering CSV rows needs it
        # (see ordered).
        self.execute("SET preserve_insertion_order = false")
        if reader:
            # A reader's files never change (a new version is a new folder): parse each
            # Parquet footer once per connection, not on every query. A national households
            # file has ~800 row groups of 83 columns (persons ~2,200 of 59).
            self.execute("SET parquet_metadata_cache = true")
            # Readers query one table at a time through views of ``SELECT *``; the join
            # order optimizer asks such a scan for the statistics of every column over every
            # row group before unused columns are dropped: planning one household's read
            # on 2,000,000 households took ~20 ms per query, more than running it. The
            # readers' only join (two small in-memory area tables) needs no reordering.
            self.execute("SET disabled_optimizers = 'join_order'")

    @contextlib.contextmanager
    def ordered(self) -> Iterator[None]:
        """Preserve insertion order inside the block (a CSV's text table in file order, so
        that its rowid is the file's row). The setting holds for the whole database while
        any lane is inside such a block."""
        with self._order.lock:
            if self._order.count == 0:
                self.execute("SET preserve_insertion_order = true")
            self._order.count += 1
        try:
            yield
        finally:
            with self._order.lock:
                self._order.count -= 1
                if self._order.count == 0:
                    self.execute("SET preserve_insertion_order = false")

    def use_build_file(self, path: Path) -> None:
        """Keep tables in a database file (a build's scratch file, deleted with its temp
        folder) instead of in memory: DuckDB writes a big table's row groups to the file
        compressed as the statement creates it, on every thread, and the buffer pool drops
        them from memory when it must instead of spilling them. A national build so wrote
        20 GiB where holding its tables compressed in memory wrote 63 GiB (a checkpoint
        compressing each table again, then spilling), and took 923 s where that took 985
        (benchmarks/README.md, "A build file instead of compressed memory")."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.execute(f"ATTACH {sql_literal(str(path))} AS build")
        self.execute("USE build")
        self._in_file = True

    def _checkpoint(self) -> None:
        # A small table goes to the build file's write-ahead log first: fold it into the
        # file after each statement (a big one was written directly; then this is ~0.2 s).
        if self._in_file:
            self.execute("CHECKPOINT build")

    def _cursor(self, sql: str, params: Params = None) -> duckdb.DuckDBPyConnection:
        if isinstance(params, dict):
            # Bind the named parameters the statement uses (DuckDB refuses extra ones), so a
            # step can be given the build's common parameters whether it needs them or not.
            params = {k: v for k, v in params.items() if f"${k}" in sql} or None
        with _translated(), _TRACE.timed(sql):
            return self._con.execute(sql, params) if params is not None else self._con.execute(sql)

    def execute(self, sql: str, params: Params = None) -> None:
        self._cursor(sql, params)

    def run_script(self, sql: str, params: dict[str, Any] | None = None) -> None:
        """Run every statement of a SQL file, binding to each the named parameters it uses."""
        with _translated():
            for statement in self._con.extract_statements(sql):
                names = statement.named_parameters
                with _TRACE.timed(statement.query):
                    if names:
                        self._con.execute(
                            statement, {k: v for k, v in (params or {}).items() if k in names}
                        )
                    else:
                        self._con.execute(statement)
        self._checkpoint()

    def create_text_table(self, name: str, columns: dict[str, Sequence[str | None]]) -> None:
        """A table of text columns from Python lists of equal length (bound as parameters,
        one list per column; no Arrow or pandas needed, so a build imports neither)."""
        select = ", ".join(
            f"unnest(CAST(${i + 1} AS VARCHAR[])) AS {quote_ident(col)}"
            for i, col in enumerate(columns)
        )
        self.create_table(name, f"SELECT {select}", [list(v) for v in columns.values()])

    def fetchall(self, sql: str, params: Params = None) -> list[tuple[Any, ...]]:
        with _translated():
            return self._cursor(sql, params).fetchall()

    def fetchone(self, sql: str, params: Params = None) -> tuple[Any, ...] | None:
        with _translated():
            return self._cursor(sql, params).fetchone()

    def fetchdicts(self, sql: str, params: Params = None) -> list[dict[str, Any]]:
        with _translated():
            cur = self._cursor(sql, params)
            cols = [d[0] for d in cur.description or ()]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def scalar(self, sql: str, params: Params = None) -> Any:
        row = self.fetchone(sql, params)
        return None if row is None else row[0]

    def table_exists(self, name: str) -> bool:
        return bool(
            self.scalar(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
            )
        )

    def tables_with_prefix(self, prefixes: Sequence[str]) -> list[str]:
        """The base tables whose name starts with one of ``prefixes`` (build scratch tables)."""
        pattern = re.compile("^(" + "|".join(re.escape(p) for p in prefixes) + ")")
        return [
            str(name)
            for (name,) in self.fetchall(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_type = 'BASE TABLE' ORDER BY table_name"
            )
            if pattern.match(str(name))
        ]

    def source_relation(self, path: Path, text_table: str) -> tuple[str, str]:
        """(relation, row-number expression) reading a source file as text, so that every
        value reaches the row checks as it was written.

        A CSV file is loaded once, as text, into ``text_table`` (in file order, on every
        thread: numbering rows while reading, ``row_number() OVER ()``, would parse the whole
        file on one thread); its rows are numbered by their place in that table. A Parquet
        file is read where it is, numbered by the reader. The path is a literal because a
        view cannot hold a bound parameter. An unreadable CSV raises here, naming the file."""
        if path.suffix == ".csv":
            with self.ordered():
                self.create_table(
                    text_table,
                    f"SELECT * FROM read_csv({sql_literal(str(path))}, header = true, "
                    "all_varchar = true, null_padding = true)",
                )
            return quote_ident(text_table), "rowid + 1"
        return f"read_parquet({sql_literal(str(path))}, file_row_number = true)", (
            "file_row_number + 1"
        )

    def columns(self, relation_sql: str) -> list[str]:
        """Column names of a relation expression such as ``source_relation``'s, without the
        row-number column the engine may add."""
        return [
            r[0]
            for r in self.fetchall(f"DESCRIBE SELECT * FROM {relation_sql}")
            if r[0] != "file_row_number"
        ]

    def create_table(self, name: str, select_sql: str, params: Params = None) -> None:
        self.execute(f"CREATE OR REPLACE TABLE {quote_ident(name)} AS {select_sql}", params)
        self._checkpoint()

    def create_view(self, name: str, select_sql: str) -> None:
        self.execute(f"CREATE OR REPLACE VIEW {quote_ident(name)} AS {select_sql}")

    def append(self, target: str, source: str) -> None:
        """Add the rows of ``source`` to ``target`` by column name (created when missing)."""
        if self.table_exists(target):
            self.execute(
                f"INSERT INTO {quote_ident(target)} BY NAME SELECT * FROM {quote_ident(source)}"
            )
        else:
            self.create_table(target, f"SELECT * FROM {quote_ident(source)}")

    def insert_select(self, target: str, select_sql: str, params: Params = None) -> None:
        """Add the rows of a query to ``target``, matching columns by name."""
        self.execute(f"INSERT INTO {quote_ident(target)} BY NAME {select_sql}", params)

    def drop(self, name: str) -> None:
        self.execute(f"DROP TABLE IF EXISTS {quote_ident(name)}")

    def count(self, name: str) -> int:
        return int(self.scalar(f"SELECT count(*) FROM {quote_ident(name)}"))

    def split_points(self, name: str, column: str, rows_per_part: int) -> list[Any]:
        """Values of ``column`` that cut table ``name`` into ranges of about
        ``rows_per_part`` rows each (ascending, distinct; [] when the table fits in one).
        Over SPLIT_SAMPLE rows, the quantiles of a fixed sample of about that many (every
        key whose hash falls in it, so the cut is the same on every build of the same
        rows)."""
        rows = self.count(name)
        parts = -(-rows // rows_per_part)
        if parts <= 1:
            return []
        fractions = [i / parts for i in range(1, parts)]
        col = quote_ident(column)
        step = rows // SPLIT_SAMPLE
        sample = f" WHERE hash({col}) % {int(step)} = 0" if step > 1 else ""
        points = self.scalar(
            f"SELECT quantile_disc({col}, ?::DOUBLE[]) FROM {quote_ident(name)}{sample}",
            [fractions],
        )
        return sorted({p for p in points or [] if p is not None})

    def file_ranges(
        self, paths: Sequence[Path], columns: Sequence[str]
    ) -> dict[Path, dict[str, tuple[Any, Any] | None]]:
        """The smallest and largest value of each of ``columns`` (text columns: the footer's
        values compare as text) in each Parquet file, from the files' footers (no data
        read): (None, None) where the file holds no value of the column, None where a row
        group with values has no statistics (unknown)."""
        found: dict[Path, dict[str, tuple[Any, Any] | None]] = {
            p: dict.fromkeys(columns, (None, None)) for p in paths
        }
        if not paths:
            return found
        by_name = {str(p): p for p in paths}
        rows = self.fetchall(
            "SELECT file_name, path_in_schema, min(stats_min_value), max(stats_max_value), "
            "bool_or(stats_min_value IS NULL AND num_values > coalesce(stats_null_count, 0)) "
            "FROM parquet_metadata(?) WHERE list_contains(?, path_in_schema) GROUP BY ALL",
            [list(by_name), list(columns)],
        )
        for file_name, column, low, high, unknown in rows:
            found[by_name[file_name]][column] = None if unknown else (low, high)
        return found

    def copy_to_parquet(self, name: str, path: Path, order_by: str | None = None) -> None:
        order = f" ORDER BY {order_by}" if order_by else ""
        self.copy_query_to_parquet(f"SELECT * FROM {quote_ident(name)}{order}", path)

    def copy_query_to_parquet(
        self,
        select_sql: str,
        path: Path,
        params: Params = None,
        *,
        row_group_size: int = DEFAULT_ROW_GROUP_SIZE,
    ) -> None:
        self.execute(_copy_sql(select_sql, path, row_group_size), params)

    def copy_queries_to_parquet(self, copies: Sequence[ParquetCopy], *, lanes: int = 1) -> None:
        """Write each query to its file, ``lanes`` at a time, in the order given (put the
        longest first). The queries must only read."""
        self.run_in_lanes(
            [functools.partial(_copy, copy=c) for c in copies],
            lanes=lanes,
        )

    def run_in_lanes(self, tasks: Sequence[Callable[[Engine], None]], *, lanes: int) -> None:
        """Run ``tasks`` (each given an engine to run its statements on), ``lanes`` at a
        time, each lane taking the next task in the order given (put the longest first).

        A statement over a table of ~100,000 rows keeps about one core busy (a scan runs
        one thread per 122,880-row group), so two lanes keep a 2-core machine busy. Each
        lane is its own connection to the same database, and the lanes share the engine's
        threads: tasks must not touch the same tables. With one lane (or one task) they
        run here, in order. The first error of a lane is raised once every lane has
        stopped; the others take no new task."""
        if lanes <= 1 or len(tasks) <= 1:
            for task in tasks:
                task(self)
            return
        pending = list(tasks)

        def lane() -> None:
            with self._con.cursor() as con:
                eng = self._lane(con)
                while pending:
                    try:
                        task = pending.pop(0)
                    except IndexError:  # another lane took the last one
                        return
                    try:
                        task(eng)
                    except BaseException:
                        pending.clear()
                        raise

        # The lanes share the engine's threads (a statement over ~100,000 rows gains little
        # from a second thread, which costs CPU a busy machine has not got).
        threads = self.thread_count()
        self.execute(f"SET threads = {max(1, threads // lanes)}")
        try:
            with ThreadPoolExecutor(max_workers=lanes) as pool:
                for done in [pool.submit(lane) for _ in range(lanes)]:
                    done.result()
        finally:
            self.execute(f"SET threads = {threads}")

    def start_beside(self, task: Callable[[Engine], None]) -> Callable[[], None]:
        """Start ``task`` on a lane of its own and return at once, so that the caller goes
        on with other statements (which must not touch the task's tables) while it runs,
        with one thread fewer. Returns ``wait``: it blocks until the task is done and
        raises its error; call it before the task's tables change or go and before the
        engine closes (a second call does nothing)."""
        threads = self.thread_count()
        self.execute(f"SET threads = {max(1, threads - 1)}")
        pool = ThreadPoolExecutor(max_workers=1)

        def run() -> None:
            with self._con.cursor() as con:
                task(self._lane(con))

        future = pool.submit(run)
        waited: list[bool] = []

        def wait() -> None:
            if waited:
                return
            waited.append(True)
            try:
                future.result()
            finally:
                pool.shutdown()
                self.execute(f"SET threads = {threads}")

        return wait

    def thread_count(self) -> int:
        """How many threads the engine may use (``threads``, TPMAP_DUCKDB_THREADS)."""
        return int(self.scalar("SELECT current_setting('threads')"))

    def _lane(self, con: duckdb.DuckDBPyConnection) -> DuckDBEngine:
        """An engine on another connection to this database, sharing its settings."""
        eng = DuckDBEngine.__new__(DuckDBEngine)
        eng._con = con
        eng._in_file = self._in_file
        eng._order = self._order
        if self._in_file:
            con.execute("USE build")
        return eng

    def copy_query_to_csv(self, select_sql: str, path: Path) -> None:
        self.execute(f"COPY ({select_sql}) TO {sql_literal(str(path))} (HEADER)")

    def view_parquet(self, name: str, path: Path) -> None:
        self.create_view(
            name, f"SELECT * FROM read_parquet({sql_literal(str(path))}, union_by_name = true)"
        )

    def load_parquet(self, name: str, path: Path) -> None:
        self.execute(
            f"CREATE OR REPLACE TABLE {quote_ident(name)} AS "
            f"SELECT * FROM read_parquet({sql_literal(str(path))})"
        )

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> DuckDBEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _OrderHolds:
    """The open ``ordered`` blocks of an engine and its lanes."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0


def _copy(eng: Engine, copy: ParquetCopy) -> None:
    eng.execute(_copy_sql(copy.select_sql, copy.path, copy.row_group_size), copy.params)


def _copy_sql(select_sql: str, path: Path, row_group_size: int) -> str:
    # Row groups of DuckDB's default size unless a table is read by point lookups; zstd
    # keeps a national version small.
    return (
        f"COPY ({select_sql}) TO {sql_literal(str(path))} "
        f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {int(row_group_size)})"
    )


def connect(
    database: Path | None = None,
    *,
    memory_limit: str | None = None,
    threads: int | None = None,
    temp_directory: Path | None = None,
    read_only: bool = False,
    build_file: Path | None = None,
    reader: bool = False,
) -> DuckDBEngine:
    """An engine with the project's settings (the only engine today is DuckDB).
    ``build_file``: a build's tables are kept in this database file (see use_build_file).
    ``reader``: settings for reading a published, immutable version (footers parsed once,
    no join reordering; see DuckDBEngine)."""
    eng = DuckDBEngine(
        database,
        memory_limit=memory_limit,
        threads=threads,
        temp_directory=temp_directory,
        read_only=read_only,
        reader=reader,
    )
    if build_file is not None:
        eng.use_build_file(build_file)
    return eng
