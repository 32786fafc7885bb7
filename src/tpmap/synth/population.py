"""The people of a province's households: who lives where, with fixed attributes (name,
sex, birth date, NID, disability). Independent of the data year: the same seed gives the
same people in 2562 and 2566 (a person born after 1 January of a year is simply not in
that year's survey)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from tpmap.synth import ids, params, vocab
from tpmap.synth.rng import PERSONS, stream

I64 = NDArray[np.int64]
I8 = NDArray[np.int8]
B = NDArray[np.bool_]
F64 = NDArray[np.float64]

_EPOCH_YEAR = 1970


@dataclass(slots=True)
class People:
    size: I64  # members per household at the reference year
    hh: I64  # household index of each person (sorted)
    relation: I8
    female: B
    birth_year: I64
    birth_doy: I64  # day of year, 1-based
    first_name: I64  # index into vocab.first_name_dictionary()
    last_name: I64  # index into vocab.last_names()
    nid: I64  # 13-digit number, 0 when the person has none on record
    disabled: B
    disability_type: I8  # 1-7, 0 when not disabled
    disability_since: I64  # year the disability card was issued
    chronic_u: F64  # fixed uniforms for yearly draws (chronic illness, occupation, ...)
    occ_u: F64
    edu_u: F64
    card_u: F64
    date_mode: I8  # 0 birth_date only, 1 both, 2 age only
    exit_year: I64  # first Gregorian year the person is no longer a member (leavers)

    def take(self, mask: B) -> People:
        return People(
            size=self.size,
            **{f: getattr(self, f)[mask] for f in self.__slots__ if f != "size"},
        )


def _head_ages(rng: np.random.Generator, size: I64) -> I64:
    n = size.size
    young = rng.normal(50.0, 13.0, n)
    alone = rng.normal(62.0, 14.0, n)
    age = np.where(size == 1, alone, young)
    return np.clip(np.rint(age), 24, 96).astype(np.int64)


def make_people(province: str, n_households: int, seed: int) -> People:
    rng = stream(seed, PERSONS, int(province))
    probs = np.array(params.SIZE_PROBS)
    size = 1 + rng.choice(probs.size, n_households, p=probs / probs.sum()).astype(np.int64)
    # Former members (died or moved out before the reference year) make earlier years'
    # households a little larger, as in the published series.
    leavers = rng.poisson(params.LEAVERS_PER_HOUSEHOLD, n_households).astype(np.int64)
    slots = size + leavers
    n = int(slots.sum())
    hh = np.repeat(np.arange(n_households, dtype=np.int64), slots)
    starts = np.r_[0, np.cumsum(slots)[:-1]]
    slot = np.arange(n, dtype=np.int64) - np.repeat(starts, slots)
    hsize = size[hh]
    leaver = slot >= hsize

    # Relations: slot 0 is the head; slot 1 mostly a spouse; then children, parents,
    # relatives (grandchildren are common in Thai households).
    u = rng.random(n)
    rel = np.full(n, vocab.R_CHILD, dtype=np.int8)
    s1 = slot == 1
    rel[s1 & (u < np.where(hsize == 2, 0.62, 0.8))] = vocab.R_SPOUSE
    rel[s1 & (u >= 0.93)] = vocab.R_PARENT
    rel[s1 & (u >= 0.88) & (u < 0.93)] = vocab.R_RELATIVE
    later = slot >= 2
    rel[later & (u < 0.22)] = vocab.R_RELATIVE
    rel[later & (u >= 0.22) & (u < 0.27) & (slot <= 3)] = vocab.R_PARENT
    rel[later & (u >= 0.995)] = vocab.R_OTHER
    rel[slot == 0] = vocab.R_HEAD
    old = rng.random(n) < 0.6
    rel[leaver] = np.where(old[leaver], vocab.R_PARENT, vocab.R_CHILD)

    head_age = _head_ages(rng, size)[hh]
    head_female = (rng.random(n_households) < 0.38)[hh]
    age = np.zeros(n, dtype=np.int64)
    a = rng.random(n)
    age = np.where(rel == vocab.R_HEAD, head_age, age)
    spouse_age = head_age + np.rint(rng.normal(np.where(head_female, 2.5, -2.5), 4.0)).astype(
        np.int64
    )
    age = np.where(rel == vocab.R_SPOUSE, np.clip(spouse_age, 18, 98), age)
    child_age = head_age - rng.integers(19, 42, n)
    child_age = np.where(child_age < 0, rng.integers(0, 6, n), child_age)
    age = np.where(rel == vocab.R_CHILD, child_age, age)
    parent_age = np.clip(head_age + rng.integers(20, 36, n), 45, 101)
    age = np.where(rel == vocab.R_PARENT, parent_age, age)
    grandchild = head_age - rng.integers(40, 62, n)
    grandchild = np.where(grandchild < 0, rng.integers(0, 16, n), grandchild)
    other = rng.integers(5, 80, n)
    age = np.where(
        (rel == vocab.R_RELATIVE) | (rel == vocab.R_OTHER),
        np.where(a < 0.6, grandchild, other),
        age,
    )
    age = np.where(
        leaver, np.where(old, np.clip(parent_age + 4, 70, 105), rng.integers(20, 33, n)), age
    )
    # First Gregorian year whose 1 January a leaver is no longer a member.
    exit_year = np.where(
        leaver, params.REFERENCE_YEAR - 543 - rng.integers(0, 10, n), 1 << 20
    ).astype(np.int64)

    female = rng.random(n) < 0.5
    female = np.where(rel == vocab.R_HEAD, head_female, female)
    female = np.where(rel == vocab.R_SPOUSE, ~head_female ^ (rng.random(n) < 0.02), female)

    # Birth dates: ages are at 1 January of the reference year.
    ref = params.REFERENCE_YEAR - 543
    birth_year = ref - 1 - age
    birth_doy = rng.integers(1, 366, n)

    male_names, female_names = vocab.first_names()
    first = np.where(
        female,
        len(male_names) + rng.integers(0, len(female_names), n),
        rng.integers(0, len(male_names), n),
    )
    n_last = len(vocab.last_names())
    family = rng.integers(0, n_last, n_households)[hh]
    keep = np.select(
        [
            rel == vocab.R_HEAD,
            rel == vocab.R_SPOUSE,
            rel == vocab.R_CHILD,
            rel == vocab.R_PARENT,
        ],
        [1.0, 0.75, 0.93, 0.5],
        0.4,
    )
    last = np.where(rng.random(n) < keep, family, rng.integers(0, n_last, n))

    # NIDs: digit 1 is 1 for people born from 1984 (registered at birth), else mostly 3.
    g = rng.random(n)
    first_digit = np.where(
        birth_year >= 1984,
        np.where(g < 0.97, 1, 2),
        np.select([g < 0.9, g < 0.95, g < 0.98], [3, 5, 4], 8),
    ).astype(np.int64)
    index = int(province) * ids.PROVINCE_SPAN + ids.SURVEYED_BASE + np.arange(n, dtype=np.int64)
    nid = ids.nid_numbers(index, first_digit, seed)
    nid[rng.random(n) < 0.005] = 0

    p_dis = np.select([age < 15, age < 60, age < 80], [0.008, 0.02, 0.075], 0.14)
    disabled = rng.random(n) < p_dis
    dtype = rng.choice(7, n, p=[0.1, 0.19, 0.5, 0.08, 0.08, 0.03, 0.02]).astype(np.int8) + 1
    dtype[~disabled] = 0
    since = np.maximum(birth_year + 1, 2016 - rng.integers(0, 20, n))
    mode = rng.choice(3, n, p=[0.88, 0.08, 0.04]).astype(np.int8)

    return People(
        size=size,
        hh=hh,
        relation=rel,
        female=female,
        birth_year=birth_year,
        birth_doy=birth_doy,
        first_name=first,
        last_name=last,
        nid=nid,
        disabled=disabled,
        disability_type=dtype,
        disability_since=since,
        chronic_u=rng.random(n),
        occ_u=rng.random(n),
        edu_u=rng.random(n),
        card_u=rng.random(n),
        date_mode=mode,
        exit_year=exit_year,
    )


def birth_dates(p: People) -> NDArray[np.datetime64]:
    years = (p.birth_year - _EPOCH_YEAR).astype("timedelta64[Y]") + np.datetime64("1970", "Y")
    out: NDArray[np.datetime64] = years.astype("datetime64[D]") + (p.birth_doy - 1).astype(
        "timedelta64[D]"
    )
    return out
