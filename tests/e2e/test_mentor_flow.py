"""A mentor on a 360 px phone: logs in and lands on "my households" (by priority, with what
is due), opens the first household, records a first home visit, and sees it on the
household page and no longer due on the list. Tap targets are at least 44 px and the page
never scrolls sideways."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.web_kit import H1, H3, PASSWORD, YEAR, make_user
from tpmap.logbook import services
from tpmap.logbook.models import Visit
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tall_enough(page: Any, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return bool(box and box["height"] >= 44)


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_a_mentor_records_a_first_visit_from_my_households(
    phone: Any, people: dict[str, Any]
) -> None:
    somsri = make_user("somsri", "mentor", "3401", "โรงเรียนบ้านนาคำ")
    for hid, village in ((H1, "34010101"), (H3, "34010102")):
        services.mentor_assign(
            Act(people["district"]),
            household=HouseholdRef(YEAR, hid, village, is_target=True),
            data=services.MentorInput(assigned_on=date(2026, 11, 1), user=somsri, kind="student"),
        )
    page = phone
    page.goto("/login/")
    page.get_by_label("ชื่อผู้ใช้").fill("somsri")
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url("**/my-households/")
    rows = page.locator("#work-rows li")
    assert rows.count() == 2
    # H3 (rank 1) before H1 (rank 2); both due a first visit.
    assert rows.nth(0).get_attribute("data-household") == H3
    assert "เยี่ยมบ้านครั้งแรก" in rows.nth(1).inner_text()
    assert tall_enough(page, "#work-rows a.name")
    assert no_horizontal_scroll(page)

    page.get_by_role("link", name="สมชาย ใจดี").click()
    page.wait_for_selector("#home-visits")
    page.locator("#home-visits a.btn").click()
    page.wait_for_selector("#id_found")
    assert no_horizontal_scroll(page)
    page.fill("#id_found", "พบหัวหน้าครัวเรือน ปลูกผักสวนครัวแล้ว")
    page.select_option("#id_outcome", "better")
    assert tall_enough(page, "button[type=submit]")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("#home-visits >> text=ปลูกผักสวนครัวแล้ว")
    assert "พบครัวเรือน 1 ครั้ง" in page.inner_text("#home-visits")
    assert tall_enough(page, "#home-visits .row-actions .btn")
    assert no_horizontal_scroll(page)
    visit = Visit.objects.get()
    assert (visit.household_id, visit.outcome, visit.created_by_id) == (H1, "better", somsri.pk)

    page.goto("/my-households/")
    h1_row = page.locator(f'#work-rows li[data-household="{H1}"]')
    assert "เยี่ยมบ้านครั้งแรก" not in h1_row.inner_text()


def test_a_visit_recorded_offline_in_the_field_app_reaches_the_server_once(
    phone: Any, people: dict[str, Any]
) -> None:
    from tests.e2e.test_offline import open_field_app, pending

    page = phone
    open_field_app(page, people)
    page.get_by_role("link", name="สมชาย ใจดี").click()
    page.wait_for_selector("#visit-form")
    page.context.set_offline(True)
    page.fill("#v-found", "ไม่อยู่บ้าน ไปทำนา")
    page.select_option("#v-outcome", "not_home")
    page.locator("#visit-form button[type=submit]").click()
    pending(page, "รอส่ง 1 รายการ")
    assert Visit.objects.count() == 0
    page.context.set_offline(False)
    pending(page, "ไม่มีรายการรอส่ง")
    visit = Visit.objects.get()
    assert (visit.found, visit.outcome, visit.created_by.username) == (
        "ไม่อยู่บ้าน ไปทำนา",
        "not_home",
        "team",
    )
    assert visit.client_id is not None
    page.get_by_role("button", name="ส่งข้อมูลตอนนี้").click()
    page.wait_for_selector("#sync-message >> text=ส่งข้อมูลแล้ว 0 รายการ")
    assert Visit.objects.count() == 1


def test_the_work_pages_and_settings_fit_a_360_px_phone(phone: Any, people: dict[str, Any]) -> None:
    page = phone
    page.goto("/login/")
    page.get_by_label("ชื่อผู้ใช้").fill("prov_admin")
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url("**/households/**")
    for url in (
        "/work/",
        "/work/not-visited/",
        "/work/no-mentor/",
        "/settings/province/",
        f"/households/{YEAR}/{H1}/mentor/",
        f"/households/{YEAR}/{H1}/visits/new/",
    ):
        page.goto(url)
        assert no_horizontal_scroll(page), url
    page.goto("/work/no-mentor/")
    assert tall_enough(page, "#work-rows a.name")
    page.goto("/work/not-visited/")
    page.fill("#days", "7")
    page.get_by_role("button", name="แสดง").click()
    page.wait_for_url("**days=7**")
    page.goto("/settings/province/")
    page.fill("#id_mentor_household_limit", "1")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=บันทึกการตั้งค่าของจังหวัดแล้ว")
