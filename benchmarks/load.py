"""Load benchmark of the Logbook as served in production (issue 14): gunicorn on PostgreSQL.

Builds a small synthetic warehouse (one province), sets up a dedicated PostgreSQL database
(``tpmap_load``, or TPMAP_LOAD_DATABASE; migrate, demo accounts), starts gunicorn on
127.0.0.1 (port 8911 or TPMAP_LOAD_PORT) with the production settings
(TPMAP_PRODUCTION=1, collected static files; the clients send the
``X-Forwarded-Proto: https`` a TLS proxy would; TPMAP_WORKERS, TPMAP_THREADS and
TPMAP_PRELOAD pass through to gunicorn_conf), then drives the field mix through the REST
API, one account and bearer token per client (CLIENTS district officers of one district):
70 % household reads (``GET /api/v1/households/{year}/{id}``, audited, rate limited), 20 %
lists (``GET /api/v1/households``), 10 % writes (``POST .../problems`` with a client_id),
for SECONDS. The rate limits stay on, scaled up (TPMAP_RATE_LIMIT_SCALE) so that one
machine's clients sharing 127.0.0.1 are not refused. Then, on the same server with the
same clients, the floor on its own for --floor-seconds: only ``GET /api/v1/me`` (a token
check and nothing else), what the server can answer at best.

The clients are cheap on purpose (they share the cores with the server): a keep-alive
socket per client speaking just enough HTTP (``ApiClient``), the clients spread over
--procs processes. Each phase records the CPU seconds of the gunicorn processes, of
PostgreSQL and of the clients, per request, and the load average before and after.
``--pages`` drives the mix through the pages with one session instead (http.client).
Results: benchmarks/results/load.json, under --name (default: the mode).

``--soak``: the same load while a warehouse rebuild publishes a new version and while the
gunicorn master and its workers are killed with -9 and gunicorn is started again (what
systemd does after a crash); every acknowledged write (a 201, or a 302 of the problem form
with --pages) is looked up in the database afterwards, and errors outside the restart
window are counted. Not a timed test: the numbers depend on the machine.

    uv run python benchmarks/load.py [--clients 32] [--seconds 60] [--soak] [--name KEY]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import multiprocessing
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "work" / "load"
RESULTS = ROOT / "benchmarks" / "results" / "load.json"
PROVINCE = "34"
DISTRICT = "3401"
YEAR = 2566
PORT = int(os.environ.get("TPMAP_LOAD_PORT", "8911"))
PG = os.environ.get("TPMAP_LOAD_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("TPMAP_LOAD_DATABASE", "tpmap_load")
ACCOUNT = f"demo.chief.{DISTRICT}"


def run(cmd: list[str], env: dict[str, str] | None = None) -> str:
    done = subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{DATABASE}",
        TPMAP_PRODUCTION="1",
        TPMAP_SECRET_KEY="load-benchmark-" + "k" * 50,
        TPMAP_ALLOWED_HOSTS="127.0.0.1",
        TPMAP_WAREHOUSE=str(WORK / "warehouse"),
        TPMAP_DATA_DIR=str(WORK / "data"),
        TPMAP_STATIC_ROOT=str(WORK / "static"),
        TPMAP_MEDIA_ROOT=str(WORK / "media"),
        TPMAP_BIND=f"127.0.0.1:{PORT}",
        TPMAP_RATE_LIMIT_SCALE="1000",
    )
    return env


def gunicorn_settings(env: dict[str, str]) -> dict[str, Any]:
    """The workers, threads and preload gunicorn_conf gives in this environment."""
    code = (
        "import json; from tpmap.site import gunicorn_conf as c; "
        "print(json.dumps([c.workers, c.threads, c.preload_app]))"
    )
    workers, threads, preload = json.loads(run(["uv", "run", "python", "-c", code], env))
    return {"workers": workers, "threads": threads, "preload": preload}


def build_warehouse(households: int, seed: int = 7) -> float:
    started = time.perf_counter()
    run(
        [
            "uv", "run", "tpmap", "synth", "--out", str(WORK / "sources"), "--year", str(YEAR),
            "--households", str(households), "--provinces", PROVINCE, "--seed", str(seed),
        ]
    )  # fmt: skip
    run(
        [
            "uv", "run", "tpmap", "build", "--sources", str(WORK / "sources"),
            "--warehouse", str(WORK / "warehouse"),
        ]
    )  # fmt: skip
    return time.perf_counter() - started


API_PASSWORD = "Load-bench-" + secrets.token_hex(6)


def api_accounts(env: dict[str, str], count: int) -> list[str]:
    """``count`` district officers of DISTRICT (one per client), all with API_PASSWORD, made
    in one Django process (a process per account took a minute of CPU before the run)."""
    names = [f"load.officer.{i:02d}" for i in range(count)]
    script = (
        "from django.core.management import call_command\n"
        f"for name in {names!r}:\n"
        f"    call_command('tpmap_account', username=name, password={API_PASSWORD!r}, "
        f"role='district_chief', area={DISTRICT!r})\n"
    )
    run(["uv", "run", "python", "-m", "tpmap.site", "shell", "-c", script], env)
    return names


def setup_database(env: dict[str, str]) -> str:
    """A fresh tpmap_load database, migrated, with the demo accounts: the password of
    ACCOUNT."""
    for sql in (f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", f"CREATE DATABASE {DATABASE}"):
        run(["psql", f"{PG}/postgres", "-qc", sql])
    manage = ["uv", "run", "python", "-m", "tpmap.site"]
    run([*manage, "collectstatic", "--noinput"], env)
    run([*manage, "migrate", "--noinput"], env)
    out = run([*manage, "tpmap_demo_accounts", "--province", PROVINCE], env)
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == ACCOUNT:
            return parts[1]
    raise SystemExit(f"no {ACCOUNT} in the demo accounts output:\n{out}")


def start_server(env: dict[str, str]) -> subprocess.Popen[bytes]:
    log = (WORK / "gunicorn.log").open("ab")
    proc = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "python:tpmap.site.gunicorn_conf"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/login/", headers={"X-Forwarded-Proto": "https"})
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in 60 s (benchmarks/work/load/gunicorn.log)")


# -- clients ------------------------------------------------------------------------------
class Client:
    """One officer's browser: a keep-alive connection, its cookies, its CSRF token."""

    def __init__(self) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        *,
        json_body: dict[str, Any] | None = None,
        token: str | None = None,
    ) -> tuple[int, str]:
        headers = {
            "X-Forwarded-Proto": "https",
            "Host": f"127.0.0.1:{PORT}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        if json_body is not None:
            body = json.dumps(json_body)
            headers["Content-Type"] = "application/json"
        elif form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1:{PORT}{path}"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text

    def login(self, password: str) -> None:
        self.request("GET", "/login/")
        status, _ = self.request("POST", "/login/", {"username": ACCOUNT, "password": password})
        if status != 302:
            raise SystemExit(f"login failed: {status}")


class ApiClient:
    """One program's keep-alive connection to the API, speaking just enough HTTP/1.1: the
    request bytes are made once per token, and the answer is read by its Content-Length
    (or chunks) with no header parsing beyond the status, so that the client's own CPU
    (it shares the cores with the server) stays small. http.client parses every header
    with the email package, several times the cost."""

    def __init__(self, token: str | None = None) -> None:
        self.sock: socket.socket | None = None
        self.buf = b""
        self.head = f"Host: 127.0.0.1:{PORT}\r\nX-Forwarded-Proto: https\r\n".encode()
        if token is not None:
            self.head += f"Authorization: Bearer {token}\r\n".encode()

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock, self.buf = None, b""

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        data = f"{method} {path} HTTP/1.1\r\n".encode() + self.head
        if body is not None:
            data += b"Content-Type: application/json\r\nContent-Length: %d\r\n" % len(body)
        data += b"\r\n" + (body or b"")
        for attempt in (1, 2):
            fresh = self.sock is None
            try:
                if self.sock is None:
                    self.sock = socket.create_connection(("127.0.0.1", PORT), timeout=30)
                    self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.sock.sendall(data)
                return self._answer()
            except OSError:
                self.close()
                # A kept-alive connection the server closed meanwhile: once more on a new
                # one (a write carries a client_id, so a repeat is not a second record).
                if attempt == 2 or fresh:
                    raise
        raise AssertionError("unreachable")

    def _recv(self) -> None:
        assert self.sock is not None
        chunk = self.sock.recv(262144)
        if not chunk:
            raise ConnectionResetError("connection closed by the server")
        self.buf += chunk

    def _answer(self) -> tuple[int, bytes]:
        while (end := self.buf.find(b"\r\n\r\n")) < 0:
            self._recv()
        head, self.buf = self.buf[:end].lower(), self.buf[end + 4 :]
        status = int(head[9:12])
        at = head.find(b"\r\ncontent-length:")
        if at >= 0:
            stop = head.find(b"\r\n", at + 2)
            length = int(head[at + 17 : stop if stop >= 0 else None])
            while len(self.buf) < length:
                self._recv()
            body, self.buf = self.buf[:length], self.buf[length:]
        elif b"\r\ntransfer-encoding: chunked" in head:
            body = self._chunked()
        else:
            body = b""  # 204 / 304
        if b"\r\nconnection: close" in head:
            self.close()
        return status, body

    def _chunked(self) -> bytes:
        out = b""
        while True:
            while (eol := self.buf.find(b"\r\n")) < 0:
                self._recv()
            size = int(self.buf[:eol].split(b";")[0], 16)
            while len(self.buf) < eol + 2 + size + 2:
                self._recv()
            out += self.buf[eol + 2 : eol + 2 + size]
            self.buf = self.buf[eol + 2 + size + 2 :]
            if size == 0:
                return out


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[float, str, str]] = field(default_factory=list)  # (t, kind, what)
    acknowledged: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, status: int | str, at: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.statuses[f"{kind} {status}"] += 1
            if not (isinstance(status, int) and status < 400):
                self.errors.append((at, kind, str(status)))


