"""Reads of the committees and their reports: what an officer may see (their area's
committees, the level above seeing its children), the work list of missing or late
orders, the children's reports of a period with who has not submitted, the consolidated
report, and the public list (names and positions as in the orders, nothing else)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Length

from tpmap.accounts.scope import Scoped, scope_prefix
from tpmap.committees import figures as report_figures
from tpmap.committees import periods, services
from tpmap.committees.models import Committee, Level, Member, Order, Report, ReportStatus
from tpmap.core import areas


def _within(
    qs: QuerySet[Any, Any], prefix: str, field_name: str = "area_code"
) -> QuerySet[Any, Any]:
    return qs if prefix == "" else qs.filter(**{f"{field_name}__startswith": prefix})


def visible_committees(user: Scoped) -> QuerySet[Committee, Committee]:
    """Committees of the user's area (its own and the ones below); none for the public."""
    prefix = scope_prefix(user)
    if prefix is None:
        return Committee.objects.none()
    return _within(Committee.objects.all(), prefix)


def visible_members(user: Scoped) -> QuerySet[Member, Member]:
    prefix = scope_prefix(user)
    if prefix is None:
        return Member.objects.none()
    return _within(Member.objects.select_related("committee"), prefix, "committee__area_code")


def visible_orders(user: Scoped) -> QuerySet[Order, Order]:
    prefix = scope_prefix(user)
    if prefix is None:
        return Order.objects.none()
    return _within(Order.objects.select_related("committee"), prefix, "committee__area_code")


def visible_reports(user: Scoped) -> QuerySet[Report, Report]:
    prefix = scope_prefix(user)
    if prefix is None:
        return Report.objects.none()
    return _within(
        Report.objects.select_related("committee", "submitted_by"), prefix, "committee__area_code"
    )


def with_members_and_orders(qs: QuerySet[Committee, Committee]) -> QuerySet[Committee, Committee]:
    return qs.prefetch_related(
        Prefetch("members", queryset=Member.objects.order_by("id")),
        Prefetch("orders", queryset=Order.objects.order_by("-signed_on", "-id")),
    )


def sorted_members(committee: Committee) -> list[Member]:
    """Members in the order an establishment order lists them: chair first."""
    from tpmap.committees.models import ROLE_ORDER

    return sorted(committee.members.all(), key=lambda m: (ROLE_ORDER.get(m.role, 99), m.pk))


# -- order status and the work list -------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OrderStatus:
    committee: Committee | None  # None: the area has no committee yet
    area_code: str
    name: str
    order: Order | None
    deadline: date | None  # 30 days after the level above's order; None: no such order
    late: bool  # no order and past the deadline, or an order dated after it
    uploaded_late: bool  # seed 001: uploaded more than 30 days after it was signed

    @property
    def missing(self) -> bool:
        return self.order is None


def order_statuses(committees: Iterable[Committee], today: date) -> list[OrderStatus]:
    """Each committee's order against its deadline (the level above's order + 30 days)."""
    committees = list(committees)
    parents = {services.parent_committee_code(c) for c in committees} - {None}
    parent_dates: dict[str, date] = {}
    for parent_order in Order.objects.filter(committee__area_code__in=parents).select_related(
        "committee"
    ):
        code = parent_order.committee.area_code
        if code not in parent_dates or parent_order.signed_on > parent_dates[code]:
            parent_dates[code] = parent_order.signed_on
    out = []
    for c in committees:
        parent = services.parent_committee_code(c)
        deadline = services.order_deadline(parent_dates.get(parent) if parent else None)
        order = c.latest_order()
        if order is None:
            late = deadline is not None and today > deadline
        else:
            late = deadline is not None and order.signed_on > deadline
        out.append(
            OrderStatus(
                committee=c,
                area_code=c.area_code,
                name=c.name,
                order=order,
                deadline=deadline,
                late=late,
                uploaded_late=order is not None and services.order_uploaded_late(order),
            )
        )
    return out


