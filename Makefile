# Two commands for a fresh machine (Debian, Python 3.11, Node 20):
#   make run   - install, migrate, load demo content, create an admin, serve on :8000
#   make test  - install what the tests need and run the whole suite
# `make help` lists every target.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
CHROMIUM ?= /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help run test install install-test npm chromium migrate demo messages serve lint format check-migrations ci

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python npm ## Virtual environment with the site's Python and npm packages
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python npm chromium ## Also the test tools and Debian's Chromium
	$(BIN)/pip install --quiet -e ".[test]"

npm: node_modules/.package-lock.json ## Front-end packages from the npm registry
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

chromium: ## Debian's Chromium for the browser tests (never a browser download)
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "Chromium missing: run 'sudo apt-get install -y chromium' for the browser tests."; fi; \
	fi

messages: $(BIN)/python ## Compile the Dutch and English translations (needs gettext)
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = "0" ] && apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

migrate: install messages ## Create or update the database
	$(MANAGE) migrate --noinput -v0

demo: migrate ## Load the demo content (safe to run again)
	$(MANAGE) load_demo_content
	$(MANAGE) create_local_admin

run: demo ## Install everything, load the demo content and serve on http://127.0.0.1:8000
	$(MANAGE) runserver 127.0.0.1:8000

test: install-test messages ## Run the whole test suite (SQLite, or DATABASE_URL)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=coalition.settings.test $(MANAGE) makemigrations --check --dry-run -v0
	DJANGO_SETTINGS_MODULE=coalition.settings.test $(MANAGE) check
	$(BIN)/pytest -n 2 --dist loadfile

lint: ## Lint and check formatting
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: ## Format the code
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .
