"""Routing on a 360 px phone, in Thai: the district routes a problem from the proposed menu
and escalates it, and an activity that duplicates another agency's help is warned, then
confirmed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.e2e.test_visit_flow import login, no_horizontal_scroll
from tests.web_kit import H1, YEAR
from tpmap.logbook import services
from tpmap.logbook.models import Activity, Agency, MenuItem, Problem
from tpmap.logbook.routing.seed import seed_catalogue
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HH1 = HouseholdRef(YEAR, H1, "34010101")


def _agency(name: str) -> Agency:
    return Agency.objects.get(name=name, province_code="")


def _tall_enough(page: Any, selector: str) -> bool:
    return bool(
        page.locator(selector).first.evaluate("e => e.getBoundingClientRect().height >= 44")
    )


def test_the_district_routes_escalates_and_confirms_a_duplicate_on_a_phone(
    phone: Any, people: dict[str, Any]
) -> None:
    seed_catalogue(Agency, MenuItem)  # the transactional tests before may have flushed it
    problem = services.problem_create(
        Act(people["team"]),
        household=HH1,
        data=services.ProblemInput(
            title="รายได้ไม่พอใช้", occurred_on=date(2026, 11, 1), dimension="income", indicator=22
        ),
    )
    page = phone
    login(page, "district")
    page.goto(f"/households/{YEAR}/{H1}/")
    page.get_by_role("link", name="มอบหมาย/ติดตาม").click()
    page.wait_for_selector("#assign")
    assert no_horizontal_scroll(page)
    kkkj = MenuItem.objects.get(province_code="", key="khok_nong_na")
    # Proposed from the menu of MPI indicator 22, with its agency.
    assert page.input_value("#id_menu_item_id") == str(kkkj.pk)
    assert page.input_value("#id_agency_id") == str(_agency("กรมการพัฒนาชุมชน").pk)
    due = date.today() + timedelta(days=30)
    page.fill("#id_due_on", due.isoformat())
    # The form's submit button (the due date's calendar button is a button too).
    assert _tall_enough(page, "#assign button[type=submit]")
    page.locator("#assign button[type=submit]").click()
    page.wait_for_selector("text=มอบหมายหน่วยงานแล้ว")
    problem.refresh_from_db()
    assert (problem.status, problem.due_on, problem.menu_item_id) == ("assigned", due, kkkj.pk)

    page.get_by_label("เหตุผลที่ส่งต่อจังหวัด").fill("ต้องใช้งบประมาณเกินระดับอำเภอ")
    page.locator("#escalate button").click()
    page.wait_for_selector("text=ส่งต่อจังหวัดแล้ว")
    history = page.inner_text("#history")
    assert "ต้องใช้งบประมาณเกินระดับอำเภอ" in history and "ส่งต่อจังหวัด" in history
    assert Problem.objects.get().status == "escalated"
    assert no_horizontal_scroll(page)

    # Another agency already helps on indicator 20 this month.
    services.activity_create(
        Act(people["team"]),
        household=HH1,
        data=services.ActivityInput(
            name="ฝึกอาชีพเย็บผ้า",
            agency_id=_agency("กรมพัฒนาฝีมือแรงงาน").pk,
            indicator=20,
            start_on=date(2026, 11, 1),
            end_on=date(2026, 11, 30),
        ),
    )
    page.goto(f"/households/{YEAR}/{H1}/activities/new/")
    page.get_by_label("ชื่อกิจกรรม").fill("อบรมอาชีพ")
    page.select_option("#id_agency_id", str(_agency("กรมการพัฒนาชุมชน").pk))
    page.get_by_label("วันเริ่มต้น").fill("2026-11-10")
    page.select_option("#id_indicator", "20")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=ตรวจสอบแล้วยืนยันหากต้องการบันทึก")
    assert Activity.objects.count() == 1
    assert no_horizontal_scroll(page)
    page.get_by_label("ตรวจสอบแล้ว ยืนยันบันทึกแม้ซ้ำซ้อนกับหน่วยงานอื่น").check()
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=บันทึกกิจกรรมให้ความช่วยเหลือแล้ว")
    saved = Activity.objects.latest("id")
    assert (saved.agency, saved.duplicate_confirmed) == ("กรมการพัฒนาชุมชน", True)
    assert "ซ้ำซ้อนกับหน่วยงานอื่น" in page.inner_text("#timeline")
