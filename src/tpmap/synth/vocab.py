"""Thai vocabularies for synthetic records: person names (Faker's th_TH lists, read once),
village-name words, occupations, hospitals and paying agencies."""

from __future__ import annotations

from functools import cache

import numpy as np
import pyarrow as pa

from tpmap.warehouse.build import sources as contract


@cache
def first_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(male, female) Thai first names."""
    from faker.providers.person.th_TH import Provider

    return tuple(Provider.first_names_male), tuple(Provider.first_names_female)


@cache
def last_names() -> tuple[str, ...]:
    from faker.providers.person.th_TH import Provider

    return tuple(Provider.last_names)


@cache
def first_name_dictionary() -> pa.Array:
    """Male names followed by female names (indices < len(male) are male)."""
    male, female = first_names()
    return pa.array(list(male) + list(female), type=pa.string())


TITLES: tuple[str, ...] = ("นาย", "นาง", "นางสาว", "เด็กชาย", "เด็กหญิง")
T_MR, T_MRS, T_MISS, T_BOY, T_GIRL = range(5)

RELATIONS: tuple[str, ...] = contract.RELATIONS  # index constants below follow its order
R_HEAD, R_SPOUSE, R_CHILD, R_PARENT, R_RELATIVE, R_OTHER = range(6)

EDUCATION: tuple[str, ...] = contract.EDUCATION
(
    E_NONE,
    E_PRE,
    E_PRIMARY,
    E_LOWER,
    E_UPPER,
    E_VOC,
    E_DIPLOMA,
    E_BACHELOR,
    E_HIGHER,
) = range(9)

OCCUPATIONS: tuple[str, ...] = (
    "ทำนา",
    "ทำไร่",
    "ทำสวน",
    "เลี้ยงสัตว์",
    "ประมง",
    "รับจ้างทั่วไป",
    "ค้าขาย",
    "ธุรกิจส่วนตัว",
    "พนักงานบริษัท",
    "ลูกจ้างโรงงาน",
    "รับราชการ",
    "พนักงานรัฐวิสาหกิจ",
    "นักเรียน/นักศึกษา",
    "แม่บ้าน",
    "ไม่มีอาชีพ",
    "ว่างงาน",
)
#: Farming occupations (the first five; core/data/farming_occupations.toml lists them too).
O_FARMING = tuple(OCCUPATIONS.index(o) for o in ("ทำนา", "ทำไร่", "ทำสวน", "เลี้ยงสัตว์", "ประมง"))
O_STUDENT = OCCUPATIONS.index("นักเรียน/นักศึกษา")
O_NONE = OCCUPATIONS.index("ไม่มีอาชีพ")
O_UNEMPLOYED = OCCUPATIONS.index("ว่างงาน")
O_HOMEMAKER = OCCUPATIONS.index("แม่บ้าน")
O_CIVIL = OCCUPATIONS.index("รับราชการ")
O_SOE = OCCUPATIONS.index("พนักงานรัฐวิสาหกิจ")
O_COMPANY = OCCUPATIONS.index("พนักงานบริษัท")
O_FACTORY = OCCUPATIONS.index("ลูกจ้างโรงงาน")
# Working-age occupation weights (the first 12 entries) for rural and urban areas.
WORK_WEIGHTS_RURAL = np.array([28, 10, 10, 4, 2, 20, 9, 4, 4, 4, 3, 1], dtype=np.float64)
WORK_WEIGHTS_URBAN = np.array([2, 1, 2, 1, 1, 20, 16, 9, 25, 15, 6, 2], dtype=np.float64)

TENURES: tuple[str, ...] = ("own", "rent", "relative", "public", "other")
SCHEMES: tuple[str, ...] = ("UCS", "SSS", "CSMBS", "LGO", "other")
ALLOWANCE_KINDS: tuple[str, ...] = ("elderly", "disabled", "hiv")

# Village names: บ้าน + a landscape word + one or two qualifiers (หนองบัว, โนนสูง, ดอนแดง,
# คลองเหมืองใหม่ ...).
VILLAGE_HEADS: tuple[str, ...] = (
    "หนอง",
    "โนน",
    "ดอน",
    "คลอง",
    "นา",
    "ห้วย",
    "โคก",
    "ท่า",
    "บึง",
    "ป่า",
    "สวน",
    "วัง",
    "ทุ่ง",
    "เหมือง",
    "แม่",
    "ปาก",
    "บาง",
    "ไร่",
    "หัว",
    "ดง",
    "บ่อ",
    "ซับ",
    "เขา",
    "หาด",
    "ควน",
    "ศรี",
    "กุด",
    "ลำ",
    "สระ",
    "คุ้ม",
)
VILLAGE_TAILS: tuple[str, ...] = (
    "บัว",
    "สูง",
    "แดง",
    "ใหม่",
    "ยาง",
    "ขาม",
    "ม่วง",
    "ตาล",
    "ใหญ่",
    "น้อย",
    "ทอง",
    "หลวง",
    "ไผ่",
    "แก้ว",
    "คำ",
    "ดู่",
    "จาน",
    "กระทุ่ม",
    "โพธิ์",
    "ตะเคียน",
    "มะม่วง",
    "สะแก",
    "เหมือง",
    "ช้าง",
    "เสือ",
    "หิน",
    "ทราย",
    "งาม",
    "สว่าง",
    "เจริญ",
    "สำราญ",
    "พัฒนา",
    "ขี้เหล็ก",
    "กอก",
    "เต่า",
    "ปลาดุก",
)
VILLAGE_SUFFIXES: tuple[str, ...] = ("ใหม่", "เหนือ", "ใต้", "กลาง", "ตะวันออก", "พัฒนา")


def village_names(village_codes: np.ndarray) -> list[str]:
    """A Thai village name for each 8-digit village code (as integers), stable per code
    (a function of the code alone, not of the seed). One entry per village, not per row."""
    from tpmap.synth.ids import mix

    h = mix(village_codes.astype(np.uint64), 0x5EED)
    heads = (h % np.uint64(len(VILLAGE_HEADS))).astype(np.int64)
    tails = ((h >> np.uint64(16)) % np.uint64(len(VILLAGE_TAILS))).astype(np.int64)
    extra = ((h >> np.uint64(32)) % np.uint64(100)).astype(np.int64)
    sufs = ((h >> np.uint64(40)) % np.uint64(len(VILLAGE_SUFFIXES))).astype(np.int64)
    out = []
    for hd, tl, ex, sf in zip(
        heads.tolist(), tails.tolist(), extra.tolist(), sufs.tolist(), strict=True
    ):
        name = "บ้าน" + VILLAGE_HEADS[hd] + VILLAGE_TAILS[tl]
        if ex < 18 and VILLAGE_SUFFIXES[sf] != VILLAGE_TAILS[tl]:
            name += VILLAGE_SUFFIXES[sf]
        out.append(name)
    return out
