"""The portal's map at every level where shapes exist: the provinces' choropleth on the
country page, the province (thick border, zoomed) on a province's page and below."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.portal.test_browser import on_a_phone

pytestmark = pytest.mark.usefixtures("portal_settings")


def test_every_area_page_carries_the_map_focused_on_its_province(client: Any) -> None:
    country = client.get("/open/2566/").content.decode()
    assert 'id="portal-map"' in country and "data-focus" not in country
    province = client.get("/open/2566/75/").content.decode()
    assert 'data-focus="75"' in province and "leaflet.js" in province
    assert "เส้นขอบหนาคือจังหวัดของพื้นที่นี้" in province
    assert "ยังไม่มีแผนที่ขอบเขตอำเภอ" not in province
    district = re.search(r'href="/open/2566/(75\d\d)/"', province)
    assert district
    below = client.get(f"/open/2566/{district.group(1)}/").content.decode()
    assert 'data-focus="75"' in below and "ยังไม่มีแผนที่ขอบเขตอำเภอ" in below


@pytest.mark.browser
def test_a_province_page_draws_its_province_on_a_phone(live_server: Any) -> None:
    def steps(page: Any) -> None:
        page.goto("/open/2566/75/")
        page.wait_for_selector("#portal-map[data-ready='1']")
        assert page.locator("#portal-map").get_attribute("data-focused") == "75"
        assert page.locator("#portal-map path").count() == 77
        thick = page.locator('#portal-map path[data-code="75"]').get_attribute("stroke-width")
        assert thick == "4"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    on_a_phone(live_server.url, steps)
