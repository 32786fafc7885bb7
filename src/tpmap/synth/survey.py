"""One data year of the BMN survey for a province: who is counted, the household
indicators (consistent with the members: not applicable when no member fits), MPI
deprivations calibrated to the published figures, incomes consistent with the income
indicator, occupations and education."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from tpmap.core.indicators import (
    AF_CUTOFF,
    AF_TOLERANCE,
    DIMENSIONS,
    MAX_INDICATORS,
    MpiMapping,
    default_mpi_mapping,
    questionnaire,
)
from tpmap.synth import layout, params, vocab
from tpmap.synth.population import People
from tpmap.synth.rng import SURVEY, stream

I64 = NDArray[np.int64]
I8 = NDArray[np.int8]
B = NDArray[np.bool_]
F64 = NDArray[np.float64]

# When an indicator applies: a household-level condition on its members.
# 2560: INDICATORS.md section 1; 2566: the 38 indicators of bmn_2566.toml.
APPLIES: dict[str, dict[int, str]] = {
    "2560": {
        1: "infant",
        2: "age_0_1",
        3: "age_0_12",
        6: "age_35p",
        7: "age_6p",
        15: "age_3_5",
        16: "age_6_14",
        17: "age_15_18",
        18: "age_15_24",
        19: "age_15_59",
        20: "age_15_59",
        21: "elderly",
        26: "age_6p",
        27: "elderly",
        28: "disabled",
        29: "chronic",
    },
    "2566": {
        1: "infant",
        2: "infant",
        3: "age_0_1",
        4: "age_0_12",
        5: "age_0_5",
        9: "age_6p",
        10: "bedridden",
        12: "age_35p",
        22: "age_0_5",
        23: "age_6_15",
        24: "age_15_18",
        25: "age_15_59",
        27: "age_15_59",
        28: "elderly",
        31: "age_0_6_low_income",
        32: "low_income",
        34: "elderly",
        35: "disabled",
        37: "age_6p",
    },
}
# Indicator roles used to keep households consistent with their members.
EMPLOYMENT = {"2560": 20, "2566": 27}  # people aged 15-59 have an occupation and income
ELDERLY_INCOME = {"2560": 21, "2566": 28}
INCOME = {"2560": 22, "2566": 29}  # income per person >= threshold
SAVINGS = {"2560": 23, "2566": 30}
# Relative weight of each MPI indicator when a household is deprived in its dimension.
MPI_WEIGHTS: dict[str, dict[int, float]] = {
    "2560": {1: 0.3, 4: 1.0, 5: 1.0, 7: 1.2, 8: 1.5, 15: 0.6, 16: 0.6, 17: 0.8, 19: 1.6,
             20: 1.2, 21: 0.8, 22: 1.0, 27: 1.0, 28: 0.6},
    "2566": {2: 0.3, 22: 0.6, 23: 0.6, 24: 0.8, 25: 1.6, 27: 1.2, 28: 0.8, 34: 1.0, 35: 0.6},
}  # fmt: skip
# Chance that an applicable non-MPI indicator fails (before the poverty factor).
NON_MPI_FAIL: dict[str, dict[int, float]] = {
    "2560": {23: 0.12, 24: 0.18, 25: 0.14},
    "2566": {30: 0.12, 36: 0.03, 7: 0.08},
}
NON_MPI_DEFAULT_FAIL = 0.04


#: Extra key of the random stream that picks the multiply deprived households.
MULTI_DEPRIVED_STREAM = 7
#: The dimensions whose indicators a multiply deprived household fails, in this order until
#: its score reaches 1/3. Health comes first: the calibrated health share of the target poor
#: runs below the published one (INDICATORS.md §6); income, already the share with the
#: least room, last. Access stays rare, as it is in the country.
MULTI_DEPRIVED_ORDER = ("health", "education", "living", "income")


def af_scores(ind: I8, mapping: MpiMapping) -> F64:
    """Each household's Alkire-Foster score c, the weights added in MPI number order as the
    build adds them (so the manifest's figures are the build's to the last bit)."""
    c = np.zeros(ind.shape[0])
    for no in mapping.indicators:
        c += np.where(ind[:, mapping.item(no) - 1] == 0, float(mapping.weight(no)), 0.0)
    return c


def _deprive_until_af_poor(ind: I8, deprived: B, rows: I64, mapping: MpiMapping) -> None:
    """Fail every applicable item of the dimensions of MULTI_DEPRIVED_ORDER, one dimension
    at a time, for the ``rows`` whose score is still below the cutoff."""
    for d in MULTI_DEPRIVED_ORDER:
        short = rows[af_scores(ind[rows], mapping) < float(AF_CUTOFF) - AF_TOLERANCE]
        if short.size == 0:
            return
        items = sorted({mapping.item(no) for no in mapping.dimensions[d]})
        block = ind[np.ix_(short, np.array(items) - 1)]
        ind[np.ix_(short, np.array(items) - 1)] = np.where(block == 1, 0, block)
        deprived[short, DIMENSIONS.index(d)] |= np.any(block != -1, axis=1)


def questionnaire_for_year(year: int) -> str:
    return "2560" if year < 2566 else "2566"


@dataclass(slots=True)
class Survey:
    year: int
    questionnaire: str
    people: People  # the persons counted this year
    age: I64
    members: I64
    indicators: I8  # (households, 38): -1 null, 0 fail, 1 pass
    mpi_poor: B
    deprived: B  # (households, 5) in DIMENSIONS order
    income_total: I64
    income_year: I64
    occupation: I8  # index into vocab.OCCUPATIONS, -1 none
    education: I8
    title: I8
    chronic: B
    self_reliant: B
    debt_formal: I64
    debt_informal: I64
    savings: I64
    tenure: I8
    surveyed_on: NDArray[np.datetime64]


def _frac(u: F64, k: float) -> F64:
    """A second uniform derived from a fixed one (cheap, decorrelated enough here)."""
    out: F64 = (u * k) % 1.0
    return out


def _household_any(hh: I64, mask: B, n: int) -> B:
    out: B = np.bincount(hh[mask], minlength=n) > 0
    return out


def _conditions(p: People, age: I64, chronic: B, reliant: B, n: int) -> dict[str, B]:
    def has(mask: B) -> B:
        return _household_any(p.hh, mask, n)

    return {
        "all": np.ones(n, dtype=np.bool_),
        "infant": has(age == 0),
        "age_0_1": has(age <= 1),
        "age_0_5": has(age <= 5),
        "age_0_12": has(age <= 12),
        "age_3_5": has((age >= 3) & (age <= 5)),
        "age_6_14": has((age >= 6) & (age <= 14)),
        "age_6_15": has((age >= 6) & (age <= 15)),
        "age_15_18": has((age >= 15) & (age <= 18)),
        "age_15_24": has((age >= 15) & (age <= 24)),
        "age_15_59": has((age >= 15) & (age <= 59)),
        "age_35p": has(age >= 35),
        "age_6p": has(age >= 6),
        "elderly": has(age >= 60),
        "disabled": has(p.disabled),
        "chronic": has(chronic),
        "bedridden": has(chronic & ~reliant),
        "age_0_6": has(age <= 6),
    }


def _pick(weights: F64, u: F64) -> I64:
    """Row-wise categorical draw; rows whose weights are all zero get -1."""
    cum = np.cumsum(weights, axis=1)
    total = cum[:, -1]
    idx: I64 = (cum > (u * total)[:, None]).argmax(axis=1).astype(np.int64)
    idx[total <= 0] = -1
    return idx


def _education(age: I64, birth_year: I64, u: F64) -> I8:
    e = np.full(age.shape, vocab.E_NONE, dtype=np.int8)
    cohorts = [
        (birth_year < 1960, [0.08, 0, 0.75, 0.07, 0.04, 0.02, 0.01, 0.025, 0.005]),
        ((birth_year >= 1960) & (birth_year < 1980),
         [0.03, 0, 0.45, 0.15, 0.14, 0.06, 0.05, 0.11, 0.01]),
        (birth_year >= 1980, [0.01, 0, 0.12, 0.18, 0.25, 0.10, 0.09, 0.23, 0.02]),
    ]  # fmt: skip
    adult = age >= 22
    for mask, probs in cohorts:
        cum = np.cumsum(probs)
        cum = cum / cum[-1]
        m = adult & mask
        e[m] = np.searchsorted(cum, u[m], side="right").astype(np.int8)
    young = (age >= 18) & (age < 22)
    cum18 = np.cumsum([0, 0, 0.1, 0.15, 0.55, 0.2])
    e[young] = np.searchsorted(cum18 / cum18[-1], u[young], side="right").astype(np.int8)
    e[(age >= 3) & (age <= 5)] = vocab.E_PRE
    e[(age >= 6) & (age <= 11)] = vocab.E_PRIMARY
    e[(age >= 12) & (age <= 14)] = vocab.E_LOWER
    teen = (age >= 15) & (age <= 17)
    e[teen] = np.where(
        u[teen] < 0.7, vocab.E_UPPER, np.where(u[teen] < 0.85, vocab.E_VOC, vocab.E_LOWER)
    )
    return e


def _occupations(p: People, age: I64, province: str, rng: np.random.Generator) -> tuple[I8, B]:
    """Occupation per person, and whether the person is a student."""
    n = age.size
    occ = np.full(n, -1, dtype=np.int8)
    u = p.occ_u
    u2 = _frac(u, 7919.0)
    student = ((age >= 6) & (age <= 14)) | ((age >= 15) & (age <= 17) & (u < 0.85))
    student |= (age >= 18) & (age <= 22) & (u < 0.4)
    region = params.region_of(province)
    p_urban = {"bangkok": 1.0, "central": 0.35, "east": 0.4}.get(region, 0.15)
    if province in ("11", "12", "13", "74", "20", "83"):
        p_urban = 0.7
    urban = _frac(u, 104729.0) < p_urban
    cum_r = np.cumsum(vocab.WORK_WEIGHTS_RURAL) / vocab.WORK_WEIGHTS_RURAL.sum()
    cum_u = np.cumsum(vocab.WORK_WEIGHTS_URBAN) / vocab.WORK_WEIGHTS_URBAN.sum()
    work = np.where(
        urban,
        np.searchsorted(cum_u, u2, side="right"),
        np.searchsorted(cum_r, u2, side="right"),
    ).astype(np.int8)
    work = np.minimum(work, 11).astype(np.int8)
    adult = (age >= 15) & ~student
    occ[adult] = work[adult]
    homemaker = adult & p.female & (age < 60) & (_frac(u, 31.0) < 0.07)
    occ[homemaker] = vocab.O_HOMEMAKER
    elderly_idle = (age >= 60) & (_frac(u, 131.0) >= 0.45)
    occ[elderly_idle] = vocab.O_NONE
    occ[student] = vocab.O_STUDENT
    del rng
    return occ, student


def make_survey(lay: layout.ProvinceLayout, people: People, year: int, seed: int) -> Survey:
    q = questionnaire_for_year(year)
    qn = questionnaire(q)
    mapping = default_mpi_mapping(q)
    g_year = year - 543
    p = people.take((people.birth_year <= g_year - 1) & (people.exit_year > g_year))
    n_hh = lay.n
    rng = stream(seed, SURVEY, int(lay.code), year)
    age = g_year - p.birth_year - (p.birth_doy > 1).astype(np.int64)
    members = np.bincount(p.hh, minlength=n_hh).astype(np.int64)
    n = age.size

    chronic_p = np.select([age < 15, age < 40, age < 60], [0.02, 0.05, 0.18], 0.38)
    chronic = p.chronic_u < chronic_p
    f = _frac(p.chronic_u, 13.0)
    reliant = ~(
        (p.disabled & (f < 0.45))
        | ((age >= 80) & (f < 0.35))
        | (chronic & (age >= 60) & (f < 0.08))
    )
    cond = _conditions(p, age, chronic, reliant, n_hh)

    # Applicability (income-based conditions are set once incomes are known).
    ind = np.full((n_hh, MAX_INDICATORS), -1, dtype=np.int8)
    applies = APPLIES[q]
    for i in range(1, qn.count + 1):
        c = applies.get(i, "all")
        if c in cond:
            ind[:, i - 1] = np.where(cond[c], 1, -1)

    # Who is MPI-poor: regional and household-size factors around the national rate.
    anchor = 2562 if q == "2560" else 2566  # the year the published rate is for
    rate = params.POOR_RATE[q] * (1 + params.POOR_TREND_PER_YEAR) ** (year - anchor)
    size_f = members.astype(np.float64) ** params.SIZE_EXPONENT[q]
    size_f /= size_f.mean() if n_hh else 1.0
    p_poor = np.clip(rate * layout.regional_factor(lay.code, "poverty") * size_f, 0, 0.95)
    poor = rng.random(n_hh) < p_poor

    # Deprivations of poor households: a primary dimension, sometimes more.
    shares = np.array([params.DIMENSION_SHARES[d] for d in DIMENSIONS])
    prim_w = shares / shares.sum()
    extra_p = (shares - prim_w) / (1 - prim_w)
    weights = MPI_WEIGHTS[q]
    # The questionnaire items each dimension's MPI indicators read (2566: MPI 9 and 10 are
    # one item, 18), so a deprivation is drawn on an item the survey asks.
    dim_inds = [
        tuple(sorted({mapping.item(no) for no in mapping.dimensions[d]})) for d in DIMENSIONS
    ]
    avail = np.stack(
        [np.any(np.stack([ind[:, i - 1] == 1 for i in ids], axis=1), axis=1) for ids in dim_inds],
        axis=1,
    )
    primary = _pick(avail * prim_w, rng.random(n_hh))
    deprived = np.zeros((n_hh, len(DIMENSIONS)), dtype=np.bool_)
    rows = np.flatnonzero(poor & (primary >= 0))
    deprived[rows, primary[rows]] = True
    deprived |= poor[:, None] & avail & (rng.random((n_hh, len(DIMENSIONS))) < extra_p)
    for d, ids in enumerate(dim_inds):
        rows = np.flatnonzero(deprived[:, d])
        if rows.size == 0:
            continue
        app = np.stack([ind[rows, i - 1] == 1 for i in ids], axis=1)
        w = app * np.array([weights.get(i, 1.0) for i in ids])
        first = _pick(w, rng.random(rows.size))
        ids_arr = np.array(ids)
        ind[rows, ids_arr[first] - 1] = 0
        second = rng.random(rows.size) < 0.15
        w[np.arange(rows.size), first] = 0
        nxt = _pick(w, rng.random(rows.size))
        ok = second & (nxt >= 0)
        ind[rows[ok], ids_arr[nxt[ok]] - 1] = 0
    # A few poor households are deprived in several dimensions at once (Alkire-Foster poor,
    # c >= 1/3). They were poor already, so the union counts do not move. Their own random
    # stream leaves every other draw of the survey as it was.
    multi_rng = stream(seed, SURVEY, int(lay.code), year, MULTI_DEPRIVED_STREAM)
    multi = np.flatnonzero(poor & (multi_rng.random(n_hh) < params.MULTI_DEPRIVED_SHARE[q]))
    _deprive_until_af_poor(ind, deprived, multi, mapping)
    poor = np.asarray(deprived.any(axis=1), dtype=np.bool_)

    # Occupations and incomes, consistent with the employment and income indicators.
    occ, student = _occupations(p, age, lay.code, rng)
    hh = p.hh
    emp_fail = (ind[:, EMPLOYMENT[q] - 1] == 0)[hh]
    eld_fail = (ind[:, ELDERLY_INCOME[q] - 1] == 0)[hh]
    working_age = (age >= 15) & (age <= 59)
    # One working-age member of a household failing the employment indicator has no work.
    cand = working_age & emp_fail
    score = rng.random(n) + (~student) * 2.0
    score[~cand] = -1.0
    best = np.full(n_hh, -1.0)
    np.maximum.at(best, hh, score)
    jobless = cand & (score == best[hh])
    occ[jobless] = np.where(rng.random(int(jobless.sum())) < 0.6, vocab.O_UNEMPLOYED, vocab.O_NONE)
    elderly = age >= 60
    occ[elderly & eld_fail] = vocab.O_NONE

    wgt = rng.lognormal(0.0, 0.5, n)
    earn = np.select(
        [
            jobless | (elderly & eld_fail) | (age < 15),
            student,
            occ == vocab.O_HOMEMAKER,
            elderly & (occ == vocab.O_NONE),
            elderly,
        ],
        [0.0, 0.05, 0.1, 0.15, 0.5],
        1.0,
    )
    earn = np.where(occ == vocab.O_CIVIL, 1.5, earn) * wgt
    w_total = np.bincount(hh, weights=earn, minlength=n_hh)
    inc_col = INCOME[q] - 1
    no_earner = w_total <= 0
    forced = no_earner & poor
    ind[forced, inc_col] = 0
    head = p.relation == vocab.R_HEAD
    fix = no_earner[hh] & ~poor[hh] & head
    earn[fix] = 1.0
    w_total = np.bincount(hh, weights=earn, minlength=n_hh)
    deprived[:, DIMENSIONS.index("income")] |= forced

    thr = params.INCOME_THRESHOLD[q]
    inc_fail = ind[:, inc_col] == 0
    reg_inc = params.REGION_INCOME[params.region_of(lay.code)]
    pp_pass = thr + rng.lognormal(
        np.log(params.INCOME_EXCESS_MEDIAN * reg_inc), params.INCOME_EXCESS_SIGMA, n_hh
    )
    pp_fail = thr * rng.uniform(0.3, 0.97, n_hh)
    m = np.maximum(members, 1)
    total = np.where(inc_fail, np.floor(pp_fail * m), np.ceil(pp_pass * m)).astype(np.int64)
    total[w_total <= 0] = 0
    share = np.divide(earn, w_total[hh], out=np.zeros(n), where=w_total[hh] > 0)
    income = np.floor(total[hh] * share).astype(np.int64)
    rest = total - np.bincount(hh, weights=income, minlength=n_hh).astype(np.int64)
    best_w = np.full(n_hh, -1.0)
    np.maximum.at(best_w, hh, earn)
    main = np.flatnonzero((earn == best_w[hh]) & (earn > 0))
    main_first = main[np.unique(hh[main], return_index=True)[1]]
    income[main_first] += rest[hh[main_first]]
    income_pp = total / m

    # Income-based applicability (2566: 31, 32), then non-MPI failures.
    low = income_pp <= 100_000
    if q == "2566":
        ind[:, 30] = np.where(low & cond["age_0_6"], 1, -1)
        ind[:, 31] = np.where(low, 1, -1)
    mpi_set = set(mapping.items.values())  # the items the MPI indicators read
    poverty_f = np.where(poor, 1.8, 1.0) * np.sqrt(layout.regional_factor(lay.code, "poverty"))
    for i in range(1, qn.count + 1):
        if i in mpi_set or i in (EMPLOYMENT[q], ELDERLY_INCOME[q]):
            continue
        fail_p = NON_MPI_FAIL[q].get(i, NON_MPI_DEFAULT_FAIL) * poverty_f
        col = ind[:, i - 1]
        col[(col == 1) & (rng.random(n_hh) < fail_p)] = 0
    # Employment / elderly-income indicators that are not MPI in this questionnaire are
    # still consistent with members (they were set above only for poor households).

    saves = ind[:, SAVINGS[q] - 1] == 1
    savings = np.where(saves, np.rint(rng.lognormal(np.log(20_000), 1.2, n_hh) / 100) * 100, 0)
    savings = np.maximum(savings, np.where(saves, 100, 0)).astype(np.int64)
    debt_formal = np.where(
        rng.random(n_hh) < 0.5, np.rint(rng.lognormal(np.log(60_000), 1.0, n_hh) / 100) * 100, 0
    ).astype(np.int64)
    debt_informal = np.where(
        rng.random(n_hh) < np.where(poor, 0.25, 0.1),
        np.rint(rng.lognormal(np.log(15_000), 0.8, n_hh) / 100) * 100,
        0,
    ).astype(np.int64)
    tenure_p = (
        [0.6, 0.28, 0.08, 0.02, 0.02] if lay.code == "10" else [0.84, 0.06, 0.07, 0.015, 0.015]
    )
    tenure = rng.choice(5, n_hh, p=tenure_p).astype(np.int8)
    start = np.datetime64(f"{g_year}-01-02")
    surveyed_on = start + rng.integers(0, 118, n_hh).astype("timedelta64[D]")

    title = np.where(p.female, vocab.T_MISS, vocab.T_MR).astype(np.int8)
    married = (
        (p.relation == vocab.R_SPOUSE)
        | (p.relation == vocab.R_PARENT)
        | (head & (members[hh] > 1) & (age >= 25))
        | ((age >= 40) & (_frac(p.edu_u, 17.0) < 0.7))
    )
    title[p.female & married] = vocab.T_MRS
    title[age < 15] = np.where(p.female[age < 15], vocab.T_GIRL, vocab.T_BOY)

    return Survey(
        year=year,
        questionnaire=q,
        people=p,
        age=age,
        members=members,
        indicators=ind,
        mpi_poor=poor,
        deprived=deprived,
        income_total=total,
        income_year=income,
        occupation=occ,
        education=_education(age, p.birth_year, p.edu_u),
        title=title,
        chronic=chronic,
        self_reliant=reliant,
        debt_formal=debt_formal,
        debt_informal=debt_informal,
        savings=savings,
        tenure=tenure,
        surveyed_on=surveyed_on,
    )


Progress = Callable[[str, int, int], None]
