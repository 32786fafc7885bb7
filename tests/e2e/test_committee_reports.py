"""A district chief submits his committee's quarterly report on a 360 px phone, then a
province officer reads the province's consolidated report and downloads its PDF."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from tests.committees.kit import committee, order
from tests.e2e.test_visit_flow import login, no_horizontal_scroll
from tpmap.accounts.models import AuditEvent
from tpmap.committees import periods
from tpmap.committees.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tall_enough(page: Any, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["height"] >= 44


def test_a_chief_submits_a_quarterly_report_and_the_province_reads_it(
    phone: Any, people: dict[str, Any]
) -> None:
    admin = people["prov_admin"]
    province = committee(admin, "34")
    district = committee(admin, "3401")
    committee(admin, "3402")  # has not reported
    order(admin, province, date(2026, 10, 1))
    quarter = periods.recent("quarterly", timezone.localdate(), 2)[1]  # the last ended one
    label = periods.label("quarterly", quarter)
    page = phone

    # The district chief: his committee, a new quarterly report, its texts, submitted.
    login(page, "district")
    page.get_by_role("link", name="ศจพ.", exact=True).click()
    page.get_by_role("link", name="ศจพ.อ.เมืองอุบลราชธานี").first.click()
    page.wait_for_selector("#report-form")
    assert no_horizontal_scroll(page)
    page.select_option("#id_period", f"quarterly:{quarter.isoformat()}")
    page.get_by_role("button", name="เริ่มรายงาน").click()
    page.wait_for_selector("#report-texts")
    assert page.inner_text("#period") == label
    page.get_by_label("ผลการดำเนินการ").fill("ลงพื้นที่เคาะประตูบ้าน 12 ครัวเรือน")
    page.get_by_label("ปัญหาและอุปสรรค").fill("ฝนตกหนัก เข้าพื้นที่ไม่ได้บางวัน")
    page.get_by_label("ข้อเสนอแนะ").fill("ขอรถสำหรับทีมปฏิบัติการ")
    assert tall_enough(page, "button[name=submit]")
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="ส่งรายงาน").click()
    page.wait_for_selector("#texts")
    assert "ส่งแล้ว" in page.inner_text("#status")
    report = Report.objects.get(committee=district)
    assert report.status == "submitted" and report.figures is not None
    assert report.results == "ลงพื้นที่เคาะประตูบ้าน 12 ครัวเรือน"
    assert no_horizontal_scroll(page)

    # The province officer: the consolidated report, who has not submitted, the PDF.
    page.context.clear_cookies()
    login(page, "prov_admin")
    page.goto(f"/committees/{province.pk}/")
    page.get_by_role("link", name="รายงานของพื้นที่ในสังกัด").click()
    page.select_option("#id_p", f"quarterly:{quarter.isoformat()}")
    page.get_by_role("button", name="แสดง").click()
    page.wait_for_selector("#children")
    assert page.inner_text("#period") == label
    assert page.inner_text("#submitted-count") == "1 / 2"
    rows = page.locator("#children tr[data-key=child]")
    assert rows.count() == 2
    assert "ส่งแล้ว" in rows.nth(0).inner_text() and "ยังไม่ส่ง" in rows.nth(1).inner_text()
    assert no_horizontal_scroll(page)
    with page.expect_download() as info:
        page.click("#download-pdf")
    path = info.value.path()
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert AuditEvent.objects.filter(action="export", object_type="committee_report").count() == 1

    # The public list of the province, without logging in.
    page.context.clear_cookies()
    page.goto("/open/committees/34/")
    assert "ศจพ.จ.อุบลราชธานี" in page.inner_text("#c-34")
    assert no_horizontal_scroll(page)
