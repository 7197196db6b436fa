"""The dialogs of 评估材料与评分: add a 考核组 member, set or lift a 一票否决.

Each is a Designer form (ui/*.ui). OK runs `submit`, which the page sets to a function calling the
service; a message it returns stays in the dialog in red so the clerk can correct the field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from dangjian_desktop.domain.scoring import Veto
from dangjian_desktop.gui.forms.ui_assessor_dialog import Ui_AssessorDialog
from dangjian_desktop.gui.forms.ui_veto_dialog import Ui_VetoDialog

Submit = Callable[[], str | None]
"""Saves what the dialog holds; returns a message for the clerk when it could not."""

NO_BRANCH = "（不是参评党组织的党员）"


class _FormDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit: Submit | None = None

    def _wire(self, buttons: QDialogButtonBox) -> None:
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("确定")
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        ok.setToolTip("Enter（在多行文字里用 Ctrl+Enter）")
        QShortcut(QKeySequence("Ctrl+Return"), self, self.try_accept)

    def check(self) -> str | None:
        return None

    def show_error(self, message: str | None) -> None:
        raise NotImplementedError

    def try_accept(self) -> None:
        message = self.check()
        if message is None and self.submit is not None:
            message = self.submit()
        self.show_error(message)
        if message is None:
            self.accept()


class AssessorDialog(_FormDialog):
    """添加考核组成员: name, unit, and the branch he belongs to (for 回避)."""

    def __init__(self, branches: Sequence[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AssessorDialog()
        self.ui.setupUi(self)
        self.ui.branchCombo.addItem(NO_BRANCH, None)
        for branch_id, name in branches:
            self.ui.branchCombo.addItem(name, branch_id)
        self.ui.branchCombo.setMaxVisibleItems(20)
        self.ui.errorLabel.hide()
        self._wire(self.ui.buttonBox)
        self.ui.nameEdit.setFocus()

    def name(self) -> str:
        return self.ui.nameEdit.text().strip()

    def unit(self) -> str:
        return self.ui.unitEdit.text().strip()

    def branch_id(self) -> int | None:
        value = self.ui.branchCombo.currentData()
        return value if isinstance(value, int) else None

    def check(self) -> str | None:
        if not self.name():
            self.ui.nameEdit.setFocus()
            return "请填写考核组成员的姓名。"
        return None

    def show_error(self, message: str | None) -> None:
        self.ui.errorLabel.setText(message or "")
        self.ui.errorLabel.setVisible(bool(message))


class VetoDialog(_FormDialog):
    """一票否决 for one branch: which matters apply and what happened."""

    def __init__(
        self,
        branch_name: str,
        active: Sequence[Veto],
        note: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_VetoDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(f"一票否决 — {branch_name}")
        self.ui.branchLabel.setText(
            f"{branch_name}：有下列情形之一的，不参加先进评选（一票否决）。"
        )
        self.ui.branchLabel.setWordWrap(True)
        self.checks = {
            Veto.SERIOUS_INCIDENT: self.ui.seriousCheck,
            Veto.FRAUD: self.ui.fraudCheck,
            Veto.TARGET_FAILED: self.ui.targetCheck,
        }
        self.ui.targetCheck.setToolTip(
            "在“考核指标”里把“目标管理考核全部合格”填为“否”时，会自动勾选这一项。"
        )
        for veto, box in self.checks.items():
            box.setChecked(veto in active)
        self.ui.noteEdit.setPlainText(note if active else "")
        self.ui.errorLabel.hide()
        self._wire(self.ui.buttonBox)

    def chosen(self) -> dict[Veto, bool]:
        return {veto: box.isChecked() for veto, box in self.checks.items()}

    def note(self) -> str:
        return self.ui.noteEdit.toPlainText().strip()

    def check(self) -> str | None:
        if any(self.chosen().values()) and not self.note():
            self.ui.noteEdit.setFocus()
            return "认定一票否决要写明具体情况，请在“具体情况”里填写。"
        return None

    def show_error(self, message: str | None) -> None:
        self.ui.errorLabel.setText(message or "")
        self.ui.errorLabel.setVisible(bool(message))
