"""Demo data folders for tests: built once per module or session, copied for each test."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from dangjian_desktop import clock
from dangjian_desktop.paths import DataDir


def build_demo_folder(folder: Path, *, today: dt.date, branches: int, members: int) -> Path:
    """The demo township built into `folder` as it stands on `today`; the clock is reset after."""
    from dangjian_desktop.services.demo import build_demo
    from dangjian_desktop.store.db import open_database

    clock.set_today(today)
    db = open_database(folder)
    try:
        build_demo(db, branches=branches, members=members)
    finally:
        db.close()
        clock.set_today(None)
    return folder


def copy_demo(template: Path, target: Path, *, today: dt.date | None = None) -> DataDir:
    """A copy of a built demo folder for one test; with `today`, the clock is set to it."""
    shutil.copytree(template, target)
    if today is not None:
        clock.set_today(today)
    return DataDir(target)
