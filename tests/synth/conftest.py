from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tpmap.synth import generate

PROVINCES = ["10", "34", "75", "96"]


class Generated:
    """One generated sources folder and helpers to query its files with DuckDB."""

    def __init__(self, root: Path, year: int, fmt: str) -> None:
        self.root = root
        self.year = year
        self.fmt = fmt
        self.dir = root / str(year)
        self.manifest: dict[str, Any] = json.loads(
            (self.dir / "synth_manifest.json").read_text(encoding="utf-8")
        )

    def path(self, source: str) -> Path:
        return self.dir / f"{source}.{self.fmt}"

    def rel(self, source: str) -> str:
        p = self.path(source).as_posix()
        if self.fmt == "csv":
            return f"read_csv('{p}', all_varchar=true, header=true)"
        return f"read_parquet('{p}')"

    def sql(self, query: str) -> list[tuple[Any, ...]]:
        con = duckdb.connect()
        try:
            return con.execute(query).fetchall()
        finally:
            con.close()

    def one(self, query: str) -> Any:
        return self.sql(query)[0][0]


def _make(
    tmp: Path, year: int, fmt: str, households: int, dirty: float, seed: int = 7
) -> Generated:
    generate(
        tmp, year=year, households=households, seed=seed, provinces=PROVINCES, dirty=dirty,
        fmt=fmt,  # type: ignore[arg-type]
    )  # fmt: skip
    return Generated(tmp, year, fmt)


@pytest.fixture(scope="session")
def clean_2562(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return _make(tmp_path_factory.mktemp("clean"), 2562, "csv", 3000, 0.0)


@pytest.fixture(scope="session")
def clean_2566(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return _make(tmp_path_factory.mktemp("clean66"), 2566, "parquet", 3000, 0.0)


@pytest.fixture(scope="session")
def dirty_2562(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return _make(tmp_path_factory.mktemp("dirty"), 2562, "csv", 2000, 0.02)


@pytest.fixture(scope="session")
def dirty_2566(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return _make(tmp_path_factory.mktemp("dirty66"), 2566, "parquet", 2000, 0.02)
