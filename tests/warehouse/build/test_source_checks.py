"""Sources that confirm each other (F1): each source's as-of date from the year's
sources.toml, and the persons whose sources disagree, counted per area.

The personas of conftest.py (2562), with a disability registry holding Boonmee (type 3)
and the survey saying Boonmee and Kham are disabled:
* disabled in the survey, not in the registry: Kham (H3, village 34010102) -> 1;
* aged 60 or more without an elderly allowance: Kham (65) -> 1 (Malee, 70, has one);
* an active card holder in no surveyed household, with a village: Fah (34010102) -> 1
  (Gaew has no village, Han's card is revoked);
* no health scheme: everyone surveyed but Somchai: Somsri, the son, Malee (34010101),
  Boonmee, Kham (34010102) -> 5.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from tests.warehouse.conftest import H3, NID, write_personas
from tests.warehouse.sources_kit import write_source
from tpmap.warehouse.build import BuildError, build
from tpmap.warehouse.read.base import Warehouse
from tpmap.warehouse.read.checks import area_check_counts, check_persons


def _write(year_dir: Path) -> None:
    write_personas(year_dir)
    path = year_dir / "bmn_person.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["is_disabled"] = "1" if r["nid"] in (NID["boonmee"], NID["kham"]) else ""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(
            f, fieldnames=[*rows[0]] + (["is_disabled"] if "is_disabled" not in rows[0] else [])
        )
        w.writeheader()
        w.writerows(rows)
    write_source(year_dir, "disability", [{"nid": NID["boonmee"], "disability_type": 3}])
    (year_dir / "sources.toml").write_text(
        '[as_of]\nbmn_household = 2019-06-30\nwelfare_card = "2019-09-01"\n', encoding="utf-8"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("checks")
    _write(root / "sources" / "2562")
    report = build(root / "sources", root / "wh")
    return root / "wh", report


def test_the_report_gives_each_sources_as_of_date(built: tuple[Path, dict[str, Any]]) -> None:
    sources = built[1]["years"]["2562"]["sources"]
    assert sources["bmn_household"]["as_of"] == "2019-06-30"
    assert sources["welfare_card"]["as_of"] == "2019-09-01"
    assert sources["bmn_person"]["as_of"] is None
    assert sources["farmer_registry"]["as_of"] is None


def test_disagreements_are_counted_per_area(built: tuple[Path, dict[str, Any]]) -> None:
    assert built[1]["years"]["2562"]["disagreements"] == {
        "disabled_unregistered": 1,
        "elderly_no_allowance": 1,
        "card_not_surveyed": 1,
        "no_health_scheme": 5,
    }
    with Warehouse(built[0]) as wh:
        assert area_check_counts(wh, year=2562, area="34010101") == {
            "disabled_unregistered": 0,
            "elderly_no_allowance": 0,
            "card_not_surveyed": 0,
            "no_health_scheme": 3,
        }
        assert area_check_counts(wh, year=2562, area="3401") == {
            "disabled_unregistered": 1,
            "elderly_no_allowance": 1,
            "card_not_surveyed": 1,
            "no_health_scheme": 5,
        }
        # Never published: the public tables have no such column.
        assert not [c for c in wh.columns("public_area_stats") if c.startswith("check_")]


def test_the_persons_behind_a_check_show_the_last_4_digits_only(
    built: tuple[Path, dict[str, Any]],
) -> None:
    with Warehouse(built[0]) as wh:
        total, rows = check_persons(wh, year=2562, area="34010102")
        assert total == 3
        assert [(r["household_id"], r["name"], r["nid_last4"], r["checks"]) for r in rows] == [
            (H3, "บุญมี มีสุข", "0032", ["no_health_scheme"]),
            (
                H3,
                "คำ มีสุข",
                "0041",
                ["disabled_unregistered", "elderly_no_allowance", "no_health_scheme"],
            ),
            (None, "", "0067", ["card_not_surveyed"]),
        ]
        assert all("nid" not in r for r in rows)
        total, rows = check_persons(wh, year=2562, area="34", check="elderly_no_allowance")
        assert (total, [r["nid_last4"] for r in rows]) == (1, ["0041"])


def test_a_registry_not_given_flags_nobody(tmp_path: Path) -> None:
    write_personas(tmp_path / "s" / "2562")
    for name in ("allowance", "health_coverage"):
        (tmp_path / "s" / "2562" / f"{name}.csv").unlink()
    report = build(tmp_path / "s", tmp_path / "wh")
    assert report["years"]["2562"]["disagreements"] == {
        "disabled_unregistered": 0,
        "elderly_no_allowance": 0,
        "card_not_surveyed": 1,
        "no_health_scheme": 0,
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[as_of]\nwelfare = 2019-01-01\n", "unknown source 'welfare'"),
        ('[as_of]\nwelfare_card = "31/12/2562"\n', "must be YYYY-MM-DD"),
        ("[as_of\n", "bad 2562/sources.toml"),
    ],
)
def test_a_bad_sources_toml_stops_the_build_with_a_message(
    tmp_path: Path, text: str, message: str
) -> None:
    write_personas(tmp_path / "s" / "2562")
    (tmp_path / "s" / "2562" / "sources.toml").write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match=message):
        build(tmp_path / "s", tmp_path / "wh")
    assert not (tmp_path / "wh" / "CURRENT").exists()


def test_persons_by_registry_type_and_agency_per_area(built: tuple[Path, dict[str, Any]]) -> None:
    """F5: active card holders Somchai, Malee (34010101), Kham, Fah (34010102) and Gaew (no
    village: the country only); Malee's elderly allowance; Boonmee's disability type 3;
    Somchai's UCS scheme. Published like every public count: 1 to 4 is hidden."""
    cols = (
        "card_holders, allowance_elderly, allowance_disabled, disabled_type_3, "
        "disabled_type_1, health_ucs, health_sss"
    )
    with Warehouse(built[0]) as wh:
        got = {
            code: rest
            for code, *rest in wh.engine.fetchall(
                f"SELECT area_code, {cols} FROM area_stats WHERE year = 2562 AND scope = 'all' "
                "AND area_code IN ('TH', '34', '34010101', '34010102')"
            )
        }
        assert got == {
            "TH": [5, 1, 0, 1, 0, 1, 0],
            "34": [4, 1, 0, 1, 0, 1, 0],
            "34010101": [2, 1, 0, 0, 0, 1, 0],
            "34010102": [2, 0, 0, 1, 0, 0, 0],
        }
        public = wh.engine.fetchall(
            f"SELECT {cols} FROM public_area_stats WHERE year = 2562 AND scope = 'all' "
            "AND area_code = 'TH'"
        )
        assert public == [(5, None, 0, None, 0, None, 0)]
        groups = wh.engine.fetchall(
            "SELECT group_id, first_match FROM public_area_group_stats "
            "WHERE year = 2562 AND scope = 'all' AND area_code = 'TH'"
        )
        assert groups == [("target", None)]  # 2 target persons: hidden
