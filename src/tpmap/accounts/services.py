"""Writes of accounts: a province administrator creates, deactivates and resets the
accounts below it, only inside its province (F11). Every write is audited."""

from __future__ import annotations

import secrets
import string
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tpmap.accounts import lockout
from tpmap.accounts.audit import audit_record, snapshot
from tpmap.accounts.models import User
from tpmap.accounts.roles import Role, area_error, role_info
from tpmap.accounts.scope import area_within

_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "Il1O0o")
_AUDITED_FIELDS = [
    "id",
    "username",
    "first_name",
    "last_name",
    "email",
    "role",
    "area_code",
    "agency",
    "phone",
    "is_active",
]


def generate_password(length: int = 12) -> str:
    """A random password without look-alike characters, with letters and digits."""
    while True:
        pw = "".join(secrets.choice(_ALPHABET) for _ in range(length))
        if any(c.isdigit() for c in pw) and any(c.isalpha() for c in pw):
            return pw


def can_manage(manager: User, role: str, area_code: str) -> bool:
    """May ``manager`` create or change an account with this role and area?"""
    if not getattr(manager, "is_authenticated", False) or not manager.is_active:
        return False
    if not manager.role or not role_info(manager.role).manages_accounts:
        return False
    try:
        target = role_info(role)
    except ValueError:
        return False
    return target.rank > role_info(manager.role).rank and area_within(area_code, manager.area_code)


def _require_manage(manager: User, user: User) -> None:
    if user.pk == manager.pk or not can_manage(manager, user.role, user.area_code):
        raise PermissionDenied(_("ไม่มีสิทธิ์จัดการบัญชีนี้"))


@transaction.atomic
def account_create(
    *,
    manager: User,
    username: str,
    role: str,
    area_code: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    agency: str = "",
    phone: str = "",
    password: str | None = None,
    ip: str | None = None,
) -> tuple[User, str]:
    """Create an account below ``manager``; returns it with its first password."""
    if not can_manage(manager, role, area_code):
        raise PermissionDenied(_("ไม่มีสิทธิ์สร้างบัญชีบทบาทนี้ในพื้นที่นี้"))
    problem = area_error(role, area_code)
    if problem:
        raise ValidationError({"area_code": problem})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("มีชื่อผู้ใช้นี้แล้ว")})
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        area_code=area_code,
        agency=agency,
        phone=phone,
        created_by=manager,
        must_change_password=True,
    )
    pw = password or generate_password()
    validate_password(pw, user)
    user.set_password(pw)
    user.full_clean()
    user.save()
    _audit(manager, user, "account", _state(user), ip=ip, action="create")
    return user, pw


def _state(user: User) -> dict[str, Any]:
    """What an audit row keeps of an account (never its password)."""
    return snapshot(user, _AUDITED_FIELDS)


def _audit(
    actor: User,
    user: User,
    object_type: str,
    after: dict[str, Any],
    *,
    ip: str | None = None,
    before: dict[str, Any] | None = None,
    action: str = "change",
) -> None:
    """The one audit row of a write to the account ``user``, in the account's area."""
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=user.pk,
        area_code=user.area_code,
        ip=ip,
        before=before,
        after=after,
    )


@transaction.atomic
def account_set_active(*, manager: User, user: User, active: bool, ip: str | None = None) -> User:
    """Deactivate (or reactivate) an account below ``manager``. Deactivation ends the
    account's sessions and API tokens (``sessions.on_user_saved``), so a reactivated
    account's old cookies and tokens do not work."""
    _require_manage(manager, user)
    before = _state(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    _audit(manager, user, "account", _state(user), ip=ip, before=before)
    return user


@transaction.atomic
def account_reset_password(*, manager: User, user: User, ip: str | None = None) -> str:
    """Give an account below ``manager`` a new random password (shown once)."""
    _require_manage(manager, user)
    pw = generate_password()
    user.set_password(pw)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    _audit(manager, user, "account_password", {"password": "reset"}, ip=ip)
    return pw


@transaction.atomic
def account_password_change(*, user: User, password: str, ip: str | None = None) -> None:
    """The officer's own new password (validated by the form): it ends the first-login
    requirement. Audited without the password."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    _audit(user, user, "account_password", {"password": "changed by its owner"}, ip=ip)


@transaction.atomic
def account_unlock(*, manager: Any, user: User, ip: str | None = None) -> int:
    """End the login lockout of an account below ``manager``; returns the attempt rows
    removed."""
    _require_manage(manager, user)
    removed = lockout.unlock(user.username)
    _audit(manager, user, "account_lockout", {"unlocked": True}, ip=ip)
    return removed


def demo_account_upsert(
    *, username: str, role: Role, area_code: str, first_name: str, last_name: str, agency: str
) -> tuple[User, str]:
    """Create or refresh one demo account with a new random password (demo data only)."""
    user = User.objects.filter(username=username).first() or User(username=username)
    user.role = role.value
    user.area_code = area_code
    user.first_name = first_name
    user.last_name = last_name
    user.agency = agency
    user.is_active = True
    if role is Role.NATIONAL_ADMIN:
        user.is_staff = True
    pw = generate_password()
    user.set_password(pw)
    user.full_clean()
    user.save()
    return user, pw


@transaction.atomic
def account_upsert(
    *, username: str, password: str, role: str, area_code: str, agency: str | None = None
) -> tuple[User, bool]:
    """Create or update an account from the operator's command line (no manager: the
    operator holds the server). The role and area must fit (``area_error``); the password
    passes the validators. Returns the account and whether it was created."""
    if role not in {r.value for r in Role}:
        raise ValidationError(
            {"role": _("ไม่รู้จักบทบาท %(r)s (มี: %(all)s)") % {"r": role, "all": ", ".join(Role)}}
        )
    problem = area_error(role, area_code)
    if problem:
        raise ValidationError({"area_code": problem})
    user = User.objects.filter(username=username).first()
    created = user is None
    before = None if user is None else _state(user)
    user = user or User(username=username)
    user.role, user.area_code = role, area_code
    if agency is not None:
        user.agency = agency
    user.is_active = True
    user.is_staff = role == Role.NATIONAL_ADMIN
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    # The operator has no account here: the row names the account itself as the actor,
    # and its object type says it came from the command line.
    action = "create" if created else "change"
    _audit(user, user, "account_cli", _state(user), before=before, action=action)
    return user, created
