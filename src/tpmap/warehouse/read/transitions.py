"""Outcomes across data years of one household (the warehouse's ``transitions`` table,
docs/data-core.md "Outcomes across data years"): how its members' MPI-poor status changed
between consecutive data years. Counts only, no person: the caller audits the read of the
household as it does for the household page."""

from __future__ import annotations

from dataclasses import dataclass

from tpmap.warehouse.read.base import Warehouse


@dataclass(frozen=True, slots=True)
class HouseholdTransition:
    from_year: int
    year: int
    status: str  # stayed, exited, entered, not_resurveyed
    from_dimensions: tuple[str, ...]  # deprived then ((): not MPI-poor or not surveyed then)
    dimensions: tuple[str, ...] | None  # deprived now ((): passes; None: not re-surveyed)
    persons: int


def household_transitions(
    wh: Warehouse, *, year: int, household_id: str
) -> list[HouseholdTransition]:
    """The transitions of the members of ``household_id`` into ``year`` (from the previous
    data year) and out of it (into the next one), grouped by status and dimensions, oldest
    first; [] for a version built before transitions."""
    if "transitions" not in wh.tables:
        return []
    rows = wh.engine.fetchall(
        "SELECT from_year, year, status, from_dimensions, dimensions, count(*) AS persons "
        "FROM transitions WHERE (year = ? AND household_id = ?) "
        "OR (from_year = ? AND from_household_id = ?) "
        "GROUP BY ALL ORDER BY from_year, status, persons DESC",
        [year, household_id, year, household_id],
    )
    return [
        HouseholdTransition(
            from_year=int(f),
            year=int(y),
            status=str(s),
            from_dimensions=tuple(fd or ()),
            dimensions=None if d is None else tuple(d),
            persons=int(n),
        )
        for f, y, s, fd, d, n in rows
    ]
