"""The build orchestration: sources of every data year -> the declared steps (steps.py) ->
audits -> a new Parquet version, published atomically (publish.py)."""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from tpmap.core.nid import mask_text
from tpmap.core.policies import Policy, load_policies
from tpmap.warehouse.build import publish, steps
from tpmap.warehouse.build.context import (
    BuildContext,
    BuildError,
    BuildOptions,
    Progress,
    YearContext,
)
from tpmap.warehouse.build.queries import load_sql
from tpmap.warehouse.build.reference import load_reference
from tpmap.warehouse.build.report import write_report
from tpmap.warehouse.build.validation import year_dirs
from tpmap.warehouse.engine import EngineError, EngineOutOfMemory, connect

C = TypeVar("C", BuildContext, YearContext)


class _StepRunner:
    """Runs declared steps, timing each into the report and telling ``progress``."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total = total
        self.progress = progress
        self.timings: list[dict[str, Any]] = []

    def run(self, step: steps.Step[C], ctx: C, label: str) -> None:
        if self.progress:
            self.progress(label, len(self.timings), self.total)
        t0 = time.perf_counter()
        step.run(ctx)
        self.timings.append({"step": label, "seconds": round(time.perf_counter() - t0, 3)})
        if self.progress:
            self.progress(label, len(self.timings), self.total)


def build(
    sources_dir: Path,
    warehouse: Path,
    *,
    options: BuildOptions | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Build every data year of ``sources_dir`` into a new version of ``warehouse`` and
    make it current. Returns the build report. Raises BuildError with a user message;
    then nothing is published and CURRENT is unchanged."""
    options = options or BuildOptions()
    years = year_dirs(sources_dir)
    try:
        policies = load_policies(options.policies_dir)
    except ValueError as e:
        raise BuildError(f"นโยบายเป้าหมายไม่ถูกต้อง / bad target policy: {e}") from None
    with publish.build_lock(warehouse):
        vid, staging = publish.new_staging(warehouse)
        report: dict[str, Any] = {}
        try:
            try:
                _build_into(staging, vid, sources_dir, years, policies, options, progress, report)
            except EngineOutOfMemory as e:
                raise BuildError(
                    "หน่วยความจำไม่พอ / out of memory: raise TPMAP_DUCKDB_MEMORY (now "
                    f"{options.memory_limit or os.environ.get('TPMAP_DUCKDB_MEMORY', '6GB')}) "
                    f"or lower TPMAP_DUCKDB_THREADS. DuckDB said: {mask_text(e.summary)}"
                ) from None
            except EngineError as e:
                # The engine may quote a source row (names, national IDs): only its first
                # line, without quoted values, and masked.
                raise BuildError(
                    f"การสร้างคลังข้อมูลล้มเหลว / build failed: {mask_text(e.summary)}"
                ) from None
            final = publish.put_in_service(warehouse, vid, staging)
        except BuildError as e:
            shutil.rmtree(staging, ignore_errors=True)
            e.report = e.report or report
            raise
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        report["path"] = str(final)
        return report


# Keeping the build's tables compressed (in a build file) keeps a national build under
# 8 GiB (one holding them uncompressed in memory ran out of memory) but costs a small build
# time it never needs (it never comes near the memory limit): only past this much source
# data (a national year is ~3 GB of Parquet, 100,000 households ~60 MB of CSV).
COMPRESS_ABOVE_BYTES = 512 * 2**20


#: Statements of a small build run at once (Engine.run_in_lanes), at most.
LANES = 2


def sources_bytes(years: list[tuple[int, Path]]) -> int:
    """The size of every source file of the build's data years."""
    return sum(f.stat().st_size for _, ydir in years for f in ydir.iterdir() if f.is_file())


def _build_into(
    staging: Path,
    vid: str,
    sources_dir: Path,
    years: list[tuple[int, Path]],
    policies: dict[int, Policy],
    options: BuildOptions,
    progress: Progress | None,
    report: dict[str, Any],
) -> None:
    runner = _StepRunner(steps.step_count(len(years)), progress)
    started = datetime.now(UTC)
    report.update(
        {
            "version": vid,
            "sources_dir": str(sources_dir),
            "started_at": started.isoformat(timespec="seconds"),
            "years": {},
            "steps": runner.timings,
        }
    )
    # In memory, spilling to the version's temp folder past the memory limit; a big build
    # keeps its tables in a database file in that folder instead (Engine.use_build_file).
    compress = options.compress
    if compress is None:
        compress = sources_bytes(years) > COMPRESS_ABOVE_BYTES
    report["compressed_memory"] = compress
    with connect(
        None,
        memory_limit=options.memory_limit,
        threads=options.threads,
        temp_directory=staging / "_tmp",
        build_file=staging / "_tmp" / "build.duckdb" if compress else None,
    ) as eng:
        # Two sources read and checked, or two tables written, at once keep both cores
        # busy (a statement over ~100,000 rows runs on about one); a build big enough to
        # hold its tables compressed runs them one at a time, the way its peak memory was
        # measured at national scale, and so does a build given one thread.
        lanes = 1 if compress else min(LANES, eng.thread_count())
        ctx = BuildContext(eng, staging, report, policies, options, lanes=lanes)
        ctx.last_year = years[-1][0]
        eng.run_script(load_sql("macros.sql"))
        load_reference(eng)
        try:
            for year, ydir in years:
                yr: dict[str, Any] = {"sources": {}}
                report["years"][str(year)] = yr
                yctx = YearContext(ctx, year, ydir, yr)
                for step in steps.YEAR_STEPS:
                    runner.run(step, yctx, f"{year} {step.name}")
            for final_step in steps.FINAL_STEPS:
                runner.run(final_step, ctx, final_step.name)
        except BaseException:
            ctx.join_background(quiet=True)  # before the staging folder and engine go
            raise
    shutil.rmtree(staging / "_tmp", ignore_errors=True)
    shutil.rmtree(staging / "_repaired", ignore_errors=True)
    finished = datetime.now(UTC)
    report["finished_at"] = finished.isoformat(timespec="seconds")
    report["seconds"] = round((finished - started).total_seconds(), 3)
    write_report(report, staging)
