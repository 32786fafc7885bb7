"""Group 4 (people the survey missed, with or without a NID) and the priority order under
policy 2566, on the personas of conftest.py built as data year 2566, plus field-team
additions: Lek and Noi without a NID (villages 34010101 and 34010102), Fah again (a
registry-only card holder, so she stays in 3.2, counted once) and a second record of Fah
(rejected as a duplicate NID).

Hand computation (first match): 1.1 Somchai, Kham = 2; 1.2 Somsri (card revoked), her son
(no NID), Boonmee = 3; 2 Malee (70: a dependent) = 1; 3.2 Fah, Gaew = 2; 4 Lek, Noi = 2.
Priority: H3 (deprived in 3 dimensions, failed_count 7) 1, H1 (failed_count 2) 2, H2
(group 2) 3. Target persons: Boonmee, Kham (H3, head first), Somchai, Somsri, the son (H1).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.warehouse.conftest import H1, H2, H3, NID, write_personas
from tests.warehouse.sources_kit import write_source
from tpmap.warehouse.build import build
from tpmap.warehouse.read.base import Warehouse
from tpmap.warehouse.read.statistics import summary


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    root = tmp_path_factory.mktemp("g4")
    year_dir = root / "sources" / "2566"
    write_personas(year_dir)
    write_source(
        year_dir,
        "logbook_person",
        [
            {
                "record_id": "L1",
                "nid": "",
                "first_name": "เล็ก",
                "last_name": "ไร้บัตร",
                "village_code": "34010101",
            },
            {
                "record_id": "L2",
                "nid": "",
                "first_name": "น้อย",
                "last_name": "ไร้บ้าน",
                "village_code": "34010102",
            },
            {
                "record_id": "L3",
                "nid": NID["fah"],
                "first_name": "ฟ้า",
                "last_name": "ใส",
                "village_code": "34010102",
            },
            {
                "record_id": "L4",
                "nid": NID["fah"],
                "first_name": "ฟ้า",
                "last_name": "ใส",
                "village_code": "34010102",
            },
        ],
    )
    build(root / "sources", root / "wh")
    w = Warehouse(root / "wh")
    yield w
    w.close()


def test_people_without_a_nid_are_group_4_and_everyone_is_counted_once(wh: Warehouse) -> None:
    s = summary(wh, year=2566, area="TH")
    assert s["groups"] == {"1.1": 2, "1.2": 3, "2": 1, "3.1": 0, "3.2": 2, "4": 2}
    assert (s["target_persons"], s["target_households"]) == (5, 2)
    assert summary(wh, year=2566, area="34010101")["groups"]["4"] == 1
    assert summary(wh, year=2566, area="34010102")["groups"] == {
        "1.1": 1, "1.2": 1, "2": 0, "3.1": 0, "3.2": 1, "4": 1,
    }  # fmt: skip
    fah = wh.engine.fetchall(
        'SELECT "group", logbook_added FROM persons WHERE year = 2566 AND nid = ?', [NID["fah"]]
    )
    assert fah == [("3.2", True)]


def test_households_and_target_persons_are_ranked_for_home_visits(wh: Warehouse) -> None:
    ranks = dict(wh.engine.fetchall("SELECT household_id, priority FROM households"))
    assert ranks == {H3: 1, H1: 2, H2: 3}
    persons = wh.engine.fetchall(
        "SELECT first_name FROM persons WHERE priority IS NOT NULL ORDER BY priority"
    )
    assert [p[0] for p in persons] == ["บุญมี", "คำ", "สมชาย", "สมศรี", "สมหวัง"]
