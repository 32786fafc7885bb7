"""`/` offers the public portal to visitors; the public 404 speaks to the public, the
Logbook's 404 to officers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web_kit import H4, YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _web(web_settings: Any) -> None:
    """The web settings of tests/web_kit.py."""


def test_the_root_offers_the_portal_to_visitors_and_the_search_to_officers(
    client: Any, people: dict[str, Any]
) -> None:
    r = client.get("/")
    assert r.status_code == 302 and r["Location"] == "/open/"
    portal = client.get("/open/", follow=True)
    html = portal.content.decode()
    assert portal.status_code == 200
    assert '<a href="/households/" data-key="officer-login">สำหรับเจ้าหน้าที่</a>' in html
    client.force_login(people["district"])
    r = client.get("/")
    assert r.status_code == 302 and r["Location"] == "/households/"


def test_a_visitor_gets_the_public_404_with_the_portal_look_and_a_way_home(client: Any) -> None:
    for url in ("/no/such/page/", f"/open/{YEAR}/99/", "/open-data/9999/x.csv"):
        r = client.get(url)
        html = r.content.decode()
        assert r.status_code == 404, url
        assert 'data-key="public-404"' in html and 'class="portal"' in html, url
        assert "ไม่พบหน้าที่ต้องการ" in html
        assert '<a class="btn" href="/open/">ไปหน้าแรกสถิติสาธารณะ</a>' in html
        assert "portal/portal.css" in html
        # Nothing about accounts' areas, nothing of the request.
        assert "พื้นที่ที่บัญชีของท่าน" not in html and url not in html


def test_an_officer_gets_the_logbooks_404_and_the_public_one_on_the_portal(
    client: Any, people: dict[str, Any]
) -> None:
    client.force_login(people["district"])
    r = client.get(f"/households/{YEAR}/{H4}/")  # another district's household
    html = r.content.decode()
    assert r.status_code == 404
    assert "ไม่พบข้อมูลนี้ หรือข้อมูลอยู่นอกพื้นที่ที่บัญชีของท่านรับผิดชอบ" in html
    assert 'href="/households/">กลับหน้าค้นหา' in html and "public-404" not in html
    r = client.get(f"/open/{YEAR}/99/")
    assert r.status_code == 404 and 'data-key="public-404"' in r.content.decode()
