"""National-strategy target codes of the national M&E system (eMENSCR, docs/emenscr.md).

A project in eMENSCR is tied to a target (เป้าหมาย) of a sub-plan (แผนย่อย) of one of the
23 master plans under the 20-year National Strategy (แผนแม่บทภายใต้ยุทธศาสตร์ชาติ,
B.E. 2561-2580). Its code has 6 digits, two per level: ``MMSSTT`` -- ``MM`` the master
plan (01-23), ``SS`` the sub-plan within it (01-99), ``TT`` the target within the sub-plan
(01-99). ``110201`` reads: master plan 11 (human potential across the life course),
sub-plan 02 of it, target 01 of that sub-plan."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The 23 master plans under the National Strategy, by their two-digit number.
MASTER_PLANS: dict[str, str] = {
    "01": "ความมั่นคง",
    "02": "การต่างประเทศ",
    "03": "การเกษตร",
    "04": "อุตสาหกรรมและบริการแห่งอนาคต",
    "05": "การท่องเที่ยว",
    "06": "พื้นที่และเมืองน่าอยู่อัจฉริยะ",
    "07": "โครงสร้างพื้นฐาน ระบบโลจิสติกส์ และดิจิทัล",
    "08": "ผู้ประกอบการและวิสาหกิจขนาดกลางและขนาดย่อมยุคใหม่",
    "09": "เขตเศรษฐกิจพิเศษ",
    "10": "การปรับเปลี่ยนค่านิยมและวัฒนธรรม",
    "11": "การพัฒนาศักยภาพคนตลอดช่วงชีวิต",
    "12": "การพัฒนาการเรียนรู้",
    "13": "การเสริมสร้างให้คนไทยมีสุขภาวะที่ดี",
    "14": "ศักยภาพการกีฬา",
    "15": "พลังทางสังคม",
    "16": "เศรษฐกิจฐานราก",
    "17": "ความเสมอภาคและหลักประกันทางสังคม",
    "18": "การเติบโตอย่างยั่งยืน",
    "19": "การบริหารจัดการน้ำทั้งระบบ",
    "20": "การบริการประชาชนและประสิทธิภาพภาครัฐ",
    "21": "การต่อต้านการทุจริตและประพฤติมิชอบ",
    "22": "กฎหมายและกระบวนการยุติธรรม",
    "23": "การวิจัยและพัฒนานวัตกรรม",
}
#: The National Strategy's period: a project's fiscal year (B.E.) lies inside it.
FIRST_YEAR, LAST_YEAR = 2561, 2580
_SHAPE = re.compile(r"^[0-9]{6}$")


@dataclass(frozen=True, slots=True)
class Target:
    code: str  # MMSSTT

    @property
    def master_plan(self) -> str:
        return self.code[:2]

    @property
    def sub_plan(self) -> str:
        """The sub-plan's own code, ``MMSS``."""
        return self.code[:4]

    @property
    def master_plan_name(self) -> str:
        return MASTER_PLANS[self.master_plan]


def parse(code: str) -> Target | None:
    """The target of a well-formed code, else None: 6 ASCII digits, a master plan 01-23,
    a sub-plan and a target number from 01."""
    if not _SHAPE.match(code):
        return None
    if code[:2] not in MASTER_PLANS or code[2:4] == "00" or code[4:6] == "00":
        return None
    return Target(code)
