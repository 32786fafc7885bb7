"""Fixtures of the web tests: a small built warehouse and named personas.

Warehouse (data year 2566): the pipeline personas of tests/warehouse/conftest.py in
Ubon Ratchathani, Mueang district, Nai Mueang (H1 Somchai fails 7 and 22; H2 Malee passes
all; H3 Boonmee fails 8, 9, 10, 11, 15, 20, 21), plus
* H4 Thongdee (34020000004, Si Mueang Mai district 3402, village 34020101), fails 22;
* H5 Phet (35010000005, Yasothon province 35, village 35010101), fails 7.

Personas (all with a password of ``PASSWORD``):
* ``national``      national administrator (TH)
* ``prov_admin``    governor/administrator of Ubon Ratchathani (34)
* ``prov_health``   provincial public health office of 34
* ``district``      district chief of Mueang Ubon (3401): H1-H3 are theirs
* ``other_district`` district community development officer of Si Mueang Mai (3402)
* ``team``          operations team of Nai Mueang subdistrict (340101)
* ``mentor``        mentor of Hua Ruea subdistrict (340104): no household of theirs here
* ``other_admin``   governor/administrator of Yasothon (35)
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.warehouse.conftest import write_personas
from tests.warehouse.sources_kit import household

H1, H2, H3 = "34010000001", "34010000002", "34010000003"
H4, H5 = "34020000004", "35010000005"
YEAR = 2566
PASSWORD = "Kh0ngJai-2566"

PERSONAS: dict[str, tuple[str, str, str]] = {
    "national": ("national_admin", "TH", "สศช."),
    "prov_admin": ("province_admin", "34", "ศาลากลางจังหวัดอุบลราชธานี"),
    "prov_health": ("province_public_health", "34", "สำนักงานสาธารณสุขจังหวัดอุบลราชธานี"),
    "district": ("district_chief", "3401", "ที่ว่าการอำเภอเมืองอุบลราชธานี"),
    "other_district": ("district_community_development", "3402", "สำนักงานพัฒนาชุมชนอำเภอศรีเมืองใหม่"),
    "team": ("operations_team", "340101", "ทีมปฏิบัติการตำบลในเมือง"),
    "mentor": ("mentor", "340104", "อำเภอเมืองอุบลราชธานี"),
    "other_admin": ("province_admin", "35", "ศาลากลางจังหวัดยโสธร"),
}


def _append(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    with path.open("a", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, extrasaction="ignore")
        for r in rows:
            w.writerow({c: "" if r.get(c) is None else r[c] for c in header})


def write_web_sources(year_dir: Path) -> None:
    write_personas(year_dir)
    _append(
        year_dir / "bmn_household.csv",
        [
            household(
                H4,
                "34020101",
                fails=(22,),
                na=(1, 2, 3),
                income_total=40000,
                village_name="นาคำน้อย",
                house_no="7",
            ),
            household(
                H5,
                "35010101",
                fails=(7,),
                na=(1, 2, 3),
                income_total=50000,
                village_name="ในเมือง",
                house_no="99",
            ),
        ],
    )
    _append(
        year_dir / "bmn_person.csv",
        [
            {
                "household_id": H4,
                "nid": "1100000000091",
                "title": "นาย",
                "first_name": "ทองดี",
                "last_name": "มั่นคง",
                "sex": "M",
                "age": 52,
                "relation": "head",
                "education": "primary",
            },
            {
                "household_id": H5,
                "nid": "1100000000105",
                "title": "นาง",
                "first_name": "เพชร",
                "last_name": "ดาวเด่น",
                "sex": "F",
                "age": 61,
                "relation": "head",
                "education": "none",
            },
        ],
    )


@pytest.fixture(scope="session")
def web_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tpmap.warehouse.build import build

    root = tmp_path_factory.mktemp("webwh")
    write_web_sources(root / "sources" / str(YEAR))
    build(root / "sources", root / "wh")
    return root / "wh"


@pytest.fixture
def web_settings(settings: Any, web_warehouse: Path, tmp_path: Path) -> Iterator[Any]:
    """Fast password hashing, photos under tmp_path, the test warehouse; no bulk-reading
    alert and no household's Logbook document remembered from an earlier test (its
    rolled-back ids are reused)."""
    from tpmap.accounts.bulk import forget_alerts
    from tpmap.api.calls import DOCUMENTS, LOGBOOKS
    from tpmap.site import warehouse

    forget_alerts()
    LOGBOOKS.clear()
    DOCUMENTS.clear()

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TPMAP_WAREHOUSE = web_warehouse
    settings.LANGUAGE_CODE = "th"
    warehouse.reset()
    yield settings
    warehouse.reset()


def make_user(username: str, role: str, area: str, agency: str = "") -> Any:
    from tpmap.accounts.models import User

    user = User(
        username=username,
        role=role,
        area_code=area,
        agency=agency,
        first_name=username,
        last_name="ทดสอบ",
    )
    user.set_password(PASSWORD)
    user.full_clean()
    user.save()
    return user


@pytest.fixture
def people(db: Any, web_settings: Any) -> dict[str, Any]:
    """Every persona of the module docstring, saved."""
    return {name: make_user(name, *spec) for name, spec in PERSONAS.items()}
