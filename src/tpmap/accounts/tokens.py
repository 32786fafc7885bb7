"""API bearer tokens: issued at log-in, stored as a SHA-256 hash, ended by expiry, by
revocation or by the account being deactivated (``tpmap.accounts.sessions``)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
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
    """The active account holding a live token, else None (also when the account must
    change its password: an administrator reset it after the token was issued)."""
    if not token or len(token) > 200:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(token), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if row is None or not row.user.is_active or row.user.must_change_password:
        return None
    return row.user, row


def token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def tokens_revoke_all(*, user_id: int) -> int:
    """Revoke every live token of ``user_id``; returns how many there were."""
    return ApiToken.objects.filter(user_id=user_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
