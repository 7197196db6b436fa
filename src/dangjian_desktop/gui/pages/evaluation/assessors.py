"""考核组: who assesses, and which branches each member stays away from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout
from sqlmodel import Session

from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.context import Area
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.models import AMBER, GREY, Column
from dangjian_desktop.gui.pages.evaluation.common import EvaluationTab, make_button, natural_order
from dangjian_desktop.gui.pages.evaluation.dialogs import AssessorDialog
from dangjian_desktop.gui.widgets import SearchableTable
from dangjian_desktop.services import evaluation as ev
from dangjian_desktop.services.common import get_round
from dangjian_desktop.services.enrolment import enrolled_branches

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.evaluation.common import RoundView
    from dangjian_desktop.gui.pages.evaluation.page import EvaluationPage


class AssessorsTab(EvaluationTab):
    def __init__(self, page: EvaluationPage) -> None:
        super().__init__(page)
        self.table: SearchableTable[ev.AssessorLine] = SearchableTable(
            [
                Column("姓名", lambda r: r.name, 100),
                Column("单位或职务", lambda r: r.unit, 190),
                Column("所在党组织", lambda r: r.branch_name or "—", 180),
                Column(
                    "回避",
                    lambda r: (
                        "回避：" + "、".join(r.recused_from) if r.recused_from else "无需回避"
                    ),
                    260,
                    color=lambda r: AMBER if r.recused_from else GREY,
                    tooltip=lambda r: (
                        f"{r.name}是{r.branch_name}党员，给{'、'.join(r.recused_from)}评分时回避，"
                        "评分表上这些格子是灰色的。"
                        if r.recused_from
                        else None
                    ),
                ),
                Column("已录评分（项）", lambda r: r.scores_entered, 100, numeric=True),
            ],
            placeholder="搜索考核组成员…",
        )
        natural_order(self.table)
        self.table.sig_selection_changed.connect(self._update_buttons)
        self.add_button = make_button(
            "添加成员…",
            self.add,
            tip="添加一名考核组成员",
            shortcut="Ctrl+N",
            owner=self,
            primary=True,
        )
        self.remove_button = make_button(
            "移出考核组",
            self.remove,
            tip="把选中的成员移出考核组（已录评分的不能移出）",
            shortcut="Del",
            owner=self.table.view,
        )
        self.summary = QLabel()
        self.summary.setObjectName("pageHint")
        self.summary.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def refresh(self, state: RoundView) -> None:
        self.state = state
        year = state.year
        lines = self.ctx.read(lambda s: ev.assessor_lines(s, get_round(s, year)))
        self.table.set_rows(lines)
        trimmed = "，计分时去掉一个最高分和一个最低分" if len(lines) >= 5 else ""
        self.summary.setText(
            f"{state.label}考核组共{len(lines)}人{trimmed}。"
            "考核组成员是参评党组织党员的，给本单位评分时回避（评分表上显示为灰色）。"
        )
        self._update_buttons()

    def branch_choices(self) -> list[tuple[int, str]]:
        year = self.ctx.year
        if year is None:
            return []

        def read(s: Session) -> list[tuple[int, str]]:
            try:
                rnd = get_round(s, year)
            except UserError:
                return []
            return [(b.id, b.name) for _, b in enrolled_branches(s, rnd) if b.id is not None]

        return self.ctx.read(read)

    def _update_buttons(self) -> None:
        closed = self.state is None or self.state.closed
        self.add_button.setEnabled(not closed)
        chosen = self.table.current()
        self.remove_button.setEnabled(not closed and chosen is not None)

    def add(self) -> None:
        if self.state is None or self.state.closed:
            return
        dialog = AssessorDialog(self.branch_choices(), self)
        year, actor = self.state.year, self.ctx.actor

        def submit() -> str | None:
            _, message = self.ctx.act(
                lambda s: ev.add_assessor(
                    s,
                    actor=actor,
                    first_year=year,
                    name=dialog.name(),
                    unit=dialog.unit(),
                    branch_id=dialog.branch_id(),
                ),
                inline=True,
                what=self.ctx.change(Area.EVALUATION),
            )
            return message

        dialog.submit = submit
        dialog.exec()

    def remove(self) -> None:
        chosen = self.table.current()
        if chosen is None:
            return
        if not Ask.confirm(
            self, f"把{chosen.name}移出{self.state.label if self.state else ''}考核组？"
        ):
            return
        actor, assessor_id = self.ctx.actor, chosen.assessor_id
        self.ctx.act(
            lambda s: ev.remove_assessor(s, actor=actor, assessor_id=assessor_id),
            self,
            what=self.ctx.change(Area.EVALUATION),
        )
