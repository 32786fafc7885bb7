"""API bearer tokens: issued at log-in, stored as a SHA-256 hash, ended by expiry, by
revocation or by the account being deactivated (which also ends its web sessions)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from tpmap.accounts.models import ApiToken, User


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_issue(*, user: User, ip: str | None = None) -> tuple[str, datetime]:
    """A new token for ``user`` (shown once) and when it expires."""
    token = secrets.token_urlsafe(32)
    expires = timezone.now() + timedelta(hours=settings.TPMAP_API_TOKEN_HOURS)
    ApiToken.objects.create(user=user, key_hash=_hash(token), expires_at=expires, ip=ip)
    return token, expires


def token_user(token: str) -> tuple[User, ApiToken] | None:
    """The active account holding a live token, else None."""
    if not token or len(token) > 200:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(token), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    return row.user, row


def token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def account_logged_out_everywhere(*, user: Any) -> None:
    """End every API token and web session of ``user`` (an account being deactivated)."""
    with transaction.atomic():
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        # Session rows do not index their user: decode the live ones. Deactivation is rare
        # and the live sessions are one working day's (SESSION_COOKIE_AGE).
        doomed = [
            s.pk
            for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
            if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
        ]
        Session.objects.filter(pk__in=doomed).delete()


def on_user_saved(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    """post_save of User: any save that leaves an account inactive (the accounts service,
    the admin, a script) ends its tokens and sessions."""
    if not created and not instance.is_active:
        account_logged_out_everywhere(user=instance)
