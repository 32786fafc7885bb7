"""Personas of the pipeline tests, in Ubon Ratchathani (34), Mueang district, Nai Mueang.

* Somchai's household (H1, village 34010101): Somchai (active card), his wife Somsri (card
  revoked in the latest round), their son (no NID, 9 years old). Fails indicators 7 and 22.
* Malee's household (H2, village 34010101): Malee, 70, active card, elderly allowance 600.
  Passes everything (1-3 and 28 not applicable).
* Boonmee's household (H3, village 34010102): Boonmee (no card), a second row with Somsri's
  NID (she belongs to H1: dropped as duplicate_nid), uncle Kham, 65, active card. Fails
  8, 9, 10, 11, 15, 20, 21.
* Registry only: Fah (active card, lives in 34010102), Gaew (active card, no village),
  Han (revoked card).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.warehouse.sources_kit import household, write_source

NID = {
    "somchai": "1100000000016",
    "somsri": "1100000000024",
    "boonmee": "1100000000032",
    "kham": "1100000000041",
    "malee": "1100000000059",
    "fah": "1100000000067",
    "gaew": "1100000000075",
    "han": "1100000000083",
}
H1, H2, H3 = "34010000001", "34010000002", "34010000003"


def write_personas(year_dir: Path) -> None:
    write_source(
        year_dir,
        "bmn_household",
        [
            household(
                H1,
                "34010101",
                fails=(7, 22),
                na=(1, 2, 3),
                income_total=60000,
                village_name="นาคำ",
                house_no="12/3",
                debt_formal=5000,
                debt_informal=2000,
                savings=0,
                house_tenure="own",
                latitude=15.24,
                longitude=104.85,
            ),
            household(H2, "34010101", na=(1, 2, 3, 28), income_total=90000, village_name="นาคำ"),
            household(
                H3,
                "34010102",
                fails=(8, 9, 10, 11, 15, 20, 21),
                income_total=30000,
                village_name="โนนสูง",
            ),
        ],
    )
    write_source(
        year_dir,
        "bmn_person",
        [
            {
                "household_id": H1,
                "nid": NID["somchai"],
                "title": "นาย",
                "first_name": "สมชาย",
                "last_name": "ใจดี",
                "sex": "M",
                "age": 45,
                "relation": "head",
                "education": "primary",
                "occupation": "เกษตรกร",
            },
            {
                "household_id": H1,
                "nid": NID["somsri"],
                "title": "นาง",
                "first_name": "สมศรี",
                "last_name": "ใจดี",
                "sex": "F",
                "birth_date": "1980-03-02",
                "relation": "spouse",
                "education": "primary",
            },
            {
                "household_id": H1,
                "nid": "",
                "title": "เด็กชาย",
                "first_name": "สมหวัง",
                "last_name": "ใจดี",
                "sex": "M",
                "birth_date": "2009-06-15",
                "relation": "child",
                "education": "primary",
            },
            {
                "household_id": H2,
                "nid": NID["malee"],
                "title": "นาง",
                "first_name": "มาลี",
                "last_name": "ศรีสุข",
                "sex": "F",
                "age": 70,
                "relation": "head",
                "education": "none",
            },
            {
                "household_id": H3,
                "nid": NID["boonmee"],
                "title": "นาย",
                "first_name": "บุญมี",
                "last_name": "มีสุข",
                "sex": "M",
                "age": 50,
                "relation": "head",
                "education": "none",
            },
            {
                "household_id": H3,
                "nid": NID["somsri"],
                "title": "นาง",
                "first_name": "สมศรี",
                "last_name": "ใจดี",
                "sex": "F",
                "age": 38,
                "relation": "spouse",
                "education": "none",
            },
            {
                "household_id": H3,
                "nid": NID["kham"],
                "title": "นาย",
                "first_name": "คำ",
                "last_name": "มีสุข",
                "sex": "M",
                "age": 65,
                "relation": "relative",
                "education": "none",
            },
        ],
    )
    write_source(
        year_dir,
        "welfare_card",
        [
            {
                "nid": NID["somchai"],
                "registered_round": 2565,
                "status": "active",
                "monthly_benefit": 300,
            },
            {
                "nid": NID["somsri"],
                "registered_round": 2562,
                "status": "active",
                "monthly_benefit": 300,
            },
            {
                "nid": NID["somsri"],
                "registered_round": 2565,
                "status": "revoked",
                "monthly_benefit": 0,
            },
            {
                "nid": NID["kham"],
                "registered_round": 2565,
                "status": "active",
                "monthly_benefit": 300,
            },
            {
                "nid": NID["malee"],
                "registered_round": 2565,
                "status": "active",
                "monthly_benefit": 300,
            },
            {
                "nid": NID["fah"],
                "registered_round": 2565,
                "status": "active",
                "village_code": "34010102",
            },
            {"nid": NID["gaew"], "registered_round": 2565, "status": "active"},
            {
                "nid": NID["han"],
                "registered_round": 2565,
                "status": "revoked",
                "village_code": "34010102",
            },
        ],
    )
    write_source(
        year_dir,
        "allowance",
        [
            {
                "nid": NID["malee"],
                "kind": "elderly",
                "monthly_amount": 600,
                "paying_agency": "อบต.ในเมือง",
            },
        ],
    )
    write_source(
        year_dir,
        "health_coverage",
        [
            {
                "nid": NID["somchai"],
                "scheme": "UCS",
                "main_hospital_code": "10669",
                "main_hospital_name": "โรงพยาบาลสรรพสิทธิประสงค์",
            },
        ],
    )


@pytest.fixture(scope="module")
def personas_2562(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Sources with the personas as data year 2562 (policy 2562) and a built warehouse."""
    from tpmap.warehouse.build import build

    root = tmp_path_factory.mktemp("p2562")
    write_personas(root / "sources" / "2562")
    build(root / "sources", root / "wh")
    return root / "sources", root / "wh"
