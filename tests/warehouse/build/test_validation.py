"""Bad input: every rule of CONTRACTS.md rejects the row with its reason, keeps the valid
rows, and a missing file or column stops the build with a message naming it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.warehouse.conftest import NID
from tests.warehouse.sources_kit import household, write_source
from tpmap.warehouse.build import BuildError, build
from tpmap.warehouse.engine import connect, quote_ident
from tpmap.warehouse.layout import current_version
from tpmap.warehouse.read.base import Warehouse
from tpmap.warehouse.read.households import household_document
from tpmap.warehouse.read.statistics import summary

GOOD_PERSON = {
    "nid": NID["somchai"],
    "first_name": "สมชาย",
    "last_name": "ใจดี",
    "sex": "M",
    "age": 40,
    "relation": "head",
    "education": "primary",
}


def _rejects(wh: Path, source: str) -> list[dict[str, str]]:
    version = current_version(wh)
    assert version is not None
    with (version / "rejects" / f"{source}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_each_household_rule_rejects_its_row_and_keeps_the_rest(tmp_path: Path) -> None:
    y = tmp_path / "s" / "2566"
    rows = [
        household("H01", "34010101", "2566"),  # 1 good, year's first
        household("", "34010101", "2566"),  # 2 missing id
        household("H01", "34010101", "2566"),  # 3 duplicate id
        household("H03", "99010101", "2566"),  # 4 unknown subdistrict
        household("H04", "34010100", "2566"),  # 5 หมู่ 00
        household("H05", "34010101", "2599"),  # 6 bad questionnaire
        household("H06", "34010101", "2560"),  # 7 mismatch
        {**household("H07", "34010101", "2566"), "ind_05": "2"},  # 8 bad indicator
        {**household("H08", "34010101", "2566"), "income_total": "-5"},  # 9 negative income
        {**household("H09", "34010101", "2566"), "income_total": "1,000"},  # 10 not a number
        {**household("H10", "34010101", "2566"), "savings": "abc"},  # 11 bad money
        {**household("H11", "34010101", "2566"), "house_tenure": "castle"},  # 12
        {
            **household("H12", "34010101", "2566"),
            "latitude": "48.8",
            "longitude": "2.3",
        },  # 13 Paris
        {**household("H13", "34010101", "2566"), "latitude": "15.2"},  # 14 one of two
        {**household("H14", "34010101", "2566"), "surveyed_on": "2023-02-30"},  # 15
        household(
            "H15",
            "34010102",
            "2566",
            house_tenure="rent",
            latitude=15.2,
            longitude=104.8,
            surveyed_on="2023-03-01",
        ),  # 16 good
        {**household("H16", "34010101", "2566"), "latitude": "abc", "longitude": "x"},  # 17
    ]
    write_source(
        y,
        "bmn_household",
        rows,
        columns=[
            "household_id",
            "village_code",
            "questionnaire",
            *(f"ind_{i:02d}" for i in range(1, 39)),
            "income_total",
            "savings",
            "house_tenure",
            "latitude",
            "longitude",
            "surveyed_on",
        ],
    )
    write_source(y, "bmn_person", [{**GOOD_PERSON, "household_id": "H01"}])
    report = build(tmp_path / "s", tmp_path / "wh")
    got = [(r["row"], r["reason"]) for r in _rejects(tmp_path / "wh", "bmn_household")]
    assert got == [
        ("2", "missing_household_id"),
        ("3", "duplicate_household_id"),
        ("4", "bad_village_code"),
        ("5", "bad_village_code"),
        ("6", "bad_questionnaire"),
        ("7", "questionnaire_mismatch"),
        ("8", "bad_indicator"),
        ("9", "bad_income"),
        ("10", "bad_income"),
        ("11", "bad_money"),
        ("12", "bad_tenure"),
        ("13", "bad_coordinates"),
        ("14", "bad_coordinates"),
        ("15", "bad_date"),
        ("17", "bad_coordinates"),
    ]
    info = report["years"]["2566"]["sources"]["bmn_household"]
    assert (info["rows_read"], info["accepted"], info["rejected"]) == (17, 2, 15)
    assert info["reasons"]["bad_village_code"] == 2
    msg = _rejects(tmp_path / "wh", "bmn_household")[0]
    assert msg["message_th"] == "ไม่มีรหัสบ้าน" and msg["message_en"] == "household_id is empty"


def test_indicators_beyond_the_2560_questionnaire_must_be_empty(tmp_path: Path) -> None:
    y = tmp_path / "s" / "2562"
    write_source(
        y,
        "bmn_household",
        [household("H1", "34010101"), {**household("H2", "34010101"), "ind_35": "1"}],
        columns=[
            "household_id",
            "village_code",
            "questionnaire",
            *(f"ind_{i:02d}" for i in range(1, 39)),
            "income_total",
        ],
    )
    write_source(y, "bmn_person", [{**GOOD_PERSON, "household_id": "H1"}])
    build(tmp_path / "s", tmp_path / "wh")
    assert [(r["row"], r["reason"]) for r in _rejects(tmp_path / "wh", "bmn_household")] == [
        ("2", "indicator_out_of_range")
    ]


def test_each_person_rule_rejects_its_row(tmp_path: Path) -> None:
    y = tmp_path / "s" / "2566"
    write_source(y, "bmn_household", [household(h, "34010101", "2566") for h in ("H1", "H2")])
    p = {**GOOD_PERSON, "household_id": "H1"}
    rows = [
        p,  # 1 good head of H1
        {**p, "household_id": "H9", "nid": ""},  # 2 unknown household
        {**p, "nid": "1100000000017", "relation": "child"},  # 3 bad checksum
        {**p, "nid": "", "first_name": "", "relation": "child"},  # 4 missing name
        {**p, "nid": "", "sex": "X", "relation": "child"},  # 5
        {**p, "nid": "", "age": "131", "relation": "child"},  # 6
        {**p, "nid": "", "age": "", "relation": "child"},  # 7 neither birth_date nor age
        {**p, "nid": "", "age": "", "birth_date": "2999-01-01", "relation": "child"},  # 8 future
        {**p, "nid": "", "relation": "boss"},  # 9
        {**p, "nid": "", "education": "phd", "relation": "child"},  # 10
        {**p, "nid": "", "income_year": "-1", "relation": "child"},  # 11
        {**p, "nid": "", "is_disabled": "maybe", "relation": "child"},  # 12
        {**p, "nid": "", "relation": "head"},  # 13 second head of H1
        {**p, "household_id": "H2", "relation": "head"},  # 14 Somchai's NID again
        {**p, "household_id": "H2", "nid": NID["malee"], "relation": "head"},  # 15 good
        {**p, "nid": "ABCDEFGHIJKLM", "relation": "child"},  # 16 letters, not a crash
        {**p, "nid": "", "age": "abc", "relation": "child"},  # 17
    ]
    write_source(
        y,
        "bmn_person",
        rows,
        columns=[
            "household_id",
            "nid",
            "first_name",
            "last_name",
            "sex",
            "birth_date",
            "age",
            "relation",
            "education",
            "income_year",
            "is_disabled",
        ],
    )
    report = build(tmp_path / "s", tmp_path / "wh")
    got = [(r["row"], r["reason"]) for r in _rejects(tmp_path / "wh", "bmn_person")]
    assert got == [
        ("2", "unknown_household"),
        ("3", "bad_nid"),
        ("4", "missing_name"),
        ("5", "bad_sex"),
        ("6", "bad_age"),
        ("7", "bad_birth_date"),
        ("8", "bad_birth_date"),
        ("9", "bad_relation"),
        ("10", "bad_education"),
        ("11", "bad_income"),
        ("12", "bad_boolean"),
        ("13", "duplicate_head"),
        ("14", "duplicate_nid"),
        ("16", "bad_nid"),
        ("17", "bad_age"),
    ]
    assert report["years"]["2566"]["sources"]["bmn_person"]["accepted"] == 2
    by_row = {r["row"]: r for r in _rejects(tmp_path / "wh", "bmn_person")}
    assert (by_row["5"]["sex"], by_row["9"]["relation"], by_row["17"]["age"]) == (
        "X",
        "boss",
        "abc",
    )
    assert by_row["3"]["nid_last4"] == "0017" and "nid" not in by_row["3"]
    rejected_text = (current_version(tmp_path / "wh") / "rejects" / "bmn_person.csv").read_text()  # type: ignore[operator]
    assert "1100000000017" not in rejected_text and NID["somchai"] not in rejected_text


def test_registry_rules(tmp_path: Path) -> None:
    y = tmp_path / "s" / "2566"
    write_source(y, "bmn_household", [household("H1", "34010101", "2566")])
    write_source(y, "bmn_person", [{**GOOD_PERSON, "household_id": "H1"}])
    n = NID["somchai"]
    write_source(
        y,
        "welfare_card",
        [
            {"nid": n, "status": "active"},
            {"nid": "", "status": "active"},
            {"nid": n, "status": "lost"},
            {"nid": n, "status": "active", "registered_round": "x"},
            {"nid": n, "status": "active", "monthly_benefit": "-1"},
            {"nid": n, "status": "active", "village_code": "12"},
        ],
    )
    write_source(
        y,
        "allowance",
        [
            {"nid": n, "kind": "elderly"},
            {"nid": n, "kind": "rich"},
            {"nid": n, "kind": "hiv", "monthly_amount": "x"},
        ],
    )
    write_source(
        y,
        "disability",
        [
            {"nid": n, "disability_type": "3"},
            {"nid": n, "disability_type": "8"},
            {"nid": n, "disability_type": "3", "card_issued_on": "yesterday"},
            {"nid": n, "disability_type": "2"},
        ],
    )
    write_source(
        y,
        "health_coverage",
        [
            {"nid": n, "scheme": "UCS"},
            {"nid": n, "scheme": "VIP"},
            {"nid": n, "scheme": "UCS", "main_hospital_code": "12"},
            {"nid": n, "scheme": "SSS"},
        ],
    )
    build(tmp_path / "s", tmp_path / "wh")
    wh = tmp_path / "wh"
    assert [r["reason"] for r in _rejects(wh, "welfare_card")] == [
        "bad_nid",
        "bad_status",
        "bad_round",
        "bad_money",
        "bad_village_code",
    ]
    assert [r["reason"] for r in _rejects(wh, "allowance")] == ["bad_kind", "bad_money"]
    assert [r["reason"] for r in _rejects(wh, "disability")] == [
        "bad_disability_type",
        "bad_date",
        "duplicate_nid",
    ]
    assert [r["reason"] for r in _rejects(wh, "health_coverage")] == [
        "bad_scheme",
        "bad_hospital_code",
        "duplicate_nid",
    ]
    with Warehouse(wh) as w:
        m = household_document(w, year=2566, household_id="H1")["members"][0]
        assert (m["disability_type"], m["health_scheme"]) == (3, "UCS")


def test_missing_required_file_or_column_stops_with_its_name(tmp_path: Path) -> None:
    y = tmp_path / "s" / "2566"
    write_source(y, "bmn_household", [household("H1", "34010101", "2566")])
    with pytest.raises(BuildError, match=r"bmn_person\.csv"):
        build(tmp_path / "s", tmp_path / "wh")
    write_source(
        y,
        "bmn_person",
        [{**GOOD_PERSON, "household_id": "H1"}],
        columns=["household_id", "nid", "first_name", "sex", "relation", "age"],
    )
    with pytest.raises(BuildError, match="last_name"):
        build(tmp_path / "s", tmp_path / "wh")
    write_source(
        y,
        "bmn_household",
        [household("H1", "34010101", "2566")],
        columns=[
            "household_id",
            "village_code",
            "questionnaire",
            "income_total",
            *(f"ind_{i:02d}" for i in range(1, 32)),
        ],
    )
    write_source(y, "bmn_person", [{**GOOD_PERSON, "household_id": "H1"}])
    with pytest.raises(BuildError, match="ind_32"):
        build(tmp_path / "s", tmp_path / "wh")


def test_a_failed_build_leaves_the_previous_version_in_service(tmp_path: Path) -> None:
    y = tmp_path / "s" / "2566"
    write_source(y, "bmn_household", [household("H1", "34010101", "2566")])
    write_source(y, "bmn_person", [{**GOOD_PERSON, "household_id": "H1"}])
    build(tmp_path / "s", tmp_path / "wh")
    first = current_version(tmp_path / "wh")
    (y / "bmn_person.csv").unlink()
    with pytest.raises(BuildError):
        build(tmp_path / "s", tmp_path / "wh")
    assert current_version(tmp_path / "wh") == first
    assert not list((tmp_path / "wh" / "versions").glob("*.partial"))
    with Warehouse(tmp_path / "wh") as w:
        assert summary(w, year=2566, area="TH")["households_surveyed"] == 1


def test_parquet_sources_and_unknown_columns(tmp_path: Path) -> None:
    y = tmp_path / "s" / "2566"
    write_source(
        y,
        "bmn_household",
        [{**household("H1", "34010101", "2566"), "color": "red"}],
        columns=[
            "household_id",
            "village_code",
            "questionnaire",
            "income_total",
            "color",
            *(f"ind_{i:02d}" for i in range(1, 39)),
        ],
    )
    write_source(y, "bmn_person", [{**GOOD_PERSON, "household_id": "H1"}])
    with connect() as eng:
        eng.execute(
            f"COPY (SELECT * FROM read_csv('{y}/bmn_household.csv', all_varchar=true)) "
            f"TO '{y}/bmn_household.parquet' (FORMAT parquet)"
        )
    (y / "bmn_household.csv").unlink()
    report = build(tmp_path / "s", tmp_path / "wh")
    info = report["years"]["2566"]["sources"]["bmn_household"]
    assert (info["file"], info["accepted"], info["unknown_columns"]) == (
        "bmn_household.parquet",
        1,
        ["color"],
    )


def test_identifiers_are_escaped() -> None:
    hostile = 'x"; DROP TABLE households; --'
    assert quote_ident(hostile) == '"x""; DROP TABLE households; --"'
    with connect() as eng:
        eng.execute(f"CREATE TABLE {quote_ident(hostile)} (a INTEGER)")
        assert eng.table_exists(hostile)


def test_build_report_never_carries_a_full_nid(personas_2562: tuple[Path, Path]) -> None:
    version = current_version(personas_2562[1])
    assert version is not None
    text = (version / "build_report.json").read_text()
    assert json.loads(text)["years"]["2562"]["duplicate_nids"]["rows"] == 1
    assert all(n not in text for n in NID.values())
