"""The first-start wizard's choice 县委组织部 makes the folder a county folder at once; the
township's steps are skipped and nothing of a township is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWizard

from dangjian_desktop.gui.wizard import FirstStartWizard
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.operators import list_operators
from dangjian_desktop.services.township import get_township
from dangjian_desktop.store.county_db import is_county_folder
from dangjian_desktop.store.db import open_database


def test_choosing_the_county(tmp_path: Path, qtbot: Any) -> None:
    data = DataDir(tmp_path / "folder")
    db = open_database(data)
    wizard = FirstStartWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.welcome.township_choice.isChecked()
    assert wizard.button(QWizard.WizardButton.NextButton).isVisible()
    wizard.welcome.county_choice.setChecked(True)
    assert wizard.welcome.nextId() == -1
    wizard.accept()
    assert wizard.county and wizard.actor is None
    assert is_county_folder(data.root) and (data.root / "county.sqlite3").is_file()
    with db.session() as s:
        assert get_township(s) is None and not list_operators(s)
    db.close()
