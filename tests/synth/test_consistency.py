"""Households agree with their members, and the same seed gives the same people every year."""

from __future__ import annotations

from .conftest import Generated

MEMBERS = """
WITH p AS (
  SELECT household_id,
         coalesce(TRY_CAST(age AS INTEGER),
                  date_diff('year', TRY_CAST(birth_date AS DATE), DATE '{jan1}')
                  - CASE WHEN strftime(TRY_CAST(birth_date AS DATE), '%m-%d') > '01-01'
                         THEN 1 ELSE 0 END) AS a,
         is_disabled = '1' AS dis,
         TRY_CAST(income_year AS BIGINT) AS inc
  FROM {persons}
)
SELECT household_id, count(*) AS members,
       bool_or(a = 0) AS infant, bool_or(a <= 12) AS child12, bool_or(a >= 60) AS elderly,
       bool_or(dis) AS disabled, bool_or(a BETWEEN 15 AND 59) AS working_age,
       sum(inc) AS income_sum
FROM p GROUP BY 1
"""


def _joined(g: Generated, jan1: str) -> str:
    members = MEMBERS.format(jan1=jan1, persons=g.rel("bmn_person"))
    return f"SELECT * FROM {g.rel('bmn_household')} h JOIN ({members}) m USING (household_id)"


def test_not_applicable_indicators_are_empty_when_no_member_fits_2560(
    clean_2562: Generated,
) -> None:
    g = clean_2562
    j = _joined(g, "2019-01-01")
    rules = [
        "infant OR ind_01 IS NULL",
        "NOT infant OR ind_01 IS NOT NULL",
        "child12 OR (ind_01 IS NULL AND ind_02 IS NULL AND ind_03 IS NULL)",
        "elderly OR (ind_21 IS NULL AND ind_27 IS NULL)",
        "NOT elderly OR (ind_21 IS NOT NULL AND ind_27 IS NOT NULL)",
        "disabled OR ind_28 IS NULL",
        "NOT disabled OR ind_28 IS NOT NULL",
        "working_age OR (ind_19 IS NULL AND ind_20 IS NULL)",
        "ind_04 IS NOT NULL AND ind_22 IS NOT NULL",
    ]
    for rule in rules:
        bad = g.one(f"SELECT count(*) FROM ({j}) WHERE NOT ({rule})")
        assert bad == 0, rule


def test_not_applicable_indicators_are_empty_when_no_member_fits_2566(
    clean_2566: Generated,
) -> None:
    g = clean_2566
    j = _joined(g, "2023-01-01")
    rules = [
        "elderly OR (ind_28 IS NULL AND ind_34 IS NULL)",
        "NOT elderly OR ind_28 IS NOT NULL",
        "disabled OR ind_35 IS NULL",
        "NOT disabled OR ind_35 IS NOT NULL",
        "infant OR (ind_01 IS NULL AND ind_02 IS NULL)",
        "ind_38 IS NOT NULL",
    ]
    for rule in rules:
        bad = g.one(f"SELECT count(*) FROM ({j}) WHERE NOT ({rule})")
        assert bad == 0, rule


def test_income_total_is_the_members_sum_and_matches_the_income_indicator(
    clean_2562: Generated, clean_2566: Generated
) -> None:
    for g, col, thr, jan1 in (
        (clean_2562, "ind_22", 38_000, "2019-01-01"),
        (clean_2566, "ind_29", 40_000, "2023-01-01"),
    ):
        j = _joined(g, jan1)
        assert (
            g.one(f"SELECT count(*) FROM ({j}) WHERE CAST(income_total AS BIGINT) <> income_sum")
            == 0
        )
        mismatched = g.one(
            f"SELECT count(*) FROM ({j}) WHERE "
            f"({col} = '0') <> (CAST(income_total AS DOUBLE) / members < {thr})"
        )
        assert mismatched == 0, g.year
        assert g.one(f"SELECT count(*) FROM ({j}) WHERE {col} = '0'") > 0


def test_birth_dates_agree_with_age_when_both_are_given(clean_2562: Generated) -> None:
    g = clean_2562
    bad = g.one(
        f"SELECT count(*) FROM {g.rel('bmn_person')} WHERE birth_date IS NOT NULL "
        f"AND age IS NOT NULL AND abs(date_diff('year', CAST(birth_date AS DATE), "
        f"DATE '2019-01-01') - CAST(age AS INTEGER)) > 1"
    )
    assert bad == 0
    children = g.one(
        f"SELECT count(*) FROM {g.rel('bmn_person')} WHERE title IN ('เด็กชาย','เด็กหญิง') "
        f"AND coalesce(TRY_CAST(age AS INTEGER), 2018 - year(CAST(birth_date AS DATE))) >= 16"
    )
    assert children == 0


def test_same_seed_gives_the_same_households_and_people_in_every_year(
    clean_2562: Generated, clean_2566: Generated
) -> None:
    a, b = clean_2562, clean_2566
    hh_a = {r[0] for r in a.sql(f"SELECT household_id FROM {a.rel('bmn_household')}")}
    hh_b = {r[0] for r in b.sql(f"SELECT household_id FROM {b.rel('bmn_household')}")}
    assert hh_a == hh_b
    q = "SELECT nid, household_id, first_name, last_name, sex, birth_date FROM {} WHERE nid IS NOT NULL"
    pa_ = {r[0]: r[1:] for r in a.sql(q.format(a.rel("bmn_person")))}
    pb = {r[0]: r[1:] for r in b.sql(q.format(b.rel("bmn_person")))}
    both = set(pa_) & set(pb)
    assert len(both) > 0.85 * min(len(pa_), len(pb))
    for n in both:
        ra, rb = pa_[n], pb[n]
        assert ra[:4] == rb[:4]
        assert ra[4] is None or rb[4] is None or ra[4] == rb[4]
    born_later = [n for n in set(pb) - set(pa_) if pb[n][4] is not None]
    assert born_later and all(pb[n][4] >= "2019-01-01" for n in born_later)
    # indicators, incomes and registries do vary with the year
    assert (
        a.manifest["expected"]["mpi_poor_households"]
        != b.manifest["expected"]["mpi_poor_households"]
    )
