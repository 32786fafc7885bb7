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
