"""The field app's pages: login-only shell, a token for the session (CSRF-protected), the
service worker and manifest, and the site's log-out that sends a phone holding field data
through the page that empties it."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tpmap.accounts.tokens import token_user


def logged_in(username: str, *, csrf: bool = False) -> Client:
    from tpmap.accounts.models import User

    client = Client(enforce_csrf_checks=csrf)
    client.force_login(User.objects.get(username=username))
    return client


def test_the_shell_is_for_logged_in_accounts_only(people: dict[str, Any]) -> None:
    assert Client().get("/field/").status_code == 302
    page = logged_in("team").get("/field/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-user="team"' in html and "<script>" not in html and " on" + "click" not in html


def test_a_token_is_issued_for_the_session_with_its_csrf_token(people: dict[str, Any]) -> None:
    client = logged_in("team", csrf=True)
    assert client.post("/field/token/").status_code == 403  # no CSRF token
    client.get("/field/")
    csrf = client.cookies["csrftoken"].value
    r = client.post("/field/token/", headers={"X-CSRFToken": csrf})
    assert r.status_code == 200
    found = token_user(r.json()["token"])
    assert found is not None and found[0].username == "team"
    assert Client().post("/field/token/").status_code == 302


def test_the_service_worker_is_served_from_field_with_its_precache(people: dict[str, Any]) -> None:
    r = Client().get("/field/sw.js")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/javascript")
    body = r.content.decode()
    assert body.startswith("self.TPMAP_SW = ")
    assert "/static/vendor/workbox/" in body and "/static/field/app.js" in body
    assert "storage.googleapis.com" not in body
    manifest = Client().get("/field/manifest.webmanifest")
    assert manifest.json()["start_url"] == "/field/"


def test_the_log_out_of_a_phone_with_field_data_goes_through_the_field_page_first(
    people: dict[str, Any],
) -> None:
    client = logged_in("team")
    client.cookies["tpmap_field"] = "1"
    first = client.post("/logout/")
    assert first.status_code == 302 and first["Location"] == "/field/logout/"
    assert client.get("/field/").status_code == 200  # still logged in
    done = client.post("/logout/", {"field_cleared": "1"})
    assert done["Clear-Site-Data"] == '"cache", "storage"'
    assert client.get("/field/").status_code == 302


def test_the_log_out_without_field_data_is_immediate(people: dict[str, Any]) -> None:
    client = logged_in("team")
    r = client.post("/logout/")
    assert r.status_code == 302 and r["Location"] != "/field/logout/"
    assert client.get("/field/").status_code == 302
