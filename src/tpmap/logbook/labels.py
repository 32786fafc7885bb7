"""Thai labels of the warehouse's codes (CONTRACTS.md section 1) for the pages."""

from __future__ import annotations

EDUCATION = {
    "none": "ไม่ได้รับการศึกษา",
    "pre_primary": "ก่อนประถมศึกษา",
    "primary": "ประถมศึกษา",
    "lower_secondary": "มัธยมศึกษาตอนต้น",
    "upper_secondary": "มัธยมศึกษาตอนปลาย",
    "vocational": "ประกาศนียบัตรวิชาชีพ (ปวช.)",
    "diploma": "อนุปริญญา/ปวส.",
    "bachelor": "ปริญญาตรี",
    "higher": "สูงกว่าปริญญาตรี",
}
RELATION = {
    "head": "หัวหน้าครัวเรือน",
    "spouse": "คู่สมรส",
    "child": "บุตร",
    "parent": "บิดา/มารดา",
    "relative": "ญาติ",
    "other": "ผู้อาศัย",
}
SEX = {"M": "ชาย", "F": "หญิง"}
TENURE = {
    "own": "บ้านของตนเอง",
    "rent": "บ้านเช่า",
    "relative": "อาศัยบ้านญาติ/ผู้อื่น",
    "public": "ที่สาธารณะ/ที่ของรัฐ",
    "other": "อื่น ๆ",
}
HEALTH_SCHEME = {
    "UCS": "สิทธิหลักประกันสุขภาพแห่งชาติ",
    "SSS": "สิทธิประกันสังคม",
    "CSMBS": "สิทธิสวัสดิการรักษาพยาบาลข้าราชการ",
    "LGO": "สิทธิสวัสดิการรักษาพยาบาล อปท.",
    "other": "สิทธิอื่น ๆ",
}
ALLOWANCE = {
    "elderly": "เบี้ยยังชีพผู้สูงอายุ",
    "disabled": "เบี้ยความพิการ",
    "hiv": "เบี้ยยังชีพผู้ป่วยเอดส์",
}
DISABILITY = {
    1: "ทางการเห็น",
    2: "ทางการได้ยินหรือสื่อความหมาย",
    3: "ทางการเคลื่อนไหวหรือทางร่างกาย",
    4: "ทางจิตใจหรือพฤติกรรม",
    5: "ทางสติปัญญา",
    6: "ทางการเรียนรู้",
    7: "ออทิสติก",
}
DIMENSION_ICONS = {
    "health": "❤",
    "living": "⌂",
    "education": "✎",
    "income": "฿",
    "access": "☎",
}


def label(mapping: dict[str, str], code: str | None, default: str = "ไม่มีข้อมูล") -> str:
    if code is None or code == "":
        return default
    return mapping.get(code, code)
