"""The six source files of CONTRACTS.md section 1: column lists, Arrow schemas and chunked
writers (Parquet row groups appended with ParquetWriter, CSV written with pyarrow.csv).

Every column is text (the contract's Parquet may hold strings), so injected bad values fit
any column. Low-cardinality columns are dictionary-encoded in memory and in Parquet, which
keeps the national run fast and small; DuckDB reads them as VARCHAR.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from numpy.typing import NDArray

from tpmap.warehouse.build import sources as contract

SOURCES: tuple[str, ...] = (
    "bmn_household",
    "bmn_person",
    "welfare_card",
    "allowance",
    "disability",
    "health_coverage",
    "farmer_registry",
)
IND_COLUMNS: tuple[str, ...] = contract.IND_COLUMNS
# The contract's columns, from the one place that defines them.
COLUMNS: dict[str, tuple[str, ...]] = {name: contract.by_name(name).columns for name in SOURCES}
PLAIN: dict[str, frozenset[str]] = {
    "bmn_household": frozenset(
        {"household_id", "income_total", "debt_formal", "debt_informal", "savings",
         "latitude", "longitude"}
    ),
    "bmn_person": frozenset({"household_id", "nid", "birth_date", "income_year"}),
    "welfare_card": frozenset({"nid"}),
    "allowance": frozenset({"nid"}),
    "disability": frozenset({"nid", "card_issued_on"}),
    "health_coverage": frozenset({"nid"}),
    "farmer_registry": frozenset({"nid", "registered_on", "farm_area_rai"}),
}  # fmt: skip
DICT = pa.dictionary(pa.int32(), pa.string())


def schema(source: str) -> pa.Schema:
    plain = PLAIN[source]
    return pa.schema([(c, pa.string() if c in plain else DICT) for c in COLUMNS[source]])


def text_schema(source: str) -> pa.Schema:
    return pa.schema([(c, pa.string()) for c in COLUMNS[source]])


# ---- array builders -------------------------------------------------------------------


def coded(indices: NDArray[np.integer], values: tuple[str, ...] | list[str] | pa.Array) -> pa.Array:
    """A dictionary column from integer codes (negative = null) into ``values``."""
    idx = np.asarray(indices)
    dictionary = values if isinstance(values, pa.Array) else pa.array(list(values), pa.string())
    uniq = pc.unique(dictionary)
    if len(uniq) != len(dictionary):
        # Parquet output of a dictionary with repeated values is not byte-stable: map the
        # codes onto the distinct values first.
        remap = np.asarray(pc.index_in(dictionary, value_set=uniq), dtype=np.int64)
        idx = np.where(idx < 0, idx, remap[np.maximum(idx, 0)])
        dictionary = uniq
    mask = idx < 0
    return pa.DictionaryArray.from_arrays(
        pa.array(np.where(mask, 0, idx).astype(np.int32), mask=mask if mask.any() else None),
        dictionary,
    )


def const(value: str, n: int) -> pa.Array:
    return pa.DictionaryArray.from_arrays(
        pa.array(np.zeros(n, dtype=np.int32)), pa.array([value], pa.string())
    )


def numbers(values: NDArray[np.integer], null: NDArray[np.bool_] | None = None) -> pa.Array:
    """Integers as text; ``null`` marks empty cells."""
    arr = pa.array(np.asarray(values, dtype=np.int64), mask=null)
    return arr.cast(pa.string())


def small_numbers(values: NDArray[np.integer], null: NDArray[np.bool_] | None = None) -> pa.Array:
    """Integers with few distinct values (ages, amounts) as a dictionary column."""
    v = np.asarray(values, dtype=np.int64)
    lo = int(v.min()) if v.size else 0
    hi = int(v.max()) if v.size else 0
    idx = v - lo
    if null is not None:
        idx = np.where(null, -1, idx)
    return coded(idx, [str(x) for x in range(lo, hi + 1)])


def dates(values: NDArray[np.datetime64], null: NDArray[np.bool_] | None = None) -> pa.Array:
    days = values.astype("datetime64[D]").astype(np.int64).astype(np.int32)
    return pa.array(days, type=pa.int32(), mask=null).cast(pa.date32()).cast(pa.string())


def floats(values: NDArray[np.floating]) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.float64)).cast(pa.string())


def table(source: str, columns: dict[str, pa.Array]) -> pa.Table:
    sch = schema(source)
    arrays = []
    for f in sch:
        a = columns[f.name]
        if a.type != f.type:
            a = a.cast(f.type)
        arrays.append(a)
    return pa.Table.from_arrays(arrays, schema=sch)


# ---- writers --------------------------------------------------------------------------


class SourceWriter:
    """Appends chunks of one source to ``<dir>/<source>.csv`` or ``.parquet``."""

    def __init__(self, directory: Path, source: str, fmt: Literal["csv", "parquet"]) -> None:
        self.source = source
        self.fmt = fmt
        self.path = directory / f"{source}.{fmt}"
        self.rows = 0
        self._parquet: pq.ParquetWriter | None = None
        self._csv: pacsv.CSVWriter | None = None
        if fmt == "parquet":
            self._parquet = pq.ParquetWriter(
                self.path,
                schema(source),
                compression="snappy",
                use_dictionary=sorted(set(COLUMNS[source]) - PLAIN[source]),
                write_statistics=False,
            )
        else:
            self._csv = pacsv.CSVWriter(
                self.path,
                text_schema(source),
                write_options=pacsv.WriteOptions(include_header=True, quoting_style="none"),
            )

    def write(self, t: pa.Table) -> None:
        if t.num_rows == 0:
            return
        self.rows += t.num_rows
        if self._parquet is not None:
            self._parquet.write_table(t, row_group_size=1 << 20)
        elif self._csv is not None:
            self._csv.write_table(t.cast(text_schema(self.source)))

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._csv is not None:
            self._csv.close()
