"""The dialogs of 动态管理: one form for 批评 / 限期整改 / 整改结果 / 撤销, and 追究责任."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import Enum
from typing import Any

from PySide6.QtWidgets import QWidget

from dangjian_desktop import clock
from dangjian_desktop.domain.honours import REVOCATION_REASON_NAMES, RevocationReason
from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.gui.dates import to_date, to_qdate
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.forms.ui_accountability_dialog import Ui_AccountabilityDialog
from dangjian_desktop.gui.forms.ui_honour_action_dialog import Ui_HonourActionDialog
from dangjian_desktop.gui.pages.commendation_dialogs import FormDialog, fill_branches
from dangjian_desktop.services.commendation import HonourLine

FRAUD_NOTE = "因弄虚作假撤销荣誉称号，按规定同时通报批评：保存时会一并登记一条“通报批评”记录。"


class Action(Enum):
    CRITICISE = "批评"
    RECTIFY = "限期整改"
    OUTCOME = "整改结果"
    REVOKE = "撤销荣誉称号"


# What the OK button does, as a verb: "整改结果" alone read like a heading, not a button.
OK_TEXTS = {
    Action.CRITICISE: "登记批评",
    Action.RECTIFY: "登记限期整改",
    Action.OUTCOME: "登记整改结果",
    Action.REVOKE: "撤销称号…",
}

PROMPTS = {
    Action.CRITICISE: "写明存在的问题，如：工作滑坡、“三会一课”落实不到位……",
    Action.RECTIFY: "写明需要整改的问题和要求。",
    Action.OUTCOME: "写明整改验收的情况。",
    Action.REVOKE: "写明查实的事实。",
}


class HonourActionDialog(FormDialog):
    """One form for the four things that change an honour's state; only the fields it needs show."""

    def __init__(self, parent: QWidget | None, action: Action, honour: HonourLine) -> None:
        super().__init__(parent)
        self.action = action
        self.ui = Ui_HonourActionDialog()
        self.ui.setupUi(self)
        self._connect(self.ui, OK_TEXTS[action])
        self.setWindowTitle(action.value)
        self.subject_name = honour.name
        deadline = f"，整改期限{arabic_date(honour.deadline)}" if honour.deadline else ""
        self.ui.subject.setText(
            f"{honour.name}　{honour.round_label}“{honour.title}”\n"
            f"证书{honour.certificate_number}，现在：{honour.state_name}{deadline}"
        )
        # No reason is chosen for the clerk: the first in the list would be the gravest one.
        self.ui.revocation_reason.addItem("请选择撤销原因", None)
        for reason in RevocationReason:
            if reason is not RevocationReason.RECTIFICATION_FAILED:
                self.ui.revocation_reason.addItem(REVOCATION_REASON_NAMES[reason], reason)
        self.ui.revocation_reason.currentIndexChanged.connect(self._update_note)
        tomorrow = clock.today() + dt.timedelta(days=1)
        self.ui.deadline.setMinimumDate(to_qdate(tomorrow))
        self.ui.deadline.setDate(to_qdate(clock.today() + dt.timedelta(days=30)))
        self.ui.reason.setPlaceholderText(PROMPTS[action])
        form = self.ui.form
        form.setRowVisible(self.ui.revocation_reason, action is Action.REVOKE)
        form.setRowVisible(1, action is Action.OUTCOME)
        form.setRowVisible(self.ui.deadline, action is Action.RECTIFY)
        self._update_note()
        if action is Action.REVOKE:
            self.ui.revocation_reason.setFocus()
        else:
            self.ui.reason.setFocus()

    @property
    def reason(self) -> str:
        return str(self.ui.reason.toPlainText()).strip()

    @property
    def deadline(self) -> dt.date:
        return to_date(self.ui.deadline.date())

    @property
    def passed(self) -> bool:
        return bool(self.ui.passed.isChecked())

    @property
    def revocation_reason(self) -> RevocationReason:
        value = self.ui.revocation_reason.currentData()
        if value is None:
            raise ValueError("no revocation reason chosen")  # check() asks for one first
        return RevocationReason(value)

    def _chosen_reason(self) -> RevocationReason | None:
        value = self.ui.revocation_reason.currentData()
        return RevocationReason(value) if value is not None else None

    def set_revocation_reason(self, reason: RevocationReason) -> None:
        self.ui.revocation_reason.setCurrentIndex(self.ui.revocation_reason.findData(reason))

    def _update_note(self, *_: Any) -> None:
        note = ""
        if self.action is Action.REVOKE and self._chosen_reason() is RevocationReason.FRAUD:
            note = FRAUD_NOTE
        elif self.action is Action.OUTCOME:
            note = "整改不合格的，撤销其荣誉称号。"
        elif self.action is Action.RECTIFY:
            note = "整改期限应晚于今天；期满还没有登记整改结果的，会在工作台和本页醒目提示。"
        self.ui.note.setText(note)
        self.ui.note.setVisible(bool(note))

    def check(self) -> str | None:
        if self.action is Action.REVOKE and self._chosen_reason() is None:
            self.ui.revocation_reason.setFocus()
            return "请选择撤销原因。"
        if not self.reason:
            self.ui.reason.setFocus()
            return f"{self.action.value}要写明事实和理由。"
        return None

    def try_accept(self) -> None:
        """撤销 cannot be undone: after the fields are right, say what will happen and ask."""
        if self.action is Action.REVOKE and self.check() is None:
            extra = (
                "\n同时登记一条“通报批评”。"
                if self._chosen_reason() is RevocationReason.FRAUD
                else ""
            )
            if not Ask.confirm(
                self,
                f"撤销{self.subject_name}的荣誉称号？{extra}\n撤销后不能恢复，证书作废，"
                "记入该党组织的荣誉记录和操作日志。",
                "撤销荣誉称号",
            ):
                return
        super().try_accept()


class AccountabilityDialog(FormDialog):
    """追究责任 against a branch: the round, the branch, the person and why."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        rounds: Sequence[tuple[int, str]],
        current_year: int | None,
        branches: Sequence[tuple[int, str]],
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AccountabilityDialog()
        self.ui.setupUi(self)
        self._connect(self.ui, "登记")
        for year, text in rounds:
            self.ui.round.addItem(text, year)
        if current_year is not None:
            self.ui.round.setCurrentIndex(max(0, self.ui.round.findData(current_year)))
        fill_branches(self.ui.branch, branches)

    @property
    def first_year(self) -> int | None:
        value = self.ui.round.currentData()
        return int(value) if value is not None else None

    @property
    def branch_id(self) -> int | None:
        value = self.ui.branch.currentData()
        return int(value) if value is not None else None

    @property
    def person(self) -> str:
        return str(self.ui.person.text()).strip()

    @property
    def reason(self) -> str:
        return str(self.ui.reason.toPlainText()).strip()

    def check(self) -> str | None:
        if self.first_year is None:
            return "请选择创建年度。"
        if self.branch_id is None:
            return "请选择党组织。"
        if not self.person:
            self.ui.person.setFocus()
            return "请填写责任人。"
        if not self.reason:
            self.ui.reason.setFocus()
            return "请写明追究责任的事实和理由。"
        return None
