"""API bearer tokens: issued at log-in, stored as a SHA-256 hash, ended by expiry, by
revocation or by the account being deactivated (``tpmap.accounts.sessions``)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
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


_LIVE_TOKEN_SQL: dict[str, str] = {}


def _live_token_sql() -> str:
    """The statement of ``token_user``: the account holding a live token (every column of
    the user, and the token's id as ``api_token_id``). Written out once per database
    backend: the ORM compiled the same join anew on every API request (0.5 ms of CPU)."""
    sql = _LIVE_TOKEN_SQL.get(connection.vendor)
    if sql is None:
        q = connection.ops.quote_name
        users, tokens = q(User._meta.db_table), q(ApiToken._meta.db_table)
        columns = ", ".join(f"u.{q(f.column)}" for f in User._meta.concrete_fields if f.column)
        sql = (
            f"SELECT {columns}, t.{q('id')} AS api_token_id FROM {tokens} t"
            f" INNER JOIN {users} u ON u.{q('id')} = t.{q('user_id')}"
            f" WHERE t.{q('key_hash')} = %s AND t.{q('revoked_at')} IS NULL"
            f" AND t.{q('expires_at')} > %s"
        )
        _LIVE_TOKEN_SQL[connection.vendor] = sql
    return sql


def token_user(token: str) -> tuple[User, int] | None:
    """The active account holding a live token and the token's id, else None (also when
    the account must change its password: an administrator reset it after the token was
    issued). One statement (``key_hash`` is unique)."""
    if not token or len(token) > 200:
        return None
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    found = list(User.objects.raw(_live_token_sql(), [_hash(token), now]))
    if not found:
        return None
    user = found[0]
    if not user.is_active or user.must_change_password:
        return None
    return user, int(user.api_token_id)  # type: ignore[attr-defined]


def token_revoke(*, token_id: int) -> None:
    ApiToken.objects.filter(pk=token_id, revoked_at__isnull=True).update(revoked_at=timezone.now())


def tokens_revoke_all(*, user_id: int) -> int:
    """Revoke every live token of ``user_id``; returns how many there were."""
    return ApiToken.objects.filter(user_id=user_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
