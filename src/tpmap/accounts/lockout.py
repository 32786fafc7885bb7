"""Login lockout (django-axes): by user name and by client address, with two limits.

* A user name is locked after USER_FAILURE_LIMIT wrong passwords (from anywhere).
* A client address is locked after IP_FAILURE_LIMIT wrong passwords over any user names
  (guessing across many accounts). It is higher than the user limit because a district
  office's officers share one NAT address.
* A lock lasts AXES_COOLOFF_TIME from the failure that set it: a wrong password while
  locked is not recorded (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False), so one
  request per half hour cannot keep an account locked for ever.
* A province administrator unlocks an account of their area from the accounts page
  (``services.account_unlock``, audited).

axes compares the largest failure count among its lockout parameters with one limit;
:func:`failure_limit` gives it the limit that makes that comparison mean "the user name
reached 5 or the address reached 30".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

USER_FAILURE_LIMIT = 5
IP_FAILURE_LIMIT = 30


def _recent() -> Any:
    return AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    )


def user_failures(username: str) -> int:
    """Wrong passwords for ``username`` within the cool-off period."""
    total = _recent().filter(username=username).aggregate(n=Sum("failures_since_start"))["n"]
    return int(total or 0)


def failure_limit(request: Any, credentials: dict[str, Any] | None) -> int:
    """The limit axes compares with max(user name's failures, address's failures): the user
    limit once the user name reached it, else the address limit (the user name's count is
    then below 5, so only the address can reach 30)."""
    username = get_client_username(request, credentials)
    if username and user_failures(username) >= USER_FAILURE_LIMIT:
        return USER_FAILURE_LIMIT
    return IP_FAILURE_LIMIT


def locked_usernames(usernames: Iterable[str]) -> set[str]:
    """Which of ``usernames`` are locked now."""
    rows = (
        _recent()
        .filter(username__in=list(usernames))
        .values("username")
        .annotate(n=Sum("failures_since_start"))
    )
    return {r["username"] for r in rows if r["n"] >= USER_FAILURE_LIMIT}


def unlock(username: str) -> int:
    """Forget the failures of ``username``; returns how many attempt rows were removed."""
    deleted, _ = AccessAttempt.objects.filter(username=username).delete()
    return int(deleted)
