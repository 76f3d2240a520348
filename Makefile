# The two commands of the README. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test browser lint

demo: install  ## install, then build the sample corpus into output/
	$(BIN)/kg build

test: install-test browser  ## install with test extras, then run the whole test suite
	$(BIN)/pytest

install: $(BIN)/kg
$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

install-test: install
	$(BIN)/pip install --quiet -e ".[test]"

browser:  ## Debian's Chromium for the browser tests (skipped by the tests when absent)
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		apt-get install -y -qq chromium >/dev/null; } || echo "chromium not installed: browser tests will skip"

lint:
	$(BIN)/ruff check kg tests
	$(BIN)/mypy kg
