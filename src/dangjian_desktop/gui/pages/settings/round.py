"""年度设置: the round's dates, quota and weights, with what is read-only and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.calendar import DATE_FIELD_NAMES, MAX_ANNOUNCEMENT_DAYS
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.gui.context import AppContext, Area
from dangjian_desktop.gui.dates import to_date, to_qdate
from dangjian_desktop.gui.pages.settings.common import (
    FormTab,
    make_note,
    to_decimal,
)
from dangjian_desktop.services import rounds as round_service


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


class RoundTab(FormTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: int | None = None
        self.loaded: RoundForm | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.reason = make_note()
        self.reason.hide()

        dates_box = self._build_dates()
        rules_box = self._build_rules()
        buttons = self.build_save_bar(
            "保存年度设置", "保存本年度的日期和评分规则", "放弃还没保存的修改，恢复为已保存的设置"
        )

        columns = QHBoxLayout()
        columns.addWidget(dates_box, 1)
        columns.addWidget(rules_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.reason)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.closed = True
        self.weights_frozen = True

    def _build_dates(self) -> QGroupBox:
        """阶段日期: one date field per stage."""
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
        return dates_box

    def _build_rules(self) -> QGroupBox:
        """公示与评分: the announcement days, quota, weights, pass marks and 双人录入."""
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
        self.weights_reason = make_note()
        self.weights_reason.hide()
        rules.addRow("", self.weights_reason)
        return rules_box

    def form(self) -> RoundForm:
        return RoundForm(
            dates={k: to_date(e.date()) for k, e in self.date_edits.items()},
            announcement_days=self.announcement_days.value(),
            quota_percent=to_decimal(self.quota.value(), 1),
            self_weight=to_decimal(self.self_weight.value(), 2),
            advanced_min=to_decimal(self.advanced_min.value(), 1),
            pass_min=to_decimal(self.pass_min.value(), 1),
            double_entry=self.double_entry.isChecked(),
            member_quota=self.member_quota.value(),
            member_quota_per_branch=self.member_quota_per_branch.value(),
        )

    def is_dirty(self) -> bool:
        return self.loaded is not None and self.form() != self.loaded

    def refresh(self) -> None:
        self.refresh_round("设置")

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
        year = self.ctx.year
        rnd = self.ctx.read(lambda s: round_service.round_form(s, year))
        if rnd is None:
            self.loaded = None
            self.heading.setText("还没有创建年度。请在“新建年度”里新建。")
            self.closed = self.weights_frozen = True
        else:
            self.heading.setText(
                f"{round_label(rnd.first_year)}（{'已结束' if rnd.closed else '进行中'}）"
            )
            for key, edit in self.date_edits.items():
                edit.setDate(to_qdate(getattr(rnd.dates, key)))
            self.announcement_days.setValue(rnd.dates.announcement_days)
            self.quota.setValue(float(rnd.quota_percent))
            self.self_weight.setValue(float(rnd.self_weight))
            self.advanced_min.setValue(float(rnd.advanced_min))
            self.pass_min.setValue(float(rnd.pass_min))
            self.double_entry.setChecked(rnd.double_entry)
            self.member_quota.setValue(rnd.member_quota or 0)
            self.member_quota_per_branch.setValue(rnd.member_quota_per_branch)
            locks = rnd.locks
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
        weight = to_decimal(self.self_weight.value(), 2)
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
        _, problem = self.ctx.act(
            lambda s: round_service.update_settings(
                s, actor=self.ctx.actor, first_year=year, **kwargs
            ),
            inline=True,
            what=self.ctx.change(Area.SETTINGS),
        )
        return self.finish_save(problem)
