"""设置: the township's details, the round's dates and scoring rules, the rubric, rounds, operators.

Each form keeps what was loaded, so the page knows when something is typed but not saved; saving
goes through the services (which refuse what a closed round or started scoring forbids) and the
reason a part is read-only is always shown beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import DATE_FIELD_NAMES, MAX_ANNOUNCEMENT_DAYS
from dangjian_desktop.domain.rubric import format_points
from dangjian_desktop.domain.text import document_number, round_label
from dangjian_desktop.gui.context import AppContext
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.forms.ui_operator_dialog import Ui_OperatorDialog
from dangjian_desktop.gui.models import GREEN, GREY, Column
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.widgets import SearchableTable, inline_error, page_header
from dangjian_desktop.services import office as office_service
from dangjian_desktop.services import operators as operator_service
from dangjian_desktop.services import rounds as round_service
from dangjian_desktop.services.common import ROLE_NAMES
from dangjian_desktop.services.township import get_township, save_township

Index = QModelIndex | QPersistentModelIndex

TOWNSHIP_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "镇名", "如：石龙镇"),
    ("organ", "党委名称", "如：中共石龙镇委员会"),
    ("office", "领导小组办公室", "如：中共石龙镇委员会创先争优活动领导小组办公室"),
    ("doc_prefix", "机关代字", "如：石党发"),
    ("seal_text", "印章文字", "如：中共石龙镇委员会"),
    ("county", "县", "如：勐海县"),
    ("prefecture", "州", "如：西双版纳傣族自治州"),
    ("province", "省", "如：云南省"),
    ("contact_person", "联系人", ""),
    ("contact_phone", "电话", ""),
)

PENDING = QColor("#fff3c4")
"""Typed but not yet saved."""

ROLE_CODES = {name: code for code, name in ROLE_NAMES.items()}


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _decimal(value: float, places: int) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def _note(text: str = "", color: str = "#8d5a00") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {color};")
    return label


def _button(text: str, shortcut: str = "", tip: str = "", primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    if primary:
        button.setProperty("primary", True)
    if shortcut:
        button.setShortcut(QKeySequence(shortcut))
        tip = f"{tip}（{shortcut}）" if tip else shortcut
    if tip:
        button.setToolTip(tip)
    return button


def _status_text(label: QLabel, text: str, ok: bool = True) -> None:
    label.setStyleSheet(f"color: {'#1b5e20' if ok else '#b71c1c'};")
    label.setText(text)
    label.setVisible(bool(text))


# ====================================================================== 本镇信息
class TownshipTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: dict[str, str] | None = None
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for key, title, placeholder in TOWNSHIP_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.setMaxLength(80)
            edit.setMinimumWidth(420)
            edit.textChanged.connect(self._changed)
            self.edits[key] = edit
            if key == "doc_prefix":
                row = QHBoxLayout()
                edit.setMinimumWidth(160)
                edit.setMaximumWidth(200)
                row.addWidget(edit)
                self.example = QLabel()
                self.example.setObjectName("docNumberExample")
                row.addWidget(self.example, 1)
                form.addRow(f"{title}：", row)
            else:
                form.addRow(f"{title}：", edit)
        hint = _note(
            "这些信息印在每份通知、决定和荣誉证书上。机关代字用于发文字号，"
            "如“石党发”印成“石党发〔2026〕1号”。",
            "#555555",
        )
        self.error = inline_error()
        self.status = QLabel()
        self.status.hide()
        self.save_button = _button("保存本镇信息", "Ctrl+S", "保存本镇信息", primary=True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = _button("撤销修改", tip="放弃还没保存的修改，恢复为已保存的内容")
        self.revert_button.clicked.connect(self.load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        fields = QWidget()
        fields.setLayout(form)
        fields.setMaximumWidth(820)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(fields)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def values(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.edits.items()}

    def is_dirty(self) -> bool:
        return self.loaded is not None and self.values() != self.loaded

    def load(self) -> None:
        township = self.ctx.read(get_township)
        self.loaded = {
            key: (str(getattr(township, key)) if township is not None else "")
            for key, _, _ in TOWNSHIP_FIELDS
        }
        for key, edit in self.edits.items():
            edit.blockSignals(True)
            edit.setText(self.loaded[key])
            edit.blockSignals(False)
        self.error.hide()
        self._changed()

    def refresh(self) -> None:
        if not self.is_dirty():
            self.load()

    def _changed(self) -> None:
        prefix = self.edits["doc_prefix"].text().strip()
        year = clock.today().year
        self.example.setText(
            f"发文字号示例：{document_number(prefix, year, 1)}"
            if prefix
            else "发文字号示例：请填写机关代字"
        )
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.status.hide()

    def save(self) -> bool:
        if self.loaded is None or not self.is_dirty():
            return True
        loaded = self.loaded
        changed = {k: v for k, v in self.values().items() if v != loaded.get(k)}
        _, problem = self.ctx.try_act(lambda s: save_township(s, actor=self.ctx.actor, **changed))
        if problem:
            self.error.setText(problem)
            self.error.show()
            return False
        self.load()
        _status_text(self.status, "已保存。")
        return True


# ====================================================================== 年度设置
@dataclass(frozen=True)
class RoundForm:
    dates: dict[str, dt.date]
    announcement_days: int
    quota_percent: Decimal
    self_weight: Decimal
    advanced_min: Decimal
    pass_min: Decimal
    double_entry: bool
    member_quota: int  # 0: as many as the branch places
    member_quota_per_branch: int


class RoundTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: int | None = None
        self.loaded: RoundForm | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.reason = _note()
        self.reason.hide()

        dates_box = QGroupBox("阶段日期")
        dates_form = QFormLayout(dates_box)
        dates_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.date_edits: dict[str, QDateEdit] = {}
        for key, title in DATE_FIELD_NAMES.items():
            edit = QDateEdit()
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumWidth(140)
            edit.dateChanged.connect(self._changed)
            self.date_edits[key] = edit
            dates_form.addRow(f"{title}：", edit)

        rules_box = QGroupBox("公示与评分")
        rules = QFormLayout(rules_box)
        rules.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.announcement_days = QSpinBox()
        self.announcement_days.setRange(1, MAX_ANNOUNCEMENT_DAYS)
        self.announcement_days.setSuffix(" 个工作日")
        self.quota = QDoubleSpinBox()
        self.quota.setRange(1, 100)
        self.quota.setDecimals(1)
        self.quota.setSuffix(" %")
        self.quota.setToolTip("先进名额占申报单位数的比例，按四舍五入向上取整")
        self.self_weight = QDoubleSpinBox()
        self.self_weight.setRange(0, 1)
        self.self_weight.setDecimals(2)
        self.self_weight.setSingleStep(0.05)
        self.self_weight.setToolTip("综合评价 = 自检自查 × 此权重 + 统一考核 × (1 − 此权重)")
        self.assessment_weight = QLabel()
        self.advanced_min = QDoubleSpinBox()
        self.advanced_min.setRange(0, 100)
        self.advanced_min.setDecimals(1)
        self.advanced_min.setSuffix(" 分")
        self.pass_min = QDoubleSpinBox()
        self.pass_min.setRange(0, 100)
        self.pass_min.setDecimals(1)
        self.pass_min.setSuffix(" 分")
        self.double_entry = QCheckBox("评分表由两名操作员各录入一遍（双人录入）")
        self.member_quota = QSpinBox()
        self.member_quota.setRange(0, 200)
        self.member_quota.setSpecialValueText("同先进党组织名额")
        self.member_quota.setSuffix(" 名")
        self.member_quota.setToolTip("全镇优秀共产党员名额；0 表示与先进党组织名额相同")
        self.member_quota_per_branch = QSpinBox()
        self.member_quota_per_branch.setRange(1, 10)
        self.member_quota_per_branch.setSuffix(" 名")
        for spin_box in (self.member_quota, self.member_quota_per_branch):
            spin_box.setMinimumWidth(140)
            spin_box.valueChanged.connect(self._changed)
        for spin in (self.quota, self.self_weight, self.advanced_min, self.pass_min):
            spin.setMinimumWidth(140)
            spin.valueChanged.connect(self._changed)
        self.announcement_days.setMinimumWidth(140)
        self.announcement_days.valueChanged.connect(self._changed)
        self.double_entry.toggled.connect(self._changed)
        rules.addRow("公示期：", self.announcement_days)
        rules.addRow("先进名额比例：", self.quota)
        rules.addRow("自检自查权重：", self.self_weight)
        rules.addRow("统一考核权重：", self.assessment_weight)
        rules.addRow("先进分数线：", self.advanced_min)
        rules.addRow("合格分数线：", self.pass_min)
        rules.addRow("", self.double_entry)
        rules.addRow("优秀共产党员名额：", self.member_quota)
        rules.addRow("每个党组织可提名：", self.member_quota_per_branch)
        self.weights_reason = _note()
        self.weights_reason.hide()
        rules.addRow("", self.weights_reason)

        self.error = inline_error()
        self.status = QLabel()
        self.status.hide()
        self.save_button = _button("保存年度设置", "Ctrl+S", "保存本年度的日期和评分规则", True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = _button("撤销修改", tip="放弃还没保存的修改，恢复为已保存的设置")
        self.revert_button.clicked.connect(self.load)

        columns = QHBoxLayout()
        columns.addWidget(dates_box, 1)
        columns.addWidget(rules_box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.reason)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.closed = True
        self.weights_frozen = True

    def form(self) -> RoundForm:
        return RoundForm(
            dates={k: to_date(e.date()) for k, e in self.date_edits.items()},
            announcement_days=self.announcement_days.value(),
            quota_percent=_decimal(self.quota.value(), 1),
            self_weight=_decimal(self.self_weight.value(), 2),
            advanced_min=_decimal(self.advanced_min.value(), 1),
            pass_min=_decimal(self.pass_min.value(), 1),
            double_entry=self.double_entry.isChecked(),
            member_quota=self.member_quota.value(),
            member_quota_per_branch=self.member_quota_per_branch.value(),
        )

    def is_dirty(self) -> bool:
        return self.loaded is not None and self.form() != self.loaded

    def refresh(self) -> None:
        if (
            self.year is not None
            and self.year != self.ctx.year
            and self.is_dirty()
            and Ask.confirm(
                self,
                f"{round_label(self.year)}的设置还有没保存的修改，要先保存吗？",
                title="还有没保存的修改",
            )
        ):
            self.save()
        if self.year != self.ctx.year or not self.is_dirty():
            self.load()

    def load(self) -> None:
        self.year = self.ctx.year
        widgets: list[QWidget] = [
            *self.date_edits.values(),
            self.announcement_days,
            self.quota,
            self.self_weight,
            self.advanced_min,
            self.pass_min,
            self.double_entry,
            self.member_quota,
            self.member_quota_per_branch,
        ]
        for widget in widgets:
            widget.blockSignals(True)
        rnd = self.ctx.read(self.ctx.current_round)
        if rnd is None:
            self.loaded = None
            self.heading.setText("还没有创建年度。请在“新建年度”里新建。")
            self.closed = self.weights_frozen = True
        else:
            self.heading.setText(
                f"{round_label(rnd.first_year)}（{'已结束' if rnd.status == 'closed' else '进行中'}）"
            )
            for key, edit in self.date_edits.items():
                edit.setDate(to_qdate(getattr(rnd, key)))
            self.announcement_days.setValue(rnd.announcement_days)
            self.quota.setValue(float(rnd.quota_percent))
            self.self_weight.setValue(float(rnd.self_weight))
            self.advanced_min.setValue(float(rnd.advanced_min))
            self.pass_min.setValue(float(rnd.pass_min))
            self.double_entry.setChecked(rnd.double_entry)
            self.member_quota.setValue(rnd.member_quota or 0)
            self.member_quota_per_branch.setValue(rnd.member_quota_per_branch)
            locks = round_service.locks(rnd)
            self.closed = bool(locks.closed)
            self.weights_frozen = bool(locks.weights)
            self.reason.setText(locks.closed)
            self.reason.setVisible(bool(locks.closed))
            self.weights_reason.setText(
                round_service.WEIGHTS_FROZEN if locks.weights and not locks.closed else ""
            )
            self.weights_reason.setVisible(bool(locks.weights) and not locks.closed)
            self.loaded = self.form()
        for widget in widgets:
            widget.blockSignals(False)
        editable = not self.closed
        for widget in widgets:
            widget.setEnabled(editable)
        self.self_weight.setEnabled(editable and not self.weights_frozen)
        self.double_entry.setEnabled(editable and not self.weights_frozen)
        self.error.hide()
        self.status.hide()
        self._changed()

    def _changed(self) -> None:
        weight = _decimal(self.self_weight.value(), 2)
        self.assessment_weight.setText(f"{Decimal(1) - weight}（= 1 − 自检自查权重）")
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty and not self.closed)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.status.hide()

    def save(self) -> bool:
        if self.loaded is None or self.year is None or not self.is_dirty():
            return True
        form, before, year = self.form(), self.loaded, self.year
        kwargs: dict[str, Any] = {}
        dates = {k: v for k, v in form.dates.items() if v != before.dates[k]}
        if dates:
            kwargs["dates"] = dates
        for name in (
            "announcement_days",
            "quota_percent",
            "self_weight",
            "advanced_min",
            "pass_min",
            "double_entry",
        ):
            if getattr(form, name) != getattr(before, name):
                kwargs[name] = getattr(form, name)
        if form.member_quota != before.member_quota:
            if form.member_quota:
                kwargs["member_quota"] = form.member_quota
            else:
                kwargs["member_quota_default"] = True
        if form.member_quota_per_branch != before.member_quota_per_branch:
            kwargs["member_quota_per_branch"] = form.member_quota_per_branch
        _, problem = self.ctx.try_act(
            lambda s: round_service.update_settings(
                s, actor=self.ctx.actor, first_year=year, **kwargs
            )
        )
        if problem:
            self.error.setText(problem)
            self.error.show()
            return False
        self.load()
        _status_text(self.status, "已保存。")
        return True


# ====================================================================== 考核指标
@dataclass
class RubricRow:
    code: str
    area_code: str
    area_name: str
    area_points: Decimal
    name: str
    points: Decimal
    description: str


class RubricModel(QAbstractTableModel):
    """The round's 13 items; points and description editable (kept pending until saved)."""

    HEADERS = ("方面", "编号", "指标", "分值", "说明")
    POINTS, DESCRIPTION = 3, 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RubricRow] = []
        self.pending: dict[str, dict[str, Any]] = {}
        self.editable = False

    def set_rows(self, rows: list[RubricRow], editable: bool) -> None:
        self.beginResetModel()
        self.rows = rows
        self.pending = {}
        self.editable = editable
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def value(self, row: RubricRow, column: int) -> Any:
        if column == self.POINTS:
            return self.pending.get(row.code, {}).get("points", row.points)
        if column == self.DESCRIPTION:
            return self.pending.get(row.code, {}).get("description", row.description)
        return (row.area_name, row.code, row.name)[column]

    def is_pending(self, row: RubricRow, column: int) -> bool:
        key = {self.POINTS: "points", self.DESCRIPTION: "description"}.get(column)
        return key is not None and key in self.pending.get(row.code, {})

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        if not (0 <= index.column() < len(self.HEADERS)):
            return None
        row, column = self.rows[index.row()], index.column()
        value = self.value(row, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_points(value) if column == self.POINTS else value
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DESCRIPTION:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column == self.POINTS else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.is_pending(row, column):
            return QBrush(PENDING)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() in (self.POINTS, self.DESCRIPTION):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self.editable and index.isValid() and role == Qt.ItemDataRole.EditRole):
            return False
        row, column = self.rows[index.row()], index.column()
        text = str(value).strip()
        if column == self.POINTS:
            try:
                points = Decimal(text.removesuffix("分"))
            except ArithmeticError:
                return False
            if not points.is_finite() or points <= 0:
                return False
            self._set_pending(row, "points", points, row.points)
        elif column == self.DESCRIPTION:
            self._set_pending(row, "description", text, row.description)
        else:
            return False
        self.dataChanged.emit(index, index)
        return True

    def _set_pending(self, row: RubricRow, key: str, value: Any, saved: Any) -> None:
        edits = self.pending.setdefault(row.code, {})
        if value == saved:
            edits.pop(key, None)
        else:
            edits[key] = value
        if not edits:
            self.pending.pop(row.code, None)

    def area_totals(self) -> list[tuple[str, Decimal, Decimal]]:
        totals: dict[str, tuple[str, Decimal, Decimal]] = {}
        for row in self.rows:
            name, points, subtotal = totals.get(
                row.area_code, (row.area_name, row.area_points, Decimal(0))
            )
            totals[row.area_code] = (name, points, subtotal + self.value(row, self.POINTS))
        return list(totals.values())


class RubricTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: int | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.reason = _note()
        self.reason.hide()
        self.model = RubricModel(self)
        self.model.dataChanged.connect(self._changed)
        self.model.modelReset.connect(self._changed)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((170, 56, 200, 64)):
            self.view.setColumnWidth(column, width)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.error = inline_error()
        self.status = QLabel()
        self.status.hide()
        self.save_button = _button("保存考核指标", "Ctrl+S", "保存对分值和说明的修改", True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = _button("撤销修改", tip="放弃还没保存的修改")
        self.revert_button.clicked.connect(self.load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        self.hint = hint = _note(
            "双击“分值”或“说明”即可修改。分值只能在同一方面的各项之间调整，"
            "各方面合计不变、总分100分；改好后点“保存考核指标”。开始评分后考核指标冻结。",
            "#555555",
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.reason)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def is_dirty(self) -> bool:
        return bool(self.model.pending)

    def refresh(self) -> None:
        if (
            self.year is not None
            and self.year != self.ctx.year
            and self.is_dirty()
            and Ask.confirm(
                self,
                f"{round_label(self.year)}的考核指标还有没保存的修改，要先保存吗？",
                title="还有没保存的修改",
            )
        ):
            self.save()
        if self.year != self.ctx.year or not self.is_dirty():
            self.load()

    def load(self) -> None:
        self.year = self.ctx.year

        def read(session: Any) -> tuple[list[RubricRow], str] | None:
            rnd = self.ctx.current_round(session)
            if rnd is None:
                return None
            rows = [
                RubricRow(
                    i.code, i.area_code, i.area_name, i.area_points, i.name, i.points, i.description
                )
                for i in round_service.rubric(session, rnd)
            ]
            return rows, round_service.locks(rnd).rubric

        found = self.ctx.read(read)
        if found is None:
            self.heading.setText("还没有创建年度。")
            self.model.set_rows([], False)
            lock = "还没有创建年度。"
        else:
            rows, lock = found
            assert self.year is not None
            self.heading.setText(f"{round_label(self.year)}的考核指标")
            self.model.set_rows(rows, editable=not lock)
        self.reason.setText(lock)
        self.reason.setVisible(bool(lock))
        self.hint.setVisible(not lock)
        self.save_button.setVisible(not lock)
        self.revert_button.setVisible(not lock)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if lock
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.error.hide()
        self.status.hide()

    def _changed(self, *_: Any) -> None:
        parts = []
        for name, points, subtotal in self.model.area_totals():
            color = "#1b5e20" if subtotal == points else "#b71c1c"
            parts.append(
                f"<span style='color:{color}'>{name} "
                f"{format_points(subtotal)}/{format_points(points)}分</span>"
            )
        self.totals.setText("各方面合计：" + "　".join(parts) if parts else "")
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty and self.model.editable)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.status.hide()

    def save(self) -> bool:
        if not self.is_dirty() or self.year is None:
            return True
        year = self.year
        edits = {
            code: (values.get("points"), values.get("description"))
            for code, values in self.model.pending.items()
        }
        _, problem = self.ctx.try_act(
            lambda s: round_service.update_rubric(
                s, actor=self.ctx.actor, first_year=year, edits=edits
            )
        )
        if problem:
            self.error.setText(problem)
            self.error.show()
            return False
        self.load()
        _status_text(self.status, "已保存。")
        return True


# ====================================================================== 创建年度
@dataclass(frozen=True)
class RoundLine:
    first_year: int
    status: str
    scoring_started: bool
    approved_at: dt.datetime | None
    created_at: dt.datetime

    @property
    def label(self) -> str:
        return round_label(self.first_year)


class RoundsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table: SearchableTable[RoundLine] = SearchableTable(
            [
                Column("创建年度", lambda r: r.label, 170),
                Column(
                    "状态",
                    lambda r: "已结束（只读）" if r.status == "closed" else "进行中",
                    120,
                    color=lambda r: GREY if r.status == "closed" else GREEN,
                ),
                Column("评分", lambda r: "已开始" if r.scoring_started else "未开始", 90),
                Column("评估结果", lambda r: "已审批" if r.approved_at else "未审批", 100),
                Column("新建时间", lambda r: r.created_at, 150),
            ],
            self,
            placeholder="查找年度…",
        )
        self.table.setMaximumHeight(220)
        self.next_intro = QLabel()
        self.next_intro.setWordWrap(True)
        self.create_button = _button(
            "按上一年度新建下一年度", "Ctrl+Shift+N", "复制最近一个年度的设置，新建下一年度", True
        )
        self.create_button.clicked.connect(self.create_next)
        self.close_intro = QLabel()
        self.close_intro.setWordWrap(True)
        self.close_reason = _note()
        self.close_button = _button("结束本年度", tip="结束后本年度的数据只能查看，不能修改")
        self.close_button.clicked.connect(self.close_round)

        new_box = QGroupBox("新建年度")
        new_layout = QVBoxLayout(new_box)
        new_layout.addWidget(self.next_intro)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addStretch(1)
        new_layout.addLayout(row)
        close_box = QGroupBox("结束年度")
        close_layout = QVBoxLayout(close_box)
        close_layout.addWidget(self.close_intro)
        close_layout.addWidget(self.close_reason)
        row = QHBoxLayout()
        row.addWidget(self.close_button)
        row.addStretch(1)
        close_layout.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(new_box)
        layout.addWidget(close_box)
        layout.addStretch(1)
        self.latest: int | None = None

    def refresh(self) -> None:
        def read(session: Any) -> tuple[list[RoundLine], str, str]:
            rounds = round_service.list_rounds(session)
            rnd = self.ctx.current_round(session)
            close_lock = round_service.locks(rnd).close if rnd else "还没有创建年度。"
            close_label = round_label(rnd.first_year) if rnd else ""
            return (
                [
                    RoundLine(
                        r.first_year, r.status, r.scoring_started, r.approved_at, r.created_at
                    )
                    for r in rounds
                ],
                close_lock,
                close_label,
            )

        lines, close_lock, close_label = self.ctx.read(read)
        self.table.set_rows(lines)
        self.latest = lines[0].first_year if lines else None
        if self.latest is not None:
            self.next_intro.setText(
                f"复制最近一个年度（{round_label(self.latest)}）的设置，新建"
                f"{round_label(self.latest + 1)}：各阶段日期顺延一年，考核指标、先进名额比例、"
                "评分权重、分数线和录入方式照搬；不复制申报、材料、评分和表彰等结果。"
            )
            self.create_button.setText(
                f"按上一年度新建下一年度（{self.latest + 1}—{self.latest + 2}年度）"
            )
        else:
            self.next_intro.setText("还没有任何创建年度。")
        self.create_button.setEnabled(self.latest is not None)
        self.close_intro.setText(
            f"结束{close_label}：评估结果审批、表彰完成后结束本年度。结束后本年度的所有数据只能查看，"
            "不能再修改（动态管理记录仍可在荣誉所在年度之后登记）。"
            if close_label
            else "还没有创建年度。"
        )
        self.close_reason.setText(close_lock)
        self.close_reason.setVisible(bool(close_lock))
        self.close_button.setEnabled(not close_lock)

    def create_next(self) -> None:
        if self.latest is None:
            return
        latest = self.latest
        if not Ask.confirm(
            self,
            f"按{round_label(latest)}新建{round_label(latest + 1)}？\n\n"
            "会复制：各阶段日期（顺延一年）、考核指标、先进名额比例、评分权重、分数线和录入方式。\n"
            "不会复制：申报、方案、汇报、材料、评分、公示和表彰等结果。\n\n"
            "新建后会切换到新的年度。",
            title="新建年度",
        ):
            return
        rnd = self.ctx.act(
            lambda s: round_service.create_next_round(s, actor=self.ctx.actor).first_year,
            self,
        )
        if rnd is not None:
            self.ctx.set_round(rnd)
            Ask.info(self, f"已新建{round_label(rnd)}，现在办理的是这个年度。", title="新建年度")

    def close_round(self) -> None:
        year = self.ctx.year
        if year is None:
            return
        if not Ask.confirm(
            self,
            f"结束{round_label(year)}？\n\n结束后这个年度的申报、材料、评分、表彰等数据"
            "都只能查看，不能再修改。这一步不能撤回。",
            title="结束本年度",
        ):
            return
        if (
            self.ctx.act(
                lambda s: round_service.close_round(s, actor=self.ctx.actor, first_year=year),
                self,
            )
            is not None
        ):
            Ask.info(self, f"{round_label(year)}已结束，数据转为只读。", title="结束本年度")


# ====================================================================== 操作员
@dataclass(frozen=True)
class OperatorLine:
    id: int
    name: str
    role: str
    has_password: bool
    active: bool

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)


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
        self.reason = _note()
        self.add_button = _button("添加操作员…", "Ctrl+N", "添加一名操作员", True)
        self.add_button.clicked.connect(self.add)
        self.role_button = _button("修改身份…", tip="把选中的操作员改为经办人、审批人或管理员")
        self.role_button.clicked.connect(self.change_role)
        self.password_button = _button("设置密码…", tip="为选中的操作员设置或更换密码")
        self.password_button.clicked.connect(self.set_password)
        self.clear_button = _button("取消密码", tip="选中的操作员以后登录不用输入密码")
        self.clear_button.clicked.connect(self.clear_password)
        self.deactivate_button = _button("停用", tip="停用后不能再登录，以前的操作记录保留")
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
        lines = self.ctx.read(
            lambda s: [
                OperatorLine(op.id or 0, op.name, op.role, bool(op.password_hash), op.active)
                for op in operator_service.list_operators(s, include_inactive=True)
            ]
        )
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
            _, problem = self.ctx.try_act(
                lambda s: operator_service.create_operator(
                    s,
                    actor=self.ctx.actor,
                    name=dialog.name,
                    role=dialog.role,
                    password=dialog.password,
                )
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
        )


