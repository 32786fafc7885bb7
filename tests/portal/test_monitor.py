"""The monitoring dashboard: login required, counts of Logbook records within the
officer's area only, beside the warehouse's target households."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tests.web_kit import H1, H2, H4, H5, YEAR
from tpmap.logbook.models import Activity, Classification, Problem
from tpmap.warehouse.selectors import Warehouse, summary

pytestmark = pytest.mark.django_db

VILLAGE = {H1: "34010101", H2: "34010101", H4: "34020101", H5: "35010101"}


def record_work(user: Any) -> None:
    for hh in (H1, H2, H4, H5):
        Problem.objects.create(
            year=YEAR,
            household_id=hh,
            village_code=VILLAGE[hh],
            created_by=user,
            title="ไม่มีงานทำ",
            performer="ทีม",
            agency="พช.",
            occurred_on=date(2024, 1, 5),
        )
    Activity.objects.create(
        year=YEAR,
        household_id=H1,
        village_code=VILLAGE[H1],
        created_by=user,
        name="ฝึกอาชีพ",
        performer="ทีม",
        agency="พช.",
        start_on=date(2024, 1, 6),
        end_on=date(2024, 1, 7),
    )
    Classification.objects.create(
        year=YEAR,
        household_id=H4,
        village_code=VILLAGE[H4],
        created_by=user,
        updated_by=user,
        household_type="developable",
        wants_help="urgent",
    )


def value(text: str, key: str) -> str:
    m = re.search(rf'data-key="{key}">([^<]*)<', text)
    assert m, key
    return m.group(1).strip()


def test_the_dashboard_needs_a_login(client: Any) -> None:
    r = client.get("/monitor/")
    assert r.status_code == 302 and "/login/" in r["Location"]


def test_a_district_chief_sees_only_their_district(
    client: Any, people: dict[str, Any], web_warehouse: Any
) -> None:
    record_work(people["national"])
    client.force_login(people["district"])
    text = client.get("/monitor/").content.decode()
    assert value(text, "households").startswith("2")  # H1 and H2, not H4 or H5
    assert value(text, "problems") == "2"
    assert value(text, "activities") == "1 (1)"
    assert value(text, "folders") == "0 (0)"
    with Warehouse(web_warehouse) as wh:
        s = summary(wh, year=YEAR, area="3401")
    assert value(text, "target_households") == str(s["target_households"])
    # Asking for another area gives their own area back.
    other = client.get("/monitor/?area=35").content.decode()
    assert value(other, "problems") == "2"
    assert "35010101" not in other


def test_the_national_administrator_sees_every_province(
    client: Any, people: dict[str, Any]
) -> None:
    record_work(people["national"])
    client.force_login(people["national"])
    text = client.get("/monitor/").content.decode()
    assert value(text, "households").startswith("4")
    assert value(text, "problems") == "4"
    assert value(text, "folders") == "1 (1)"
    assert re.findall(r'<tr data-code="(\d+)">', text) == ["34", "35"]
    province = client.get("/monitor/?area=34").content.decode()
    assert value(province, "problems") == "3"
    assert re.findall(r'<tr data-code="(\d+)">', province) == ["3401", "3402"]
