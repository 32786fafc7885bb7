"""Projects (F24) tests: the web warehouse and personas of tests/web_kit.py, and two
Logbook activities to group: A1 in H1 (village 34010101, district 3401) and A4 in H4
(village 34020101, district 3402)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.web_kit import H1, H4, YEAR
from tpmap.logbook import services as logbook
from tpmap.logbook.models import Activity
from tpmap.logbook.services import HouseholdRef
from tpmap.projects import services
from tpmap.projects.models import Project
from tpmap.site.officers import Act


@pytest.fixture(autouse=True)
def _web(web_settings: Any) -> None:
    """Every project test runs with the web settings of tests/web_kit.py."""


def activity(officer: Any, ref: HouseholdRef, name: str, day: date) -> Activity:
    return logbook.activity_create(
        Act(officer),
        household=ref,
        data=logbook.ActivityInput(
            name=name, performer="ทีม", agency="พช.", start_on=day, end_on=None
        ),
    )


@pytest.fixture
def acts(people: dict[str, Any]) -> dict[str, Activity]:
    national = people["national"]
    return {
        "a1": activity(
            national,
            HouseholdRef(YEAR, H1, "34010101", is_target=True),
            "ฝึกทอผ้า",
            date(2026, 11, 3),
        ),
        "a4": activity(
            national,
            HouseholdRef(YEAR, H4, "34020101", is_target=True),
            '=HYPERLINK("http://x")',
            date(2026, 11, 20),
        ),
    }


def project_input(**kw: Any) -> services.ProjectInput:
    args: dict[str, Any] = {
        "name": "ส่งเสริมอาชีพครัวเรือนยากจน อำเภอเมือง",
        "agency": "สำนักงานพัฒนาชุมชนอำเภอเมืองอุบลราชธานี",
        "budget": Decimal("150000.00"),
        "strategy_target": "110201",
        "fiscal_year": 2569,
        "areas": ["3401"],
        "activities": [],
        "start_on": date(2025, 10, 1),
        "end_on": date(2026, 9, 30),
    }
    args.update(kw)
    return services.ProjectInput(**args)


def make(officer: Any, **kw: Any) -> Project:
    return services.project_create(Act(officer), data=project_input(**kw))
