"""A district officer's whole visit, done as a new user would on a 360 px phone, in Thai."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.logbook.images import jpeg_with_gps
from tests.web_kit import H1, H4, PASSWORD, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.models import Activity, Classification, Photo, Pin, Problem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page: Any, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url("**/households/**")


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_a_district_officer_does_the_whole_visit_on_a_phone(
    phone: Any, people: dict[str, Any], tmp_path: Any
) -> None:
    page = phone
    login(page, "district")
    assert page.locator("html").get_attribute("lang") == "th"
    assert no_horizontal_scroll(page)

    # Search: narrow the cascade to subdistrict Nai Mueang, then type part of a name.
    page.select_option("#id_subdistrict", "340101")
    page.wait_for_selector('#id_village option[value="34010101"]', state="attached")
    page.get_by_label("ชื่อหัวหน้าครัวเรือนหรือบ้านเลขที่").fill("สมชาย")
    page.get_by_role("button", name="ค้นหา", exact=True).click()
    page.wait_for_selector("#result-count")
    assert page.inner_text("#result-count") == "แสดง 1 ถึง 1 จาก 1 รายการ"
    page.get_by_role("link", name="สมชาย ใจดี").click()

    # The household page, audited.
    page.wait_for_selector("#members")
    assert page.url.endswith(f"/households/{YEAR}/{H1}/")
    body = page.inner_text("body")
    assert "60,000 บาท" in body and "0016" in body and "1100000000016" not in body
    assert no_horizontal_scroll(page)
    assert AuditEvent.objects.filter(action="view", household_id=H1).count() == 1

    # A problem with a photo taken on the phone.
    photo = tmp_path / "roof.jpg"
    photo.write_bytes(jpeg_with_gps())
    page.get_by_role("link", name="+ ปัญหา/ความต้องการ").click()
    page.fill("#id_title", "หลังคาบ้านผุพัง")
    page.get_by_label("รายละเอียดปัญหา").fill("ฝนตกรั่วทั้งหลัง")
    page.get_by_label("วันที่:", exact=True).fill("20/11/2569")
    page.set_input_files("#id_photos", str(photo))
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=บันทึกปัญหา/ความต้องการแล้ว")
    assert "20 พ.ย. 2569" in page.inner_text("#timeline")
    problem = Problem.objects.get()
    assert (problem.title, problem.created_by.username) == ("หลังคาบ้านผุพัง", "district")
    assert Photo.objects.filter(problem=problem).count() == 1
    thumb = page.locator("#timeline .thumbs img").first
    thumb.scroll_into_view_if_needed()  # a lazy thumbnail loads once it is in view
    loaded = False
    for _ in range(100):  # up to 10 s on a busy machine
        loaded = bool(thumb.evaluate("img => img.complete && img.naturalWidth > 0"))
        if loaded:
            break
        page.wait_for_timeout(100)
    assert loaded

    # An activity that answers the problem.
    page.get_by_role("link", name="บันทึกกิจกรรมแก้ปัญหานี้").click()
    page.get_by_label("ชื่อกิจกรรม").fill("ซ่อมหลังคาบ้าน")
    page.get_by_label("วันเริ่มต้น").fill("21/11/2569")
    page.get_by_label("วันสิ้นสุด").fill("25/11/2569")
    page.select_option("#id_indicator", "13")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=บันทึกกิจกรรมให้ความช่วยเหลือแล้ว")
    timeline = page.inner_text("#timeline")
    assert timeline.index("ซ่อมหลังคาบ้าน") < timeline.index("หลังคาบ้านผุพัง")
    activity = Activity.objects.get()
    assert (activity.problem, activity.indicator) == (problem, 13)

    # The pin: GPS first, then a tap on the map moves it.
    page.get_by_role("link", name="ปักหมุดบ้าน").first.click()
    page.wait_for_selector("#pin-map svg path", state="attached")
    page.get_by_role("button", name="ใช้ตำแหน่งปัจจุบัน (GPS)").click()
    # The page starts at the survey's coordinates; wait for the phone's fix to replace them.
    # Playwright's expect polls without evaluating a string (the CSP allows no eval).
    expect(page.locator("#id_source")).to_have_value("gps")
    assert page.input_value("#id_latitude") == "15.228700"
    assert page.input_value("#id_source") == "gps"
    page.locator("#pin-map").scroll_into_view_if_needed()
    box = page.locator("#pin-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2 + 30, box["y"] + box["height"] / 2)
    assert page.input_value("#id_source") == "map"
    tapped = float(page.input_value("#id_longitude"))
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=บันทึกพิกัดบ้านแล้ว")
    pin = Pin.objects.get()
    assert pin.source == "map" and abs(float(pin.longitude) - tapped) < 1e-6

    # Classification (family folder) with the head's photo.
    page.get_by_role("link", name="จำแนกครัวเรือน").first.click()
    page.get_by_label("มีความพร้อมสามารถพัฒนาได้").check()
    page.get_by_label("ต้องได้รับการช่วยเหลือเร่งด่วน").check()
    page.get_by_label("อบรม/ศึกษาดูงาน/พัฒนาความสามารถ").check()
    page.get_by_label("ทักษะด้านอาชีพของคนในครัวเรือน").fill("ทอผ้าไหม")
    page.set_input_files("#id_photo_head", str(photo))
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=บันทึกแบบสรุปข้อมูลครัวเรือนแล้ว")
    folder = Classification.objects.get()
    assert (folder.household_type, folder.wants_help, folder.help_kinds) == (
        "developable",
        "urgent",
        ["training"],
    )
    assert folder.photos.get().kind == "head"

    # The area map shows the pin in the developable colour, labelled with the head's name.
    page.get_by_role("link", name="แผนที่").click()
    page.wait_for_selector("#area-map path.leaflet-interactive")
    assert page.inner_text("#pin-count") == "1 หมุด"
    assert page.locator('#area-map path[fill="#1a9850"]').count() == 1

    # The dashboard counts the visit; its wide tables scroll inside their cards.
    page.get_by_role("link", name="ติดตามผล").click()
    page.wait_for_selector("#months")
    assert page.inner_text('[data-key="visited"]') == "1"  # H1 is a target household
    assert page.inner_text('[data-key="with_pin"]') == "1"
    assert "พ.ย. 2569" in page.inner_text("#months")
    assert no_horizontal_scroll(page)


def test_an_officer_of_another_district_cannot_open_the_household(
    phone: Any, people: dict[str, Any]
) -> None:
    login(phone, "other_district")
    response = phone.goto(f"/households/{YEAR}/{H1}/")
    assert response.status == 404
    assert "สมชาย" not in phone.inner_text("body")
    assert "ไม่พบหน้าที่ต้องการ" in phone.inner_text("body")
    response = phone.goto(f"/households/{YEAR}/{H4}/")
    assert response.status == 200
