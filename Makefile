# Everyday tasks.  Set up once: python3 -m venv .venv && .venv/bin/pip install -c constraints.txt -e ".[test]"
PY ?= .venv/bin/python
BIN := $(dir $(PY))

.PHONY: check test snapshots catalog bench format

check:  ## lint, format, types, layers and catalogs (what CI checks besides the tests)
	$(BIN)ruff check plgcycle screens tests benchmarks tools
	$(BIN)ruff format --check plgcycle screens tests benchmarks tools
	$(BIN)mypy
	$(BIN)lint-imports
	$(PY) tools/catalog.py check

test:  ## the whole suite, on every core
	$(PY) -m pytest

snapshots:  ## redraw the SVG snapshots after a deliberate change to a screen (look at them!)
	$(PY) -m pytest -n 0 tests/ui --snapshot-update -k snapshot

catalog:  ## add new message ids to the Dutch parts, drop unused ones, compile
	$(PY) tools/catalog.py update
	$(PY) tools/catalog.py check

bench:  ## every benchmark; ratios measured side by side in one run
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

format:  ## format the code and sort imports
	$(BIN)ruff check --select I --fix plgcycle screens tests benchmarks tools
	$(BIN)ruff format plgcycle screens tests benchmarks tools
