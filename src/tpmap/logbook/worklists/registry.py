"""Work lists for each level (issue 11 item 5) and a mentor's "my households" (F16).

A work list is a named selector over the officer's area: it returns the households (or
people) to act on, ordered by the home-visit priority of INDICATORS.md §5 (the warehouse's
``priority`` rank, unranked last), each with why it is listed. The registry ``WORK_LISTS``
drives the list pages (``/work/<slug>/``), their counts on ``/work/`` and on the
monitoring dashboard, so adding a list is one selector and one ``register(...)`` call
(docs/logbook.md, "Adding a work list").

"My households" is the same rows for the households a mentor account looks after, with
what is due on each from ``DUE_CHECKS`` (add one there: e.g. "plan missing")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tpmap.accounts.models import User
from tpmap.accounts.roles import Role
from tpmap.accounts.scope import scope_filter
from tpmap.logbook.models import (
    EXCLUDING_KINDS,
    Addition,
    AdditionStatus,
    Correction,
    FollowedHousehold,
    Mentor,
    Problem,
    ProblemStatus,
)
from tpmap.logbook.plans import selectors as plan_selectors
from tpmap.logbook.routing import selectors as routing_selectors
from tpmap.logbook.services import APPROVER_ROLES
from tpmap.warehouse.read import households as warehouse_households
from tpmap.warehouse.read.base import Warehouse

StrOrPromise = Any  # a text or a gettext_lazy one (translated when shown)
#: "Not visited in N days": N when the page does not say (a query parameter ``days``).
DEFAULT_DAYS = 30
MAX_DAYS = 3650
# Every status but resolved: a routed problem (assigned, escalated) is still unsolved.
OPEN = tuple(s for s in ProblemStatus if s != ProblemStatus.RESOLVED)


@dataclass(frozen=True)
class WorkQuery:
    """Who asks, about which area (a village-code prefix inside their scope; "" the
    country) and data year, and the list's parameters."""

    viewer: User
    wh: Warehouse
    year: int
    area: str
    today: date
    days: int = DEFAULT_DAYS
    # Rows a page shows (None: all). A selector may stop reading there; one that does
    # gives its WorkList a ``count``, so the total is still of all.
    limit: int | None = None
    # Sets several lists share (the mentored and the excluded households), read once per
    # query: the dashboard counts every list in a constant number of queries.
    cache: dict[str, set[str]] = field(default_factory=dict, compare=False, repr=False)

    def shared(self, key: str, read: Callable[[], Iterable[str]]) -> set[str]:
        if key not in self.cache:
            self.cache[key] = set(read())
        return self.cache[key]


@dataclass
class WorkRow:
    """One line of a work list: a household (or, for additions, a person) and why."""

    household_id: str
    village_code: str
    title: str  # the head's name (a person's name for an addition)
    address: str
    priority: int | None
    url: str
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class WorkList:
    slug: str
    title: StrOrPromise
    description: StrOrPromise
    select: Callable[[WorkQuery], list[WorkRow]]
    allowed: Callable[[User], bool] = lambda officer: True
    uses_days: bool = False  # the page offers the N of "not visited in N days"
    # A cheaper count than len(select(q)) for lists read from the whole area's warehouse
    # rows (the dashboard counts every list on every page).
    count: Callable[[WorkQuery], int] | None = None

    def total(self, q: WorkQuery, rows: list[WorkRow] | None = None) -> int:
        if self.count is not None:
            return self.count(q)
        return len(self.select(q) if rows is None else rows)


WORK_LISTS: dict[str, WorkList] = {}


def register(work_list: WorkList) -> WorkList:
    WORK_LISTS[work_list.slug] = work_list
    return work_list


def lists_for(officer: User) -> list[WorkList]:
    return [w for w in WORK_LISTS.values() if w.allowed(officer)]


# -- shared pieces -------------------------------------------------------------------------
def by_priority(rows: Iterable[WorkRow]) -> list[WorkRow]:
    """The home-visit order: rank 1 first, unranked last, then household id."""
    return sorted(
        rows, key=lambda r: (r.priority is None, r.priority or 0, r.household_id, r.title)
    )


def household_url(year: int, household_id: str) -> str:
    return reverse("logbook:household", args=[year, household_id])


