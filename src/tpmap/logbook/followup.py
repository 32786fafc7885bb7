"""The follow-up tables of the monitoring dashboard (FollowedHousehold, FollowedMonth):
derived from a household's Logbook records of a data year and rewritten whole by the
services inside the transaction of every write, so they can never drift from the records.
The same pure function turns a household's record dates into its rows for one household
(``refresh``, after a write) and for every household of a year (``rebuild``, e.g. after a
warehouse rebuild changes which households are targets).

Definitions (docs/monitor.md): a household is *followed* in a data year when it has any
Logbook record of that year; it is *visited* in a calendar month when one of those records
is dated in the month: a problem's ``occurred_on``, an activity's ``start_on``, a mentor's
``assigned_on``, and the local day a pin or a family folder was saved (the folder's first
and its last save)."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from tpmap.logbook.models import (
    EXCLUDING_KINDS,
    NO_CONTACT_OUTCOMES,
    Activity,
    Classification,
    Correction,
    CorrectionKind,
    FollowedHousehold,
    FollowedMonth,
    Mentor,
    Pin,
    Problem,
    ProblemStatus,
    Visit,
)

BATCH = 5000

#: The one rule of which active corrections take a whole household out of the target
#: counts until the next build applies them, as the build will (corrections.sql,
#: ``household_wide``): an excluding outcome of the whole household (moved out, deceased,
#: not poor, not found), or "not poor" recorded on any member (the household is the unit
#: of identification). A member's own deceased/moved-out/not-found takes out that person,
#: not the household's flag.
HOUSEHOLD_WIDE = Q(reversed_at__isnull=True) & (
    Q(member_no__isnull=True, kind__in=EXCLUDING_KINDS) | Q(kind=CorrectionKind.NOT_POOR)
)


def excludes_household(correction: Correction) -> bool:
    """Whether ``correction`` (active) takes its whole household out (``HOUSEHOLD_WIDE``)."""
    return correction.excludes and (
        correction.member_no is None or correction.kind == CorrectionKind.NOT_POOR
    )


def excluded_households(year: int, household_ids: Iterable[str] | None = None) -> set[str]:
    """The households of ``year`` (all, or those of ``household_ids``) that an active
    correction takes out of the target counts (``HOUSEHOLD_WIDE``)."""
    rows = Correction.objects.filter(HOUSEHOLD_WIDE, year=year)
    if household_ids is not None:
        rows = rows.filter(household_id__in=list(household_ids))
    return set(rows.values_list("household_id", flat=True).distinct().order_by())


@dataclass
class Facts:
    """A household's record dates in one data year."""

    village_code: str = ""
    problems: list[tuple[date, bool]] = field(default_factory=list)  # (occurred_on, open)
    activities: list[date] = field(default_factory=list)
    mentor: date | None = None
    pin: date | None = None
    folder: list[date] = field(default_factory=list)
    visits: list[tuple[date, bool]] = field(default_factory=list)  # (visited_on, contact)

    def contacts(self) -> list[date]:
        return [d for d, contact in self.visits if contact]

    def dates(self) -> list[date]:
        out = [d for d, _ in self.problems] + self.activities + self.folder
        out += [d for d, _ in self.visits]
        out += [d for d in (self.mentor, self.pin) if d is not None]
        return out


def _day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _month(d: date) -> date:
    return d.replace(day=1)


