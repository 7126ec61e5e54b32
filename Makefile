# One-command set-up: every target below creates .venv, installs the package from pinned
# versions, the PDF toolchain (Debian's Chromium and CJK fonts) and the Jupyter kernel as needed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := strategy-brief

.PHONY: setup system-deps git-filters brief brief-countries test test-fast sync-notebooks lab bench bench-analysis lint \
	format clean-reports

setup: $(STAMP) system-deps git-filters

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the dependencies or their pins change.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt pip setuptools wheel
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (strategy-brief)" >/dev/null
	touch $@

system-deps:
	@scripts/install-system-deps.sh

# The nbstripout filter that .gitattributes names: staged notebooks lose their outputs and keep their
# cell ids, as the pre-commit hook does. Set here rather than by `nbstripout --install`, whose filter
# would renumber every cell id. Skipped outside a git clone.
git-filters: $(STAMP)
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
		git config filter.nbstripout.clean '"$(CURDIR)/$(BIN)/python" -m nbstripout --keep-id' && \
		git config filter.nbstripout.smudge cat && \
		git config filter.nbstripout.required true && \
		git config diff.ipynb.textconv '"$(CURDIR)/$(BIN)/python" -m nbstripout --keep-id -t'; \
	fi

brief: setup
	$(BIN)/strategy-brief build

# A short brief for every economy with at least 3 of the 5 core indicators (listed from
# data/processed/country_coverage.csv), added to today's edition.
brief-countries: setup
	$(BIN)/strategy-brief build --set countries

test: setup
	$(BIN)/python -m pytest

# Everything but the tests marked slow (kernels, builds, Chromium, the CLI in a subprocess, the full
# refresh of the real data): for the edit-test loop. CI runs `make test`.
test-fast: setup
	$(BIN)/python -m pytest -m "not slow"

# Pair every notebook with its py:percent text file in notebooks/py/ (notebooks/jupytext.toml); in each
# pair the file changed last wins. The pre-commit hook and JupyterLab on save do the same.
sync-notebooks: $(STAMP)
	$(BIN)/jupytext --sync notebooks/*.ipynb

# JupyterLab refuses to run as root unless told to (containers, CI machines).
lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

bench: setup
	$(BIN)/python benchmarks/bench_build.py

# The analysis library: the full indicator set, and a 10,000-draw Monte Carlo of the scenario model.
bench-analysis: setup
	$(BIN)/python benchmarks/bench_indicators.py
	$(BIN)/python benchmarks/bench_scenario.py

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

clean-reports:
	rm -rf reports/*/ reports/latest reports/.staging-* reports/.retired-*