def household_rows(q: WorkQuery, notes: dict[str, list[str]]) -> list[WorkRow]:
    """Rows of the households ``notes`` names (id -> why), in the home-visit order."""
    ranked = warehouse_households.households_ranked(q.wh, year=q.year, household_ids=list(notes))
    rows = []
    for hid, why in notes.items():
        info = ranked.get(hid, {})
        rows.append(
            WorkRow(
                household_id=hid,
                village_code=str(info.get("village_code") or ""),
                title=str(info.get("head_name") or hid),
                address=str(info.get("address") or ""),
                priority=info.get("priority"),
                url=household_url(q.year, hid),
                notes=why,
            )
        )
    return by_priority(rows)


def _in_area(q: WorkQuery, qs: Any) -> Any:
    qs = scope_filter(q.viewer, qs)
    return qs.filter(village_code__startswith=q.area) if q.area else qs


def excluded_households(q: WorkQuery) -> set[str]:
    """Households a visit found gone (moved out, deceased, not poor, not found): out of
    every work list, as they are out of the search's (WORKFLOWS.md §1)."""
    return q.shared(
        "excluded",
        lambda: (
            _in_area(q, Correction.objects.all())
            .filter(
                year=q.year,
                member_no__isnull=True,
                reversed_at__isnull=True,
                kind__in=EXCLUDING_KINDS,
            )
            .values_list("household_id", flat=True)
        ),
    )


def mentored_households(q: WorkQuery) -> set[str]:
    """The area's households with a mentor in the data year."""
    return q.shared(
        "mentored",
        lambda: _in_area(q, Mentor.objects.filter(year=q.year)).values_list(
            "household_id", flat=True
        ),
    )


def open_problems_without_activity(
    year: int, household_ids: Iterable[str] | None = None, *, q: WorkQuery | None = None
) -> Counter[str]:
    """Household id -> its unresolved problems that no activity answers yet."""
    qs = Problem.objects.filter(year=year, status__in=OPEN, activities__isnull=True)
    if household_ids is not None:
        qs = qs.filter(household_id__in=list(household_ids))
    if q is not None:
        qs = _in_area(q, qs)
    return Counter(qs.values_list("household_id", flat=True))


def last_contacts(year: int, household_ids: Iterable[str]) -> dict[str, tuple[int, date | None]]:
    """Household id -> (contacts, the last contact's day) from the follow-up rows."""
    rows = FollowedHousehold.objects.filter(
        year=year, household_id__in=list(household_ids)
    ).values_list("household_id", "visits", "last_visit_on")
    return {hid: (n, last) for hid, n, last in rows}


def _problems_note(n: int) -> str:
    return _("ปัญหา %(n)s รายการยังไม่มีกิจกรรม") % {"n": n}


def _days_note(last: date | None, today: date) -> str:
    if last is None:
        return _("ยังไม่เคยเยี่ยมบ้าน")
    return _("ไม่ได้เยี่ยมบ้าน %(n)s วัน") % {"n": (today - last).days}


# -- the lists -----------------------------------------------------------------------------
def no_mentor(q: WorkQuery) -> list[WorkRow]:
    """The area's MPI-poor or target households of the year without a mentor. With a
    ``limit`` only as many warehouse rows are read as can give that many."""
    skip = mentored_households(q) | excluded_households(q)
    found = warehouse_households.household_list(
        q.wh,
        year=q.year,
        area=q.area,
        include_targets=True,
        sort="priority",
        limit=None if q.limit is None else q.limit + len(skip),
    )
    rows = [
        WorkRow(
            household_id=h["household_id"],
            village_code=h["village_code"],
            title=h["head_name"] or h["household_id"],
            address=h["address"] or "",
            priority=h["priority"],
            url=household_url(q.year, h["household_id"]),
            notes=[_("ยังไม่มีพี่เลี้ยง")],
        )
        for h in found["items"]
        if h["household_id"] not in skip
    ]
    return rows if q.limit is None else rows[: q.limit]


def count_no_mentor(q: WorkQuery) -> int:
    """The area's MPI-poor or target households minus those of them with a mentor or
    found gone: one count query and one lookup of the (few) skipped households."""
    total = warehouse_households.household_list(
        q.wh, year=q.year, area=q.area, include_targets=True, limit=0
    )["total"]
    skip = mentored_households(q) | excluded_households(q)
    ranked = warehouse_households.households_ranked(q.wh, year=q.year, household_ids=list(skip))
    return int(total) - sum(1 for r in ranked.values() if r["listed"])


