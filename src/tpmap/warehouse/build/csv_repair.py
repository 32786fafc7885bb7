"""A readable copy of a CSV source the engine could not read as it is: a Windows-874
(TIS-620) file, a stray byte that is not UTF-8, a line too long for any real row, a row with
more fields than the header.

The engine reads sources fast and strictly; when it refuses one, the build writes this copy
(UTF-8, one record per source record, so row numbers stay those of the file) with an extra
column ``_source_error`` naming what was wrong with a record, and the row checks reject
those records with that reason instead of the whole build stopping. Plain Python, no
engine: it runs only for the rare file that needs it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

#: Reason codes written to ``_source_error`` (documented in docs/reject-reasons.md).
BAD_ENCODING = "bad_encoding"
LINE_TOO_LONG = "line_too_long"
TOO_MANY_FIELDS = "too_many_fields"
BAD_CSV_ROW = "bad_csv_row"
SOURCE_ERRORS = (BAD_ENCODING, LINE_TOO_LONG, TOO_MANY_FIELDS, BAD_CSV_ROW)
SOURCE_ERROR_COLUMN = "_source_error"
#: A record longer than this is not a row of any source (a real row is well under 10 KB).
MAX_RECORD_BYTES = 1 << 20
#: How much of a file is looked at to tell its encoding.
SAMPLE_BYTES = 4 << 20
BOM = b"\xef\xbb\xbf"
CP874 = "cp874"


@dataclass
class Repair:
    """What the copy changed: the encoding the file was read in and records per reason."""

    path: Path
    encoding: str = "utf-8"
    records: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def warning(self) -> str | None:
        """The build report's warning, or None when the file was UTF-8."""
        if self.encoding == "utf-8":
            return None
        return (
            "ไฟล์ไม่ใช่ UTF-8: อ่านเป็น Windows-874 (TIS-620) ตรวจสอบชื่อภาษาไทยในรายงาน / "
            "file is not UTF-8: decoded as Windows-874 (TIS-620); check its Thai text"
        )


def _valid(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path) -> str:
    """UTF-8, unless most sampled lines with non-ASCII bytes are not UTF-8 but are valid
    Windows-874: then the file was saved in Thai Windows' code page (Excel's default).
    One bad byte in a UTF-8 file leaves it UTF-8 (that one row is rejected instead)."""
    with path.open("rb") as f:
        sample = f.read(SAMPLE_BYTES)
    lines = sample.removeprefix(BOM).split(b"\n")
    if len(sample) == SAMPLE_BYTES:
        lines = lines[:-1]  # the last one may be cut short
    foreign = [ln for ln in lines if not ln.isascii()]
    not_utf8 = [ln for ln in foreign if not _valid(ln, "utf-8")]
    mostly_not_utf8 = len(not_utf8) * 2 > len(foreign)
    if mostly_not_utf8 and sum(_valid(ln, CP874) for ln in not_utf8) * 2 > len(not_utf8):
        return CP874
    return "utf-8"


def _lines(f: BinaryIO) -> tuple[bytes, bool]:
    """The next physical line (without its line end) and whether it was too long (then
    its text is dropped); b"" with False at the end of the file."""
    raw = f.readline(MAX_RECORD_BYTES + 1)
    if len(raw) <= MAX_RECORD_BYTES or raw.endswith(b"\n"):
        return raw, False
    while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
        raw = f.readline(MAX_RECORD_BYTES)
    return b"\n", True


def _quotes_open(text: str) -> bool:
    return text.count('"') % 2 == 1


def repair_csv(source: Path, dest: Path) -> Repair:
    """Write the readable copy of ``source`` to ``dest`` (see the module doc)."""
    encoding = detect_encoding(source)
    out = Repair(path=dest, encoding=encoding)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as f, dest.open("w", encoding="utf-8", newline="") as g:
        writer = csv.writer(g, lineterminator="\n")
        head, _ = _lines(f)
        header = next(csv.reader([head.removeprefix(BOM).decode(encoding, "replace")]), [])
        writer.writerow([*header, SOURCE_ERROR_COLUMN])
        width = len(header)
        while True:
            raw, too_long = _lines(f)
            if not raw:
                break
            reason = LINE_TOO_LONG if too_long else None
            text, bad = _decode(raw, encoding)
            # A quoted field may hold line breaks: read on until the quotes close.
            while _quotes_open(text) and reason is None:
                more, too_long = _lines(f)
                if not more:
                    break
                if too_long:
                    reason = LINE_TOO_LONG
                part, more_bad = _decode(more, encoding)
                text, bad = text + part, bad or more_bad
                if len(text) > MAX_RECORD_BYTES:
                    reason = LINE_TOO_LONG
            if not text.strip() and reason is None:
                continue  # a blank line is no record (the engine skips it too)
            try:
                fields = next(csv.reader(io.StringIO(text, newline="")), [])
            except csv.Error:  # a stray carriage return or quote inside a field
                fields, reason = [], reason or BAD_CSV_ROW
            if reason is None and bad:
                reason = BAD_ENCODING
            if reason is None and len(fields) > width:
                reason = TOO_MANY_FIELDS
            if reason == LINE_TOO_LONG:
                fields = []  # nothing of it is kept: it is not a row
            fields = (fields + [""] * width)[:width]
            writer.writerow([*fields, reason or ""])
            out.records += 1
            if reason:
                out.reasons[reason] = out.reasons.get(reason, 0) + 1
    return out


def _decode(raw: bytes, encoding: str) -> tuple[str, bool]:
    """The line as text, and whether a byte had to be replaced."""
    try:
        return raw.decode(encoding), False
    except UnicodeDecodeError:
        return raw.decode(encoding, "replace"), True
