"""Accounts, roles, area scopes (F11): who manages whom, lockout, demo accounts."""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from tests.web_kit import PASSWORD, make_user
from tpmap.accounts import services
from tpmap.accounts.models import AuditEvent, User
from tpmap.accounts.scope import area_within, in_scope, narrow
from tpmap.accounts.selectors import accounts_managed_by

pytestmark = pytest.mark.django_db


def test_an_area_contains_its_children_and_the_country_contains_all() -> None:
    assert area_within("34010101", "3401")
    assert area_within("34010101", "TH")
    assert not area_within("34020101", "3401")
    assert not area_within("TH", "34")
    assert area_within("34", "34")


def test_it_narrows_a_requested_area_to_the_officers_scope(people: dict[str, Any]) -> None:
    district = people["district"]
    assert narrow(district, "") == "3401"
    assert narrow(district, "34") == "3401"  # asking for the province gives their district
    assert narrow(district, "340101") == "340101"
    assert narrow(district, "3402") is None
    assert narrow(people["national"], "") == "TH"
    assert in_scope(district, "34010101")
    assert not in_scope(district, "34020101")


def test_an_inactive_account_sees_nothing(people: dict[str, Any]) -> None:
    district = people["district"]
    district.is_active = False
    assert not in_scope(district, "34010101")
    assert narrow(district, "") is None


def test_a_province_admin_creates_an_account_below_it_inside_its_province(
    people: dict[str, Any],
) -> None:
    admin = people["prov_admin"]
    user, password = services.account_create(
        manager=admin,
        username="chief.warin",
        role="district_chief",
        area_code="3415",
        first_name="สมปอง",
        last_name="วารินทร์",
        agency="ที่ว่าการอำเภอวารินชำราบ",
        ip="10.1.2.3",
    )
    assert User.objects.get(username="chief.warin").check_password(password)
    assert user.created_by == admin
    event = AuditEvent.objects.get(object_type="account", action="create")
    assert event.actor == admin and event.area_code == "3415" and event.ip == "10.1.2.3"
    assert event.after is not None and event.after["role"] == "district_chief"
    assert "password" not in event.after


def test_a_province_admin_cannot_create_accounts_outside_its_province_or_at_its_level(
    people: dict[str, Any],
) -> None:
    admin = people["prov_admin"]
    with pytest.raises(PermissionDenied):
        services.account_create(
            manager=admin, username="x1", role="district_chief", area_code="3501"
        )
    with pytest.raises(PermissionDenied):
        services.account_create(manager=admin, username="x2", role="province_admin", area_code="34")
    with pytest.raises(PermissionDenied):
        services.account_create(
            manager=people["district"], username="x3", role="mentor", area_code="340101"
        )
    assert not User.objects.filter(username__in=["x1", "x2", "x3"]).exists()
    assert not AuditEvent.objects.exists()


