"""Shared fixtures: every test gets its own data folder and a fixed today; `soffice` for the
tests that need LibreOffice Calc."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dangjian_desktop import clock
from dangjian_desktop.paths import DataDir


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """test_dist.py builds the frozen program and the .deb (minutes): it belongs to
    `make dist-check`, so its tests carry the `dist` mark the default run leaves out."""
    for item in items:
        if item.path.name == "test_dist.py":
            item.add_marker(pytest.mark.dist)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test may touch the real user data folder, and today is whatever the test says."""
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(tmp_path / "default-data"))
    yield
    clock.set_today(None)


@pytest.fixture
def data_dir(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "data")


@pytest.fixture
def db(data_dir: DataDir) -> Iterator[object]:
    from dangjian_desktop.store.db import open_database

    database = open_database(data_dir)
    yield database
    database.close()


@pytest.fixture
def today() -> dt.date:
    day = dt.date(2026, 9, 15)
    clock.set_today(day)
    return day


def _calc_missing() -> str | None:
    """Why LibreOffice Calc cannot read a workbook here, or None when it can. `soffice` alone is
    not enough: a machine with only Writer has it too, and then a spreadsheet fails to load."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return "LibreOffice is not installed (no soffice on PATH); CI installs libreoffice-calc"
    program = Path(soffice).resolve().parent
    for library in ("sclo", "scfiltlo"):  # Calc itself and its xlsx import filter
        if not any(program.glob(f"*{library}.*")):
            return (
                f"LibreOffice Calc is not installed ({program} has soffice but no {library}); "
                "CI installs libreoffice-calc"
            )
    return None


@pytest.fixture
def soffice() -> str:
    """The soffice command of an installation that has Calc; skips the test, saying why, if not."""
    missing = _calc_missing()
    if missing is not None:
        if os.environ.get("DANGJIAN_REQUIRE_CALC"):  # set by .ci/run: CI must run these tests
            pytest.fail(missing)
        pytest.skip(missing)
    found = shutil.which("soffice")
    assert found is not None
    return found
