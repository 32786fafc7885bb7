"""Registries linked by NID for one province and year: welfare card, living allowances,
disability and health coverage. Each holds surveyed people (by the survey's NIDs) plus
people the survey does not reach (a per-province pool of NIDs, stable across years),
sized to the national registries scaled by households / 12,935,866."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from tpmap.synth import ids, params, vocab
from tpmap.synth.layout import ProvinceLayout, catalog, regional_factor
from tpmap.synth.output import coded, dates, numbers, small_numbers, table
from tpmap.synth.survey import Survey

I64 = NDArray[np.int64]
B = NDArray[np.bool_]
F64 = NDArray[np.float64]


@dataclass(slots=True)
class Registries:
    tables: dict[str, pa.Table]
    card: B  # surveyed persons with an active welfare card
    stats: dict[str, int]


def _hash_u(x: I64, key: int) -> F64:
    """A uniform in [0, 1) that is a fixed function of an integer (stable across years)."""
    h = ids.mix(x.astype(np.uint64), key)
    out: F64 = (h >> np.uint64(11)).astype(np.float64) / float(1 << 53)
    return out


def _pool_nids(province: str, j: I64, seed: int) -> I64:
    index = int(province) * ids.PROVINCE_SPAN + ids.POOL_BASE + j
    first = np.where(_hash_u(index, 17) < 0.55, 1, 3).astype(np.int64)
    return ids.nid_numbers(index, first, seed)


def _card_holders(s: Survey, province: str, income_pp: F64) -> tuple[B, B]:
    """(active, revoked) welfare card per surveyed person. Uses each person's fixed uniform,
    so holders stay holders across years while the targets allow it."""
    p = s.people
    q = s.questionnaire
    eligible = (s.age >= params.CARD_MIN_AGE) & (p.nid > 0)
    poor = s.mpi_poor[p.hh]
    reg = regional_factor(province, "card")
    n = p.hh.size
    c_all = params.CARD_SHARE[q] * reg
    c_poor = min(params.CARD_SHARE_POOR[q] * reg, 0.9)
    want_poor = c_poor * poor.sum()
    want_np = max(0.0, c_all * n - want_poor)
    w = 1.0 / (1.0 + income_pp / 50_000.0)
    prob = np.zeros(n)
    for group, want in ((poor, want_poor), (~poor, want_np)):
        m = group & eligible
        total = w[m].sum()
        if total > 0:
            prob[m] = want * w[m] / total
    prob = np.clip(prob, 0.0, 0.98)
    active = p.card_u < prob
    rest = eligible & ~active
    rev_p = params.REVOKED_SHARE / (1 - params.REVOKED_SHARE) * active.sum() / max(rest.sum(), 1)
    revoked = rest & (_hash_u(p.nid, 23) < rev_p)
    return active, revoked


#: Share of surveyed farmers (by occupation, with a NID) registered in Farmer ONE; the rest
#: are the unregistered farmers of policy 2564's group 3.
FARMER_REGISTERED_SHARE = 0.8


def _farmer_registry(s: Survey, has_nid: B, g_year: int) -> pa.Table:
    """Farmer ONE: surveyed persons whose occupation is farming, most of them registered
    (stable across years: the draw hashes the NID), with a registration date and a farm
    area in rai."""
    p = s.people
    farming = np.isin(s.occupation, np.array(vocab.O_FARMING, dtype=s.occupation.dtype))
    pick = has_nid & farming & (_hash_u(p.nid, 89) < FARMER_REGISTERED_SHARE)
    nid = p.nid[pick]
    u = _hash_u(nid, 97)
    days = (u * 365 * 10).astype(np.int64)
    start = np.datetime64(f"{g_year - 11}-01-01", "D")
    registered = start + days.astype("timedelta64[D]")
    area = 1 + np.floor(_hash_u(nid, 101) * 40).astype(np.int64)
    return table(
        "farmer_registry",
        {
            "nid": numbers(nid),
            "registered_on": dates(registered),
            "farm_area_rai": numbers(area),
        },
    )


def make_registries(lay: ProvinceLayout, s: Survey, seed: int) -> Registries:
    cat = catalog()
    p = s.people
    prov = lay.code
    year = s.year
    g_year = year - 543
    scale = lay.n / params.NATIONAL_HOUSEHOLDS  # this province's share of the nation
    has_nid = p.nid > 0
    hh = p.hh
    income_pp = (s.income_total / np.maximum(s.members, 1))[hh]
    sub = lay.sub_index[hh]  # national subdistrict index per person
    n_sub_prov = np.flatnonzero(cat.sub_province == prov)

    # ---- the pool of people not surveyed (stable NIDs per province) -------------------
    disabled_reg = (
        p.disabled & has_nid & (_hash_u(p.nid, 29) < 0.95) & (p.disability_since < g_year)
    )
    elderly_allow = (s.age >= 60) & has_nid & (_hash_u(p.nid, 31) < 0.92)
    w_ns = round(params.WELFARE_NOT_SURVEYED_ACTIVE / (1 - params.REVOKED_SHARE) * scale)
    e_ns = max(0, round(params.ALLOWANCE_ELDERLY_ROWS * scale) - int(elderly_allow.sum()))
    h_ns = round(params.ALLOWANCE_HIV_ROWS * scale)
    d_ns = max(0, round(params.DISABILITY_ROWS * scale) - int(disabled_reg.sum()))
    u_ns = max(round(params.HEALTH_ROWS * scale) - int(has_nid.sum()), w_ns + e_ns + h_ns + d_ns)
    pool_j = np.arange(u_ns, dtype=np.int64)
    pool_nid = _pool_nids(prov, pool_j, seed)
    pool_u = _hash_u(pool_nid, 41)
    pool_sub = n_sub_prov[(_hash_u(pool_nid, 43) * n_sub_prov.size).astype(np.int64)]

    # ---- welfare card --------------------------------------------------------------
    active, revoked = _card_holders(s, prov, income_pp)
    holder = active | revoked
    w_nid = np.concatenate([p.nid[holder], pool_nid[:w_ns]])
    status = np.concatenate(
        [revoked[holder].astype(np.int8), (pool_u[:w_ns] < params.REVOKED_SHARE).astype(np.int8)]
    )
    round_2565 = year >= 2565
    rnd = np.where(round_2565 & (_hash_u(w_nid, 47) < 0.9), 1, 0)
    benefit = np.where(
        np.concatenate([income_pp[holder], np.full(w_ns, 25_000.0)]) <= 30_000, 300, 200
    )
    benefit = np.where(status == 1, 0, benefit)
    n_vill = lay.villages.size
    v_idx = np.concatenate(
        [
            np.where(_hash_u(p.nid[holder], 53) < 0.7, lay.village_ids[hh[holder]], -1),
            np.where(
                pool_u[:w_ns] < 0.92 + params.REVOKED_SHARE,
                (_hash_u(pool_nid[:w_ns], 59) * max(n_vill, 1)).astype(np.int64),
                -1,
            )
            if n_vill
            else np.full(w_ns, -1),
        ]
    )
    welfare = table(
        "welfare_card",
        {
            "nid": numbers(w_nid),
            "registered_round": coded(rnd, ["2560", "2565"]),
            "status": coded(status, ["active", "revoked"]),
            "monthly_benefit": small_numbers(benefit),
            "village_code": coded(v_idx, [str(v) for v in lay.villages.tolist()]),
        },
    )

    # ---- disability ----------------------------------------------------------------
    d_from = u_ns - d_ns
    d_pool_since = 1995 + (_hash_u(pool_nid[d_from:], 61) * 22).astype(np.int64)
    d_pool_keep = d_pool_since < g_year
    d_nid = np.concatenate([p.nid[disabled_reg], pool_nid[d_from:][d_pool_keep]])
    d_type = np.concatenate(
        [
            p.disability_type[disabled_reg].astype(np.int64),
            1
            + np.searchsorted(
                np.cumsum([0.1, 0.19, 0.5, 0.08, 0.08, 0.03, 0.02]),
                pool_u[d_from:][d_pool_keep],
                side="right",
            ).clip(0, 6),
        ]
    )
    d_year = np.concatenate([p.disability_since[disabled_reg], d_pool_since[d_pool_keep]])
    d_doy = (_hash_u(d_nid, 67) * 365).astype(np.int64)
    d_date = (d_year - 1970).astype("timedelta64[Y]") + np.datetime64("1970", "Y")
    d_date = d_date.astype("datetime64[D]") + d_doy.astype("timedelta64[D]")
    disability = table(
        "disability",
        {
            "nid": numbers(d_nid),
            "disability_type": small_numbers(d_type),
            "card_issued_on": dates(d_date),
        },
    )

    # ---- allowances ----------------------------------------------------------------
    age = s.age
    e_amount = np.select([age < 70, age < 80, age < 90], [600, 700, 800], 1000)
    pool_e = slice(w_ns, w_ns + e_ns)
    pool_h = slice(w_ns + e_ns, w_ns + e_ns + h_ns)
    e_pool_amount = np.select(
        [pool_u[pool_e] < 0.55, pool_u[pool_e] < 0.83, pool_u[pool_e] < 0.97], [600, 700, 800], 1000
    )
    dis_allow = disabled_reg & (_hash_u(p.nid, 71) < params.ALLOWANCE_DISABLED_SHARE)
    d_pool_allow = _hash_u(pool_nid[d_from:][d_pool_keep], 73) < params.ALLOWANCE_DISABLED_SHARE
    a_nid = np.concatenate(
        [
            p.nid[elderly_allow],
            pool_nid[pool_e],
            p.nid[dis_allow],
            pool_nid[d_from:][d_pool_keep][d_pool_allow],
            pool_nid[pool_h],
        ]
    )
    a_kind = np.concatenate(
        [
            np.zeros(int(elderly_allow.sum()) + e_ns, dtype=np.int8),
            np.ones(int(dis_allow.sum()) + int(d_pool_allow.sum()), dtype=np.int8),
            np.full(h_ns, 2, dtype=np.int8),
        ]
    )
    a_amount = np.concatenate(
        [
            e_amount[elderly_allow],
            e_pool_amount,
            np.where(age[dis_allow] < 18, 1000, 800),
            np.full(int(d_pool_allow.sum()), 800),
            np.full(h_ns, 500),
        ]
    )
    a_sub = np.concatenate(
        [
            sub[elderly_allow],
            pool_sub[pool_e],
            sub[dis_allow],
            pool_sub[d_from:][d_pool_keep][d_pool_allow],
            pool_sub[pool_h],
        ]
    )
    allowance = table(
        "allowance",
        {
            "nid": numbers(a_nid),
            "kind": coded(a_kind, vocab.ALLOWANCE_KINDS),
            "monthly_amount": small_numbers(a_amount),
            "paying_agency": coded(a_sub, cat.agency_name),
        },
    )

    # ---- health coverage -----------------------------------------------------------
    occ = s.occupation[has_nid]
    hu = _hash_u(p.nid[has_nid], 79)
    scheme = np.select(
        [
            ((occ == vocab.O_CIVIL) | (occ == vocab.O_SOE)) & (hu < 0.9),
            ((occ == vocab.O_COMPANY) | (occ == vocab.O_FACTORY)) & (hu < 0.85),
            hu < 0.965,
            hu < 0.985,
            hu < 0.995,
        ],
        [2, 1, 0, 3, 1],
        4,
    ).astype(np.int8)
    pu = pool_u
    pool_scheme = np.select([pu < 0.7, pu < 0.92, pu < 0.98, pu < 0.99], [0, 1, 2, 3], 4)
    h_scheme = np.concatenate([scheme, pool_scheme.astype(np.int8)])
    h_nid = np.concatenate([p.nid[has_nid], pool_nid])
    h_sub = np.concatenate([sub[has_nid], pool_sub])
    local = (h_scheme == 0) & (_hash_u(h_nid, 83) < 0.6)
    n_all_sub = cat.sub_codes.size
    h_idx = np.where(local, h_sub, n_all_sub + h_sub)
    codes = pa.concat_arrays([cat.rphst_code, cat.district_hospital_code])
    names = pa.concat_arrays([cat.rphst_name, cat.district_hospital_name])
    health = table(
        "health_coverage",
        {
            "nid": numbers(h_nid),
            "scheme": coded(h_scheme, vocab.SCHEMES),
            "main_hospital_code": coded(h_idx, codes),
            "main_hospital_name": coded(h_idx, names),
        },
    )
    farmers = _farmer_registry(s, has_nid, g_year)
    return Registries(
        tables={
            "welfare_card": welfare,
            "allowance": allowance,
            "disability": disability,
            "health_coverage": health,
            "farmer_registry": farmers,
        },
        card=active,
        stats={"welfare_not_surveyed": w_ns, "pool": u_ns},
    )
