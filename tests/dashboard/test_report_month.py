"""The reports page asks for a month in the Buddhist era (never the browser's Christian-era
month picker)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tpmap.site.thaidate import MONTHS_TH

pytestmark = pytest.mark.django_db


def test_the_report_month_is_chosen_from_thai_months_in_the_buddhist_era(
    client: Any, people: dict[str, Any]
) -> None:
    client.force_login(people["district"])
    html = client.get("/reports/?month=2567-01").content.decode()
    assert 'type="month"' not in html
    assert '<option value="2567-01" selected>มกราคม 2567</option>' in html
    today = timezone.localdate()
    now = f"{today.year + 543}-{today.month:02d}"
    assert f'<option value="{now}">{MONTHS_TH[today.month - 1]} {today.year + 543}</option>' in html
    r = client.get(f"/reports/?month={now}")
    assert f'<option value="{now}" selected>' in r.content.decode()
