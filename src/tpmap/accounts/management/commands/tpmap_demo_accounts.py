"""Create (or refresh) demo accounts at several levels for the demo province and print their
user names and new passwords. For demonstrations and training only."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from tpmap.accounts.roles import Role, role_info
from tpmap.accounts.services import demo_account_upsert
from tpmap.core import areas


def demo_accounts(province: str) -> list[tuple[str, Role, str, str, str, str]]:
    """(username, role, area, first name, last name, agency) of the demo accounts."""
    prov = areas.admin_area(province)
    if prov is None or prov.level != "province":
        raise CommandError(f"ไม่พบจังหวัดรหัส {province} / unknown province {province}")
    districts = list(areas.children(province))
    d1, d2 = districts[0], districts[1] if len(districts) > 1 else districts[0]
    sub = next(areas.children(d1.code))
    p = prov.name_th
    out: list[tuple[str, Role, str, str, str, str]] = [
        ("demo.national", Role.NATIONAL_ADMIN, "TH", "ผู้ดูแล", "ระดับประเทศ", "สศช."),
    ]
    if province == "10":
        out += [
            (
                "demo.bkk",
                Role.BANGKOK_GOVERNOR,
                "10",
                "ผู้ดูแล",
                "กรุงเทพมหานคร",
                "ศาลาว่าการกรุงเทพมหานคร",
            ),
            ("demo.bkk.social", Role.BANGKOK_BUREAU, "10", "สำนัก", "พัฒนาสังคม", "สำนักพัฒนาสังคม"),
            (
                f"demo.khet.{d1.code}",
                Role.BANGKOK_DISTRICT,
                d1.code,
                "สำนักงาน",
                d1.name_th,
                f"สำนักงาน{d1.name_th}",
            ),
        ]
        return out
    out += [
        (
            f"demo.admin.{province}",
            Role.PROVINCE_ADMIN,
            province,
            "ผู้ดูแล",
            f"จังหวัด{p}",
            f"ศาลากลางจังหวัด{p}",
        ),
        (
            f"demo.health.{province}",
            Role.PROVINCE_PUBLIC_HEALTH,
            province,
            "เจ้าหน้าที่",
            "สาธารณสุข",
            f"สำนักงานสาธารณสุขจังหวัด{p}",
        ),
        (
            f"demo.social.{province}",
            Role.PROVINCE_SOCIAL_DEVELOPMENT,
            province,
            "เจ้าหน้าที่",
            "พม.",
            f"สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด{p}",
        ),
        (
            f"demo.education.{province}",
            Role.PROVINCE_EDUCATION,
            province,
            "เจ้าหน้าที่",
            "ศึกษาธิการ",
            f"สำนักงานศึกษาธิการจังหวัด{p}",
        ),
        (
            f"demo.cdd.{province}",
            Role.PROVINCE_COMMUNITY_DEVELOPMENT,
            province,
            "เจ้าหน้าที่",
            "พัฒนาชุมชน",
            f"สำนักงานพัฒนาชุมชนจังหวัด{p}",
        ),
        (
            f"demo.office.{province}",
            Role.PROVINCE_OFFICE,
            province,
            "เจ้าหน้าที่",
            "สำนักงานจังหวัด",
            f"สำนักงานจังหวัด{p}",
        ),
        (
            f"demo.chief.{d1.code}",
            Role.DISTRICT_CHIEF,
            d1.code,
            "นายอำเภอ",
            d1.name_th,
            f"ที่ว่าการอำเภอ{d1.name_th}",
        ),
        (
            f"demo.cdo.{d1.code}",
            Role.DISTRICT_COMMUNITY_DEVELOPMENT,
            d1.code,
            "พัฒนาการ",
            f"อำเภอ{d1.name_th}",
            f"สำนักงานพัฒนาชุมชนอำเภอ{d1.name_th}",
        ),
        (
            f"demo.chief.{d2.code}",
            Role.DISTRICT_CHIEF,
            d2.code,
            "นายอำเภอ",
            d2.name_th,
            f"ที่ว่าการอำเภอ{d2.name_th}",
        ),
        (
            f"demo.team.{sub.code}",
            Role.OPERATIONS_TEAM,
            sub.code,
            "ทีมปฏิบัติการ",
            f"ตำบล{sub.name_th}",
            f"ทีมปฏิบัติการตำบล{sub.name_th}",
        ),
        (
            f"demo.mentor.{sub.code}",
            Role.MENTOR,
            sub.code,
            "พี่เลี้ยง",
            f"ตำบล{sub.name_th}",
            f"อำเภอ{d1.name_th}",
        ),
    ]
    return out


class Command(BaseCommand):
    help = "สร้างบัญชีทดลองหลายระดับของจังหวัดสาธิตและพิมพ์รหัสผ่าน / create demo accounts"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", default="34", help="province code (default 34)")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = []
        with transaction.atomic():
            for username, role, area, first, last, agency in demo_accounts(options["province"]):
                _, pw = demo_account_upsert(
                    username=username,
                    role=role,
                    area_code=area,
                    first_name=first,
                    last_name=last,
                    agency=agency,
                )
                rows.append((username, pw, role_info(role).name_th, area))
        width = max(len(r[0]) for r in rows)
        self.stdout.write("บัญชีทดลอง (demo accounts) — รหัสผ่านใหม่ทุกครั้งที่สั่ง:")
        for username, pw, role_name, area in rows:
            self.stdout.write(f"  {username.ljust(width)}  {pw}  {area:<6} {role_name}")
