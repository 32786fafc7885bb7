"""Every write of a project (F24, docs/emenscr.md): one function per write, taking the
officer and one frozen input, enforcing every rule and auditing the change; and the audit
of every export. Forms, views and the API only translate into these inputs."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tpmap.accounts.audit import audit_record, snapshot
from tpmap.accounts.models import User
from tpmap.accounts.roles import role_info
from tpmap.accounts.scope import area_within, scope_prefix
from tpmap.core import areas as area_catalog
from tpmap.core.areas import COUNTRY_CODE
from tpmap.logbook.models import Activity
from tpmap.projects import strategy
from tpmap.projects.models import Project
from tpmap.site.officers import Act
from tpmap.site.privacy import mask_text
from tpmap.site.rules import RuleError, Rules
from tpmap.site.versioned import locked_copy, made_before, save_version

#: Who makes and changes projects: the province accounts (administrators and agencies,
#: Bangkok's included) and the district accounts (district chief, community development,
#: Bangkok เขต offices). National administrators read and export; field teams and mentors
#: record the activities a project groups.
PROJECT_RANKS = frozenset({1, 2, 3})
MAX_BUDGET = Decimal("999999999999.99")
MAX_AREAS = 50
MAX_ACTIVITIES = 2000


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectInput:
    """A project as an officer typed it. ``areas``: area codes inside the officer's area
    (province, district, subdistrict or village); ``activities``: Logbook activity ids,
    each inside one of those areas."""

    name: str
    agency: str
    budget: Decimal | None
    strategy_target: str
    fiscal_year: int | None
    areas: Sequence[str]
    activities: Sequence[int] = ()
    start_on: date | None = None
    end_on: date | None = None
    objective: str = ""
    client_id: uuid.UUID | None = None


def may_edit(officer: User) -> bool:
    """The one statement of which accounts make and change projects."""
    return (
        bool(officer.role) and officer.is_active and role_info(officer.role).rank in PROJECT_RANKS
    )


def require_editor(officer: User) -> str:
    """The officer's area code, or PermissionDenied (403) for a role that may not."""
    prefix = scope_prefix(officer)
    if prefix is None or not may_edit(officer):
        raise PermissionDenied(_("บัญชีนี้ไม่มีสิทธิ์จัดทำโครงการ (เฉพาะบัญชีระดับจังหวัดและอำเภอ)"))
    return prefix or COUNTRY_CODE


def _text(value: str) -> str:
    return mask_text(value.strip())


def _area_ok(code: str) -> bool:
    level = area_catalog.level_of(code)
    if level == "village":
        return area_catalog.village_code_is_valid(code)
    return level not in (None, "country") and area_catalog.admin_area(code) is not None


def _rules(officer_area: str, data: ProjectInput) -> tuple[list[str], list[Activity]]:
    """Check every rule of ``data``; the areas (sorted, without repeats) and activities."""
    rules = Rules()
    if not data.name.strip():
        rules.fail("name", _("กรุณาระบุชื่อโครงการ"))
    if not data.agency.strip():
        rules.fail("agency", _("กรุณาระบุหน่วยงานเจ้าของโครงการ"))
    if data.budget is None:
        rules.fail("budget", _("กรุณาระบุงบประมาณ"))
    elif not Decimal(0) <= data.budget <= MAX_BUDGET or data.budget != round(data.budget, 2):
        rules.fail("budget", _("งบประมาณต้องเป็นจำนวนเงินไม่ติดลบ ทศนิยมไม่เกิน 2 ตำแหน่ง"))
    if strategy.parse(data.strategy_target.strip()) is None:
        rules.fail(
            "strategy_target",
            _("รหัสเป้าหมายแผนแม่บทย่อยต้องเป็นตัวเลข 6 หลัก เช่น 110201 (แผนแม่บท 01-23)"),
        )
    if data.fiscal_year is None or not (
        strategy.FIRST_YEAR <= data.fiscal_year <= strategy.LAST_YEAR
    ):
        rules.fail(
            "fiscal_year",
            _("ปีงบประมาณต้องเป็นปี พ.ศ. %(first)s-%(last)s (ช่วงยุทธศาสตร์ชาติ)")
            % {"first": strategy.FIRST_YEAR, "last": strategy.LAST_YEAR},
        )
    if data.start_on and data.end_on and data.end_on < data.start_on:
        rules.fail("end_on", _("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"))
    areas = sorted({a.strip() for a in data.areas if a.strip()})
    if not areas:
        rules.fail("areas", _("กรุณาเลือกพื้นที่ดำเนินการอย่างน้อย 1 พื้นที่"))
    elif len(areas) > MAX_AREAS:
        rules.fail("areas", _("พื้นที่ดำเนินการได้ไม่เกิน %(n)s พื้นที่") % {"n": MAX_AREAS})
    for code in areas:
        if not _area_ok(code) or not area_within(code, officer_area):
            rules.fail("areas", _("พื้นที่ %(code)s ไม่อยู่ในพื้นที่ของบัญชีนี้") % {"code": code})
    ids = sorted(set(data.activities))
    found: list[Activity] = []
    if len(ids) > MAX_ACTIVITIES:
        rules.fail("activities", _("กิจกรรมได้ไม่เกิน %(n)s รายการ") % {"n": MAX_ACTIVITIES})
    elif ids:
        found = list(Activity.objects.filter(pk__in=ids).order_by("pk"))
        by_id = {a.pk: a for a in found if any(a.village_code.startswith(c) for c in areas)}
        # One message for a missing activity and one outside the project's areas, so a
        # project never tells whether an activity exists elsewhere.
        missing = [str(i) for i in ids if i not in by_id]
        if missing:
            rules.fail(
                "activities",
                _("ไม่พบกิจกรรมในพื้นที่ดำเนินการของโครงการ: %(ids)s") % {"ids": ", ".join(missing)},
            )
        found = [by_id[i] for i in ids if i in by_id]
    rules.check()
    return areas, found


