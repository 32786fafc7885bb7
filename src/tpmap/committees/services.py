"""Writes of the committees (F19) and their reports (F26). Each write is one function
taking the acting officer and one frozen input; it owns every rule (the area, the role,
the dates, the required texts, the PDF check) and raises ``RuleError`` with Thai field
messages, or ``PermissionDenied`` for a role that may not do it. Callers find the objects
through ``selectors.visible_*`` first, so an object outside the officer's area is a 404
before any service runs. Every write is audited with the state before and after.

Who may do what (docs/committees.md):
* create a committee, add or remove members, upload orders: the national administrator
  anywhere; the province's accounts (the governor or Bangkok's governor and the province
  agencies) for any committee of their province — its own, its districts' and its
  operations teams'; a district chief (or a Bangkok เขต office) for his district's own
  committee;
* write and submit a committee's report: the accounts of the committee's own area and
  level (province accounts for ศจพ.จ./ศจพ.กทม., the district's accounts for ศจพ.อ./ศจพ.ข.,
  the operations team's account for its team)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tpmap.accounts.audit import audit_record, snapshot
from tpmap.accounts.models import User
from tpmap.accounts.roles import Role
from tpmap.accounts.scope import area_within, scope_prefix
from tpmap.committees import figures as report_figures
from tpmap.committees import pdfcheck, periods
from tpmap.committees.models import (
    Committee,
    Level,
    Member,
    MemberRole,
    Order,
    Report,
    ReportKind,
    ReportStatus,
)
from tpmap.core import areas
from tpmap.site.officers import Act
from tpmap.site.privacy import mask_text
from tpmap.site.rules import RuleError, Rules
from tpmap.site.versioned import locked_copy, made_before, save_version

ORDER_DAYS = 30  # an order is due within 30 days of the level above's order (seed 001)

PROVINCE_ROLES = frozenset(
    {
        Role.PROVINCE_ADMIN,
        Role.PROVINCE_PUBLIC_HEALTH,
        Role.PROVINCE_SOCIAL_DEVELOPMENT,
        Role.PROVINCE_EDUCATION,
        Role.PROVINCE_COMMUNITY_DEVELOPMENT,
        Role.PROVINCE_OFFICE,
        Role.BANGKOK_GOVERNOR,
        Role.BANGKOK_BUREAU,
    }
)
DISTRICT_CHIEF_ROLES = frozenset({Role.DISTRICT_CHIEF, Role.BANGKOK_DISTRICT})
DISTRICT_REPORT_ROLES = DISTRICT_CHIEF_ROLES | {Role.DISTRICT_COMMUNITY_DEVELOPMENT}
REPORT_ROLES: dict[str, frozenset[Role]] = {
    Level.PROVINCE: PROVINCE_ROLES,
    Level.BANGKOK: PROVINCE_ROLES,
    Level.DISTRICT: DISTRICT_REPORT_ROLES,
    Level.BANGKOK_DISTRICT: DISTRICT_REPORT_ROLES,
    Level.TEAM: frozenset({Role.OPERATIONS_TEAM}),
}


def _text(value: str) -> str:
    return mask_text(value.strip())


# -- levels and deadlines ----------------------------------------------------------------
def level_for(area_code: str) -> Level | None:
    """The committee level of an area: a province, a district or a subdistrict (its
    operations team); Bangkok (10) has ศจพ.กทม. and ศจพ.ข. per เขต."""
    level = areas.level_of(area_code)
    bangkok = area_code.startswith("10")
    if level == "province":
        return Level.BANGKOK if bangkok else Level.PROVINCE
    if level == "district":
        return Level.BANGKOK_DISTRICT if bangkok else Level.DISTRICT
    if level == "subdistrict":
        return Level.TEAM
    return None


def committee_name(area_code: str) -> str:
    """``ศจพ.อ.เมืองอุบลราชธานี``, ``ทีมปฏิบัติการตำบลในเมือง``: as the orders name them."""
    level = level_for(area_code)
    area = areas.admin_area(area_code)
    place = area.name_th if area else area_code
    if level == Level.TEAM:
        return f"ทีมปฏิบัติการตำบล{place}"
    if level == Level.BANGKOK:
        return "ศจพ.กทม."
    return f"{Level(level).label}{place}" if level else place


def parent_committee_code(committee: Committee) -> str | None:
    """The area of the level above (a team's district, a district's province)."""
    return areas.parent_code(committee.area_code) if committee.level != Level.PROVINCE else None


def order_deadline(parent_order_date: date | None) -> date | None:
    """The last day a committee's order may be dated: 30 days after the level above's
    order (None while the level above has none, and for a province)."""
    if parent_order_date is None:
        return None
    return parent_order_date + timedelta(days=ORDER_DAYS)


def order_uploaded_late(order: Order) -> bool:
    """Seed 001: an order is uploaded within 30 days of the day it was signed."""
    uploaded = timezone.localdate(order.uploaded_at) if order.uploaded_at else None
    return uploaded is not None and uploaded > order.signed_on + timedelta(days=ORDER_DAYS)


# -- who may do what -----------------------------------------------------------------------
def may_manage(officer: User, area_code: str) -> bool:
    """May ``officer`` create the committee of ``area_code`` and keep its members and
    orders? (The one statement of the rule; pages ask it before showing a form.)"""
    if not officer.is_active or not officer.area_code:
        return False
    if not area_within(area_code, officer.area_code):
        return False
    if officer.role == Role.NATIONAL_ADMIN:
        return True
    if officer.role in PROVINCE_ROLES:
        return True
    return officer.role in DISTRICT_CHIEF_ROLES and area_code == officer.area_code


def may_report(officer: User, committee: Committee) -> bool:
    """May ``officer`` write and submit the committee's reports?"""
    return (
        officer.is_active
        and officer.area_code == committee.area_code
        and officer.role in REPORT_ROLES.get(committee.level, frozenset())
    )


