"""Write tiny source folders from inline rows, for pipeline tests."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from tpmap.core.indicators import indicator_count
from tpmap.warehouse.build.sources import SOURCES, by_name


def write_source(
    year_dir: Path, name: str, rows: list[dict[str, Any]], columns: list[str] | None = None
) -> Path:
    year_dir.mkdir(parents=True, exist_ok=True)
    cols = columns or [
        c
        for c in by_name(name).columns
        if any(c in r for r in rows) or c in by_name(name).header_required
    ]
    path = year_dir / f"{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        for r in rows:
            w.writerow({c: "" if r.get(c) is None else r[c] for c in cols})
    return path


def household(
    household_id: str,
    village_code: str,
    questionnaire: str = "2560",
    fails: tuple[int, ...] = (),
    na: tuple[int, ...] = (),
    **extra: Any,
) -> dict[str, Any]:
    """A household row passing every indicator of its questionnaire except ``fails``
    (value 0) and ``na`` (empty = not applicable)."""
    count = indicator_count(questionnaire)
    row: dict[str, Any] = {
        "household_id": household_id,
        "village_code": village_code,
        "questionnaire": questionnaire,
        "income_total": 100000,
    }
    for i in range(1, 39):
        col = f"ind_{i:02d}"
        row[col] = None if i > count or i in na else (0 if i in fails else 1)
    row.update(extra)
    return row


ALL_HOUSEHOLD_COLUMNS = list(by_name("bmn_household").columns)
__all__ = ["ALL_HOUSEHOLD_COLUMNS", "SOURCES", "household", "write_source"]


def af_as_built(*failed: int) -> float:
    """A household's Alkire-Foster score c exactly as the build sums it: the double weights
    of its failed MPI indicators added in MPI number order (so a test compares the double
    itself, not a rounding of it)."""
    from tpmap.core.indicators import default_mpi_mapping

    mapping = default_mpi_mapping("2560")  # the weights are the same in every year
    c = 0.0
    for no in mapping.indicators:
        if no in failed:
            c += float(mapping.weight(no))
    return c
