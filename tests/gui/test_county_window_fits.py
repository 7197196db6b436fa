"""The county window (the 县委组织部 side) on a real office screen: every tab with the townships
received, at 1364 × 700 and at 150 % on 1920 × 1080, in the program's own application (fonts and
style as the clerk sees them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from dangjian_desktop.gui.county_window import CountyWindow
from dangjian_desktop.services.county_audit import CountyActor
from dangjian_desktop.store.county_db import open_county_database
from tests.county.conftest import DEMO_TODAY, county_demo  # noqa: F401  (the fixture)


@pytest.mark.parametrize("size", [(1364, 700), (1280, 673)], ids=["1364x700", "150%-1920x1080"])
def test_the_county_window_fits(
    qtbot: QtBot,
    qapp: Any,
    answers: Any,
    tmp_path: Path,
    county_demo: Any,  # noqa: F811
    size: tuple[int, int],
) -> None:
    """Every tab of the county window, with the townships received, at 1366 × 768 and at 150 %
    on 1920 × 1080: no text cut off, no control out of reach."""
    from PySide6.QtWidgets import QApplication

    from dangjian_desktop import clock
    from dangjian_desktop.gui.clipping import find_clipped
    from dangjian_desktop.gui.screenshots import tab_paths

    clock.set_today(DEMO_TODAY)
    db = open_county_database(tmp_path / "county")
    window = CountyWindow(db, CountyActor("赵县"))
    qtbot.addWidget(window)
    window.receive_folders([str(county_demo.packages[0].parent.parent)])
    window.resize(*size)
    window.show()
    problems = []
    paths = tab_paths(window)
    assert paths
    for path in paths:
        for tab, index in path:
            tab.setCurrentIndex(index)
        QApplication.processEvents()
        name = "/".join(tab.tabText(index) for tab, index in path)
        problems += [str(p) for p in find_clipped(window, f"{size} 县委 {name}")]
    db.close()
    assert not problems, "\n".join(problems)
