"""Shared fixtures: every test gets its own data folder and a fixed today."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dangjian_desktop import clock
from dangjian_desktop.paths import DataDir


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
