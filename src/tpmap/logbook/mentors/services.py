"""F16: a province's mentor settings, edited by the province's administrator (or the
national one). The limit is read by ``mentor_assign`` (tpmap.logbook.mentors.limits)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tpmap.accounts.models import User
from tpmap.accounts.roles import Role
from tpmap.accounts.scope import in_scope
from tpmap.core import areas
from tpmap.logbook.models import ProvinceSetting
from tpmap.site.officers import Act
from tpmap.site.rules import Rules
from tpmap.site.versioned import locked_row, save_audited

#: Who edits a province's settings: its administrator (Bangkok's governor for Bangkok) or
#: the national administrator.
SETTING_EDITORS: frozenset[str] = frozenset(
    {Role.NATIONAL_ADMIN, Role.PROVINCE_ADMIN, Role.BANGKOK_GOVERNOR}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProvinceSettingInput:
    province_code: str
    mentor_household_limit: int


def may_edit_settings(officer: User, province_code: str) -> bool:
    """The one statement of who edits a province's settings (pages ask it first)."""
    return officer.role in SETTING_EDITORS and in_scope(officer, province_code)


def province_setting_save(act: Act, *, data: ProvinceSettingInput) -> ProvinceSetting:
    """Set a province's households-per-mentor limit (1 to ``ProvinceSetting.MAX_LIMIT``).
    Lowering it keeps the assignments already made; new ones are held to it."""
    code = data.province_code.strip()
    if areas.level_of(code) != "province" or not in_scope(act.officer, code):
        raise PermissionDenied(_("จังหวัดนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    if act.officer.role not in SETTING_EDITORS:
        raise PermissionDenied(_("แก้ไขการตั้งค่าได้เฉพาะผู้ดูแลระบบจังหวัด"))
    rules = Rules()
    if not 1 <= data.mentor_household_limit <= ProvinceSetting.MAX_LIMIT:
        rules.fail(
            "mentor_household_limit",
            _("จำนวนครัวเรือนต่อพี่เลี้ยงต้องอยู่ระหว่าง 1 ถึง %(n)s") % {"n": ProvinceSetting.MAX_LIMIT},
        )
    rules.check()
    with transaction.atomic():
        setting, stored, before = locked_row(
            ProvinceSetting, act.expected_version, province_code=code
        )
        if setting is None:
            setting = ProvinceSetting(province_code=code)
        setting.mentor_household_limit = data.mentor_household_limit
        setting.updated_by = act.officer
        save_audited(act.officer, setting, stored=stored, before=before, area_code=code, ip=act.ip)
    return setting
