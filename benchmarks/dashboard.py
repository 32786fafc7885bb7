"""Monitoring dashboard benchmark: a national Logbook volume, timed page by page.

Builds a small warehouse (``tpmap synth`` + ``tpmap build`` on a few provinces) for the
target counts, migrates a fresh Logbook database (SQLite by default, or ``DATABASE_URL``),
fills it with bulk_create (problems, activities, mentors and pins spread over the real
village codes of every province: the warehouse's own households where it has them, and
made-up household ids elsewhere), rebuilds the follow-up rows (``followup.rebuild``, what
``tpmap_followup_rebuild`` runs), on PostgreSQL runs VACUUM ANALYZE (as autovacuum would
after a bulk load), and times ``/monitor/`` through Django's test client,
logged in as a national, a province and a district account.

    uv run python benchmarks/dashboard.py                               # 500k/500k/200k/200k
    uv run python benchmarks/dashboard.py --problems 50000 --activities 50000 \\
        --mentors 20000 --pins 20000 --name dashboard-small            # a quicker look
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dash uv run python benchmarks/dashboard.py \\
        --name dashboard-pg                                             # on PostgreSQL

Results go to benchmarks/results/<name>.json; the README section is written by hand from it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
YEAR = 2566
AGENCIES = [
    "สำนักงานพัฒนาชุมชนอำเภอ",
    "โรงพยาบาลส่งเสริมสุขภาพตำบล",
    "องค์การบริหารส่วนตำบล",
    "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด",
    "สำนักงานเกษตรอำเภอ",
    "สำนักงานศึกษาธิการจังหวัด",
    "ที่ว่าการอำเภอ",
    "สำนักงานสาธารณสุขอำเภอ",
    "สำนักงานแรงงานจังหวัด",
    "การไฟฟ้าส่วนภูมิภาค",
    "สำนักงานประปา",
    "มูลนิธิ",
    "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร",
    "สำนักงานปศุสัตว์อำเภอ",
    "สำนักงานประมงอำเภอ",
    "กศน.อำเภอ",
    "เทศบาลตำบล",
    "สำนักงานจังหวัด",
    "ศูนย์พัฒนาฝีมือแรงงาน",
    "สำนักงานท้องถิ่นอำเภอ",
]
DIMENSIONS = ["health", "living", "education", "income", "access", ""]
STATUSES = ["open", "in_progress", "resolved"]
FIRST_DAY = date(2023, 10, 1)  # a fiscal year (Oct 2023 - Sep 2024) of Logbook work
DAYS = 366


def run(argv: list[str]) -> float:
    print("==", " ".join(argv), flush=True)
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return round(time.perf_counter() - t0, 1)


def build_warehouse(root: Path, provinces: str, households: int) -> dict[str, float]:
    tpmap = str(Path(sys.executable).parent / "tpmap")
    sources, wh = root / "sources", root / "warehouse"
    synth = [tpmap, "synth", "--out", str(sources), "--year", str(YEAR)]
    synth += ["--households", str(households), "--provinces", provinces, "--seed", "7"]
    return {
        "synth_s": run(synth),
        "build_s": run([tpmap, "build", "--sources", str(sources), "--warehouse", str(wh)]),
    }


def setup_django(root: Path, warehouse: Path) -> None:
    os.environ["TPMAP_WAREHOUSE"] = str(warehouse)
    os.environ.setdefault("TPMAP_DATA_DIR", str(root))
    os.environ.setdefault("TPMAP_SQLITE", str(root / "logbook.sqlite3"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tpmap.site.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        # A benchmark database starts empty: drop what an earlier run left.
        call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", "--noinput", verbosity=0)


def households(n_households: int, seed: int) -> list[tuple[str, str, bool]]:
    """(household_id, village_code, is_target): every household of the warehouse, and
    made-up ones in villages of every province of the catalog up to ``n_households``."""
    from tpmap.core import areas
    from tpmap.site.warehouse import get_warehouse

    wh = get_warehouse()
    real = [
        (str(h), str(v), bool(t))
        for h, v, t in wh.engine.fetchall(
            "SELECT household_id, village_code, target_members > 0 FROM households WHERE year = ?",
            [YEAR],
        )
    ]
    rng = random.Random(seed)
    subdistricts = [a.code for a in areas.admin_areas() if a.level == "subdistrict"]
    made_up = []
    for i in range(max(0, n_households - len(real))):
        village = f"{rng.choice(subdistricts)}{rng.randint(1, 12):02d}"
        # About a third of the households the Logbook follows are target households.
        made_up.append((f"9{village}{i:06d}"[:32], village, rng.random() < 0.35))
    return real + made_up


def _day(rng: random.Random) -> date:
    return FIRST_DAY + timedelta(days=rng.randrange(DAYS))


def fill(args: argparse.Namespace, users: dict[str, Any]) -> dict[str, Any]:
    from tpmap.logbook.models import Activity, Mentor, Pin, Problem

    rng = random.Random(args.seed)
    hh = households(args.households, args.seed)
    by_id = {h: (v, t) for h, v, t in hh}
    ids = list(by_id)
    author = users["national"]
    timings: dict[str, Any] = {"households": len(ids)}
    batch = 20_000

    def bulk(model: Any, make: Any, n: int) -> float:
        t0 = time.perf_counter()
        rows = []
        for i in range(n):
            rows.append(make(i))
            if len(rows) == batch:
                model.objects.bulk_create(rows, batch_size=batch)
                rows = []
        model.objects.bulk_create(rows, batch_size=batch)
        return round(time.perf_counter() - t0, 1)

    def problem(i: int) -> Problem:
        h = rng.choice(ids)
        day = _day(rng)
        status = rng.choice(STATUSES)
        return Problem(
            year=YEAR,
            household_id=h,
            village_code=by_id[h][0],
            created_by=author,
            title="ปัญหา",
            performer="ทีม",
            agency=rng.choice(AGENCIES),
            occurred_on=day,
            dimension=rng.choice(DIMENSIONS),
            status=status,
            resolved_on=min(day + timedelta(days=rng.randrange(90)), date(2024, 9, 30))
            if status == "resolved"
            else None,
        )

    def activity(i: int) -> Activity:
        h = rng.choice(ids)
        return Activity(
            year=YEAR,
            household_id=h,
            village_code=by_id[h][0],
            created_by=author,
            name="ช่วยเหลือ",
            performer="ทีม",
            agency=rng.choice(AGENCIES),
            start_on=_day(rng),
            indicator=rng.choice([None, *range(1, 39)]),
        )

    mentored = rng.sample(ids, min(args.mentors, len(ids)))
    pinned = rng.sample(ids, min(args.pins, len(ids)))

    def mentor(i: int) -> Mentor:
        h = mentored[i]
        return Mentor(
            year=YEAR,
            household_id=h,
            village_code=by_id[h][0],
            name="ทีมพี่เลี้ยง",
            agency=rng.choice(AGENCIES),
            assigned_on=_day(rng),
            assigned_by=author,
        )

    def pin(i: int) -> Pin:
        h = pinned[i]
        d = _day(rng)
        return Pin(
            household_id=h,
            year=YEAR,
            village_code=by_id[h][0],
            latitude=Decimal("15.200000"),
            longitude=Decimal("104.800000"),
            source="gps",
            set_by=author,
            set_at=datetime(d.year, d.month, d.day, 3, tzinfo=UTC),
        )

    timings["problems_s"] = bulk(Problem, problem, args.problems)
    timings["activities_s"] = bulk(Activity, activity, args.activities)
    timings["mentors_s"] = bulk(Mentor, mentor, len(mentored))
    set_at = Pin._meta.get_field("set_at")
    set_at.auto_now = False  # type: ignore[attr-defined]  # keep the spread dates
    try:
        timings["pins_s"] = bulk(Pin, pin, len(pinned))
    finally:
        set_at.auto_now = True  # type: ignore[attr-defined]

    from tpmap.logbook import followup

    targets = {h for h, (_, t) in by_id.items() if t}
    t0 = time.perf_counter()
    timings["followed_households"] = followup.rebuild(YEAR, targets)
    timings["followup_rebuild_s"] = round(time.perf_counter() - t0, 1)
    return timings


def make_users() -> dict[str, Any]:
    from tpmap.accounts.models import User

    specs = {
        "national": ("national_admin", "TH"),
        "province 34": ("province_admin", "34"),
        "district 3401": ("district_chief", "3401"),
    }
    out = {}
    for name, (role, area) in specs.items():
        u, _ = User.objects.get_or_create(
            username=f"bench.{area}", defaults={"role": role, "area_code": area}
        )
        out[name] = u
    return out


def time_pages(users: dict[str, Any], repeats: int) -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    out = []
    cases = [(name, user, "") for name, user in users.items()]
    cases.append(("national, drill-down to subdistrict 340101", users["national"], "340101"))
    for name, user, area in cases:
        client = Client()
        client.force_login(user)
        url = f"/monitor/?area={area}" if area else "/monitor/"
        assert client.get(url).status_code == 200  # warm-up
        queries: list[str] = []

        def count(execute: Any, sql: str, *a: Any, _q: list[str] = queries) -> Any:
            _q.append(sql)
            return execute(sql, *a)

        # A wrapper, not the debug query log: each request resets that log.
        with connection.execute_wrapper(count):
            client.get(url)
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200
        times.sort()
        row = {
            "page": f"/monitor/ {name}",
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "queries": len(queries),
        }
        print(f"   {row}", flush=True)
        out.append(row)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--problems", type=int, default=500_000)
    ap.add_argument("--activities", type=int, default=500_000)
    ap.add_argument("--mentors", type=int, default=200_000)
    ap.add_argument("--pins", type=int, default=200_000)
    ap.add_argument("--households", type=int, default=400_000, help="households followed")
    ap.add_argument("--provinces", default="34,35,10", help="provinces of the warehouse")
    ap.add_argument("--warehouse-households", type=int, default=30_000)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--name", default="dashboard")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="tpmap-dash-") as tmp:
        root = Path(tmp)
        result: dict[str, Any] = {
            "name": args.name,
            "arguments": vars(args),
            "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
            "measured_on": date.today().isoformat(),
        }
        result["warehouse"] = build_warehouse(root, args.provinces, args.warehouse_households)
        setup_django(root, root / "warehouse")
        from django.db import connection

        result["database"] = connection.vendor
        users = make_users()
        result["fill"] = fill(args, users)
        print(f"   {result['fill']}", flush=True)
        if connection.vendor == "postgresql":
            # What autovacuum does within minutes of a bulk load: statistics for the
            # planner and a visibility map for index-only scans.
            t0 = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            result["fill"]["vacuum_analyze_s"] = round(time.perf_counter() - t0, 1)
        result["pages"] = time_pages(users, args.repeats)
        if connection.vendor == "postgresql":
            from django.core.management import call_command

            call_command("flush", "--noinput", verbosity=0)  # leave the database empty
        out = HERE / "results" / f"{args.name}.json"
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"written {out}")


if __name__ == "__main__":
    main()