def pick_households(client: Client) -> list[str]:
    ids: set[str] = set()
    for page in range(1, 6):
        query = urlencode({"year": YEAR, "district": DISTRICT, "status": "all", "page": page})
        _, html = client.request("GET", f"/households/?{query}&per_page=50")
        ids |= set(re.findall(rf"/households/{YEAR}/(\d+)/", html))
    if not ids:
        raise SystemExit("the search found no household of the district")
    return sorted(ids)


SEARCH_WORDS = ["", "สม", "บุญ", "1", "ทอง"]


def api_token(client: ApiClient, username: str) -> str:
    body = json.dumps({"username": username, "password": API_PASSWORD}).encode()
    status, text = client.request("POST", "/api/v1/auth/token", body)
    if status != 200:
        raise SystemExit(f"token for {username}: {status} {text[:200]!r}")
    return str(json.loads(text)["token"])


def api_households(client: ApiClient) -> tuple[list[str], list[str]]:
    """Household ids of DISTRICT, and the subdistricts they are in (areas to list)."""
    ids: set[str] = set()
    subdistricts: set[str] = set()
    for offset in range(0, 500, 100):
        query = urlencode({"year": YEAR, "area": DISTRICT, "limit": 100, "offset": offset})
        status, text = client.request("GET", f"/api/v1/households?{query}")
        if status != 200:
            raise SystemExit(f"households list: {status} {text[:200]!r}")
        for item in json.loads(text)["items"]:
            ids.add(item["household_id"])
            subdistricts.add(item["village_code"][:6])
    if not ids:
        raise SystemExit("the API lists no household of the district")
    return sorted(ids), sorted(subdistricts)


