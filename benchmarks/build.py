"""Build speed against its I/O floor (issue 9 item 9): how many times the cost of merely
reading every source file and writing it to Parquet does a whole build cost?

One synthetic data year (CSV sources by default, as provinces deliver them) is generated
once; then, alternating ROUNDS times so that a busy machine slows both alike:
- the floor: one DuckDB process reads every source file of the year as text (as the build
  does) and writes each to a zstd Parquet file;
- the build: ``tpmap build`` of the same folder into a new warehouse, with its own step
  times from the build report.
Each runs in its own process (wall time, peak RSS from ``os.wait4``). The ratio is build /
floor of the same round; the result keeps every round and the median ratio.

    uv run python benchmarks/build.py                          # 100,000 households, CSV
    uv run python benchmarks/build.py --households 500000 --format parquet

Results: benchmarks/results/build-<households>-<format>.json; with ``--key NAME`` the run is
added to that file under NAME, keeping the figures already there.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
WORK = HERE / "work" / "build"
YEAR = 2566

FLOOR_SCRIPT = """
import sys, duckdb
from pathlib import Path
src, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
con = duckdb.connect()
for f in sorted(src.iterdir()):
    if f.suffix == ".csv":
        rel = f"read_csv('{f}', header = true, all_varchar = true, null_padding = true)"
    elif f.suffix == ".parquet":
        rel = f"read_parquet('{f}')"
    else:
        continue
    con.execute(
        f"COPY (SELECT * FROM {rel}) TO '{out / (f.stem + '.parquet')}' "
        "(FORMAT parquet, COMPRESSION zstd)"
    )
"""


def timed(argv: list[str]) -> dict[str, Any]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return {"seconds": round(seconds, 2), "peak_rss_gib": round(usage.ru_maxrss / 2**20, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--provinces", default="34,35")
    parser.add_argument("--key", help="store the run under this key of the results file")
    args = parser.parse_args()
    sources = WORK / f"sources-{args.households}-{args.format}"
    if not (sources / str(YEAR)).is_dir():
        shutil.rmtree(sources, ignore_errors=True)
        subprocess.run(
            [
                sys.executable, "-m", "tpmap.cli", "synth", "--out", str(sources),
                "--year", str(YEAR), "--households", str(args.households),
                "--provinces", args.provinces, "--seed", "11", "--format", args.format,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
    rounds: list[dict[str, Any]] = []
    for i in range(args.rounds):
        floor_out = WORK / "floor"
        shutil.rmtree(floor_out, ignore_errors=True)
        floor = timed(
            [sys.executable, "-c", FLOOR_SCRIPT, str(sources / str(YEAR)), str(floor_out)]
        )
        warehouse = WORK / "warehouse"
        shutil.rmtree(warehouse, ignore_errors=True)
        build = timed(
            [
                sys.executable, "-m", "tpmap.cli", "build", "--sources", str(sources),
                "--warehouse", str(warehouse),
            ]
        )  # fmt: skip
        report = json.loads(
            next((warehouse / "versions").glob("*/build_report.json")).read_text("utf-8")
        )
        round_ = {
            "round": i + 1,
            "floor": floor,
            "build": build,
            "build_steps": {s["step"]: s["seconds"] for s in report["steps"]},
            "ratio": round(build["seconds"] / floor["seconds"], 2),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        }
        print(json.dumps(round_, ensure_ascii=False), flush=True)
        rounds.append(round_)
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "households": args.households,
        "format": args.format,
        "cpus": os.cpu_count(),
        "median_ratio": statistics.median(r["ratio"] for r in rounds),
        "median_build_seconds": statistics.median(r["build"]["seconds"] for r in rounds),
        "median_floor_seconds": statistics.median(r["floor"]["seconds"] for r in rounds),
        "rounds": rounds,
    }
    out = HERE / "results" / f"build-{args.households}-{args.format}.json"
    if args.key:
        kept = json.loads(out.read_text("utf-8")) if out.exists() else {}
        result = {**kept, args.key: result}
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shown = result[args.key] if args.key else result
    print(json.dumps({k: v for k, v in shown.items() if k != "rounds"}, indent=2))


if __name__ == "__main__":
    main()
