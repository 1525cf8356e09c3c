# Ruang Runding — the commands a newcomer needs. `make help` lists them.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help install install-dev run migrate demo test test-fast lint format check messages bench loadtest clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed ## Create the virtual environment and install the site

install-dev: $(VENV)/.installed-dev ## Install the site plus test and lint tools

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content (safe to run again)
	$(MANAGE) load_demo

run: demo ## Install, migrate, load demo content and serve on http://$(HOST)/
	$(MANAGE) runserver $(HOST)

test: install-dev ## Run the whole test suite (browser tests skip without Chromium)
	$(BIN)/pytest

lint: install-dev ## Run ruff and the Django checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

format: install-dev ## Format Python code and templates
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml templates */templates

messages: install-dev ## Update the Indonesian translation catalogue
	$(MANAGE) makemessages -l id --ignore=.venv --ignore=staticfiles

bench: install ## Measure the production set-up with wrk on PostgreSQL (~10 min, see docs/performance.md)
	@command -v wrk >/dev/null || { echo "Installing wrk (Debian package)"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python scripts/bench.py

loadtest: install ## Two minutes of mixed load while mail and a web worker fail (PostgreSQL)
	$(BIN)/python scripts/loadtest.py

clean: ## Remove the virtual environment, database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles test-media
