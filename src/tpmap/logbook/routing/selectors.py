"""Reads of routing (F18, F27): the agencies an area may choose, a province's solution
menu, the proposal for a problem (its indicator's lead ministry and the menu), the
duplicate assistance of an activity, a problem's history, and the dashboard's overlap
counts. Imports only models, so the shared services may use it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from tpmap.accounts.roles import Role
from tpmap.core.areas import CODE_LENGTH
from tpmap.core.indicators import QUESTIONNAIRES, MpiMapping, default_mpi_mapping
from tpmap.core.routing import lead_agency, lead_ministries, normalise
from tpmap.logbook.models import (
    Activity,
    Agency,
    AgencyLevel,
    MenuItem,
    Problem,
    ProblemEvent,
    ProblemStatus,
)

#: Who routes a problem: the district (seed 004 §3.2), and the province's administrator
#: when the district has no agency (an escalated problem).
DISTRICT_ROUTERS: frozenset[str] = frozenset(
    {Role.DISTRICT_CHIEF, Role.DISTRICT_COMMUNITY_DEVELOPMENT, Role.BANGKOK_DISTRICT}
)
PROVINCE_ROUTERS: frozenset[str] = frozenset({Role.PROVINCE_ADMIN, Role.BANGKOK_GOVERNOR})
#: Who keeps the catalogue's offices and the menu of their province.
CATALOGUE_KEEPERS: frozenset[str] = PROVINCE_ROUTERS


def province_of(code: str) -> str:
    return code[: CODE_LENGTH["province"]]


def district_of(code: str) -> str:
    return code[: CODE_LENGTH["district"]] if len(code) >= CODE_LENGTH["district"] else ""


def _area_q(area_code: str) -> Q:
    """Agencies that work for (a part of) ``area_code``: national ones, the province's, and
    the district offices inside the area or around it."""
    q = Q(province_code="", district_code="")
    if area_code and area_code != "TH":
        province = province_of(area_code)
        q |= Q(province_code=province, district_code="")
        district = district_of(area_code)
        q |= (
            Q(district_code=district)
            if district
            else Q(district_code__startswith=province, level=AgencyLevel.DISTRICT_OFFICE)
        )
    else:
        q = Q()
    return q


def agencies_for(area_code: str) -> QuerySet[Agency]:
    """The active agencies an officer of ``area_code`` (or a household of that village)
    may choose, in name order."""
    return (
        Agency.objects.filter(active=True)
        .filter(_area_q(area_code))
        .exclude(level=AgencyLevel.OTHER)
        .select_related("parent")
        .order_by("level", "name", "id")
    )


def agency_usable(agency: Agency, village_code: str) -> bool:
    """May ``agency`` be named on a record of the household of ``village_code``?"""
    if not agency.active or agency.level == AgencyLevel.OTHER:
        return False
    return agency.area_code == "" or village_code.startswith(agency.area_code)


def agency_match(text: str, village_code: str) -> Agency | None:
    """The catalogue's agency whose name is ``text`` (exactly or normalised), the nearest
    one first (the household's district, its province, the country); None when unknown."""
    key = normalise(text)
    if not key:
        return None
    candidates = [
        a
        for a in Agency.objects.filter(_area_q(village_code) | Q(level=AgencyLevel.OTHER))
        if normalise(a.name) == key
    ]
    if not candidates:
        return None
    candidates.sort(key=lambda a: (-len(a.area_code), a.level == AgencyLevel.OTHER, a.pk))
    return candidates[0]


def province_menu(province_code: str, *, active_only: bool = True) -> QuerySet[MenuItem]:
    """The province's solution menu: its own rows once it has any, else the default."""
    own = MenuItem.objects.filter(province_code=province_code)
    rows = own if own.exists() else MenuItem.objects.filter(province_code="")
    if active_only:
        rows = rows.filter(active=True)
    return rows.select_related("agency")


def mpi_numbers(
    questionnaire_code: str, item: int | None, mapping: MpiMapping | None = None
) -> tuple[int, ...]:
    """The MPI indicators a questionnaire item answers (none for most items), through the
    mapping the warehouse applied to the year (else the questionnaire's default)."""
    if item is None or questionnaire_code not in QUESTIONNAIRES:
        return ()
    return (mapping or default_mpi_mapping(questionnaire_code)).indicators_of_item(item)


@dataclass(frozen=True, slots=True)
class Proposal:
    """What the routing page proposes: the menu's items for the problem (its indicator's,
    else its dimension's) and an agency (the first item's, else the office of the
    indicator's lead ministry nearest the household, else the ministry)."""

    agency: Agency | None
    items: list[MenuItem] = field(default_factory=list)
    ministries: tuple[str, ...] = ()


def proposal(
    problem: Problem, questionnaire_code: str, mapping: MpiMapping | None = None
) -> Proposal:
    menu = list(province_menu(province_of(problem.village_code)))
    numbers = mpi_numbers(questionnaire_code, problem.indicator, mapping)
    items = [m for m in menu if m.indicator in numbers] if numbers else []
    if not items and problem.dimension:
        items = [m for m in menu if m.dimension == problem.dimension]
    ministries = lead_ministries(questionnaire_code, problem.indicator)
    agency = next((m.agency for m in items if agency_usable(m.agency, problem.village_code)), None)
    lead = lead_agency(questionnaire_code, problem.indicator)
    if agency is None and lead is not None:
        usable = list(agencies_for(problem.village_code))
        by_name = {a.name: a for a in usable if not a.area_code}
        head = by_name.get(lead)
        if head is not None:
            # The nearest office under the lead (or under its ministry), else the lead.
            heads = {head.pk, head.parent_id}
            local = [a for a in usable if a.area_code and a.parent_id in heads]
            local.sort(key=lambda a: (-len(a.area_code), a.parent_id != head.pk, a.pk))
            agency = local[0] if local else head
    return Proposal(agency=agency, items=items, ministries=ministries)


ROUTED_LISTS: tuple[str, ...] = ("escalated", "assigned", "overdue")


def routed_problems(visible: QuerySet[Problem], which: str, today: date) -> QuerySet[Problem]:
    """The area's problems to follow: escalated to the province, assigned, or assigned
    and past their due date (assigned or in progress, due before today), oldest due first."""
    if which == "overdue":
        qs = visible.filter(
            status__in=[ProblemStatus.ASSIGNED, ProblemStatus.IN_PROGRESS], due_on__lt=today
        )
    else:
        qs = visible.filter(status=which)
    return qs.select_related("agency_ref").order_by("due_on", "occurred_on", "id")


def problem_events(problem: Problem) -> QuerySet[ProblemEvent]:
    return problem.events.select_related("agency", "menu_item", "actor").order_by("at", "id")


# -- F27 duplicate assistance ----------------------------------------------------------------
def _same_agency(a: Activity, agency: Agency | None, text: str) -> bool:
    if agency is not None and a.agency_ref_id is not None:
        return a.agency_ref_id == agency.pk
    return normalise(a.agency) == normalise(agency.name if agency else text)


def duplicate_activities(activity: Activity) -> list[Activity]:
    """Other agencies' activities for the same household and BMN indicator as ``activity``
    (as its write fills it in, saved or not) whose period overlaps its own; an activity
    without an end is still going on (its period has no end). None without an indicator
    (nothing to compare)."""
    if activity.indicator is None:
        return []
    qs = Activity.objects.filter(
        year=activity.year, household_id=activity.household_id, indicator=activity.indicator
    )
    if activity.pk is not None:
        qs = qs.exclude(pk=activity.pk)
    # Overlap: the other starts before this ends, and ends (or goes on) after this starts.
    if activity.end_on is not None:
        qs = qs.filter(start_on__lte=activity.end_on)
    qs = qs.filter(Q(end_on__isnull=True) | Q(end_on__gte=activity.start_on))
    return [
        a
        for a in qs.select_related("agency_ref").order_by("start_on", "id")
        if not _same_agency(a, activity.agency_ref, activity.agency)
    ]


def overlaps_by_agency(year: int, prefix: str) -> list[dict[str, Any]]:
    """The dashboard's count of activities saved over a duplicate warning, per agency
    (the catalogue's name, else the text), most first: [{"agency", "n", "confirmed"}]."""
    qs = Activity.objects.filter(year=year).exclude(duplicate_of=[])
    if prefix:
        qs = qs.filter(village_code__startswith=prefix)
    rows = (
        qs.values("agency")
        .annotate(n=Count("id"), confirmed=Count("id", filter=Q(duplicate_confirmed=True)))
        .order_by("-n", "agency")
    )
    return [dict(r) for r in rows]
