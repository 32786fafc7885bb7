"""Hand-computed personas of questionnaire 2566: deprivations carry the 17 MPI numbers
(INDICATORS.md §2) through the proposed mapping, and the household JSON keeps full
precision and names every member (CONTRACTS.md §3, "Precision and identity").

In village 34010101, data year 2566:
* W1 (Wanna): fails item 18 (water: MPI 9 and 10) and item 29 (income per person: MPI
  22). c = 1/20 + 1/20 + 1/15 = 1/6: MPI-poor, not AF-poor. Wanna has a NID, her son
  none.
* W2 (Prasert): fails items 27, 28, 34, 35 (MPI 20, 21, 27, 28). c = 2/15 + 2/10 = 1/3
  exactly: AF-poor at the boundary (the tolerance of 1e-9).
* W3 (Chai): fails items 27, 34, 35 (MPI 20, 27, 28). c = 1/15 + 1/5 = 4/15: not AF-poor.
* W4 (Dao): fails item 31 only, which no MPI indicator reads: not MPI-poor.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from tests.warehouse.sources_kit import af_as_built, household, write_source
from tpmap.core.indicators import MPI_INDICATORS
from tpmap.warehouse.build import build
from tpmap.warehouse.read.base import NotFound, Warehouse
from tpmap.warehouse.read.households import household_document, households_document
from tpmap.warehouse.read.statistics import summary

W1, W2, W3, W4 = "34010000011", "34010000012", "34010000013", "34010000014"
WANNA_NID = "1100000000016"


def _person(hid: str, first: str, **extra: object) -> dict[str, object]:
    return {
        "household_id": hid,
        "nid": "",
        "first_name": first,
        "last_name": "ทดสอบ",
        "sex": "F",
        "age": 40,
        "relation": "head",
        "education": "primary",
        **extra,
    }


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    root = tmp_path_factory.mktemp("mpi2566")
    y = root / "s" / "2566"
    write_source(
        y,
        "bmn_household",
        [
            household(W1, "34010101", "2566", fails=(18, 29), na=(1, 2, 3), income_total=60000),
            household(W2, "34010101", "2566", fails=(27, 28, 34, 35)),
            household(W3, "34010101", "2566", fails=(27, 34, 35)),
            household(W4, "34010101", "2566", fails=(31,)),
        ],
    )
    write_source(
        y,
        "bmn_person",
        [
            _person(W1, "วรรณา", nid=WANNA_NID),
            _person(W1, "ต้น", sex="M", age=9, relation="child"),
            _person(W2, "ประเสริฐ", sex="M"),
            _person(W3, "ชัย", sex="M"),
            _person(W4, "ดาว"),
        ],
    )
    build(root / "s", root / "wh")
    w = Warehouse(root / "wh")
    yield w  # type: ignore[misc]
    w.close()


def test_the_household_json_carries_the_17_mpi_numbers_at_full_precision(wh: Warehouse) -> None:
    h = household_document(wh, year=2566, household_id=W1)
    c = af_as_built(9, 10, 22)
    assert c == 0.05 + 0.05 + 1 / 15  # summed in MPI order, as the build sums it
    assert c == pytest.approx(1 / 6, abs=1e-15)
    assert h["income_per_person"] == 30000.0
    assert {k: h[k] for k in ("mpi_poor", "failed_count", "af_score", "af_poor")} == {
        "mpi_poor": True,
        "failed_count": 3,
        "af_score": c,
        "af_poor": False,
    }
    assert h["failed_dimensions"] == ["living", "income"]
    assert h["failed_indicators"] == [9, 10, 22]
    # Every MPI number, read from its 2566 item: 1 <- 2 is not applicable here.
    expected = {str(no): 1 for no in MPI_INDICATORS} | {"1": None, "9": 0, "10": 0, "22": 0}
    assert h["indicators"] == expected
    assert list(h["indicators"]) == [str(no) for no in MPI_INDICATORS]
    wanna, son = h["members"]
    assert (wanna["nid_last4"], wanna["name"]) == ("0016", "วรรณา ทดสอบ")
    assert (son["nid_last4"], son["name"]) == (None, "ต้น ทดสอบ")
    assert isinstance(wanna["member_no"], int) and isinstance(son["member_no"], int)
    assert wanna["member_no"] < son["member_no"]  # the head first
    assert WANNA_NID not in json.dumps(h, ensure_ascii=False)


def test_af_poor_holds_at_exactly_one_third_and_not_below(wh: Warehouse) -> None:
    boundary = household_document(wh, year=2566, household_id=W2)
    assert boundary["failed_indicators"] == [20, 21, 27, 28]
    assert Fraction(2, 15) + Fraction(2, 10) == Fraction(1, 3)
    assert (boundary["af_score"], boundary["af_poor"]) == (af_as_built(20, 21, 27, 28), True)
    below = household_document(wh, year=2566, household_id=W3)
    assert (below["af_score"], below["af_poor"]) == (af_as_built(20, 27, 28), False)
    none = household_document(wh, year=2566, household_id=W4)
    assert (none["mpi_poor"], none["failed_indicators"], none["af_score"]) == (False, [], 0.0)
    assert none["af_poor"] is False


def test_the_summary_counts_the_17_numbers_and_af_without_rounding(wh: Warehouse) -> None:
    s = summary(wh, year=2566, area="TH")
    assert (s["households_surveyed"], s["persons_surveyed"]) == (4, 5)
    assert (s["mpi_poor_households"], s["mpi_poor_persons"]) == (3, 4)
    assert list(s["indicators"]) == [str(no) for no in MPI_INDICATORS]
    # Item 18 is read as MPI 9 and 10: the household counts under both.
    assert s["indicators"]["9"] == s["indicators"]["10"] == {"households": 1, "persons": 2}
    assert s["indicators"]["28"] == {"households": 2, "persons": 2}
    assert s["indicators"]["1"] == {"households": 0, "persons": 0}
    # AF-poor: Prasert alone (1 of 5 persons).
    c = af_as_built(20, 21, 27, 28)
    assert s["af"] == {"k": 0.3333333333, "H": 1 / 5, "A": c, "M0": 1 / 5 * c}


def test_the_list_filters_by_mpi_number_not_by_questionnaire_item(wh: Warehouse) -> None:
    def ids(indicator: int) -> list[str]:
        doc = households_document(wh, year=2566, area="TH", indicator=indicator)
        return [i["household_id"] for i in doc["items"]]

    assert ids(9) == ids(10) == [W1]
    assert ids(27) == [W2, W3]
    listed = households_document(wh, year=2566, area="34010101")["items"]
    assert [(i["household_id"], i["failed_indicators"]) for i in listed] == [
        (W2, [20, 21, 27, 28]),
        (W1, [9, 10, 22]),
        (W3, [20, 27, 28]),
    ]
    with pytest.raises(NotFound, match="MPI"):
        households_document(wh, year=2566, area="TH", indicator=18)  # a 2566 item, not MPI


def test_the_build_report_records_the_mapping_and_marks_it_proposed(wh: Warehouse) -> None:
    m = wh.mpi_mapping(2566)
    assert not m.official
    assert (m.item(9), m.item(10), m.item(22)) == (18, 18, 29)


def test_an_old_format_mapping_file_stops_the_build(tmp_path: Path) -> None:
    from tpmap.warehouse.build import BuildError, BuildOptions

    y = tmp_path / "s" / "2566"
    write_source(y, "bmn_household", [household(W1, "34010101", "2566")])
    write_source(y, "bmn_person", [_person(W1, "วรรณา")])
    old = tmp_path / "old.toml"
    old.write_text('questionnaire = "2566"\n[dimensions]\nhealth = [2]\n', encoding="utf-8")
    with pytest.raises(BuildError, match="items"):
        build(tmp_path / "s", tmp_path / "wh", options=BuildOptions(mpi_mappings={"2566": old}))
