"""F24 at 360 px, in Thai: a district chief groups an activity of the district into a
project, is told what is wrong in Thai, saves it and downloads its eMENSCR files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.e2e.test_knock_knock import fits, login
from tests.projects.conftest import activity
from tests.web_kit import H1, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.services import HouseholdRef
from tpmap.projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_district_chief_makes_a_project_and_downloads_it_on_a_phone(
    phone: Any, people: dict[str, Any]
) -> None:
    act = activity(
        people["national"], HouseholdRef(YEAR, H1, "34010101", True), "ฝึกทอผ้า", date(2026, 11, 3)
    )
    page = phone
    login(page, "district")
    page.get_by_role("link", name="โครงการ", exact=True).click()
    page.wait_for_selector("#projects")
    fits(page)
    page.get_by_role("link", name="+ โครงการใหม่").click()
    page.wait_for_selector("form")
    fits(page)
    page.fill("#id_name", "ส่งเสริมอาชีพทอผ้า")
    assert page.input_value("#id_agency") == "ที่ว่าการอำเภอเมืองอุบลราชธานี"
    page.fill("#id_budget", "50000")
    page.fill("#id_strategy_target", "1102")  # too short
    page.fill("#id_fiscal_year", "2569")
    page.fill("#id_start_on", "2025-10-01")
    page.fill("#id_end_on", "2026-09-30")
    page.get_by_label("ในเมือง (340101)").check()
    page.get_by_label("ฝึกทอผ้า", exact=False).check()
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector(".errorlist")
    assert "รหัสเป้าหมายแผนแม่บทย่อยต้องเป็นตัวเลข 6 หลัก" in page.inner_text("main")
    assert Project.objects.count() == 0
    fits(page)
    page.fill("#id_strategy_target", "160101")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("#project-facts")
    facts = page.inner_text("#project-facts")
    assert "16 เศรษฐกิจฐานราก" in facts and "1 ต.ค. 2568" in facts and "50,000.00" in facts
    assert "ฝึกทอผ้า" in page.inner_text("#activities")
    fits(page)
    p = Project.objects.get()
    assert (p.budget, p.areas, list(p.activities.all())) == (Decimal("50000.00"), ["340101"], [act])
    with page.expect_download() as download:
        page.click('[data-key="xlsx"]')
    assert download.value.suggested_filename == f"emenscr-{p.pk}.xlsx"
    assert AuditEvent.objects.filter(object_type="project", action="export").count() == 1
