"""The small part of drawing a Thai PDF every app shares: an A4 fpdf2 document with
Sarabun loaded (regular and bold, from the ``fontpkg-sarabun`` package, OFL) and Thai
shaping on, and the wrapping of a text into the lines of a cell. The official reports
(dashboard) and the household development plan (logbook) draw their pages with it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

FONT = "Sarabun"


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


def wrap(pdf: Any, text: str, width: float) -> list[str]:
    """The lines of ``text`` in ``width`` mm with the current font: each paragraph whole
    when it fits, else broken greedily at spaces; a word longer than the width is cut by
    characters. Thai writes no spaces between words, so long Thai text is cut by width."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(_wrap_line(pdf, paragraph, width))
    return lines


def _wrap_line(pdf: Any, text: str, width: float) -> list[str]:
    if pdf.get_string_width(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
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
            while cut > 1 and _is_mark(line[cut]):
                cut -= 1  # never start a line with a Thai vowel or tone mark
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def _is_mark(ch: str) -> bool:
    """A Thai mark written above or below its consonant (it cannot start a line)."""
    return ch == "\u0e31" or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"
