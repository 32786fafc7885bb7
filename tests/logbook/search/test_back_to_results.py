"""The household page's "back to the results" returns to the officer's last search, with
the results in view (not to an empty search form)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.logbook.pages import text
from tests.web_kit import H1, YEAR

pytestmark = pytest.mark.django_db


def test_back_to_the_results_returns_to_the_last_search(officer: Any) -> None:
    before = text(officer.get(f"/households/{YEAR}/{H1}/"))
    assert 'href="/households/" data-key="back-to-results"' in before
    r = officer.get(f"/households/?year={YEAR}&subdistrict=340101&q=สมชาย&per_page=10&page=1")
    assert r.status_code == 200 and "แสดง 1 ถึง 1 จาก 1 รายการ" in text(r)
    after = text(officer.get(f"/households/{YEAR}/{H1}/"))
    link = after.split('data-key="back-to-results"')[0].rsplit('href="', 1)[1]
    assert link.startswith("/households/?") and link.endswith('#results" ')
    assert (
        "subdistrict=340101" in link and "q=%E0%B8%AA%E0%B8%A1%E0%B8%8A%E0%B8%B2%E0%B8%A2" in link
    )
    back = officer.get(link.split("#")[0].replace("&amp;", "&"))
    assert "แสดง 1 ถึง 1 จาก 1 รายการ" in text(back)
