"""A pivot table of counts (F25) and its CSV and XLSX files, shared by the officers' pivot
(tpmap.dashboard.analytics) and the public one (tpmap.portal.pivot).

Facts are grouped by a row attribute and a column attribute and a measure is summed. A
cell may be hidden (None: a published count suppressed by the disclosure rule): a total
that would add a hidden cell is hidden too, so no hidden count can be given back by
subtraction. A total over an attribute that is not additive (a household deprived in
several MPI dimensions is counted in each) is not shown."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse

from tpmap.site import xlsx

# The files a pivot is downloaded as.
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ALL = ""  # the key of the one column (or row) when the pivot has no column attribute


@dataclass(frozen=True)
class Axis:
    """Rows or columns: the attribute's label and its keys with their labels, in order."""

    label: str
    keys: list[tuple[str, str]]
    additive: bool = True


@dataclass
class Pivot:
    rows: Axis
    columns: Axis
    measure: str
    cells: dict[tuple[str, str], int | None] = field(default_factory=dict)
    # Totals counted apart (distinct households: a sum would count a household twice).
    row_totals: dict[str, int | None] | None = None
    column_totals: dict[str, int | None] | None = None
    grand_total: int | None = None

    def cell(self, row: str, column: str) -> int | None:
        return self.cells.get((row, column), 0)

    @staticmethod
    def _sum(values: Iterable[int | None]) -> int | None:
        total = 0
        for v in values:
            if v is None:
                return None
            total += v
        return total

    def _line_total(
        self,
        apart: dict[str, int | None] | None,
        key: str,
        across: Axis,
        cell: Callable[[str], int | None],
    ) -> int | None:
        """A row's or a column's total: the one counted apart when the pivot has them, else
        the sum of its cells ``across`` the other axis (None when that is not additive)."""
        if apart is not None:
            return apart.get(key, 0)
        if not across.additive:
            return None
        return self._sum(cell(k) for k, _l in across.keys)

    def row_total(self, row: str) -> int | None:
        return self._line_total(self.row_totals, row, self.columns, lambda c: self.cell(row, c))

    def column_total(self, column: str) -> int | None:
        return self._line_total(
            self.column_totals, column, self.rows, lambda r: self.cell(r, column)
        )

    @property
    def total(self) -> int | None:
        if self.row_totals is not None:
            return self.grand_total
        if not (self.rows.additive and self.columns.additive):
            return None
        return self._sum(
            self.cells.get((r, c), 0) for r, _ in self.rows.keys for c, _ in self.columns.keys
        )

    @property
    def has_row_totals(self) -> bool:
        return self.columns.additive and len(self.columns.keys) > 1

    @property
    def has_column_totals(self) -> bool:
        return self.rows.additive and len(self.rows.keys) > 1

    def grid(self) -> list[tuple[str, str, list[int | None], int | None]]:
        """(row key, row label, cells in column order, row total) for a template."""
        return [
            (r, label, [self.cell(r, c) for c, _l in self.columns.keys], self.row_total(r))
            for r, label in self.rows.keys
        ]

    def totals(self) -> list[int | None]:
        return [self.column_total(c) for c, _l in self.columns.keys]

    def table(self, *, hidden: str = "*", total_label: str = "รวม") -> list[list[Any]]:
        """The pivot as rows of a file: a header, the rows, and the totals where shown."""
        corner = f"{self.rows.label} \\ {self.columns.label}" if self.columns.keys else ""
        header: list[Any] = [corner, *(label for _k, label in self.columns.keys)]
        if self.has_row_totals:
            header.append(total_label)

        def show(v: int | None) -> Any:
            return hidden if v is None else v

        out: list[list[Any]] = [header]
        for _key, label, cells, total in self.grid():
            line = [label, *(show(v) for v in cells)]
            if self.has_row_totals:
                line.append(show(total))
            out.append(line)
        if self.has_column_totals:
            line = [total_label, *(show(v) for v in self.totals())]
            if self.has_row_totals:
                line.append(show(self.total))
            out.append(line)
        return out


def build(
    facts: Iterable[tuple[str, str, int | None]], rows: Axis, columns: Axis, measure: str
) -> Pivot:
    """A pivot of (row key, column key, value) facts; facts with the same keys are added
    (a hidden one hides their sum). Keys outside the axes are left out."""
    wanted_rows = {k for k, _l in rows.keys}
    wanted_cols = {k for k, _l in columns.keys}
    p = Pivot(rows=rows, columns=columns, measure=measure)
    for r, c, v in facts:
        if r not in wanted_rows or c not in wanted_cols:
            continue
        before = p.cells.get((r, c), 0)
        p.cells[(r, c)] = None if v is None or before is None else before + v
    return p


def _safe_csv(value: Any) -> Any:
    """A text that a spreadsheet would read as a formula is quoted as text."""
    if isinstance(value, str) and xlsx.looks_like_formula(value):
        return "'" + value
    return value


def to_csv(p: Pivot, *, title: str) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([_safe_csv(title)])
    w.writerow([_safe_csv(p.measure)])
    for line in p.table():
        w.writerow([_safe_csv(v) for v in line])
    # UTF-8 with a BOM, so spreadsheet programs open the Thai names correctly.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(p: Pivot, *, title: str) -> bytes:

    wb, ws = xlsx.workbook("pivot")
    xlsx.row(ws, [title])
    xlsx.row(ws, [p.measure])
    for line in p.table():
        xlsx.row(ws, line)
    return xlsx.to_bytes(wb)


def download(p: Pivot, *, title: str, fmt: str, name: str) -> HttpResponse:
    """The pivot as a file to save: ``fmt`` one of ``CONTENT_TYPES``, named ``name.fmt``."""
    body = to_xlsx(p, title=title) if fmt == "xlsx" else to_csv(p, title=title)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
