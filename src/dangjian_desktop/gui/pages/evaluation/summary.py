"""工作总结: drafted from the results, edited, saved and printed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout

from dangjian_desktop.gui.context import Area
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.pages.evaluation.common import ResultsPanel, make_button
from dangjian_desktop.gui.pages.evaluation.printing import print_work_summary
from dangjian_desktop.gui.widgets import EmptyHint
from dangjian_desktop.gui.worker import Task
from dangjian_desktop.services import evaluation as ev

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.evaluation.common import RoundView
    from dangjian_desktop.gui.pages.evaluation.results import ResultsTab


class SummaryPanel(ResultsPanel):
    def __init__(self, tab: ResultsTab) -> None:
        super().__init__(tab)
        self.year: int | None = None
        self.baseline = ""
        self.is_draft = False
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setStyleSheet("font-size: 12pt;")
        self.editor.textChanged.connect(self._changed)
        self.save_button = make_button(
            "保存工作总结",
            self.save,
            tip="保存工作总结",
            shortcut="Ctrl+S",
            owner=self,
            primary=True,
        )
        self.draft_button = make_button(
            "按当前结果重新起草",
            self.redraft,
            tip="用当前的综合评价结果重新生成一份草稿（替换编辑框里的文字）",
        )
        self.print_button = make_button(
            "打印工作总结",
            self.print_summary,
            tip="按编辑框里的文字生成工作总结（公文格式）",
            shortcut="Ctrl+P",
            owner=self,
        )
        self.task: Task | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.label, 1)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        self.empty = EmptyHint(
            "还没有党组织申报本年度的创建活动：下面的草稿里都是0。申报、评分、综合评价之后，"
            "再点“按当前结果重新起草”。",
            "去登记申报",
            lambda: self.tab.page.go_to("enrolment"),
        )
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.editor, 1)

    def refresh(self, state: RoundView) -> None:
        self.state = state
        if self.year == state.year and self.is_dirty():
            self._update()
            return
        self.year = state.year
        year = state.year
        found = self.ctx.read(lambda s: ev.work_summary(s, year))
        text, draft = found.text, found.draft
        self.empty.setVisible(draft and found.nobody_enrolled and not state.closed)
        self.baseline = text
        self.is_draft = draft
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.editor.setReadOnly(state.closed)
        self._update()

    def is_dirty(self) -> bool:
        return self.year is not None and self.editor.toPlainText() != self.baseline

    def discard(self) -> None:
        self.editor.blockSignals(True)
        self.editor.setPlainText(self.baseline)
        self.editor.blockSignals(False)
        self._update()

    def _changed(self) -> None:
        self._update()

    def _update(self) -> None:
        closed = self.state is not None and self.state.closed
        dirty = self.is_dirty()
        self.save_button.setEnabled(not closed and (dirty or self.is_draft))
        self.draft_button.setEnabled(not closed)
        if closed:
            self.label.setText("本年度已结束，工作总结只能查看。")
        elif dirty:
            self.label.setText("工作总结改过了，还没保存。")
        elif self.is_draft:
            self.label.setText("这是按当前结果自动起草的草稿，还没保存：修改后点“保存工作总结”。")
        else:
            self.label.setText("工作总结已保存。")
        self.label.setStyleSheet("color: #8d5a00;" if dirty or self.is_draft else "")

    def print_summary(self) -> None:
        if self.state is None:
            return
        text = self.editor.toPlainText().strip()
        if not text:
            Ask.warn(self, "工作总结是空的，没有可打印的内容。")
            return
        self.task = print_work_summary(self, self.ctx, self.state.year, text)

    def redraft(self) -> None:
        if self.state is None:
            return
        if self.editor.toPlainText().strip() and not Ask.confirm(
            self, "用当前结果重新起草，会替换编辑框里的全部文字。继续吗？"
        ):
            return
        year = self.state.year
        text = self.ctx.read(lambda s: ev.draft_work_summary(s, year))
        self.editor.setPlainText(text)

    def save(self) -> bool:
        if self.state is None or self.state.closed:
            return True
        text = self.editor.toPlainText()
        if not text.strip():
            Ask.warn(self, "工作总结是空的。请先写好（或点“按当前结果重新起草”），再保存。")
            return False
        year, actor = self.state.year, self.ctx.actor
        done = self.ctx.act(
            lambda s: ev.set_work_summary(s, actor=actor, first_year=year, text=text),
            self,
            what=self.ctx.change(Area.EVALUATION),
        )
        if done is None:
            return False
        self.baseline = text.strip()
        self.is_draft = False
        self.editor.blockSignals(True)
        self.editor.setPlainText(self.baseline)
        self.editor.blockSignals(False)
        self._update()
        return True
