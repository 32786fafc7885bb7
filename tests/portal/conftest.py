"""Fixtures of the portal tests: a small synthetic country (2 provinces, Samut Songkhram 75
and Samut Sakhon 74, data years 2562 and 2566) built into a warehouse once per session."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

YEARS = (2562, 2566)
PROVINCES = ["75", "74"]
HOUSEHOLDS = 600


@pytest.fixture(scope="session")
def synth_country(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tpmap.synth import generate
    from tpmap.warehouse.build import build

    root = tmp_path_factory.mktemp("portal")
    for year in YEARS:
        generate(root / "sources", year=year, households=HOUSEHOLDS, seed=11, provinces=PROVINCES)
    build(root / "sources", root / "wh")
    return root


@pytest.fixture(scope="session")
def portal_warehouse(synth_country: Path) -> Path:
    return synth_country / "wh"


@pytest.fixture(scope="session")
def secrets_of(synth_country: Path) -> dict[str, set[str]]:
    """Personal data of the generated people, which no public page may show."""
    names: set[str] = set()
    last_names: set[str] = set()
    nids: set[str] = set()
    for year in YEARS:
        with (synth_country / "sources" / str(year) / "bmn_person.csv").open(
            encoding="utf-8", newline=""
        ) as f:
            for row in csv.DictReader(f):
                if row["first_name"] and row["last_name"]:
                    names.add(f"{row['first_name']} {row['last_name']}")
                    last_names.add(row["last_name"])
                if row["nid"]:
                    nids.add(row["nid"])
    return {"names": names, "last_names": last_names, "nids": nids}


@pytest.fixture
def portal_settings(settings: Any, portal_warehouse: Path) -> Iterator[Any]:
    from tpmap.site import warehouse

    settings.TPMAP_WAREHOUSE = portal_warehouse
    settings.LANGUAGE_CODE = "th"
    warehouse.reset()
    yield settings
    warehouse.reset()


@pytest.fixture
def wh(portal_warehouse: Path) -> Iterator[Any]:
    from tpmap.warehouse.read.base import Warehouse

    with Warehouse(portal_warehouse) as w:
        yield w