# ====================================================================== the page
class SettingsPage(Page):
    title = "设置"
    key = "settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.township = TownshipTab(ctx)
        self.round = RoundTab(ctx)
        self.rubric = RubricTab(ctx)
        self.rounds = RoundsTab(ctx)
        self.operators = OperatorsTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(_scrolled(self.township), "本镇信息")
        self.tabs.addTab(_scrolled(self.round), "年度设置")
        self.tabs.addTab(self.rubric, "考核指标")
        self.tabs.addTab(self.rounds, "新建年度")
        self.tabs.addTab(self.operators, "操作员")
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header("设置", "本镇信息、年度日期与评分规则、考核指标、新建和结束年度、操作员。")
        )
        layout.addWidget(self.tabs, 1)
        # Ctrl+S belongs to whichever form tab is showing; the buttons' own shortcuts would clash.
        for button in (self.township.save_button, self.round.save_button, self.rubric.save_button):
            button.setShortcut(QKeySequence())
        save = QShortcut(QKeySequence("Ctrl+S"), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_current_tab)

    def save_current_tab(self) -> None:
        current = self.tabs.currentIndex()
        forms: dict[int, TownshipTab | RoundTab | RubricTab] = {
            0: self.township,
            1: self.round,
            2: self.rubric,
        }
        form = forms.get(current)
        if form is not None:
            form.save()

    def refresh(self) -> None:
        self.township.refresh()
        self.round.refresh()
        self.rubric.refresh()
        self.rounds.refresh()
        self.operators.refresh()

    def _dirty_forms(self) -> list[TownshipTab | RoundTab | RubricTab]:
        return [f for f in (self.township, self.round, self.rubric) if f.is_dirty()]

    def has_unsaved_changes(self) -> bool:
        return bool(self._dirty_forms())

    def save_changes(self) -> bool:
        return all(form.save() for form in self._dirty_forms())

    def screenshot_dialogs(self) -> list[tuple[str, QWidget]]:
        dialog = OperatorDialog(self)
        dialog.ui.nameEdit.setText("刀玉香")
        dialog.ui.roleCombo.setCurrentIndex(1)
        return [("operator", dialog)]


def _scrolled(widget: QWidget) -> QScrollArea:
    """A form tab inside a scroll area, so nothing is cut off on a small screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area