@dataclass(frozen=True)
class Program:
    """What one API client does: the field mix, or only the floor."""

    token: str
    households: list[str]
    areas: list[str]
    marker: str
    seed: int
    floor_only: bool


def drive_api(program: Program, stats: Stats, stop: Any, t0: float) -> None:
    """One officer's program through the API with its own token: the field mix (70 %
    household reads, 20 % lists, 10 % writes with a client_id), or only ``GET /me``."""
    rnd = random.Random(program.seed)
    client = ApiClient(program.token)
    today = time.strftime("%Y-%m-%d")
    while not stop.is_set():
        roll = rnd.random()
        hh = rnd.choice(program.households)
        body: bytes | None = None
        title = ""
        if program.floor_only:
            kind, method, path = "floor", "GET", "/api/v1/me"
        elif roll < 0.70:
            kind, method, path = "household", "GET", f"/api/v1/households/{YEAR}/{hh}"
        elif roll < 0.90:
            area, offset = rnd.choice(program.areas), rnd.choice([0, 20, 40])
            query = f"year={YEAR}&area={area}&limit=20&offset={offset}"
            kind, method, path = "search", "GET", f"/api/v1/households?{query}"
        else:
            kind, method, path = "write", "POST", f"/api/v1/households/{YEAR}/{hh}/problems"
            title = f"load {program.marker} {tag()}"
            body = json.dumps(
                {
                    "dimension": "income",
                    "title": title,
                    "details": "ทดสอบภาระงาน",
                    "agency": "อบต.",
                    "occurred_on": today,
                    "client_id": str(uuid.uuid4()),
                },
                ensure_ascii=False,
            ).encode()
        started = time.perf_counter()
        try:
            status: int | str
            status, _ = client.request(method, path, body)
        except OSError as e:
            status = type(e).__name__
        now = time.perf_counter()
        if kind == "write" and status == 201:
            with stats.lock:
                stats.acknowledged.append(title)
        stats.add(kind, now - started, status, now - t0)
        if isinstance(status, str):
            # Refused while the server restarts: a real client waits a little before it
            # tries again; a tight loop would take the CPU the booting server needs.
            time.sleep(0.1)


