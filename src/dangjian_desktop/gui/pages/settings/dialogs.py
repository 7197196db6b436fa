"""The dialog for adding or changing an operator."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from dangjian_desktop.gui.forms.ui_operator_dialog import Ui_OperatorDialog
from dangjian_desktop.services.common import ROLE_NAMES


class OperatorDialog(QDialog):
    """添加操作员: name, role, an optional password typed twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_OperatorDialog()
        self.ui.setupUi(self)
        for code, name in ROLE_NAMES.items():
            self.ui.roleCombo.addItem(name, code)
        ok = self.ui.buttonBox.button(self.ui.buttonBox.StandardButton.Ok)
        ok.setText("添加")
        ok.setDefault(True)
        self.ui.buttonBox.button(self.ui.buttonBox.StandardButton.Cancel).setText("取消")
        self.ui.buttonBox.accepted.connect(self.try_accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.errorLabel.hide()
        self.submit: Any = None

    @property
    def name(self) -> str:
        return self.ui.nameEdit.text().strip()

    @property
    def role(self) -> str:
        return str(self.ui.roleCombo.currentData())

    @property
    def password(self) -> str | None:
        return self.ui.passwordEdit.text() or None

    def check(self) -> str | None:
        if not self.name:
            return "请填写操作员的姓名。"
        if self.ui.passwordEdit.text() != self.ui.confirmEdit.text():
            return "两次输入的密码不一样，请重新输入。"
        return None

    def try_accept(self) -> None:
        problem = self.check()
        if problem is None and self.submit is not None:
            problem = self.submit()
        if problem:
            self.ui.errorLabel.setText(problem)
            self.ui.errorLabel.show()
            return
        self.accept()
