"""The warehouse's roles stay apart: readers (and so every web process) never load the
build, and only the engine module talks to DuckDB."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).parents[2] / "src" / "tpmap"
READERS = ["tpmap.warehouse.layout", "tpmap.warehouse.read"]


def test_reading_a_warehouse_never_imports_the_build() -> None:
    modules = [p.stem for p in (SRC / "warehouse" / "read").glob("*.py") if p.stem != "__init__"]
    imports = "; ".join(
        f"import {m}" for m in [*READERS, *(f"tpmap.warehouse.read.{m}" for m in modules)]
    )
    code = (
        f"{imports}; import sys; "
        "print(sorted(m for m in sys.modules if m.startswith('tpmap.warehouse.build')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_only_the_engine_imports_duckdb() -> None:
    importers = sorted(
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if "import duckdb" in p.read_text(encoding="utf-8")
    )
    assert importers == ["warehouse/engine.py"]


def test_the_build_command_imports_neither_pyarrow_nor_numpy() -> None:
    """Start-up is part of every build's time: the command line and the build load neither
    (importing them took ~0.2 s of a 100,000-household build of ~8 s)."""
    code = (
        "import tpmap.cli, tpmap.warehouse.build.pipeline, tpmap.warehouse.build.report; "
        "import sys; print(sorted(m for m in ('pyarrow', 'numpy', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
