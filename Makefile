# One task runner; every target wraps uv. A fresh machine needs only Python 3.11:
# the first target that needs uv installs it into .tools/ (pinned) if it is not on PATH.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
UV ?= $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
UV_VERSION := 0.13.8
DEMO ?= data/demo
DEMO_PROVINCE ?= 34
DEMO_HOUSEHOLDS ?= 20000

.PHONY: uv install lint format typecheck test test-pg check demo serve serve-prod bench load clean

uv:
	@command -v $(UV) >/dev/null 2>&1 || { \
	  echo "installing uv $(UV_VERSION) into .tools/"; \
	  $(PYTHON) -m venv .tools && .tools/bin/pip install --quiet uv==$(UV_VERSION); }

# --compile-bytecode: each command starts ~0.3 s sooner (PYTHONDONTWRITEBYTECODE keeps Python
# from caching the bytecode itself); once here, not on every `uv run`.
install: uv
	$(UV) sync --frozen --compile-bytecode

lint: install
	$(UV) run ruff check src tests benchmarks
	$(UV) run ruff format --check src tests benchmarks

format: install
	$(UV) run ruff format src tests benchmarks
	$(UV) run ruff check --fix src tests benchmarks

typecheck: install
	$(UV) run mypy

# Tests run in PYTEST_WORKERS processes (pytest-xdist); PYTEST_ARGS go to pytest as they are.
PYTEST_WORKERS ?= 2
test: install
	$(UV) run pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The whole suite on PostgreSQL (Django creates and drops its test database).
test-pg: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(UV) run pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

check: lint typecheck test

demo: install
	$(UV) run tpmap synth --out $(DEMO)/sources --year 2562 --households $(DEMO_HOUSEHOLDS) --provinces $(DEMO_PROVINCE) --seed 7
	$(UV) run tpmap synth --out $(DEMO)/sources --year 2566 --households $(DEMO_HOUSEHOLDS) --provinces $(DEMO_PROVINCE) --seed 7
	$(UV) run tpmap build --sources $(DEMO)/sources --warehouse $(DEMO)/warehouse
	$(UV) run tpmap summary --warehouse $(DEMO)/warehouse --year 2566 --area $(DEMO_PROVINCE)
	TPMAP_WAREHOUSE=$(DEMO)/warehouse $(UV) run python -m tpmap.site migrate --noinput
	TPMAP_WAREHOUSE=$(DEMO)/warehouse $(UV) run python -m tpmap.site tpmap_demo_accounts --province $(DEMO_PROVINCE)
	@echo ""
	@echo "Warehouse ready: $(DEMO)/warehouse  (Parquet tables under versions/, report build_report.json)"
	@echo "Try:"
	@echo "  uv run tpmap summary    --warehouse $(DEMO)/warehouse --year 2566 --area $(DEMO_PROVINCE) --json"
	@echo "  uv run tpmap households --warehouse $(DEMO)/warehouse --year 2566 --area $(DEMO_PROVINCE) --dimension income"
	@echo "  uv run tpmap household  --warehouse $(DEMO)/warehouse --year 2566 HOUSEHOLD_ID"
	@echo ""
	@echo "Logbook (web app): serving on http://127.0.0.1:8000/ - log in with an account printed above"
	@echo "(Ctrl+C stops it; 'make serve' starts it again)"
	TPMAP_WAREHOUSE=$(DEMO)/warehouse $(UV) run python -m tpmap.site runserver 127.0.0.1:8000

serve: install
	TPMAP_WAREHOUSE=$(DEMO)/warehouse $(UV) run python -m tpmap.site migrate --noinput
	TPMAP_WAREHOUSE=$(DEMO)/warehouse $(UV) run python -m tpmap.site runserver 127.0.0.1:8000

# Production: gunicorn (src/tpmap/site/gunicorn_conf.py; TPMAP_BIND, TPMAP_WORKERS,
# TPMAP_THREADS, TPMAP_PRELOAD) after collecting static files and migrating; docs/deploy.md.
serve-prod: install
	$(UV) run python -m tpmap.site collectstatic --noinput
	$(UV) run python -m tpmap.site migrate --noinput
	$(UV) run gunicorn -c python:tpmap.site.gunicorn_conf

# Load benchmark on PostgreSQL with gunicorn (benchmarks/README.md); not a timed test.
load: install
	$(UV) run python benchmarks/load.py

# National warehouse (generate + build + reads), then page times on it; ~20 min, ~7 GiB.
bench: install
	$(UV) run python benchmarks/national.py --keep
	$(UV) run python benchmarks/pages.py
	rm -rf benchmarks/work

clean:
	rm -rf data .venv .tools .pytest_cache .mypy_cache .ruff_cache
