"""F15 pins and the area map through the test client."""

from typing import Any

import pytest

from tests.logbook.pages import text
from tests.web_kit import H1, YEAR
from tpmap.logbook.models import Pin

pytestmark = pytest.mark.django_db


def test_an_officer_pins_a_household_and_sees_it_on_the_area_map(officer: Any) -> None:
    page = text(officer.get(f"/households/{YEAR}/{H1}/pin/"))
    assert "ใช้ตำแหน่งปัจจุบัน (GPS)" in page
    assert "อุบลราชธานี" in page  # the province outline travels with the page
    r = officer.post(
        f"/households/{YEAR}/{H1}/pin/",
        {
            "latitude": "15.228761234567",
            "longitude": "104.856412345678",
            "source": "gps",
            "accuracy_m": "7.6",
        },
    )
    assert r.status_code == 302
    pin = Pin.objects.get()
    assert (str(pin.latitude), str(pin.longitude), pin.source, pin.accuracy_m) == (
        "15.228761",
        "104.856412",
        "gps",
        8,
    )
    html = text(officer.get("/map/"))
    assert "1 หมุด" in html and "สมชาย ใจดี" in html and "#f39c12" in html


def test_a_pin_outside_thailand_is_refused(officer: Any) -> None:
    r = officer.post(
        f"/households/{YEAR}/{H1}/pin/", {"latitude": "48.85", "longitude": "2.35", "source": "map"}
    )
    assert r.status_code == 400 and not Pin.objects.exists()
