"""A small Thai PDF writer every app can use: headings, wrapped paragraphs and ruled
tables in Sarabun (OFL, the ``fontpkg-sarabun`` package) with HarfBuzz shaping, so Thai
vowel and tone marks sit where they belong. A table's header row repeats on each page."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

LINE_H = 5.0  # mm per text line of a table cell
PAD = 1.0  # mm of horizontal padding inside a cell


def thai_font(bold: bool = False) -> Path:
    name = "Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf"
    return Path(str(resources.files("fontpkg_sarabun") / "files" / name))


def _cut(text: str, at: int) -> int:
    """A cut point at or before ``at`` that does not split a Thai vowel or tone mark from
    its consonant."""
    while at > 1 and unicodedata.category(text[at]) in ("Mn", "Mc"):
        at -= 1
    return at


def wrap(pdf: Any, text: str, width: float) -> list[str]:
    """The lines of ``text`` in ``width`` mm: greedy breaks at spaces, a longer run (Thai
    writes words without spaces) cut by characters."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if pdf.get_string_width(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while pdf.get_string_width(line) > width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and pdf.get_string_width(line[:cut]) > width:
                    cut -= 1
                cut = _cut(line, cut)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


class ThaiPdf:
    """``doc = ThaiPdf(); doc.heading(...); doc.paragraph(...); doc.table(...); doc.output()``"""

    def __init__(self, *, landscape: bool = True) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(orientation="landscape" if landscape else "portrait", format="A4")
        self.pdf.set_auto_page_break(auto=False)
        self.pdf.add_font("Sarabun", "", str(thai_font()))
        self.pdf.add_font("Sarabun", "B", str(thai_font(bold=True)))
        self.pdf.set_text_shaping(True)
        self.pdf.set_margins(10, 10, 10)
        self.pdf.add_page()
        self.bottom = self.pdf.h - 12
        self.usable = self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def _room(self, height: float) -> None:
        if self.pdf.get_y() + height > self.bottom:
            self.pdf.add_page()

    def heading(self, text: str, size: int = 14) -> None:
        self._room(8)
        self.pdf.set_font("Sarabun", "B", size)
        self.pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text: str, size: int = 10) -> None:
        self.pdf.set_font("Sarabun", "", size)
        for line in wrap(self.pdf, text, self.usable):
            self._room(6)
            self.pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")

    def space(self, mm: float = 2) -> None:
        self.pdf.ln(mm)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float] = (),
        bold_last: bool = False,
    ) -> None:
        n = len(headers)
        weights = list(widths) if len(widths) == n else [1.0] * n
        cols = [self.usable * w / sum(weights) for w in weights]

        def draw(cells: Sequence[Any], bold: bool, header: bool = False) -> None:
            self.pdf.set_font("Sarabun", "B" if bold else "", 9)
            wrapped = [
                wrap(self.pdf, "" if v is None else str(v), w - 2 * PAD)
                for v, w in zip(cells, cols, strict=True)
            ]
            height = LINE_H * max(len(lines) for lines in wrapped)
            if self.pdf.get_y() + height > self.bottom:
                self.pdf.add_page()
                if not header:
                    draw(headers, True, header=True)
                    self.pdf.set_font("Sarabun", "B" if bold else "", 9)
            x, y = self.pdf.l_margin, self.pdf.get_y()
            for lines, w in zip(wrapped, cols, strict=True):
                self.pdf.rect(x, y, w, height)
                for i, text in enumerate(lines):
                    self.pdf.set_xy(x + PAD, y + i * LINE_H)
                    self.pdf.cell(w - 2 * PAD, LINE_H, text)
                x += w
            self.pdf.set_xy(self.pdf.l_margin, y + height)

        draw(headers, True, header=True)
        for i, row in enumerate(rows):
            draw(row, bold_last and i == len(rows) - 1)
        self.space()

    def output(self) -> bytes:
        return bytes(self.pdf.output())
