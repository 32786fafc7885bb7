"""The engine's parallel Parquet writes (Engine.copy_queries_to_parquet)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tpmap.warehouse.engine import EngineError, ParquetCopy, connect


def test_two_lanes_write_every_file_with_its_rows_and_order(tmp_path: Path) -> None:
    with connect() as eng:
        eng.create_table("t", "SELECT range AS n FROM range(50000)")
        copies = [
            ParquetCopy(
                f"SELECT n FROM t WHERE n % 5 = {k} ORDER BY n DESC", tmp_path / f"{k}.parquet"
            )
            for k in range(5)
        ]
        copies.append(
            ParquetCopy("SELECT $year AS year", tmp_path / "year.parquet", {"year": 2566})
        )
        eng.copy_queries_to_parquet(copies, lanes=2)
        for k in range(5):
            rows = eng.fetchall(f"SELECT n FROM read_parquet('{tmp_path / f'{k}.parquet'}')")
            assert [r[0] for r in rows] == list(range(49995 + k, -1, -5))
        assert eng.fetchall(f"SELECT year FROM read_parquet('{tmp_path / 'year.parquet'}')") == [
            (2566,)
        ]


def test_a_failing_write_in_a_lane_raises_the_engine_error(tmp_path: Path) -> None:
    with connect() as eng:
        eng.create_table("t", "SELECT range AS n FROM range(10)")
        copies = [
            ParquetCopy("SELECT n FROM t", tmp_path / "ok.parquet"),
            ParquetCopy("SELECT n FROM missing_table", tmp_path / "bad.parquet"),
        ]
        with pytest.raises(EngineError, match="missing_table"):
            eng.copy_queries_to_parquet(copies, lanes=2)


def test_the_statement_trace_logs_each_statement_with_its_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from tpmap.warehouse import engine

    log = tmp_path / "trace.jsonl"
    monkeypatch.setattr(engine, "_TRACE", engine._Trace(str(log)))
    with connect(None) as eng:
        eng.run_script("CREATE TABLE t AS SELECT 1 AS x;\nSELECT   count(*)\n FROM t;")
        assert eng.scalar("SELECT x FROM t WHERE x = ?", [1]) == 1
        # A NID written into a statement (none is: values are bound) is logged masked.
        eng.execute("SELECT '3 1005 01234 19 9' AS typed")
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    # The two statements of the script one by one, whitespace folded; then the bound query
    # as written, never its parameters; then the masked one.
    assert [line["sql"] for line in lines][-4:] == [
        "CREATE TABLE t AS SELECT 1 AS x;",
        "SELECT count(*) FROM t;",
        "SELECT x FROM t WHERE x = ?",
        "SELECT 'x-xxxx-xxxxx-41-99' AS typed",  # 3100501234199: last 4 are 4199
    ]
    assert {line["thread"] for line in lines} == {"MainThread"}
    assert "1005" not in log.read_text()


def test_an_unset_trace_costs_one_shared_no_op() -> None:
    from tpmap.warehouse import engine

    off = engine._Trace(None)
    assert off.timed("SELECT 1") is off.timed("SELECT 2")


def test_a_build_file_holds_the_tables_and_its_lanes_see_them(tmp_path: Path) -> None:
    """A big build keeps its tables in a database file (created with its folder); a table
    made on the engine is in that file, folded in from the write-ahead log at once (a plain
    statement leaves it in the log), and a lane reads it."""
    path = tmp_path / "_tmp" / "build.duckdb"
    wal = path.with_name("build.duckdb.wal")
    with connect(temp_directory=tmp_path / "_tmp", build_file=path) as eng:
        eng.execute("CREATE TABLE logged AS SELECT 1 AS n")
        assert wal.exists()
        eng.create_table("t", "SELECT range AS n FROM range(1000)")
        assert not wal.exists()
        where = eng.fetchall(
            "SELECT database_name, estimated_size FROM duckdb_tables() WHERE table_name = 't'"
        )
        seen: list[int] = []
        eng.run_in_lanes(
            [lambda lane: seen.append(lane.scalar("SELECT sum(n) FROM t"))] * 2, lanes=2
        )
    assert where == [("build", 1000)]
    assert seen == [499500, 499500]
    assert path.stat().st_size > 0
