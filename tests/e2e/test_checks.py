"""F1 on a 360 px phone: a district officer opens the people whose sources disagree, narrows
to one check and goes on to the household."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_visit_flow import login, no_horizontal_scroll
from tests.web_kit import H3, YEAR
from tpmap.accounts.models import AuditEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_district_officer_follows_a_disagreement_to_the_household(
    phone: Any, people: dict[str, Any]
) -> None:
    page = phone
    login(page, "district")
    page.get_by_role("link", name="ข้อมูลไม่ตรงกัน").click()
    page.wait_for_selector("#check-persons")
    assert page.locator('[data-key="check-person"]').count() == 6
    assert no_horizontal_scroll(page)
    page.get_by_role("link", name="อายุ 60 ปีขึ้นไป ไม่ได้รับเบี้ยยังชีพผู้สูงอายุ").click()
    page.wait_for_url("**check=elderly_no_allowance**")
    assert page.locator('[data-key="check-person"]').count() == 1
    link = page.locator('[data-key="check-person"] a.name')
    box = link.bounding_box()
    assert box is not None and box["height"] >= 44  # a tap target
    link.click()
    page.wait_for_url(f"**/households/{YEAR}/{H3}/")
    assert "1100000000041" not in page.inner_text("body")
    assert AuditEvent.objects.filter(object_type="source_checks").count() == 2
