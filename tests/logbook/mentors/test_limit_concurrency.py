"""The households-per-mentor limit holds when officers assign the same mentor to several
households at the same moment (PostgreSQL, real threads with their own connections): the
mentor's account row is locked while the limit is counted."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from django.db import connection, connections

from tests.logbook.mentors.conftest import TODAY
from tests.web_kit import YEAR, make_user
from tpmap.logbook import services
from tpmap.logbook.mentors import services as mentor_services
from tpmap.logbook.models import Mentor
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act
from tpmap.site.rules import RuleError

WRITERS = 6
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers (see test_followup_concurrency)",
    ),
]


def test_simultaneous_assignments_never_exceed_the_province_limit(
    people: dict[str, Any],
) -> None:
    mentor_services.province_setting_save(
        Act(people["prov_admin"]),
        data=mentor_services.ProvinceSettingInput(province_code="34", mentor_household_limit=2),
    )
    somsri = make_user("somsri", "mentor", "3401", "โรงเรียนบ้านนาคำ")
    start = threading.Barrier(WRITERS)
    refused: list[RuleError] = []
    errors: list[BaseException] = []

    def assign(n: int) -> None:
        try:
            start.wait()
            services.mentor_assign(
                Act(people["district"], today=TODAY),
                household=HouseholdRef(YEAR, f"3401999{n:04d}", "34010101"),
                data=services.MentorInput(assigned_on=date(2026, 11, 1), user=somsri),
            )
        except RuleError as e:
            refused.append(e)
        except BaseException as e:  # the test reports every other failure
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=assign, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert Mentor.objects.filter(user=somsri).count() == 2
    assert len(refused) == WRITERS - 2
