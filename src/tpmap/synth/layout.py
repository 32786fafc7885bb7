"""Where households are: provinces (weighted), subdistricts, villages (หมู่), house codes,
house numbers and map points. All of it is independent of the data year."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from tpmap.core import areas, geo
from tpmap.synth import ids, params, vocab
from tpmap.synth.rng import LAYOUT, stream

I64 = NDArray[np.int64]
F64 = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Catalog:
    """The subdistricts of the country in catalog order, with their hospitals and agencies."""

    province_codes: tuple[str, ...]
    sub_codes: I64  # 6-digit subdistrict codes (ints)
    sub_province: NDArray[np.str_]
    rphst_code: pa.Array  # 5-digit health-promoting hospital code per subdistrict
    rphst_name: pa.Array
    district_hospital_code: pa.Array  # per subdistrict: its district's hospital
    district_hospital_name: pa.Array
    agency_name: pa.Array  # local administration paying allowances


@cache
def catalog() -> Catalog:
    provs = areas.provinces()
    subs = [a for a in areas.admin_areas() if a.level == "subdistrict"]
    districts = [a for a in areas.admin_areas() if a.level == "district"]
    dist_index = {d.code: i for i, d in enumerate(districts)}
    prov_name = {p.code: p.name_th for p in provs}
    rphst_code, rphst_name, dh_code, dh_name, agency = [], [], [], [], []
    for i, s in enumerate(subs):
        d = areas.admin_area(s.code[:4])
        assert d is not None
        bangkok = s.code[:2] == "10"
        d_name = d.name_th.removeprefix("เขต")
        if d.name_th.startswith("เมือง") and not bangkok:
            hospital = "โรงพยาบาล" + prov_name[s.code[:2]]
        else:
            hospital = "โรงพยาบาล" + d_name
        rphst_code.append(f"{i + 1:05d}")
        rphst_name.append(
            ("ศูนย์บริการสาธารณสุข" if bangkok else "โรงพยาบาลส่งเสริมสุขภาพตำบล") + s.name_th
        )
        dh_code.append(f"{10000 + dist_index[d.code]:05d}")
        dh_name.append(hospital)
        if bangkok:
            agency.append("สำนักงานเขต" + d_name)
        elif i % 10 < 3:
            agency.append("เทศบาลตำบล" + s.name_th)
        else:
            agency.append("องค์การบริหารส่วนตำบล" + s.name_th)
    return Catalog(
        province_codes=tuple(p.code for p in provs),
        sub_codes=np.array([int(s.code) for s in subs], dtype=np.int64),
        sub_province=np.array([s.code[:2] for s in subs]),
        rphst_code=pa.array(rphst_code),
        rphst_name=pa.array(rphst_name),
        district_hospital_code=pa.array(dh_code),
        district_hospital_name=pa.array(dh_name),
        agency_name=pa.array(agency),
    )


def province_weight(code: str) -> float:
    cat = catalog()
    n_sub = int((cat.sub_province == code).sum())
    return n_sub * params.PROVINCE_SIZE_FACTOR.get(code, 1.0)


def allocate(total: int, weights: F64) -> I64:
    """Split ``total`` into integer parts proportional to ``weights`` (largest remainder)."""
    w = np.asarray(weights, dtype=np.float64)
    exact = total * w / w.sum()
    base: I64 = np.floor(exact).astype(np.int64)
    rest = total - int(base.sum())
    if rest > 0:
        order = np.lexsort((np.arange(w.size), -(exact - base)))
        base[order[:rest]] += 1
    return base


@cache
def _province_noise(code: str) -> float:
    """A fixed per-province factor (same for every seed): provinces differ within a region."""
    g = np.random.default_rng(int(code) * 7919)
    return float(np.exp(g.normal(0.0, 0.18)))


@cache
def regional_factor(code: str, table: str) -> float:
    """A province's factor from a region table, normalised so the national household-weighted
    mean is 1 (so running all provinces hits the national figure)."""
    tables = {"poverty": params.REGION_POVERTY, "card": params.REGION_CARD}
    t = tables[table]
    noise = table == "poverty"

    def raw(c: str) -> float:
        return t[params.region_of(c)] * (_province_noise(c) if noise else 1.0)

    codes = catalog().province_codes
    w = np.array([province_weight(c) for c in codes])
    mean = float(np.dot(w, [raw(c) for c in codes]) / w.sum())
    return raw(code) / mean


@dataclass(slots=True)
class ProvinceLayout:
    code: str
    n: int  # households
    sub_index: I64  # national catalog index of each household's subdistrict
    village_code: I64  # 8-digit ints, sorted
    village_ids: I64  # index into ``villages`` per household
    villages: I64  # unique village codes (ints)
    village_names: pa.Array
    household_id: I64  # 11-digit ints
    house_no: pa.Array  # dictionary array
    lat: F64
    lon: F64


@cache
def _house_no_dictionary() -> pa.Array:
    values = [str(n) for n in range(1, 4000)] + [
        f"{n}/{k}" for n in range(1, 4000) for k in range(1, 10)
    ]
    return pa.array(values)


def province_layout(code: str, n: int, seed: int) -> ProvinceLayout:
    cat = catalog()
    rng = stream(seed, LAYOUT, int(code))
    sub_idx = np.flatnonzero(cat.sub_province == code)
    n_sub = sub_idx.size
    w = rng.lognormal(0.0, 0.6, n_sub)
    per_sub = rng.multinomial(n, w / w.sum())
    n_moo = np.clip(np.rint(rng.normal(11.0, 4.0, n_sub)), 3, 25).astype(np.int64)
    hh_sub_local = np.repeat(np.arange(n_sub), per_sub)
    moo = 1 + np.floor(rng.random(n) ** 1.3 * n_moo[hh_sub_local]).astype(np.int64)
    vcode = cat.sub_codes[sub_idx][hh_sub_local] * 100 + moo
    order = np.argsort(vcode, kind="stable")
    vcode = vcode[order]
    hh_sub_local = hh_sub_local[order]
    villages, village_ids = np.unique(vcode, return_inverse=True)
    village_ids = village_ids.astype(np.int64)

    # House codes: district + serial (a permutation of the rank within the district).
    district = vcode // 10_000
    starts = np.r_[0, np.flatnonzero(np.diff(district)) + 1]
    counts = np.diff(np.r_[starts, n])
    rank = np.arange(n) - np.repeat(starts, counts)
    household_id = ids.house_numbers(district, rank, seed)

    # House numbers grow along the village; some are split plots (12/3).
    vstarts = np.r_[0, np.flatnonzero(np.diff(village_ids)) + 1] if n else np.zeros(0, int)
    step = rng.integers(1, 4, n)
    csum = np.cumsum(step)
    base = csum - np.repeat(csum[vstarts] - step[vstarts], np.diff(np.r_[vstarts, n]))
    base = (base - 1) % 3999
    sub = np.where(rng.random(n) < 0.12, rng.integers(1, 10, n), 0)
    house_idx = np.where(sub == 0, base, 3999 + base * 9 + sub - 1)
    house_no = pa.DictionaryArray.from_arrays(
        pa.array(house_idx, type=pa.int32()), _house_no_dictionary()
    )

    # Map points: subdistrict centre -> village (within ~3 km) -> house (within ~400 m).
    c_lat, c_lon = geo.random_points_in_province(code, n_sub, rng)
    v_sub = (villages // 100 == cat.sub_codes[sub_idx][:, None]).argmax(axis=0)
    v_lat, v_lon = geo.jitter_in_province(code, c_lat[v_sub], c_lon[v_sub], 0.03, rng)
    h_lat, h_lon = geo.jitter_in_province(code, v_lat[village_ids], v_lon[village_ids], 0.004, rng)
    return ProvinceLayout(
        code=code,
        n=n,
        sub_index=sub_idx[hh_sub_local],
        village_code=vcode,
        village_ids=village_ids,
        villages=villages,
        village_names=pa.array(vocab.village_names(villages), type=pa.string()),
        household_id=household_id,
        house_no=house_no,
        lat=np.round(h_lat, 6),
        lon=np.round(h_lon, 6),
    )
