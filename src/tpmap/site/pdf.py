"""The one Thai PDF writer every app shares: an A4 fpdf2 document with Sarabun loaded
(regular and bold, from the ``fontpkg-sarabun`` package, OFL) and HarfBuzz shaping on, the
wrapping of a text into the lines of a cell (between Thai words, never inside one), and
``ThaiPdf``: headings, paragraphs and ruled tables whose header row repeats on each page.
The official reports (dashboard), the committees' consolidated reports and the household
development plan (logbook) draw their pages with it."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

FONT = "Sarabun"
LINE_H = 5.0  # mm per text line of a table cell
PAD = 1.0  # mm of horizontal padding inside a cell


def sarabun(weight: str = "Regular") -> Path:
    """A Sarabun font file (``Regular`` or ``Bold``)."""
    return Path(str(resources.files("fontpkg_sarabun") / "files" / f"Sarabun-{weight}.ttf"))


def thai_pdf(*, landscape: bool = False, margin: float = 10) -> Any:
    """A new A4 document with one page, Sarabun 10 pt selected, no automatic page break
    (the caller decides where a page ends)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape" if landscape else "portrait", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_font(FONT, "", str(sarabun()))
    pdf.add_font(FONT, "B", str(sarabun("Bold")))
    # HarfBuzz shaping (uharfbuzz) places Thai vowel and tone marks; without it they stack.
    pdf.set_text_shaping(True)
    pdf.set_margins(margin, margin, margin)
    pdf.add_page()
    pdf.set_font(FONT, "", 10)
    return pdf


def words(text: str) -> list[str]:
    """``text`` cut where a line may break: Thai has no spaces between words, so its words
    come from PyThaiNLP's dictionary segmentation (newmm); spaces stay with the word before
    them. Joined again they give ``text``."""
    if text.isascii():
        parts = text.split(" ")
        return [p + " " for p in parts[:-1]] + parts[-1:]
    from pythainlp.tokenize import word_tokenize

    out: list[str] = []
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if token.isspace() and out:
            out[-1] += token
        else:
            out.append(token)
    return out


def _cut(text: str, at: int) -> int:
    """A cut point at or before ``at`` that does not split a Thai vowel or tone mark from
    its consonant."""
    while at > 1 and unicodedata.category(text[at]) in ("Mn", "Mc"):
        at -= 1
    return at


def wrap(pdf: Any, text: str, width: float) -> list[str]:
    """The lines of ``text`` in ``width`` mm with the current font, paragraph by paragraph:
    the whole paragraph when it fits (one measurement, the common case), else greedy breaks
    between words (Thai words from :func:`words`, so a Thai header never breaks inside a
    word); a word longer than the width is cut by characters, never before a mark."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(_wrap_paragraph(pdf, paragraph, width))
    return lines


def _wrap_paragraph(pdf: Any, text: str, width: float) -> list[str]:
    if pdf.get_string_width(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in words(text):
        candidate = line + word
        if pdf.get_string_width(candidate.rstrip()) <= width:
            line = candidate
            continue
        if line:
            lines.append(line.rstrip())
        line = word
        while pdf.get_string_width(line.rstrip()) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and pdf.get_string_width(line[:cut]) > width:
                cut -= 1
            cut = _cut(line, cut)
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


class ThaiPdf:
    """``doc = ThaiPdf(); doc.heading(...); doc.paragraph(...); doc.table(...); doc.output()``

    Tables are drawn cell by cell: a cell's text is measured once and wrapped only when it
    does not fit (fpdf2's own table measures every character, ~25x slower on long lists),
    and cells of digits or Latin text skip shaping."""

    def __init__(self, *, landscape: bool = True) -> None:
        self.pdf = thai_pdf(landscape=landscape)
        self.bottom = self.pdf.h - 12
        self.usable = self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def _room(self, height: float) -> None:
        if self.pdf.get_y() + height > self.bottom:
            self.pdf.add_page()

    def heading(self, text: str, size: int = 14) -> None:
        self._room(8)
        self.pdf.set_text_shaping(True)
        self.pdf.set_font(FONT, "B", size)
        self.pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text: str, size: int = 10) -> None:
        self.pdf.set_text_shaping(True)
        self.pdf.set_font(FONT, "", size)
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
        """A ruled table filling the page's width (``widths`` are relative weights); the
        header row repeats at the top of each new page; ``bold_last``: a totals row."""
        n = len(headers)
        weights = list(widths) if len(widths) == n else [1.0] * n
        cols = [self.usable * w / sum(weights) for w in weights]
        pdf = self.pdf

        def draw(cells: Sequence[Any], bold: bool, header: bool = False) -> None:
            pdf.set_font(FONT, "B" if bold else "", 9)
            wrapped = []
            for v, w in zip(cells, cols, strict=True):
                text = "" if v is None else str(v)
                pdf.set_text_shaping(not text.isascii())  # digits and Latin need none
                wrapped.append(wrap(pdf, text, w - 2 * PAD))
            height = LINE_H * max(len(lines) for lines in wrapped)
            if pdf.get_y() + height > self.bottom:
                pdf.add_page()
                if not header:
                    draw(headers, True, header=True)
                    pdf.set_font(FONT, "B" if bold else "", 9)
            x, y = pdf.l_margin, pdf.get_y()
            for lines, w in zip(wrapped, cols, strict=True):
                pdf.rect(x, y, w, height)
                pdf.set_text_shaping(not all(text.isascii() for text in lines))
                for i, text in enumerate(lines):
                    pdf.set_xy(x + PAD, y + i * LINE_H)
                    pdf.cell(w - 2 * PAD, LINE_H, text)
                x += w
            pdf.set_xy(pdf.l_margin, y + height)

        draw(headers, True, header=True)
        for i, row in enumerate(rows):
            draw(row, bold_last and i == len(rows) - 1)
        self.space()

    def output(self) -> bytes:
        return bytes(self.pdf.output())
