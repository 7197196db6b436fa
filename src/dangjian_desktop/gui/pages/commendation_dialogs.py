"""The dialogs of 公示与表彰: start the 公示, objections, 优秀共产党员, 宣传报道.

Each dialog is a Designer form (ui/*.ui) plus the little logic it needs. OK runs `submit`, which
the page sets to a function that calls the service; a message it returns stays in the dialog in
red, so the clerk corrects the field instead of starting again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QCompleter, QDialog, QLabel, QWidget

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import WEEKENDS_ONLY, WorkCalendar
from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.gui.dates import to_date, to_qdate
from dangjian_desktop.gui.forms.ui_announcement_dialog import Ui_AnnouncementDialog
from dangjian_desktop.gui.forms.ui_handle_objection_dialog import Ui_HandleObjectionDialog
from dangjian_desktop.gui.forms.ui_media_report_dialog import Ui_MediaReportDialog
from dangjian_desktop.gui.forms.ui_member_honour_dialog import Ui_MemberHonourDialog
from dangjian_desktop.gui.forms.ui_objection_dialog import Ui_ObjectionDialog
from dangjian_desktop.gui.models import ROW_ROLE, Column, FilterProxy, RowsModel
from dangjian_desktop.services.commendation import ObjectionLine
from dangjian_desktop.services.media import MEDIA
from dangjian_desktop.services.registers import MemberRow

Submit = Callable[[], str | None]
"""Saves what the dialog holds; returns a message for the clerk when it could not."""

NO_BRANCH = "（不针对具体单位）"
NO_MEMBER = "（不针对优秀共产党员人选）"


def fill_branches(combo: QComboBox, branches: Sequence[tuple[int, str]], none: str = "") -> None:
    """Branch names in a combo with their id as item data; typing filters by any part of a name."""
    combo.clear()
    if none:
        combo.addItem(none, None)
    for branch_id, name in branches:
        combo.addItem(name, branch_id)
    combo.setMaxVisibleItems(20)
    if combo.isEditable():
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)


class FormDialog(QDialog):
    """A form dialog: OK (or Ctrl+Enter) checks the fields, then runs `submit`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit: Submit | None = None
        self.error: QLabel | None = None

    def _connect(self, ui: Any, ok_text: str = "确定") -> None:
        self.error = ui.error
        ui.error.hide()
        ok = ui.buttons.button(ui.buttons.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setDefault(True)
        ui.buttons.button(ui.buttons.StandardButton.Cancel).setText("取消")
        ui.buttons.accepted.connect(self.try_accept)
        ui.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.try_accept)
        self.ok_button = ok

    def check(self) -> str | None:
        """What is missing or wrong in the fields themselves (before the service is asked)."""
        return None

    def show_error(self, message: str | None) -> None:
        assert self.error is not None
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def try_accept(self) -> None:
        message = self.check()
        if message is None and self.submit is not None:
            message = self.submit()
        if message:
            self.show_error(message)
            return
        self.show_error(None)
        self.accept()


