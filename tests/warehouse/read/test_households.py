"""Warehouse reads of the web Logbook, on the small warehouse of tests/web_kit.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web_kit import H1, H2, H3, H4, H5, YEAR
from tpmap.warehouse.read import areas
from tpmap.warehouse.read import households as ws
from tpmap.warehouse.read.base import Warehouse


@pytest.fixture(scope="module")
def wh(web_warehouse: Path) -> Iterator[Warehouse]:
    w = Warehouse(web_warehouse)
    yield w
    w.close()


def ids(result: dict[str, object]) -> list[str]:
    items = result["items"]
    assert isinstance(items, list)
    return [i["household_id"] for i in items]


def test_it_lists_an_areas_poor_households_most_failed_first(wh: Warehouse) -> None:
    r = ws.household_list(wh, year=YEAR, area="34")
    assert r["total"] == 3
    assert ids(r) == [H3, H1, H4]
    first = r["items"][0]
    assert first == {
        "household_id": H3,
        "village_code": "34010102",
        "head_name": "บุญมี มีสุข",
        "house_no": "",
        "address": "หมู่ 2 บ้านโนนสูง ต.ในเมือง อ.เมืองอุบลราชธานี จ.อุบลราชธานี",
        "failed_dimensions": ["living", "education", "income"],
        "failed_indicators": [8, 9, 10, 11, 15, 20, 21],
        "failed_count": 7,
        "members": 2,
        "target_members": 2,
        "member_groups": ["1.1", "1.2"],
        "priority": 1,
    }


def test_an_area_prefix_never_leaks_a_neighbouring_area(wh: Warehouse) -> None:
    assert ids(ws.household_list(wh, year=YEAR, area="3401")) == [H3, H1]
    assert ids(ws.household_list(wh, year=YEAR, area="3402")) == [H4]
    assert ids(ws.household_list(wh, year=YEAR, area="340201")) == [H4]
    assert ids(ws.household_list(wh, year=YEAR, area="35")) == [H5]
    assert ids(ws.household_list(wh, year=YEAR, area="3403")) == []
    assert ws.household_list(wh, year=YEAR, area="")["total"] == 4


def test_it_filters_by_dimension_indicator_group_and_status(wh: Warehouse) -> None:
    assert ids(ws.household_list(wh, year=YEAR, area="34", dimension="health")) == [H1]
    assert ids(ws.household_list(wh, year=YEAR, area="34", indicator=22)) == [H1, H4]
    assert ids(ws.household_list(wh, year=YEAR, area="34", group="1.1")) == [H3, H1]
    assert ids(ws.household_list(wh, year=YEAR, area="3401", poor_only=False)) == [H3, H1, H2]
    assert ids(ws.household_list(wh, year=YEAR, area="3401", poor_only=False, group="2")) == [H2]


def test_it_finds_a_head_by_part_of_the_name_or_a_house_number(wh: Warehouse) -> None:
    assert ids(ws.household_list(wh, year=YEAR, area="34", text="สมชาย")) == [H1]
    assert ids(ws.household_list(wh, year=YEAR, area="34", text=" สมชายใจดี ")) == [H1]
    assert ids(ws.household_list(wh, year=YEAR, area="34", text="ใจ")) == [H1]
    assert ids(ws.household_list(wh, year=YEAR, area="34", text="12")) == [H1]
    assert ids(ws.household_list(wh, year=YEAR, area="34", text="7")) == [H4]
    # The two spellings of sara am match each other.
    assert ids(ws.household_list(wh, year=YEAR, area="34", text="นาค\u0e4d\u0e32")) == []
    assert ws.normalize_thai("น\u0e4d\u0e32") == "น\u0e33"


def test_a_hostile_search_text_is_only_a_value(wh: Warehouse) -> None:
    r = ws.household_list(wh, year=YEAR, area="34", text="'; DROP TABLE households; --")
    assert r["total"] == 0
    assert ws.household_list(wh, year=YEAR, area="34")["total"] == 3


def test_it_sorts_and_pages(wh: Warehouse) -> None:
    by_name = ws.household_list(wh, year=YEAR, area="34", sort="name")
    assert [i["head_name"] for i in by_name["items"]] == ["ทองดี มั่นคง", "บุญมี มีสุข", "สมชาย ใจดี"]
    page2 = ws.household_list(wh, year=YEAR, area="34", limit=1, offset=1)
    assert (page2["total"], ids(page2), page2["limit"], page2["offset"]) == (3, [H1], 1, 1)
    assert ids(ws.household_list(wh, year=YEAR, area="34", sort="failed", descending=False)) == [
        H4,
        H1,
        H3,
    ]
    with pytest.raises(ValueError):
        ws.household_list(wh, year=YEAR, area="34", sort="nid")


def test_the_profile_has_every_field_and_only_the_last_4_nid_digits(wh: Warehouse) -> None:
    p = ws.household_detail(wh, year=YEAR, household_id=H1)
    assert p is not None
    assert (p["house_no"], p["house_tenure"], p["income_total"], p["income_per_person"]) == (
        "12/3",
        "own",
        60000.0,
        20000.0,
    )
    assert (p["debt_formal"], p["debt_informal"], p["savings"]) == (5000.0, 2000.0, 0.0)
    assert (p["latitude"], p["longitude"]) == (15.24, 104.85)
    assert p["failed_indicators"] == [7, 22]
    assert p["indicators"][7] == 0 and p["indicators"][8] == 1 and p["indicators"][1] is None
    # indicators: the 17 MPI numbers; items: every questionnaire item (the BMN summary).
    assert len(p["indicators"]) == 17 and len(p["items"]) == 31
    assert p["items"][23] == 1 and p["af_poor"] is False
    head = p["members"][0]
    assert head["nid_last4"] == "0016"
    assert (head["first_name"], head["welfare_card"], head["health_scheme"]) == (
        "สมชาย",
        True,
        "UCS",
    )
    assert head["main_hospital_name"] == "โรงพยาบาลสรรพสิทธิประสงค์"
    assert head["groups"] == ["1.1", "2"]
    assert [m["nid_last4"] for m in p["members"]] == ["0016", "0024", ""]
    assert "1100000000016" not in repr(p)
    assert all("nid" not in m for m in p["members"])
    malee = ws.household_detail(wh, year=YEAR, household_id=H2)
    assert malee is not None
    assert malee["members"][0]["allowances"] == [
        {"kind": "elderly", "monthly_amount": 600.0, "paying_agency": "อบต.ในเมือง"}
    ]
    assert ws.household_detail(wh, year=YEAR, household_id="nope") is None
    assert ws.household_detail(wh, year=YEAR, household_id=H1, village_code="34010102") is None
    assert ws.household_detail(wh, year=1999, household_id=H1) is None


def test_it_lists_a_subdistricts_villages(wh: Warehouse) -> None:
    assert areas.village_options(wh, subdistrict="340101") == [
        ("34010101", "หมู่ 1 บ้านนาคำ"),
        ("34010102", "หมู่ 2 บ้านโนนสูง"),
    ]
    assert areas.village_options(wh, subdistrict="34'01") == []


def test_it_gives_short_facts_of_some_households(wh: Warehouse) -> None:
    brief = ws.households_brief(wh, year=YEAR, household_ids=[H1, H5, "nope"])
    assert sorted(brief) == [H1, H5]
    assert brief[H5]["head_name"] == "เพชร ดาวเด่น" and brief[H5]["house_no"] == "99"
    assert ws.household_village(wh, year=YEAR, household_id=H4) == "34020101"
    assert ws.household_village(wh, year=YEAR, household_id="nope") is None
    assert ws.household_village(wh, year=YEAR, household_id=H4, prefix="3402") == "34020101"
    assert ws.household_village(wh, year=YEAR, household_id=H4, prefix="3401") is None


def test_a_reader_parses_each_parquet_footer_once_and_plans_without_join_reordering(
    wh: Warehouse,
) -> None:
    # A national households file has ~800 row groups of 83 columns: parsing its footer, and
    # the join order optimizer's statistics of every column of a view, on every query cost
    # more than the read itself.
    assert wh.engine.scalar("SELECT current_setting('parquet_metadata_cache')") is True
    assert wh.engine.scalar("SELECT current_setting('disabled_optimizers')") == "join_order"


def test_the_household_json_reads_its_columns_and_finds_the_village_from_the_members(
    wh: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws.READS.clear()  # read, not taken from the documents the process kept
    ws.household_document(wh, year=YEAR, household_id=H1)  # the version's columns, once
    seen: list[str] = []
    for name in ("fetchdicts", "fetchone", "fetchall", "scalar"):
        real = getattr(wh.engine, name)
        monkeypatch.setattr(
            wh.engine,
            name,
            lambda sql, params=None, real=real: seen.append(sql) or real(sql, params),
        )
    ws.READS.clear()  # read it again, not from the process's kept documents
    doc = ws.household_document(wh, year=YEAR, household_id=H1)
    assert (doc["village_code"], [m["nid_last4"] for m in doc["members"]]) == (
        "34010101",
        ["0016", "0024", None],
    )
    # Two reads of the year's files that may hold the household (their key ranges were read
    # from the footers once): the members by household id (persons is sorted by household,
    # so the engine reads one row group), which tells the village; then the household's row
    # in that village, only the columns the JSON shows (not the 83 of a row).
    assert len(seen) == 2
    assert 'FROM read_parquet(?) WHERE "household_id" = ? ORDER BY' in seen[0]
    assert 'FROM read_parquet(?) WHERE "household_id" = ? AND "village_code" = ?' in seen[1]
    assert "SELECT *" not in seen[1] and '"head_name"' not in seen[1]
    seen.clear()
    assert ws.household_document(wh, year=YEAR, household_id=H1, village_code="34010101") == doc
    assert len(seen) == 2 and all('"village_code" = ?' in s for s in seen)
    # Read again: the process keeps each household's document of a version, and gives a
    # copy (a caller adding its Logbook records changes nothing kept).
    seen.clear()
    again = ws.household_document(wh, year=YEAR, household_id=H1, village_code="34010101")
    assert again == doc and seen == []
    again["logbook"] = {"problems": []}
    again["members"].clear()
    assert ws.household_document(wh, year=YEAR, household_id=H1, village_code="34010101") == doc
    assert ws.household_place(wh, year=YEAR, household_id=H1, prefix="3401") == ("34010101", True)
    seen.clear()
    assert ws.household_place(wh, year=YEAR, household_id=H1, prefix="3401") == ("34010101", True)
    assert seen == []
    # A page of a households list too; a whole list (an export's) is read each time.
    page = ws.household_list(wh, year=YEAR, area="34", limit=20)
    seen.clear()
    assert ws.household_list(wh, year=YEAR, area="34", limit=20) == page and seen == []
    assert ws.household_list(wh, year=YEAR, area="34", limit=None)["total"] == 3
    read = len(seen)
    ws.household_list(wh, year=YEAR, area="34", limit=None)
    assert read > 0 and len(seen) == 2 * read


@pytest.fixture(scope="module")
def memberless(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    """The web warehouse plus H6, a household of village 34020101 without a member row."""
    from tests.warehouse.sources_kit import household
    from tests.web_kit import _append, write_web_sources
    from tpmap.warehouse.build import build

    root = tmp_path_factory.mktemp("memberless")
    year_dir = root / "sources" / str(YEAR)
    write_web_sources(year_dir)
    _append(year_dir / "bmn_household.csv", [household(H6, "34020101", fails=(7,), na=(1, 2, 3))])
    build(root / "sources", root / "wh")
    w = Warehouse(root / "wh")
    yield w
    w.close()


H6 = "34010000006"


def test_a_household_without_members_is_still_found_by_id_alone(memberless: Warehouse) -> None:
    # No member tells the village: it is looked up in the households themselves.
    found = ws.household_document(memberless, year=YEAR, household_id=H6)
    assert (found["village_code"], found["members"], found["failed_indicators"]) == (
        "34020101",
        [],
        [7],
    )
    assert (
        ws.household_document(memberless, year=YEAR, household_id=H6, village_code="34020101")
        == found
    )
    assert (
        ws.household_detail(memberless, year=YEAR, household_id=H6, village_code="34010101") is None
    )
    with pytest.raises(ws.NotFound):
        ws.household_document(memberless, year=YEAR, household_id="34010000099")
