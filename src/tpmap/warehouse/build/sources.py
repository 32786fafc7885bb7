"""Source file schemas (CONTRACTS.md section 1) and their row rules, as data.

Each source lists its contract columns, the columns its header must have, the row checks in
the order they are tried (the first that holds names the reject reason, see
docs/reject-reasons.md) and the typed columns of an accepted row. Checks are SQL conditions
over the raw text columns (trimmed, empty = NULL) that are TRUE when the row is bad.
Cross-row rules (duplicates, questionnaire of the year, unknown household, one head) are
steps of the build, in sql/.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tpmap.core.contract import CORRECTION_COLUMNS, PERSON_FIELDS
from tpmap.core.indicators import INDICATOR_COUNTS, MAX_INDICATORS, QUESTIONNAIRES
from tpmap.warehouse.engine import quote_ident, sql_literal
from tpmap.warehouse.layout import REGISTRY_NAMES

IND_COLUMNS: tuple[str, ...] = tuple(f"ind_{i:02d}" for i in range(1, MAX_INDICATORS + 1))
TENURES = ("own", "rent", "relative", "public", "other")
SEXES = ("M", "F")
RELATIONS = ("head", "spouse", "child", "parent", "relative", "other")
EDUCATION = (
    "none",
    "pre_primary",
    "primary",
    "lower_secondary",
    "upper_secondary",
    "vocational",
    "diploma",
    "bachelor",
    "higher",
)
CARD_STATUSES = ("active", "revoked")
ALLOWANCE_KINDS = ("elderly", "disabled", "hiv")
SCHEMES = ("UCS", "SSS", "CSMBS", "LGO", "other")
CORRECTION_KINDS = ("moved_out", "deceased", "not_poor", "not_found", "wrong_data")
TRUE_WORDS = ("1", "true", "y")
FALSE_WORDS = ("0", "false", "n")


def c(name: str) -> str:
    return quote_ident(name)


def _in_list(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(sql_literal(v) for v in values) + ")"


def missing(col: str) -> str:
    return f"{c(col)} IS NULL"


def _wrong(col: str, bad: str, *, required: bool = False) -> str:
    """A value of ``col`` for which ``bad`` holds; when ``required``, no value too."""
    return f"({c(col)} IS NULL OR {bad})" if required else f"({c(col)} IS NOT NULL AND {bad})"


def not_in(col: str, values: tuple[str, ...], *, nocase: bool = False) -> str:
    expr = f"lower({c(col)})" if nocase else c(col)
    vals = tuple(v.lower() for v in values) if nocase else values
    return _wrong(col, f"{expr} NOT IN {_in_list(vals)}")


def not_amount(col: str, *, required: bool = False) -> str:
    """Not a non-negative decimal number (no sign, exponent or thousands separator)."""
    return _wrong(col, f"NOT regexp_full_match({c(col)}, '[0-9]+(\\.[0-9]*)?')", required=required)


def not_int_between(col: str, lo: int, hi: int) -> str:
    """Not a whole number in [lo, hi]. A whole number written as a decimal (``45.0``: a
    Parquet DOUBLE column read as text) is whole; ``45.5`` is not."""
    return _wrong(
        col,
        f"NOT (regexp_full_match({c(col)}, '[0-9]{{1,4}}(\\.0*)?') "
        f"AND {as_whole(col)} BETWEEN {lo} AND {hi})",
    )


def as_whole(col: str) -> str:
    """A whole number given as ``45`` or ``45.0`` (checked by ``not_int_between``)."""
    return f"TRY_CAST(TRY_CAST({c(col)} AS DOUBLE) AS INTEGER)"


def not_integer(col: str) -> str:
    return _wrong(col, f"NOT regexp_full_match({c(col)}, '[0-9]{{1,9}}')")


def not_date(col: str) -> str:
    return _wrong(
        col,
        f"NOT (regexp_full_match({c(col)}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')"
        f" AND try_cast({c(col)} AS DATE) IS NOT NULL)",
    )


def not_bool(col: str) -> str:
    return not_in(col, TRUE_WORDS + FALSE_WORDS, nocase=True)


#: The NID column's number (TRY_CAST(nid AS BIGINT)), which the row checks of a source with
#: a ``nid`` column are given beside its text (validation.check; macros.sql nid_valid_as).
NID_NUMBER = "_nid_number"


def not_nid(col: str, *, required: bool = False) -> str:
    assert col == "nid", "the row checks cast only the nid column (NID_NUMBER)"
    return _wrong(col, f"NOT nid_valid_as({c(col)}, {NID_NUMBER})", required=required)


def not_village(col: str, *, required: bool = True) -> str:
    bad = (
        f"NOT (regexp_full_match({c(col)}, '[0-9]{{8}}') AND substr({c(col)}, 7, 2) <> '00' "
        f"AND substr({c(col)}, 1, 6) IN (SELECT code FROM ref_subdistrict))"
    )
    return _wrong(col, bad, required=required)


def not_indicator(col: str) -> str:
    return _wrong(col, f"{c(col)} NOT IN ('0', '1', '0.0', '1.0')")


def as_bool(col: str) -> str:
    return (
        f"CASE WHEN lower({c(col)}) IN {_in_list(TRUE_WORDS)} THEN TRUE "
        f"WHEN lower({c(col)}) IN {_in_list(FALSE_WORDS)} THEN FALSE END"
    )


# Typed values are computed in the same pass as the checks, for bad rows too, so they use
# TRY_CAST; only rows that pass every check are ever read as typed.
def as_double(col: str) -> str:
    return f"TRY_CAST({c(col)} AS DOUBLE)"


def as_date(col: str) -> str:
    return f"TRY_CAST({c(col)} AS DATE)"


def as_int(col: str) -> str:
    return f"TRY_CAST({c(col)} AS INTEGER)"


def as_indicator(col: str) -> str:
    # An indicator may arrive as 1 or 1.0 (Parquet DOUBLE); it is stored as 0/1/NULL.
    return f"TRY_CAST(TRY_CAST({c(col)} AS DOUBLE) AS TINYINT)"


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    required: bool
    columns: tuple[str, ...]
    header_required: tuple[str, ...]
    checks: tuple[tuple[str, str], ...]
    # How a column is typed when it is not read as text: {column: SQL expression}.
    casts: Mapping[str, str] = field(default_factory=dict)
    # Columns of which at least one must be in the header (birth_date or age).
    header_any_of: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def typed(self) -> tuple[tuple[str, str], ...]:
        """Every column with its typed expression, in the source's column order."""
        return tuple((col, self.casts.get(col, col)) for col in self.columns)