def _client_process(
    programs: list[Program], stop: Any, t0: float, out: Any
) -> None:  # pragma: no cover - runs in a child process
    stats = Stats()
    cpu0 = time.process_time()
    threads = [
        threading.Thread(target=drive_api, args=(p, stats, stop, t0), daemon=True) for p in programs
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.send(
        {
            "latencies": stats.latencies,
            "statuses": dict(stats.statuses),
            "errors": stats.errors,
            "acknowledged": stats.acknowledged,
            "cpu": time.process_time() - cpu0,
        }
    )
    out.close()


def run_api_phase(
    programs: list[Program],
    procs: int,
    seconds: float,
    during: Callable[[float], None] | None = None,
) -> tuple[Stats, float, float]:
    """Run the programs in ``procs`` client processes (threads in each) until ``seconds``
    have passed (or ``during``, given the start time, has returned): their merged
    statistics, the elapsed seconds and the clients' CPU seconds."""
    ctx = multiprocessing.get_context("fork")
    stop = ctx.Event()
    t0 = time.perf_counter()  # perf_counter is the system's monotonic clock: shared
    children = []
    for i in range(procs):
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_client_process, args=(programs[i::procs], stop, t0, send))
        proc.start()
        children.append((proc, recv))
    if during is not None:
        during(t0)
    else:
        time.sleep(seconds)
    stop.set()
    stats = Stats()
    cpu = 0.0
    for proc, recv in children:
        part = recv.recv()
        proc.join()
        for kind, values in part["latencies"].items():
            stats.latencies.setdefault(kind, []).extend(values)
        stats.statuses.update(part["statuses"])
        stats.errors.extend(part["errors"])
        stats.acknowledged.extend(part["acknowledged"])
        cpu += part["cpu"]
    return stats, time.perf_counter() - t0, cpu


# -- CPU accounting: whose CPU a phase took (the machine is shared) ---------------------
TICK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    # utime + stime, and cutime + cstime: the children it has reaped (the gunicorn master's
    # recycled workers, the postmaster's ended backends) keep counting.
    return sum(int(x) for x in fields[11:15]) / TICK


def server_pids(server: subprocess.Popen[bytes]) -> list[int]:
    try:
        workers = run(["pgrep", "-P", str(server.pid)]).split()
    except subprocess.CalledProcessError:
        workers = []
    return [server.pid, *map(int, workers)]


