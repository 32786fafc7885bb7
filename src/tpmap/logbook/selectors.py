"""Reads of the Logbook: a household's whole page (warehouse profile and the Logbook's own
records), its timeline, and the pins of an area. Every function is given the viewer and
returns only what lies inside the viewer's area."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection, models
from django.db.models import F, Prefetch, QuerySet
from django.utils.translation import gettext as _

from tpmap.accounts.models import User
from tpmap.accounts.scope import Scoped, in_scope, scope_filter, scope_prefix
from tpmap.core.areas import COUNTRY_CODE, ancestors
from tpmap.core.indicators import default_mpi_mapping, questionnaire
from tpmap.core.policies import describe_rule
from tpmap.logbook import followup, labels
from tpmap.logbook.models import (
    Activity,
    Addition,
    AdditionStatus,
    Assessment,
    Classification,
    Correction,
    Mentor,
    Photo,
    Pin,
    Problem,
)
from tpmap.logbook.services import HouseholdRef, mpi_items
from tpmap.warehouse.read import areas as warehouse_areas
from tpmap.warehouse.read import households as warehouse_households
from tpmap.warehouse.read.base import Warehouse


def household_locate(
    wh: Warehouse, viewer: Scoped, *, year: int, household_id: str
) -> HouseholdRef | None:
    """The household when it exists and lies in the viewer's area, else None (the caller
    answers 404 either way, so a URL never tells whether a household exists elsewhere)."""
    prefix = scope_prefix(viewer)
    if prefix is None or year not in wh.years:
        return None
    place = warehouse_households.household_place(
        wh, year=year, household_id=household_id, prefix=prefix
    )
    if place is None or not in_scope(viewer, place[0]):
        return None
    return HouseholdRef(year, household_id, place[0], is_target=place[1])


@dataclass
class IndicatorRow:
    no: int
    name_th: str
    value: int | None  # 1 pass, 0 fail, None not applicable
    mpi_dimension: str | None
    mpi_numbers: tuple[int, ...] = ()  # the MPI indicators that read this item


@dataclass
class CategoryRow:
    key: str
    name_th: str
    name_en: str
    indicators: list[IndicatorRow] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(i.value == 0 for i in self.indicators)


@dataclass
class GroupReason:
    id: str
    name_th: str
    name_en: str
    rule: str
    members: list[str]
    is_target: bool

    @property
    def rule_th(self) -> str:
        """Why, in Thai words (the rule's code is never shown to people)."""
        return describe_rule(self.rule, "th")

    @property
    def rule_en(self) -> str:
        return describe_rule(self.rule, "en")


def bmn_summary(profile: dict[str, Any]) -> list[CategoryRow]:
    """The BMN quality-of-life summary: each questionnaire category with ✔/✘ per item, and
    the MPI indicator numbers (the 17 of every year) an item is read as."""
    q = questionnaire(profile["questionnaire"])
    mapping = default_mpi_mapping(q.code)
    cats = {k: CategoryRow(k, th, en) for k, (th, en) in q.categories.items()}
    for ind in q.indicators:
        cats[ind.category].indicators.append(
            IndicatorRow(
                ind.no,
                ind.name_th,
                profile["items"].get(ind.no),
                mapping.item_dimension(ind.no),
                mapping.indicators_of_item(ind.no),
            )
        )
    return list(cats.values())


def target_reasons(wh: Warehouse, profile: dict[str, Any]) -> list[GroupReason]:
    """The year's target groups that hold for members of the household, with each group's
    rule (why) and the members it holds for, in the policy's order."""
    policy = wh.policy(profile["year"])
    out = []
    for g in policy.groups:
        names = [
            f"{m['first_name']} {m['last_name']}" for m in profile["members"] if g.id in m["groups"]
        ]
        if names:
            out.append(
                GroupReason(g.id, g.name_th, g.name_en, g.rule, names, g.id in policy.target_groups)
            )
    return out


@dataclass
class TimelineEntry:
    kind: str  # "problem" or "activity"
    when: date
    created_at: datetime
    record: Problem | Activity


def household_timeline(viewer: Scoped, household: HouseholdRef) -> list[TimelineEntry]:
    """Problems and activities of the household (every data year), newest first."""
    if not in_scope(viewer, household.village_code):
        return []
    photos = Prefetch("photos", queryset=Photo.objects.order_by("id"))
    problems = scope_filter(viewer, Problem.objects.all()).filter(
        household_id=household.household_id
    )
    activities = scope_filter(viewer, Activity.objects.all()).filter(
        household_id=household.household_id
    )
    entries = [
        TimelineEntry("problem", p.occurred_on, p.created_at, p)
        for p in problems.select_related("created_by").prefetch_related(photos)
    ] + [
        TimelineEntry("activity", a.start_on, a.created_at, a)
        for a in activities.select_related("created_by", "problem").prefetch_related(photos)
    ]
    entries.sort(key=lambda e: (e.when, e.created_at), reverse=True)
    return entries


@dataclass(frozen=True, slots=True)
class HouseholdRecords:
    """Every Logbook record of a household the viewer may see, as one document needs them:
    problems and activities (every data year, newest first, as the timeline), the pin,
    the year's family folder and mentor, and the ids of their photos."""

    problems: list[Problem] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    pin: Pin | None = None
    classification: Classification | None = None
    mentor: Mentor | None = None
    # (record kind, record id) -> its photos as (id, kind), by id.
    photos: dict[tuple[str, int], list[tuple[int, str]]] = field(default_factory=dict)

    def photos_of(self, kind: str, pk: int) -> list[tuple[int, str]]:
        return self.photos.get((kind, pk), [])


#: The annotation of a record's author's user name (``tpmap.api.serialize`` reads it).
CREATOR = {"created_by_username": F("created_by__username")}


#: What a household's records stamp counts (``records_stamp``): each kind of record the
#: household document carries and the household's photos, whether it is per data year,
#: and whether it has a version (a photo is made or deleted, never changed).
_STAMPED: tuple[tuple[str, type[models.Model], bool, bool], ...] = (
    ("problem", Problem, False, True),
    ("activity", Activity, False, True),
    ("pin", Pin, False, True),
    ("classification", Classification, True, True),
    ("mentor", Mentor, True, True),
    ("photo", Photo, False, False),
)


@dataclass(frozen=True, slots=True)
class RecordsStamp:
    """What a household's records are now, in one statement: per kind of record (and its
    photos) the count, the largest id and the sum of the versions the viewer may see.

    Ids only grow (a record made gets a new, larger id) and a record changed gets its
    version raised by one (``tpmap.site.versioned``), so any change to the set of records
    changes the stamp: one made and kept raises the largest id; one deleted lowers the
    count unless one made with it raises the largest id; one changed raises the sum. The
    same stamp therefore means the same records, and a document made from them (without
    other households' records in it) may be kept and served again."""

    counts: tuple[tuple[str, int, int, int], ...]

    @property
    def kinds(self) -> set[str]:
        """The kinds of record the household has."""
        return {kind for kind, count, _, _ in self.counts if count}


def records_stamp(viewer: Scoped, household: HouseholdRef) -> RecordsStamp:
    """The household's ``RecordsStamp`` as ``viewer`` sees its records. Bound parameters
    and the viewer's area as ``scope_filter`` puts it (the village code starts with the
    area's); written out, as the ORM compiled this union for a millisecond of CPU per
    read."""
    prefix = scope_prefix(viewer)
    if prefix is None:
        return RecordsStamp(())
    q = connection.ops.quote_name
    hid, year = household.household_id, household.year
    parts: list[str] = []
    params: list[str | int] = []
    for kind, model, by_year, versioned in _STAMPED:
        version = f"SUM({q('version')})" if versioned else "0"
        sql = (
            f"SELECT '{kind}', COUNT(*), MAX({q('id')}), {version} "
            f"FROM {q(model._meta.db_table)} WHERE {q('household_id')} = %s"
        )
        params.append(hid)
        if by_year:
            sql += f" AND {q('year')} = %s"
            params.append(year)
        if prefix:
            sql += f" AND {q('village_code')} LIKE %s"
            params.append(connection.ops.prep_for_like_query(prefix) + "%")
        parts.append(sql)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    return RecordsStamp(
        tuple(sorted((str(k), int(n or 0), int(m or 0), int(v or 0)) for k, n, m, v in rows))
    )


def household_records(
    viewer: Scoped, household: HouseholdRef, stamp: RecordsStamp | None = None
) -> HouseholdRecords:
    """The household's records (``HouseholdRecords``) in as few statements as it has kinds
    of record, plus one for all their photos: none but the stamp for a household without
    any (``stamp``, when the caller has read it already). The same records as
    ``household_timeline``, ``household_pin``, ``household_classification`` and
    ``household_mentor``, with the accounts a document names (who made, set, updated,
    assigned) read with them."""
    if not in_scope(viewer, household.village_code):
        return HouseholdRecords()
    kinds = (stamp or records_stamp(viewer, household)).kinds
    hid = household.household_id
    problems: list[Problem] = []
    activities: list[Activity] = []
    # The author's user name as ``created_by_username`` (``CREATOR``), not the whole
    # account joined in: a field household has dozens of problems.
    if "problem" in kinds:
        problems = list(
            scope_filter(viewer, Problem.objects.filter(household_id=hid)).annotate(**CREATOR)
        )
        problems.sort(key=lambda p: (p.occurred_on, p.created_at), reverse=True)
    if "activity" in kinds:
        activities = list(
            scope_filter(viewer, Activity.objects.filter(household_id=hid)).annotate(**CREATOR)
        )
        activities.sort(key=lambda a: (a.start_on, a.created_at), reverse=True)
    folder = None
    if "classification" in kinds:  # its photos come with the others' below
        folders = scope_filter(viewer, Classification.objects.select_related("updated_by"))
        folder = folders.filter(year=household.year, household_id=hid).first()
    # The photos of these records: those filed under the household (every photo carries
    # its record's household; none to read when the stamp counted none), kept when their
    # record is one of these.
    owners = {
        "problem": {p.pk for p in problems},
        "activity": {a.pk for a in activities},
        "classification": {folder.pk} if folder is not None else set(),
    }
    photos: dict[tuple[str, int], list[tuple[int, str]]] = {}
    if "photo" in kinds and (problems or activities or folder is not None):
        rows = Photo.objects.filter(household_id=hid).order_by("id")
        for pk, kind, problem, activity, classification in rows.values_list(
            "id", "kind", "problem_id", "activity_id", "classification_id"
        ):
            for owner, owner_id in (
                ("problem", problem),
                ("activity", activity),
                ("classification", classification),
            ):
                if owner_id in owners[owner]:
                    photos.setdefault((owner, owner_id), []).append((pk, kind))
    pin = mentor = None
    if "pin" in kinds:
        pins = scope_filter(viewer, Pin.objects.select_related("set_by"))
        pin = pins.filter(household_id=hid).first()
    if "mentor" in kinds:
        mentors = visible_mentors(viewer).select_related("user", "assigned_by")
        mentor = mentors.filter(year=household.year, household_id=hid).first()
    return HouseholdRecords(
        problems=problems,
        activities=activities,
        pin=pin,
        classification=folder,
        mentor=mentor,
        photos=photos,
    )


def household_classification(viewer: Scoped, household: HouseholdRef) -> Classification | None:
    qs = scope_filter(viewer, Classification.objects.all()).prefetch_related("photos")
    return qs.filter(year=household.year, household_id=household.household_id).first()


def household_pin(viewer: Scoped, household: HouseholdRef) -> Pin | None:
    return (
        scope_filter(viewer, Pin.objects.all()).filter(household_id=household.household_id).first()
    )


def household_mentor(viewer: Scoped, household: HouseholdRef) -> Mentor | None:
    return (
        visible_mentors(viewer)
        .select_related("user")
        .filter(year=household.year, household_id=household.household_id)
        .first()
    )


def visible_mentors(viewer: Scoped) -> QuerySet[Mentor]:
    return scope_filter(viewer, Mentor.objects.all())


def mentor_accounts(village_code: str, *, limit: int = 300) -> list[User]:
    """Active accounts that may mentor a household of the village: those whose area is its
    subdistrict, district or province (a mentor works where the household lives)."""
    areas = [a for a in ancestors(village_code) if a != COUNTRY_CODE]
    return list(
        User.objects.filter(is_active=True, area_code__in=areas).order_by(
            "area_code", "first_name", "last_name", "username"
        )[:limit]
    )


def visible_problems(viewer: Scoped) -> QuerySet[Problem]:
    return scope_filter(viewer, Problem.objects.all())


def visible_activities(viewer: Scoped) -> QuerySet[Activity]:
    return scope_filter(viewer, Activity.objects.all())


def visible_photo(viewer: Scoped, photo_id: int) -> Photo | None:
    return scope_filter(viewer, Photo.objects.all()).filter(pk=photo_id).first()


PIN_COLOURS = {
    "developable": "#1a9850",
    "welfare": "#d73027",
    "gone": "#777777",
    "other": "#4575b4",
    None: "#f39c12",
}


def area_pins(
    wh: Warehouse, viewer: Scoped, *, year: int, prefix: str, limit: int = 5000
) -> list[dict[str, Any]]:
    """Pins of the households of an area inside the viewer's scope, coloured by the
    household's family-folder type, labelled with the head's name, with photo thumbnails."""
    pins = list(
        scope_filter(viewer, Pin.objects.all())
        .filter(village_code__startswith=prefix)
        .order_by("household_id")[:limit]
    )
    if not pins:
        return []
    ids = [p.household_id for p in pins]
    folders = {
        c.household_id: c
        for c in scope_filter(viewer, Classification.objects.all())
        .filter(year=year, household_id__in=ids)
        .prefetch_related("photos")
    }
    brief = warehouse_households.households_brief(wh, year=year, household_ids=ids)
    out = []
    for p in pins:
        folder = folders.get(p.household_id)
        kind = folder.household_type if folder else None
        info = brief.get(p.household_id, {})
        out.append(
            {
                "household_id": p.household_id,
                "lat": float(p.latitude),
                "lon": float(p.longitude),
                "type": kind or "",
                "type_th": folder.get_household_type_display() if folder else _("ยังไม่จำแนก"),
                "colour": PIN_COLOURS.get(kind, PIN_COLOURS[None]),
                "head_name": info.get("head_name", ""),
                "address": info.get("address", ""),
                "photos": [ph.pk for ph in folder.photos.all()] if folder else [],
            }
        )
    return out


# -- F12/F13 visit outcomes, additions, re-assessments --------------------------------------
def household_corrections(viewer: Scoped, household: HouseholdRef) -> list[Correction]:
    """Every visit outcome of the household in the data year, reversed ones included."""
    return list(
        scope_filter(viewer, Correction.objects.all())
        .filter(year=household.year, household_id=household.household_id)
        .select_related("created_by", "reversed_by")
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("id")))
    )


