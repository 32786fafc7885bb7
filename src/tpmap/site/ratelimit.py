"""Rate limits on personal data: household reads, searches and the API's token endpoint,
per account and per IP address, in fixed windows.

Counters are rows of ``accounts.RateCounter`` (the Django database), so every process and
server of a deployment shares them; the limits are ``settings.TPMAP_RATE_LIMITS``:
``{scope: {"user": (requests, seconds), "ip": (requests, seconds)}}``."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone


class RateLimited(Exception):
    """Too many requests; retry after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def _count(key: str, window: int) -> int:
    """Add one to the counter ``key`` and return its new value: one upsert statement
    (SQLite >= 3.35 and PostgreSQL both take ON CONFLICT ... RETURNING), atomic under
    concurrent requests of every process."""
    from tpmap.accounts.models import RateCounter

    q = connection.ops.quote_name
    table, k, n, exp = (q(RateCounter._meta.db_table), q("key"), q("count"), q("expires_at"))
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({k}, {n}, {exp}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({k}) DO UPDATE SET {n} = {table}.{n} + 1 RETURNING {n}",
            [key, now + timedelta(seconds=window)],
        )
        row = cursor.fetchone()
    count = int(row[0]) if row else 0
    if count == 1:  # a new window: old counters are swept once per window, not per request
        RateCounter.objects.filter(expires_at__lt=now).delete()
    return count


def check(scope: str, *, user_key: str | None, ip: str | None) -> None:
    """Count one request of ``scope`` for the account and the address; RateLimited when
    either has gone over its limit in the current window."""
    limits: dict[str, tuple[int, int]] = settings.TPMAP_RATE_LIMITS.get(scope, {})
    now = time.time()
    wait = 0
    for kind, ident in (("user", user_key), ("ip", ip)):
        if not ident or kind not in limits:
            continue
        allowed, window = limits[kind]
        allowed = math.ceil(allowed * settings.TPMAP_RATE_LIMIT_SCALE)
        start = int(now // window) * window
        if _count(f"{scope}:{kind}:{ident}:{start}", window) > allowed:
            wait = max(wait, math.ceil(start + window - now))
    if wait:
        raise RateLimited(max(wait, 1))


def ratelimited(scope: str) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., Any]]:
    """Limit a page's requests per signed-in account and per IP (429 page with Retry-After)."""

    def wrap(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            from tpmap.accounts.audit import client_ip
            from tpmap.site.errors import too_many_requests

            user = request.user
            key = str(user.pk) if user.is_authenticated else None
            try:
                check(scope, user_key=key, ip=client_ip(request))
            except RateLimited as e:
                response: HttpResponse = too_many_requests(request)
                response["Retry-After"] = str(e.retry_after)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return wrap
