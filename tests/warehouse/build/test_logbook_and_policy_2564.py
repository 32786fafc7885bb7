"""Policy 2564, the farmer facts, the priority rank and the Logbook's sources applied by
the build, on a hand-computed mini country (data year 2564, questionnaire 2560, Ubon
Ratchathani, villages 34010101 and 34010102).

Households (every indicator passes except the ones listed; ages 30-50 unless said):
* HA fails 1, 8, 22 (health, living, income: 3 dimensions), income 60,000, 2 members:
  a1 head, active card; a2 spouse, no card, occupation ทำนา, not in the farmer registry.
* HB fails 15, 20, 21, 22 (education, income), income 200,000: b1 head, card.
* HC fails 7, income 50,000: c1 head, 70 years old (a dependent), card.
* HD fails 22, income 40,000: d1 head, card.
* HE fails 22, income 20,000: e1 head, card.
* HF passes, income 500,000: f1 head ทำไร่ in the farmer registry; f2 เกษตรกร, no NID.
* HG passes, income 150,000: g1 head ทำสวน in the farmer registry, no card.
* HH passes, income 80,000: h1 head ค้าขาย, h2 (no NID); no card.
* HI passes, income 50,000: i1 head, card; added again by a field team (logbook_person).
* Logbook additions: i1 (NID in the survey: only flagged) and L1 with no NID (34010102).
* Registry only: R1, an active card holder of 34010102.

Policy 2564, first match:
* group 1 (surveyed, MPI-poor, card): a1, b1, c1, d1, e1 = 5 (the target persons).
* group 2 (logbook_added): i1, L1 = 2 (L1 has no NID).
* group 3 (vulnerable household): a2 (HA has an unregistered farmer), f1 and f2 (f2 is an
  unregistered farmer), h1 and h2 (40,000 per person, no card) = 5. Not g1 (registered
  farmer, 150,000 per person), not i1's household alone (a card), not R1 (not surveyed).

Priority: group 1 first (HA deprived in 3 dimensions; then HB failed_count 4; then HC, HE,
HD with failed_count 1: HC has a dependent, HE has less income per person than HD); then
group 2 (HI); then group 3 (HH 40,000 per person before HF 250,000); HG unranked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.warehouse.sources_kit import household, write_source
from tpmap.core.nid import check_digit
from tpmap.warehouse.build import build
from tpmap.warehouse.layout import BUILD_REPORT, REJECTS, current_version
from tpmap.warehouse.read import households as hs
from tpmap.warehouse.read.base import Warehouse
from tpmap.warehouse.read.statistics import summary

YEAR = 2564
V1, V2 = "34010101", "34010102"
HA, HB, HC, HD, HE, HF, HG, HH, HI = (f"3401000001{i}" for i in range(1, 10))


def _nid(n: int) -> str:
    first12 = f"3100000000{n:02d}"
    return first12 + str(check_digit(first12))


NID = {name: _nid(i) for i, name in enumerate(("a1", "a2", "b1", "c1", "d1", "e1", "f1", "g1", "h1", "i1", "r1"), 1)}  # fmt: skip


def _person(hid: str, key: str | None, first: str, relation: str = "head", **extra: Any) -> dict[str, Any]:  # fmt: skip
    row = {
        "household_id": hid,
        "nid": NID[key] if key else "",
        "first_name": first,
        "last_name": "ทดสอบ",
        "sex": "F",
        "age": 40,
        "relation": relation,
    }
    row.update(extra)
    return row


def write_country(year_dir: Path) -> None:
    write_source(
        year_dir,
        "bmn_household",
        [
            household(HA, V1, fails=(1, 8, 22), income_total=60000),
            household(HB, V1, fails=(15, 20, 21, 22), income_total=200000),
            household(HC, V1, fails=(7,), income_total=50000),
            household(HD, V1, fails=(22,), income_total=40000),
            household(HE, V1, fails=(22,), income_total=20000),
            household(HF, V2, income_total=500000),
            household(HG, V2, income_total=150000),
            household(HH, V2, income_total=80000),
            household(HI, V2, income_total=50000),
        ],
    )
    write_source(
        year_dir,
        "bmn_person",
        [
            _person(HA, "a1", "เอหนึ่ง"),
            _person(HA, "a2", "เอสอง", "spouse", occupation="ทำนา"),
            _person(HB, "b1", "บีหนึ่ง"),
            _person(HC, "c1", "ซีหนึ่ง", age=70),
            _person(HD, "d1", "ดีหนึ่ง"),
            _person(HE, "e1", "อีหนึ่ง"),
            _person(HF, "f1", "เอฟหนึ่ง", occupation="ทำไร่"),
            _person(HF, None, "เอฟสอง", "child", occupation=" เกษตรกร "),
            _person(HG, "g1", "จีหนึ่ง", occupation="ทำสวน"),
            _person(HH, "h1", "เอชหนึ่ง", occupation="ค้าขาย"),
            _person(HH, None, "เอชสอง", "child"),
            _person(HI, "i1", "ไอหนึ่ง", occupation="รับจ้างทั่วไป"),
        ],
    )
    write_source(
        year_dir,
        "welfare_card",
        [
            {"nid": NID[k], "registered_round": 2565, "status": "active"}
            for k in ("a1", "b1", "c1", "d1", "e1", "i1")
        ]
        + [{"nid": NID["r1"], "registered_round": 2565, "status": "active", "village_code": V2}],
    )
    write_source(
        year_dir,
        "farmer_registry",
        [
            {"nid": NID["f1"], "registered_on": "2020-01-15", "farm_area_rai": 12.5},
            {"nid": NID["g1"], "farm_area_rai": 3},
            {"nid": NID["g1"], "farm_area_rai": 4},  # a second row of a NID: duplicate_nid
            {"nid": "1234567890123", "farm_area_rai": 1},  # bad checksum: bad_nid
            {"nid": NID["a1"], "farm_area_rai": -2},  # bad_farm_area
        ],
    )
    write_source(
        year_dir,
        "logbook_person",
        [
            {
                "record_id": "P1",
                "nid": NID["i1"],
                "first_name": "ไอหนึ่ง",
                "last_name": "ทดสอบ",
                "village_code": V2,
            },
            {
                "record_id": "P2",
                "nid": "",
                "first_name": "แอลหนึ่ง",
                "last_name": "ไร้บัตร",
                "village_code": V2,
                "age": 33,
            },
        ],
    )


def _built(root: Path, extra: Any = None) -> Path:
    write_country(root / "sources" / str(YEAR))
    if extra is not None:
        extra(root / "sources" / str(YEAR))
    build(root / "sources", root / "wh")
    return root / "wh"


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    w = Warehouse(_built(tmp_path_factory.mktemp("c2564")))
    yield w
    w.close()


def test_policy_2564_places_everyone_in_the_first_group_that_holds(wh: Warehouse) -> None:
    s = summary(wh, year=YEAR, area="TH")
    assert s["groups"] == {"1": 5, "2": 2, "3": 5}
    assert (s["target_persons"], s["target_households"]) == (5, 5)
    assert (s["households_surveyed"], s["persons_surveyed"]) == (9, 12)
    assert (s["mpi_poor_households"], s["mpi_poor_persons"]) == (5, 6)
    v2 = summary(wh, year=YEAR, area=V2)
    assert v2["groups"] == {"1": 0, "2": 2, "3": 4}
    rows = wh.engine.fetchall(
        f'SELECT first_name, "group" FROM persons WHERE year = {YEAR} ORDER BY first_name NULLS LAST'
    )
    placed = dict(rows[:-1])
    assert rows[-1] == (None, None)  # R1, registry only: no group in 2564
    assert placed == {
        "เอหนึ่ง": "1", "บีหนึ่ง": "1", "ซีหนึ่ง": "1", "ดีหนึ่ง": "1", "อีหนึ่ง": "1",
        "ไอหนึ่ง": "2", "แอลหนึ่ง": "2",
        "เอสอง": "3", "เอฟหนึ่ง": "3", "เอฟสอง": "3", "เอชหนึ่ง": "3", "เอชสอง": "3",
        "จีหนึ่ง": None,
    }  # fmt: skip


def test_farmer_facts_come_from_the_occupation_list_and_the_farmer_registry(
    wh: Warehouse,
) -> None:
    rows = wh.engine.fetchall(
        "SELECT first_name, is_farmer, in_farmer_registry, farm_area_rai FROM persons "
        f"WHERE year = {YEAR} AND surveyed AND first_name IN "
        "('เอสอง', 'เอฟหนึ่ง', 'เอฟสอง', 'จีหนึ่ง', 'เอชหนึ่ง') ORDER BY first_name"
    )
    assert {r[0]: r[1:] for r in rows} == {
        "เอสอง": (True, False, None),
        "เอฟหนึ่ง": (True, True, 12.5),
        "เอฟสอง": (True, False, None),
        "จีหนึ่ง": (True, True, 3.0),
        "เอชหนึ่ง": (False, False, None),
    }
    hh = dict(
        wh.engine.fetchall(
            f"SELECT household_id, household_has_unregistered_farmer FROM households WHERE year = {YEAR}"
        )
    )
    assert [h for h, v in sorted(hh.items()) if v] == [HA, HF]


def test_farmer_registry_rows_are_validated_like_the_other_registries(wh: Warehouse) -> None:
    report = json.loads((wh.version / BUILD_REPORT).read_text())
    src = report["years"][str(YEAR)]["sources"]["farmer_registry"]
    assert (src["rows_read"], src["accepted"], src["rejected"]) == (5, 2, 3)
    assert src["reasons"] == {"bad_farm_area": 1, "bad_nid": 1, "duplicate_nid": 1}
    link = report["years"][str(YEAR)]["linkage"]["farmer_registry"]
    assert (link["distinct_nids"], link["persons_linked"]) == (2, 2)


def test_the_priority_rank_orders_households_and_target_persons(wh: Warehouse) -> None:
    ranks = dict(
        wh.engine.fetchall(f"SELECT household_id, priority FROM households WHERE year = {YEAR}")
    )
    assert ranks == {HA: 1, HB: 2, HC: 3, HE: 4, HD: 5, HI: 6, HH: 7, HF: 8, HG: None}
    persons = wh.engine.fetchall(
        "SELECT first_name, priority FROM persons "
        f"WHERE year = {YEAR} AND priority IS NOT NULL ORDER BY priority"
    )
    assert persons == [("เอหนึ่ง", 1), ("บีหนึ่ง", 2), ("ซีหนึ่ง", 3), ("อีหนึ่ง", 4), ("ดีหนึ่ง", 5)]
    listed = hs.household_list(wh, year=YEAR, area="TH", sort="priority")
    assert [i["household_id"] for i in listed["items"]] == [HA, HB, HC, HE, HD]
    assert [i["priority"] for i in listed["items"]] == [1, 2, 3, 4, 5]
    grouped = hs.household_list(wh, year=YEAR, area="TH", group="3", poor_only=False, sort="priority")  # fmt: skip
    assert [i["household_id"] for i in grouped["items"]] == [HA, HH, HF]
    # The households JSON keeps the contract's order: failed_count descending, then id.
    doc = hs.households_document(wh, year=YEAR, area="TH")
    assert [i["household_id"] for i in doc["items"]] == [HB, HA, HC, HD, HE]
    assert hs.household_document(wh, year=YEAR, household_id=HE)["priority"] == 4


# ---- the Logbook's corrections and re-assessments -------------------------------------


def _member_nos(wh_path: Path) -> dict[str, int]:
    w = Warehouse(wh_path)
    try:
        rows = w.engine.fetchall(
            f"SELECT first_name, member_no FROM persons WHERE year = {YEAR} AND surveyed"
        )
    finally:
        w.close()
    return {str(a): int(b) for a, b in rows}


def _corrections(no: dict[str, int]) -> list[dict[str, Any]]:
    return [
        # a2 died: no longer MPI-poor, no longer in group 3.
        {"record_id": "C1", "household_id": HA, "member_no": no["เอสอง"], "kind": "deceased",
         "effective_on": "2024-02-01", "approved_on": "2024-02-03", "note": "เสียชีวิต"},
        # HB is not poor (an inclusion error): the whole household leaves the counts.
        {"record_id": "C2", "household_id": HB, "kind": "not_poor", "effective_on": "2024-02-01"},
        # c1, HC's only member, moved out: HC has no counted member left.
        {"record_id": "C3", "household_id": HC, "member_no": no["ซีหนึ่ง"], "kind": "moved_out"},
        # wrong data is recorded only.
        {"record_id": "C4", "household_id": HD, "kind": "wrong_data", "note": "income 45000"},
        # matching nothing: an unknown household, an unknown member.
        {"record_id": "C5", "household_id": "34019999999", "kind": "deceased"},
        {"record_id": "C6", "household_id": HE, "member_no": 999, "kind": "deceased"},
        # rejected: the same record twice, an unknown kind, a bad member_no, a bad date.
        {"record_id": "C1", "household_id": HA, "member_no": no["เอสอง"], "kind": "deceased"},
        {"record_id": "C7", "household_id": HD, "kind": "gone"},
        {"record_id": "C8", "household_id": HD, "member_no": "x", "kind": "deceased"},
        {"record_id": "C9", "household_id": HD, "kind": "deceased", "effective_on": "1/2/2024"},
        {"record_id": "", "household_id": HD, "kind": "deceased"},
    ]  # fmt: skip


def _assessments() -> list[dict[str, Any]]:
    return [
        # HA's latest assessment: 1 and 8 pass now, 22 (not re-assessed) keeps the survey's 0.
        {
            "record_id": "A1",
            "household_id": HA,
            "assessed_on": "2024-05-01",
            "ind_01": 1,
            "ind_08": 1,
        },
        {"record_id": "A2", "household_id": HA, "assessed_on": "2024-03-01", "ind_22": 1},
        {"record_id": "A3", "household_id": HD, "assessed_on": "2024-05-01", "ind_22": 1},
        {"record_id": "A4", "household_id": "34019999999", "assessed_on": "2024-05-01"},
        {"record_id": "A5", "household_id": HD, "assessed_on": "2024-05-01", "ind_22": 2},
        {"record_id": "A6", "household_id": HD, "assessed_on": "2024-05-01", "ind_35": 1},
    ]


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    """The mini country rebuilt with the Logbook's corrections and assessments, written
    with the member_no of the first build (as the Logbook reads them)."""
    root = tmp_path_factory.mktemp("c2564logbook")
    no = _member_nos(_built(root))

    def logbook(year_dir: Path) -> None:
        write_source(year_dir, "logbook_correction", _corrections(no))
        write_source(year_dir, "logbook_assessment", _assessments())

    w = Warehouse(_built(root, logbook))
    yield w
    w.close()


def test_corrections_change_exactly_the_hand_computed_counts(corrected: Warehouse) -> None:
    s = summary(corrected, year=YEAR, area="TH")
    # The survey counts stay as surveyed.
    assert (s["households_surveyed"], s["persons_surveyed"]) == (9, 12)
    # MPI-poor: HA (a1 only), HD, HE; HB is not poor, HC has nobody left.
    assert (s["mpi_poor_households"], s["mpi_poor_persons"]) == (3, 3)
    assert (s["target_persons"], s["target_households"]) == (3, 3)
    assert s["groups"] == {"1": 3, "2": 2, "3": 4}
    assert s["dimensions"]["health"] == {"households": 1, "persons": 1, "target_persons": 1}
    assert s["dimensions"]["education"] == {"households": 0, "persons": 0, "target_persons": 0}
    assert s["indicators"]["22"] == {"households": 3, "persons": 3}
    assert s["indicators"]["7"] == {"households": 0, "persons": 0}
    doc = hs.households_document(corrected, year=YEAR, area="TH")
    assert [i["household_id"] for i in doc["items"]] == [HA, HD, HE]
    ha = hs.household_document(corrected, year=YEAR, household_id=HA)
    assert ha["corrections"] == ["deceased"]
    assert [m["group"] for m in ha["members"]] == ["1", None]
    hb = hs.household_document(corrected, year=YEAR, household_id=HB)
    assert (hb["mpi_poor"], hb["corrections"], hb["priority"]) == (True, ["not_poor"], None)
    assert hs.household_document(corrected, year=YEAR, household_id=HD)["corrections"] == [
        "wrong_data"
    ]


def test_an_assessment_adds_the_latest_assessed_mpi_beside_the_surveys(
    corrected: Warehouse,
) -> None:
    ha = hs.household_document(corrected, year=YEAR, household_id=HA)
    assert (ha["failed_indicators"], ha["mpi_poor"]) == ([1, 8, 22], True)
    assert (ha["assessed_mpi_poor"], ha["assessed_failed_indicators"]) == (True, [22])
    hd = hs.household_document(corrected, year=YEAR, household_id=HD)
    assert (hd["assessed_mpi_poor"], hd["assessed_failed_indicators"]) == (False, [])
    he = hs.household_document(corrected, year=YEAR, household_id=HE)
    assert (he["assessed_mpi_poor"], he["assessed_failed_indicators"]) == (None, None)


def test_the_report_counts_rows_applied_matching_nothing_and_rejected(
    corrected: Warehouse,
) -> None:
    yr = json.loads((corrected.version / BUILD_REPORT).read_text())["years"][str(YEAR)]
    lb = yr["logbook"]
    assert lb["logbook_correction"]["applied"] == 4
    assert lb["logbook_correction"]["matched_nothing"] == 2
    assert lb["logbook_correction"]["applied_by_kind"] == {
        "deceased": 1, "moved_out": 1, "not_poor": 1, "wrong_data": 1,
    }  # fmt: skip
    assert (lb["logbook_correction"]["persons_excluded"], lb["logbook_correction"]["households_excluded"]) == (3, 1)  # fmt: skip
    assert lb["logbook_assessment"] == {"applied": 3, "matched_nothing": 1, "households_assessed": 2}  # fmt: skip
    assert lb["logbook_person"]["applied"] == 2
    assert yr["sources"]["logbook_correction"]["reasons"] == {
        "bad_correction_kind": 1, "bad_date": 1, "bad_member_no": 1,
        "duplicate_record_id": 1, "missing_record_id": 1,
    }  # fmt: skip
    assert yr["sources"]["logbook_assessment"]["reasons"] == {
        "bad_indicator": 1, "indicator_out_of_range": 1,
    }  # fmt: skip
    rejects = (corrected.version / REJECTS / "logbook_correction.csv").read_text()
    assert "duplicate_record_id" in rejects


def test_a_rebuild_of_the_same_sources_gives_the_same_counts(
    corrected: Warehouse, tmp_path: Path
) -> None:
    src = Path(json.loads((corrected.version / BUILD_REPORT).read_text())["sources_dir"])
    build(src, tmp_path / "again")
    version = current_version(tmp_path / "again")
    assert version is not None
    w = Warehouse(tmp_path / "again")
    try:
        for area in ("TH", V1, V2):
            assert summary(w, year=YEAR, area=area) == summary(corrected, year=YEAR, area=area)
    finally:
        w.close()


def test_tpmap_summary_prints_the_corrected_counts(corrected: Warehouse) -> None:
    from typer.testing import CliRunner

    from tpmap.cli import app

    wh_dir = corrected.version.parent.parent
    r = CliRunner().invoke(
        app, ["summary", "--warehouse", str(wh_dir), "--year", str(YEAR), "--area", V1, "--json"]
    )
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    # Village 1 holds HA-HE: 5 households, 6 persons as surveyed; after the corrections
    # a1, d1, e1 are the MPI-poor and target persons of HA, HD, HE.
    assert (s["households_surveyed"], s["persons_surveyed"]) == (5, 6)
    assert (s["mpi_poor_households"], s["mpi_poor_persons"]) == (3, 3)
    assert (s["target_persons"], s["target_households"]) == (3, 3)
    assert s["groups"] == {"1": 3, "2": 0, "3": 0}
