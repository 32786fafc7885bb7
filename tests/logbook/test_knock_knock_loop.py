"""The whole loop of issue 10: record in the Logbook -> export -> rebuild -> the summary
moves exactly as hand-computed."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.logbook.fieldwork_kit import HH1, NEW_NID, TODAY, addition_input
from tests.web_kit import YEAR, write_web_sources
from tpmap.logbook import services
from tpmap.site.officers import Act
from tpmap.site.warehouse import Warehouse
from tpmap.warehouse.build import build
from tpmap.warehouse.read.base import Warehouse as Reader
from tpmap.warehouse.read.statistics import summary

pytestmark = pytest.mark.django_db


def test_a_death_and_a_missed_person_reach_the_next_build(
    people: dict[str, Any], wh: Warehouse, tmp_path: Path
) -> None:
    before = summary(wh, year=YEAR, area="340101")
    somsri = next(n for n, name in services.household_members(wh, HH1).items() if "สมศรี" in name)
    services.correction_create(
        Act(people["team"], today=TODAY),
        wh=wh,
        household=HH1,
        data=services.CorrectionInput(
            kind="deceased", member_no=somsri, effective_on=date(2026, 11, 28)
        ),
    )
    added = services.addition_create(
        Act(people["team"], today=TODAY), wh=wh, data=addition_input(nid=NEW_NID)
    )
    services.addition_decide(
        Act(people["district"]),
        addition=added,
        data=services.DecisionInput(approve=True, identity_checked=True, note="ทะเบียนบ้าน"),
    )
    sources = tmp_path / "sources"
    write_web_sources(sources / str(YEAR))
    call_command(
        "tpmap_export_sources", "--year", str(YEAR), "--out", str(sources), stdout=StringIO()
    )
    build(sources, tmp_path / "wh")
    report = json.loads(next((tmp_path / "wh").rglob("build_report.json")).read_text())
    text = json.dumps(report)
    assert NEW_NID not in text
    with Reader(tmp_path / "wh") as after_wh:
        after = summary(after_wh, year=YEAR, area="340101")
    # Hand-computed: Somsri (H1, group 1.2, a target person) died, and the added woman
    # is a group-4 person of Nai Mueang; the survey counts stay as surveyed.
    assert (before["households_surveyed"], before["persons_surveyed"]) == (3, 6)
    assert (after["households_surveyed"], after["persons_surveyed"]) == (3, 6)
    assert (before["mpi_poor_persons"], after["mpi_poor_persons"]) == (5, 4)
    assert (before["target_persons"], after["target_persons"]) == (5, 4)
    assert (before["target_households"], after["target_households"]) == (2, 2)
    assert before["groups"] == {"1.1": 2, "1.2": 3, "2": 1, "3.1": 0, "3.2": 1, "4": 0}
    assert after["groups"] == {"1.1": 2, "1.2": 2, "2": 1, "3.1": 0, "3.2": 1, "4": 1}
    logbook = report["years"][str(YEAR)]["logbook"]
    assert logbook["logbook_person"]["persons_added"] == 1
    assert logbook["logbook_correction"] == {
        "applied": 1,
        "matched_nothing": 0,
        "applied_by_kind": {"deceased": 1},
        "persons_excluded": 1,
        "households_excluded": 0,
    }