def visible_corrections(viewer: Scoped) -> QuerySet[Correction]:
    return scope_filter(viewer, Correction.objects.all())


def excluding_marks(
    viewer: Scoped, *, year: int, household_ids: list[str]
) -> dict[str, Correction]:
    """The active correction that takes each household out of the work lists (the one
    rule of ``followup.HOUSEHOLD_WIDE``: a whole-household outcome, or "not poor" on a
    member): what the search marks it with."""
    if not household_ids:
        return {}
    rows = (
        scope_filter(viewer, Correction.objects.all())
        .filter(followup.HOUSEHOLD_WIDE, year=year, household_id__in=household_ids)
        .order_by("id")
    )
    return {c.household_id: c for c in rows}


def excluded_members(corrections: list[Correction]) -> dict[int, Correction]:
    """member_no -> the active correction that takes the member out of the target counts."""
    return {
        c.member_no: c
        for c in sorted(corrections, key=lambda c: c.pk)
        if c.member_no is not None and c.excludes
    }


def household_excluded(corrections: list[Correction]) -> Correction | None:
    """The active correction that takes the whole household out (``followup.HOUSEHOLD_WIDE``)."""
    return next((c for c in corrections if followup.excludes_household(c)), None)


def latest_assessment(viewer: Scoped, household: HouseholdRef) -> Assessment | None:
    return (
        scope_filter(viewer, Assessment.objects.all())
        .filter(year=household.year, household_id=household.household_id)
        .order_by("-assessed_on", "-id")
        .first()
    )


