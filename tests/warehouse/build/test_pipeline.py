"""Pipeline tests: the personas of conftest.py, built for real, with hand-computed results.

Hand computation (questionnaire 2560, official mapping; weights health/living/education 1/20,
income 1/15, access 1/10):
* H1 fails 7 (health) and 22 (income): failed_count 2, c = 1/20 + 1/15 = 0.11667 < 1/3.
* H3 fails 8-11 (living), 15 (education), 20-21 (income): failed_count 7,
  c = 4/20 + 1/20 + 2/15 = 0.38333 >= 1/3, so its 2 members are AF-poor.
* Persons surveyed 6 (H1 3, H2 1, H3 2 after Somsri's duplicate is dropped).
* H = 2/6, A = 0.38333, M0 = 0.12778.
* Policy 2562 targets surveyed & MPI-poor & active card: Somchai (H1) and Kham (H3).
  Somsri's card was revoked in the latest round, so she is not a target.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.warehouse.conftest import H1, H2, H3, NID, write_personas
from tests.warehouse.sources_kit import af_as_built
from tpmap.core.indicators import MPI_INDICATORS
from tpmap.warehouse.build import build
from tpmap.warehouse.read.base import NotFound, Warehouse
from tpmap.warehouse.read.households import household_document, households_document
from tpmap.warehouse.read.statistics import summary


@pytest.fixture(scope="module")
def wh(personas_2562: tuple[Path, Path]) -> Warehouse:
    w = Warehouse(personas_2562[1])
    yield w  # type: ignore[misc]
    w.close()


def test_country_summary_matches_the_hand_computation(wh: Warehouse) -> None:
    s = summary(wh, year=2562, area="TH")
    assert s["level"] == "country"
    assert (s["households_surveyed"], s["persons_surveyed"]) == (3, 6)
    assert (s["mpi_poor_households"], s["mpi_poor_persons"]) == (2, 5)
    assert (s["target_persons"], s["target_households"]) == (2, 2)
    assert s["groups"] == {"target": 2}
    assert s["dimensions"] == {
        "health": {"households": 1, "persons": 3, "target_persons": 1},
        "living": {"households": 1, "persons": 2, "target_persons": 1},
        "education": {"households": 1, "persons": 2, "target_persons": 1},
        "income": {"households": 2, "persons": 5, "target_persons": 2},
        "access": {"households": 0, "persons": 0, "target_persons": 0},
    }
    assert list(s["indicators"]) == [
        str(i) for i in (1, 4, 5, 7, 8, 9, 10, 11, 15, 16, 17, 19, 20, 21, 22, 27, 28)
    ]
    assert s["indicators"]["7"] == {"households": 1, "persons": 3}
    assert s["indicators"]["22"] == {"households": 1, "persons": 3}
    assert s["indicators"]["8"] == {"households": 1, "persons": 2}
    assert s["indicators"]["16"] == {"households": 0, "persons": 0}
    # Only H3 (2 persons of 6) is AF-poor: c = 5/20 + 2/15, summed as the build sums it.
    c = af_as_built(8, 9, 10, 11, 15, 20, 21)
    assert c == pytest.approx(23 / 60, abs=1e-15)
    h, a = 2 / 6, (2 * c) / 2
    assert s["af"] == {"k": 0.3333333333, "H": h, "A": a, "M0": h * a}
    assert s["star"] == {
        "health": 50.0,
        "living": 50.0,
        "education": 50.0,
        "income": 0.0,
        "access": 100.0,
    }


def test_village_and_province_summaries(wh: Warehouse) -> None:
    v1 = summary(wh, year=2562, area="34010101")
    assert v1["level"] == "village"
    assert v1["name_th"] == "หมู่ 1 บ้านนาคำ"
    assert (v1["households_surveyed"], v1["persons_surveyed"], v1["mpi_poor_persons"]) == (2, 4, 3)
    assert v1["target_persons"] == 1
    v2 = summary(wh, year=2562, area="34010102")
    assert (v2["households_surveyed"], v2["persons_surveyed"], v2["target_persons"]) == (1, 2, 1)
    p = summary(wh, year=2562, area="34")
    assert (p["name_th"], p["name_en"]) == ("อุบลราชธานี", "Ubon Ratchathani")
    assert p["persons_surveyed"] == 6


def test_an_area_without_data_gives_zeros_and_an_unknown_one_is_not_found(
    wh: Warehouse,
) -> None:
    s = summary(wh, year=2562, area="50")
    assert (s["name_en"], s["households_surveyed"], s["target_persons"]) == ("Chiang Mai", 0, 0)
    assert s["star"]["health"] == 100.0
    for bad in ("99", "3499", "34999999", "abc"):
        with pytest.raises(NotFound):
            summary(wh, year=2562, area=bad)
    with pytest.raises(NotFound):
        summary(wh, year=2570, area="TH")


def test_households_lists_poor_households_by_failed_count(wh: Warehouse) -> None:
    doc = households_document(wh, year=2562, area="34")
    assert doc["total"] == 2
    assert [i["household_id"] for i in doc["items"]] == [H3, H1]
    first = doc["items"][0]
    assert first == {
        "household_id": H3,
        "village_code": "34010102",
        "head_name": "บุญมี มีสุข",
        "address": "หมู่ 2 บ้านโนนสูง ต.ในเมือง อ.เมืองอุบลราชธานี จ.อุบลราชธานี",
        "failed_dimensions": ["living", "education", "income"],
        "failed_indicators": [8, 9, 10, 11, 15, 20, 21],
        "failed_count": 7,
        "members": 2,
        "target_members": 1,
    }


def test_households_filters_by_dimension_indicator_group_and_pages(wh: Warehouse) -> None:
    def ids(**kw: object) -> list[str]:
        return [
            i["household_id"] for i in households_document(wh, year=2562, area="TH", **kw)["items"]
        ]  # type: ignore[arg-type]

    assert ids(dimension="health") == [H1]
    assert ids(dimension="access") == []
    assert ids(indicator=22) == [H1]
    assert ids(indicator=15) == [H3]
    assert ids(group="target") == [H3, H1]
    assert [
        i["household_id"] for i in households_document(wh, year=2562, area="34010101")["items"]
    ] == [H1]
    page = households_document(wh, year=2562, area="TH", limit=1, offset=1)
    assert (page["total"], [i["household_id"] for i in page["items"]]) == (2, [H1])
    with pytest.raises(NotFound):
        households_document(wh, year=2562, area="TH", dimension="wealth")
    with pytest.raises(NotFound):
        households_document(wh, year=2562, area="TH", group="1.1")


def test_household_shows_members_with_last4_only(wh: Warehouse) -> None:
    h = household_document(wh, year=2562, household_id=H1)
    assert (h["income_total"], h["income_per_person"]) == (60000, 20000.0)
    assert (h["debt_formal"], h["debt_informal"], h["savings"]) == (5000, 2000, 0)
    # c = 1/20 (7) + 1/15 (22) at full precision: below 1/3, not AF-poor.
    assert (h["failed_count"], h["mpi_poor"]) == (2, True)
    assert (h["af_score"], h["af_poor"]) == (af_as_built(7, 22), False)
    assert h["af_score"] == 0.05 + 1 / 15
    assert h["indicators"]["1"] is None and h["indicators"]["7"] == 0
    assert list(h["indicators"]) == [str(i) for i in MPI_INDICATORS]
    names = [
        (m["nid_last4"], m["name"], m["age"], m["welfare_card"], m["group"]) for m in h["members"]
    ]
    assert names == [
        ("0016", "สมชาย ใจดี", 45, True, "target"),
        ("0024", "สมศรี ใจดี", 38, False, None),
        (None, "สมหวัง ใจดี", 9, False, None),  # no NID: null, not ""
    ]
    nos = [m["member_no"] for m in h["members"]]
    assert all(isinstance(n, int) for n in nos) and nos == sorted(nos) and len(set(nos)) == 3
    assert list(h["members"][0])[:2] == ["member_no", "nid_last4"]
    boonmee = household_document(wh, year=2562, household_id=H3)
    assert (boonmee["af_score"], boonmee["af_poor"]) == (
        af_as_built(8, 9, 10, 11, 15, 20, 21),
        True,
    )
    assert h["members"][0]["health_scheme"] == "UCS"
    text = json.dumps(h, ensure_ascii=False)
    assert all(n not in text for n in NID.values())
    malee = household_document(wh, year=2562, household_id=H2)["members"][0]
    assert malee["allowances"] == [{"kind": "elderly", "monthly_amount": 600}]
    with pytest.raises(NotFound):
        household_document(wh, year=2562, household_id="nope")


def test_report_counts_duplicates_and_linkage(personas_2562: tuple[Path, Path]) -> None:
    wh_dir = personas_2562[1]
    version = (wh_dir / "CURRENT").read_text().strip()
    report = json.loads((wh_dir / "versions" / version / "build_report.json").read_text())
    yr = report["years"]["2562"]
    assert yr["sources"]["bmn_person"]["reasons"] == {"duplicate_nid": 1}
    assert yr["duplicate_nids"]["examples"] == [
        {"nid_last4": "0024", "kept_household": H1, "dropped_household": H3}
    ]
    card = yr["linkage"]["welfare_card"]
    # 7 distinct NIDs on the card file; 4 of them are surveyed people (Somchai, Somsri, Kham, Malee).
    assert (card["rows"], card["distinct_nids"], card["matched_nids"]) == (8, 7, 4)
    assert yr["persons"] == {"surveyed": 6, "registry_only_card_holders": 2, "logbook_added": 0}
    rejects = (wh_dir / "versions" / version / "rejects" / "bmn_person.csv").read_text()
    assert "duplicate_nid" in rejects and NID["somsri"] not in rejects and "0024" in rejects


def test_policy_2566_places_each_person_in_the_first_group_and_keeps_every_rule(
    tmp_path: Path,
) -> None:
    write_personas(tmp_path / "s" / "2566")
    build(tmp_path / "s", tmp_path / "wh")
    with Warehouse(tmp_path / "wh") as wh:
        s = summary(wh, year=2566, area="TH")
        # 1.1 Somchai, Kham; 1.2 Somsri (revoked), her son, Boonmee; 2 Malee (70);
        # 3.2 Fah and Gaew (registry only, active card). Han's card is revoked: no group.
        assert s["groups"] == {"1.1": 2, "1.2": 3, "2": 1, "3.1": 0, "3.2": 2, "4": 0}
        assert s["target_persons"] == 5 and s["target_households"] == 2
        village = summary(wh, year=2566, area="34010102")
        assert village["groups"]["3.2"] == 1  # Fah; Gaew has no village and counts at TH only
        every = dict(
            wh.engine.fetchall(
                "SELECT group_id, every_rule FROM area_group_stats "
                "WHERE year = 2566 AND scope = 'all' AND area_code = 'TH'"
            )
        )
        assert every == {"1.1": 2, "1.2": 3, "2": 6, "3.1": 1, "3.2": 2}
        malee = household_document(wh, year=2566, household_id=H2)["members"][0]
        assert (malee["groups"], malee["group"]) == (["2", "3.1"], "2")
        listed = households_document(wh, year=2566, area="TH", group="2")
        assert [i["household_id"] for i in listed["items"]] == [H2]


def test_readers_follow_the_policy_and_mapping_the_build_used(tmp_path: Path) -> None:
    from tpmap.warehouse.build import BuildOptions

    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "2562.toml").write_text(
        'year = 2562\ntarget_groups = ["poor"]\n[[groups]]\nid = "poor"\nrule = "mpi_poor"\n'
        '[[groups]]\nid = "elderly"\nrule = "is_elderly"\n',
        encoding="utf-8",
    )
    write_personas(tmp_path / "s" / "2562")
    build(tmp_path / "s", tmp_path / "wh", options=BuildOptions(policies_dir=policies))
    with Warehouse(tmp_path / "wh") as wh:
        s = summary(wh, year=2562, area="TH")
        # Poor: H1 (3) and H3 (2). Elderly, not poor: Malee (70). Kham (65) is poor first.
        assert s["groups"] == {"poor": 5, "elderly": 1}
        assert s["target_persons"] == 5
        listed = households_document(wh, year=2562, area="TH", group="elderly")
        assert [i["household_id"] for i in listed["items"]] == [H2]


def test_readers_follow_the_mpi_mapping_file_the_build_was_given(tmp_path: Path) -> None:
    """MPI indicator 22 made to read item 23 (savings) instead of 22: the warehouse's
    mapping (read by the portal's bars and the dashboard) is the file's, not the default,
    and the 17 MPI numbers stay."""
    from tpmap.warehouse.build import BuildOptions

    items = {no: no for no in MPI_INDICATORS} | {22: 23}
    mapping = tmp_path / "mpi_2560.toml"
    mapping.write_text(
        'questionnaire = "2560"\nofficial = false\nnote = "test"\n[items]\n'
        + "".join(f"{k} = {v}\n" for k, v in items.items()),
        encoding="utf-8",
    )
    write_personas(tmp_path / "s" / "2562")
    build(tmp_path / "s", tmp_path / "wh", options=BuildOptions(mpi_mappings={"2560": mapping}))
    with Warehouse(tmp_path / "wh") as wh:
        m = wh.mpi_mapping(2562)
        assert (m.item(22), m.official, m.note) == (23, False, "test")
        assert wh.mpi_indicators(2562) == MPI_INDICATORS
        # H1 fails items 7 and 22; item 22 no longer counts, and H1 saves (item 23 passes).
        s = summary(wh, year=2562, area="34010101")
        assert s["dimensions"]["health"]["households"] == 1
        assert s["dimensions"]["income"]["households"] == 0
        assert household_document(wh, year=2562, household_id=H1)["failed_indicators"] == [7]


def test_no_card_scope_counts_only_households_without_an_active_card(tmp_path: Path) -> None:
    """Kham's card taken out: H3 (Boonmee, Kham) holds no active card; H1 (Somchai) and H2
    (Malee) do. The 'no_card' scope is H3 alone: 1 household, 2 persons, MPI-poor (c =
    0.38333, both AF-poor: H = 1, A = M0 = 0.38333); nobody in it is a 2562 target (the
    policy requires a card). Registry-only holders never count in it."""
    year_dir = tmp_path / "s" / "2562"
    write_personas(year_dir)
    cards = year_dir / "welfare_card.csv"
    cards.write_text(
        "".join(
            line for line in cards.read_text().splitlines(keepends=True) if NID["kham"] not in line
        )
    )
    build(tmp_path / "s", tmp_path / "wh")
    with Warehouse(tmp_path / "wh") as w:
        s = summary(w, year=2562, area="TH", scope="no_card")
        everyone = summary(w, year=2562, area="TH")
        village = summary(w, year=2562, area="34010101", scope="no_card")
        with pytest.raises(NotFound):
            summary(w, year=2562, area="TH", scope="nobody")
    assert (s["households_surveyed"], s["persons_surveyed"]) == (1, 2)
    assert (s["mpi_poor_households"], s["mpi_poor_persons"]) == (1, 2)
    assert (s["target_persons"], s["target_households"]) == (0, 0)
    assert s["groups"] == {"target": 0}
    assert s["dimensions"]["living"] == {"households": 1, "persons": 2, "target_persons": 0}
    assert s["dimensions"]["health"] == {"households": 0, "persons": 0, "target_persons": 0}
    assert s["indicators"]["8"] == {"households": 1, "persons": 2}
    assert s["indicators"]["7"] == {"households": 0, "persons": 0}
    c = af_as_built(8, 9, 10, 11, 15, 20, 21)
    assert s["af"] == {"k": 0.3333333333, "H": 1.0, "A": c, "M0": c}
    # Every household: Somchai is now the only target.
    assert (everyone["households_surveyed"], everyone["target_persons"]) == (3, 1)
    assert (village["households_surveyed"], village["persons_surveyed"]) == (0, 0)


def test_a_compressed_build_publishes_the_same_tables(
    personas_2562: tuple[Path, Path], tmp_path: Path
) -> None:
    """Small builds skip compressing their tables (only national ones need it, in a build
    file); both ways publish the same rows, and the build file goes with the temp folder."""
    from tpmap.warehouse import layout
    from tpmap.warehouse.build import BuildOptions
    from tpmap.warehouse.engine import connect

    sources, small = personas_2562
    build(sources, tmp_path / "wh", options=BuildOptions(compress=True))

    def version(wh_dir: Path) -> Path:
        return wh_dir / "versions" / (wh_dir / "CURRENT").read_text().strip()

    def report(wh_dir: Path) -> dict[str, object]:
        loaded: dict[str, object] = json.loads((version(wh_dir) / "build_report.json").read_text())
        return loaded

    assert report(small)["compressed_memory"] is False  # a few rows: decided by size
    assert report(tmp_path / "wh")["compressed_memory"] is True
    assert [p.name for p in version(tmp_path / "wh").iterdir() if p.name.startswith("_")] == []
    with connect() as eng:
        for table in ("households", "persons"):
            rows = [
                eng.fetchall(
                    f"SELECT * FROM read_parquet('{layout.year_table_dir(version(w), table)}/*.parquet') "
                    "ORDER BY ALL"
                )
                for w in (small, tmp_path / "wh")
            ]
            assert rows[0] == rows[1] and rows[0]
