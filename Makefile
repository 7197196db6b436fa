# Two entry points for people: `make run` and `make test`. Both create .venv when needed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint forms screenshots help-images bench clean

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
	$(BIN)/mypy src/dangjian_desktop tools

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

forms: $(STAMP)
	$(BIN)/python tools/build_forms.py

# Every page, tab and sub-tab at 1364 × 700: in the scoring season (May), in December, and in May
# at 150 % on a 1920 × 1080 screen.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m dangjian_desktop.gui.screenshots screenshots/may --today 2027-05-20
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m dangjian_desktop.gui.screenshots screenshots/december --today 2026-12-10
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m dangjian_desktop.gui.screenshots screenshots/may-150 --today 2027-05-20 --scale 1.5 --window 1920x1010
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m dangjian_desktop.gui.screenshots screenshots/december-150 --today 2026-12-10 --scale 1.5 --window 1920x1010

# The pictures of the 使用说明 (resources/help/images/), made from the demo in May.
help-images: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m dangjian_desktop.gui.screenshots resources/help/images --today 2027-05-20 --help-images

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/dangjian-desktop bench

clean:
	rm -rf $(VENV) build dist screenshots .pytest_cache .mypy_cache .ruff_cache

# ---------------------------------------------------------------- installers
# `make dist`: the frozen program (dist/dangjian-desktop/) and the Debian/UOS/Kylin package
# (dist/cn.dangjian.desktop_VERSION_amd64.deb) for glibc 2.28 and newer. The build venv is
# installed from installer/linux/requirements.lock with --require-hashes (the same bytes of every
# dependency next month); the native parts (fcitx plugin, bundled C library) are built in a
# Debian trixie root under build/roots/ (debootstrap; needs root). The Windows setup is built on
# Windows: installer/windows/build.ps1 and .github/workflows/windows.yml.
DIST_VENV := build/venv-dist
DIST_STAMP := $(DIST_VENV)/.installed
LOCK := installer/linux/requirements.lock

$(DIST_STAMP): $(LOCK)
	rm -rf $(DIST_VENV)
	$(PY) -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/python -m pip install --quiet --no-deps --require-hashes -r $(LOCK)
	touch $(DIST_STAMP)

.PHONY: dist dist-check lock

dist: $(DIST_STAMP)
	$(DIST_VENV)/bin/python installer/linux/build_deb.py

# Rewrites the lock from pyproject.toml (run after changing a dependency; commit the result).
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/python -m uv pip compile pyproject.toml --extra build --generate-hashes \
		--python-version 3.11 --python-platform x86_64-manylinux_2_28 --no-header \
		--output-file $(LOCK)
	$(BIN)/python -m uv pip compile pyproject.toml --extra build --generate-hashes \
		--python-version 3.11 --python-platform x86_64-pc-windows-msvc --no-header \
		--output-file installer/windows/requirements.lock

# The slow tests against the package just built (marker `dist`): the ELF ceiling, a Debian 11
# root with `dpkg -i` and --self-test, the fcitx plugin under Xvfb + D-Bus + fcitx5.
dist-check: dist $(STAMP)
	QT_QPA_PLATFORM=offscreen DANGJIAN_DEB="$$(ls -t dist/*.deb | head -1)" \
		$(BIN)/python -m pytest -q -p no:cacheprovider -m dist tests/test_dist.py tests/test_dist_fcitx.py
