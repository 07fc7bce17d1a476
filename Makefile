# Everything a fresh clone needs: `make generate`, `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: generate test check lint bench clean import-doc diff

# The venv is rebuilt when pyproject.toml changes.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

generate: $(STAMP)
	$(BIN)/python -m codegen generate

check: $(STAMP)
	$(BIN)/python -m codegen generate --check

# Keeping the catalog current (docs/maintaining.md): make import-doc DOC=path/to/doc.md,
# then make diff (REF=HEAD by default) for what changed and whether it breaks.
REF ?= HEAD

import-doc: $(STAMP)
	@test -n "$(DOC)" || { echo "usage: make import-doc DOC=path/to/doc.md" >&2; exit 2; }
	$(BIN)/python -m codegen import-doc "$(DOC)"

diff: $(STAMP)
	$(BIN)/python -m codegen diff --against "$(REF)"

lint: $(STAMP)
	$(BIN)/ruff check codegen tests
	$(BIN)/mypy

test: $(STAMP)
	$(BIN)/python -m codegen generate --check
	$(BIN)/mypy
	$(BIN)/pyright
	$(BIN)/ruff check codegen tests
	$(BIN)/python -m pytest

# Slow (minutes) and never part of `make test`; BENCH_FLAGS=--quick for a short run.
bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH_FLAGS)

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache
