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
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone


class RateLimited(Exception):
    """Too many requests; retry after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def _count(key: str, window: int) -> int:
    from tpmap.accounts.models import RateCounter

    with transaction.atomic():
        if RateCounter.objects.filter(key=key).update(count=F("count") + 1) == 0:
            expires = timezone.now() + timedelta(seconds=window)
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, count=1, expires_at=expires)
            except IntegrityError:  # another process made it first
                RateCounter.objects.filter(key=key).update(count=F("count") + 1)
            else:
                RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
        return RateCounter.objects.filter(key=key).values_list("count", flat=True).first() or 0


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
