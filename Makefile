# Two commands for a fresh machine (Debian, Python 3.11, Node 20):
#   make run   - install, migrate, add the reference data (setup), load demo content,
#                create an admin, serve on :8000
#   make test  - install what the tests need, run the checks, the production static
#                build and the whole suite, and say how long it took
# `make help` lists every target.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
CHROMIUM ?= /usr/bin/chromium

SHELL := bash
.SHELLFLAGS := -eo pipefail -c
START := $(shell date +%s)

# The site is an application, not a package to build: pyproject.toml names the
# dependencies (and the test tools, extra "test"), requirements.lock pins every package
# they need to one version (`make lock`), and pip installs exactly that, nothing else.
LOCK := requirements.lock

.DEFAULT_GOAL := help
.PHONY: help run serve test install install-test lock npm chromium migrate setup demo messages lint format check-migrations static-build suite ci

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	@echo "Creating the virtual environment in $(VENV)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python npm ## Virtual environment with the pinned Python packages (requirements.lock) and npm packages
	@echo "Installing the Python packages of $(LOCK) (a minute or two the first time)..."
	$(BIN)/pip install --quiet -r $(LOCK)

install-test: $(BIN)/python npm chromium ## The same, and Debian's Chromium for the browser tests
	@echo "Installing the Python packages of $(LOCK), with the test tools (a minute or two the first time)..."
	$(BIN)/pip install --quiet -r $(LOCK)

lock: $(BIN)/python ## Pin every Python package again after a change to pyproject.toml (UPGRADE=1: newest versions)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--extra test $(if $(UPGRADE),--upgrade) --output-file $(LOCK) pyproject.toml

npm: node_modules/.package-lock.json ## Front-end packages from the npm registry
node_modules/.package-lock.json: package.json package-lock.json
	@echo "Installing the npm packages (NL Design System, Leaflet, axe-core)..."
	npm ci --no-audit --no-fund --loglevel=error

chromium: ## Debian's Chromium for the browser tests (never a browser download)
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = "0" ]; then echo "Installing Debian's Chromium..."; \
			apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "Chromium missing: run 'sudo apt-get install -y chromium' for the browser tests."; fi; \
	fi

messages: $(BIN)/python ## Compile the Dutch and English translations (needs gettext)
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = "0" ] && apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

migrate: install messages ## Create or update the database
	@echo "Creating or updating the database..."
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) createcachetable

setup: migrate ## Add the reference data a real site needs (municipalities, taxonomies, groups, workflow)
	$(MANAGE) setup

demo: migrate ## Load the demo content (safe to run again)
	@echo "Loading the demo content (half a minute the first time)..."
	$(MANAGE) load_demo_content
	$(MANAGE) create_local_admin

run: setup demo ## Install everything, add the reference data, load the demo content and serve on http://127.0.0.1:8000 (with the import worker)
	$(MANAGE) db_worker --backend imports --no-reload -v0 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	$(MANAGE) runserver 127.0.0.1:8000

serve: ## Serve on http://127.0.0.1:8000 (with the import worker) without installing or loading anything
	$(MANAGE) db_worker --backend imports --no-reload -v0 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	$(MANAGE) runserver 127.0.0.1:8000

test: install-test messages ## Lint, checks, the production static build and the whole suite (SQLite, or DATABASE_URL)
	@status=0; $(MAKE) --no-print-directory lint check-migrations static-build suite || status=$$?; \
	echo "make test took $$(( $$(date +%s) - $(START) )) seconds$$([ $$status = 0 ] || echo ' and failed')."; \
	exit $$status

suite: ## Django's system check and pytest (two processes), without installing first
	DJANGO_SETTINGS_MODULE=coalition.settings.test $(MANAGE) check
	$(BIN)/pytest -n 2 --dist load

check-migrations: ## Fail when a model change has no migration
	DJANGO_SETTINGS_MODULE=coalition.settings.test $(MANAGE) makemigrations --check --dry-run -v0

static-build: $(BIN)/python npm ## Build the static files as production does (whitenoise manifest) into a temporary folder
	@echo "Building the production static files in a temporary folder..."
	@static_root=$$(mktemp -d); trap 'rm -rf "$$static_root"' EXIT; \
	echo "SECRET_KEY=static-build-only ALLOWED_HOSTS=localhost SITE_URL=http://localhost STATIC_ROOT=$$static_root DJANGO_SETTINGS_MODULE=coalition.settings.production $(MANAGE) collectstatic --noinput -v0"; \
	SECRET_KEY=static-build-only ALLOWED_HOSTS=localhost SITE_URL=http://localhost \
	STATIC_ROOT=$$static_root DJANGO_SETTINGS_MODULE=coalition.settings.production \
	$(MANAGE) collectstatic --noinput -v0

ci: ## What CI runs: make test on SQLite, then on a fresh PostgreSQL database (.ci/run)
	./.ci/run

lint: ## Lint, check formatting and which way the imports run (import-linter)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: ## Format the code
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .
