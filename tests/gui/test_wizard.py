"""First start on an empty data folder: township, first operator and first round, by keyboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWizard
from registers_helpers import type_text

from dangjian_desktop import clock
from dangjian_desktop.gui.wizard import FirstStartWizard
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.operators import list_operators
from dangjian_desktop.services.rounds import list_rounds
from dangjian_desktop.services.township import get_township
from dangjian_desktop.store.db import Database, open_database

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


@pytest.fixture
def empty_db(tmp_path: Path, qapp: Any) -> Iterator[Database]:
    clock.set_today(dt.date(2027, 3, 1))
    db = open_database(DataDir(tmp_path / "empty"))
    yield db
    db.close()
    clock.set_today(None)


@pytest.fixture
def wizard(empty_db: Database, qtbot: Any) -> FirstStartWizard:
    w = FirstStartWizard(empty_db)
    qtbot.addWidget(w)
    w.show()
    return w


def _enter(qtbot: Any, wizard: FirstStartWizard) -> None:
    qtbot.keyClick(wizard.currentPage(), Qt.Key.Key_Return)


def test_buttons_are_in_chinese(wizard: FirstStartWizard) -> None:
    assert "下一步" in wizard.buttonText(NEXT)
    assert "完成" in wizard.buttonText(FINISH)
    assert "取消" in wizard.buttonText(QWizard.WizardButton.CancelButton)
    assert wizard.page_count() == 4


def test_keyboard_walk_creates_township_operator_and_round(
    wizard: FirstStartWizard, empty_db: Database, qtbot: Any
) -> None:
    next_button = wizard.button(NEXT)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)  # welcome
    town = wizard.township
    assert wizard.currentPage() is town
    assert not next_button.isEnabled()
    assert town.ui.errorLabel.isHidden()  # nothing typed yet: nothing in red
    type_text(qtbot, town.ui.nameEdit, "石")
    town.ui.nameEdit.clear()
    assert town.ui.errorLabel.text() == "请填写镇名。" and not town.ui.errorLabel.isHidden()
    type_text(qtbot, town.ui.nameEdit, "石龙镇")
    assert town.ui.organEdit.text() == "中共石龙镇委员会"
    assert town.ui.prefixEdit.text() == "石党发"
    type_text(qtbot, town.ui.countyEdit, "石屏县")
    type_text(qtbot, town.ui.phoneEdit, "0873-12")
    assert not next_button.isEnabled()
    assert "电话号码" in town.ui.errorLabel.text()
    type_text(qtbot, town.ui.phoneEdit, "34567")
    assert next_button.isEnabled() and town.ui.errorLabel.isHidden()
    _enter(qtbot, wizard)

    op = wizard.operator
    assert wizard.currentPage() is op
    assert op.ui.roleCombo.currentText() == "管理员"
    type_text(qtbot, op.ui.nameEdit, "李丽华")
    type_text(qtbot, op.ui.passwordEdit, "abc123")
    type_text(qtbot, op.ui.password2Edit, "abc12")
    assert not next_button.isEnabled()
    assert "两次输入的密码不一样" in op.ui.errorLabel.text()
    type_text(qtbot, op.ui.password2Edit, "3")
    assert next_button.isEnabled()
    _enter(qtbot, wizard)

    rnd = wizard.round
    assert wizard.currentPage() is rnd
    assert rnd.ui.yearSpin.value() == 2026
    assert rnd.ui.planDueEdit.date() == QDate(2026, 8, 25)
    assert rnd.ui.quotaSpin.value() == 20
    assert rnd.schedule.rowCount() == 9
    finish = wizard.button(FINISH)
    rnd.ui.reportH2DueEdit.setDate(QDate(2026, 8, 1))  # before the plans are due
    assert not finish.isEnabled()
    assert "下半年书面汇报截止日期" in rnd.ui.errorLabel.text()
    rnd.ui.reportH2DueEdit.setDate(QDate(2027, 1, 10))
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.actor is not None and wizard.actor.name == "李丽华"
    assert wizard.actor.role == "admin"
    with empty_db.session() as s:
        township = get_township(s)
        assert township is not None
        assert (township.name, township.organ, township.county) == (
            "石龙镇",
            "中共石龙镇委员会",
            "石屏县",
        )
        assert township.contact_phone == "0873-1234567"
        operators = list_operators(s)
        assert [(o.name, o.role, bool(o.password_hash)) for o in operators] == [
            ("李丽华", "admin", True)
        ]
        rounds = list_rounds(s)
        assert [r.first_year for r in rounds] == [2026]
        assert rounds[0].report_h2_due == dt.date(2027, 1, 10)


def test_a_typed_organ_name_is_not_overwritten(wizard: FirstStartWizard, qtbot: Any) -> None:
    wizard.go_to(1)
    town = wizard.township
    type_text(qtbot, town.ui.organEdit, "中共石龙镇委")
    type_text(qtbot, town.ui.nameEdit, "石龙镇")
    assert town.ui.organEdit.text() == "中共石龙镇委"
    assert town.ui.officeEdit.text() == "中共石龙镇委员会创先争优活动领导小组办公室"


def test_cancel_leaves_the_folder_empty(
    wizard: FirstStartWizard, empty_db: Database, qtbot: Any
) -> None:
    wizard.go_to(1)
    type_text(qtbot, wizard.township.ui.nameEdit, "石龙镇")
    wizard.reject()
    assert wizard.actor is None
    with empty_db.session() as s:
        assert get_township(s) is None and not list_operators(s) and not list_rounds(s)


def test_go_to_reaches_every_step(wizard: FirstStartWizard) -> None:
    pages = []
    for step in range(wizard.page_count()):
        wizard.go_to(step)
        pages.append(wizard.currentPage())
    assert pages == [wizard.welcome, wizard.township, wizard.operator, wizard.round]


def test_schedule_model(wizard: FirstStartWizard, qtmodeltester: Any) -> None:
    qtmodeltester.check(wizard.round.schedule)
