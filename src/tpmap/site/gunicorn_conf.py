"""gunicorn settings of TPMAP (``gunicorn -c python:tpmap.site.gunicorn_conf``; make
serve-prod). Everything that differs per server comes from the environment:

* ``TPMAP_BIND``        address to listen on (default ``127.0.0.1:8000``: a reverse proxy
  or load balancer in front serves the world over HTTPS)
* ``TPMAP_WORKERS``     worker processes (default: 1 per CPU core, at least 2)
* ``TPMAP_THREADS``     threads per worker (default 4): a page waits on PostgreSQL and
  DuckDB, which release the GIL, so threads overlap those waits at little memory
* ``TPMAP_ACCESS_LOG``  ``1`` to log every request to standard output (masked)
* ``TPMAP_PRELOAD``     ``1`` to load the application once in the master before the
  workers fork: a (re)start answers in half the time and the workers share the loaded
  code's memory, but ``HUP`` then keeps the old code (an upgrade needs a restart)

Logs go to standard output and error through the NID mask (site.logfilters)."""

from __future__ import annotations

import os

bind = os.environ.get("TPMAP_BIND", "127.0.0.1:8000")
# One worker per core (at least 2, so that one busy or restarting worker is not the whole
# server): a request is mostly Python holding the GIL, so more processes than cores only
# share the cores worse (benchmarks/README.md: 4 workers on 2 cores took more CPU per
# request than 2); the threads overlap the waits on PostgreSQL and DuckDB.
workers = int(os.environ.get("TPMAP_WORKERS", str(max(2, os.cpu_count() or 1))))
threads = int(os.environ.get("TPMAP_THREADS", "4"))
worker_class = "gthread"
# A PDF report of a province takes seconds; nothing legitimate takes a minute.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (a slow leak in a dependency cannot grow forever); the
# jitter keeps them from restarting all at once. Not too often: a worker's start costs
# seconds of CPU (without TPMAP_PRELOAD), and 5,000 requests were 20 s of a worker's work
# at the load benchmark's floor rate.
max_requests = 50_000
max_requests_jitter = 5_000
wsgi_app = "tpmap.site.wsgi:application"
preload_app = os.environ.get("TPMAP_PRELOAD", "") in {"1", "true", "yes"}


def when_ready(server: object) -> None:
    """With preload, also import every view (the URLconf) in the master: the workers it
    forks answer their first request without importing them (a second of CPU each)."""
    if preload_app:
        from django.db import connections
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 - imports the URLconf and its views
        connections.close_all()  # no connection may be shared by the forked workers


ACCESS_LOG = os.environ.get("TPMAP_ACCESS_LOG", "") in {"1", "true", "yes"}
accesslog = "-" if ACCESS_LOG else None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_nid": {"()": "tpmap.site.logfilters.MaskNidFilter"}},
    "formatters": {
        "generic": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "filters": ["mask_nid"],
            "stream": "ext://sys.stderr",
        },
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "filters": ["mask_nid"],
            "stream": "ext://sys.stdout",
        },
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        # A logging configuration turns gunicorn's access log on: its level turns it off.
        "gunicorn.access": {
            "level": "INFO" if ACCESS_LOG else "CRITICAL",
            "handlers": ["console"],
            "propagate": False,
        },
    },
}
