"""Rate limit counters (tpmap.site.ratelimit): the account's and the address's counters
of a request are counted by one statement, in fixed windows, shared through the
database."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tpmap.accounts.models import RateCounter
from tpmap.site import ratelimit

NOW = 1_800_000_010.0  # 10 s into a minute (1_800_000_000 is a multiple of 60 and of 30)


@pytest.fixture
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tpmap.site.ratelimit.time.time", lambda: NOW)


@pytest.mark.django_db
def test_one_statement_counts_the_account_and_the_address(settings: Any, fixed_time: None) -> None:
    settings.TPMAP_RATE_LIMITS = {"search": {"user": (5, 60), "ip": (5, 60)}}
    settings.TPMAP_RATE_LIMIT_SCALE = 1
    ratelimit.check("search", user_key="7", ip="10.0.0.1")
    with CaptureQueriesContext(connection) as queries:
        ratelimit.check("search", user_key="7", ip="10.0.0.1")
    assert len(queries.captured_queries) == 1
    assert dict(RateCounter.objects.values_list("key", "count")) == {
        "search:user:7:1800000000": 2,
        "search:ip:10.0.0.1:1800000000": 2,
    }


@pytest.mark.django_db
def test_the_address_over_its_limit_waits_for_the_end_of_its_own_window(
    settings: Any, fixed_time: None
) -> None:
    settings.TPMAP_RATE_LIMITS = {"search": {"user": (5, 60), "ip": (1, 30)}}
    settings.TPMAP_RATE_LIMIT_SCALE = 1
    ratelimit.check("search", user_key="7", ip="10.0.0.1")
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.check("search", user_key="8", ip="10.0.0.1")
    assert refused.value.retry_after == 20  # the 30 s window ends at 1_800_000_030
    ratelimit.check("search", user_key="8", ip="10.0.0.2")  # another address goes on


@pytest.mark.django_db
def test_a_scope_without_limits_counts_nothing(settings: Any) -> None:
    settings.TPMAP_RATE_LIMITS = {"search": {"user": (5, 60)}}
    with CaptureQueriesContext(connection) as queries:
        ratelimit.check("household_read", user_key="7", ip="10.0.0.1")
        ratelimit.check("search", user_key=None, ip="10.0.0.1")  # no account, no ip limit
    assert queries.captured_queries == []
    assert RateCounter.objects.count() == 0
