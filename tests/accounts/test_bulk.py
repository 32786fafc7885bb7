"""The bulk-reading alert's window (``tpmap.accounts.bulk``): a household the account opened
inside the window is not counted again (no query), one opened before the window is."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.web_kit import H1, H2, YEAR
from tpmap.accounts import bulk
from tpmap.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def _opened(actor: Any, household_id: str, minutes_ago: int) -> AuditEvent:
    """A household opening by ``actor``, dated ``minutes_ago``, as the read writes it."""
    event = AuditEvent.objects.create(
        actor=actor,
        actor_username=actor.username,
        action="view",
        object_type="household",
        object_id=f"{YEAR}/{household_id}",
        area_code="34010101",
        year=YEAR,
        household_id=household_id,
    )
    at = timezone.now() - timedelta(minutes=minutes_ago)
    AuditEvent.objects.filter(pk=event.pk).update(at=at)
    event.at = at
    return event


def _alerts() -> int:
    return AuditEvent.objects.filter(action="alert").count()


def test_a_household_opened_before_the_window_counts_again_when_opened_in_it(
    people: dict[str, Any], settings: Any
) -> None:
    settings.TPMAP_BULK_READ_HOUSEHOLDS = 1
    settings.TPMAP_BULK_READ_MINUTES = 30
    somchai = people["district"]
    bulk.forget_alerts()
    bulk.note_household_read(_opened(somchai, H1, minutes_ago=40))
    bulk.note_household_read(_opened(somchai, H2, minutes_ago=0))
    assert _alerts() == 0  # one household in the last 30 minutes: H2
    # H1 again: this process saw it opened 40 minutes ago, outside the window, so it is
    # counted: two households in 30 minutes, over the limit of one.
    bulk.note_household_read(_opened(somchai, H1, minutes_ago=0))
    assert _alerts() == 1


def test_a_household_opened_again_inside_the_window_sends_no_query(
    people: dict[str, Any], settings: Any, django_assert_num_queries: Any
) -> None:
    settings.TPMAP_BULK_READ_HOUSEHOLDS = 1
    somchai = people["district"]
    bulk.forget_alerts()
    first = _opened(somchai, H1, minutes_ago=5)
    with django_assert_num_queries(1):  # the window counted
        bulk.note_household_read(first)
    again = _opened(somchai, H1, minutes_ago=0)
    with django_assert_num_queries(0):
        bulk.note_household_read(again)
    assert _alerts() == 0