def not_visited(q: WorkQuery) -> list[WorkRow]:
    """Households with a mentor and no contact (a visit that met them) in the last N days."""
    mentored = mentored_households(q) - excluded_households(q)
    contacts = {
        hid: (n, last)
        for hid, n, last in _in_area(q, FollowedHousehold.objects.filter(year=q.year))
        .filter(visits__gt=0)
        .values_list("household_id", "visits", "last_visit_on")
    }
    since = q.today - timedelta(days=q.days)
    notes = {}
    for hid in sorted(mentored):
        last = contacts.get(hid, (0, None))[1]
        if last is None or last < since:
            notes[hid] = [_days_note(last, q.today)]
    return household_rows(q, notes)


def problems_without_activity(q: WorkQuery) -> list[WorkRow]:
    """Households with an unresolved problem that no activity answers yet."""
    counts = open_problems_without_activity(q.year, q=q)
    skip = excluded_households(q)
    return household_rows(
        q, {hid: [_problems_note(n)] for hid, n in sorted(counts.items()) if hid not in skip}
    )


def additions_pending(q: WorkQuery) -> list[WorkRow]:
    """People proposed as missed by the data (group 4), waiting for the district's decision."""
    rows = _in_area(q, Addition.objects.filter(year=q.year, status=AdditionStatus.PENDING))
    return [
        WorkRow(
            household_id=a.household_id,
            village_code=a.village_code,
            title=a.full_name,
            address=a.village_code,
            priority=None,
            url=reverse("logbook:addition", args=[a.pk]),
            notes=[_("รออนุมัติ"), a.reason],
        )
        for a in rows.order_by("created_at", "id")
    ]


register(
    WorkList(
        "no-mentor",
        gettext_lazy("ครัวเรือนที่ยังไม่มีพี่เลี้ยง"),
        gettext_lazy("ครัวเรือนยากจนหรือครัวเรือนเป้าหมายของพื้นที่ที่ยังไม่ได้มอบหมายพี่เลี้ยง"),
        no_mentor,
        count=count_no_mentor,
    )
)
register(
    WorkList(
        "not-visited",
        gettext_lazy("ครัวเรือนที่ไม่ได้เยี่ยมบ้านเกิน N วัน"),
        gettext_lazy("ครัวเรือนที่มีพี่เลี้ยงแต่ไม่ได้พบครัวเรือนในช่วง N วันที่ผ่านมา"),
        not_visited,
        uses_days=True,
    )
)
register(
    WorkList(
        "problems-without-activity",
        gettext_lazy("ปัญหาที่ยังไม่มีกิจกรรม"),
        gettext_lazy("ครัวเรือนที่มีปัญหายังไม่แก้ไขและยังไม่มีกิจกรรมช่วยเหลือ"),
        problems_without_activity,
    )
)
register(
    WorkList(
        "additions-pending",
        gettext_lazy("รายชื่อเพิ่มเติมที่รออนุมัติ"),
        gettext_lazy("บุคคลตกหล่น (กลุ่ม 4) ที่รอนายอำเภอตรวจสอบตัวตนและอนุมัติ"),
        additions_pending,
        allowed=lambda officer: officer.role in APPROVER_ROLES,
    )
)


def _plan_missing_note() -> str:
    return _("ยังไม่มีแผนพัฒนาครัวเรือน")


def plan_missing(q: WorkQuery) -> list[WorkRow]:
    """Households with a mentor (their case work has begun) and no development plan of
    the year (F17: the plan is made with the household at the mentor's first visits)."""
    mentored = sorted(mentored_households(q) - excluded_households(q))
    missing = plan_selectors.households_without_plan(q.year, mentored)
    return household_rows(q, {hid: [_plan_missing_note()] for hid in missing})


def _problem_notes(problems: Any, note: Callable[[Problem], str]) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for p in problems:
        notes.setdefault(p.household_id, []).append(note(p))
    return notes


def problems_overdue(q: WorkQuery) -> list[WorkRow]:
    """Households with a routed problem past its due date (assigned or in progress)."""
    visible = _in_area(q, Problem.objects.filter(year=q.year))
    overdue = routing_selectors.routed_problems(visible, "overdue", q.today)
    skip = excluded_households(q)
    return household_rows(
        q,
        {
            hid: why
            for hid, why in _problem_notes(
                overdue,
                lambda p: (
                    _("%(title)s: เกินกำหนด %(n)s วัน")
                    % {"title": p.title, "n": (q.today - (p.due_on or q.today)).days}
                ),
            ).items()
            if hid not in skip
        },
    )


