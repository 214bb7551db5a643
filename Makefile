# The two commands a new machine needs:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(CURDIR)/$(VENV)/bin
SERVERS := config/example-servers

.PHONY: demo test install lint

demo: install  ## scan the example registry of real local MCP servers on the embedded SQLite
	PATH="$(BIN):$$PATH" $(BIN)/driftwatch --config config/driftwatch.example.yaml scan

test: install  ## the whole test suite (real MCP servers, SQLite; PostgreSQL where reachable)
	PATH="$(BIN):$$PATH" $(BIN)/pytest

lint: install
	$(BIN)/ruff check . && $(BIN)/mypy

install: $(VENV)/.installed $(SERVERS)/node_modules/.installed

$(VENV)/.installed: pyproject.toml
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

$(SERVERS)/node_modules/.installed: $(SERVERS)/package.json $(SERVERS)/package-lock.json
	cd $(SERVERS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@
