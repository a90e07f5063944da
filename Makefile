# Infopoint Sozialleistungen — see README.md. Two commands matter: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.9
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_LINK_MODE := copy

# Debian packages: what the app needs to run (gettext, Pango for WeasyPrint, fonts for PDFs)
# and what the tests need on top (Chromium for browser tests, poppler for PDF checks).
RUN_PACKAGES := gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils zbar-tools

.PHONY: help run test bench bootstrap db-stop messages check-deploy audit-deps

help:
	@echo "make run      set everything up and serve the Infopoint on http://127.0.0.1:$(PORT) (demo data)"
	@echo "make test     set everything up and run the whole test suite (browser tests included)"
	@echo "make bench    measure speed under production settings on a separate database (about 12 minutes)"
	@echo "make db-stop  stop the embedded PostgreSQL server"
	@echo "make messages extract translatable strings into locale/*/LC_MESSAGES/django.po"

run: system-run bootstrap
	@[[ "$(PORT)" =~ ^[0-9]+$$ ]] && (( $(PORT) >= 1 && $(PORT) <= 65535 )) || { echo "PORT must be a number from 1 to 65535, not '$(PORT)'." >&2; exit 2; }
	INFOPOINT_DEMO=true $(PY) manage.py migrate --no-input
	INFOPOINT_DEMO=true $(PY) manage.py demo_data
	@echo ""
	@echo "The Infopoint runs on http://127.0.0.1:$(PORT)/  (log in with a demo user above; kiosk: /kiosk/)"
	@echo "Stop it with Ctrl+C; stop the database with 'make db-stop'."
	INFOPOINT_DEMO=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: system-test bootstrap
	$(PY) -m infopoint.lib.system_check --browser
	$(PY) -m ruff check .
	@$(MAKE) --no-print-directory check-deploy audit-deps
	$(PY) -m pytest

bench: bootstrap
	$(PY) benchmarks/run.py

bootstrap: $(VENV)/.synced node_modules/.installed
	@$(PY) -m infopoint.lib.system_check
	@$(PY) manage.py compilemessages --ignore '.venv' --ignore 'node_modules' --ignore '.tools' -v 0

system-run:
	@scripts/system-packages.sh $(RUN_PACKAGES)

system-test:
	@scripts/system-packages.sh $(TEST_PACKAGES)

$(UV):
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || scripts/system-packages.sh python3-venv
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python "$$(command -v $(PYTHON))"
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm)." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

db-stop:
	@$(PY) -m infopoint.lib.embedded_db stop

messages: bootstrap
	$(PY) manage.py makemessages --no-location --no-obsolete --ignore '.venv' --ignore 'node_modules' --ignore '.tools' --ignore 'tests' --all

check-deploy: bootstrap
	DJANGO_DEBUG=false DJANGO_SECRET_KEY="$$(openssl rand -hex 40)" DJANGO_ALLOWED_HOSTS=infopoint.example $(PY) manage.py check --deploy --fail-level WARNING

# Known vulnerabilities in the locked dependencies (pip-audit against PyPI's advisory data).
audit-deps: bootstrap
	$(UV) export --frozen --format requirements-txt --no-emit-project --quiet --output-file $(VENV)/requirements-audit.txt
	$(PY) -m infopoint.lib.dependency_audit $(VENV)/requirements-audit.txt
