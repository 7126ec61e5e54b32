# One-command set-up: every target below creates .venv, installs the package from pinned
# versions, the PDF toolchain (Debian's Chromium and CJK fonts) and the Jupyter kernel as needed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := strategy-brief

.PHONY: setup system-deps brief test lab bench bench-analysis lint format clean-reports

setup: $(STAMP) system-deps

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

brief: setup
	$(BIN)/strategy-brief build

test: setup
	$(BIN)/python -m pytest

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
