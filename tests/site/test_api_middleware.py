"""Requests to /api/ pass by the middlewares only the pages need (sessions, page language,
log-in, first-login redirect, messages: tpmap.site.middleware.PagesOnlyMiddleware) and
still get every rule: the bearer token, the audit row of a household read, the NID mask,
the security headers. The pages keep every middleware."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web_kit import H1, PASSWORD, YEAR
from tpmap.accounts.models import AuditEvent, User

FULL_NID = "1100000000016"  # the head of H1 in tests/web_kit.py (shown as "0016")


def _token(username: str) -> str:
    r = Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": PASSWORD},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    return str(r.json()["token"])


def test_an_api_read_passes_the_page_middlewares_by_and_is_still_audited_and_masked(
    people: dict[str, Any],
) -> None:
    client = Client()
    r = client.get(
        f"/api/v1/households/{YEAR}/{H1}",
        headers={"Authorization": f"Bearer {_token('district')}"},
        REMOTE_ADDR="10.0.0.7",
    )
    assert r.status_code == 200
    # No session, CSRF or language cookie read or set: the answer does not vary on cookies.
    assert "Cookie" not in r.get("Vary", "")
    assert not r.cookies
    assert r["Content-Language"] == "th"  # the API's own language (tpmap.api.middleware)
    assert r["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in r
    assert [m["nid_last4"] for m in r.json()["members"]][:2] == ["0016", "0024"]
    assert FULL_NID not in r.content.decode()
    event = AuditEvent.objects.get(action="view")
    assert (event.actor, event.household_id, event.year, event.ip) == (
        people["district"],
        H1,
        YEAR,
        "10.0.0.7",
    )


def test_an_api_request_without_a_token_is_anonymous(people: dict[str, Any]) -> None:
    r = Client().get("/api/v1/me")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert AuditEvent.objects.count() == 0


def test_a_token_of_an_account_that_must_change_its_password_is_refused(
    people: dict[str, Any],
) -> None:
    token = _token("district")
    User.objects.filter(username="district").update(must_change_password=True)
    r = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401


@pytest.mark.parametrize("path", ["/", f"/households/{YEAR}/{H1}/"])
def test_the_pages_keep_the_first_login_redirect_and_the_session(
    people: dict[str, Any], path: str
) -> None:
    User.objects.filter(username="district").update(must_change_password=True)
    browser = Client()
    browser.force_login(User.objects.get(username="district"))
    r = browser.get(path)
    assert (r.status_code, r["Location"]) == (302, "/accounts/password/")
    assert "Cookie" in r["Vary"]