def rows_of(
    year: int, household_id: str, facts: Facts, *, is_target: bool
) -> tuple[FollowedHousehold | None, list[FollowedMonth]]:
    """The follow-up rows of one household and year (None and [] without any record)."""
    dates = facts.dates()
    if not dates:
        return None, []
    open_dates = [d for d, is_open in facts.problems if is_open]
    first_problem = min((d for d, _ in facts.problems), default=None)
    first_activity = min(facts.activities, default=None)
    followed = FollowedHousehold(
        year=year,
        household_id=household_id,
        village_code=facts.village_code,
        is_target=is_target,
        first_record_on=min(dates),
        last_record_on=max(dates),
        first_problem_on=first_problem,
        first_activity_on=first_activity,
        mentor_on=facts.mentor,
        pinned_on=facts.pin,
        problems=len(facts.problems),
        open_problems=len(open_dates),
        oldest_open_problem_on=min(open_dates, default=None),
        activities=len(facts.activities),
        visits=len(facts.contacts()),
        last_visit_on=max(facts.contacts(), default=None),
    )
    problem_months = {_month(d) for d, _ in facts.problems}
    activity_months = {_month(d) for d in facts.activities}
    months = sorted({_month(d) for d in dates})
    out = [
        FollowedMonth(
            year=year,
            household_id=household_id,
            village_code=facts.village_code,
            is_target=is_target,
            month=m,
            problem=m in problem_months,
            activity=m in activity_months,
            mentor=facts.mentor is not None and _month(facts.mentor) == m,
            pin=facts.pin is not None and _month(facts.pin) == m,
            first_visit=m == months[0],
            first_problem=first_problem is not None and _month(first_problem) == m,
            first_activity=first_activity is not None and _month(first_activity) == m,
        )
        for m in months
    ]
    return followed, out


#: What ``collect`` reads of each kind of record: its columns as ``day`` (a date), ``flag``
#: (a text) and ``at``/``at2`` (times); the columns a kind has not are NULL.
_DATED: tuple[tuple[str, type[Model], dict[str, str]], ...] = (
    ("problem", Problem, {"day": "occurred_on", "flag": "status"}),
    ("activity", Activity, {"day": "start_on"}),
    ("mentor", Mentor, {"day": "assigned_on"}),
    ("pin", Pin, {"at": "set_at"}),
    ("folder", Classification, {"at": "created_at", "at2": "updated_at"}),
    ("visit", Visit, {"day": "visited_on", "flag": "outcome"}),
)
_COLUMN_TYPES = {
    "day": "DateField",
    "flag": "TextField",
    "at": "DateTimeField",
    "at2": "DateTimeField",
}


def _dates_sql(one_household: bool) -> str:
    """The statement of ``collect``: the household, village and dates of every record of a
    year (of one household), as one UNION ALL with bound parameters. Written out: the ORM
    built its six annotated parts anew on every write (~1 ms of CPU). A NULL is cast to
    its column's type (PostgreSQL types each pair of a UNION by itself)."""
    q = connection.ops.quote_name
    parts = []
    for kind, model, take in _DATED:
        columns = [f"'{kind}'", q("household_id"), q("village_code")]
        for name, kind_of_field in _COLUMN_TYPES.items():
            null = f"CAST(NULL AS {connection.data_types[kind_of_field]})"
            columns.append(q(take[name]) if name in take else null)
        where = f"{q('year')} = %s" + (f" AND {q('household_id')} = %s" if one_household else "")
        parts.append(f"SELECT {', '.join(columns)} FROM {q(model._meta.db_table)} WHERE {where}")
    return " UNION ALL ".join(parts)


