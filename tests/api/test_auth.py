"""Tokens: issued at log-in, hashed at rest, ended by expiry, revocation, deactivation;
the lockout and the rate limit of the token endpoint; sessions never authenticate."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from tests.api.conftest import Api, login
from tests.web_kit import PASSWORD
from tpmap.accounts.models import ApiToken


def test_it_issues_a_token_stored_only_as_its_hash(people: dict[str, Any]) -> None:
    r = login("district")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"token", "expires_at"}
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(hours=11.9) < expires - timezone.now() <= timedelta(hours=12)
    row = ApiToken.objects.get()
    assert row.user == people["district"]
    assert row.key_hash != body["token"] and len(row.key_hash) == 64
    assert Api(body["token"]).get("/me").status_code == 200


def test_it_refuses_wrong_credentials_with_401_and_no_token(people: dict[str, Any]) -> None:
    r = login("district", "wrong-password")
    assert r.status_code == 401
    assert r.json() == {"error": {"code": "bad_credentials", "message": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"}}
    assert login("nobody").status_code == 401
    assert ApiToken.objects.count() == 0


def test_it_answers_in_english_when_asked(people: dict[str, Any]) -> None:
    r = Api(lang="en-US,en;q=0.9").post("/auth/token", {"username": "x", "password": "y"})
    assert r.status_code == 401
    assert r.json()["error"]["message"] == "Wrong user name or password"
    assert Api(lang="th").get("/me").json()["error"]["code"] == "unauthorized"


def test_the_login_lockout_applies_to_the_token_endpoint(people: dict[str, Any]) -> None:
    for _ in range(4):
        assert login("district", "wrong-password").status_code == 401
    # The fifth failure locks the user name (AXES_FAILURE_LIMIT), as on the log-in page.
    assert login("district", "wrong-password").status_code == 429
    r = login("district")  # the right password, but locked
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "locked"
    assert int(r["Retry-After"]) == 30 * 60
    assert ApiToken.objects.count() == 0


def test_an_expired_token_is_refused(api_as: Any) -> None:
    api: Api = api_as("district")
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    r = api.get("/me")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert r["WWW-Authenticate"] == "Bearer"


def test_a_revoked_token_is_refused(api_as: Any) -> None:
    api: Api = api_as("district")
    other: Api = api_as("district")
    assert api.send("DELETE", "/auth/token").status_code == 204
    assert api.get("/me").status_code == 401
    assert ApiToken.objects.filter(revoked_at__isnull=False).count() == 1
    assert other.get("/me").status_code == 200  # only the token used is revoked


def test_deactivating_an_account_revokes_its_tokens_and_sessions(
    api_as: Any, people: dict[str, Any]
) -> None:
    from django.contrib.sessions.models import Session
    from django.test import Client

    from tpmap.accounts.services import account_set_active

    api: Api = api_as("team")
    browser = Client()
    assert browser.post("/login/", {"username": "team", "password": PASSWORD}).status_code == 302
    assert Session.objects.count() == 1
    account_set_active(manager=people["prov_admin"], user=people["team"], active=False)
    assert api.get("/me").status_code == 401
    assert ApiToken.objects.filter(user=people["team"], revoked_at__isnull=True).count() == 0
    assert Session.objects.count() == 0


def test_deactivating_through_the_admin_or_a_script_revokes_tokens_too(
    api_as: Any, people: dict[str, Any]
) -> None:
    api: Api = api_as("mentor")
    user = people["mentor"]
    user.is_active = False
    user.save()
    assert api.get("/me").status_code == 401
    assert ApiToken.objects.get(user=user).revoked_at is not None


def test_a_session_cookie_does_not_authenticate_the_api(people: dict[str, Any]) -> None:
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people["district"])
    r = browser.post(
        "/api/v1/households/2566/34010000001/problems",
        '{"title": "x", "occurred_on": "2024-01-01", "dimension": "income"}',
        content_type="application/json",
    )
    assert r.status_code == 401
    from tpmap.logbook.models import Problem

    assert Problem.objects.count() == 0


def test_the_token_endpoint_is_rate_limited_per_account(
    people: dict[str, Any], settings: Any
) -> None:
    settings.TPMAP_RATE_LIMITS = {"token": {"user": (2, 60)}}
    assert login("district").status_code == 200
    assert login("district").status_code == 200
    r = login("district")
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(r["Retry-After"]) <= 60
    assert ApiToken.objects.count() == 2
    assert login("team").status_code == 200  # another account is not held back


def test_the_token_endpoint_is_rate_limited_per_ip(people: dict[str, Any], settings: Any) -> None:
    settings.TPMAP_RATE_LIMITS = {"token": {"ip": (1, 60)}}
    assert login("district").status_code == 200
    assert login("team").status_code == 429


def test_me_tells_the_account(api_as: Any) -> None:
    r = api_as("district").get("/me")
    assert r.status_code == 200
    assert r.json() == {
        "username": "district",
        "role": "district_chief",
        "area_code": "3401",
        "agency": "ที่ว่าการอำเภอเมืองอุบลราชธานี",
    }


def test_the_address_lockout_applies_to_the_token_endpoint(
    people: dict[str, Any], settings: Any
) -> None:
    from tpmap.accounts.lockout import IP_FAILURE_LIMIT

    settings.TPMAP_RATE_LIMITS = {"token": {"user": (100, 60), "ip": (100, 60)}}
    # Guessing across many user names from one address locks the address (as on the page).
    for i in range(IP_FAILURE_LIMIT - 1):
        assert login(f"guess{i}", "wrong-password").status_code == 401
    # The last failure allowed locks the address, as the fifth does a user name.
    assert login("guess-last", "wrong-password").status_code == 429
    r = login("district")  # another user name, its right password: the address is locked
    assert (r.status_code, r.json()["error"]["code"]) == (429, "locked")
    assert ApiToken.objects.count() == 0


def test_an_account_that_must_change_its_password_gets_no_token(
    api_as: Any, people: dict[str, Any]
) -> None:
    api = api_as("district")
    user = people["district"]
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    r = login("district")
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "password_change_required"
    assert ApiToken.objects.filter(user=user).count() == 1  # only the one issued before
    # The token issued before the password was reset no longer works.
    assert api.get("/me").status_code == 401
    english = Api(lang="en").post("/auth/token", {"username": "district", "password": PASSWORD})
    assert "Change the password" in english.json()["error"]["message"]