def _require_manager(officer: User, area_code: str) -> None:
    if not may_manage(officer, area_code):
        raise PermissionDenied(_("บัญชีนี้ไม่มีสิทธิ์จัดการ ศจพ. ของพื้นที่นี้"))


def _audit(
    act: Act,
    action: str,
    obj: Committee | Member | Order | Report,
    *,
    area_code: str,
    before: dict[str, Any] | None = None,
) -> None:
    audit_record(
        actor=act.officer,
        action=action,
        object_type=f"committee_{obj._meta.model_name}"
        if not isinstance(obj, Committee)
        else "committee",
        object_id=obj.pk if obj.pk is not None else "",
        area_code=area_code,
        ip=act.ip,
        before=before,
        after=None if action == "delete" else snapshot(obj),
    )


def _create_unique(
    act: Act, obj: Committee | Report, area_code: str, *, taken: tuple[str, str]
) -> None:
    """Check, save and audit a new committee or report; when its unique key was taken
    meanwhile (the database refuses the row), ``taken``: the field and its message."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
            _audit(act, "create", obj, area_code=area_code)
    except IntegrityError as e:
        raise RuleError({taken[0]: taken[1]}) from e


# -- committees ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class CommitteeInput:
    area_code: str
    client_id: uuid.UUID | None = None


def committee_create(act: Act, *, data: CommitteeInput) -> Committee:
    """Set up the committee of an area (its level and name follow from the area)."""
    existing = made_before(Committee, data.client_id, created_by=act.officer)
    if existing is not None:
        return existing
    code = data.area_code.strip()
    level = level_for(code)
    if level is None or areas.admin_area(code) is None:
        raise RuleError({"area_code": _("รหัสพื้นที่ต้องเป็นจังหวัด อำเภอ หรือตำบล")})
    prefix = scope_prefix(act.officer)
    if prefix is None or not area_within(code, prefix or areas.COUNTRY_CODE):
        raise RuleError({"area_code": _("พื้นที่นี้อยู่นอกพื้นที่ของบัญชีนี้")})
    _require_manager(act.officer, code)
    if Committee.objects.filter(area_code=code).exists():
        raise RuleError({"area_code": _("พื้นที่นี้มี ศจพ. อยู่แล้ว")})
    committee = Committee(
        area_code=code,
        level=level,
        name=committee_name(code),
        client_id=data.client_id,
        created_by=act.officer,
    )
    # Taken meanwhile: a second officer created it a moment ago.
    _create_unique(act, committee, code, taken=("area_code", _("พื้นที่นี้มี ศจพ. อยู่แล้ว")))
    return committee


# -- members -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class MemberInput:
    name: str
    position: str
    role: str
    agency: str = ""
    client_id: uuid.UUID | None = None


def member_add(act: Act, *, committee: Committee, data: MemberInput) -> Member:
    """A member as the establishment order lists them: name, position, agency, role. A
    committee has one chair."""
    _require_manager(act.officer, committee.area_code)
    existing = made_before(Member, data.client_id, created_by=act.officer, committee=committee)
    if existing is not None:
        return existing
    rules = Rules()
    if not data.name.strip():
        rules.fail("name", _("กรุณาระบุชื่อ-นามสกุล"))
    if not data.position.strip():
        rules.fail("position", _("กรุณาระบุตำแหน่ง"))
    if data.role not in MemberRole.values:
        rules.fail("role", _("บทบาทไม่ถูกต้อง"))
    elif data.role == MemberRole.CHAIR and committee.members.filter(role=MemberRole.CHAIR).exists():
        rules.fail("role", _("ศจพ. นี้มีประธานแล้ว"))
    rules.check()
    member = Member(
        committee=committee,
        name=_text(data.name),
        position=_text(data.position),
        agency=_text(data.agency),
        role=data.role,
        client_id=data.client_id,
        created_by=act.officer,
    )
    member.full_clean()
    with transaction.atomic():
        member.save()
        _audit(act, "create", member, area_code=committee.area_code)
    return member


def member_remove(act: Act, *, member: Member) -> None:
    _require_manager(act.officer, member.committee.area_code)
    before = snapshot(member)
    with transaction.atomic():
        _audit(
            act,
            "delete",
            member,
            area_code=member.committee.area_code,
            before=before,
        )
        member.delete()


# -- establishment orders ------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class OrderInput:
    number: str
    signed_on: date | None
    content: bytes  # the uploaded file as sent; the service checks it is a PDF
    original_name: str = ""
    client_id: uuid.UUID | None = None


def order_upload(act: Act, *, committee: Committee, data: OrderInput) -> Order:
    """Upload an establishment order: its number, the day it was signed (not in the
    future) and the PDF, checked by its content. The file is written atomically and
    removed again when the row cannot be saved."""
    _require_manager(act.officer, committee.area_code)
    existing = made_before(Order, data.client_id, uploaded_by=act.officer, committee=committee)
    if existing is not None:
        return existing
    today = act.day
    rules = Rules()
    if not data.number.strip():
        rules.fail("number", _("กรุณาระบุเลขที่คำสั่ง"))
    if data.signed_on is None:
        rules.fail("signed_on", _("กรุณาระบุวันที่ของคำสั่ง"))
    elif data.signed_on > today:
        rules.fail("signed_on", _("วันที่ต้องไม่เป็นวันในอนาคต"))
    checked = pdfcheck.clean_pdf(data.content, data.original_name)
    if isinstance(checked, str):
        rules.fail("file", checked)
    rules.check()
    assert not isinstance(checked, str) and data.signed_on is not None
    order = Order(
        committee=committee,
        number=_text(data.number),
        signed_on=data.signed_on,
        size_bytes=len(checked.content),
        pages=checked.pages,
        original_name=_text(checked.original_name),
        client_id=data.client_id,
        uploaded_by=act.officer,
    )
    order.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(checked.content), save=False)
    try:
        order.full_clean()
        with transaction.atomic():
            order.save()
            _audit(act, "create", order, area_code=committee.area_code)
    except BaseException:
        if order.file.name:
            order.file.storage.delete(order.file.name)
        raise
    return order


# -- reports -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class ReportInput:
    kind: str
    period_start: date | None
    results: str = ""
    obstacles: str = ""
    suggestions: str = ""
    client_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportTexts:
    results: str = ""
    obstacles: str = ""
    suggestions: str = ""


def _require_reporter(officer: User, committee: Committee) -> None:
    if not may_report(officer, committee):
        raise PermissionDenied(_("รายงานได้เฉพาะบัญชีของพื้นที่และระดับของ ศจพ. นี้"))


def report_create(act: Act, *, committee: Committee, data: ReportInput) -> Report:
    """Start a committee's report of a period as a draft (one report per period)."""
    _require_reporter(act.officer, committee)
    existing = made_before(Report, data.client_id, created_by=act.officer, committee=committee)
    if existing is not None:
        return existing
    today = act.day
    rules = Rules()
    if data.kind not in ReportKind.values:
        rules.fail("kind", _("ประเภทรายงานไม่ถูกต้อง"))
    elif data.period_start is None or not periods.is_period_start(data.kind, data.period_start):
        rules.fail("period_start", _("รอบรายงานไม่ถูกต้อง"))
    elif data.period_start > today:
        rules.fail("period_start", _("รอบรายงานยังไม่เริ่ม"))
    elif Report.objects.filter(
        committee=committee, kind=data.kind, period_start=data.period_start
    ).exists():
        rules.fail("period_start", _("มีรายงานของรอบนี้แล้ว"))
    rules.check()
    assert data.period_start is not None  # checked above
    report = Report(
        committee=committee,
        kind=data.kind,
        period_start=data.period_start,
        results=_text(data.results),
        obstacles=_text(data.obstacles),
        suggestions=_text(data.suggestions),
        client_id=data.client_id,
        created_by=act.officer,
    )
    _create_unique(act, report, committee.area_code, taken=("period_start", _("มีรายงานของรอบนี้แล้ว")))
    return report


