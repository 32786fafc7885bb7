"""National-scale benchmark: generate, build and query a country-sized warehouse.

Each step runs in its own process so its wall time and peak memory (max RSS, from
``os.wait4``) are its own. Query latencies are measured in one process on the built
warehouse (median and 95th percentile over repeated calls, after one warm-up call), each
beside its floor timed in the same loop, with the load average.

    uv run python benchmarks/national.py                      # 12,935,866 households
    uv run python benchmarks/national.py --households 500000  # a quicker look
    uv run python benchmarks/national.py --reads-only --work /work/bench/national \
        --name national-reads        # only the reads of a warehouse built before

Results go to benchmarks/results/<name>.json; the README table is written by hand from it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
NATIONAL_HOUSEHOLDS = 12_935_866


def run_step(name: str, argv: list[str]) -> dict[str, Any]:
    print(f"== {name}: {' '.join(argv)}", flush=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{name} failed with exit code {code}")
    result = {
        "step": name,
        "seconds": round(seconds, 1),
        "peak_rss_gib": round(usage.ru_maxrss / 1024 / 1024, 2),
    }
    print(f"   {result}", flush=True)
    return result


#: Goals of issue 9 (item 9): one household, a households page at every level (p95).
HOUSEHOLD_GOAL_MS = 30.0
PAGE_GOAL_MS = 50.0
LEVELS = ("country", "province", "district", "subdistrict", "village")


def _timed(
    name: str,
    fn: Callable[[], object],
    floor_name: str,
    floor: Callable[[], object],
    repeats: int,
    goal_ms: float | None = None,
) -> dict[str, Any]:
    """Median and p95 of ``fn`` and of its floor, called alternately in the same loop (so
    the machine's load weighs on both alike), after one warm-up call of each."""
    fn()
    floor()
    load = os.getloadavg()[0]
    times: list[float] = []
    floors: list[float] = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        floor()
        floors.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    floors.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    row = {
        "query": name,
        "goal_p95_ms": goal_ms,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "met": None if goal_ms is None else p95 <= goal_ms,
        "floor": floor_name,
        "floor_median_ms": round(statistics.median(floors), 1),
        "floor_p95_ms": round(floors[int(0.95 * (len(floors) - 1))], 1),
        "load_average": [round(load, 2), round(os.getloadavg()[0], 2)],
    }
    print(f"   {row}", flush=True)
    return row


def _cycle(fn: Callable[[Any], object], items: list[Any]) -> Callable[[], object]:
    """A call of ``fn`` on the next of ``items`` each time (a read of many households)."""
    it = itertools.cycle(items)
    return lambda: fn(next(it))


def time_queries(warehouse: Path, year: int, repeats: int) -> list[dict[str, Any]]:
    from tpmap.core.areas import code_range
    from tpmap.warehouse.read.base import Warehouse
    from tpmap.warehouse.read.households import household_document, households_document
    from tpmap.warehouse.read.statistics import summary

    out: list[dict[str, Any]] = []
    with Warehouse(warehouse) as wh:
        eng = wh.engine

        def round_trip() -> object:
            return eng.scalar("SELECT 1")

        def scan_floor(table: str, area: str) -> Callable[[], object]:
            """Reading the household ids of an area's rows of ``table``: the least a list of
            that area reads (the row groups its village range cannot skip, one column)."""
            where, params = "year = ?", [year]
            if area != "TH":
                where += " AND village_code >= ? AND village_code < ?"
                params += list(code_range(area))
            sql = f"SELECT max(household_id) FROM {table} WHERE {where}"
            return lambda: eng.scalar(sql, params)

        out.append(_timed("round trip (SELECT 1)", round_trip, "none", lambda: None, repeats))
        # Areas of every level: the largest by households and by MPI-poor households (the
        # default list reads the MPI-poor), and one of median size.
        areas: dict[str, str] = {"TH": "country"}
        for level in LEVELS[1:]:
            ranked = eng.fetchall(
                "SELECT area_code, households_surveyed, mpi_poor_households FROM area_stats "
                "WHERE year = ? AND scope = 'all' AND level = ? "
                "ORDER BY households_surveyed DESC, area_code",
                [year, level],
            )
            by_poor = max(ranked, key=lambda r: (r[2], r[0]))
            areas.setdefault(ranked[0][0], f"{level}, largest")
            areas.setdefault(by_poor[0], f"{level}, most MPI-poor")
            areas.setdefault(ranked[len(ranked) // 2][0], f"{level}, median")
        for code, what in areas.items():
            if what == "country" or what.endswith("largest"):
                out.append(
                    _timed(
                        f"summary {what} {code}",
                        lambda c=code: summary(wh, year=year, area=c),
                        "round trip",
                        round_trip,
                        repeats,
                    )
                )
        for code, what in areas.items():
            out.append(
                _timed(
                    f"households page {what} {code}",
                    lambda c=code: households_document(wh, year=year, area=c),
                    "area ids of poor_households",
                    scan_floor("poor_households", code),
                    repeats,
                    PAGE_GOAL_MS,
                )
            )
        province = next(c for c, what in areas.items() if what == "province, largest")
        indicator = wh.mpi_indicators(year)[-1]
        filtered: list[tuple[str, Callable[[], object], str, str, float | None]] = [
            (
                "households page TH dimension=income",
                lambda: households_document(wh, year=year, area="TH", dimension="income"),
                "poor_households",
                "TH",
                PAGE_GOAL_MS,
            ),
            (
                "households page TH page 100 (offset 2000)",
                lambda: households_document(wh, year=year, area="TH", offset=2000),
                "poor_households",
                "TH",
                PAGE_GOAL_MS,
            ),
            (
                f"households page {province} indicator={indicator}",
                lambda: households_document(wh, year=year, area=province, indicator=indicator),
                "poor_households",
                province,
                PAGE_GOAL_MS,
            ),
            (
                f"households page {province} group=1.1",
                lambda: households_document(wh, year=year, area=province, group="1.1"),
                "households",
                province,
                None,
            ),
            (
                "households page TH group=2 (11 M households)",
                lambda: households_document(wh, year=year, area="TH", group="2"),
                "households",
                "TH",
                None,
            ),
        ]
        for name, fn, table, area, goal in filtered:
            out.append(
                _timed(name, fn, f"area ids of {table}", scan_floor(table, area), repeats, goal)
            )

        # One household: the first of the country's list (as before), and 50 households
        # drawn across the country, one after another; with the village the API passes
        # (found by the Logbook's locate) and without it (the CLI).
        sample = households_document(wh, year=year, area="TH")["items"][0]["household_id"]
        drawn = [
            (str(h), str(v))
            for h, v in eng.fetchall(
                "SELECT household_id, village_code FROM households WHERE year = ? "
                "ORDER BY hash(household_id), household_id LIMIT 50",
                [year],
            )
        ]
        first = (
            sample,
            str(
                eng.scalar(
                    "SELECT village_code FROM households WHERE year = ? AND household_id = ?",
                    [year, sample],
                )
            ),
        )

        def row_groups(hv: tuple[str, str]) -> object:
            """One column of the households and persons row groups holding the household,
            in the files that can hold it (the parts of a big year): the least a read of
            it decodes."""
            for table in ("households", "persons"):
                key = {"household_id": hv[0], "village_code": hv[1]}
                source = wh.lookup_source(table, year, key)
                assert source is not None
                relation, params = source
                eng.fetchall(
                    f"SELECT household_id FROM {relation} "
                    "WHERE household_id = ? AND village_code = ?",
                    [*params, *hv],
                )
            return None

        for what, chosen in (("the first of the country's list", [first]), ("50 drawn", drawn)):
            out.append(
                _timed(
                    f"household page, {what}, with village_code",
                    _cycle(
                        lambda hv: household_document(
                            wh, year=year, household_id=hv[0], village_code=hv[1]
                        ),
                        chosen,
                    ),
                    "one column of its households and persons row groups",
                    _cycle(row_groups, chosen),
                    repeats,
                    HOUSEHOLD_GOAL_MS,
                )
            )
            out.append(
                _timed(
                    f"household page, {what}, without village_code",
                    _cycle(
                        lambda hv: household_document(wh, year=year, household_id=hv[0]),
                        chosen,
                    ),
                    "one column of its households and persons row groups",
                    _cycle(row_groups, chosen),
                    repeats,
                    HOUSEHOLD_GOAL_MS,
                )
            )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=NATIONAL_HOUSEHOLDS)
    ap.add_argument("--year", type=int, default=2566)
    ap.add_argument("--seed", type=int, default=2566)
    ap.add_argument("--work", type=Path, default=HERE / "work")
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument("--name", default=None)
    ap.add_argument("--keep", action="store_true", help="keep the generated data")
    ap.add_argument("--skip-synth", action="store_true")
    ap.add_argument(
        "--reads-only",
        action="store_true",
        help="time the reads of the warehouse already in --work (no synth, no build)",
    )
    args = ap.parse_args()
    name = args.name or (
        "national" if args.households == NATIONAL_HOUSEHOLDS else f"households-{args.households}"
    )
    sources, warehouse = args.work / "sources", args.work / "warehouse"
    tpmap = [sys.executable, "-m", "tpmap.cli"]
    if args.reads_only:
        reads_only(warehouse, args.year, args.repeats, name)
        return
    steps = []
    if not args.skip_synth:
        shutil.rmtree(args.work, ignore_errors=True)
        steps.append(
            run_step(
                "synth",
                [
                    *tpmap,
                    "synth",
                    "--out",
                    str(sources),
                    "--year",
                    str(args.year),
                    "--households",
                    str(args.households),
                    "--seed",
                    str(args.seed),
                    "--format",
                    "parquet",
                    "--json",
                ],
            )
        )
    shutil.rmtree(warehouse, ignore_errors=True)
    steps.append(
        run_step(
            "build",
            [*tpmap, "build", "--sources", str(sources), "--warehouse", str(warehouse), "--json"],
        )
    )
    from tpmap.warehouse.layout import current_version

    version = current_version(warehouse)
    assert version is not None
    report = json.loads((version / "build_report.json").read_text())
    queries = time_queries(warehouse, args.year, args.repeats)
    manifest = sources / str(args.year) / "synth_manifest.json"
    result = {
        "name": name,
        "households": args.households,
        "year": args.year,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "memory_gib": round(
                os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1
            ),
        },
        "steps": steps,
        "build_steps": report["steps"],
        "rows": {k: v["rows_read"] for k, v in report["years"][str(args.year)]["sources"].items()},
        "synth_manifest": json.loads(manifest.read_text()) if manifest.is_file() else None,
        "queries": queries,
        "warehouse_bytes": sum(p.stat().st_size for p in version.rglob("*") if p.is_file()),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    out = HERE / "results" / f"{name}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {out}")
    if not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)


def reads_only(warehouse: Path, year: int, repeats: int, name: str) -> None:
    """Time the reads of a built warehouse, read only (nothing is written to it)."""
    from tpmap.warehouse.layout import current_version

    version = current_version(warehouse)
    if version is None:
        raise SystemExit(f"no warehouse built at {warehouse}")
    report = json.loads((version / "build_report.json").read_text())
    load = os.getloadavg()
    queries = time_queries(warehouse, year, repeats)
    result = {
        "name": name,
        "warehouse": str(warehouse),
        "version": version.name,
        "households": report["years"][str(year)]["households"],
        "year": year,
        "repeats": repeats,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "memory_gib": round(
                os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1
            ),
        },
        "load_average_before": [round(x, 2) for x in load],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "queries": queries,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    out = HERE / "results" / f"{name}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
