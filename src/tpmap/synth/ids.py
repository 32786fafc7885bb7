"""Deterministic, unique identifiers, vectorised: national IDs and DOPA-like house codes.

Uniqueness comes from bijections: a person's NID digits 2-12 are a keyed permutation
(a small Feistel network over 10**11) of a global person index, so distinct indices give
distinct NIDs without any lookup table. House codes do the same within a district.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

I64 = NDArray[np.int64]
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)

# Person index space (digits 2-12 of the NID, before permutation): province * 10**9 + local.
PROVINCE_SPAN = 10**9
SURVEYED_BASE = 0  # surveyed persons: local index 0 ..
POOL_BASE = 500_000_000  # registry people who are not surveyed
DIRTY_BASE = 900_000_000  # NIDs for injected bad rows


def mix(x: NDArray[np.uint64], key: int) -> NDArray[np.uint64]:
    """A 64-bit hash (splitmix64 finaliser) of x and a key; wraps modulo 2**64."""
    with np.errstate(over="ignore"):
        z = x + np.uint64(key & 0xFFFFFFFFFFFFFFFF) * _M1
        z = (z ^ (z >> np.uint64(30))) * _M2
        z = (z ^ (z >> np.uint64(27))) * _M3
        out: NDArray[np.uint64] = z ^ (z >> np.uint64(31))
        return out


def feistel(x: I64, left_mod: int, right_mod: int, key: int, rounds: int = 4) -> I64:
    """A keyed permutation of [0, left_mod * right_mod)."""
    left = x // right_mod
    right = x % right_mod
    for r in range(rounds):
        k = key * 1_000_003 + r
        if r % 2 == 0:
            f = mix(right.astype(np.uint64), k) % np.uint64(left_mod)
            left = (left + f.astype(np.int64)) % left_mod
        else:
            f = mix(left.astype(np.uint64), k) % np.uint64(right_mod)
            right = (right + f.astype(np.int64)) % right_mod
    out: I64 = left * right_mod + right
    return out


def _check_digit(first: I64, n_digits: int) -> I64:
    """NID-style check digit of ``n_digits``-digit numbers: weights n_digits+1 .. 2."""
    s = np.zeros(first.shape, dtype=np.int64)
    x = first.copy()
    for w in range(2, n_digits + 2):  # from the last digit (weight 2) to the first
        s += (x % 10) * w
        x //= 10
    out: I64 = (11 - s % 11) % 10
    return out


@cache
def _weighted_digit_sums(n_digits: int, top_weight: int) -> I64:
    """For every number below 10**n_digits, the sum of its digits times weights
    top_weight, top_weight-1, ... from the first digit."""
    x = np.arange(10**n_digits, dtype=np.int64)
    s = np.zeros_like(x)
    for i in range(n_digits):  # i-th digit from the right has weight top - n_digits + 1 + i
        s += (x % 10) * (top_weight - n_digits + 1 + i)
        x //= 10
    return s


def nid_numbers(index: I64, first_digit: I64, seed: int) -> I64:
    """13-digit NIDs (as integers) for global person indices; valid checksum, unique for
    distinct indices (< 10**11)."""
    body = feistel(index, 10**5, 10**6, key=seed * 7 + 1)
    # Checksum weights: 13 for the first digit, 12..8 for digits 2-6, 7..2 for digits 7-12.
    s = (
        first_digit * 13
        + _weighted_digit_sums(5, 12)[body // 10**6]
        + _weighted_digit_sums(6, 7)[body % 10**6]
    )
    out: I64 = (first_digit * 10**11 + body) * 10 + (11 - s % 11) % 10
    return out


def house_numbers(district: I64, local_index: I64, seed: int) -> I64:
    """11-digit DOPA-like house codes: 4-digit district + 6-digit serial + check digit.
    ``local_index`` must be unique within the district and < 10**6."""
    serial = feistel(local_index, 1000, 1000, key=seed * 11 + 5)
    first10 = district * 10**6 + serial
    out: I64 = first10 * 10 + _check_digit(first10, 10)
    return out


def to_strings(numbers: I64) -> pa.Array:
    """Integers as decimal strings (no padding needed: every id here starts with 1-9)."""
    return pa.array(numbers, type=pa.int64()).cast(pa.string())
