"""The server's CPU per API request of the load benchmark's field mix, in-process (issue 14).

Calls the WSGI application the way gunicorn does (one environ per request, every
middleware), one kind of request at a time, and prints for each kind the CPU
milliseconds per request (``time.process_time``: this process's CPU, PostgreSQL's is
not in it), the wall milliseconds and the SQL statements each request sends:

* ``household``: ``GET /api/v1/households/{year}/{id}`` (audited, rate limited)
* ``search``:    ``GET /api/v1/households?year=&area=&limit=20&offset=`` (rate limited)
* ``write``:     ``POST /api/v1/households/{year}/{id}/problems`` with a client_id
* ``floor``:     ``GET /api/v1/me`` (the token check and nothing else)

The writes run first (the default order), so the household reads find what a load run
leaves (on a fresh database, --requests 300 gives the 500 households read about 0.6
problems each). Compare runs on fresh databases: every run adds its problems.

It needs what ``benchmarks/load.py`` sets up: a migrated database (DATABASE_URL) and the
warehouse of one province (TPMAP_WAREHOUSE; ``load.py`` builds it under
benchmarks/work/load/warehouse). Runs with the production settings (TPMAP_PRODUCTION=1,
TPMAP_RATE_LIMIT_SCALE=1000 as the load benchmark). ``--profile KIND`` prints the
cProfile of that kind's requests (the functions with the most time of their own and
cumulated). Each kind's CPU is split into the warehouse's reads (DuckDB) and the rest.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tpmap_prof \\
      TPMAP_WAREHOUSE=benchmarks/work/load/warehouse \\
      uv run python benchmarks/request_cpu.py [--requests 300] [--profile household]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

os.environ.setdefault("TPMAP_PRODUCTION", "1")
os.environ.setdefault("TPMAP_SECRET_KEY", "request-cpu-benchmark-" + "k" * 50)
os.environ.setdefault("TPMAP_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("TPMAP_RATE_LIMIT_SCALE", "1000")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tpmap.site.settings")

YEAR = 2566
DISTRICT = "3401"
USERNAME = "request.cpu.officer"


def setup() -> tuple[Any, str]:
    """The WSGI application and a bearer token of a district officer of DISTRICT."""
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application

    from tpmap.accounts.models import User
    from tpmap.accounts.tokens import token_issue

    user = User.objects.filter(username=USERNAME).first()
    if user is None:
        user = User.objects.create_user(
            username=USERNAME, password=uuid.uuid4().hex, role="district_chief", area_code=DISTRICT
        )
    token, _ = token_issue(user=user)
    return get_wsgi_application(), token


WAREHOUSE_CPU = [0.0]  # CPU seconds inside the warehouse's reads (DuckDB), all requests


def meter_warehouse() -> None:
    """Count the CPU of the warehouse reads a request makes apart (the household's place and
    document, the households list: DuckDB's part), so the rest is what the request costs
    around them."""
    from tpmap.warehouse.read import households as module

    def metered(fn: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*args: Any, **kwargs: Any) -> Any:
            c0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                WAREHOUSE_CPU[0] += time.process_time() - c0

        return inner

    for name in ("household_place", "household_document", "households_document"):
        setattr(module, name, metered(getattr(module, name)))


def call(app: Any, token: str, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
    """One request through the application as gunicorn makes it."""
    route, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8911",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_AUTHORIZATION": f"Bearer {token}",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if body:
        environ["CONTENT_TYPE"] = "application/json"
        environ["CONTENT_LENGTH"] = str(len(body))
    status: list[str] = []

    def start_response(s: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        status.append(s)

    result = app(environ, start_response)
    try:
        out = b"".join(result)
    finally:
        closer = getattr(result, "close", None)
        if closer is not None:
            closer()
    return int(status[0][:3]), out


def requests_of(kind: str, households: list[str], areas: list[str], rnd: random.Random) -> Any:
    """(method, path, body) of one request of ``kind``, as load.py's programs send them."""
    hh = rnd.choice(households)
    if kind == "household":
        return "GET", f"/api/v1/households/{YEAR}/{hh}", b""
    if kind == "search":
        area, offset = rnd.choice(areas), rnd.choice([0, 20, 40])
        return "GET", f"/api/v1/households?year={YEAR}&area={area}&limit=20&offset={offset}", b""
    if kind == "write":
        body = {
            "dimension": "income",
            "title": f"request-cpu {uuid.uuid4().hex[:8]}",
            "details": "ทดสอบภาระงาน",
            "agency": "อบต.",
            "occurred_on": time.strftime("%Y-%m-%d"),
            "client_id": str(uuid.uuid4()),
        }
        return "POST", f"/api/v1/households/{YEAR}/{hh}/problems", json.dumps(body).encode()
    return "GET", "/api/v1/me", b""


def measure(
    send: Callable[[str, str, bytes], tuple[int, bytes]],
    kind: str,
    households: list[str],
    areas: list[str],
    count: int,
    profile: bool,
) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rnd = random.Random(kind)  # its own stream: the reads do not follow the writes
    expected = 201 if kind == "write" else 200
    for _ in range(10):  # warm: imports, caches, the connection
        send(*requests_of(kind, households, areas, rnd))
    with CaptureQueriesContext(connection) as queries:
        status, _ = send(*requests_of(kind, households, areas, rnd))
    statements = [q["sql"] for q in queries.captured_queries]
    assert status == expected, (kind, status)
    planned = [requests_of(kind, households, areas, rnd) for _ in range(count)]
    profiler = cProfile.Profile(time.process_time) if profile else None
    cpu: list[float] = []
    wall: list[float] = []
    warehouse0 = WAREHOUSE_CPU[0]
    for method, path, body in planned:
        c0, w0 = time.process_time(), time.perf_counter()
        if profiler is not None:
            profiler.enable()
        status, _ = send(method, path, body)
        if profiler is not None:
            profiler.disable()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
        assert status == expected, (kind, status, path)
    if profiler is not None:
        profiler.dump_stats(f"/tmp/request_cpu_{kind}.prof")
        for order in ("tottime", "cumulative"):
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(45)
            print(text.getvalue())
    warehouse = (WAREHOUSE_CPU[0] - warehouse0) * 1000 / count
    return {
        "cpu_ms_mean": round(statistics.fmean(cpu), 2),
        "warehouse_cpu_ms_mean": round(warehouse, 2),
        "other_cpu_ms_mean": round(statistics.fmean(cpu) - warehouse, 2),
        "cpu_ms_median": round(statistics.median(cpu), 2),
        "wall_ms_mean": round(statistics.fmean(wall), 2),
        "queries": len(statements),
        "sql": [s[:160] for s in statements],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="measured per kind")
    parser.add_argument("--kinds", default="write,household,search,floor")
    parser.add_argument("--profile", help="the kind to profile with cProfile")
    parser.add_argument("--sql", action="store_true", help="print each kind's statements")
    args = parser.parse_args()
    app, token = setup()
    meter_warehouse()

    def send(method: str, path: str, body: bytes) -> tuple[int, bytes]:
        return call(app, token, method, path, body)

    ids: set[str] = set()
    areas: set[str] = set()
    for offset in range(0, 500, 100):
        query = urlencode({"year": YEAR, "area": DISTRICT, "limit": 100, "offset": offset})
        status, text = send("GET", f"/api/v1/households?{query}", b"")
        assert status == 200, (status, text[:300])
        for item in json.loads(text)["items"]:
            ids.add(item["household_id"])
            areas.add(item["village_code"][:6])
    households, area_list = sorted(ids), [DISTRICT, *sorted(areas)]
    results = {}
    for kind in args.kinds.split(","):
        results[kind] = measure(
            send, kind, households, area_list, args.requests, args.profile == kind
        )
    for kind, r in results.items():
        print(
            f"{kind:10s} cpu {r['cpu_ms_mean']:6.2f} ms (median {r['cpu_ms_median']:6.2f}):"
            f" warehouse {r['warehouse_cpu_ms_mean']:6.2f} + the rest"
            f" {r['other_cpu_ms_mean']:6.2f}  wall {r['wall_ms_mean']:6.2f} ms"
            f"  queries {r['queries']}"
        )
        if args.sql:
            for s in r["sql"]:
                print("    ", s)


if __name__ == "__main__":
    main()
