"""National-scale benchmark: generate, build and query a country-sized warehouse.

Each step runs in its own process so its wall time and peak memory (max RSS, from
``os.wait4``) are its own. Query latencies are measured in one process on the built
warehouse (median and 95th percentile over repeated calls, after one warm-up call).

    uv run python benchmarks/national.py                      # 12,935,866 households
    uv run python benchmarks/national.py --households 500000  # a quicker look

Results go to benchmarks/results/<name>.json; the README table is written by hand from it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
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


def time_queries(warehouse: Path, year: int, repeats: int) -> list[dict[str, Any]]:
    from tpmap.warehouse.read.base import Warehouse
    from tpmap.warehouse.read.households import household_document, households_document
    from tpmap.warehouse.read.statistics import summary

    out: list[dict[str, Any]] = []
    with Warehouse(warehouse) as wh:
        biggest = wh.engine.fetchall(
            "SELECT area_code, level FROM area_stats WHERE year = ? AND scope = 'all' AND level IN "
            "('province', 'district', 'subdistrict') "
            "QUALIFY row_number() OVER (PARTITION BY level ORDER BY households_surveyed DESC) = 1",
            [year],
        )
        areas = {"TH": "country", **dict(biggest)}
        cases: list[tuple[str, Any]] = []
        for code, level in areas.items():
            cases.append((f"summary {level} {code}", lambda c=code: summary(wh, year=year, area=c)))
        for code, level in areas.items():
            cases.append(
                (
                    f"households page {level} {code}",
                    lambda c=code: households_document(wh, year=year, area=c),
                )
            )
        province = next(c for c, lv in areas.items() if lv == "province")
        cases += [
            (
                "households page TH dimension=income",
                lambda: households_document(wh, year=year, area="TH", dimension="income"),
            ),
            (
                "households page TH page 100 (offset 2000)",
                lambda: households_document(wh, year=year, area="TH", offset=2000),
            ),
            (
                f"households page {province} indicator filter",
                lambda: households_document(wh, year=year, area=province, indicator=29),
            ),
            (
                f"households page {province} group=1.1",
                lambda: households_document(wh, year=year, area=province, group="1.1"),
            ),
            (
                "households page TH group=2 (11 M households)",
                lambda: households_document(wh, year=year, area="TH", group="2"),
            ),
        ]
        sample = households_document(wh, year=year, area="TH")["items"][0]["household_id"]
        cases.append(
            ("household page", lambda: household_document(wh, year=year, household_id=sample))
        )
        for name, fn in cases:
            fn()  # warm-up: first read of the Parquet footers
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                fn()
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            row = {
                "query": name,
                "median_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            }
            print(f"   {row}", flush=True)
            out.append(row)
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
    args = ap.parse_args()
    name = args.name or (
        "national" if args.households == NATIONAL_HOUSEHOLDS else f"households-{args.households}"
    )
    sources, warehouse = args.work / "sources", args.work / "warehouse"
    tpmap = [sys.executable, "-m", "tpmap.cli"]
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


if __name__ == "__main__":
    main()
