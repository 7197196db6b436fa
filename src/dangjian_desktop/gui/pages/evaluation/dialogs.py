"""The dialogs of 评估材料与评分: add, correct or replace a 考核组 member, set or lift a 一票否决.

Each is a Designer form (ui/*.ui). OK runs `submit`, which the page sets to a function calling the
service; a message it returns stays in the dialog in red so the clerk can correct the field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QSizePolicy, QWidget

from dangjian_desktop.domain.scoring import Veto
from dangjian_desktop.gui.forms.ui_assessor_dialog import Ui_AssessorDialog
from dangjian_desktop.gui.forms.ui_veto_dialog import Ui_VetoDialog
from dangjian_desktop.gui.models import ROW_ROLE, Column, FilterProxy, RowsModel
from dangjian_desktop.services import evaluation as ev

Submit = Callable[[], str | None]
"""Saves what the dialog holds; returns a message for the clerk when it could not."""

NO_BRANCH = "（不需要回避）"


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


MEMBER_COLUMNS: list[Column[ev.MemberChoice]] = [
    Column("姓名", lambda m: m.name, 90),
    Column("性别", lambda m: m.gender, 50),
    Column("职务", lambda m: m.post, 70),
    Column("所在党组织", lambda m: m.branch_name, 220),
]


class AssessorDialog(_FormDialog):
    """A 考核组 member: chosen from the member register (searchable), or an outside person by name
    with, rarely, a branch he must stand aside from. Adds one, corrects one (`editing`: the kind is
    kept) or puts another person in one's seat (`replacing`: with a reason)."""

    def __init__(
        self,
        branches: Sequence[tuple[int, str]],
        members: Sequence[ev.MemberChoice],
        parent: QWidget | None = None,
        *,
        editing: ev.AssessorLine | None = None,
        replacing: ev.AssessorLine | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AssessorDialog()
        self.ui.setupUi(self)
        self.ui.branchCombo.addItem(NO_BRANCH, None)
        for branch_id, name in branches:
            self.ui.branchCombo.addItem(name, branch_id)
        self.ui.branchCombo.setMaxVisibleItems(20)
        self.model: RowsModel[ev.MemberChoice] = RowsModel(MEMBER_COLUMNS, self)
        self.model.set_rows(list(members))
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        view = self.ui.members
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)  # the register's order (by branch) until a header is clicked
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        for i, column in enumerate(MEMBER_COLUMNS):
            view.setColumnWidth(i, column.width)
        self.ui.memberSearch.textChanged.connect(self.proxy.setFilterFixedString)
        self.ui.memberSearch.returnPressed.connect(self._pick_first)
        view.activated.connect(lambda *_: self.try_accept())
        self.ui.registerRadio.toggled.connect(self._kind_changed)
        self.outside_hint = self.ui.outsideHint.text()
        self.ui.nameEdit.textChanged.connect(self._same_name_hint)
        self.ui.errorLabel.hide()
        self._wire(self.ui.buttonBox)
        self.editing, self.replacing = editing, replacing
        self._set_mode(editing, replacing)

    def _set_mode(self, editing: ev.AssessorLine | None, replacing: ev.AssessorLine | None) -> None:
        ui = self.ui
        ui.reasonLabel.setVisible(replacing is not None)
        ui.reasonEdit.setVisible(replacing is not None)
        ui.currentLabel.setVisible(editing is not None or replacing is not None)
        if replacing is not None:
            self.setWindowTitle(f"更换考核组成员 — {replacing.name}")
            ui.currentLabel.setText(
                f"由谁接替{replacing.name}（{replacing.unit or '未填单位'}）参加考核？"
                "原成员移出考核组，记入操作日志。"
            )
        if editing is None:
            self._kind_changed()
            ui.memberSearch.setFocus()
            return
        self.setWindowTitle(f"修改考核组成员 — {editing.name}")
        ui.registerRadio.setChecked(editing.from_register)
        ui.outsideRadio.setChecked(not editing.from_register)
        ui.registerRadio.hide()
        ui.outsideRadio.hide()
        ui.unitEdit.setText(editing.unit)
        if editing.from_register:
            ui.stack.hide()
            self.resize(self.width(), self.minimumSizeHint().height())
            where = editing.branch_name or "已不在本镇党员名册中"
            ui.currentLabel.setText(
                f"{editing.name}（党员名册，{where}）。姓名和所在党组织以党员名册为准，"
                "这里只改单位或职务；要换人请用“更换…”。"
            )
            ui.unitEdit.setFocus()
            return
        ui.currentLabel.setText(f"{editing.name}是外单位人员。要换人请用“更换…”。")
        ui.nameEdit.setText(editing.name)
        index = ui.branchCombo.findData(editing.branch_id)
        ui.branchCombo.setCurrentIndex(max(index, 0))
        self._kind_changed()
        # The register's list is never shown here: the dialog needs no room for it.
        ignored = QSizePolicy.Policy.Ignored
        ui.registerPage.setSizePolicy(ignored, ignored)
        # (+60: word-wrapped hints report less height than they take once laid out)
        self.resize(self.width(), self.minimumSizeHint().height() + 60)
        ui.nameEdit.setFocus()

    def _kind_changed(self, *_: object) -> None:
        self.ui.stack.setCurrentWidget(
            self.ui.registerPage if self.from_register() else self.ui.outsidePage
        )

    def _same_name_hint(self, *_: object) -> None:
        """An outside person named like a member of the register: say so, he may be that member
        (chosen from the register, his recusal follows the register)."""
        name = self.name()
        same = [m for m in self.model.rows if name and m.name == name]
        if not same:
            self.ui.outsideHint.setText(self.outside_hint)
            self.ui.outsideHint.setStyleSheet("color: #555555;")
            return
        where = "、".join(m.branch_name for m in same)
        self.ui.outsideHint.setText(
            f"党员名册里有同名党员{name}（{where}）。如是同一人，请选“从党员名册中选择”，"
            "这样回避按名册计算。"
        )
        self.ui.outsideHint.setStyleSheet("color: #8d5a00;")

    def _pick_first(self) -> None:
        """Enter in the search box: the first member found, or the dialog's OK once one is."""
        if self.member_id() is None and self.proxy.rowCount() > 0:
            self.ui.members.selectRow(0)
            self.ui.members.setFocus()
        elif self.member_id() is not None:
            self.try_accept()

    def from_register(self) -> bool:
        return self.ui.registerRadio.isChecked()

    def member_id(self) -> int | None:
        if self.editing is not None:
            return self.editing.member_id if self.editing.from_register else None
        rows = self.ui.members.selectionModel().selectedRows()
        if not self.from_register() or not rows:
            return None
        row = self.proxy.data(rows[0], ROW_ROLE)
        return row.member_id if isinstance(row, ev.MemberChoice) else None

    def name(self) -> str:
        return self.ui.nameEdit.text().strip()

    def unit(self) -> str:
        return self.ui.unitEdit.text().strip()

    def branch_id(self) -> int | None:
        value = self.ui.branchCombo.currentData()
        return value if isinstance(value, int) and not self.from_register() else None

    def reason(self) -> str:
        return self.ui.reasonEdit.text().strip()

    def person(self) -> ev.Person:
        if self.from_register():
            return ev.Person(member_id=self.member_id(), unit=self.unit())
        return ev.Person(name=self.name(), unit=self.unit(), branch_id=self.branch_id())

    def check(self) -> str | None:
        if self.from_register() and self.member_id() is None:
            self.ui.memberSearch.setFocus()
            return "请在名单里选一名党员；不在本镇党员名册里的，请选“外单位人员”。"
        if not self.from_register() and not self.name():
            self.ui.nameEdit.setFocus()
            return "请填写考核组成员的姓名。"
        if self.replacing is not None and not self.reason():
            self.ui.reasonEdit.setFocus()
            return "请写明更换原因，如：因病不能参加考核。"
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
