"""People without a surveyed household in the work lists of their village: card holders
outside the survey (group 3.2) and approved additions (group 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.logbook.fieldwork_kit import TODAY, addition_input
from tests.logbook.pages import text
from tests.web_kit import YEAR
from tpmap.logbook import services
from tpmap.site.officers import Act
from tpmap.site.warehouse import Warehouse

pytestmark = pytest.mark.django_db


def test_the_subdistrict_list_shows_card_holders_and_approved_additions(
    client: Client, people: dict[str, Any], wh: Warehouse
) -> None:
    approved = services.addition_create(
        Act(people["team"], today=TODAY), wh=wh, data=addition_input(village_code="34010102")
    )
    services.addition_decide(
        Act(people["district"]),
        addition=approved,
        data=services.DecisionInput(approve=True, identity_checked=True),
    )
    services.addition_create(  # pending: not yet someone to visit
        Act(people["team"], today=TODAY), wh=wh, data=addition_input(first_name="รอดู")
    )
    client.force_login(people["team"])
    page = text(client.get("/households/", {"year": str(YEAR), "status": "all"}))
    assert page.count('data-key="unhoused"') == 1  # Fah, group 3.2, village 34010102
    assert "เลขบัตร 4 ตัวท้าย 0067 · หมู่บ้าน 34010102" in page and "กลุ่ม 3.2" in page
    assert "1100000000067" not in page
    assert page.count('data-key="unhoused-added"') == 1
    assert "นางบัวผัน ตกหล่น" in page and "รอดู" not in page


def test_the_list_stays_inside_the_officer_area(client: Client, people: dict[str, Any]) -> None:
    client.force_login(people["other_district"])
    page = text(
        client.get("/households/", {"year": str(YEAR), "status": "all", "subdistrict": "340201"})
    )
    assert "0067" not in page
