"""What every build step is given: the engine, the version folder being written, the report
being filled, and the options of the run."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tpmap.core.policies import Policy
from tpmap.warehouse.engine import Engine

# progress(step name, steps done, steps in all)
Progress = Callable[[str, int, int], None]


class BuildError(Exception):
    """A build that cannot go on (missing file or column, bad policy, failed audit): the
    message is for the user. ``report`` is the build report so far, when there is one."""

    def __init__(self, message: str, *, report: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class BuildOptions:
    policies_dir: Path | None = None
    mpi_mappings: dict[str, Path] = field(default_factory=dict)  # questionnaire -> file
    today: date | None = None
    memory_limit: str | None = None
    threads: int | None = None
    # Keep the build's tables compressed in a build file (Engine.use_build_file):
    # True/False, or None to decide by the size of the sources (pipeline.COMPRESS_ABOVE_BYTES).
    compress: bool | None = None


@dataclass
class BuildContext:
    """One build: its engine, the staging folder of the new version and the report."""

    eng: Engine
    staging: Path
    report: dict[str, Any]
    policies: dict[int, Policy]
    options: BuildOptions
    #: The data year built before the one being built (transitions.sql), None at first.
    previous_year: int | None = None
    #: How many sources are read and checked, and tables written, at once (Engine.run_in_lanes).
    lanes: int = 1
    #: The data year built last (its persons are written beside the final steps).
    last_year: int | None = None
    #: Writes still running beside the build (Engine.start_beside): their ``wait``.
    background: list[Callable[[], None]] = field(default_factory=list)

    def join_background(self, *, quiet: bool = False) -> None:
        """Wait for every write started beside the build; ``quiet``: the build has already
        failed, so their own errors are not raised."""
        waits, self.background = self.background, []
        for wait in waits:
            try:
                wait()
            except Exception:
                if not quiet:
                    raise


@dataclass
class YearContext:
    """One data year inside a build; its tables reuse the same names every year."""

    build: BuildContext
    year: int
    dir: Path
    report: dict[str, Any]
    headers: dict[str, list[str]] = field(default_factory=dict)
    questionnaire: str | None = None
    # source name -> the readable copy of a CSV the engine refused (csv_repair.py)
    repaired: dict[str, Path] = field(default_factory=dict)
    #: The engine of the lane running this copy of the context (in_lanes), else None.
    lane_eng: Engine | None = None

    @property
    def eng(self) -> Engine:
        return self.lane_eng or self.build.eng

    def in_lanes(self, tasks: Sequence[Callable[[YearContext], None]]) -> None:
        """Run ``tasks`` ``build.lanes`` at a time (Engine.run_in_lanes), each given a copy
        of this context on its lane's engine; the copies share the report, headers and
        repaired files (tasks must not touch the same tables or keys)."""
        self.eng.run_in_lanes(
            [functools.partial(_on_lane, self, task) for task in tasks], lanes=self.build.lanes
        )

    @property
    def params(self) -> dict[str, Any]:
        return {"year": self.year}


def _on_lane(ctx: YearContext, task: Callable[[YearContext], None], eng: Engine) -> None:
    task(dataclasses.replace(ctx, lane_eng=eng))
