"""Shared arrangements of the routing tests: households, a problem, the catalogue's rows."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.web_kit import H1, H2, H4, YEAR
from tpmap.logbook import services
from tpmap.logbook.models import Agency, MenuItem, Problem
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act

HH1 = HouseholdRef(YEAR, H1, "34010101")
HH2 = HouseholdRef(YEAR, H2, "34010101")
HH4 = HouseholdRef(YEAR, H4, "34020101")
TODAY = date(2026, 11, 30)


def agency(name: str, **kw: Any) -> Agency:
    return Agency.objects.get(name=name, province_code="", district_code="", **kw)


def menu(key: str) -> MenuItem:
    return MenuItem.objects.get(province_code="", key=key)


def a_problem(officer: Any, household: HouseholdRef = HH1, **kw: Any) -> Problem:
    data = services.ProblemInput(
        **{"title": "รายได้ไม่พอ", "occurred_on": date(2026, 11, 1), "performer": "ทีม", **kw}
    )
    return services.problem_create(Act(officer, today=TODAY), household=household, data=data)
