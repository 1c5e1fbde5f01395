# Every target installs what it needs first; `make help` lists them.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The site's public base URL, for every process `make` starts (web, scheduler, worker): it sets
# the Wagtail Site record (`manage.py sync_site`) and so every absolute URL and e-mail link.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/guides
# Test processes (pytest-xdist), each with its own test database. `--dist load` hands tests out in
# collection order, where pytest-django puts the transactional tests (which empty the database)
# after the others; `loadfile` would mix them and leave later tests without the migrations' data.
TEST_WORKERS ?= 2
SEARCH_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/guides_search_bench
PIP_QUIET := --quiet --disable-pip-version-check

.DEFAULT_GOAL := help
.PHONY: help install run scheduler worker test test-postgres test-sqlite-smoke test-tools bench services lint format check clean bench-search

help: ## List every target
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install $(PIP_QUIET) --upgrade pip 2>&1 | { grep -v "^WARNING: Location" || true; }
	$(BIN)/pip install $(PIP_QUIET) -e ".[dev]" 2>&1 | { grep -v "^WARNING: Location" || true; }
	$(BIN)/python -c "import wagtail, django, pytest_django"
	touch $(STAMP)

install: $(STAMP) ## Create the virtualenv and install the project with its dev tools

run: install ## Migrate, load demo content, print the admin login and serve on 127.0.0.1:8000 (with the task worker)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py sync_site
	$(BIN)/python manage.py ensure_admin
# The task worker (large course imports) runs beside the web server and stops with it.
	$(BIN)/python manage.py db_worker --backend background --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

scheduler: install ## Publish and expire scheduled pages and courses every minute (run beside `make run`)
	$(BIN)/python manage.py publish_scheduled_safely --every 60

worker: install ## Run the task worker alone: large course imports (`make run` starts one itself)
	$(BIN)/python manage.py db_worker --backend background --no-reload

services: ## Make sure PostgreSQL answers on 127.0.0.1:5432 and Chromium and Varnish are installed (apt when missing)
	./scripts/ensure-postgres.sh
	./scripts/ensure-chromium.sh
	./scripts/ensure-varnish.sh

test: install services test-tools test-postgres test-sqlite-smoke ## Run the whole suite on PostgreSQL, then the SQLite smoke run

test-postgres: install services test-tools ## The whole suite on PostgreSQL
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest -p no:cacheprovider --create-db -n $(TEST_WORKERS) --dist load

bench: install services ## Benchmark every page type with wrk (gunicorn + PostgreSQL, uncached and cached, vs nginx), the guide through Varnish, and the editor in Chromium; not part of make test
	$(BIN)/python bench/run.py
	$(BIN)/python bench/editor.py

test-tools: ## Install axe-core and the Nu HTML checker (npm, into build/node) and Java when missing
	./scripts/ensure-test-tools.sh

test-sqlite-smoke: install ## The embedded default: migrate, load demo content, render every page type on SQLite
	DATABASE_URL=sqlite:///build/smoke.sqlite3 $(BIN)/pytest -p no:cacheprovider -m smoke --create-db

bench-search: install services ## Search latency with 10,000 guides + 2,000 courses on PostgreSQL (docs/benchmarks.md)
	BENCH_DATABASE_URL=$(SEARCH_BENCH_DATABASE_URL) ./scripts/bench-search.sh

check: install ## Django system checks and a check that no migration is missing
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

.PHONY: audit
audit: install ## Check the dependencies against known advisories (pip-audit; AUDIT_OPTIONAL=1 passes where PyPI is unreachable)
	./scripts/audit.sh

lint: install ## ruff check, ruff format --check and the apps' import layers (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtualenv, build output, local database and media
	rm -rf $(VENV) build media db.sqlite3 db.sqlite3-wal db.sqlite3-shm .pytest_cache .ruff_cache .import_linter_cache
