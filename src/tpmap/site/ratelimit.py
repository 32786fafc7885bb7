"""Rate limits on personal data: household reads, searches and the API's token endpoint,
per account and per IP address, in fixed windows.

Counters are rows of ``accounts.RateCounter`` (the Django database), so every process and
server of a deployment shares them; the limits are ``settings.TPMAP_RATE_LIMITS``:
``{scope: {"user": (requests, seconds), "ip": (requests, seconds)}}``."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import datetime, timedelta
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


def _count(windows: dict[str, int]) -> dict[str, int]:
    """Add one to each counter of ``windows`` ({key: window seconds}) and return their new
    values: one upsert statement for all of them (SQLite >= 3.35 and PostgreSQL both take
    ON CONFLICT ... RETURNING), atomic under concurrent requests of every process. The
    rows are written in key order, so two requests never wait on each other's rows in
    opposite orders."""
    from tpmap.accounts.models import RateCounter

    if not windows:
        return {}
    q = connection.ops.quote_name
    table, k, n, exp = (q(RateCounter._meta.db_table), q("key"), q("count"), q("expires_at"))
    now = timezone.now()
    keys = sorted(windows)
    params: list[str | datetime] = []
    for key in keys:
        params += [key, now + timedelta(seconds=windows[key])]
    rows = ", ".join(["(%s, 1, %s)"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({k}, {n}, {exp}) VALUES {rows} "
            f"ON CONFLICT ({k}) DO UPDATE SET {n} = {table}.{n} + 1 RETURNING {k}, {n}",
            params,
        )
        counts = {str(key): int(count) for key, count in cursor.fetchall()}
    if 1 in counts.values():  # a new window: old counters are swept once per window
        RateCounter.objects.filter(expires_at__lt=now).delete()
    return counts


def check(scope: str, *, user_key: str | None, ip: str | None) -> None:
    """Count one request of ``scope`` for the account and the address (one statement);
    RateLimited when either has gone over its limit in the current window."""
    limits: dict[str, tuple[int, int]] = settings.TPMAP_RATE_LIMITS.get(scope, {})
    now = time.time()
    windows: dict[str, int] = {}
    ends: dict[str, tuple[int, float]] = {}  # key -> (allowed, end of its window)
    for kind, ident in (("user", user_key), ("ip", ip)):
        if not ident or kind not in limits:
            continue
        allowed, window = limits[kind]
        start = int(now // window) * window
        key = f"{scope}:{kind}:{ident}:{start}"
        windows[key] = window
        ends[key] = (math.ceil(allowed * settings.TPMAP_RATE_LIMIT_SCALE), start + window)
    wait = 0
    for key, count in _count(windows).items():
        allowed, end = ends[key]
        if count > allowed:
            wait = max(wait, math.ceil(end - now))
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
