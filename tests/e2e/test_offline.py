"""The offline field app on a 360 px phone: the work list downloaded, a problem with a photo
recorded with no signal, the app reopened with no signal (from the service worker), and the
record sent once when the network is back; and a conflict resolved by the officer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.logbook.images import jpeg_with_gps
from tests.web_kit import H1, PASSWORD, YEAR
from tpmap.logbook import services
from tpmap.logbook.models import Mentor, Photo, Pin, Problem
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
H1_REF = HouseholdRef(YEAR, H1, "34010101")


def login(page: Any, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url("**/households/**")


def open_field_app(page: Any, people: dict[str, Any]) -> None:
    """The team member of Nai Mueang mentors H1; the app downloads the work list and its
    service worker takes control of the page (so it can serve it with no signal)."""
    Mentor.objects.create(
        year=YEAR,
        household_id=H1,
        village_code="34010101",
        name="team ทดสอบ",
        user=people["team"],
        agency="ทีมปฏิบัติการตำบลในเมือง",
        assigned_on=date(2026, 11, 1),
        assigned_by=people["district"],
    )
    login(page, "team")
    page.goto("/field/")
    page.wait_for_selector("#worklist a >> text=สมชาย ใจดี")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # A function, not an expression: Playwright evaluates an expression again on every
    # poll, which the page's CSP (no unsafe-eval) refuses once the first try was false.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    assert page.inner_text("#pending-count") == "ไม่มีรายการรอส่ง"


def pending(page: Any, text: str) -> None:
    page.wait_for_function(
        "t => document.getElementById('pending-count').textContent === t", arg=text
    )


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_a_problem_with_a_photo_recorded_offline_reaches_the_server_once(
    phone: Any, people: dict[str, Any], tmp_path: Any
) -> None:
    page = phone
    open_field_app(page, people)
    page.get_by_role("link", name="สมชาย ใจดี").click()
    page.wait_for_selector("#household")
    body = page.inner_text("#household")
    assert "0016" in body and "1100000000016" not in body
    assert no_horizontal_scroll(page)

    page.context.set_offline(True)
    photo = tmp_path / "roof.jpg"
    photo.write_bytes(jpeg_with_gps())
    page.fill("#p-title", "หลังคาบ้านผุพัง")
    page.select_option("#p-dimension", "living")
    page.fill("#p-details", "ฝนตกรั่วทั้งหลัง")
    page.set_input_files("#p-photos", str(photo))
    # The problem form's own button (the visit form comes first on the household).
    page.locator("#problem-form").get_by_role("button", name="บันทึกในเครื่อง").click()
    pending(page, "รอส่ง 1 รายการ")
    page.wait_for_selector("#queued .queued-item >> text=หลังคาบ้านผุพัง")
    assert "รอส่ง" in page.inner_text("#queued")
    assert Problem.objects.count() == 0

    # Reopened with no signal: the app shell comes from the service worker's cache and the
    # queued record (its photo a Blob in IndexedDB) is still there.
    page.reload()
    page.wait_for_selector("#household")
    pending(page, "รอส่ง 1 รายการ")
    assert page.inner_text("#net-state") == "ออฟไลน์"
    page.wait_for_selector("#queued .queued-item >> text=หลังคาบ้านผุพัง")
    assert Problem.objects.count() == 0

    page.context.set_offline(False)
    pending(page, "ไม่มีรายการรอส่ง")
    problem = Problem.objects.get()
    assert (problem.title, problem.dimension, problem.created_by.username) == (
        "หลังคาบ้านผุพัง",
        "living",
        "team",
    )
    assert problem.client_id is not None
    assert Photo.objects.filter(problem=problem).count() == 1

    # A second "sync now" sends nothing again.
    page.get_by_role("button", name="ส่งข้อมูลตอนนี้").click()
    page.wait_for_selector("#sync-message >> text=ส่งข้อมูลแล้ว 0 รายการ")
    assert Problem.objects.count() == 1
    assert Photo.objects.count() == 1
    page.wait_for_selector(f"#records .field-list >> text={problem.title}")


def test_a_pin_changed_on_the_server_meanwhile_is_a_conflict_the_officer_resolves(
    phone: Any, people: dict[str, Any]
) -> None:
    page = phone
    open_field_app(page, people)
    page.get_by_role("link", name="สมชาย ใจดี").click()
    page.wait_for_selector("#pin-form")

    page.context.set_offline(True)
    page.fill("#pin-lat", "15.228700")
    page.fill("#pin-lon", "104.856400")
    page.locator("#pin-form button[type=submit]").click()
    pending(page, "รอส่ง 1 รายการ")

    # Meanwhile the district chief pins the house from the office.
    services.pin_set(
        Act(people["district"], expected_version=0),
        household=H1_REF,
        data=services.PinInput(latitude=Decimal("15.1"), longitude=Decimal("104.7"), source="map"),
    )

    page.context.set_offline(False)
    page.wait_for_selector("#conflicts li >> text=ใช้ของฉัน")
    conflict = page.inner_text("#conflicts")
    assert "15.228700, 104.856400" in conflict and "15.1" in conflict
    pending(page, "รอส่ง 1 รายการ")
    pin = Pin.objects.get()
    assert (pin.latitude, pin.version) == (Decimal("15.1"), 1)  # not silently overwritten

    page.get_by_role("button", name="ใช้ของฉัน").click()
    pending(page, "ไม่มีรายการรอส่ง")
    assert page.locator("#conflicts").is_hidden()
    pin = Pin.objects.get()
    assert (pin.latitude, pin.longitude, pin.version) == (
        Decimal("15.228700"),
        Decimal("104.856400"),
        2,
    )
    assert Pin.objects.count() == 1
