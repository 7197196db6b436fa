"""Add/edit dialogs of the registers page and its recycle view (回收站).

A dialog stays open with what the clerk typed when the service refuses; the reason is shown in
red inside it (ctx.act(..., inline=True)), not in a popup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.validation import (
    ETHNICITIES,
    GENDERS,
    LEVEL_NAMES,
    MEMBER_KINDS,
    POSTS,
    SECTORS,
    BranchLevel,
    BranchStatus,
)
from dangjian_desktop.exchange.normalize import DateParseError, parse_date_cell
from dangjian_desktop.gui.context import AppContext, Area, Change
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.forms.ui_branch_dialog import Ui_BranchDialog
from dangjian_desktop.gui.forms.ui_member_dialog import Ui_MemberDialog
from dangjian_desktop.gui.models import Column
from dangjian_desktop.gui.widgets import SearchableTable
from dangjian_desktop.services.common import Session, ident
from dangjian_desktop.services.registers import (
    BranchInput,
    BranchRow,
    MemberInput,
    MemberRow,
    add_branch,
    add_member,
    deleted_branch_rows,
    deleted_member_rows,
    restore_branch,
    restore_member,
    update_branch,
    update_member,
)

# 汉族 first, then the nationalities most common in Yunnan townships, then the rest in the
# standard order, so a clerk rarely has to scroll.
_COMMON_FIRST = (
    "汉族",
    "彝族",
    "哈尼族",
    "白族",
    "傣族",
    "壮族",
    "苗族",
    "回族",
    "傈僳族",
    "拉祜族",
    "佤族",
    "纳西族",
    "瑶族",
    "景颇族",
    "藏族",
    "布朗族",
    "布依族",
    "普米族",
    "阿昌族",
    "怒族",
    "基诺族",
    "德昂族",
    "蒙古族",
    "水族",
    "满族",
    "独龙族",
)
ETHNICITY_CHOICES: tuple[str, ...] = (
    *_COMMON_FIRST,
    *(e for e in ETHNICITIES if e not in _COMMON_FIRST),
)
NO_PARENT = "（无，直属镇党委）"


def read_date(edit: QLineEdit, what: str) -> dt.date | None:
    """A date typed as 2005-07-01, 2005年7月, 2005.7 … (blank means not known).

    Raises ValueError with a Chinese message; the typed text is rewritten as 2005-07-01 when read.
    """
    text = edit.text().strip()
    if not text:
        return None
    try:
        day = parse_date_cell(text)
    except DateParseError as exc:
        raise ValueError(f"{what}：{exc}") from None
    if day is not None:
        edit.setText(day.isoformat())
    return day


def _date_text(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


class _FormDialog(QDialog):
    """Shared behaviour: Save runs the change; a refusal is shown in red and the dialog stays."""

    def __init__(self, ctx: AppContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved_id: int | None = None
        self.error_label = QLabel()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _save(self, change: Callable[[Session], int], what: Change | None = None) -> None:
        what = what or self.ctx.change(Area.REGISTERS)
        saved, problem = self.ctx.act(change, inline=True, what=what)
        if problem is not None:
            self._show_error(problem)
            return
        self.saved_id = saved
        super().accept()


class BranchDialog(_FormDialog):
    """新增 or 编辑 a party organisation."""

    def __init__(
        self,
        ctx: AppContext,
        branches: Sequence[BranchRow],
        branch: BranchRow | None = None,
        parent_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.ui = Ui_BranchDialog()
        self.ui.setupUi(self)
        self.error_label = self.ui.errorLabel
        self.branch = branch
        ui = self.ui
        self.setWindowTitle(f"编辑党组织：{branch.name}" if branch else "新增党组织")
        self._show_error("")
        for level in (BranchLevel.BRANCH, BranchLevel.GENERAL):
            ui.levelCombo.addItem(LEVEL_NAMES[level], level.value)
        ui.parentCombo.addItem(NO_PARENT, None)
        for row in branches:
            general = row.level == BranchLevel.GENERAL.value and row.status == BranchStatus.ACTIVE
            if general and (branch is None or row.id != branch.id):
                ui.parentCombo.addItem(row.name, row.id)
        ui.sectorCombo.addItems(list(SECTORS))
        ui.levelCombo.currentIndexChanged.connect(self._level_changed)
        if branch is not None:
            ui.nameEdit.setText(branch.name)
            ui.levelCombo.setCurrentIndex(ui.levelCombo.findData(branch.level))
            ui.parentCombo.setCurrentIndex(max(0, ui.parentCombo.findData(branch.parent_id)))
            ui.sectorCombo.setCurrentText(branch.sector)
            ui.ethnicCheck.setChecked(branch.ethnic_area)
            ui.secretaryEdit.setText(branch.secretary)
            ui.phoneEdit.setText(branch.phone)
            ui.foundedEdit.setText(_date_text(branch.founded))
            ui.remarkEdit.setText(branch.remark)
        elif parent_id is not None:
            ui.parentCombo.setCurrentIndex(max(0, ui.parentCombo.findData(parent_id)))
            parent_row = next((b for b in branches if b.id == parent_id), None)
            if parent_row is not None:
                ui.sectorCombo.setCurrentText(parent_row.sector)
                ui.ethnicCheck.setChecked(parent_row.ethnic_area)
        self._level_changed()
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        ui.nameEdit.setFocus()

    def _level_changed(self, *_: object) -> None:
        general = self.ui.levelCombo.currentData() == BranchLevel.GENERAL.value
        if general:
            self.ui.parentCombo.setCurrentIndex(0)
        self.ui.parentCombo.setEnabled(not general)

    def data(self) -> BranchInput:
        ui = self.ui
        return BranchInput(
            name=ui.nameEdit.text(),
            level=str(ui.levelCombo.currentData()),
            sector=ui.sectorCombo.currentText(),
            parent_id=ui.parentCombo.currentData(),
            ethnic_area=ui.ethnicCheck.isChecked(),
            secretary=ui.secretaryEdit.text(),
            phone=ui.phoneEdit.text(),
            founded=read_date(ui.foundedEdit, "成立时间"),
            remark=ui.remarkEdit.text(),
        )

    def accept(self) -> None:
        try:
            data = self.data()
        except ValueError as exc:
            self._show_error(str(exc))
            self.ui.foundedEdit.setFocus()
            return
        actor = self.ctx.actor
        if self.branch is None:
            self._save(lambda s: ident(add_branch(s, actor=actor, data=data)))
        else:
            branch_id = self.branch.id
            self._save(
                lambda s: ident(update_branch(s, actor=actor, branch_id=branch_id, data=data))
            )


class MemberDialog(_FormDialog):
    """新增 or 编辑 a party member."""

    def __init__(
        self,
        ctx: AppContext,
        branches: Sequence[BranchRow],
        member: MemberRow | None = None,
        branch_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.ui = Ui_MemberDialog()
        self.ui.setupUi(self)
        self.error_label = self.ui.errorLabel
        self.member = member
        ui = self.ui
        self.setWindowTitle(f"编辑党员：{member.name}" if member else "新增党员")
        self._show_error("")
        ui.genderCombo.addItems(list(GENDERS))
        ui.ethnicityCombo.addItems(list(ETHNICITY_CHOICES))
        ui.kindCombo.addItems(list(MEMBER_KINDS))
        ui.postCombo.addItems(list(POSTS))
        ui.postCombo.setCurrentText("党员")
        for row in branches:
            if row.status == BranchStatus.ACTIVE or (
                member is not None and row.id == member.branch_id
            ):
                ui.branchCombo.addItem(row.name, row.id)
        if member is not None:
            ui.nameEdit.setText(member.name)
            ui.genderCombo.setCurrentText(member.gender)
            ui.ethnicityCombo.setCurrentText(member.ethnicity)
            ui.birthEdit.setText(_date_text(member.birth_date))
            ui.joinedEdit.setText(_date_text(member.joined_on))
            ui.kindCombo.setCurrentText(member.kind)
            ui.postCombo.setCurrentText(member.post)
            branch_id = member.branch_id
            ui.phoneEdit.setText(member.phone)
            ui.remarkEdit.setText(member.remark)
        if branch_id is not None:
            ui.branchCombo.setCurrentIndex(max(0, ui.branchCombo.findData(branch_id)))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        ui.nameEdit.setFocus()

    def data(self) -> MemberInput:
        ui = self.ui
        branch_id = ui.branchCombo.currentData()
        if not isinstance(branch_id, int):
            raise ValueError("请选择党员所在的党组织；如果列表是空的，请先新增党组织。")
        return MemberInput(
            name=ui.nameEdit.text(),
            gender=ui.genderCombo.currentText(),
            ethnicity=ui.ethnicityCombo.currentText(),
            branch_id=branch_id,
            birth_date=read_date(ui.birthEdit, "出生日期"),
            joined_on=read_date(ui.joinedEdit, "入党日期"),
            kind=ui.kindCombo.currentText(),
            post=ui.postCombo.currentText(),
            phone=ui.phoneEdit.text(),
            remark=ui.remarkEdit.text(),
        )

    def accept(self) -> None:
        try:
            data = self.data()
        except ValueError as exc:
            self._show_error(str(exc))
            return
        actor = self.ctx.actor
        if self.member is None:
            self._save(lambda s: ident(add_member(s, actor=actor, data=data)))
        else:
            member_id = self.member.id
            self._save(
                lambda s: ident(update_member(s, actor=actor, member_id=member_id, data=data)),
                self.ctx.change(Area.REGISTERS).about_members(member_id),
            )


class RecycleDialog(QDialog):
    """回收站: deleted branches and members, each restorable."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("回收站")
        self.resize(820, 520)
        self.branches: SearchableTable[BranchRow] = SearchableTable(
            [
                Column("名称", lambda r: r.name, 220),
                Column("层级", lambda r: r.level_name, 70),
                Column("上级党组织", lambda r: r.parent_name, 180),
                Column("领域", lambda r: r.sector, 110),
                Column("删除时间", lambda r: r.deleted_at, 150),
            ],
            placeholder="搜索已删除的党组织…",
        )
        self.members: SearchableTable[MemberRow] = SearchableTable(
            [
                Column("姓名", lambda r: r.name, 90),
                Column("性别", lambda r: r.gender, 50),
                Column("民族", lambda r: r.ethnicity, 80),
                Column("出生日期", lambda r: r.birth_date, 100),
                Column("所在党组织", lambda r: r.branch_name, 220),
                Column("删除时间", lambda r: r.deleted_at, 150),
            ],
            placeholder="搜索已删除的党员…",
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.branches, "党组织")
        self.tabs.addTab(self.members, "党员")
        self.restore_button = QPushButton("恢复(&R)")
        self.restore_button.setToolTip("把选中的党组织或党员恢复到名册里（Alt+R）")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton("关闭")
        close.setShortcut(QKeySequence("Esc"))
        close.clicked.connect(self.accept)
        self.branches.sig_activated.connect(lambda _row: self.restore_selected())
        self.members.sig_activated.connect(lambda _row: self.restore_selected())
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        branches, members = self.ctx.read(
            lambda s: (deleted_branch_rows(s), deleted_member_rows(s))
        )
        self.branches.set_rows(branches)
        self.members.set_rows(members)
        self.tabs.setTabText(0, f"党组织（{len(branches)}）")
        self.tabs.setTabText(1, f"党员（{len(members)}）")

    def restore_selected(self) -> None:
        actor = self.ctx.actor
        if self.tabs.currentIndex() == 0:
            branch = self.branches.current()
            if branch is None:
                Ask.warn(self, "请先在表里选中要恢复的党组织。")
                return
            self.ctx.act(
                lambda s: restore_branch(s, actor=actor, branch_id=branch.id),
                self,
                what=self.ctx.change(Area.REGISTERS),
            )
        else:
            member = self.members.current()
            if member is None:
                Ask.warn(self, "请先在表里选中要恢复的党员。")
                return
            self.ctx.act(
                lambda s: restore_member(s, actor=actor, member_id=member.id),
                self,
                what=self.ctx.change(Area.REGISTERS),
            )
        self.reload()
