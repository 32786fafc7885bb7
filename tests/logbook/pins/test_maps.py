"""Maps that show something without tiles: the survey's coordinates as points, a pin saved
from them labelled as such, and the tile layer a production deployment draws."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from tests.logbook.pages import text
from tests.site.test_headers import _manage
from tests.web_kit import H1, H3, YEAR
from tpmap.logbook.models import Pin

pytestmark = pytest.mark.django_db


def map_data(html: str, element: str) -> dict[str, Any]:
    found = re.search(rf'id="{element}" class="map" data-map="([^"]*)"', html)
    assert found, element
    raw = found.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&#x27;", "'")
    data: dict[str, Any] = json.loads(raw.replace("&lt;", "<").replace("&gt;", ">"))
    return data


def test_a_household_without_a_pin_starts_at_the_survey_coordinates_saved_as_such(
    officer: Any,
) -> None:
    html = text(officer.get(f"/households/{YEAR}/{H1}/pin/"))
    assert 'name="source" id="id_source" value="survey"' in html
    assert 'id="id_latitude" value="15.24"' in html and 'id="id_longitude" value="104.85"' in html
    assert "หมุดเริ่มที่พิกัดจากการสำรวจ จปฐ." in html
    assert 'ที่มาของพิกัด: <b id="pin-source-label">พิกัดจากการสำรวจ จปฐ.</b>' in html
    data = map_data(html, "pin-map")
    assert data["start"] == [15.24, 104.85] and data["survey"] == [15.24, 104.85]
    assert data["household_id"] == H1
    assert [(p["household_id"], p["lat"], p["lon"]) for p in data["points"]] == [
        (H1, 15.24, 104.85)
    ]
    assert data["points"][0]["url"] == f"/households/{YEAR}/{H1}/"
    assert data["tile_url"] == ""  # tests and this machine: no tiles

    r = officer.post(
        f"/households/{YEAR}/{H1}/pin/",
        {"latitude": "15.24", "longitude": "104.85", "source": "survey"},
    )
    assert r.status_code == 302
    pin = Pin.objects.get()
    assert (str(pin.latitude), str(pin.longitude), pin.source) == (
        "15.240000",
        "104.850000",
        "survey",
    )
    page = text(officer.get(f"/households/{YEAR}/{H1}/"))
    assert '15.240000, 104.850000 <span class="muted">(พิกัดจากการสำรวจ จปฐ.' in page
    assert "แตะบนแผนที่" not in page
    # Once pinned, the page starts at the pin and says where it came from.
    again = text(officer.get(f"/households/{YEAR}/{H1}/pin/"))
    assert 'value="survey"' in again and "หมุดเริ่มที่พิกัดจากการสำรวจ" not in again


def test_a_household_the_survey_did_not_place_starts_on_the_map_with_no_point(
    officer: Any,
) -> None:
    html = text(officer.get(f"/households/{YEAR}/{H3}/pin/"))
    assert 'name="source" id="id_source" value="map"' in html
    assert "หมุดเริ่มที่พิกัดจากการสำรวจ" not in html
    data = map_data(html, "pin-map")
    assert data["start"] is None and data["survey"] is None and data["points"] == []


def test_the_area_map_shows_the_survey_points_of_the_officers_area_only(
    officer: Any, people: dict[str, Any]
) -> None:
    html = text(officer.get("/map/"))
    assert "1 บ้านจากพิกัดการสำรวจ จปฐ." in html
    data = map_data(html, "area-map")
    assert [p["household_id"] for p in data["points"]] == [H1]
    assert [f["properties"]["code"] for f in data["provinces"]["features"]] == ["34"]
    # An officer of another district sees no point of Mueang Ubon.
    other = Client()
    other.force_login(people["other_district"])
    data = map_data(text(other.get("/map/")), "area-map")
    assert data["points"] == []
    # Narrowing to an area outside the scope falls back to the officer's own area.
    data = map_data(text(other.get("/map/?area=3401")), "area-map")
    assert data["points"] == []


def test_production_draws_openstreetmap_tiles_with_attribution_unless_told_otherwise(
    tmp_path: Any,
) -> None:
    env = {
        "TPMAP_PRODUCTION": "1",
        "TPMAP_SECRET_KEY": "k" * 10 + "Zx9-Qr7_Lm3vTp5sWy1uNb8cJd2fHg6eKa4oRi0tEz" + "w" * 10,
        "TPMAP_ALLOWED_HOSTS": "logbook.example.go.th",
    }
    code = (
        "from django.conf import settings as s; "
        "from tpmap.site.headers import content_security_policy as c; "
        "print(s.TPMAP_TILE_URL); print(s.TPMAP_TILE_ATTRIBUTION); print(c(s.TPMAP_TILE_URL))"
    )
    done = _manage(tmp_path, "shell", "-v", "0", "-c", code, **env)
    assert done.returncode == 0, done.stderr
    url, attribution, policy = done.stdout.strip().splitlines()
    assert url == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "OpenStreetMap" in attribution and "openstreetmap.org/copyright" in attribution
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in policy
    done = _manage(tmp_path, "shell", "-v", "0", "-c", code, TPMAP_TILE_URL="", **env)
    assert done.stdout.splitlines()[0:2] == ["", ""]
    done = _manage(tmp_path, "shell", "-v", "0", "-c", code)
    assert done.stdout.splitlines()[0] == ""  # development: no tiles by default