def postgres_pids() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
    return pids


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / TICK, sum(values[:8]) / TICK


@dataclass
class CpuMeter:
    """CPU seconds of the server's processes, of PostgreSQL's (every database's) and of
    the machine over a phase."""

    server: subprocess.Popen[bytes]
    start: dict[str, Any] = field(default_factory=dict)

    def sample(self) -> dict[str, Any]:
        pids = {"server": server_pids(self.server), "postgres": postgres_pids()}
        return {
            **{name: {p: _proc_cpu(p) for p in ps} for name, ps in pids.items()},
            "machine": machine_busy(),
        }

    def begin(self) -> None:
        self.start = self.sample()

    def end(self, client_cpu: float, requests: int, seconds: float) -> dict[str, Any]:
        now = self.sample()
        used = {
            name: sum(v - self.start[name].get(p, 0.0) for p, v in now[name].items())
            for name in ("server", "postgres")
        }
        busy = now["machine"][0] - self.start["machine"][0]
        total = now["machine"][1] - self.start["machine"][1]
        per = 1000 / max(requests, 1)
        return {
            "server_cpu_s": round(used["server"], 1),
            "postgres_cpu_s": round(used["postgres"], 1),
            "clients_cpu_s": round(client_cpu, 1),
            "machine_busy_cores": round(busy / seconds, 2),
            "machine_cores_available": round(total / seconds, 2),
            "server_cpu_ms_per_request": round(used["server"] * per, 2),
            "postgres_cpu_ms_per_request": round(used["postgres"] * per, 2),
            "clients_cpu_ms_per_request": round(client_cpu * per, 2),
        }


def drive(
    password: str,
    cookies: dict[str, str],
    households: list[str],
    stats: Stats,
    stop: threading.Event,
    t0: float,
    token: str,
    seed: int,
) -> None:
    rnd = random.Random(seed)
    client = Client()
    # One session shared by the clients: 32 password hashes (PBKDF2, ~0.5 s of CPU each on
    # this machine) would otherwise fill the first seconds of the measurement.
    client.cookies = dict(cookies)
    while not stop.is_set():
        roll = rnd.random()
        hh = rnd.choice(households)
        if roll < 0.05:
            kind, method, path, form = "floor", "GET", "/accounts/password/", None
        elif roll < 0.05 + 0.70 * 0.95:
            kind, method, path, form = "household", "GET", f"/households/{YEAR}/{hh}/", None
        elif roll < 0.05 + 0.90 * 0.95:
            query = urlencode(
                {
                    "year": YEAR,
                    "district": DISTRICT,
                    "status": rnd.choice(["poor", "all"]),
                    "q": rnd.choice(SEARCH_WORDS),
                    "page": rnd.randint(1, 5),
                }
            )
            kind, method, path, form = "search", "GET", f"/households/?{query}", None
        else:
            title = f"load {token} {tag()}"
            kind, method, path = "write", "POST", f"/households/{YEAR}/{hh}/problems/new/"
            form = {
                "title": title,
                "details": "ทดสอบภาระงาน",
                "performer": "ทีมทดสอบ",
                "agency": "อบต.",
                "occurred_on": time.strftime("%Y-%m-%d"),
            }
        started = time.perf_counter()
        try:
            status: int | str
            status, _ = client.request(method, path, form)
            if status == 302 and kind != "write":
                client.login(password)  # a restarted server may have asked for a login
        except (OSError, http.client.HTTPException) as e:
            status = type(e).__name__
        now = time.perf_counter()
        if kind == "write" and status == 302 and form is not None:
            with stats.lock:
                stats.acknowledged.append(form["title"])
        stats.add(kind, now - started, status, now - t0)
        if isinstance(status, str):
            time.sleep(0.1)  # refused while the server restarts: wait a little (drive_api)


LETTERS = str.maketrans("0123456789", "ghijklmnop")


