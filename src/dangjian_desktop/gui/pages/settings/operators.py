"""操作员: who uses the program, their roles and passwords."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from dangjian_desktop.gui.context import AppContext, Area
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.models import GREY, Column
from dangjian_desktop.gui.pages.settings.common import make_button, make_note
from dangjian_desktop.gui.pages.settings.dialogs import OperatorDialog
from dangjian_desktop.gui.widgets import SearchableTable
from dangjian_desktop.services import office as office_service
from dangjian_desktop.services import operators as operator_service
from dangjian_desktop.services.common import ROLE_NAMES
from dangjian_desktop.services.operators import OperatorLine

ROLE_CODES = {name: code for code, name in ROLE_NAMES.items()}


class OperatorsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table: SearchableTable[OperatorLine] = SearchableTable(
            [
                Column("姓名", lambda r: r.name, 160),
                Column("身份", lambda r: r.role_name, 100),
                Column("设有密码", lambda r: r.has_password, 90),
                Column(
                    "状态",
                    lambda r: "在用" if r.active else "已停用",
                    90,
                    color=lambda r: None if r.active else GREY,
                ),
            ],
            self,
            placeholder="查找操作员…",
        )
        self.table.sig_selection_changed.connect(self._update_buttons)
        self.reason = make_note()
        self.add_button = make_button("添加操作员…", "Ctrl+N", "添加一名操作员", True)
        self.add_button.clicked.connect(self.add)
        self.role_button = make_button("修改身份…", tip="把选中的操作员改为经办人、审批人或管理员")
        self.role_button.clicked.connect(self.change_role)
        self.password_button = make_button("设置密码…", tip="为选中的操作员设置或更换密码")
        self.password_button.clicked.connect(self.set_password)
        self.clear_button = make_button("取消密码", tip="选中的操作员以后登录不用输入密码")
        self.clear_button.clicked.connect(self.clear_password)
        self.deactivate_button = make_button("停用", tip="停用后不能再登录，以前的操作记录保留")
        self.deactivate_button.clicked.connect(self.deactivate)
        buttons = QVBoxLayout()
        for button in (
            self.add_button,
            self.role_button,
            self.password_button,
            self.clear_button,
            self.deactivate_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        office_box = QGroupBox("办公室分工")
        office_layout = QVBoxLayout(office_box)
        self.one_person = QCheckBox(
            "一人办公模式：计算综合评价的人也可以审批（管理员兼审批人，审批记录上注明）"
        )
        self.same_keyer = QCheckBox("双人录入允许同一名操作员录入两遍（审批记录上注明）")
        for box in (self.one_person, self.same_keyer):
            box.toggled.connect(self.save_office_rules)
            office_layout.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addLayout(row, 1)
        layout.addWidget(office_box)
        self.dialog_factory = OperatorDialog

    def save_office_rules(self) -> None:
        one_person, same_keyer = self.one_person.isChecked(), self.same_keyer.isChecked()
        if (
            self.ctx.act(
                lambda s: office_service.set_office_rules(
                    s,
                    actor=self.ctx.actor,
                    one_person=one_person,
                    same_operator_double_entry=same_keyer,
                ),
                self,
                what=self.ctx.change(Area.SETTINGS),
            )
            is None
        ):
            self._load_office_rules()

    def _load_office_rules(self) -> None:
        rules = self.ctx.read(office_service.office_rules)
        for box, value in (
            (self.one_person, rules.one_person),
            (self.same_keyer, rules.same_operator_double_entry),
        ):
            box.blockSignals(True)
            box.setChecked(value)
            box.setEnabled(self.is_admin)
            box.setToolTip("" if self.is_admin else "修改办公室分工需要管理员身份。")
            box.blockSignals(False)

    def refresh(self) -> None:
        self._load_office_rules()
        current = self.table.current()
        lines = self.ctx.read(lambda s: operator_service.operator_lines(s, include_inactive=True))
        self.table.set_rows(lines)
        if current is not None:
            self.table.select_where(lambda r: r.id == current.id)
        self._update_buttons()

    @property
    def is_admin(self) -> bool:
        return self.ctx.actor.has_role("admin")

    def _update_buttons(self) -> None:
        actor = self.ctx.actor
        chosen = self.table.current()
        admin = self.is_admin
        if admin:
            self.reason.setText("")
        else:
            self.reason.setText(
                f"添加操作员、修改身份、停用和修改别人的密码需要“管理员”身份；当前操作员{actor.name}"
                f"是“{ROLE_NAMES.get(actor.role, actor.role)}”，只能设置自己的密码。"
            )
        self.reason.setVisible(not admin)
        own = chosen is not None and chosen.id == actor.id
        usable = chosen is not None and chosen.active
        self.add_button.setEnabled(admin)
        self.role_button.setEnabled(admin and usable)
        self.password_button.setEnabled(usable and (admin or own))
        self.clear_button.setEnabled(
            usable and chosen is not None and chosen.has_password and (admin or own)
        )
        self.deactivate_button.setEnabled(admin and usable and not own)
        if chosen is not None and own:
            self.deactivate_button.setToolTip("不能停用自己。请用另一名管理员操作。")
        else:
            self.deactivate_button.setToolTip("停用后不能再登录，以前的操作记录保留")

    def make_dialog(self) -> OperatorDialog:
        dialog = self.dialog_factory(self)

        def submit() -> str | None:
            _, problem = self.ctx.act(
                lambda s: operator_service.create_operator(
                    s,
                    actor=self.ctx.actor,
                    name=dialog.name,
                    role=dialog.role,
                    password=dialog.password,
                ),
                inline=True,
                what=self.ctx.change(Area.SETTINGS),
            )
            return problem

        dialog.submit = submit
        return dialog

    def add(self) -> None:
        dialog = self.make_dialog()
        self.last_dialog = dialog
        if dialog.exec():
            name = dialog.name
            self.table.select_where(lambda r: r.name == name)

    def change_role(self) -> None:
        chosen = self.table.current()
        if chosen is None:
            return
        names = [chosen.role_name, *[n for n in ROLE_NAMES.values() if n != chosen.role_name]]
        picked = Ask.choose(self, "修改身份", f"{chosen.name}的身份改为：", names)
        if picked is None or picked == chosen.role_name:
            return
        role = ROLE_CODES[picked]
        self.ctx.act(
            lambda s: operator_service.set_role(
                s, actor=self.ctx.actor, operator_id=chosen.id, role=role
            ),
            self,
            what=self.ctx.change(Area.SETTINGS),
        )

    def set_password(self) -> None:
        chosen = self.table.current()
        if chosen is None:
            return
        first = Ask.text(self, "设置密码", f"{chosen.name}的新密码：", password=True)
        if first is None:
            return
        if not first:
            Ask.warn(self, "密码不能为空。不想用密码时请点“取消密码”。")
            return
        again = Ask.text(self, "设置密码", "再输入一遍新密码：", password=True)
        if again is None:
            return
        if again != first:
            Ask.warn(self, "两次输入的密码不一样，密码没有修改。请重新设置。")
            return
        if (
            self.ctx.act(
                lambda s: operator_service.set_password(
                    s, actor=self.ctx.actor, operator_id=chosen.id, password=first
                ),
                self,
                what=self.ctx.change(Area.SETTINGS),
            )
            is not None
        ):
            Ask.info(self, f"已为{chosen.name}设置密码。", title="设置密码")

    def clear_password(self) -> None:
        chosen = self.table.current()
        if chosen is None:
            return
        if not Ask.confirm(self, f"取消{chosen.name}的密码？以后登录和切换时不用再输入密码。"):
            return
        self.ctx.act(
            lambda s: operator_service.set_password(
                s, actor=self.ctx.actor, operator_id=chosen.id, password=None
            ),
            self,
            what=self.ctx.change(Area.SETTINGS),
        )

    def deactivate(self) -> None:
        chosen = self.table.current()
        if chosen is None:
            return
        if not Ask.confirm(
            self, f"停用操作员{chosen.name}？停用后不能再登录，以前的操作记录保留。"
        ):
            return
        self.ctx.act(
            lambda s: operator_service.deactivate_operator(
                s, actor=self.ctx.actor, operator_id=chosen.id
            ),
            self,
            what=self.ctx.change(Area.SETTINGS),
        )