def _date(value: date | str) -> date:
    """A date as the database gave it (SQLite: its text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def _moment(value: datetime | str) -> datetime:
    """A stored time as the database gave it, aware (SQLite: its text, in UTC)."""
    moment = value if isinstance(value, datetime) else parse_datetime(value)
    if moment is None:
        raise ValueError(f"not a time: {value!r}")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)


def _dated_rows(year: int, household_id: str | None) -> Iterator[tuple[Any, ...]]:
    """The rows of ``_dates_sql``: one household's in one fetch; a whole year's streamed in
    chunks (a server-side cursor on PostgreSQL)."""
    one: list[int | str] = [year] if household_id is None else [year, household_id]
    sql, params = _dates_sql(household_id is not None), one * len(_DATED)
    if household_id is not None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            yield from cursor.fetchall()
        return
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(BATCH):
            yield from rows


def collect(year: int, household_id: str | None = None) -> dict[str, Facts]:
    """Record dates of the households of ``year`` (all of them, or the one of
    ``household_id``): one statement for every kind of record (their dates in one UNION
    ALL; a write sends it for its household)."""
    facts: dict[str, Facts] = {}
    # Every status but resolved is open (routing's assigned and escalated too).
    opened = {str(s) for s in ProblemStatus if s != ProblemStatus.RESOLVED}
    for kind, hh, village, day, flag, at, at2 in _dated_rows(year, household_id):
        f = facts.setdefault(hh, Facts())
        f.village_code = f.village_code or village
        if kind == "problem":
            f.problems.append((_date(day), flag in opened))
        elif kind == "activity":
            f.activities.append(_date(day))
        elif kind == "mentor":
            f.mentor = _date(day)
        elif kind == "pin":
            f.pin = _day(_moment(at))
        elif kind == "folder":
            f.folder += sorted({_day(_moment(at)), _day(_moment(at2))})
        else:
            f.visits.append((_date(day), flag not in NO_CONTACT_OUTCOMES))
    return facts


def refresh(year: int, household_id: str, *, is_target: bool | None = None) -> None:
    """Rewrite the follow-up rows of one household and year from its records. With
    ``is_target`` None the household keeps the target flag it had (False when new). An
    active household-wide correction (``HOUSEHOLD_WIDE``) makes it False whatever the
    caller read from the warehouse, as in ``rebuild``.

    Officers writing to one household at once must all succeed with the right counts, so
    the rows are never deleted and re-inserted blindly (two writers would both insert and
    one would fail on ``one_followed_row_per_household_year``). Instead the household's
    row is claimed first (inserted if missing, a conflict ignored: PostgreSQL makes a
    second inserter wait for the first to commit) and locked, so refreshes of one household
    run one after the other, and each reads the records committed before it: the last one
    counts every record. A write locks one household's row per data year, and the only
    write touching two years (a pin moving) takes them after its pin row, so no two
    writers can wait on each other in a cycle (no deadlock). SQLite serialises writers
    anyway (IMMEDIATE transactions). Part of the caller's write (every service calls it
    inside its transaction), so no savepoint of its own: a failure fails the write."""
    with transaction.atomic(savepoint=False):
        current = _claim(year, household_id)
        if is_target is None:
            is_target = current.is_target
        if is_target and excluded_households(year, [household_id]):
            is_target = False
        facts = collect(year, household_id).get(household_id, Facts())
        followed, months = rows_of(year, household_id, facts, is_target=is_target)
        FollowedMonth.objects.filter(year=year, household_id=household_id).delete()
        if followed is None:
            current.delete()
            return
        followed.pk = current.pk
        followed.save(force_update=True)
        FollowedMonth.objects.bulk_create(months)


def _claim(year: int, household_id: str) -> FollowedHousehold:
    """The household's follow-up row, inserted (with placeholder dates, rewritten before
    commit) when it has none, and locked until the end of the transaction."""
    today = timezone.localdate()
    placeholder = FollowedHousehold(
        year=year, household_id=household_id, first_record_on=today, last_record_on=today
    )
    FollowedHousehold.objects.bulk_create([placeholder], ignore_conflicts=True)
    return FollowedHousehold.objects.select_for_update().get(year=year, household_id=household_id)


def rebuild(
    year: int,
    targets: Container[str] | Callable[[list[str]], Container[str]],
    *,
    batch: int = BATCH,
) -> int:
    """Rewrite the follow-up rows of every household of ``year``. ``targets`` holds the
    target households' ids, or is a function answering it for a list of ids (the
    warehouse read); a household an active correction takes out (``HOUSEHOLD_WIDE``) is
    not a target whatever the warehouse says, until the next build applies the correction.
    Returns the number of households followed."""
    facts = collect(year)
    ids = sorted(facts)
    target_set = targets(ids) if callable(targets) else targets
    excluded = excluded_households(year)
    with transaction.atomic():
        FollowedHousehold.objects.filter(year=year).delete()
        FollowedMonth.objects.filter(year=year).delete()
        followed: list[FollowedHousehold] = []
        months: list[FollowedMonth] = []
        for hh in ids:
            row, ms = rows_of(
                year, hh, facts[hh], is_target=hh in target_set and hh not in excluded
            )
            if row is not None:
                followed.append(row)
                months += ms
            if len(months) >= batch:
                _flush(followed, months, batch)
        _flush(followed, months, batch)
    return len(ids)


def _flush(followed: list[FollowedHousehold], months: list[FollowedMonth], batch: int) -> None:
    FollowedHousehold.objects.bulk_create(followed, batch_size=batch)
    FollowedMonth.objects.bulk_create(months, batch_size=batch)
    followed.clear()
    months.clear()