def test_a_role_must_hold_an_area_of_its_level(people: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as e:
        services.account_create(
            manager=people["prov_admin"], username="x4", role="district_chief", area_code="340101"
        )
    assert e.value.message_dict["area_code"] == ["รหัสพื้นที่ไม่ตรงกับระดับของบทบาทนี้"]
    with pytest.raises(ValidationError):
        make_user("bkk", "bangkok_district", "3401")


def test_a_province_admin_deactivates_and_resets_an_account_and_it_is_audited(
    client: Any, people: dict[str, Any]
) -> None:
    admin, district = people["prov_admin"], people["district"]
    services.account_set_active(manager=admin, user=district, active=False)
    district.refresh_from_db()
    assert district.is_active is False
    r = client.post("/login/", {"username": "district", "password": PASSWORD})
    assert r.status_code == 200 and "_auth_user_id" not in client.session
    services.account_set_active(manager=admin, user=district, active=True)
    new_password = services.account_reset_password(manager=admin, user=district)
    district.refresh_from_db()
    assert district.check_password(new_password) and not district.check_password(PASSWORD)
    assert list(
        AuditEvent.objects.filter(object_id=str(district.pk))
        .order_by("id")
        .values_list("object_type", "action")
    ) == [("account", "change"), ("account", "change"), ("account_password", "change")]


def test_an_admin_cannot_touch_accounts_of_another_province(people: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        services.account_set_active(
            manager=people["other_admin"], user=people["district"], active=False
        )
    with pytest.raises(PermissionDenied):
        services.account_reset_password(manager=people["prov_admin"], user=people["other_admin"])


def test_the_account_list_holds_only_accounts_below_inside_the_province(
    people: dict[str, Any],
) -> None:
    assert sorted(u.username for u in accounts_managed_by(people["prov_admin"])) == [
        "district",
        "mentor",
        "other_district",
        "prov_health",
        "team",
    ]
    assert list(accounts_managed_by(people["district"])) == []
    assert "prov_admin" in {u.username for u in accounts_managed_by(people["national"])}


def test_the_manage_pages_work_for_an_admin_and_are_forbidden_to_others(
    client: Any, people: dict[str, Any]
) -> None:
    client.force_login(people["prov_admin"])
    r = client.get("/accounts/manage/")
    assert r.status_code == 200 and "other_district" in r.content.decode()
    assert "other_admin" not in r.content.decode()
    r = client.post(
        "/accounts/manage/new/",
        {
            "username": "mentor.2",
            "first_name": "ใจดี",
            "last_name": "มีสุข",
            "role": "mentor",
            "area_code": "340101",
            "agency": "อำเภอเมือง",
        },
    )
    assert r.status_code == 200
    shown = re.search(r'<code id="new-password">([^<]+)</code>', r.content.decode())
    assert shown and User.objects.get(username="mentor.2").check_password(shown.group(1))
    r = client.post(f"/accounts/manage/{people['other_admin'].pk}/toggle/")
    assert r.status_code == 404
    client.force_login(people["district"])
    assert client.get("/accounts/manage/").status_code == 403
    assert client.get("/accounts/audit/").status_code == 403


def test_five_wrong_passwords_lock_the_account(client: Any, people: dict[str, Any]) -> None:
    for _ in range(5):
        r = client.post("/login/", {"username": "district", "password": "wrong-password"})
    assert r.status_code == 429
    assert "บัญชีถูกล็อกชั่วคราว" in r.content.decode()
    r = client.post("/login/", {"username": "district", "password": PASSWORD})
    assert r.status_code == 429
    # Another user is not affected.
    r = client.post("/login/", {"username": "team", "password": PASSWORD})
    assert r.status_code == 302


def test_a_wrong_password_gets_a_thai_message(client: Any, people: dict[str, Any]) -> None:
    r = client.post("/login/", {"username": "district", "password": "nope"})
    assert r.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in r.content.decode()


def test_demo_accounts_are_created_at_every_level_with_printed_passwords(
    client: Any, db: Any
) -> None:
    out = StringIO()
    call_command("tpmap_demo_accounts", stdout=out)
    lines = [ln.split() for ln in out.getvalue().splitlines()[1:]]
    created = {ln[0]: (ln[1], ln[2]) for ln in lines}
    assert set(created) == {
        "demo.national",
        "demo.admin.34",
        "demo.health.34",
        "demo.social.34",
        "demo.education.34",
        "demo.cdd.34",
        "demo.office.34",
        "demo.chief.3401",
        "demo.cdo.3401",
        "demo.chief.3402",
        "demo.team.340101",
        "demo.mentor.340101",
    }
    assert created["demo.chief.3401"][1] == "3401"
    assert User.objects.get(username="demo.chief.3401").role == "district_chief"
    password = created["demo.chief.3401"][0]
    r = client.post("/login/", {"username": "demo.chief.3401", "password": password})
    assert r.status_code == 302
    # Running it again refreshes passwords instead of failing.
    call_command("tpmap_demo_accounts", stdout=StringIO())
    assert User.objects.filter(username__startswith="demo.").count() == 12


# Which persona may manage which (by hand: lower rank and inside the manager's area).
MANAGES = {
    "national": {
        "prov_admin",
        "prov_health",
        "district",
        "other_district",
        "team",
        "mentor",
        "other_admin",
    },
    "prov_admin": {"prov_health", "district", "other_district", "team", "mentor"},
    "other_admin": set(),
}


@pytest.mark.parametrize("manager", ["national", "prov_admin", "other_admin", "district", "team"])
def test_account_actions_follow_rank_and_area_for_every_pair(
    client: Any, people: dict[str, Any], manager: str
) -> None:
    client.force_login(people[manager])
    wrong = []
    for name, target in people.items():
        if name == manager:
            continue
        allowed = name in MANAGES.get(manager, set())
        r = client.post(f"/accounts/manage/{target.pk}/toggle/")
        want = 302 if allowed else (404 if manager in MANAGES else 403)
        target.refresh_from_db()
        if r.status_code != want or target.is_active == allowed:
            wrong.append(f"toggle {name}: {r.status_code}, active={target.is_active}")
        if allowed:
            services.account_set_active(manager=people[manager], user=target, active=True)
        r = client.post(f"/accounts/manage/{target.pk}/reset/")
        target.refresh_from_db()
        if (
            r.status_code != (200 if allowed else want)
            or target.check_password(PASSWORD) == allowed
        ):
            wrong.append(f"reset {name}: {r.status_code}")
    assert wrong == []


def test_the_bangkok_governor_manages_khet_offices_but_not_provinces(db: Any) -> None:
    governor = make_user("bkk", "bangkok_governor", "10")
    khet, _ = services.account_create(
        manager=governor, username="khet.pathumwan", role="bangkok_district", area_code="1007"
    )
    assert khet.area_code == "1007"
    with pytest.raises(PermissionDenied):
        services.account_create(
            manager=governor, username="x5", role="district_chief", area_code="3401"
        )
    with pytest.raises(ValidationError):
        services.account_create(
            manager=governor, username="x6", role="district_chief", area_code="1007"
        )


def test_deactivating_an_account_ends_its_sessions_so_reactivating_does_not_revive_them(
    people: dict[str, Any],
) -> None:
    from django.contrib.sessions.models import Session
    from django.test import Client

    admin, district = people["prov_admin"], people["district"]
    phone, laptop, other = Client(), Client(), Client()
    for c, user in ((phone, district), (laptop, district), (other, people["team"])):
        r = c.post("/login/", {"username": user.username, "password": PASSWORD})
        assert r.status_code == 302
    assert phone.get("/households/").status_code == 200
    assert Session.objects.count() == 3
    manager = Client()
    manager.force_login(admin)
    response = manager.post(f"/accounts/manage/{district.pk}/toggle/")  # the page's button
    assert response.status_code == 302
    district.refresh_from_db()
    assert district.is_active is False
    # Only the team's session and the admin's remain.
    assert Session.objects.count() == 2
    services.account_set_active(manager=admin, user=district, active=True)
    for c in (phone, laptop):
        response = c.get("/households/")
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert other.get("/households/").status_code == 200


def _wrong(client: Any, username: str, ip: str = "127.0.0.1") -> int:
    r = client.post("/login/", {"username": username, "password": "wrong-pw"}, REMOTE_ADDR=ip)
    return int(r.status_code)


def test_a_wrong_password_while_locked_does_not_extend_the_lock(
    client: Any, people: dict[str, Any]
) -> None:
    from datetime import timedelta

    from axes.models import AccessAttempt

    for _ in range(5):
        _wrong(client, "district")
    (attempt,) = AccessAttempt.objects.filter(username="district")
    locked_at = attempt.attempt_time
    assert attempt.failures_since_start == 5
    assert _wrong(client, "district") == 429  # tried again while locked: not recorded
    attempt.refresh_from_db()
    assert (attempt.failures_since_start, attempt.attempt_time) == (5, locked_at)
    # 31 minutes after the failure that locked it, the lock is over.
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=locked_at - timedelta(minutes=31)
    )
    r = client.post("/login/", {"username": "district", "password": PASSWORD})
    assert r.status_code == 302
    assert not AccessAttempt.objects.filter(username="district").exists()


def test_thirty_wrong_passwords_from_one_address_lock_that_address(
    client: Any, people: dict[str, Any]
) -> None:
    from axes.models import AccessAttempt

    names = [f"guess{i}" for i in range(20)]
    statuses = [_wrong(client, names[i % 20], "198.51.100.7") for i in range(30)]
    assert statuses[:29] == [200] * 29 and statuses[29] == 429
    assert sum(AccessAttempt.objects.values_list("failures_since_start", flat=True)) == 30
    # The right password of a real account from that address is refused too ...
    r = client.post(
        "/login/", {"username": "team", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert r.status_code == 429
    # ... but not from another address, and no user name is locked (each had 1 or 2).
    r = client.post("/login/", {"username": "team", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert r.status_code == 302


def test_a_province_admin_unlocks_a_locked_account_of_their_area_and_it_is_audited(
    client: Any, people: dict[str, Any]
) -> None:
    from axes.models import AccessAttempt
    from django.test import Client

    for _ in range(5):
        _wrong(client, "district")
    admin = Client()
    admin.force_login(people["prov_admin"])
    page = admin.get("/accounts/manage/").content.decode()
    district = people["district"]
    assert 'data-locked="district"' in page and page.count("data-locked=") == 1
    assert f'action="/accounts/manage/{district.pk}/unlock/"' in page
    other = Client()
    other.force_login(people["other_admin"])
    assert other.post(f"/accounts/manage/{district.pk}/unlock/").status_code == 404
    assert AccessAttempt.objects.filter(username="district").exists()
    r = admin.post(f"/accounts/manage/{district.pk}/unlock/")
    assert r.status_code == 302 and r["Location"] == "/accounts/manage/"
    assert not AccessAttempt.objects.filter(username="district").exists()
    assert list(
        AuditEvent.objects.filter(object_type="account_lockout").values_list(
            "actor_username", "action", "object_id", "area_code", "after"
        )
    ) == [("prov_admin", "change", str(district.pk), "3401", {"unlocked": True})]
    r = client.post("/login/", {"username": "district", "password": PASSWORD})
    assert r.status_code == 302


def test_an_account_made_by_an_admin_must_change_its_password_at_first_login(
    client: Any, people: dict[str, Any]
) -> None:
    from django.test import Client

    admin = Client()
    admin.force_login(people["prov_admin"])
    r = admin.post(
        "/accounts/manage/new/",
        {
            "username": "mentor.9",
            "first_name": "ใจดี",
            "last_name": "มีสุข",
            "role": "mentor",
            "area_code": "340101",
            "agency": "อำเภอเมือง",
        },
    )
    first = re.search(r'<code id="new-password">([^<]+)</code>', r.content.decode())
    assert first
    account = User.objects.get(username="mentor.9")
    assert account.must_change_password is True
    r = client.post("/login/", {"username": "mentor.9", "password": first.group(1)})
    assert r.status_code == 302
    for url in ("/households/", "/reports/", "/monitor/", "/accounts/password/done/"):
        r = client.get(url)
        assert (r.status_code, r["Location"]) == (302, "/accounts/password/"), url
    r = client.get("/households/", HTTP_HX_REQUEST="true")
    assert (r.status_code, r["HX-Redirect"]) == (204, "/accounts/password/")
    page = client.get("/accounts/password/")
    assert page.status_code == 200 and "data-first-login" in page.content.decode()
    # The password the administrator sent is not a new one.
    r = client.post(
        "/accounts/password/",
        {
            "old_password": first.group(1),
            "new_password1": first.group(1),
            "new_password2": first.group(1),
        },
    )
    assert r.status_code == 200 and "รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม" in r.content.decode()
    account.refresh_from_db()
    assert account.must_change_password is True
    own = "Phi-Liang-2567-own"
    r = client.post(
        "/accounts/password/",
        {"old_password": first.group(1), "new_password1": own, "new_password2": own},
    )
    assert (r.status_code, r["Location"]) == (302, "/accounts/password/done/")
    account.refresh_from_db()
    assert account.must_change_password is False and account.check_password(own)
    assert client.get("/households/").status_code == 200  # still logged in, free to go on
    assert list(
        AuditEvent.objects.filter(object_id=str(account.pk))
        .order_by("id")
        .values_list("actor_username", "object_type", "after")
    )[-1] == ("mentor.9", "account_password", {"password": "changed by its owner"})


def test_a_password_reset_by_the_province_admin_must_be_changed_at_next_login(
    client: Any, people: dict[str, Any]
) -> None:
    district = people["district"]
    assert district.must_change_password is False  # an account's own password: no detour
    password = services.account_reset_password(manager=people["prov_admin"], user=district)
    district.refresh_from_db()
    assert district.must_change_password is True
    client.post("/login/", {"username": "district", "password": password})
    r = client.get("/households/")
    assert (r.status_code, r["Location"]) == (302, "/accounts/password/")
    assert list(
        AuditEvent.objects.filter(object_id=str(district.pk)).values_list(
            "actor_username", "object_type", "after"
        )
    ) == [("prov_admin", "account_password", {"password": "reset"})]
