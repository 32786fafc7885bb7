"""Reads for assigning a mentor (F16): the household's main problem dimension and how many
households each account already looks after."""

from __future__ import annotations

from django.db.models import Count

from tpmap.core.indicators import DIMENSIONS
from tpmap.logbook.mentors.limits import main_problem_dimension
from tpmap.logbook.models import Mentor
from tpmap.logbook.services import HouseholdRef
from tpmap.warehouse.read import households as warehouse_households
from tpmap.warehouse.read.base import Warehouse


def main_dimension(wh: Warehouse, household: HouseholdRef) -> str:
    """The household's main problem dimension: the one of most of its unresolved Logbook
    problems, else the first (in the MPI's order) the survey found it deprived in; ""
    when neither says."""
    logged = main_problem_dimension(household.year, household.household_id)
    if logged:
        return logged
    ranked = warehouse_households.households_ranked(
        wh, year=household.year, household_ids=[household.household_id]
    )
    failed = ranked.get(household.household_id, {}).get("failed_dimensions", [])
    return next((d for d in DIMENSIONS if d in failed), "")


def mentor_loads(year: int, user_ids: list[int]) -> dict[int, int]:
    """Account id -> the households it mentors in the data year."""
    rows = (
        Mentor.objects.filter(year=year, user_id__in=user_ids)
        .values("user_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "n")
    )
    return {int(u): int(n) for u, n in rows}
