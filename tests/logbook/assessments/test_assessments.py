"""Re-assessment of the MPI indicators (the live MPI): the rules of
services.assessment_create, the items it derives and the household page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.logbook.fieldwork_kit import HH4, TODAY
from tests.logbook.pages import text
from tests.web_kit import H3, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.core.indicators import MpiMapping
from tpmap.logbook import selectors, services
from tpmap.logbook.models import Assessment
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act
from tpmap.site.warehouse import Warehouse

pytestmark = pytest.mark.django_db
HH3 = HouseholdRef(YEAR, H3, "34010102")  # fails 8, 9, 10, 11, 15, 20, 21


def assess(officer: Any, wh: Warehouse, results: dict[int, str], **kw: Any) -> Assessment:
    args: dict[str, Any] = {"assessed_on": date(2026, 11, 30), "results": results}
    args.update(kw)
    return services.assessment_create(
        Act(officer, today=TODAY),
        wh=wh,
        household=kw.pop("household", HH3),
        data=services.AssessmentInput(**{k: v for k, v in args.items() if k != "household"}),
    )


def test_an_assessment_stores_the_items_and_gives_the_live_mpi(
    people: dict[str, Any], wh: Warehouse
) -> None:
    a = assess(people["team"], wh, {8: "pass", 9: "pass", 10: "pass", 11: "fail", 28: "na"})
    a.refresh_from_db()
    assert a.results == {"8": "pass", "9": "pass", "10": "pass", "11": "fail", "28": "na"}
    assert a.items == {"ind_08": 1, "ind_09": 1, "ind_10": 1, "ind_11": 0, "ind_28": None}
    assert AuditEvent.objects.get(object_type="assessment").action == "create"
    profile = selectors.household_profile(wh, year=YEAR, household_id=H3)
    assert profile is not None
    live = selectors.live_mpi(wh, profile, selectors.latest_assessment(people["team"], HH3))
    assert live is not None
    assert [i.no for i in live.survey_failed] == [8, 9, 10, 11, 15, 20, 21]
    assert [i.no for i in live.now_passing] == [8, 9, 10]
    assert [i.no for i in live.still_failing] == [11, 15, 20, 21]
    assert live.mpi_poor


def test_an_item_two_indicators_read_fails_when_either_fails() -> None:
    items = {9: 18, 10: 18, 8: 13}
    assert services.assessment_items({9: "pass", 10: "fail", 8: "na"}, items) == {
        "ind_13": None,
        "ind_18": 0,
    }
    mapping = MpiMapping(questionnaire="2566", official=False, note="", items={9: 18, 10: 18})
    assert services.mpi_items(mapping) == {9: 18, 10: 18}


def test_an_assessment_needs_a_known_indicator_a_known_result_and_a_past_date(
    people: dict[str, Any], wh: Warehouse
) -> None:
    with pytest.raises(ValidationError) as e:
        assess(people["team"], wh, {2: "pass", 8: "good"}, assessed_on=date(2026, 12, 2))
    assert e.value.message_dict == {
        "assessed_on": ["วันที่ต้องไม่เป็นวันในอนาคต"],
        "results": ["ไม่ใช่ตัวชี้วัด MPI ของปีนี้: 2", "ผลการประเมินไม่ถูกต้อง: ตัวชี้วัด 8"],
    }
    with pytest.raises(ValidationError) as e:
        assess(people["team"], wh, {})
    assert e.value.message_dict == {"results": ["กรุณาประเมินอย่างน้อย 1 ตัวชี้วัด"]}
    assert Assessment.objects.count() == 0


def test_a_household_outside_the_area_cannot_be_assessed(
    people: dict[str, Any], wh: Warehouse
) -> None:
    with pytest.raises(PermissionDenied):
        assess(people["team"], wh, {22: "pass"}, household=HH4)
    assert Assessment.objects.count() == 0


def test_the_household_page_shows_the_live_mpi_beside_the_survey(
    client: Client, people: dict[str, Any]
) -> None:
    client.force_login(people["district"])
    r = client.post(
        f"/households/{YEAR}/{H3}/assessment/",
        {"assessed_on": "2026-11-30", "mpi_8": "pass", "mpi_9": "pass", "mpi_10": "pass"},
    )
    assert r.status_code == 302 and r["Location"] == f"/households/{YEAR}/{H3}/#live-mpi"
    page = text(client.get(f"/households/{YEAR}/{H3}/"))
    assert "ผ่านเกณฑ์แล้ว 3 จาก 7 ตัวชี้วัด" in page
    assert "ยังไม่ผ่านเกณฑ์ 4 ตัวชี้วัด" in page
    assert Assessment.objects.get().items == {"ind_08": 1, "ind_09": 1, "ind_10": 1}
