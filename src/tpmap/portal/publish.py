"""The publication rule of the portal and its downloads.

A published count from 1 to 4 is suppressed: pages show "<5", files leave the cell empty
and name the column in a flag column. A rate (or a star axis) is suppressed when any count
it is computed from is suppressed, so it can never give a suppressed count back.
"""

from __future__ import annotations

from dataclasses import dataclass

SUPPRESS_BELOW = 5
SUPPRESSED_TEXT = "<5"


def suppressed(n: int | None) -> bool:
    return n is not None and 0 < n < SUPPRESS_BELOW


@dataclass(frozen=True, slots=True)
class Count:
    """A count as published: ``value`` is None when suppressed."""

    value: int | None

    @classmethod
    def of(cls, n: int | None) -> Count:
        return cls(None if suppressed(n) else int(n or 0))

    @property
    def is_suppressed(self) -> bool:
        return self.value is None

    @property
    def sort_key(self) -> float:
        # Every suppressed count sorts as one value between 0 and 5: the order never
        # ranks suppressed counts among themselves.
        return 2.5 if self.value is None else float(self.value)

    def __str__(self) -> str:
        return SUPPRESSED_TEXT if self.value is None else f"{self.value:,}"


def rate(numerator: int, denominator: int, *, scale: float = 100.0) -> float | None:
    """numerator / denominator x scale, or None when either count is suppressed or the
    denominator is 0."""
    if suppressed(numerator) or suppressed(denominator) or not denominator:
        return None
    return round(scale * numerator / denominator, 1)


def star_axis(dimension_target: int, target: int) -> float | None:
    """INDICATORS.md section 3: 100 x (1 - target deprived in d / target), 100 without
    target persons; None when either count is suppressed."""
    if not target:
        return 100.0
    if suppressed(dimension_target) or suppressed(target):
        return None
    return round(100.0 * (1 - dimension_target / target), 2)
