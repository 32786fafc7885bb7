"""The live MPI of the monitoring dashboard (issue 10, F12): per area, how far the
re-assessed target households have come on the MPI indicators their survey failed.

Definitions (docs/monitor.md, "Live MPI"): a household counts when it is a target
household of the year (the warehouse's flag, unless an active Logbook correction takes
it out: ``followup.HOUSEHOLD_WIDE``), has a re-assessment in the year, and its survey
failed at least one MPI indicator. Only its latest re-assessment counts (the household
page's rule: ``tpmap.logbook.selectors.live_mpi``): a failed indicator passes now when
that assessment answered it ``pass``; not assessed or ``na`` keeps the survey's fail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tpmap.dashboard.monitor.selectors import in_area
from tpmap.logbook import followup
from tpmap.logbook.models import Assessment
from tpmap.warehouse.read import households as warehouse_households
from tpmap.warehouse.read.base import Warehouse


@dataclass
class LiveCount:
    """Re-assessed target households of an area and their survey-failed indicators."""

    households: int = 0  # re-assessed target households with a failed indicator
    all_passing: int = 0  # of them, those passing every indicator their survey failed
    failed: int = 0  # the indicators their surveys failed
    passing: int = 0  # of them, those passing now

    @property
    def share(self) -> float | None:
        """The share of failed indicators passing now, percent with one decimal."""
        return round(100.0 * self.passing / self.failed, 1) if self.failed else None

    def add(self, failed: int, passing: int) -> None:
        self.households += 1
        self.all_passing += int(passing == failed)
        self.failed += failed
        self.passing += passing


def _latest(year: int, area: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """household_id -> (village code, results) of its latest re-assessment in the area."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    rows = (
        in_area(Assessment.objects.all(), year, area)
        .order_by("household_id", "-assessed_on", "-id")
        .values_list("household_id", "village_code", "results")
    )
    for hh, village, results in rows.iterator(chunk_size=followup.BATCH):
        out.setdefault(hh, (village, results))
    return out


def live_mpi(
    wh: Warehouse, *, year: int, area: str, width: int | None = None
) -> tuple[LiveCount, dict[str, LiveCount]]:
    """The area's live MPI and, with ``width``, that of each child area (village codes
    cut to ``width`` digits; children without a counted household are absent). Two
    database queries and one warehouse read, whatever the number of children."""
    latest = _latest(year, area)
    ids = sorted(latest)
    survey = warehouse_households.households_failed(wh, year=year, household_ids=ids)
    excluded = followup.excluded_households(year, ids) if ids else set()
    total, children = LiveCount(), dict[str, LiveCount]()
    for hh in ids:
        is_target, failed = survey.get(hh, (False, []))
        if not is_target or not failed or hh in excluded:
            continue
        village, results = latest[hh]
        passing = sum(1 for no in failed if results.get(str(no)) == "pass")
        total.add(len(failed), passing)
        if width is not None:
            children.setdefault(village[:width], LiveCount()).add(len(failed), passing)
    return total, children
