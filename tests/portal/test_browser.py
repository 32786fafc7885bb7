"""A visitor on a 360 px phone drills from the country map down to a village, in Thai,
with Debian's headless Chromium (skipped when /usr/bin/chromium is absent)."""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("portal_settings"),
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser tests need Debian's Chromium at /usr/bin/chromium "
        "(apt-get install -y chromium)",
    ),
]


def on_a_phone(base_url: str, steps: Callable[[Any], None]) -> None:
    """Run ``steps`` with a new 360 x 740 page. Playwright runs in its own thread: its sync
    API refuses a thread where another test's Playwright loop is already running."""

    def run() -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                context = browser.new_context(
                    viewport={"width": 360, "height": 740},
                    device_scale_factor=2,
                    is_mobile=True,
                    has_touch=True,
                    locale="th-TH",
                    base_url=base_url,
                )
                context.set_default_timeout(15_000)
                steps(context.new_page())
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result()


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_a_visitor_drills_from_the_country_map_to_a_village_on_a_phone(live_server: Any) -> None:
    on_a_phone(live_server.url, drill_down)


def drill_down(page: Any) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto("/open/")
    page.wait_for_url(re.compile(r"/open/\d{4}/$"))
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("h1").inner_text().startswith("ประเทศไทย")
    assert fits(page)

    # The choropleth draws every province from this site and links those with data.
    page.wait_for_selector("#portal-map[data-ready='1']")
    assert page.locator("#portal-map path").count() == 77
    page.locator('#portal-map path[data-code="75"]').dispatch_event("click")
    page.wait_for_url(re.compile(r"/open/\d{4}/75/$"))
    assert "สมุทรสงคราม" in page.locator("h1").inner_text()

    # The welfare-card toggle: households without a card, and the choice follows the links.
    page.get_by_role("link", name="ครัวเรือนที่ไม่มีบัตรสวัสดิการแห่งรัฐ").click()
    page.wait_for_url(re.compile(r"/open/\d{4}/75/\?card=none$"))
    assert fits(page)
    assert page.locator("table.kids tbody th a").first.get_attribute("href").endswith("?card=none")
    page.get_by_role("link", name="ทุกครัวเรือน").click()
    page.wait_for_url(re.compile(r"/open/\d{4}/75/$"))

    # Then down the table of child areas: district, subdistrict, village; the subdistrict's
    # table of villages is downloaded on the way.
    for digits in (4, 6, 8):
        assert fits(page)
        if digits == 8:
            villages = page.locator("table.kids tbody tr").count()
            with page.expect_download() as download:
                page.get_by_role("link", name="CSV", exact=True).click()
            table = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
            # Thai headers; the dictionary gives their English names.
            assert table[0].startswith("ปีข้อมูล (พ.ศ.),ขอบเขต,รหัสพื้นที่,ระดับพื้นที่,")
            assert len(table) == 1 + villages and all(",village," in row for row in table[1:])
        page.locator("table.kids tbody th a").first.click()
        page.wait_for_url(re.compile(rf"/open/\d{{4}}/\d{{{digits}}}/$"))
    crumbs = page.locator("nav.crumbs a")
    assert crumbs.count() == 4  # country, province, district, subdistrict
    assert crumbs.first.inner_text() == "ประเทศไทย"
    assert page.locator(".cards .stat").count() == 5
    assert page.locator("svg.star").is_visible()
    assert fits(page)

    # Nothing is loaded from another site.
    base = page.url.split("/open/")[0]
    assert all(u.startswith(base) for u in requests)
