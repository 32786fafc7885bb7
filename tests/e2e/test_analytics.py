"""The officers' pivot on a 360 px phone: choose the rows and columns, save the view, open
its link; the page never scrolls sideways (the table scrolls inside its card)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.dashboard.test_monitor import fixed_today, logbook
from tests.e2e.test_visit_flow import login, no_horizontal_scroll
from tpmap.dashboard.models import PivotView

SHOTS = Path(os.environ["CHART_SHOTS_DIR"]) if os.environ.get("CHART_SHOTS_DIR") else None
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["fixed_today", "logbook"]


def test_a_province_officer_pivots_and_saves_a_view_on_a_phone(
    phone: Any, people: dict[str, Any], logbook: None
) -> None:
    page = phone
    login(page, "prov_health")
    page.get_by_role("link", name="วิเคราะห์").click()
    page.wait_for_selector("table[data-table='pivot']")
    page.select_option("#p-cols", "status")
    page.get_by_role("button", name="แสดงตาราง").click()
    page.wait_for_selector("table[data-table='pivot']")
    cells = page.locator("table[data-table='pivot'] tfoot td").all_inner_texts()
    assert cells == [
        "3",
        "0",
        "1",
        "1",
        "0",
        "5",
    ]  # open, assigned, in progress, resolved, escalated
    assert no_horizontal_scroll(page)
    if SHOTS:
        page.screenshot(path=str(SHOTS / "analytics.png"), full_page=True)
    page.fill("#v-name", "ปัญหาตามสถานะ")
    page.get_by_role("button", name="บันทึกมุมมอง").click()
    page.wait_for_selector("li[data-view]")
    view = PivotView.objects.get()
    assert (view.name, view.area_code, view.owner.username) == ("ปัญหาตามสถานะ", "34", "prov_health")
    assert "cols=status" in page.url
    assert page.locator("#p-cols").input_value() == "status"
    assert no_horizontal_scroll(page)
