"""Finding 1 of issue 14: officers writing to one household at the same moment all
succeed, and the household's follow-up row counts every record (PostgreSQL, real threads
with their own connections and transactions)."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from django.db import connection, connections

from tests.web_kit import H1, YEAR
from tpmap.logbook import services
from tpmap.logbook.models import FollowedHousehold, FollowedMonth, Problem
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act

WRITERS = 12
HH1 = HouseholdRef(YEAR, H1, "34010101", is_target=True)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: the SQLite test database is in memory with a shared "
        "cache, whose table locks never wait, so threads fail with 'database table is "
        "locked' whatever the code does (the SQLite file in production serialises writers)",
    ),
]


def _write_problems(officer: Any, months: list[int]) -> list[BaseException]:
    """Start WRITERS threads at once, each creating one problem of H1 in its month."""
    start = threading.Barrier(len(months))
    errors: list[BaseException] = []

    def write(month: int) -> None:
        try:
            start.wait()
            services.problem_create(
                Act(officer, today=date(2024, 12, 31)),
                household=HH1,
                data=services.ProblemInput(
                    title=f"ปัญหา {month}",
                    performer="ทีม",
                    agency="พช.",
                    occurred_on=date(2024, month, 5),
                ),
            )
        except BaseException as e:  # the test reports every failure, whatever its kind
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(m,)) for m in months]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return errors


def test_simultaneous_writers_to_one_household_all_succeed_with_one_counted_row(
    people: dict[str, Any],
) -> None:
    months = [1 + i % 12 for i in range(WRITERS)]
    errors = _write_problems(people["district"], months)
    assert errors == []
    assert Problem.objects.filter(household_id=H1).count() == WRITERS
    row = FollowedHousehold.objects.get(year=YEAR, household_id=H1)
    assert (row.problems, row.open_problems, row.is_target) == (WRITERS, WRITERS, True)
    assert (row.first_record_on, row.last_record_on) == (
        date(2024, min(months), 5),
        date(2024, max(months), 5),
    )
    assert FollowedMonth.objects.filter(year=YEAR, household_id=H1).count() == len(set(months))


def test_a_second_round_of_simultaneous_writers_updates_the_existing_row(
    people: dict[str, Any],
) -> None:
    assert _write_problems(people["district"], [3] * 4) == []
    assert _write_problems(people["district"], [4] * 8) == []
    row = FollowedHousehold.objects.get(year=YEAR, household_id=H1)
    assert row.problems == 12
    assert FollowedHousehold.objects.filter(year=YEAR, household_id=H1).count() == 1
