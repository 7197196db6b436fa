"""考核组: who assesses (from the member register or outside people), and which branches each
member stays away from now."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from dangjian_desktop.gui.context import Area
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.models import AMBER, GREY, Column
from dangjian_desktop.gui.pages.evaluation.common import EvaluationTab, make_button, natural_order
from dangjian_desktop.gui.pages.evaluation.dialogs import AssessorDialog
from dangjian_desktop.gui.widgets import SearchableTable
from dangjian_desktop.services import evaluation as ev
from dangjian_desktop.services.common import Session
from dangjian_desktop.services.enrolment import enrolled_choices

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.evaluation.common import RoundView
    from dangjian_desktop.gui.pages.evaluation.page import EvaluationPage


RULE = (
    "回避按评分时党员名册的现状计算：本人所在党组织、它的上级党总支和下属党支部。"
    "统一考核每项取为该单位评分的成员的平均分；为该单位评分的达到5人时，"
    "先去掉一个最高分和一个最低分。"
)


def _recusal_text(line: ev.AssessorLine) -> str:
    return "回避：" + "、".join(line.recused_from) if line.recused_from else "无需回避"


def _branch_text(line: ev.AssessorLine) -> str:
    if line.left_register:
        return "已不在党员名册中"
    if line.branch_name:
        return line.branch_name if line.from_register else f"{line.branch_name}（自报）"
    return "—"


class AssessorsTab(EvaluationTab):
    def __init__(self, page: EvaluationPage) -> None:
        super().__init__(page)
        self.table: SearchableTable[ev.AssessorLine] = SearchableTable(
            [
                Column("姓名", lambda r: r.name, 90),
                Column("来源", lambda r: "党员名册" if r.from_register else "外单位人员", 90),
                Column("单位或职务", lambda r: r.unit, 160),
                Column("所在党组织", _branch_text, 170),
                Column(
                    "回避",
                    _recusal_text,
                    260,
                    color=lambda r: AMBER if r.recused_from else GREY,
                    tooltip=lambda r: (
                        "\n".join(r.recusal_reasons) + "\n评分表上这些格子是灰色的。"
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
        self.table.sig_activated.connect(lambda _row: self.edit())
        self.add_button = make_button(
            "添加成员…",
            self.add,
            tip="从党员名册选一名党员，或添加外单位人员",
            shortcut="Ctrl+N",
            owner=self,
            primary=True,
        )
        self.edit_button = make_button(
            "修改…",
            self.edit,
            tip="修改选中成员的单位或职务（外单位人员还可改姓名）",
            shortcut="F2",
            owner=self.table.view,
        )
        self.replace_button = make_button(
            "更换…",
            self.replace,
            tip="由另一人接替选中的成员（已录评分的不能更换）",
            owner=self,
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
        for button in (self.remove_button, self.replace_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def refresh(self, state: RoundView) -> None:
        self.state = state
        year = state.year
        lines = self.ctx.read(lambda s: ev.assessor_lines(s, year))
        self.table.set_rows(lines)
        from_register = sum(1 for line in lines if line.from_register)
        self.summary.setText(
            f"{state.label}考核组共{len(lines)}人（党员名册{from_register}人，"
            f"外单位{len(lines) - from_register}人）。{RULE}"
        )
        self._update_buttons()

    def branch_choices(self) -> list[tuple[int, str]]:
        year = self.ctx.year
        if year is None:
            return []
        return self.ctx.read(lambda s: enrolled_choices(s, year))

    def member_choices(self) -> list[ev.MemberChoice]:
        return self.ctx.read(ev.member_choices)

    def _update_buttons(self) -> None:
        closed = self.state is None or self.state.closed
        self.add_button.setEnabled(not closed)
        chosen = self.table.current()
        for button in (self.edit_button, self.replace_button, self.remove_button):
            button.setEnabled(not closed and chosen is not None)

    def make_dialog(
        self,
        editing: ev.AssessorLine | None = None,
        replacing: ev.AssessorLine | None = None,
    ) -> AssessorDialog:
        return AssessorDialog(
            self.branch_choices(),
            self.member_choices(),
            self,
            editing=editing,
            replacing=replacing,
        )

    def add(self) -> None:
        if self.state is None or self.state.closed:
            return
        dialog = self.make_dialog()
        year, actor = self.state.year, self.ctx.actor
        self._run(
            dialog,
            lambda s, person: ev.add_assessor(
                s,
                actor=actor,
                first_year=year,
                member_id=person.member_id,
                name=person.name,
                unit=person.unit,
                branch_id=person.branch_id,
            ),
        )

    def edit(self) -> None:
        chosen = self.table.current()
        if self.state is None or self.state.closed or chosen is None:
            return
        dialog = self.make_dialog(editing=chosen)
        year, actor = self.state.year, self.ctx.actor
        self._run(
            dialog,
            lambda s, person: ev.edit_assessor(
                s,
                actor=actor,
                first_year=year,
                assessor_id=chosen.assessor_id,
                unit=person.unit,
                name=None if chosen.from_register else person.name,
                branch_id=person.branch_id,
            ),
        )

    def replace(self) -> None:
        chosen = self.table.current()
        if self.state is None or self.state.closed or chosen is None:
            return
        if chosen.scores_entered:
            Ask.warn(
                self,
                f"{chosen.name}已经录入了评分，不能更换为他人。评分是本人打的，不能转给别人；"
                "如确实录错了人，请先在评分表里清除他的评分。",
            )
            return
        dialog = self.make_dialog(replacing=chosen)
        year, actor = self.state.year, self.ctx.actor
        self._run(
            dialog,
            lambda s, person: ev.replace_assessor(
                s,
                actor=actor,
                first_year=year,
                assessor_id=chosen.assessor_id,
                person=person,
                reason=dialog.reason(),
            ),
        )

    def _run(self, dialog: AssessorDialog, work: Callable[[Session, ev.Person], object]) -> None:
        """Show `dialog`; its OK runs `work` on the person entered (a refusal keeps the dialog
        open with the message)."""

        def submit() -> str | None:
            person = dialog.person()
            _, message = self.ctx.act(
                lambda s: work(s, person), inline=True, what=self.ctx.change(Area.EVALUATION)
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
