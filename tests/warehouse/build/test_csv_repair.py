"""The repaired copy of a CSV the engine refuses: one record per source record (row numbers
stay the file's), each unreadable record flagged, Windows-874 told from one bad byte."""

from __future__ import annotations

import csv
from pathlib import Path

from tpmap.warehouse.build import csv_repair as cr

HEADER = "household_id,first_name,last_name\r\n"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_a_windows_874_file_is_told_from_a_utf8_file_with_one_bad_byte(tmp_path: Path) -> None:
    text = HEADER + "".join(f"H{i},สมชาย,ใจดี\r\n" for i in range(20))
    thai = tmp_path / "thai.csv"
    thai.write_bytes(text.encode("cp874"))
    assert cr.detect_encoding(thai) == "cp874"
    one_bad = tmp_path / "one_bad.csv"
    one_bad.write_bytes(text.encode("utf-8").replace(b"H3,", b"H3\xff,", 1))
    assert cr.detect_encoding(one_bad) == "utf-8"
    fixed = cr.repair_csv(one_bad, tmp_path / "out.csv")
    assert (fixed.records, fixed.reasons, fixed.warning) == (20, {"bad_encoding": 1}, None)
    rows = _rows(tmp_path / "out.csv")
    assert rows[0] == ["household_id", "first_name", "last_name", "_source_error"]
    assert rows[4][3] == "bad_encoding" and rows[5] == ["H4", "สมชาย", "ใจดี", ""]


def test_quoted_line_breaks_stay_one_record_and_long_or_wide_rows_are_flagged(
    tmp_path: Path,
) -> None:
    src = tmp_path / "s.csv"
    src.write_bytes(
        (HEADER + 'H1,"สม\nชาย",ใจดี\r\n' + "H2,a,b,c\r\n" + "H3,short\r\n").encode()
        + b"H4,"
        + b"x" * (cr.MAX_RECORD_BYTES + 10)
        + b"\r\nH5,a,b\r\n"
    )
    fixed = cr.repair_csv(src, tmp_path / "out.csv")
    rows = _rows(tmp_path / "out.csv")[1:]
    assert rows == [
        ["H1", "สม\nชาย", "ใจดี", ""],
        ["H2", "a", "b", "too_many_fields"],
        ["H3", "short", "", ""],
        ["", "", "", "line_too_long"],
        ["H5", "a", "b", ""],
    ]
    assert fixed.reasons == {"too_many_fields": 1, "line_too_long": 1}
