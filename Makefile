# The README's commands. Everything installs into .venv from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## demo: serve the bundled offline mirror on 127.0.0.1, crawl it into ./archive.db, write ./report.html
demo: $(STAMP)
	$(BIN)/dbp-archive demo --db archive.db

## test: the whole test suite (unit, extraction golden files, end-to-end crawls on loopback)
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check scraper tests bench
	$(BIN)/ruff format --check scraper tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format scraper tests bench
	$(BIN)/ruff check --fix scraper tests bench

## bench: benchmarks (print figures and ratios; never fail on a time)
bench: $(STAMP)
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/realpages.py
	$(BIN)/python bench/archive.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/incremental.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/recheck.py
	$(BIN)/python bench/backfill.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache *.egg-info
