"""The Django project: Thai dates, NID masking, static assets, error pages."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.test import RequestFactory
from django.utils import translation

from tpmap.site.errors import server_error
from tpmap.site.logfilters import MaskNidFilter
from tpmap.site.privacy import mask_data, mask_text
from tpmap.site.templatetags.thai import baht, thai_date_filter
from tpmap.site.thaidate import thai_date


def test_it_writes_dates_in_the_buddhist_era_with_thai_month_abbreviations() -> None:
    assert thai_date(date(2026, 11, 21)) == "21 พ.ย. 2569"
    assert thai_date(date(2019, 10, 9), full=True) == "9 ตุลาคม 2562"
    assert thai_date(None) == ""


def test_it_shows_an_aware_time_in_bangkok() -> None:
    moment = datetime(2026, 11, 21, 20, 30, tzinfo=UTC)
    assert thai_date(moment, with_time=True) == "22 พ.ย. 2569 03:30 น."


def test_the_template_filter_is_thai_by_default_and_iso_in_english() -> None:
    with translation.override("th"):
        assert thai_date_filter(date(2026, 1, 2)) == "2 ม.ค. 2569"
    with translation.override("en"):
        assert thai_date_filter(date(2026, 1, 2)) == "2026-01-02"
    assert baht(270000) == "270,000"
    assert baht(38571.4285, 2) == "38,571.43"
    assert baht(None) == ""


def test_it_masks_every_national_id_in_text_and_data() -> None:
    assert mask_text("NID 1100000000016 and 1-1000-00000-02-4") == (
        "NID x-xxxx-xxxxx-00-16 and x-xxxx-xxxxx-00-24"
    )
    # 12 or 14 digits are not NIDs.
    assert mask_text("110000000001 11000000000161") == "110000000001 11000000000161"
    assert mask_data({"nid": "1100000000016", "n": [1100000000024, True, 5]}) == {
        "nid": "x-xxxx-xxxxx-00-16",
        "n": ["x-xxxx-xxxxx-00-24", True, 5],
    }


def test_the_log_filter_masks_national_ids_in_messages() -> None:
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "bad %s", ("1100000000016",), None)
    assert MaskNidFilter().filter(record)
    assert record.getMessage() == "bad x-xxxx-xxxxx-00-16"


@pytest.mark.django_db
def test_the_login_page_is_thai_and_loads_only_vendored_assets(client: Any) -> None:
    r = client.get("/login/")
    html = r.content.decode()
    assert r.status_code == 200
    assert '<html lang="th">' in html
    assert "เข้าสู่ระบบ" in html
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert "http://" not in html and "https://" not in html
    assert client.get("/static/vendor/htmx/htmx.min.js").status_code == 200
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200


@pytest.mark.django_db
def test_english_can_be_chosen(client: Any) -> None:
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"}, follow=True)
    assert r.status_code == 200
    assert '<html lang="en">' in r.content.decode()


@pytest.mark.django_db
def test_an_unknown_page_gets_a_thai_404_without_details(client: Any) -> None:
    r = client.get("/no/such/page/")
    assert r.status_code == 404
    html = r.content.decode()
    assert "ไม่พบหน้าที่ต้องการ" in html
    assert "Traceback" not in html and "/no/such/page/" not in html


def test_a_server_error_page_shows_no_stack_trace() -> None:
    r = server_error(RequestFactory().get("/"))
    assert r.status_code == 500
    html = r.content.decode()
    assert "ระบบขัดข้อง" in html and "Traceback" not in html


def test_sessions_expire_after_a_working_day_and_at_browser_close(settings: Any) -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.LANGUAGE_CODE == "th"
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_a_phone_set_to_english_still_gets_thai_until_the_user_switches(client: Any) -> None:
    r = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="th">' in r.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    r = client.get("/login/", HTTP_ACCEPT_LANGUAGE="th")
    assert '<html lang="en">' in r.content.decode()


@pytest.mark.django_db
def test_the_household_page_reads_in_english_after_switching(client: Any) -> None:
    from tests.web_kit import H1, YEAR, make_user

    client.force_login(make_user("eng", "district_chief", "3401"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"/households/{YEAR}/{H1}/").content.decode()
    for expected in [
        "Income per year",
        "60,000 baht",
        "National ID (last 4 digits)",
        "Universal coverage (UCS)",
        "Primary",
        "1.1 urgent, with welfare card",
        "Quality of life (BMN)",
        "Household members",
    ]:
        assert expected in html, expected
    search = client.get("/households/", {"year": YEAR}).content.decode()
    assert "Showing 1 to 2 of 2" in search and "Choose a subdistrict" in search


def test_every_interface_string_has_an_english_translation() -> None:
    import re
    from pathlib import Path

    import tpmap.site

    po = Path(tpmap.site.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8")
    empty = re.findall(r'\nmsgid "(.+)"\nmsgstr ""\n', text)
    assert empty == []
    # The compiled catalog the server reads holds every translation of the .po.
    import gettext

    with po.with_suffix(".mo").open("rb") as f:
        catalog = gettext.GNUTranslations(f)
    pairs = re.findall(r'\nmsgid "(.+)"\nmsgstr "(.+)"\n', text)
    assert len(pairs) > 300
    stale = [m for m, t in pairs if catalog.gettext(m.replace('\\"', '"')) != t.replace('\\"', '"')]
    assert stale == [], "run: python -m django compilemessages"


@pytest.mark.django_db
def test_a_form_sent_from_an_expired_page_gets_a_thai_explanation() -> None:
    from django.test import Client

    r = Client(enforce_csrf_checks=True).post("/login/", {"username": "x", "password": "y"})
    assert r.status_code == 403
    html = r.content.decode()
    assert "หน้านี้หมดอายุแล้ว" in html and "CSRF" not in html


def test_the_sqlite_default_waits_for_writers_in_wal_mode(
    tmp_path: Any, django_db_blocker: Any
) -> None:
    from django.db.utils import ConnectionHandler

    from tpmap.site import settings as project

    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(tmp_path / "logbook.sqlite3"),
                "OPTIONS": project.SQLITE_OPTIONS,
            }
        }
    )
    connection = handler["default"]
    try:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone() == ("wal",)
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone() == (20_000,)  # ms: a writer waits 20 s for the lock
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone() == (1,)  # NORMAL
        assert getattr(connection, "transaction_mode", None) == "IMMEDIATE"
    finally:
        connection.close()
