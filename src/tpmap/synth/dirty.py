"""Bad rows for testing validation: each is a copy of a good row of the same chunk with
exactly ONE defect, so the reason a correct build gives (docs/reject-reasons.md, first rule
broken) is unambiguous. Bad rows are added after the chunk's good rows, which keeps every
good row and every figure of the good data intact (a rejected household has no members;
a bad person row never removes a good one).

Reasons are assigned round-robin over the source's codes, continuing across chunks, so
every code appears once there are at least as many bad rows as codes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from tpmap.synth import ids
from tpmap.synth.output import schema, text_schema

# The order of docs/reject-reasons.md.
REASONS: dict[str, tuple[str, ...]] = {
    "bmn_household": (
        "missing_household_id",
        "duplicate_household_id",
        "bad_village_code",
        "bad_questionnaire",
        "questionnaire_mismatch",
        "bad_indicator",
        "indicator_out_of_range",
        "bad_income",
        "bad_money",
        "bad_tenure",
        "bad_coordinates",
        "bad_date",
    ),
    "bmn_person": (
        "unknown_household",
        "bad_nid",
        "missing_name",
        "bad_sex",
        "bad_age",
        "bad_birth_date",
        "bad_relation",
        "bad_education",
        "bad_income",
        "bad_boolean",
        "duplicate_nid",
        "duplicate_head",
    ),
    "welfare_card": ("bad_nid", "bad_status", "bad_round", "bad_money", "bad_village_code"),
    "allowance": ("bad_nid", "bad_kind", "bad_money"),
    "disability": ("bad_nid", "bad_disability_type", "bad_date", "duplicate_nid"),
    "health_coverage": ("bad_nid", "bad_scheme", "bad_hospital_code", "duplicate_nid"),
    "farmer_registry": ("bad_nid", "bad_date", "bad_farm_area", "duplicate_nid"),
}


def reasons_for(source: str, questionnaire: str) -> tuple[str, ...]:
    """The codes that can be injected: questionnaire 2566 uses all 38 indicator columns,
    so no column is out of its range."""
    codes = REASONS[source]
    if source == "bmn_household" and questionnaire == "2566":
        codes = tuple(c for c in codes if c != "indicator_out_of_range")
    return codes


@dataclass(slots=True)
class Context:
    """What a chunk's bad rows need: the questionnaire, the province (for fresh NIDs) and
    counters that keep fresh identifiers unique across chunks."""

    seed: int
    province: str
    questionnaire: str
    rng: np.random.Generator
    fresh_nids: int = 0
    fresh_households: int = 0
    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def nids(self, n: int) -> NDArray[np.int64]:
        index = (
            int(self.province) * ids.PROVINCE_SPAN
            + ids.DIRTY_BASE
            + self.fresh_nids
            + np.arange(n, dtype=np.int64)
        )
        self.fresh_nids += n
        return ids.nid_numbers(index, np.ones(n, dtype=np.int64), self.seed)


def _cycle(values: list[str | None], k: NDArray[np.int64]) -> pa.Array:
    return pa.array(values, pa.string()).take(pa.array(k % len(values)))


def _fresh_household_ids(prefix: str, start: int, n: int) -> pa.Array:
    """Ids no good household has (good ids start with a province code, 10-96)."""
    nums = pa.array(np.arange(start, start + n, dtype=np.int64)).cast(pa.string())
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(nums, 9, "0"), "")


def _bad_nid_values(ctx: Context, k: NDArray[np.int64], allow_empty: bool) -> pa.Array:
    n = k.size
    good = ctx.nids(n)
    wrong = (good // 10) * 10 + (good % 10 + 1) % 10  # a wrong check digit
    wrong_s = pa.array(wrong).cast(pa.string())
    variants = [wrong_s, pa.array(["12345"] * n), pa.array(["ABCDEFGHIJKLM"] * n)]
    if allow_empty:
        variants.append(pa.nulls(n, pa.string()))
    choice = k % len(variants)
    out = variants[0]
    for v in range(1, len(variants)):
        out = pc.if_else(pa.array(choice == v), variants[v], out)
    return out


def bad_rows(
    source: str, good: pa.Table, n_bad: int, offset: int, ctx: Context
) -> tuple[pa.Table, Counter[str]]:
    """``n_bad`` bad rows for a chunk whose good rows are ``good``; the i-th gets reason
    ``codes[(offset + i) % len(codes)]``. Returns the rows (in the source's schema) and the
    count per reason actually produced."""
    codes = reasons_for(source, ctx.questionnaire)
    if n_bad <= 0 or good.num_rows == 0:
        return good.schema.empty_table(), Counter()
    rng = ctx.rng
    reason = (offset + np.arange(n_bad, dtype=np.int64)) % len(codes)
    k = (offset + np.arange(n_bad, dtype=np.int64)) // len(codes)  # variant counter
    rows = rng.integers(0, good.num_rows, n_bad)
    base = good.take(pa.array(rows)).cast(text_schema(source))
    cols = {name: base.column(name).combine_chunks() for name in base.column_names}
    keep = np.ones(n_bad, dtype=np.bool_)

    def put(code: str, column: str, values: pa.Array | str | None) -> None:
        m = reason == codes.index(code) if code in codes else np.zeros(n_bad, np.bool_)
        if not m.any():
            return
        v = pa.scalar(values, pa.string()) if values is None or isinstance(values, str) else values
        cols[column] = pc.if_else(pa.array(m), v, cols[column])

    def is_(code: str) -> NDArray[np.bool_]:
        if code not in codes:
            return np.zeros(n_bad, np.bool_)
        out: NDArray[np.bool_] = reason == codes.index(code)
        return out

    if source == "bmn_household":
        fresh = _fresh_household_ids("00", ctx.fresh_households, n_bad)
        ctx.fresh_households += n_bad
        not_dup = ~is_("duplicate_household_id")
        cols["household_id"] = pc.if_else(pa.array(not_dup), fresh, cols["household_id"])
        put("missing_household_id", "household_id", None)
        vc = cols["village_code"]
        sub00 = pc.binary_join_element_wise(pc.utf8_slice_codeunits(vc, 0, 6), "00", "")
        put(
            "bad_village_code",
            "village_code",
            pc.if_else(
                pa.array(k % 3 == 0),
                pa.scalar("99999901"),
                pc.if_else(pa.array(k % 3 == 1), sub00, pa.scalar("3401011")),
            ),
        )
        put("bad_questionnaire", "questionnaire", _cycle(["2555", "2561", "abc"], k))
        put(
            "questionnaire_mismatch",
            "questionnaire",
            "2566" if ctx.questionnaire == "2560" else "2560",
        )
        put("bad_indicator", "ind_04", _cycle(["2", "x", "-1", "yes"], k))
        put("indicator_out_of_range", "ind_35", _cycle(["1", "0"], k))
        put("bad_income", "income_total", _cycle(["-5000", "abc", None], k))
        put("bad_money", "debt_formal", _cycle(["-100", "abc"], k))
        put("bad_tenure", "house_tenure", _cycle(["condo", "บ้านเช่า"], k))
        # the empty variant leaves only the longitude: 'only one given'
        put("bad_coordinates", "latitude", _cycle(["1.2345", "abc", None, "21.5"], k))
        put("bad_date", "surveyed_on", _cycle(["2023-02-30", "15/01/2566", "20230115"], k))
    elif source == "bmn_person":
        rel = pc.if_else(pa.array(is_("duplicate_head")), pa.scalar("head"),
                         pa.scalar("relative"))  # fmt: skip
        cols["relation"] = rel
        cols["nid"] = pa.nulls(n_bad, pa.string())
        fresh = _fresh_household_ids("01", ctx.fresh_households, n_bad)
        ctx.fresh_households += n_bad
        put("unknown_household", "household_id", fresh)
        put("bad_nid", "nid", _bad_nid_values(ctx, k, allow_empty=False))
        put("missing_name", "first_name", None)
        put("bad_sex", "sex", _cycle(["X", "male", "ช"], k))
        put("bad_age", "age", _cycle(["abc", "150", "-3", "12.5"], k))
        bd = is_("bad_birth_date")
        put("bad_birth_date", "birth_date",
            _cycle(["2020-02-30", "2099-01-01", "01/02/2530", None], k))  # fmt: skip
        # the 'neither given' variant (birth_date empty) also needs an empty age; the
        # other variants keep whatever age the row had (a bad birth_date is bad anyway)
        put(
            "bad_birth_date",
            "age",
            pc.if_else(pa.array(bd & (k % 4 == 3)), pa.scalar(None, pa.string()), cols["age"]),
        )
        put("bad_relation", "relation", _cycle(["boss", "หัวหน้า"], k))
        put("bad_education", "education", _cycle(["phd", "ป.4"], k))
        put("bad_income", "income_year", _cycle(["-500", "abc"], k))
        put("bad_boolean", "is_disabled", _cycle(["maybe", "2", "ใช่"], k))
        dup = is_("duplicate_nid")
        if dup.any():
            hh = good.column("household_id").combine_chunks()
            nid = good.column("nid").combine_chunks()
            target = pc.max(hh).as_py()
            ok = np.asarray(
                pc.and_(pc.is_valid(nid), pc.not_equal(hh, pa.scalar(target))).fill_null(False)
            )
            src = np.flatnonzero(ok)
            if src.size == 0:
                keep &= ~dup  # a one-household chunk cannot hold this defect
            else:
                pick = src[rng.integers(0, src.size, n_bad)]
                put("duplicate_nid", "nid", nid.take(pa.array(pick)).cast(pa.string()))
                put("duplicate_nid", "household_id", str(target))
    else:
        fresh_nid = pa.array(ctx.nids(n_bad)).cast(pa.string())
        not_dup = ~is_("duplicate_nid")
        cols["nid"] = pc.if_else(pa.array(not_dup), fresh_nid, cols["nid"])
        put("bad_nid", "nid", _bad_nid_values(ctx, k, allow_empty=True))
        if source == "welfare_card":
            put("bad_status", "status", _cycle(["expired", "suspended"], k))
            put("bad_round", "registered_round", _cycle(["2565.5", "ปี65", "abc"], k))
            put("bad_money", "monthly_benefit", _cycle(["-200", "abc"], k))
            put("bad_village_code", "village_code", _cycle(["99999901", "3401011", "ABCDEFGH"], k))
        elif source == "allowance":
            put("bad_kind", "kind", _cycle(["child", "ผู้สูงอายุ"], k))
            put("bad_money", "monthly_amount", _cycle(["-600", "abc"], k))
        elif source == "disability":
            put("bad_disability_type", "disability_type", _cycle(["0", "8", "x"], k))
            put("bad_date", "card_issued_on", _cycle(["2020-02-30", "12/05/2560"], k))
        elif source == "health_coverage":
            put("bad_scheme", "scheme", _cycle(["XYZ", "บัตรทอง"], k))
            put("bad_hospital_code", "main_hospital_code", _cycle(["1234", "ABCDE", "123456"], k))
        elif source == "farmer_registry":
            put("bad_date", "registered_on", _cycle(["2019-13-01", "15/01/2562"], k))
            put("bad_farm_area", "farm_area_rai", _cycle(["-3", "สิบไร่"], k))

    out = pa.Table.from_arrays([cols[c] for c in base.column_names], schema=text_schema(source))
    if not keep.all():
        out = out.filter(pa.array(keep))
        reason = reason[keep]
    counts = Counter(
        {codes[r]: int(c) for r, c in enumerate(np.bincount(reason, minlength=len(codes))) if c}
    )
    return out.cast(schema(source)), counts