def work_list(user: Scoped, today: date) -> list[OrderStatus]:
    """Committees of the user's area without an order or late for the level above's
    deadline, and the areas one level below the user's (a province's districts, a
    district's subdistricts) with no committee at all."""
    committees = with_members_and_orders(visible_committees(user))
    statuses = [s for s in order_statuses(committees, today) if s.missing or s.late]
    area = getattr(user, "area_code", "")
    if areas.level_of(area) in ("country", "province", "district"):
        have = set(committees.values_list("area_code", flat=True))
        for a in areas.children(area):
            if a.code not in have:
                statuses.append(
                    OrderStatus(
                        committee=None,
                        area_code=a.code,
                        name=services.committee_name(a.code),
                        order=None,
                        deadline=None,
                        late=False,
                        uploaded_late=False,
                    )
                )
    return sorted(statuses, key=lambda s: s.area_code)


# -- reports due ---------------------------------------------------------------------------
class _Period:
    """A report period (``kind`` and ``period_start``): its label and its deadline."""

    kind: str
    period_start: date

    @property
    def label(self) -> str:
        return periods.label(self.kind, self.period_start)

    @property
    def deadline(self) -> date:
        return periods.deadline(self.kind, self.period_start)


@dataclass(frozen=True, slots=True)
class Due(_Period):
    committee: Committee
    kind: str
    period_start: date
    report: Report | None  # a draft already started, or None

    def overdue(self, today: date) -> bool:
        return today > self.deadline


def reports_due(officer: Any, today: date) -> list[Due]:
    """The reports the officer writes that are not submitted yet: for the committee of the
    officer's own area (when the officer reports for it), the last ended month and the
    last ended quarter."""
    committee = Committee.objects.filter(area_code=getattr(officer, "area_code", "")).first()
    if committee is None or not services.may_report(officer, committee):
        return []
    out = []
    for kind in ("monthly", "quarterly"):
        start = periods.recent(kind, today, 2)[1]
        report = Report.objects.filter(committee=committee, kind=kind, period_start=start).first()
        if report is None or report.status != ReportStatus.SUBMITTED:
            out.append(Due(committee=committee, kind=kind, period_start=start, report=report))
    return out


# -- reports of a period -------------------------------------------------------------------
@dataclass
class ChildRow:
    committee: Committee
    report: Report | None

    @property
    def submitted(self) -> bool:
        return self.report is not None and self.report.status == ReportStatus.SUBMITTED


@dataclass
class Consolidated(_Period):
    committee: Committee
    kind: str
    period_start: date
    own: Report | None
    children: list[ChildRow] = field(default_factory=list)
    total: dict[str, Any] = field(default_factory=report_figures.empty)

    @property
    def missing(self) -> list[ChildRow]:
        return [r for r in self.children if not r.submitted]

    @property
    def submitted_count(self) -> int:
        return len(self.children) - len(self.missing)


def child_committees(committee: Committee) -> QuerySet[Committee, Committee]:
    """The committees one level below: a province's districts, a district's teams."""
    length = {Level.PROVINCE: 4, Level.BANGKOK: 4, Level.DISTRICT: 6, Level.BANGKOK_DISTRICT: 6}
    size = length.get(Level(committee.level))
    if size is None:
        return Committee.objects.none()
    return (
        Committee.objects.filter(area_code__startswith=committee.area_code)
        .annotate(code_length=Length("area_code"))
        .filter(code_length=size)
    )


def consolidated(committee: Committee, kind: str, period_start: date) -> Consolidated:
    """The committee's own report of the period, its children's with who has not
    submitted, and the sum of the submitted children's frozen figures."""
    own = Report.objects.filter(committee=committee, kind=kind, period_start=period_start).first()
    children = list(child_committees(committee).order_by("area_code"))
    reports = {
        r.committee_id: r
        for r in Report.objects.filter(
            committee__in=children, kind=kind, period_start=period_start
        ).select_related("submitted_by")
    }
    rows = [ChildRow(committee=c, report=reports.get(c.pk)) for c in children]
    total = report_figures.add(r.report.figures for r in rows if r.submitted and r.report)
    return Consolidated(
        committee=committee,
        kind=kind,
        period_start=period_start,
        own=own,
        children=rows,
        total=total,
    )


# -- the public list -----------------------------------------------------------------------
def public_committees(area_code: str) -> list[Committee]:
    """The committees of an area (itself and below), members and orders prefetched."""
    qs = Committee.objects.all()
    if area_code != areas.COUNTRY_CODE:
        qs = qs.filter(area_code__startswith=area_code)
    return list(with_members_and_orders(qs).order_by("area_code"))
