"""Faults found by testing the pipeline: a year with no household stops the build; a bad
byte, a Windows-874 file, an over-long line or a row too wide rejects rows (or decodes
with a warning) instead of stopping it; a Parquet DOUBLE age holding whole numbers is
accepted; no message quotes a source row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.warehouse.conftest import NID
from tests.warehouse.sources_kit import household, write_source
from tpmap.warehouse.build import BuildError, build
from tpmap.warehouse.build.context import BuildOptions
from tpmap.warehouse.engine import DuckDBEngine, EngineError, EngineOutOfMemory, connect
from tpmap.warehouse.layout import current_version
from tpmap.warehouse.read.base import Warehouse
from tpmap.warehouse.read.households import household_document
from tpmap.warehouse.read.statistics import summary

H1, H2, H3 = "H1", "H2", "H3"


def _people() -> list[dict[str, object]]:
    return [
        {
            "household_id": hid,
            "nid": nid,
            "first_name": first,
            "last_name": "ใจดี",
            "sex": "M",
            "age": 40,
            "relation": "head",
            "education": "primary",
        }
        for hid, nid, first in (
            (H1, NID["somchai"], "สมชาย"),
            (H2, NID["boonmee"], "บุญมี"),
            (H3, NID["malee"], "มาลี"),
        )
    ]


def _year(tmp_path: Path) -> Path:
    y = tmp_path / "s" / "2566"
    write_source(y, "bmn_household", [household(h, "34010101", "2566") for h in (H1, H2, H3)])
    write_source(y, "bmn_person", _people())
    return y


def _rejects(wh: Path, source: str) -> list[dict[str, str]]:
    version = current_version(wh)
    assert version is not None
    with (version / "rejects" / f"{source}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _person_line(y: Path, n: int) -> tuple[list[bytes], int]:
    lines = (y / "bmn_person.csv").read_bytes().split(b"\n")
    return lines, n  # line n = data row n (line 0 is the header)


def test_a_year_with_no_accepted_household_stops_the_build_and_keeps_current(
    tmp_path: Path,
) -> None:
    y = _year(tmp_path)
    build(tmp_path / "s", tmp_path / "wh")
    first = current_version(tmp_path / "wh")
    write_source(y, "bmn_household", [household(h, "99010101", "2566") for h in (H1, H2)])
    with pytest.raises(BuildError, match=r"year 2566: 0 households accepted.*bad_village_code 2"):
        build(tmp_path / "s", tmp_path / "wh")
    assert current_version(tmp_path / "wh") == first
    # A header without rows is no better.
    write_source(y, "bmn_household", [], columns=list(household(H1, "34010101", "2566")))
    with pytest.raises(BuildError, match="ปี 2566"):
        build(tmp_path / "s", tmp_path / "wh")
    assert current_version(tmp_path / "wh") == first
    assert not list((tmp_path / "wh" / "versions").glob("*.partial"))


def test_a_bad_byte_rejects_its_row_only(tmp_path: Path) -> None:
    y = _year(tmp_path)
    lines = (y / "bmn_person.csv").read_bytes().split(b"\n")
    lines[2] = lines[2].replace("บุญมี".encode(), b"\xff\xfe", 1)  # row 2
    (y / "bmn_person.csv").write_bytes(b"\n".join(lines))
    report = build(tmp_path / "s", tmp_path / "wh")
    info = report["years"]["2566"]["sources"]["bmn_person"]
    assert (info["rows_read"], info["accepted"], info["reasons"]) == (3, 2, {"bad_encoding": 1})
    assert info["decoded_as"] == "utf-8" and "warnings" not in info
    (bad,) = _rejects(tmp_path / "wh", "bmn_person")
    assert (bad["row"], bad["reason"], bad["household_id"]) == ("2", "bad_encoding", H2)
    assert bad["nid_last4"] == NID["boonmee"][-4:]
    with Warehouse(tmp_path / "wh") as wh:
        h = household_document(wh, year=2566, household_id=H3)
        assert h["members"][0]["name"] == "มาลี ใจดี"


@pytest.mark.parametrize("threads", ["2", "1"])  # two lanes; one lane, one pass
def test_an_unknown_household_outranks_the_other_person_rules_but_not_a_flagged_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: str
) -> None:
    """With lanes the persons are checked beside the households and their household looked
    up after (steps._validate_all): the reason is still the first rule that holds."""
    monkeypatch.setenv("TPMAP_DUCKDB_THREADS", threads)
    y = _year(tmp_path)
    people = _people()
    people[0] = {**people[0], "household_id": "H9", "sex": "X", "nid": "1100000000017"}
    people[1] = {**people[1], "household_id": "H9"}
    write_source(y, "bmn_person", people)
    lines = (y / "bmn_person.csv").read_bytes().split(b"\n")
    lines[2] = lines[2].replace("บุญมี".encode(), b"\xff\xfe", 1)  # row 2: a bad byte too
    (y / "bmn_person.csv").write_bytes(b"\n".join(lines))
    build(tmp_path / "s", tmp_path / "wh")
    assert [(r["row"], r["reason"]) for r in _rejects(tmp_path / "wh", "bmn_person")] == [
        ("1", "unknown_household"),
        ("2", "bad_encoding"),
    ]


def test_a_windows_874_file_is_decoded_with_a_warning(tmp_path: Path) -> None:
    y = _year(tmp_path)
    text = (y / "bmn_person.csv").read_text(encoding="utf-8")
    (y / "bmn_person.csv").write_bytes(text.encode("cp874"))
    report = build(tmp_path / "s", tmp_path / "wh")
    info = report["years"]["2566"]["sources"]["bmn_person"]
    assert (info["accepted"], info["rejected"], info["decoded_as"]) == (3, 0, "cp874")
    assert any("Windows-874" in w for w in info["warnings"])
    with Warehouse(tmp_path / "wh") as wh:
        assert household_document(wh, year=2566, household_id=H1)["members"][0]["name"] == (
            "สมชาย ใจดี"
        )


def test_an_over_long_line_and_a_row_too_wide_are_rejected(tmp_path: Path) -> None:
    y = _year(tmp_path)
    lines = (y / "bmn_person.csv").read_bytes().split(b"\n")
    lines[1] = lines[1] + b"x" * 3_000_000  # past any reader's line limit
    lines[3] = lines[3].rstrip(b"\r") + b",extra,fields\r"
    (y / "bmn_person.csv").write_bytes(b"\n".join(lines))
    report = build(tmp_path / "s", tmp_path / "wh")
    info = report["years"]["2566"]["sources"]["bmn_person"]
    assert info["reasons"] == {"line_too_long": 1, "too_many_fields": 1}
    assert info["accepted"] == 1
    rows = {r["row"]: r["reason"] for r in _rejects(tmp_path / "wh", "bmn_person")}
    assert rows == {"1": "line_too_long", "3": "too_many_fields"}
    with Warehouse(tmp_path / "wh") as wh:
        assert summary(wh, year=2566, area="TH")["persons_surveyed"] == 1


def test_a_parquet_double_age_is_accepted_when_whole(tmp_path: Path) -> None:
    y = _year(tmp_path)
    people = _people()
    people[1]["age"] = "40.5"
    write_source(y, "bmn_person", people)
    with connect() as eng:
        eng.execute(
            "COPY (SELECT * REPLACE (CAST(age AS DOUBLE) AS age) FROM "
            f"read_csv('{y}/bmn_person.csv', all_varchar=true)) "
            f"TO '{y}/bmn_person.parquet' (FORMAT parquet)"
        )
        assert eng.scalar(f"SELECT typeof(age) FROM '{y}/bmn_person.parquet' LIMIT 1") == "DOUBLE"
    (y / "bmn_person.csv").unlink()
    report = build(tmp_path / "s", tmp_path / "wh")
    info = report["years"]["2566"]["sources"]["bmn_person"]
    assert (info["accepted"], info["reasons"]) == (2, {"bad_age": 1})
    with Warehouse(tmp_path / "wh") as wh:
        member = household_document(wh, year=2566, household_id=H1)["members"][0]
        assert member["age"] == 40 and isinstance(member["age"], int)


def test_engine_messages_never_quote_a_source_row() -> None:
    e = EngineError(
        "Invalid Input Error: CSV Error on Line: 3\nOriginal Line:\n"
        "H1,1100000000016,นาย,สมชาย,ใจดี\nInvalid unicode detected."
    )
    assert e.summary == "Invalid Input Error: CSV Error on Line: 3"
    quoted = EngineError("Conversion Error: Could not convert string 'สมชาย' to INT32")
    assert "สมชาย" not in quoted.summary


def test_a_failed_build_message_names_no_person(tmp_path: Path) -> None:
    """Every household rejected: the message gives counts and reasons, never a row."""
    y = _year(tmp_path)
    write_source(y, "bmn_household", [household(H1, "99010101", "2566")])
    with pytest.raises(BuildError) as err:
        build(tmp_path / "s", tmp_path / "wh")
    text = str(err.value)
    assert all(n not in text for n in NID.values()) and "สมชาย" not in text and H1 not in text


def test_running_out_of_memory_while_loading_a_csv_says_so_instead_of_repairing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading a CSV's text can run past the memory limit: that is not an unreadable file
    to repair, and the message tells the operator what to raise."""
    _year(tmp_path)

    def out_of_memory(self: DuckDBEngine, path: Path, text_table: str) -> tuple[str, str]:
        raise EngineOutOfMemory("Out of Memory Error: failed to pin block")

    monkeypatch.setattr(DuckDBEngine, "source_relation", out_of_memory)
    with pytest.raises(BuildError, match=r"out of memory: raise TPMAP_DUCKDB_MEMORY"):
        build(tmp_path / "s", tmp_path / "wh", options=BuildOptions(memory_limit="1GB"))
    assert current_version(tmp_path / "wh") is None


def test_a_failed_write_beside_the_final_steps_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last year's persons are written beside the final steps (steps.report_and_write):
    when that write fails, the build fails after them and publishes nothing."""
    from tpmap.warehouse.build import publish

    _year(tmp_path)
    monkeypatch.setitem(publish.YEAR_TABLE_SQL, "persons", "SELECT * FROM no_such_table")
    with pytest.raises(BuildError, match="no_such_table"):
        build(tmp_path / "s", tmp_path / "wh")
    assert current_version(tmp_path / "wh") is None
    assert not list((tmp_path / "wh" / "versions").iterdir())
