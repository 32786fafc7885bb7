"""Writes of routing (F18, F27), each taking the acting officer and one frozen input and
owning every rule (who may act at which level, dates, required notes, area scope):

- the agency catalogue's offices of a province and its solution menu, kept by the
  province's administrator (``agency_save``, ``menu_item_save``);
- a problem routed by the district: an agency and a due date, from the menu or "not in the
  menu" with a note (``problem_assign``); sent to the province with a reason
  (``problem_escalate``), where the governor assigns it; its progress (``problem_set_status``).

Every change of a problem is one ``ProblemEvent`` and one audit row, in the same
transaction as the change."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tpmap.accounts.models import User
from tpmap.accounts.roles import Role
from tpmap.accounts.scope import area_within, in_scope
from tpmap.core import areas
from tpmap.core.indicators import DIMENSIONS, MPI_DIMENSIONS
from tpmap.core.routing import normalise
from tpmap.logbook import services as logbook_services
from tpmap.logbook.models import (
    Agency,
    AgencyLevel,
    MenuItem,
    Problem,
    ProblemEvent,
    ProblemEventKind,
    ProblemStatus,
)
from tpmap.logbook.routing import selectors
from tpmap.site.officers import Act
from tpmap.site.rules import RuleError, Rules
from tpmap.site.versioned import locked_state, save_audited, save_version


# -- who may do what -----------------------------------------------------------------------
def keeps_catalogue(officer: User, province_code: str) -> bool:
    """The province's administrator (or the national one) keeps its offices and menu."""
    if not officer.is_active or not officer.role:
        return False
    if officer.role == Role.NATIONAL_ADMIN:
        return True
    return officer.role in selectors.CATALOGUE_KEEPERS and officer.area_code == province_code


def may_assign(officer: User, problem: Problem) -> bool:
    """The district assigns a problem of its area that is not resolved or escalated; the
    province's administrator assigns an escalated one (the district has no agency)."""
    if not in_scope(officer, problem.village_code):
        return False
    if problem.status == ProblemStatus.ESCALATED:
        return officer.role in selectors.PROVINCE_ROUTERS
    return officer.role in selectors.DISTRICT_ROUTERS


def may_escalate(officer: User, problem: Problem) -> bool:
    return in_scope(officer, problem.village_code) and officer.role in selectors.DISTRICT_ROUTERS


def may_set_status(officer: User, problem: Problem) -> bool:
    """The problem's author, the area's account managers, the district and the province's
    administrator follow its progress."""
    if not in_scope(officer, problem.village_code):
        return False
    return (
        logbook_services.may_edit(officer, problem)
        or officer.role in selectors.DISTRICT_ROUTERS
        or officer.role in selectors.PROVINCE_ROUTERS
    )


