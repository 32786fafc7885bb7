"""The publication rule of the portal and its downloads, as the pages apply it.

The warehouse build decides which counts are hidden (tpmap.warehouse.build.suppression): a count
from 1 to 4, and every count that subtraction within the area hierarchy would turn back
into a hidden one. The portal reads the published tables, where a hidden count is None:
pages show "*", files leave the cell empty and name the column in a flag column. A rate
(or a star axis) is hidden when any count it is computed from is hidden, so it can never
give a hidden count back.
"""

from __future__ import annotations

from dataclasses import dataclass

from tpmap.core.disclosure import SUPPRESS_BELOW

__all__ = ["SUPPRESSED_TEXT", "SUPPRESS_BELOW", "Count", "rate", "star_axis", "suppressed"]

SUPPRESSED_TEXT = "*"


def suppressed(n: int | None) -> bool:
    """The primary rule: a count from 1 to SUPPRESS_BELOW - 1."""
    return n is not None and 0 < n < SUPPRESS_BELOW


@dataclass(frozen=True, slots=True)
class Count:
    """A count as published: ``value`` is None when hidden."""

    value: int | None

    @classmethod
    def of(cls, n: int | None) -> Count:
        """A count of the published tables (None = hidden; never a small number)."""
        assert not suppressed(n), "published tables never hold a count from 1 to 4"
        return cls(None if n is None else int(n))

    @property
    def is_suppressed(self) -> bool:
        return self.value is None

    @property
    def sort_key(self) -> float:
        # Every hidden count sorts as one value just above 0: the order never ranks hidden
        # counts among themselves, so sorting cannot tell their sizes.
        return 0.5 if self.value is None else float(self.value)

    def __str__(self) -> str:
        return SUPPRESSED_TEXT if self.value is None else f"{self.value:,}"


def rate(numerator: int | None, denominator: int | None, *, scale: float = 100.0) -> float | None:
    """numerator / denominator x scale, or None when either count is hidden or the
    denominator is 0."""
    if numerator is None or denominator is None or not denominator:
        return None
    return round(scale * numerator / denominator, 1)


def star_axis(dimension_target: int | None, target: int | None) -> float | None:
    """INDICATORS.md section 3: 100 x (1 - target deprived in d / target), 100 without
    target persons; None when either count is hidden."""
    if target == 0:
        return 100.0
    if dimension_target is None or target is None:
        return None
    return round(100.0 * (1 - dimension_target / target), 2)
