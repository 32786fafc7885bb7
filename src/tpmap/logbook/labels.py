"""Thai labels of the warehouse's codes (CONTRACTS.md section 1) for the pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_noop

EDUCATION = {
    "none": gettext_noop("ไม่ได้รับการศึกษา"),
    "pre_primary": gettext_noop("ก่อนประถมศึกษา"),
    "primary": gettext_noop("ประถมศึกษา"),
    "lower_secondary": gettext_noop("มัธยมศึกษาตอนต้น"),
    "upper_secondary": gettext_noop("มัธยมศึกษาตอนปลาย"),
    "vocational": gettext_noop("ประกาศนียบัตรวิชาชีพ (ปวช.)"),
    "diploma": gettext_noop("อนุปริญญา/ปวส."),
    "bachelor": gettext_noop("ปริญญาตรี"),
    "higher": gettext_noop("สูงกว่าปริญญาตรี"),
}
RELATION = {
    "head": gettext_noop("หัวหน้าครัวเรือน"),
    "spouse": gettext_noop("คู่สมรส"),
    "child": gettext_noop("บุตร"),
    "parent": gettext_noop("บิดา/มารดา"),
    "relative": gettext_noop("ญาติ"),
    "other": gettext_noop("ผู้อาศัย"),
}
SEX = {"M": gettext_noop("ชาย"), "F": gettext_noop("หญิง")}
TENURE = {
    "own": gettext_noop("บ้านของตนเอง"),
    "rent": gettext_noop("บ้านเช่า"),
    "relative": gettext_noop("อาศัยบ้านญาติ/ผู้อื่น"),
    "public": gettext_noop("ที่สาธารณะ/ที่ของรัฐ"),
    "other": gettext_noop("อื่น ๆ"),
}
HEALTH_SCHEME = {
    "UCS": gettext_noop("สิทธิหลักประกันสุขภาพแห่งชาติ"),
    "SSS": gettext_noop("สิทธิประกันสังคม"),
    "CSMBS": gettext_noop("สิทธิสวัสดิการรักษาพยาบาลข้าราชการ"),
    "LGO": gettext_noop("สิทธิสวัสดิการรักษาพยาบาล อปท."),
    "other": gettext_noop("สิทธิอื่น ๆ"),
}
ALLOWANCE = {
    "elderly": gettext_noop("เบี้ยยังชีพผู้สูงอายุ"),
    "disabled": gettext_noop("เบี้ยความพิการ"),
    "hiv": gettext_noop("เบี้ยยังชีพผู้ป่วยเอดส์"),
}
DISABILITY = {
    1: gettext_noop("ทางการเห็น"),
    2: gettext_noop("ทางการได้ยินหรือสื่อความหมาย"),
    3: gettext_noop("ทางการเคลื่อนไหวหรือทางร่างกาย"),
    4: gettext_noop("ทางจิตใจหรือพฤติกรรม"),
    5: gettext_noop("ทางสติปัญญา"),
    6: gettext_noop("ทางการเรียนรู้"),
    7: gettext_noop("ออทิสติก"),
}
#: Fields a ``wrong_data`` correction may give the correct value of.
HOUSEHOLD_FIELDS = {
    "house_no": gettext_noop("บ้านเลขที่"),
    "village_name": gettext_noop("ชื่อหมู่บ้าน"),
    "income_total": gettext_noop("รายได้ทั้งปี (บาท)"),
    "debt_formal": gettext_noop("หนี้ในระบบ (บาท)"),
    "debt_informal": gettext_noop("หนี้นอกระบบ (บาท)"),
    "savings": gettext_noop("เงินออม (บาท)"),
    "house_tenure": gettext_noop("การครอบครองที่อยู่อาศัย"),
}
MEMBER_FIELDS = {
    "title": gettext_noop("คำนำหน้า"),
    "first_name": gettext_noop("ชื่อ"),
    "last_name": gettext_noop("นามสกุล"),
    "sex": gettext_noop("เพศ"),
    "birth_date": gettext_noop("วันเกิด"),
    "age": gettext_noop("อายุ"),
    "relation": gettext_noop("ความสัมพันธ์กับหัวหน้าครัวเรือน"),
    "education": gettext_noop("การศึกษา"),
    "occupation": gettext_noop("อาชีพหลัก"),
}
DIMENSION_ICONS = {
    "health": "❤",
    "living": "⌂",
    "education": "✎",
    "income": "฿",
    "access": "☎",
}


def label(mapping: dict[Any, str], code: Any, default: str = gettext_noop("ไม่มีข้อมูล")) -> str:
    """The label of a code in the current language ('' code: ``default``)."""
    if code is None or code == "":
        return gettext(default)
    return gettext(mapping.get(code, str(code)))
