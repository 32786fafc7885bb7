"""The one class that talks to DuckDB. Nothing else calls ``duckdb.connect``."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

Params = Sequence[Any] | dict[str, Any] | None


def quote_ident(name: str) -> str:
    """Escape an identifier for DuckDB: the only way a name enters SQL text."""
    return '"' + name.replace('"', '""') + '"'


def sql_literal(value: str) -> str:
    """Escape a constant string from our own code (enumerations, reason codes) as SQL text.

    User-supplied values are bound as parameters instead."""
    return "'" + value.replace("'", "''") + "'"


def load_sql(name: str) -> str:
    """A SQL file from ``tpmap/warehouse/sql/``."""
    return (resources.files("tpmap.warehouse") / "sql" / name).read_text(encoding="utf-8")


class Engine:
    """A DuckDB connection with the project's settings.

    ``database`` is a file path for builds (so large tables spill to disk) or None for an
    in-memory reader over Parquet files."""

    def __init__(
        self,
        database: Path | None = None,
        *,
        memory_limit: str | None = None,
        threads: int | None = None,
        temp_directory: Path | None = None,
        read_only: bool = False,
    ) -> None:
        self._con = duckdb.connect(str(database) if database else ":memory:", read_only=read_only)
        self._compressed = False
        memory_limit = memory_limit or os.environ.get("TPMAP_DUCKDB_MEMORY", "6GB")
        self.execute(f"SET memory_limit = {sql_literal(memory_limit)}")
        if threads or os.environ.get("TPMAP_DUCKDB_THREADS"):
            self.execute(f"SET threads = {int(threads or os.environ['TPMAP_DUCKDB_THREADS'])}")
        if temp_directory is not None:
            temp_directory.mkdir(parents=True, exist_ok=True)
            self.execute(f"SET temp_directory = {sql_literal(str(temp_directory))}")
        # Keeping insertion order costs memory on big joins; only numbering CSV rows needs it
        # (see Engine.ordered).
        self.execute("SET preserve_insertion_order = false")

    @contextlib.contextmanager
    def ordered(self) -> Iterator[None]:
        """Preserve insertion order inside the block (row_number() OVER () = file order)."""
        self.execute("SET preserve_insertion_order = true")
        try:
            yield
        finally:
            self.execute("SET preserve_insertion_order = false")

    def use_compressed_memory(self) -> None:
        """Keep tables in a compressed in-memory database: a build's tables then take a
        fraction of the memory (and of the spill to the temp directory) at the cost of
        compressing each table once, at a checkpoint after it is created."""
        self.execute("ATTACH ':memory:' AS build (COMPRESS)")
        self.execute("USE build")
        self._compressed = True

    def execute(self, sql: str, params: Params = None) -> duckdb.DuckDBPyConnection:
        if isinstance(params, dict):
            # Bind the named parameters the statement uses (DuckDB refuses extra ones), so a
            # step can be given the build's common parameters whether it needs them or not.
            params = {k: v for k, v in params.items() if f"${k}" in sql} or None
        return self._con.execute(sql, params) if params is not None else self._con.execute(sql)

    def run_script(self, sql: str, params: dict[str, Any] | None = None) -> None:
        """Run every statement of a SQL file, binding to each the named parameters it uses."""
        for statement in self._con.extract_statements(sql):
            names = statement.named_parameters
            if names:
                self._con.execute(
                    statement, {k: v for k, v in (params or {}).items() if k in names}
                )
            else:
                self._con.execute(statement)
        if self._compressed:
            self.execute("CHECKPOINT build")

    def register_arrow(self, name: str, table: Any) -> None:
        """Expose an in-memory Arrow table to SQL under ``name``."""
        self._con.register(name, table)

    def unregister(self, name: str) -> None:
        self._con.unregister(name)

    def fetchall(self, sql: str, params: Params = None) -> list[tuple[Any, ...]]:
        return self.execute(sql, params).fetchall()

    def fetchone(self, sql: str, params: Params = None) -> tuple[Any, ...] | None:
        return self.execute(sql, params).fetchone()

    def fetchdicts(self, sql: str, params: Params = None) -> list[dict[str, Any]]:
        cur = self.execute(sql, params)
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

    def columns(self, relation_sql: str, params: Params = None) -> list[str]:
        """Column names of a relation expression such as ``read_csv(?)``."""
        return [r[0] for r in self.fetchall(f"DESCRIBE SELECT * FROM {relation_sql}", params)]

    def create_table(self, name: str, select_sql: str, params: Params = None) -> None:
        self.execute(f"CREATE OR REPLACE TABLE {quote_ident(name)} AS {select_sql}", params)
        if self._compressed:
            self.execute("CHECKPOINT build")

    def drop(self, name: str) -> None:
        self.execute(f"DROP TABLE IF EXISTS {quote_ident(name)}")

    def count(self, name: str) -> int:
        return int(self.scalar(f"SELECT count(*) FROM {quote_ident(name)}"))

    def copy_to_parquet(self, name: str, path: Path, order_by: str | None = None) -> None:
        order = f" ORDER BY {order_by}" if order_by else ""
        self.execute(
            f"COPY (SELECT * FROM {quote_ident(name)}{order}) TO {sql_literal(str(path))} "
            "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)"
        )

    def view_parquet(self, name: str, path: Path) -> None:
        self.execute(
            f"CREATE OR REPLACE VIEW {quote_ident(name)} AS "
            f"SELECT * FROM read_parquet({sql_literal(str(path))}, union_by_name = true)"
        )

    def load_parquet(self, name: str, path: Path) -> None:
        self.execute(
            f"CREATE OR REPLACE TABLE {quote_ident(name)} AS "
            f"SELECT * FROM read_parquet({sql_literal(str(path))})"
        )

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
