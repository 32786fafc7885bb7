"""Roles of F11 (accounts per level) and the area level each role works at.

Seeds 001/002: a province has 1 + 5 accounts (the governor, who administers the province's
accounts, and public health, social development and human security, education, community
development and the provincial office); a district 2 (the district chief and the community
development officer); an operations team 1; Bangkok 1 + 4 bureaus and 1 per เขต. Mentors
(พี่เลี้ยง) look after a few households in a district or subdistrict.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from tpmap.core import areas


class Role(StrEnum):
    NATIONAL_ADMIN = "national_admin"
    PROVINCE_ADMIN = "province_admin"
    PROVINCE_PUBLIC_HEALTH = "province_public_health"
    PROVINCE_SOCIAL_DEVELOPMENT = "province_social_development"
    PROVINCE_EDUCATION = "province_education"
    PROVINCE_COMMUNITY_DEVELOPMENT = "province_community_development"
    PROVINCE_OFFICE = "province_office"
    BANGKOK_GOVERNOR = "bangkok_governor"
    BANGKOK_BUREAU = "bangkok_bureau"
    BANGKOK_DISTRICT = "bangkok_district"
    DISTRICT_CHIEF = "district_chief"
    DISTRICT_COMMUNITY_DEVELOPMENT = "district_community_development"
    OPERATIONS_TEAM = "operations_team"
    MENTOR = "mentor"


@dataclass(frozen=True, slots=True)
class RoleInfo:
    name_th: str
    name_en: str
    rank: int  # 0 national, 1 province administrators, 2 province agencies, 3 district, 4 field
    levels: tuple[str, ...]  # area levels the role may hold
    manages_accounts: bool = False
    bangkok: bool | None = None  # True: only Bangkok (10); False: never Bangkok; None: any


def _province_agency(name_th: str, name_en: str) -> RoleInfo:
    """A provincial agency's office (rank 2) outside Bangkok: its accounts hold a province."""
    return RoleInfo(name_th, name_en, 2, ("province",), bangkok=False)


ROLES: dict[Role, RoleInfo] = {
    Role.NATIONAL_ADMIN: RoleInfo(
        gettext_noop("ผู้ดูแลระบบระดับประเทศ"), "National administrator", 0, ("country",), True
    ),
    Role.PROVINCE_ADMIN: RoleInfo(
        gettext_noop("ผู้ว่าราชการจังหวัด/ผู้ดูแลระบบจังหวัด"),
        "Provincial governor / administrator",
        1,
        ("province",),
        True,
        bangkok=False,
    ),
    Role.PROVINCE_PUBLIC_HEALTH: _province_agency(
        gettext_noop("สำนักงานสาธารณสุขจังหวัด"), "Provincial public health office"
    ),
    Role.PROVINCE_SOCIAL_DEVELOPMENT: _province_agency(
        gettext_noop("สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด"),
        "Provincial social development and human security office",
    ),
    Role.PROVINCE_EDUCATION: _province_agency(
        gettext_noop("สำนักงานศึกษาธิการจังหวัด"), "Provincial education office"
    ),
    Role.PROVINCE_COMMUNITY_DEVELOPMENT: _province_agency(
        gettext_noop("สำนักงานพัฒนาชุมชนจังหวัด"), "Provincial community development office"
    ),
    Role.PROVINCE_OFFICE: _province_agency(gettext_noop("สำนักงานจังหวัด"), "Provincial office"),
    Role.BANGKOK_GOVERNOR: RoleInfo(
        gettext_noop("ผู้ว่าราชการกรุงเทพมหานคร/ผู้ดูแลระบบ"),
        "Bangkok governor / administrator",
        1,
        ("province",),
        True,
        bangkok=True,
    ),
    Role.BANGKOK_BUREAU: RoleInfo(
        gettext_noop("สำนักของกรุงเทพมหานคร"), "Bangkok bureau", 2, ("province",), bangkok=True
    ),
    Role.BANGKOK_DISTRICT: RoleInfo(
        gettext_noop("สำนักงานเขต"), "Bangkok district office", 3, ("district",), bangkok=True
    ),
    Role.DISTRICT_CHIEF: RoleInfo(
        gettext_noop("นายอำเภอ"), "District chief", 3, ("district",), bangkok=False
    ),
    Role.DISTRICT_COMMUNITY_DEVELOPMENT: RoleInfo(
        gettext_noop("พัฒนาการอำเภอ"),
        "District community development officer",
        3,
        ("district",),
        bangkok=False,
    ),
    Role.OPERATIONS_TEAM: RoleInfo(
        gettext_noop("ทีมปฏิบัติการ"), "Operations team", 4, ("district", "subdistrict"), bangkok=None
    ),
    Role.MENTOR: RoleInfo(
        gettext_noop("พี่เลี้ยง"), "Mentor", 4, ("district", "subdistrict"), bangkok=None
    ),
}

ROLE_CHOICES: list[tuple[str, Any]] = [(r.value, gettext_lazy(ROLES[r].name_th)) for r in Role]


def role_info(role: str) -> RoleInfo:
    return ROLES[Role(role)]


def area_error(role: str, area_code: str) -> str | None:
    """Why ``area_code`` cannot be the area of an account with ``role`` (None when it can)."""
    info = role_info(role)
    level = areas.level_of(area_code)
    if level is None or level not in info.levels:
        return _("รหัสพื้นที่ไม่ตรงกับระดับของบทบาทนี้")
    if level != "country" and areas.admin_area(area_code) is None:
        return _("ไม่พบรหัสพื้นที่นี้ในทะเบียนพื้นที่")
    if info.bangkok is True and not area_code.startswith("10"):
        return _("บทบาทนี้ใช้กับกรุงเทพมหานครเท่านั้น")
    if info.bangkok is False and area_code.startswith("10"):
        return _("กรุงเทพมหานครใช้บทบาทของกรุงเทพมหานคร")
    return None
