# Two entry points for people: `make run` and `make test`. Both create .venv when needed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint forms screenshots bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dangjian-desktop

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src/dangjian_desktop/domain src/dangjian_desktop/store src/dangjian_desktop/services

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

forms: $(STAMP)
	$(BIN)/python -m dangjian_desktop.gui.build_forms

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m dangjian_desktop.gui.screenshots screenshots

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/dangjian-desktop bench

clean:
	rm -rf $(VENV) build dist screenshots .pytest_cache .mypy_cache .ruff_cache
