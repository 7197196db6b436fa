"""节假日安排: the statutory holidays and 调休 days every working-day count uses.

Years the program knows come built in; later years are typed in from the State Council's notice.
The dialog also lists the round's dates that fall on a day off and can move them to the next
working day.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop import clock
from dangjian_desktop.domain.holiday_text import format_days, parse_days
from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.context import AppContext, Area
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.services import calendar as cal

EXAMPLE_OFF = "例如：\n1月1日至3日 元旦\n2月15日至23日 春节"
EXAMPLE_WORK = "例如：\n2月14日 春节调休上班\n2月28日 春节调休上班"


class HolidaysDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("节假日安排")
        self.resize(760, 560)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setSuffix(" 年")
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.days_off = QPlainTextEdit()
        self.days_off.setPlaceholderText(EXAMPLE_OFF)
        self.workdays = QPlainTextEdit()
        self.workdays.setPlaceholderText(EXAMPLE_WORK)
        self.save_button = QPushButton("保存这一年的安排")
        self.save_button.setDefault(True)
        self.revert_button = QPushButton("撤回本单位录入，改用程序内置")
        self.due_label = QLabel()
        self.due_label.setWordWrap(True)
        self.move_button = QPushButton("把这些日期顺延到下一个工作日")
        close = QPushButton("关闭")

        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        top.addWidget(self.source, 1)
        grid = QGridLayout()
        grid.addWidget(QLabel("放假的日子（一行一个节日，日期或日期段加名称）"), 0, 0)
        grid.addWidget(QLabel("调休上班的周六、周日"), 0, 1)
        grid.addWidget(self.days_off, 1, 0)
        grid.addWidget(self.workdays, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_label, 1)
        due_row.addWidget(self.move_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addLayout(due_row)
        layout.addLayout(bottom)

        self.year.valueChanged.connect(self._load)
        self.save_button.clicked.connect(self._save)
        self.revert_button.clicked.connect(self._revert)
        self.move_button.clicked.connect(self._move)
        close.clicked.connect(self.accept)
        self.year.setValue(self._first_unknown_year())
        self._load()

    def _first_unknown_year(self) -> int:
        """The first year of the current round that has no holiday data, else this year."""
        year = self.ctx.year
        if year is not None:
            missing = self.ctx.read(lambda s: cal.years_without_holidays(s, year))
            if missing:
                return missing[0]
        return clock.today().year

    def _load(self) -> None:
        year = self.year.value()
        arrangement = self.ctx.read(lambda s: cal.holiday_year(s, year))
        self.days_off.setPlainText(format_days(dict(arrangement.days_off)))
        self.workdays.setPlainText(format_days(dict(arrangement.workdays)))
        if arrangement.source == "none":
            self.source.setText(
                f"程序里没有{year}年的节假日安排，按工作日计算的天数只扣除周六、周日。"
                "请照国务院办公厅公布的通知录入后保存。"
            )
        else:
            self.source.setText(f"现在用的是{arrangement.source_name}的{year}年安排。")
        self.revert_button.setEnabled(arrangement.source == "entered")
        self._load_due_dates()

    def _load_due_dates(self) -> None:
        year = self.ctx.year
        found = self.ctx.read(lambda s: cal.due_dates_on_days_off(s, year)) if year else []
        if not found:
            self.due_label.setText("本年度的各项截止日期都在工作日。")
        else:
            self.due_label.setText(
                "本年度有日期落在休息日："
                + "；".join(
                    f"{item.name}{arabic_date(item.day)}（{item.why}，"
                    f"下一个工作日{arabic_date(item.next_working_day)}）"
                    for item in found
                )
            )
        self.move_button.setEnabled(bool(found))

    def _parsed(self) -> tuple[dict[dt.date, str], dict[dt.date, str]] | None:
        year = self.year.value()
        try:
            return parse_days(self.days_off.toPlainText(), year), parse_days(
                self.workdays.toPlainText(), year
            )
        except UserError as exc:
            Ask.warn(self, str(exc))
            return None

    def _save(self) -> None:
        parsed = self._parsed()
        if parsed is None:
            return
        days_off, workdays = parsed
        year = self.year.value()
        saved = self.ctx.act(
            lambda s: cal.save_holiday_year(
                s, actor=self.ctx.actor, year=year, days_off=days_off, workdays=workdays
            ),
            self,
            what=self.ctx.change(Area.SETTINGS),
        )
        if saved is not None:
            self._load()

    def _revert(self) -> None:
        year = self.year.value()
        if not Ask.confirm(
            self, f"撤回本单位录入的{year}年节假日安排，改用程序内置的安排（如果有）吗？"
        ):
            return
        if self.ctx.act(
            lambda s: cal.clear_holiday_year(s, actor=self.ctx.actor, year=year),
            self,
            what=self.ctx.change(Area.SETTINGS),
        ):
            self._load()

    def _move(self) -> None:
        year = self.ctx.year
        if year is None:
            return
        moved = self.ctx.act(
            lambda s: cal.move_due_dates_to_working_days(s, actor=self.ctx.actor, first_year=year),
            self,
            what=self.ctx.change(Area.SETTINGS),
        )
        if moved:
            Ask.info(self, f"已把{moved}个日期顺延到下一个工作日。")
        self._load_due_dates()