_COORDS_BAD = (
    "((latitude IS NULL) <> (longitude IS NULL)) OR (latitude IS NOT NULL AND NOT ("
    "regexp_full_match(latitude, '-?[0-9]+(\\.[0-9]*)?') AND "
    "regexp_full_match(longitude, '-?[0-9]+(\\.[0-9]*)?') AND "
    "TRY_CAST(latitude AS DOUBLE) BETWEEN 5.6 AND 20.5 AND "
    "TRY_CAST(longitude AS DOUBLE) BETWEEN 97.3 AND 105.7))"
)

BMN_HOUSEHOLD = Source(
    name="bmn_household",
    required=True,
    columns=(
        "household_id",
        "village_code",
        "village_name",
        "house_no",
        "questionnaire",
        *IND_COLUMNS,
        "income_total",
        "debt_formal",
        "debt_informal",
        "savings",
        "house_tenure",
        "latitude",
        "longitude",
        "surveyed_on",
    ),
    header_required=("household_id", "village_code", "questionnaire", "income_total"),
    checks=(
        ("missing_household_id", missing("household_id")),
        ("bad_village_code", not_village("village_code")),
        (
            "bad_questionnaire",
            f"(questionnaire IS NULL OR {not_in('questionnaire', QUESTIONNAIRES)})",
        ),
        ("bad_indicator", " OR ".join(not_indicator(col) for col in IND_COLUMNS)),
        (
            "indicator_out_of_range",
            "(questionnaire = '2560' AND NOT ("
            + " AND ".join(f"{c(col)} IS NULL" for col in IND_COLUMNS[INDICATOR_COUNTS["2560"] :])
            + "))",
        ),
        ("bad_income", not_amount("income_total", required=True)),
        (
            "bad_money",
            " OR ".join(not_amount(col) for col in ("debt_formal", "debt_informal", "savings")),
        ),
        ("bad_tenure", not_in("house_tenure", TENURES)),
        ("bad_coordinates", _COORDS_BAD),
        ("bad_date", not_date("surveyed_on")),
    ),
    casts={
        **{col: as_indicator(col) for col in IND_COLUMNS},
        "income_total": as_double("income_total"),
        "debt_formal": as_double("debt_formal"),
        "debt_informal": as_double("debt_informal"),
        "savings": as_double("savings"),
        "latitude": as_double("latitude"),
        "longitude": as_double("longitude"),
        "surveyed_on": as_date("surveyed_on"),
    },
)