def escalated_to_me(q: WorkQuery) -> list[WorkRow]:
    """Households with a problem the district escalated to the province (the governor
    assigns it an agency when the district has none)."""
    visible = _in_area(q, Problem.objects.filter(year=q.year))
    escalated = routing_selectors.routed_problems(visible, ProblemStatus.ESCALATED, q.today)
    return household_rows(
        q, _problem_notes(escalated, lambda p: _("%(title)s: ส่งต่อจังหวัด") % {"title": p.title})
    )


register(
    WorkList(
        "plan-missing",
        gettext_lazy("ครัวเรือนที่ยังไม่มีแผนพัฒนา"),
        gettext_lazy("ครัวเรือนที่มีพี่เลี้ยงแล้วแต่ยังไม่ได้จัดทำแผนพัฒนาคุณภาพชีวิตครัวเรือนของปีนี้"),
        plan_missing,
    )
)
register(
    WorkList(
        "problems-overdue",
        gettext_lazy("ปัญหาที่เกินกำหนดแก้ไข"),
        gettext_lazy("ปัญหาที่มอบหมายหน่วยงานแล้วแต่ยังไม่แก้ไขเมื่อถึงวันกำหนด"),
        problems_overdue,
    )
)
register(
    WorkList(
        "escalated-to-me",
        gettext_lazy("ปัญหาที่ส่งต่อถึงจังหวัด"),
        gettext_lazy("ปัญหาที่อำเภอส่งต่อให้จังหวัดมอบหมายหน่วยงาน"),
        escalated_to_me,
        allowed=lambda officer: (
            officer.role in routing_selectors.PROVINCE_ROUTERS
            or officer.role == Role.NATIONAL_ADMIN
        ),
    )
)


# -- a mentor's "my households" (F16) ------------------------------------------------------
#: What may be due on a mentor's household: a check takes the data year, the households'
#: ids and today, and answers household id -> notes (one query per check, not per row).
DueCheck = Callable[[int, list[str], date], dict[str, list[str]]]
NO_VISIT_DAYS = 30


def due_first_visit(year: int, ids: list[str], today: date) -> dict[str, list[str]]:
    contacts = last_contacts(year, ids)
    return {h: [_("เยี่ยมบ้านครั้งแรก")] for h in ids if contacts.get(h, (0, None))[0] == 0}


def due_plan_missing(year: int, ids: list[str], today: date) -> dict[str, list[str]]:
    return {h: [_plan_missing_note()] for h in plan_selectors.households_without_plan(year, ids)}


def due_problem_without_activity(year: int, ids: list[str], today: date) -> dict[str, list[str]]:
    return {h: [_problems_note(n)] for h, n in open_problems_without_activity(year, ids).items()}


def due_no_recent_visit(year: int, ids: list[str], today: date) -> dict[str, list[str]]:
    since = today - timedelta(days=NO_VISIT_DAYS)
    return {
        h: [_days_note(last, today)]
        for h, (n, last) in last_contacts(year, ids).items()
        if n > 0 and last is not None and last < since
    }


DUE_CHECKS: list[DueCheck] = [
    due_first_visit,
    due_plan_missing,
    due_problem_without_activity,
    due_no_recent_visit,
]


def my_households(q: WorkQuery) -> list[WorkRow]:
    """The households the viewer mentors in the data year, in the home-visit order, each
    with what is due (``DUE_CHECKS``, in their order)."""
    ids = sorted(
        scope_filter(q.viewer, Mentor.objects.filter(year=q.year, user=q.viewer)).values_list(
            "household_id", flat=True
        )
    )
    notes: dict[str, list[str]] = {h: [] for h in ids}
    for check in DUE_CHECKS:
        for hid, why in check(q.year, ids, q.today).items():
            notes[hid] += why
    return household_rows(q, notes)


def counts(q: WorkQuery) -> list[tuple[WorkList, int]]:
    """Each work list the viewer may see with its count in the query's area."""
    return [(w, w.total(q)) for w in lists_for(q.viewer)]


def visit_distribution(year: int, area: str, viewer: User) -> dict[str, int]:
    """Target households of the area by contacts: "1", "2", "3+" (Ubon's KPI is 3 or
    more); "0" is the caller's (target households minus these)."""
    qs = scope_filter(viewer, FollowedHousehold.objects.filter(year=year, is_target=True))
    if area:
        qs = qs.filter(village_code__startswith=area)
    got = qs.aggregate(
        one=Count("pk", filter=Q(visits=1)),
        two=Count("pk", filter=Q(visits=2)),
        three=Count("pk", filter=Q(visits__gte=3)),
    )
    return {"1": got["one"], "2": got["two"], "3+": got["three"]}