class AnnouncementDialog(FormDialog):
    """发起公示: the start day and the number of working days; the end day is shown as you type."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        candidates: int,
        days: int,
        calendar: WorkCalendar = WEEKENDS_ONLY,
    ) -> None:
        super().__init__(parent)
        self.calendar = calendar
        self.ui = Ui_AnnouncementDialog()
        self.ui.setupUi(self)
        self._connect(self.ui, "发起公示")
        self.ui.intro.setText(
            f"公示名单共有 {candidates} 个先进候选单位。公示开始后会按下面的日期计算公示期。"
            if candidates
            else "名单里还没有先进候选单位，请先确认综合评价结果。"
        )
        self.ui.start_date.setDate(to_qdate(clock.today()))
        self.ui.days.setValue(days)
        self.ui.start_date.dateChanged.connect(self._update_end)
        self.ui.days.valueChanged.connect(self._update_end)
        self._update_end()

    @property
    def starts_on(self) -> dt.date:
        return to_date(self.ui.start_date.date())

    @property
    def days(self) -> int:
        return int(self.ui.days.value())

    @property
    def ends_on(self) -> dt.date:
        return self.calendar.add_working_days(self.starts_on, self.days)

    def _update_end(self, *_: Any) -> None:
        end = self.ends_on
        weekday = "一二三四五六日"[end.weekday()]
        text = f"{arabic_date(end)}（星期{weekday}）"
        skipped = sorted(
            {
                name
                for day, name in self.calendar.days_off.items()
                if self.starts_on <= day <= end and day.weekday() < 5
            }
        )
        if skipped:
            text += f"，已扣除{'、'.join(skipped)}假期"
        if self.calendar.unknown_years(self.starts_on, end):
            text += "（这一年的节假日安排还没有录入，只扣除了周末）"
        self.ui.end_label.setText(text)


class ObjectionDialog(FormDialog):
    """登记异议: when it came, who raised it, about which branch or posted member, what it says."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        branches: Sequence[tuple[int, str]],
        earliest: dt.date | None,
        members: Sequence[tuple[int, str]] = (),
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ObjectionDialog()
        self.ui.setupUi(self)
        self._connect(self.ui, "登记")
        fill_branches(self.ui.branch, branches, NO_BRANCH)
        fill_branches(self.ui.member, members, NO_MEMBER)  # (id, "姓名（党组织）") pairs
        for widget in (self.ui.member_label, self.ui.member):
            widget.setVisible(bool(members))
        if earliest is not None:
            self.ui.received_date.setMinimumDate(to_qdate(earliest))
        self.ui.received_date.setMaximumDate(to_qdate(clock.today()))
        self.ui.received_date.setDate(to_qdate(clock.today()))

    @property
    def received_on(self) -> dt.date:
        return to_date(self.ui.received_date.date())

    @property
    def raised_by(self) -> str:
        return str(self.ui.raised_by.text()).strip()

    @property
    def branch_id(self) -> int | None:
        value = self.ui.branch.currentData()
        return int(value) if value is not None else None

    @property
    def member_id(self) -> int | None:
        value = self.ui.member.currentData()
        return int(value) if value is not None else None

    @property
    def content(self) -> str:
        return str(self.ui.content.toPlainText()).strip()

    def check(self) -> str | None:
        if not self.content:
            self.ui.content.setFocus()
            return "请写明异议的内容。"
        return None


class HandleObjectionDialog(FormDialog):
    """处理异议: the handling text is required, and the verdict 成立 / 不成立."""

    def __init__(self, parent: QWidget | None, objection: ObjectionLine) -> None:
        super().__init__(parent)
        self.ui = Ui_HandleObjectionDialog()
        self.ui.setupUi(self)
        self._connect(self.ui, "保存处理结果")
        about = f"（涉及{objection.branch_name}）" if objection.branch_name else ""
        self.ui.objection_text.setText(
            f"{arabic_date(objection.received_on)}收到，反映人：{objection.raised_by}{about}\n"
            f"{objection.content}"
        )
        self.ui.handling.setPlainText(objection.handling)
        if objection.upheld:
            self.ui.upheld.setChecked(True)
        self.ui.handling.setFocus()

    @property
    def handling(self) -> str:
        return str(self.ui.handling.toPlainText()).strip()

    @property
    def upheld(self) -> bool:
        return bool(self.ui.upheld.isChecked())

    def check(self) -> str | None:
        if not self.handling:
            self.ui.handling.setFocus()
            return "请写明核查和处理情况。"
        return None


MEMBER_COLUMNS: list[Column[MemberRow]] = [
    Column("姓名", lambda m: m.name, 90),
    Column("性别", lambda m: m.gender, 48),
    Column("民族", lambda m: m.ethnicity, 70),
    Column("党内职务", lambda m: m.post, 80),
    Column("类别", lambda m: m.kind, 80),
]


