"""F16: the rules about who may mentor how many households, read by ``mentor_assign``
(kept apart from the feature's services so ``tpmap.logbook.services`` imports it without
a cycle)."""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet

from tpmap.core.areas import CODE_LENGTH
from tpmap.core.indicators import DIMENSIONS
from tpmap.logbook.models import Mentor, Problem, ProblemStatus, ProvinceSetting


def province_of(village_code: str) -> str:
    return village_code[: CODE_LENGTH["province"]]


def mentor_limit(village_code: str) -> int:
    """How many households one mentor may look after in the province of the village: the
    province's setting, else ``Mentor.MAX_HOUSEHOLDS_PER_MENTOR``."""
    limit = (
        ProvinceSetting.objects.filter(province_code=province_of(village_code))
        .values_list("mentor_household_limit", flat=True)
        .first()
    )
    return limit or Mentor.MAX_HOUSEHOLDS_PER_MENTOR


def same_mentor(
    *, year: int, village_code: str, user_id: int | None, name: str, agency: str
) -> QuerySet[Mentor]:
    """The assignments of one mentor in a data year: an account's (anywhere), or, for a
    mentor without an account, those with the same name and agency in the province."""
    qs = Mentor.objects.filter(year=year)
    if user_id is not None:
        return qs.filter(user_id=user_id)
    return qs.filter(
        user__isnull=True,
        name=name,
        agency=agency,
        village_code__startswith=province_of(village_code),
    )


def main_problem_dimension(year: int, household_id: str) -> str:
    """The household's main problem dimension from its Logbook problems: the dimension with
    the most unresolved problems (ties: the MPI's order of dimensions), "" when none."""
    counts = Counter(
        Problem.objects.filter(
            year=year,
            household_id=household_id,
            status__in=[ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS],
        )
        .exclude(dimension="")
        .values_list("dimension", flat=True)
    )
    if not counts:
        return ""
    return max(DIMENSIONS, key=lambda d: (counts.get(d, 0), -DIMENSIONS.index(d)))
