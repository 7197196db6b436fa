"""新建年度: the rounds on file, the next one made from the last, and closing a round."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain.rounds import RoundStatus
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.gui.context import AppContext, Area
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.models import GREEN, GREY, Column
from dangjian_desktop.gui.pages.settings.common import make_button, make_note
from dangjian_desktop.gui.widgets import SearchableTable
from dangjian_desktop.services import rounds as round_service
from dangjian_desktop.services.rounds import RoundLine


class RoundsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table: SearchableTable[RoundLine] = SearchableTable(
            [
                Column("创建年度", lambda r: r.label, 170),
                Column(
                    "状态",
                    lambda r: "已结束（只读）" if r.status == RoundStatus.CLOSED else "进行中",
                    120,
                    color=lambda r: GREY if r.status == RoundStatus.CLOSED else GREEN,
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
        self.create_button = make_button(
            "按上一年度新建下一年度", "Ctrl+Shift+N", "复制最近一个年度的设置，新建下一年度", True
        )
        self.create_button.clicked.connect(self.create_next)
        self.close_intro = QLabel()
        self.close_intro.setWordWrap(True)
        self.close_reason = make_note()
        self.close_button = make_button("结束本年度", tip="结束后本年度的数据只能查看，不能修改")
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
            year = self.ctx.year
            locks = round_service.round_locks(session, year)
            close_lock = locks.close if locks else "还没有创建年度。"
            close_label = round_label(year) if locks and year is not None else ""
            return (
                round_service.round_lines(session),
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
            what=self.ctx.change(Area.ROUNDS),
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
                what=self.ctx.change(Area.ROUNDS),
            )
            is not None
        ):
            Ask.info(self, f"{round_label(year)}已结束，数据转为只读。", title="结束本年度")
