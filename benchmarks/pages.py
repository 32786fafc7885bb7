"""Page times of the public portal and the official reports on a built warehouse.

Runs the Django site in process (test client, no server) on the warehouse given, with a
throw-away SQLite Logbook database holding one province officer, and times each page:
median and 95th percentile over repeated requests after one warm-up request (the first
request of a page also reads its Parquet footers).

    uv run python benchmarks/pages.py --warehouse benchmarks/work/warehouse
    uv run python benchmarks/national.py --keep   # makes that warehouse first

Results go to benchmarks/results/pages.json (``--name`` to change); the README table is
written by hand from it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def _setup(warehouse: Path, tmp: Path) -> None:
    os.environ["TPMAP_WAREHOUSE"] = str(warehouse)
    os.environ["TPMAP_SQLITE"] = str(tmp / "logbook.sqlite3")
    os.environ["TPMAP_DATA_DIR"] = str(tmp)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tpmap.site.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)


def _officer(area: str) -> Any:
    from tpmap.accounts.models import User

    user = User(username=f"bench_{area}", role="province_admin", area_code=area, first_name="bench")
    user.set_unusable_password()
    user.save()
    return user


def _time(client: Any, url: str, repeats: int) -> dict[str, Any]:
    r = client.get(url)  # warm-up
    if r.status_code != 200:
        raise SystemExit(f"{url}: HTTP {r.status_code}")
    times = []
    size = len(r.content)
    for _ in range(repeats):
        t0 = time.perf_counter()
        r = client.get(url)
        _ = r.content
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    row = {
        "page": url,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "bytes": size,
    }
    print(f"   {row}", flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--warehouse", type=Path, default=HERE / "work" / "warehouse")
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--name", default="pages")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _setup(args.warehouse.resolve(), Path(tmp))
        from django.test import Client

        from tpmap.site.warehouse import get_warehouse

        wh = get_warehouse()
        year = wh.years[-1]
        biggest = dict(
            wh.engine.fetchall(
                "SELECT level, area_code FROM area_stats WHERE year = ? AND scope = 'all' "
                "AND level IN ('province', 'district', 'subdistrict', 'village') "
                "QUALIFY row_number() OVER (PARTITION BY level ORDER BY households_surveyed DESC)"
                " = 1",
                [year],
            )
        )
        households = wh.engine.fetchone(
            "SELECT households_surveyed FROM area_stats WHERE year = ? AND scope = 'all' "
            "AND area_code = 'TH'",
            [year],
        )
        province = biggest["province"]
        # The household list is timed on the largest district of that province (the
        # officer's area).
        district = wh.engine.scalar(
            "SELECT area_code FROM area_stats WHERE year = ? AND scope = 'all' "
            "AND level = 'district' AND starts_with(area_code, ?) "
            "ORDER BY households_surveyed DESC LIMIT 1",
            [year, province],
        )
        public = Client()
        urls = [f"/open/{year}/", f"/open/{year}/?card=none", f"/open/{year}/map.json"]
        for level in ("province", "district", "subdistrict", "village"):
            urls.append(f"/open/{year}/{biggest[level]}/")
        urls += [
            f"/open/{year}/{province}/?card=none",
            f"/open/{year}/{province}/?sort=target_rate&dir=desc",
            "/open/about/",
            "/open-data/",
            f"/open-data/{year}/province.csv",
            f"/open-data/{year}/district.xlsx",
            f"/open-data/{year}/village.csv?parent={province}",
            f"/open-data/{year}/village.csv",
        ]
        rows = [_time(public, u, args.repeats) for u in urls]
        officer = Client()
        officer.force_login(_officer(province))
        report_urls = [
            "/reports/",
            f"/monitor/?area={province}&year={year}",
            f"/reports/register/{province}.xlsx",
            f"/reports/register/{province}.pdf",
            f"/reports/mpi/{province}.xlsx",
            f"/reports/assistance/{province}.xlsx",
            f"/reports/households/{district}.xlsx",
            f"/reports/households/{district}.pdf",
            f"/reports/households/{province}.xlsx",
        ]
        # Reports are heavier and rarer: fewer repeats.
        rows += [_time(officer, u, max(3, args.repeats // 4)) for u in report_urls]
        result = {
            "name": args.name,
            "year": year,
            "households": int(households[0]) if households else 0,
            "areas": biggest,
            "repeats": args.repeats,
            "python": sys.version.split()[0],
            "pages": rows,
        }
    out = HERE / "results" / f"{args.name}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