def _locked_draft(report: Report, expected_version: int | None) -> Report:
    locked = locked_copy(report, expected_version, "committee")
    if locked.status != ReportStatus.DRAFT:
        raise RuleError({"__all__": _("รายงานนี้ส่งแล้ว แก้ไขไม่ได้")})
    return locked


def _report_saved(act: Act, locked: Report, before: dict[str, Any]) -> None:
    """Save a locked report as its next version and audit the change."""
    save_version(locked, locked.version)
    _audit(act, "change", locked, area_code=locked.committee.area_code, before=before)


def report_update(act: Act, *, report: Report, data: ReportTexts) -> Report:
    """Change a draft's texts (a submitted report is final)."""
    _require_reporter(act.officer, report.committee)
    with transaction.atomic():
        locked = _locked_draft(report, act.expected_version)
        before = snapshot(locked)
        locked.results = _text(data.results)
        locked.obstacles = _text(data.obstacles)
        locked.suggestions = _text(data.suggestions)
        _report_saved(act, locked, before)
    return locked


def report_submit(act: Act, *, report: Report) -> Report:
    """Submit a draft once its period has ended: the area's figures of the period are read
    from the Logbook now and frozen in it; after the deadline (the 15th of the next
    month) it is marked late."""
    _require_reporter(act.officer, report.committee)
    today = act.day
    with transaction.atomic():
        locked = _locked_draft(report, act.expected_version)
        end = periods.period_end(locked.kind, locked.period_start)
        rules = Rules()
        if end >= today:
            rules.fail("period_start", _("ส่งรายงานได้หลังสิ้นสุดรอบรายงาน"))
        if not locked.results.strip():
            rules.fail("results", _("กรุณาระบุผลการดำเนินการ"))
        rules.check()
        before = snapshot(locked)
        locked.figures = report_figures.area_figures(
            locked.committee.area_code, locked.period_start, end
        )
        locked.status = ReportStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = act.officer
        locked.late = today > periods.deadline(locked.kind, locked.period_start)
        _report_saved(act, locked, before)
    return locked


def order_downloaded(*, officer: User, order: Order, ip: str | None) -> None:
    """Audit an officer's download of an order (the public's are not: orders are public
    documents, and anonymous rows would say nothing)."""
    audit_record(
        actor=officer,
        action="export",
        object_type="committee_order",
        object_id=order.pk,
        area_code=order.committee.area_code,
        ip=ip,
        after={"number": order.number},
    )


def report_downloaded(
    *, officer: User, committee: Committee, kind: str, period_start: date, fmt: str, ip: str | None
) -> None:
    """Audit a download of a consolidated report."""
    audit_record(
        actor=officer,
        action="export",
        object_type="committee_report",
        object_id=committee.pk,
        area_code=committee.area_code,
        ip=ip,
        after={"kind": kind, "period_start": period_start, "format": fmt},
    )