@dataclass
class LiveIndicator:
    no: int
    name_th: str
    survey: int | None  # 1 pass, 0 fail, None not applicable
    now: int | None  # the latest assessment's, else the survey's
    assessed: bool


@dataclass
class LiveMpi:
    """The household's MPI now: the latest re-assessment over the survey."""

    assessed_on: date
    indicators: list[LiveIndicator]

    @property
    def survey_failed(self) -> list[LiveIndicator]:
        return [i for i in self.indicators if i.survey == 0]

    @property
    def now_passing(self) -> list[LiveIndicator]:
        """Of the indicators the survey failed, those that pass now."""
        return [i for i in self.survey_failed if i.now == 1]

    @property
    def still_failing(self) -> list[LiveIndicator]:
        return [i for i in self.indicators if i.now == 0]

    @property
    def mpi_poor(self) -> bool:
        return bool(self.still_failing)


def mpi_indicator_names(wh: Warehouse, year: int) -> list[tuple[int, str]]:
    """(MPI indicator number, the Thai text of the questionnaire item it reads) of a year."""
    q = questionnaire(wh.questionnaire(year))
    return [
        (no, q.indicator(item).name_th)
        for no, item in sorted(mpi_items(wh.mpi_mapping(year)).items())
    ]


def live_mpi(
    wh: Warehouse, profile: dict[str, Any], assessment: Assessment | None
) -> LiveMpi | None:
    """The live MPI of a household from its latest re-assessment (None: never assessed)."""
    if assessment is None:
        return None
    year = int(profile["year"])
    items = mpi_items(wh.mpi_mapping(year))
    survey_items = profile.get("items", profile["indicators"])
    results = assessment.results
    out = []
    for no, name in mpi_indicator_names(wh, year):
        survey = survey_items.get(items[no])
        result = results.get(str(no))
        now = survey if result is None else {"pass": 1, "fail": 0, "na": None}[result]
        out.append(LiveIndicator(no, name, survey, now, result is not None))
    return LiveMpi(assessment.assessed_on, out)


def visible_additions(viewer: Scoped) -> QuerySet[Addition]:
    return scope_filter(viewer, Addition.objects.all()).select_related("created_by", "decided_by")


def village_additions(viewer: Scoped, *, year: int, area: str) -> list[Addition]:
    """Approved additions of an area without a surveyed household (a new household or
    none): people to visit the warehouse will count from its next build."""
    qs = visible_additions(viewer).filter(
        year=year, status=AdditionStatus.APPROVED, household_id=""
    )
    if area and area != COUNTRY_CODE:
        qs = qs.filter(village_code__startswith=area)
    return list(qs.order_by("village_code", "last_name", "first_name")[:200])


# The warehouse reads the Logbook's pages make, named here so that a page imports only
# this module (the one place that follows the warehouse's read side when it is renamed).
household_search = warehouse_households.household_list
household_profile = warehouse_households.household_detail
households_brief = warehouse_households.households_brief
village_options = warehouse_areas.village_options
persons_without_household = warehouse_households.persons_without_household
villages_in = warehouse_areas.villages_in


__all__ = ["labels"]