BMN_PERSON = Source(
    name="bmn_person",
    required=True,
    columns=(
        "household_id",
        *PERSON_FIELDS,
        "relation",
        "education",
        "occupation",
        "income_year",
        "is_disabled",
        "is_chronic_patient",
        "self_reliant",
    ),
    header_required=("household_id", "nid", "first_name", "last_name", "sex", "relation"),
    header_any_of=(("birth_date", "age"),),
    checks=(
        (
            "unknown_household",
            "(household_id IS NULL OR household_id NOT IN (SELECT household_id FROM stg_bmn_household))",
        ),
        ("bad_nid", not_nid("nid")),
        ("missing_name", f"({missing('first_name')} OR {missing('last_name')})"),
        ("bad_sex", not_in("sex", SEXES)),
        ("bad_age", not_int_between("age", 0, 130)),
        (
            "bad_birth_date",
            f"({not_date('birth_date')} OR (birth_date IS NULL AND age IS NULL) OR "
            "(birth_date IS NOT NULL AND try_cast(birth_date AS DATE) > $today))",
        ),
        ("bad_relation", not_in("relation", RELATIONS)),
        ("bad_education", not_in("education", EDUCATION)),
        ("bad_income", not_amount("income_year")),
        (
            "bad_boolean",
            " OR ".join(
                not_bool(col) for col in ("is_disabled", "is_chronic_patient", "self_reliant")
            ),
        ),
    ),
    casts={
        "birth_date": as_date("birth_date"),
        "age": as_whole("age"),
        "income_year": as_double("income_year"),
        "is_disabled": as_bool("is_disabled"),
        "is_chronic_patient": as_bool("is_chronic_patient"),
        "self_reliant": as_bool("self_reliant"),
    },
)

WELFARE_CARD = Source(
    name="welfare_card",
    required=False,
    columns=("nid", "registered_round", "status", "monthly_benefit", "village_code"),
    header_required=("nid", "status"),
    checks=(
        ("bad_nid", not_nid("nid", required=True)),
        ("bad_status", f"(status IS NULL OR {not_in('status', CARD_STATUSES)})"),
        ("bad_round", not_integer("registered_round")),
        ("bad_money", not_amount("monthly_benefit")),
        ("bad_village_code", not_village("village_code", required=False)),
    ),
    casts={
        "registered_round": as_int("registered_round"),
        "monthly_benefit": as_double("monthly_benefit"),
    },
)

ALLOWANCE = Source(
    name="allowance",
    required=False,
    columns=("nid", "kind", "monthly_amount", "paying_agency"),
    header_required=("nid", "kind"),
    checks=(
        ("bad_nid", not_nid("nid", required=True)),
        ("bad_kind", f"(kind IS NULL OR {not_in('kind', ALLOWANCE_KINDS)})"),
        ("bad_money", not_amount("monthly_amount")),
    ),
    casts={
        "monthly_amount": as_double("monthly_amount"),
    },
)