def tag(length: int = 12) -> str:
    """A random tag without digits: hex digits in a title ("load 94035174 36616fa7...")
    can read as a national ID across the space (one title in 280), which the site rightly
    masks, and the masked title was then not found by the look-up."""
    return uuid.uuid4().hex[:length].translate(LETTERS)


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    qs = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
    return {
        "count": len(values),
        "p50_ms": round(qs[49] * 1000, 1),
        "p95_ms": round(qs[94] * 1000, 1),
        "p99_ms": round(qs[98] * 1000, 1),
    }


def summarise(stats: Stats, seconds: float) -> dict[str, Any]:
    kinds = {k: percentiles(v) for k, v in sorted(stats.latencies.items())}
    app = [x for k, v in stats.latencies.items() if k != "floor" for x in v]
    return {
        "requests_per_second": round(len(app) / seconds, 1),
        "floor_requests_per_second": round(len(stats.latencies.get("floor", [])) / seconds, 1),
        "mix": percentiles(app),
        "by_kind": kinds,
        "statuses": dict(sorted(stats.statuses.items())),
        "errors": len(stats.errors),
    }


def summarise_floor(stats: Stats, seconds: float) -> dict[str, Any]:
    values = stats.latencies.get("floor", [])
    return {
        "requests_per_second": round(len(values) / seconds, 1),
        **percentiles(values),
        "statuses": dict(sorted(stats.statuses.items())),
        "errors": len(stats.errors),
    }


