"""Reads: the CLI's documents inside the caller's area, audited household openings, rate
limits and the bulk-reading alert."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.api.conftest import Api
from tests.web_kit import H1, H2, H3, H5, YEAR
from tpmap.accounts.models import AuditEvent


def _cli(*args: str) -> Any:
    from tpmap.cli import app

    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_summary_is_the_cli_document(api_as: Any, web_warehouse: Path) -> None:
    r = api_as("district").get("/summary", year=YEAR, area="3401")
    assert r.status_code == 200
    expected = _cli(
        "summary", "--warehouse", str(web_warehouse), "--year", str(YEAR), "--area", "3401"
    )
    assert r.json() == expected
    assert r.json()["households_surveyed"] == 3


def test_summary_defaults_to_the_callers_area(api_as: Any) -> None:
    r = api_as("district").get("/summary", year=YEAR)
    assert r.status_code == 200
    assert r.json()["area"] == "3401"


def test_summary_outside_the_area_is_403(api_as: Any) -> None:
    api: Api = api_as("other_admin")  # Yasothon (35)
    for area in ("34", "3401", "TH"):
        r = api.get("/summary", year=YEAR, area=area)
        assert r.status_code == 403, area
        assert r.json()["error"]["code"] == "out_of_area"
    assert api_as("district").get("/summary", year=YEAR, area="34").status_code == 403


def test_summary_rejects_bad_input_with_422_not_500(api_as: Any) -> None:
    api: Api = api_as("national")
    for params in (
        {"year": "abc"},
        {"year": str(10**30)},
        {"year": YEAR, "area": "3x"},
        {"area": "34"},
    ):
        r = api.get("/summary", **params)
        assert r.status_code == 422, params
        assert r.json()["error"]["code"] == "invalid"
        assert r.json()["error"]["fields"]
    assert api.get("/summary", year=YEAR, area="99").status_code == 404  # unknown area
    assert api.get("/summary", year=2500, area="34").status_code == 404  # no such data year


def test_households_is_the_cli_document(api_as: Any, web_warehouse: Path) -> None:
    r = api_as("prov_health").get("/households", year=YEAR, area="34", dimension="income")
    assert r.status_code == 200
    expected = _cli(
        "households", "--warehouse", str(web_warehouse), "--year", str(YEAR),
        "--area", "34", "--dimension", "income",
    )  # fmt: skip
    assert r.json() == expected
    assert [i["household_id"] for i in r.json()["items"]] == [H3, H1, "34020000004"]


def test_households_limit_is_at_most_100(api_as: Any) -> None:
    api: Api = api_as("district")
    r = api.get("/households", year=YEAR, limit=101)
    assert r.status_code == 422
    assert list(r.json()["error"]["fields"]) == ["limit"]
    ok = api.get("/households", year=YEAR, limit=100, offset=1)
    assert ok.status_code == 200
    assert (ok.json()["limit"], ok.json()["offset"], ok.json()["total"]) == (100, 1, 2)


def test_households_outside_the_area_is_403(api_as: Any) -> None:
    r = api_as("other_district").get("/households", year=YEAR, area="3401")
    assert r.status_code == 403


def test_household_is_the_cli_document_with_its_logbook(
    api_as: Any, web_warehouse: Path, people: dict[str, Any]
) -> None:
    r = api_as("district").get(f"/households/{YEAR}/{H1}")
    assert r.status_code == 200
    doc = r.json()
    logbook = doc.pop("logbook")
    expected = _cli("household", "--warehouse", str(web_warehouse), "--year", str(YEAR), H1)
    assert doc == expected
    assert logbook == {
        "problems": [],
        "activities": [],
        "pin": None,
        "classification": None,
        "mentor": None,
    }
    assert [m["nid_last4"] for m in doc["members"]] == ["0016", "0024", None]
    assert "1100000000016" not in r.content.decode()


def test_opening_a_household_is_audited_as_a_read(api_as: Any, people: dict[str, Any]) -> None:
    api_as("district").get(f"/households/{YEAR}/{H1}", REMOTE_ADDR="10.0.0.1")
    event = AuditEvent.objects.get(action="view")
    assert (event.actor, event.object_type, event.household_id, event.year, event.area_code) == (
        people["district"],
        "household",
        H1,
        YEAR,
        "34010101",
    )


def test_a_household_outside_the_area_is_404_and_not_audited(api_as: Any) -> None:
    api: Api = api_as("other_admin")
    r = api.get(f"/households/{YEAR}/{H1}")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    # The same answer as a household that does not exist anywhere.
    assert api.get(f"/households/{YEAR}/35999999999").json() == r.json()
    assert api.get(f"/households/{YEAR}/{H5}").status_code == 200
    assert AuditEvent.objects.filter(action="view").count() == 1


def test_household_reads_are_rate_limited(api_as: Any, settings: Any) -> None:
    settings.TPMAP_RATE_LIMITS = {"household_read": {"user": (2, 60)}}
    api: Api = api_as("district")
    assert api.get(f"/households/{YEAR}/{H1}").status_code == 200
    assert api.get(f"/households/{YEAR}/{H2}").status_code == 200
    r = api.get(f"/households/{YEAR}/{H3}")
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(r["Retry-After"]) <= 60
    assert AuditEvent.objects.filter(action="view").count() == 2
    assert api_as("prov_admin").get(f"/households/{YEAR}/{H3}").status_code == 200


def test_the_scale_setting_multiplies_every_limit(
    api_as: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One fixed window whatever the machine's speed (four reads may straddle a minute).
    monkeypatch.setattr("tpmap.site.ratelimit.time.time", lambda: 1_800_000_000.0)
    settings.TPMAP_RATE_LIMITS = {"household_read": {"user": (1, 60)}}
    settings.TPMAP_RATE_LIMIT_SCALE = 2.5  # 1 x 2.5 -> 3 reads allowed (rounded up)
    api: Api = api_as("district")
    assert [api.get(f"/households/{YEAR}/{h}").status_code for h in (H1, H2, H3, H1)] == [
        200,
        200,
        200,
        429,
    ]


def test_searches_are_rate_limited_per_ip(api_as: Any, settings: Any) -> None:
    settings.TPMAP_RATE_LIMITS = {"search": {"ip": (1, 60)}}
    assert api_as("district").get("/households", year=YEAR).status_code == 200
    r = api_as("prov_admin").get("/households", year=YEAR)
    assert r.status_code == 429
    assert r.has_header("Retry-After")


def test_the_logbook_pages_share_the_limits(people: dict[str, Any], settings: Any) -> None:
    from django.test import Client

    settings.TPMAP_RATE_LIMITS = {"household_read": {"user": (1, 60)}}
    browser = Client()
    browser.force_login(people["district"])
    assert browser.get(f"/households/{YEAR}/{H1}/").status_code == 200
    r = browser.get(f"/households/{YEAR}/{H2}/")
    assert r.status_code == 429
    assert r.has_header("Retry-After")
    assert AuditEvent.objects.filter(action="view").count() == 1


def test_bulk_reading_is_flagged_to_the_province_administrator(
    api_as: Any, people: dict[str, Any], settings: Any
) -> None:
    from django.test import Client

    settings.TPMAP_BULK_READ_HOUSEHOLDS = 2
    api: Api = api_as("district")
    for hid in (H1, H2, H1, H3):
        assert api.get(f"/households/{YEAR}/{hid}").status_code == 200
    alert = AuditEvent.objects.get(action="alert")
    assert (alert.actor, alert.object_type, alert.area_code) == (
        people["district"],
        "bulk_read",
        "3401",
    )
    assert alert.after == {"households": 3, "minutes": 30, "limit": 2}
    api.get(f"/households/{YEAR}/{H2}")
    assert AuditEvent.objects.filter(action="alert").count() == 1  # once per window
    admin = Client()
    admin.force_login(people["prov_admin"])
    page = admin.get("/accounts/audit/").content.decode()
    assert 'id="bulk-read-alerts"' in page and "district" in page
    other = Client()
    other.force_login(people["other_admin"])
    assert 'id="bulk-read-alerts"' not in other.get("/accounts/audit/").content.decode()


def test_the_bulk_reading_alert_counts_distinct_households_not_openings(
    api_as: Any, settings: Any
) -> None:
    settings.TPMAP_BULK_READ_HOUSEHOLDS = 2
    api: Api = api_as("district")
    for hid in (H1, H2, H1, H2, H1):
        assert api.get(f"/households/{YEAR}/{hid}").status_code == 200
    # Five openings of two households: not over the limit of two households.
    assert not AuditEvent.objects.filter(action="alert").exists()
    assert api.get(f"/households/{YEAR}/{H3}").status_code == 200
    alert = AuditEvent.objects.get(action="alert")
    assert alert.after == {"households": 3, "minutes": 30, "limit": 2}
