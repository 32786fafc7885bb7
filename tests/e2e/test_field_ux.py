"""The field UX a district officer meets on a 360 px phone: search results brought into
view, the household's target group said in Thai, a pin from the survey's coordinates, a
date chosen in the Buddhist era, 44 px tap targets, delete apart from edit, the printed
profile."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.e2e.test_visit_flow import login, no_horizontal_scroll
from tests.web_kit import H1, YEAR
from tpmap.logbook.models import Pin, Problem
from tpmap.site.thaidate import format_be, thai_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every visible link, button, field and summary outside the map, smaller than 44 x 44 px
# (a radio or checkbox counts by its label, which is what a finger taps).
SMALL_TARGETS = """() => {
  const out = [];
  document.querySelectorAll('a, button, input:not([type=hidden]), select, textarea, summary')
    .forEach(el => {
      if (el.closest('.leaflet-container')) return;
      let box = el;
      if (el.type === 'radio' || el.type === 'checkbox') {
        box = el.closest('label') || document.querySelector('label[for="' + el.id + '"]') || el;
      }
      const r = box.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') return;
      if (r.height < 44 || r.width < 44) {
        out.push(el.tagName + ' "' + (el.innerText || el.name || '').trim().slice(0, 30) + '" '
          + Math.round(r.width) + 'x' + Math.round(r.height));
      }
    });
  return out;
}"""


def in_view(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            "s => { const r = document.querySelector(s).getBoundingClientRect();"
            " return r.top >= 0 && r.top < window.innerHeight; }",
            selector,
        )
    )


def test_search_household_pin_from_the_survey_and_a_be_date_on_a_phone(
    phone: Any, people: dict[str, Any]
) -> None:
    page = phone
    login(page, "district")

    # Search: the results come into view (the filters fill more than the screen).
    page.select_option("#id_subdistrict", "340101")
    page.wait_for_selector('#id_village option[value="34010101"]', state="attached")
    assert not in_view(page, "#results")
    page.get_by_role("button", name="ค้นหา", exact=True).click()
    page.wait_for_selector("#result-count")
    page.wait_for_function("() => window.scrollY > 0")
    assert in_view(page, "#results")
    assert page.evaluate("window.scrollY") > 0

    # The household: its target group's reason in Thai words.
    page.get_by_role("link", name="สมชาย ใจดี").click()
    page.wait_for_selector("#members")
    reason = page.locator('[data-key="reason"]').first.inner_text()
    assert reason == "เพราะ: อยู่ในการสำรวจ จปฐ. และ ยากจนตามดัชนี MPI และ มีบัตรสวัสดิการแห่งรัฐ"
    assert "mpi_poor" not in page.inner_text("body")
    assert page.evaluate(SMALL_TARGETS) == []
    assert no_horizontal_scroll(page)

    # The pin page starts at the survey's coordinates, said as such; saving keeps it so.
    page.get_by_role("link", name="ปักหมุดบ้าน").first.click()
    page.wait_for_selector("#pin-map[data-ready='1']")
    assert page.inner_text("#pin-source-label") == "พิกัดจากการสำรวจ จปฐ."
    assert page.input_value("#id_source") == "survey"
    assert page.locator("#pin-map path.survey-point.own").count() == 1
    # A tap elsewhere on the map is a tap; tapping the house's survey point takes it back.
    page.locator("#pin-map").scroll_into_view_if_needed()
    box = page.locator("#pin-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2 + 60, box["y"] + box["height"] / 2)
    assert page.inner_text("#pin-source-label") == "แตะบนแผนที่"
    page.locator("#pin-map path.survey-point.own").dispatch_event("click")
    assert page.input_value("#id_source") == "survey"
    assert (page.input_value("#id_latitude"), page.input_value("#id_longitude")) == (
        "15.240000",
        "104.850000",
    )
    assert page.evaluate(SMALL_TARGETS) == []
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=บันทึกพิกัดบ้านแล้ว")
    pin = Pin.objects.get()
    assert (pin.source, str(pin.latitude), str(pin.longitude)) == (
        "survey",
        "15.240000",
        "104.850000",
    )
    assert "(พิกัดจากการสำรวจ จปฐ." in page.inner_text("#location")

    # A problem dated from the Thai calendar: the 20th of last month, in พ.ศ.
    page.get_by_role("link", name="+ ปัญหา/ความต้องการ").click()
    page.fill("#id_title", "หลังคาบ้านผุพัง")
    field = page.get_by_label("วันที่:", exact=True)
    assert field.get_attribute("type") == "text"
    assert field.input_value() == format_be(date.today())
    picker = page.locator('[data-picker-for="id_occurred_on"]')
    assert picker.get_attribute("aria-label") == "เลือกวันที่จากปฏิทิน"
    picker.click()
    page.wait_for_selector(".picker")
    assert no_horizontal_scroll(page)
    assert page.evaluate(SMALL_TARGETS) == []
    page.get_by_role("button", name="เดือนก่อนหน้า").click()
    last_month = date.today().replace(day=1) - timedelta(days=1)
    chosen = last_month.replace(day=20)
    title = page.inner_text(".picker-title")
    assert title.endswith(str(chosen.year + 543))
    page.locator(f'.picker-day[data-date="{format_be(chosen)}"]').click()
    assert field.input_value() == format_be(chosen)  # e.g. 20/11/2569
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=บันทึกปัญหา/ความต้องการแล้ว")
    problem = Problem.objects.get()
    assert problem.occurred_on == chosen
    assert thai_date(chosen) in page.inner_text("#timeline")

    # Delete is apart from edit: both 44 px, on one row's two ends (or on two rows).
    edit = page.locator('#timeline [data-key="edit"]').bounding_box()
    delete = page.locator('#timeline [data-key="delete"]').bounding_box()
    assert edit["height"] >= 44 and delete["height"] >= 44
    apart = delete["x"] - (edit["x"] + edit["width"])
    assert apart >= 40 or delete["y"] >= edit["y"] + edit["height"], (edit, delete)
    assert page.evaluate(SMALL_TARGETS) == []

    # The printed profile: no navigation or buttons, a heading that says what it is.
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not any(a.is_visible() for a in page.locator(".actions").all())
    assert not page.locator('#timeline [data-key="delete"]').is_visible()
    assert page.locator('[data-key="print-head"]').is_visible()
    assert page.locator("#members").is_visible()
    page.emulate_media(media="screen")
    assert page.locator("#print-profile").is_visible()


def test_a_be_date_typed_wrong_is_refused_in_thai_and_kept_as_typed(
    phone: Any, people: dict[str, Any]
) -> None:
    page = phone
    login(page, "district")
    page.goto(f"/households/{YEAR}/{H1}/problems/new/")
    page.fill("#id_title", "น้ำไม่พอใช้")
    page.get_by_label("วันที่:", exact=True).fill("11/20/2026")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector(".errorlist")
    assert "กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 20/11/2569" in page.inner_text("main")
    assert page.get_by_label("วันที่:", exact=True).input_value() == "11/20/2026"
    assert not Problem.objects.exists()


def test_every_page_an_officer_meets_has_44_px_tap_targets_at_360_px(
    phone: Any, people: dict[str, Any]
) -> None:
    page = phone
    login(page, "district")
    household = f"/households/{YEAR}/{H1}/"
    pages = [
        f"/households/?year={YEAR}&subdistrict=340101",
        household,
        f"{household}problems/new/",
        f"{household}activities/new/",
        f"{household}folder/",
        f"{household}visit/",
        f"{household}assessment/",
        f"{household}mentor/",
        f"{household}pin/",
        "/additions/",
        "/additions/new/",
        "/map/",
        "/accounts/password/",
        "/monitor/",
        "/reports/",
        f"/open/{YEAR}/34/",
        "/open-data/",
    ]
    small = {}
    for url in pages:
        page.goto(url)
        page.wait_for_load_state()
        found = page.evaluate(SMALL_TARGETS)
        if found:
            small[url] = found
        assert no_horizontal_scroll(page), url
    assert small == {}


def test_the_offline_field_app_takes_dates_in_the_buddhist_era_too(
    phone: Any, people: dict[str, Any]
) -> None:
    from tests.e2e.test_offline import open_field_app, pending
    from tpmap.logbook.models import Activity

    page = phone
    open_field_app(page, people)
    page.get_by_role("link", name="สมชาย ใจดี").click()
    page.wait_for_selector("#household")
    start = page.locator("#a-start")
    assert start.get_attribute("type") == "text"
    assert start.input_value() == format_be(date.today())
    assert page.locator("#p-date").input_value() == format_be(date.today())
    page.fill("#a-name", "ซ่อมหลังคาบ้าน")
    start.fill("11/21/2026")  # month first, Christian era: refused, nothing queued
    page.locator("#activity-form button[type=submit]").click()
    page.wait_for_selector("#sync-message >> text=กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ.")
    assert page.inner_text("#pending-count") == "ไม่มีรายการรอส่ง"
    start.fill("21/11/2569")
    page.locator("#activity-form button[type=submit]").click()
    page.wait_for_selector("#records >> text=ซ่อมหลังคาบ้าน")
    pending(page, "ไม่มีรายการรอส่ง")
    activity = Activity.objects.get()
    assert (activity.name, activity.start_on) == ("ซ่อมหลังคาบ้าน", date(2026, 11, 21))