DISABILITY = Source(
    name="disability",
    required=False,
    columns=("nid", "disability_type", "card_issued_on"),
    header_required=("nid", "disability_type"),
    checks=(
        ("bad_nid", not_nid("nid", required=True)),
        (
            "bad_disability_type",
            f"(disability_type IS NULL OR {not_in('disability_type', tuple('1234567'))})",
        ),
        ("bad_date", not_date("card_issued_on")),
    ),
    casts={
        "disability_type": as_int("disability_type"),
        "card_issued_on": as_date("card_issued_on"),
    },
)

HEALTH_COVERAGE = Source(
    name="health_coverage",
    required=False,
    columns=("nid", "scheme", "main_hospital_code", "main_hospital_name"),
    header_required=("nid", "scheme"),
    checks=(
        ("bad_nid", not_nid("nid", required=True)),
        ("bad_scheme", f"(scheme IS NULL OR {not_in('scheme', SCHEMES)})"),
        (
            "bad_hospital_code",
            "(main_hospital_code IS NOT NULL AND NOT regexp_full_match(main_hospital_code, '[0-9]{5}'))",
        ),
    ),
)

LOGBOOK_PERSON = Source(
    name="logbook_person",
    required=False,
    columns=(
        *PERSON_FIELDS,
        "village_code",
        "added_on",
        "record_id",
        "household_id",
        "reason",
        "approved_on",
    ),
    header_required=("nid", "first_name", "last_name", "village_code"),
    checks=(
        ("bad_nid", not_nid("nid")),
        ("missing_name", f"({missing('first_name')} OR {missing('last_name')})"),
        ("bad_village_code", not_village("village_code")),
        ("bad_sex", not_in("sex", SEXES)),
        ("bad_age", not_int_between("age", 0, 130)),
        ("bad_birth_date", not_date("birth_date")),
        ("bad_date", f"({not_date('added_on')} OR {not_date('approved_on')})"),
    ),
    casts={
        "birth_date": as_date("birth_date"),
        "age": as_whole("age"),
        "added_on": as_date("added_on"),
        "approved_on": as_date("approved_on"),
    },
)

FARMER_REGISTRY = Source(
    name="farmer_registry",
    required=False,
    columns=("nid", "registered_on", "farm_area_rai"),
    header_required=("nid",),
    checks=(
        ("bad_nid", not_nid("nid", required=True)),
        ("bad_date", not_date("registered_on")),
        ("bad_farm_area", not_amount("farm_area_rai")),
    ),
    casts={
        "registered_on": as_date("registered_on"),
        "farm_area_rai": as_double("farm_area_rai"),
    },
)

# Sources written by the Logbook (CONTRACTS.md section 1): each row carries the Logbook's
# record_id, so a record exported twice is applied once (the later copies are rejected as
# duplicate_record_id). Rows naming a household or member the year does not have are
# accepted and counted in the build report as matching nothing, not rejected: the row is
# well formed, the survey changed.
LOGBOOK_CORRECTION = Source(
    name="logbook_correction",
    required=False,
    columns=CORRECTION_COLUMNS,
    header_required=("record_id", "household_id", "kind"),
    checks=(
        ("missing_record_id", missing("record_id")),
        ("missing_household_id", missing("household_id")),
        ("bad_member_no", not_integer("member_no")),
        ("bad_correction_kind", f"(kind IS NULL OR {not_in('kind', CORRECTION_KINDS)})"),
        ("bad_date", f"({not_date('effective_on')} OR {not_date('approved_on')})"),
    ),
    casts={
        "member_no": "TRY_CAST(member_no AS BIGINT)",
        "effective_on": as_date("effective_on"),
        "approved_on": as_date("approved_on"),
    },
)

