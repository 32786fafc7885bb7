"""The monitoring dashboard's charts and map drawn in Chromium at 360 px: every chart's
canvas has something on it (pixels other than the white background are counted on a
screenshot of the chart), under the site's Content-Security-Policy."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.dashboard.test_monitor import fixed_today, logbook
from tests.e2e.test_visit_flow import login, no_horizontal_scroll

SHOTS = Path(os.environ["CHART_SHOTS_DIR"]) if os.environ.get("CHART_SHOTS_DIR") else None
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["fixed_today", "logbook"]


def drawn_pixels(png: bytes) -> int:
    """Coloured pixels of a screenshot: not the white background, and not the grey of axes,
    grid lines and labels (a chart's data is drawn in colour)."""
    raw = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    return sum(1 for i in range(0, len(raw), 3) if max(raw[i : i + 3]) - min(raw[i : i + 3]) > 40)


def charts_on(page: Any, url: str) -> dict[str, int]:
    page.goto(url)
    page.wait_for_selector("#charts[data-ready='1']")
    page.wait_for_timeout(300)  # the map's canvas is drawn on the next frame
    out = {}
    for el in page.locator("[data-chart]").all():
        name = el.get_attribute("data-chart")
        assert el.locator("canvas").count() >= 1, name
        shot = el.screenshot()
        if SHOTS:
            (SHOTS / f"{name}.png").write_bytes(shot)
        out[str(name)] = drawn_pixels(shot)
    return out


def test_the_charts_and_the_map_are_drawn_on_a_phone(
    phone: Any, people: dict[str, Any], logbook: None
) -> None:
    page = phone
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    login(page, "prov_health")
    drawn = charts_on(page, "/monitor/")
    assert set(drawn) == {
        "months",
        "cumulative",
        "problems",
        "agencies",
        "star",
        "stages",
        "map",
    }
    for name, n in drawn.items():
        assert n > 400, (name, n)
    assert no_horizontal_scroll(page)
    if SHOTS:
        page.screenshot(path=str(SHOTS / "monitor.png"), full_page=True)
    # The tables stay for screen readers and print.
    assert page.locator("table[data-table='months'] tbody tr").count() == 3
    assert page.locator("[data-chart='months']").get_attribute("aria-hidden") == "true"
    assert refused == []


def test_the_country_map_of_provinces_is_drawn(
    phone: Any, people: dict[str, Any], logbook: None
) -> None:
    page = phone
    login(page, "national")
    drawn = charts_on(page, "/monitor/")
    assert drawn["map"] > 2000
