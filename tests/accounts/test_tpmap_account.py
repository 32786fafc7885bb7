"""``python -m tpmap.site tpmap_account`` (CONTRACTS.md section 5)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tpmap.accounts.models import AuditEvent, User

PASSWORD = "Ubon-Mentor-2566"


def _run(capsys: Any, *args: str) -> tuple[int, str, str]:
    """The exit code and output of the command line: a CommandError is exit 1 with its
    message on stderr (Django's run_from_argv, which the test cannot call itself: it
    closes the database connection, ending the test's transaction on PostgreSQL)."""
    code, err = 0, ""
    try:
        call_command("tpmap_account", *args)
    except CommandError as e:
        code, err = e.returncode, f"CommandError: {e}\n"
    out = capsys.readouterr()
    return code, out.out, out.err + err


def test_it_creates_an_account(db: Any, capsys: Any) -> None:
    code, out, _ = _run(
        capsys,
        "--username", "somsri", "--password", PASSWORD, "--role", "mentor",
        "--area", "340101", "--agency", "อสม. ตำบลในเมือง",
    )  # fmt: skip
    assert code == 0
    assert out.strip() == "created somsri (mentor, 340101)"
    user = User.objects.get(username="somsri")
    assert (user.role, user.area_code, user.agency, user.is_active) == (
        "mentor",
        "340101",
        "อสม. ตำบลในเมือง",
        True,
    )
    assert user.check_password(PASSWORD)
    assert AuditEvent.objects.get().object_type == "account_cli"


def test_it_updates_an_existing_account(db: Any, capsys: Any) -> None:
    _run(capsys, "--username", "u1", "--password", PASSWORD, "--role", "mentor", "--area", "3401")
    code, out, _ = _run(
        capsys, "--username", "u1", "--password", PASSWORD + "x", "--role", "district_chief",
        "--area", "3402",
    )  # fmt: skip
    assert code == 0
    assert out.strip() == "updated u1 (district_chief, 3402)"
    user = User.objects.get(username="u1")
    assert (user.role, user.area_code, user.agency) == ("district_chief", "3402", "")
    assert user.check_password(PASSWORD + "x")


@pytest.mark.parametrize(
    ("role", "area"),
    [
        ("district_chief", "34"),  # a district role at a province
        ("province_admin", "10"),  # Bangkok has its own roles
        ("national_admin", "34"),
        ("mentor", "99999999"),
        ("wizard", "34"),
    ],
)
def test_it_exits_1_when_role_and_area_do_not_fit(
    db: Any, capsys: Any, role: str, area: str
) -> None:
    code, _, err = _run(
        capsys, "--username", "bad", "--password", PASSWORD, "--role", role, "--area", area
    )
    assert code == 1
    assert err.strip()
    assert not User.objects.filter(username="bad").exists()


def test_it_exits_1_on_a_weak_password(db: Any, capsys: Any) -> None:
    code, _, err = _run(
        capsys, "--username", "weak", "--password", "123", "--role", "mentor", "--area", "3401"
    )
    assert code == 1
    assert err.startswith("CommandError:")
    assert not User.objects.filter(username="weak").exists()