def db_count_titles(token: str) -> set[str]:
    out = run(
        [
            "psql", f"{PG}/{DATABASE}", "-Atc",
            f"SELECT title FROM logbook_problem WHERE title LIKE 'load {token} %'",
        ]
    )  # fmt: skip
    return set(out.split("\n")) - {""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--floor-seconds", type=float, default=20, help="the floor-only phase (API; 0: none)"
    )
    parser.add_argument(
        "--procs", type=int, default=2, help="client processes the API clients are spread over"
    )
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--soak", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep the warehouse")
    parser.add_argument("--pages", action="store_true", help="drive the pages, not the API")
    parser.add_argument("--name", help="key of the run in load.json (default: the mode)")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    env = server_env()
    build_s = None
    if not (args.reuse and (WORK / "warehouse").exists()):
        build_s = build_warehouse(args.households)
    password = setup_database(env)
    names = [] if args.pages else api_accounts(env, args.clients)
    server = start_server(env)
    marker = tag(8)
    events: dict[str, Any] = {}
    result: dict[str, Any] = {
        "when": "",
        "mode": "soak" if args.soak else "load",
        "through": "pages" if args.pages else "api",
        "clients": args.clients,
        "households_in_warehouse": args.households,
        **gunicorn_settings(env),
        "cpus": os.cpu_count(),
        "machine": os.environ.get("TPMAP_LOAD_MACHINE", "2 cores"),
        "warehouse_build_seconds": round(build_s, 1) if build_s else None,
    }
    try:
        meter = CpuMeter(server)
        result["load_average_before"] = load_average()
        during = None
        if args.soak:

            def during(t0: float) -> None:
                nonlocal server
                server = soak(args.seconds, env, server, events, t0)

        if args.pages:
            stats, elapsed, households = run_pages(args, password, marker, during)
            result["households_driven"] = len(households)
        else:
            # Each token costs one password hash: made before the clock starts.
            probe = ApiClient()
            tokens = [api_token(probe, name) for name in names]
            households, subdistricts = api_households(ApiClient(tokens[0]))
            result["households_driven"] = len(households)
            programs = [
                Program(tokens[i], households, [DISTRICT, *subdistricts], marker, i, False)
                for i in range(args.clients)
            ]
            meter.begin()
            stats, elapsed, client_cpu = run_api_phase(programs, args.procs, args.seconds, during)
            if not args.soak:
                result["cpu"] = meter.end(
                    client_cpu, sum(map(len, stats.latencies.values())), elapsed
                )
        result["seconds"] = round(elapsed, 1)
        result.update(summarise(stats, elapsed))
        result["load_average_after_mix"] = load_average()
        stored = db_count_titles(marker)
        acknowledged = set(stats.acknowledged)
        result["writes_acknowledged"] = len(acknowledged)
        result["acknowledged_writes_found"] = len(acknowledged & stored)
        result["acknowledged_writes_missing"] = len(acknowledged - stored)
        if args.soak:
            result.update(soak_errors(stats, events))
        elif not args.pages and args.floor_seconds > 0:
            # The floor on its own: only GET /me, the same clients, the same server.
            floor = [Program(p.token, households, [], marker, p.seed, True) for p in programs]
            meter = CpuMeter(server)
            meter.begin()
            fstats, fsecs, fcpu = run_api_phase(floor, args.procs, args.floor_seconds)
            result["floor_only"] = {
                "seconds": round(fsecs, 1),
                **summarise_floor(fstats, fsecs),
                "cpu": meter.end(fcpu, len(fstats.latencies.get("floor", [])), fsecs),
            }
        result["load_average_after"] = load_average()
        result["when"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        save(args.name or result["mode"], result)
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        stop_server(server)


def soak_errors(stats: Stats, events: dict[str, Any]) -> dict[str, Any]:
    """Errors outside the restart window (refused connections and 5xx inside it are the
    restart; one second after it is allowed for the clients' connections to come back)."""
    window = events.get("restart_window", [0.0, 0.0])
    outside = [e for e in stats.errors if not (window[0] <= e[0] <= window[1] + 1.0)]
    return {
        "events": events,
        "restart_window_seconds": round(window[1] - window[0], 2),
        "errors_outside_restart_window": len(outside),
        "errors_outside_restart_window_kinds": dict(Counter(f"{k} {s}" for _, k, s in outside)),
        "server_errors_outside_restart_window": sum(1 for _, _, s in outside if s.startswith("5")),
        "errors_inside_restart_window": len(stats.errors) - len(outside),
    }


def run_pages(
    args: argparse.Namespace,
    password: str,
    marker: str,
    during: Callable[[float], None] | None,
) -> tuple[Stats, float, list[str]]:
    """The mix through the pages, one session shared by the client threads."""
    probe = Client()
    probe.login(password)
    households = pick_households(probe)
    stats = Stats()
    stop = threading.Event()
    t0 = time.perf_counter()
    threads = [
        threading.Thread(
            target=drive,
            args=(password, probe.cookies, households, stats, stop, t0, marker, i),
            daemon=True,
        )
        for i in range(args.clients)
    ]
    for t in threads:
        t.start()
    if during is not None:
        during(t0)
    else:
        time.sleep(args.seconds)
    stop.set()
    for t in threads:
        t.join(timeout=60)
    return stats, time.perf_counter() - t0, households


def soak(
    seconds: float,
    env: dict[str, str],
    server: subprocess.Popen[bytes],
    events: dict[str, Any],
    t0: float,
) -> subprocess.Popen[bytes]:
    """Rebuild the warehouse (a new version published under load), then kill the gunicorn
    master with -9 (its workers exit when they see it gone) and start a new one."""
    time.sleep(seconds * 0.15)
    start = time.perf_counter() - t0
    # The same sources built again: a new version with the same households (a different
    # delivery would turn the pages of households it lacks into 404s, rightly).
    run(
        [
            "uv", "run", "tpmap", "build", "--sources", str(WORK / "sources"),
            "--warehouse", str(WORK / "warehouse"),
        ]
    )  # fmt: skip
    events["rebuild"] = [round(start, 2), round(time.perf_counter() - t0, 2)]
    time.sleep(seconds * 0.15)
    killed = time.perf_counter() - t0
    workers = server_pids(server)[1:]
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    for pid in workers:  # what systemd's KillMode=control-group does on a restart
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid), signal.SIGKILL)
    server = start_server(env)
    up = time.perf_counter() - t0
    events["restart_window"] = [round(killed, 2), round(up, 2)]
    rest = seconds - (time.perf_counter() - t0)
    if rest > 0:
        time.sleep(rest)
    return server


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def save(name: str, result: dict[str, Any]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    runs: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    runs[name] = result
    RESULTS.write_text(json.dumps(runs, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