def _require(allowed: bool, officer: User, village_code: str) -> None:
    if not in_scope(officer, village_code):
        raise PermissionDenied(_("รายการนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    if not allowed:
        raise PermissionDenied(_("บทบาทของบัญชีนี้ทำรายการนี้ไม่ได้"))


# -- the agency catalogue ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class AgencyInput:
    """A provincial or district office of the catalogue (``district_code`` '' for a
    provincial one), under a ministry or department of the national catalogue."""

    name: str
    province_code: str
    district_code: str = ""
    parent_id: int | None = None
    active: bool = True


def agency_save(
    act: Act, *, data: AgencyInput, agency: Agency | None = None, client_id: uuid.UUID | None = None
) -> Agency:
    """Add a province's office, or rename, move or (de)activate one."""
    province = data.province_code
    if agency is not None and agency.province_code != province:
        raise PermissionDenied(_("หน่วยงานนี้ไม่ใช่หน่วยงานของจังหวัดนี้"))
    if not keeps_catalogue(act.officer, province):
        raise PermissionDenied(_("เฉพาะผู้ดูแลระบบจังหวัดแก้ไขทะเบียนหน่วยงานของจังหวัดได้"))
    rules = Rules()
    name = " ".join(data.name.split())
    if not name:
        rules.fail("name", _("กรุณาระบุชื่อหน่วยงาน"))
    district = data.district_code
    if district and (
        not district.startswith(province)
        or len(district) != areas.CODE_LENGTH["district"]
        or areas.admin_area(district) is None
    ):
        rules.fail("district_code", _("อำเภอนี้ไม่อยู่ในจังหวัดนี้"))
    parent = None
    if data.parent_id is not None:
        parent = Agency.objects.filter(
            pk=data.parent_id,
            level__in=[AgencyLevel.MINISTRY, AgencyLevel.DEPARTMENT],
            active=True,
        ).first()
        if parent is None:
            rules.fail("parent_id", _("กรุณาเลือกกระทรวงหรือกรมต้นสังกัดจากทะเบียน"))
    if name:
        same = [
            a
            for a in Agency.objects.filter(province_code=province, district_code=district)
            if normalise(a.name) == normalise(name) and (agency is None or a.pk != agency.pk)
        ]
        if same:
            rules.fail("name", _("มีหน่วยงานชื่อนี้ในพื้นที่นี้แล้ว"))
    rules.check()
    with transaction.atomic():
        stored, before = 0, None
        if agency is None:
            agency = Agency(province_code=province, client_id=client_id)
        else:
            stored, before = locked_state(agency, act.expected_version)
        agency.name, agency.parent, agency.district_code = name, parent, district
        agency.level = AgencyLevel.DISTRICT_OFFICE if district else AgencyLevel.PROVINCE_OFFICE
        agency.active = data.active
        area = district or province
        save_audited(act.officer, agency, stored=stored, before=before, area_code=area, ip=act.ip)
    return agency


# -- the solution menu ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class MenuItemInput:
    """A programme or service of a province's menu."""

    province_code: str
    name: str
    dimension: str
    agency_id: int
    indicator: int | None = None
    qualifies: str = ""
    active: bool = True


def _own_menu(province: str) -> None:
    """A province's first change copies the default menu, which it then edits as its own."""
    if MenuItem.objects.filter(province_code=province).exists():
        return
    MenuItem.objects.bulk_create(
        MenuItem(
            province_code=province,
            key=m.key,
            name=m.name,
            dimension=m.dimension,
            indicator=m.indicator,
            agency=m.agency,
            qualifies=m.qualifies,
            active=m.active,
        )
        for m in MenuItem.objects.filter(province_code="")
    )


def menu_item_save(
    act: Act,
    *,
    data: MenuItemInput,
    item: MenuItem | None = None,
    client_id: uuid.UUID | None = None,
) -> MenuItem:
    """Add a programme to the province's menu, or change or (de)activate one. The default
    menu's item given is changed in the province's own copy."""
    province = data.province_code
    if not keeps_catalogue(act.officer, province):
        raise PermissionDenied(_("เฉพาะผู้ดูแลระบบจังหวัดแก้ไขเมนูแก้จนของจังหวัดได้"))
    if item is not None and item.province_code not in ("", province):
        raise PermissionDenied(_("รายการนี้ไม่ใช่เมนูของจังหวัดนี้"))
    rules = Rules()
    name = " ".join(data.name.split())
    if not name:
        rules.fail("name", _("กรุณาระบุชื่อโครงการหรือบริการ"))
    if data.dimension not in DIMENSIONS:
        rules.fail("dimension", _("กรุณาเลือกมิติ"))
    elif data.indicator is not None and data.indicator not in MPI_DIMENSIONS[data.dimension]:
        rules.fail("indicator", _("ตัวชี้วัดนี้ไม่อยู่ในมิติที่เลือก"))
    agency = Agency.objects.filter(pk=data.agency_id).first()
    if agency is None or not selectors.agency_usable(agency, province):
        rules.fail("agency_id", _("กรุณาเลือกหน่วยงานจากทะเบียนหน่วยงานของจังหวัด"))
    rules.check()
    assert agency is not None
    with transaction.atomic():
        _own_menu(province)
        stored, before = 0, None
        if item is not None and item.province_code == "":
            # The default's row: its copy in the province's menu.
            item = (
                MenuItem.objects.filter(province_code=province, key=item.key).first()
                if item.key
                else None
            )
        if item is None:
            item = MenuItem(province_code=province, client_id=client_id)
        else:
            stored, before = locked_state(item, act.expected_version)
        item.name, item.dimension, item.indicator = name, data.dimension, data.indicator
        item.agency, item.qualifies = agency, logbook_services._text(data.qualifies)
        item.active = data.active
        save_audited(act.officer, item, stored=stored, before=before, area_code=province, ip=act.ip)
    return item


# -- routing a problem -----------------------------------------------------------------------
def record_event(
    problem: Problem,
    officer: User,
    kind: str,
    from_status: str,
    *,
    note: str = "",
    not_in_menu: bool = False,
) -> ProblemEvent:
    """Keep one change of the problem (called inside the write's transaction)."""
    return ProblemEvent.objects.create(
        problem=problem,
        kind=kind,
        from_status=from_status,
        to_status=problem.status,
        agency=problem.agency_ref if kind == ProblemEventKind.ASSIGNED else None,
        due_on=problem.due_on if kind == ProblemEventKind.ASSIGNED else None,
        menu_item=problem.menu_item if kind == ProblemEventKind.ASSIGNED else None,
        not_in_menu=not_in_menu,
        note=note,
        actor=officer,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignmentInput:
    """The agency and due date a problem is given: from the menu (``menu_item_id``, its
    agency when ``agency_id`` is left out) or, ``not_in_menu``, with a note."""

    due_on: date | None
    agency_id: int | None = None
    menu_item_id: int | None = None
    not_in_menu: bool = False
    note: str = ""


def _save_problem(act: Act, problem: Problem, stored: int, before: dict[str, Any]) -> None:
    save_version(problem, stored)
    logbook_services._audit(act, "change", problem, before=before)
    logbook_services._follow(
        logbook_services.HouseholdRef(problem.year, problem.household_id, problem.village_code)
    )


def problem_assign(act: Act, *, problem: Problem, data: AssignmentInput) -> Problem:
    _require(may_assign(act.officer, problem), act.officer, problem.village_code)
    today = act.day
    rules = Rules()
    if problem.status == ProblemStatus.RESOLVED:
        rules.fail("status", _("ปัญหานี้แก้ไขแล้ว มอบหมายอีกไม่ได้"))
    if data.due_on is None:
        rules.fail("due_on", _("กรุณาระบุวันกำหนดแล้วเสร็จ"))
    elif data.due_on < today:
        rules.fail("due_on", _("วันกำหนดแล้วเสร็จต้องไม่เป็นวันที่ผ่านมาแล้ว"))
    note = logbook_services._text(data.note)
    item = None
    if data.not_in_menu:
        if data.menu_item_id is not None:
            rules.fail("menu_item_id", _("เลือกรายการจากเมนู หรือ “ไม่มีในเมนูแก้จน” อย่างใดอย่างหนึ่ง"))
        if not note:
            rules.fail("note", _("กรณีไม่มีในเมนูแก้จน กรุณาระบุแนวทางแก้ไขปัญหา"))
    elif data.menu_item_id is None:
        rules.fail("menu_item_id", _("กรุณาเลือกรายการจากเมนูแก้จน หรือเลือก “ไม่มีในเมนูแก้จน”"))
    else:
        province = selectors.province_of(problem.village_code)
        item = selectors.province_menu(province).filter(pk=data.menu_item_id).first()
        if item is None:
            rules.fail("menu_item_id", _("ไม่มีรายการนี้ในเมนูแก้จนของจังหวัด"))
    agency = None
    agency_id = data.agency_id if data.agency_id is not None else (item.agency_id if item else None)
    if agency_id is None:
        rules.fail("agency_id", _("กรุณาเลือกหน่วยงานที่รับผิดชอบ"))
    else:
        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is None or not selectors.agency_usable(agency, problem.village_code):
            rules.fail("agency_id", _("กรุณาเลือกหน่วยงานจากทะเบียนหน่วยงานของพื้นที่นี้"))
    rules.check()
    assert agency is not None
    with transaction.atomic():
        stored, before = locked_state(problem, act.expected_version)
        from_status = problem.status
        problem.status, problem.resolved_on = ProblemStatus.ASSIGNED, None
        problem.agency_ref, problem.agency = agency, agency.name
        problem.due_on, problem.menu_item, problem.routing_note = data.due_on, item, note
        _save_problem(act, problem, stored, before)
        record_event(
            problem,
            act.officer,
            ProblemEventKind.ASSIGNED,
            from_status,
            note=note,
            not_in_menu=data.not_in_menu,
        )
    return problem


@dataclass(frozen=True, slots=True, kw_only=True)
class EscalationInput:
    """Why the district sends the problem to the province (beyond the district's means)."""

    reason: str


ESCALABLE: tuple[str, ...] = (ProblemStatus.OPEN, ProblemStatus.ASSIGNED, ProblemStatus.IN_PROGRESS)


def problem_escalate(act: Act, *, problem: Problem, data: EscalationInput) -> Problem:
    _require(may_escalate(act.officer, problem), act.officer, problem.village_code)
    rules = Rules()
    if problem.status not in ESCALABLE:
        rules.fail("status", _("ส่งต่อจังหวัดได้เฉพาะปัญหาที่ยังไม่แก้ไขและยังไม่ได้ส่งต่อ"))
    reason = logbook_services._text(data.reason)
    if not reason:
        rules.fail("reason", _("กรุณาระบุเหตุผลที่ส่งต่อจังหวัด"))
    rules.check()
    with transaction.atomic():
        stored, before = locked_state(problem, act.expected_version)
        from_status = problem.status
        problem.status = ProblemStatus.ESCALATED
        _save_problem(act, problem, stored, before)
        record_event(problem, act.officer, ProblemEventKind.ESCALATED, from_status, note=reason)
    return problem


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusInput:
    """A problem's progress: in progress or resolved (on ``resolved_on``, else today)."""

    status: str
    resolved_on: date | None = None
    note: str = ""


#: The moves ``problem_set_status`` makes (assigned and escalated have their own writes).
STATUS_MOVES: dict[str, tuple[str, ...]] = {
    ProblemStatus.IN_PROGRESS: (ProblemStatus.OPEN, ProblemStatus.ASSIGNED),
    ProblemStatus.RESOLVED: (
        ProblemStatus.OPEN,
        ProblemStatus.ASSIGNED,
        ProblemStatus.IN_PROGRESS,
        ProblemStatus.ESCALATED,
    ),
}


def problem_set_status(act: Act, *, problem: Problem, data: StatusInput) -> Problem:
    _require(may_set_status(act.officer, problem), act.officer, problem.village_code)
    sources = STATUS_MOVES.get(data.status)
    if sources is None:
        raise RuleError({"status": _("เปลี่ยนเป็นสถานะนี้ไม่ได้ (ใช้การมอบหมายหรือการส่งต่อจังหวัด)")})
    if problem.status not in sources:
        raise RuleError(
            {
                "status": _("ปัญหาสถานะ “%(now)s” เปลี่ยนเป็น “%(to)s” ไม่ได้")
                % {
                    "now": ProblemStatus(problem.status).label,
                    "to": ProblemStatus(data.status).label,
                }
            }
        )
    with transaction.atomic():
        stored, before = locked_state(problem, act.expected_version)
        from_status = problem.status
        logbook_services._set_status(problem, data.status, data.resolved_on, today=act.today)
        _save_problem(act, problem, stored, before)
        record_event(
            problem,
            act.officer,
            ProblemEventKind.STATUS,
            from_status,
            note=logbook_services._text(data.note),
        )
    return problem


def visible_for_routing(officer: User, area_code: str) -> bool:
    """Whether the officer's area covers ``area_code`` (the routing pages' scope)."""
    return bool(officer.area_code) and area_within(area_code, officer.area_code)