LOGBOOK_ASSESSMENT = Source(
    name="logbook_assessment",
    required=False,
    columns=("record_id", "household_id", "assessed_on", *IND_COLUMNS, "approved_on"),
    header_required=("record_id", "household_id", "assessed_on"),
    checks=(
        ("missing_record_id", missing("record_id")),
        ("missing_household_id", missing("household_id")),
        (
            "bad_date",
            f"(assessed_on IS NULL OR {not_date('assessed_on')} OR {not_date('approved_on')})",
        ),
        ("bad_indicator", " OR ".join(not_indicator(col) for col in IND_COLUMNS)),
        # The year's questionnaire ($q, from bmn_household) bounds the items asked.
        (
            "indicator_out_of_range",
            "($q = '2560' AND NOT ("
            + " AND ".join(f"{c(col)} IS NULL" for col in IND_COLUMNS[INDICATOR_COUNTS["2560"] :])
            + "))",
        ),
    ),
    casts={
        "assessed_on": as_date("assessed_on"),
        **{col: as_indicator(col) for col in IND_COLUMNS},
        "approved_on": as_date("approved_on"),
    },
)

#: Sources keyed by the Logbook's record_id (a repeated id is rejected, the first is kept).
RECORD_SOURCES: tuple[str, ...] = ("logbook_correction", "logbook_assessment")

SOURCES: tuple[Source, ...] = (
    BMN_HOUSEHOLD,
    BMN_PERSON,
    WELFARE_CARD,
    ALLOWANCE,
    DISABILITY,
    HEALTH_COVERAGE,
    LOGBOOK_PERSON,
    FARMER_REGISTRY,
    LOGBOOK_CORRECTION,
    LOGBOOK_ASSESSMENT,
)
REGISTRIES: tuple[str, ...] = REGISTRY_NAMES

