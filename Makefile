# Cocrea: the two commands of the README are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_WORKERS ?= 2

.PHONY: install run test lint types pytest pytest-postgres messages clean bench

$(STAMP): pyproject.toml constraints.txt package-lock.json
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	@# axe-core, for the browser accessibility test; the site itself serves no npm code.
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; fi
	touch $(STAMP)

install: $(STAMP)

# Development variables, written on the first `make run` and never overwritten: DEBUG on and a
# secret of this checkout's own, so `.venv/bin/python manage.py …` works as the README says.
# settings.py reads the file (the real environment wins over it); the tests never do.
.env:
	umask 077 && printf 'DEBUG=1\nSECRET_KEY=%s\n' \
		"$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@

# Development server with the demo data; DATABASE_URL and PORT are honoured.
run: install .env
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_demo
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Everything CI checks: lint, format, types, migrations, and the tests on SQLite, then on
# PostgreSQL when it answers on 127.0.0.1:5432.
test: install lint types pytest pytest-postgres

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

types:
	SECRET_KEY=typecheck $(BIN)/mypy cocrea
	SECRET_KEY=lint DEBUG=0 $(BIN)/python manage.py makemigrations --check --dry-run

pytest:
	env -u DATABASE_URL $(BIN)/pytest -n $(PYTEST_WORKERS)

pytest-postgres:
	@if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then \
		echo "PostgreSQL answers on 127.0.0.1:5432: running the suite against it"; \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(PYTEST_WORKERS); \
	else \
		echo "PostgreSQL does not answer on 127.0.0.1:5432: suite ran on SQLite only"; \
	fi

# Recompile the English catalogue after editing cocrea/locale/en/LC_MESSAGES/django.po.
messages: install
	cd cocrea && ../$(BIN)/django-admin makemessages -l en --no-obsolete --ignore "tests/*"
	cd cocrea && ../$(BIN)/django-admin compilemessages -l en -l es_MX

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache

# Benchmarks on PostgreSQL (not part of `make test`); figures go in docs/performance.md.
# A capability's benchmark is any bench/*.py that runs as a script: it joins without editing this.
# foundation sets the base up first; load, the load test under gunicorn, ends the run.
BENCHES := $(shell cd bench && grep -l '__name__ == "__main__"' *.py | sed 's/\.py$$//' | grep -v -x -e foundation -e load)
bench: install
	@# Every benchmark runs even when one misses a target; the exit status says if any did.
	cd bench && status=0; for b in foundation $(BENCHES) load; do \
		../$(BIN)/python $$b.py || status=1; done; exit $$status
