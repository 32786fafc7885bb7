"""A mentor's household development plan, done on a 360 px phone in Thai: the 4ท analysis
of the first visit, the goal, two action rows, the stage, and the printed plan."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.e2e.test_visit_flow import login, no_horizontal_scroll
from tests.web_kit import H1, YEAR
from tpmap.logbook.models import Plan, PlanAction, PlanAnalysis, StageChange

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_team_member_makes_the_plan_on_a_phone(phone: Any, people: dict[str, Any]) -> None:
    page = phone
    login(page, "team")
    page.goto(f"/households/{YEAR}/{H1}/")
    section = page.locator("#plan")
    section.wait_for()
    assert "ยังไม่มีแผนพัฒนาครัวเรือน" in section.inner_text()
    assert no_horizontal_scroll(page)
    # Every button of the section is a tap target of at least 44 px.
    heights = section.locator(".btn").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 44

    # Step 1: the 4ท analysis of the first visit.
    section.get_by_role("link", name="วิเคราะห์ ๔ ท").click()
    page.get_by_label("วันที่เยี่ยมบ้าน/วิเคราะห์").fill("20/11/2569")
    page.get_by_label("ทัศนคติ").fill("อยากพึ่งตนเอง")
    page.get_by_label("ทักษะ").fill("จักสานได้")
    page.get_by_label("ทรัพยากร").fill("มีที่ดิน 2 ไร่")
    page.get_by_label("ทางออก").fill("ปลูกผักขายในตลาดชุมชน")
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=บันทึกการวิเคราะห์ ๔ ท แล้ว")

    # Step 2: the goal, then two action rows.
    page.locator("#plan").get_by_role("link", name="จัดทำแผนพัฒนาครัวเรือน").click()
    page.get_by_label("เป้าหมายสูงสุดของครัวเรือน").fill("มีรายได้พอใช้ ไม่มีหนี้นอกระบบ")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=บันทึกเป้าหมายสูงสุดของครัวเรือนแล้ว")
    rows = [
        ("income", "ปลูกผักสวนครัว 10 ชนิด", "ประสานเมล็ดพันธุ์", "1/12/2569", "31/1/2570"),
        ("health", "ออกกำลังกายสม่ำเสมอ", "ประสาน รพ.สต. ตรวจสุขภาพ", "1/12/2569", ""),
    ]
    for dimension, does, support, start, end in rows:
        page.locator("#plan").get_by_role("link", name="+ แผนปฏิบัติการ").click()
        page.select_option("#id_dimension", dimension)
        page.get_by_label("กิจกรรม/สิ่งที่ครัวเรือนจะทำ (พึ่งตนเอง)").fill(does)
        page.get_by_label("กิจกรรมที่พี่เลี้ยง/หน่วยงานจะสนับสนุน").fill(support)
        page.get_by_label("ระยะเวลาดำเนินการ ตั้งแต่").fill(start)
        if end:
            page.fill("#id_end_on", end)
        assert no_horizontal_scroll(page)
        page.get_by_role("button", name="บันทึก").click()
        page.wait_for_selector("text=เพิ่มแผนปฏิบัติการแล้ว")

    # Step 3: the stage: sustainable at once is refused, survive first.
    page.locator("#plan").get_by_role("link", name="เปลี่ยนขั้น").click()
    page.get_by_label("ยั่งยืน").check()
    page.fill("#id_set_on", "21/11/2569")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=ครัวเรือนต้องผ่านขั้นอยู่รอดก่อน")
    page.get_by_label("อยู่รอด").check()
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("text=บันทึกขั้นการพัฒนาของครัวเรือนแล้ว")

    plan_text = page.inner_text("#plan")
    for expected in (
        "อยู่รอด",
        "21 พ.ย. 2569",
        "มีรายได้พอใช้ ไม่มีหนี้นอกระบบ",
        "ปลูกผักสวนครัว 10 ชนิด",
        "1 ธ.ค. 2569 – 31 ม.ค. 2570",
        "อยากพึ่งตนเอง",
    ):
        assert expected in plan_text, expected
    assert no_horizontal_scroll(page)
    assert Plan.objects.get().created_by.username == "team"
    assert PlanAction.objects.count() == 2
    assert PlanAnalysis.objects.get().analysed_on.isoformat() == "2026-11-20"
    assert list(StageChange.objects.values_list("stage", flat=True)) == ["survive"]

    # The printed plan: one A4 page.
    from pypdf import PdfReader

    href = page.locator("#plan").get_by_role("link", name="พิมพ์แผน (PDF)").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.body()))
    assert len(pdf.pages) == 1
    assert "ปลูกผักสวนครัว 10 ชนิด" in pdf.pages[0].extract_text()