class MemberHonourDialog(FormDialog):
    """评优秀共产党员: a branch, then one of its members (searchable), and the deeds."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        branches: Sequence[tuple[int, str]],
        load_members: Callable[[int], list[MemberRow]],
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_MemberHonourDialog()
        self.ui.setupUi(self)
        self._connect(self.ui, "评为优秀共产党员")
        self.load_members = load_members
        self.model: RowsModel[MemberRow] = RowsModel(MEMBER_COLUMNS, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.ui.members.setModel(self.proxy)
        self.ui.members.setSortingEnabled(True)
        self.ui.members.verticalHeader().setVisible(False)
        self.ui.members.horizontalHeader().setStretchLastSection(True)
        for i, column in enumerate(MEMBER_COLUMNS):
            self.ui.members.setColumnWidth(i, column.width)
        self.ui.member_search.textChanged.connect(self.proxy.setFilterFixedString)
        self.ui.members.selectionModel().selectionChanged.connect(self._show_member)
        self.ui.branch.currentIndexChanged.connect(self._branch_changed)
        fill_branches(self.ui.branch, branches)
        self._branch_changed()

    @property
    def branch_id(self) -> int | None:
        value = self.ui.branch.currentData()
        return int(value) if value is not None else None

    @property
    def member(self) -> MemberRow | None:
        rows = self.ui.members.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.proxy.data(rows[0], ROW_ROLE)
        return row if isinstance(row, MemberRow) else None

    @property
    def deeds(self) -> str:
        return str(self.ui.deeds.toPlainText()).strip()

    def _branch_changed(self, *_: Any) -> None:
        branch_id = self.branch_id
        self.model.set_rows(self.load_members(branch_id) if branch_id is not None else [])
        self._show_member()

    def _show_member(self, *_: Any) -> None:
        member = self.member
        ui = self.ui

        def put(label: QLabel, value: object) -> None:
            label.setText("" if value is None else str(value))

        put(ui.name_value, member.name if member else "（请在左边选一名党员）")
        put(ui.gender_value, member.gender if member else "")
        put(ui.ethnicity_value, member.ethnicity if member else "")
        birth = member.birth_date if member else None
        joined = member.joined_on if member else None
        put(ui.birth_value, birth.isoformat() if birth else ("未登记" if member else ""))
        put(ui.joined_value, joined.isoformat() if joined else ("未登记" if member else ""))
        put(ui.kind_value, member.kind if member else "")
        put(ui.post_value, member.post if member else "")

    def check(self) -> str | None:
        if self.member is None:
            self.ui.members.setFocus()
            return "请先选择推荐的党员。"
        if not self.deeds:
            self.ui.deeds.setFocus()
            return "请填写优秀共产党员的主要事迹。"
        return None


class MediaReportDialog(FormDialog):
    """登记宣传报道: date, branch, medium, outlet and title."""

    def __init__(self, parent: QWidget | None, *, branches: Sequence[tuple[int, str]]) -> None:
        super().__init__(parent)
        self.ui = Ui_MediaReportDialog()
        self.ui.setupUi(self)
        self._connect(self.ui, "登记")
        fill_branches(self.ui.branch, branches)
        self.ui.medium.addItems(list(MEDIA))
        self.ui.published_date.setMaximumDate(to_qdate(clock.today()))
        self.ui.published_date.setDate(to_qdate(clock.today()))

    @property
    def published_on(self) -> dt.date:
        return to_date(self.ui.published_date.date())

    @property
    def branch_id(self) -> int | None:
        value = self.ui.branch.currentData()
        return int(value) if value is not None else None

    @property
    def medium(self) -> str:
        return str(self.ui.medium.currentText())

    @property
    def outlet(self) -> str:
        return str(self.ui.outlet.text()).strip()

    @property
    def title(self) -> str:
        return str(self.ui.title.text()).strip()

    def check(self) -> str | None:
        if self.branch_id is None:
            return "请选择党组织。"
        if not self.title:
            self.ui.title.setFocus()
            return "请填写报道标题。"
        return None
