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
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools
	$(BIN)/mypy src/dangjian_desktop/domain src/dangjian_desktop/store src/dangjian_desktop/services tools

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

forms: $(STAMP)
	$(BIN)/python tools/build_forms.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m dangjian_desktop.gui.screenshots screenshots

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/dangjian-desktop bench

clean:
	rm -rf $(VENV) build dist screenshots .pytest_cache .mypy_cache .ruff_cache

# ---------------------------------------------------------------- installers
# `make dist`: the frozen program (dist/dangjian-desktop/) and the Debian/UOS package
# (dist/cn.dangjian.desktop_VERSION_amd64.deb). The Windows setup is built on Windows:
# installer/windows/README.md.
BUILD_STAMP := $(VENV)/.build-installed

$(BUILD_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[build]'
	touch $(BUILD_STAMP)

.PHONY: dist dist-check

dist: $(BUILD_STAMP)
	$(BIN)/python installer/linux/build_deb.py

# The slow test against the package just built: unpack it, run the frozen --self-test and CLI.
dist-check: dist
	QT_QPA_PLATFORM=offscreen DANGJIAN_DEB="$$(ls -t dist/*.deb | head -1)" \
		$(BIN)/python -m pytest -q -m slow tests/test_dist.py