def _fill(project: Project, data: ProjectInput, areas: list[str]) -> None:
    project.name = _text(data.name)
    project.agency = _text(data.agency)
    assert data.budget is not None and data.fiscal_year is not None  # checked by _rules
    project.budget = data.budget
    project.strategy_target = data.strategy_target.strip()
    project.fiscal_year = data.fiscal_year
    project.start_on, project.end_on = data.start_on, data.end_on
    project.objective = _text(data.objective)
    project.areas = areas


def _audit(
    officer: User,
    action: str,
    project: Project,
    *,
    ip: str | None,
    before: dict[str, Any] | None = None,
) -> None:
    after = None
    if action in ("create", "change"):
        after = snapshot(project)
        after["activities"] = sorted(project.activities.values_list("pk", flat=True))
    audit_record(
        actor=officer,
        action=action,
        object_type="project",
        object_id=project.pk,
        area_code=project.area_code,
        ip=ip,
        year=project.fiscal_year,
        before=before,
        after=after,
    )


def project_create(act: Act, *, data: ProjectInput) -> Project:
    """Make a project in the officer's area. A repeated ``client_id`` of the same officer
    returns the project it made (an offline retry), never a second one."""
    area = require_editor(act.officer)
    done = made_before(Project, data.client_id, created_by=act.officer)
    if done is not None:
        return done
    areas, activities = _rules(area, data)
    project = Project(area_code=area, created_by=act.officer, updated_by=act.officer)
    project.client_id = data.client_id
    _fill(project, data, areas)
    project.full_clean(exclude=["client_id"])
    try:
        with transaction.atomic():
            project.save()
            project.activities.set(activities)
            _audit(act.officer, "create", project, ip=act.ip)
    except IntegrityError:
        # Two retries at once: the one that lost finds the project the other made; a
        # client_id another account used is refused.
        done = made_before(Project, data.client_id, created_by=act.officer)
        if done is None:
            if (
                data.client_id is not None
                and Project.objects.filter(client_id=data.client_id).exists()
            ):
                raise RuleError({"client_id": _("รหัสอ้างอิง (client_id) นี้ถูกใช้แล้ว")}) from None
            raise
        return done
    return project


def project_update(act: Act, *, project: Project, data: ProjectInput) -> Project:
    """Change a project of the officer's area (a province account changes its districts'
    too). Its areas stay inside the area it was made in; a stale ``expected_version``
    gives StaleVersion (409)."""
    area = require_editor(act.officer)
    if not area_within(project.area_code, area):
        raise PermissionDenied(_("โครงการนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    areas, activities = _rules(project.area_code, data)
    with transaction.atomic():
        locked = locked_copy(project, act.expected_version)
        before = snapshot(locked)
        before["activities"] = sorted(locked.activities.values_list("pk", flat=True))
        _fill(locked, data, areas)
        locked.updated_by = act.officer
        save_version(locked, locked.version)
        locked.activities.set(activities)
        _audit(act.officer, "change", locked, ip=act.ip, before=before)
    return locked


def project_exported(officer: User, project: Project, *, fmt: str, ip: str | None = None) -> None:
    """Audit an export of a project (every format, every caller)."""
    audit_record(
        actor=officer,
        action="export",
        object_type="project",
        object_id=project.pk,
        area_code=project.area_code,
        ip=ip,
        year=project.fiscal_year,
        after={"format": fmt},
    )
