"""Reads of home visits (F16), limited to the viewer's area."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from tpmap.accounts.scope import Scoped, scope_filter
from tpmap.logbook.models import Photo, Visit
from tpmap.logbook.services import HouseholdRef


def visible_visits(viewer: Scoped) -> QuerySet[Visit]:
    return scope_filter(viewer, Visit.objects.all())


@dataclass
class HouseholdVisits:
    visits: list[Visit]

    @property
    def contacts(self) -> int:
        """Visits that met the household (what the KPIs count)."""
        return sum(1 for v in self.visits if v.is_contact)


def household_visits(viewer: Scoped, household: HouseholdRef) -> HouseholdVisits:
    """The household's visits of the data year, newest first."""
    qs = (
        scope_filter(viewer, Visit.objects.all())
        .filter(year=household.year, household_id=household.household_id)
        .select_related("created_by")
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("id")))
    )
    return HouseholdVisits(list(qs))
