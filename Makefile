# The two Quick start commands: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint format bench messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

demo: $(STAMP)
	$(BIN)/presscenter demo

# The browser tests run in processes of their own: Playwright's sync API marks its event loop as
# running in the thread between calls, so a later async_to_sync in the same worker would refuse.
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --ignore=tests/browser $(PYTEST_ARGS)
	$(BIN)/python -m pytest -n 2 tests/browser $(PYTEST_ARGS)
	PRESSCENTER_LAYOUT=1 $(BIN)/python -m pytest -q tests/browser/test_layout.py

lint: $(STAMP)
	$(BIN)/ruff format --check presscenter tests bench
	$(BIN)/ruff check presscenter tests bench
	$(BIN)/mypy presscenter
	$(BIN)/python -m pytest -q -n 0 tests/test_structure.py  # import loops, layers, reasons of nested imports

format: $(STAMP)
	$(BIN)/ruff format presscenter tests bench
	$(BIN)/ruff check --fix presscenter tests bench

# Needs GNU gettext (apt-get install gettext). The compiled .mo files are committed.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=tests --ignore=bench
	$(BIN)/python manage.py makemessages -d djangojs -l en --no-obsolete --ignore=.venv --ignore=tests --ignore='*/vendor/*'
	$(BIN)/python manage.py compilemessages --ignore=.venv