# Reason messages, Thai first (officers read the rejects), English for operators.
REASONS: dict[str, tuple[str, str]] = {
    "missing_household_id": ("ไม่มีรหัสบ้าน", "household_id is empty"),
    "duplicate_household_id": ("รหัสบ้านซ้ำกับแถวก่อนหน้า", "household_id repeats an earlier row"),
    "bad_village_code": (
        "รหัสหมู่บ้านไม่ถูกต้อง (ต้องเป็นรหัสตำบล 6 หลักที่มีอยู่จริง + หมู่ 01-99)",
        "village_code is not a known subdistrict code + 2-digit หมู่ 01-99",
    ),
    "bad_questionnaire": ("แบบสอบถามต้องเป็น 2560 หรือ 2566", "questionnaire must be 2560 or 2566"),
    "questionnaire_mismatch": (
        "แบบสอบถามไม่ตรงกับแถวแรกของปี",
        "questionnaire differs from the year's first row",
    ),
    "bad_indicator": ("ค่าตัวชี้วัดต้องเป็น 0, 1 หรือว่าง", "an indicator must be 0, 1 or empty"),
    "indicator_out_of_range": (
        "มีค่าตัวชี้วัดเกินจำนวนข้อของแบบสอบถาม",
        "an indicator beyond the questionnaire's count has a value",
    ),
    "bad_income": ("รายได้ต้องเป็นตัวเลขไม่ติดลบ", "income must be a number >= 0"),
    "bad_money": ("จำนวนเงินต้องเป็นตัวเลขไม่ติดลบ", "amounts must be numbers >= 0"),
    "bad_tenure": ("สถานะการครอบครองบ้านไม่ถูกต้อง", "house_tenure is not a known value"),
    "bad_coordinates": (
        "พิกัดไม่ถูกต้องหรืออยู่นอกประเทศไทย",
        "latitude/longitude missing one, not numbers, or outside Thailand",
    ),
    "bad_date": ("วันที่ต้องอยู่ในรูปแบบ ปปปป-ดด-วว (ค.ศ.)", "date must be ISO YYYY-MM-DD"),
    "unknown_household": (
        "ไม่พบรหัสบ้านนี้ในข้อมูลครัวเรือน",
        "household_id is not an accepted household",
    ),
    "bad_nid": ("เลขประจำตัวประชาชนไม่ถูกต้อง", "national ID is not 13 digits with a valid checksum"),
    "missing_name": ("ไม่มีชื่อหรือนามสกุล", "first_name or last_name is empty"),
    "bad_sex": ("เพศต้องเป็น M หรือ F", "sex must be M or F"),
    "bad_age": (
        "อายุต้องเป็นจำนวนเต็ม 0-130 (45 หรือ 45.0)",
        "age must be a whole number 0-130 (45 or 45.0)",
    ),
    "bad_birth_date": (
        "วันเกิดไม่ถูกต้อง อยู่ในอนาคต หรือไม่มีทั้งวันเกิดและอายุ",
        "birth_date invalid, in the future, or neither birth_date nor age given",
    ),
    "bad_relation": ("ความสัมพันธ์ในครัวเรือนไม่ถูกต้อง", "relation is not a known value"),
    "bad_education": ("ระดับการศึกษาไม่ถูกต้อง", "education is not a known value"),
    "bad_boolean": ("ค่าใช่/ไม่ใช่ไม่ถูกต้อง", "a yes/no value is not 1/0, true/false or y/n"),
    "duplicate_nid": (
        "เลขประจำตัวประชาชนซ้ำ (เก็บรายการแรกไว้)",
        "national ID already seen; the first is kept",
    ),
    "duplicate_head": (
        "หัวหน้าครัวเรือนมากกว่า 1 คน (เก็บคนแรกไว้)",
        "a second head in the household; the first is kept",
    ),
    "bad_status": ("สถานะบัตรต้องเป็น active หรือ revoked", "status must be active or revoked"),
    "bad_round": ("รอบการลงทะเบียนต้องเป็นตัวเลข", "registered_round must be an integer"),
    "bad_kind": ("ประเภทเบี้ยยังชีพไม่ถูกต้อง", "kind must be elderly, disabled or hiv"),
    "bad_disability_type": ("ประเภทความพิการต้องเป็น 1-7", "disability_type must be 1-7"),
    "bad_scheme": ("สิทธิการรักษาไม่ถูกต้อง", "scheme must be UCS, SSS, CSMBS, LGO or other"),
    "bad_hospital_code": ("รหัสหน่วยบริการต้องเป็นตัวเลข 5 หลัก", "main_hospital_code must be 5 digits"),
    "bad_farm_area": ("พื้นที่ถือครอง (ไร่) ต้องเป็นตัวเลขไม่ติดลบ", "farm_area_rai must be a number >= 0"),
    "missing_record_id": ("ไม่มีรหัสรายการ (record_id)", "record_id is empty"),
    "duplicate_record_id": (
        "รหัสรายการซ้ำกับแถวก่อนหน้า (เก็บแถวแรกไว้)",
        "record_id repeats an earlier row; the first is kept",
    ),
    "bad_member_no": ("ลำดับสมาชิกต้องเป็นจำนวนเต็มไม่ติดลบ", "member_no must be an integer >= 0"),
    "bad_correction_kind": (
        "ประเภทการแก้ไขต้องเป็น moved_out, deceased, not_poor, not_found หรือ wrong_data",
        "kind must be moved_out, deceased, not_poor, not_found or wrong_data",
    ),
    # Records of a CSV the engine could not read as it is (build/csv_repair.py).
    "bad_encoding": (
        "แถวมีอักขระที่ไม่ใช่ UTF-8 (หรือ Windows-874)",
        "the row has bytes that are not UTF-8 (nor Windows-874)",
    ),
    "line_too_long": (
        "แถวยาวเกิน 1 MB ไม่ใช่ข้อมูลหนึ่งแถว",
        "the line is longer than 1 MB: not a row",
    ),
    "too_many_fields": (
        "แถวมีจำนวนช่องมากกว่าหัวตาราง",
        "the row has more fields than the header",
    ),
    "bad_csv_row": (
        "แถวไม่ใช่ CSV ที่ถูกต้อง (เครื่องหมายคำพูดหรือการขึ้นบรรทัดผิดที่)",
        "the row is not valid CSV (a stray quote or line break)",
    ),
}


def by_name(name: str) -> Source:
    for s in SOURCES:
        if s.name == name:
            return s
    raise KeyError(name)
