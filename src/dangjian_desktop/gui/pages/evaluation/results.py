"""综合评价: the tab and its ranking panel (compute, review, print the summary table)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.rubric import format_points
from dangjian_desktop.domain.scoring import TRIM_RULE
from dangjian_desktop.gui.context import Area
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.models import RED, Column
from dangjian_desktop.gui.pages.evaluation.common import (
    TIE_BG,
    EvaluationTab,
    ResultsPanel,
    fixed_widths,
    make_button,
)
from dangjian_desktop.gui.pages.evaluation.indicators import IndicatorPanel
from dangjian_desktop.gui.pages.evaluation.models import (
    QuotaLine,
    ResultsModel,
    grade_color,
    grade_text,
    result_value,
)
from dangjian_desktop.gui.pages.evaluation.printing import print_results_table
from dangjian_desktop.gui.pages.evaluation.summary import SummaryPanel
from dangjian_desktop.gui.widgets import EmptyHint
from dangjian_desktop.gui.worker import Task
from dangjian_desktop.services import evaluation as ev

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.evaluation.common import RoundView
    from dangjian_desktop.gui.pages.evaluation.models import ResultRow
    from dangjian_desktop.gui.pages.evaluation.page import EvaluationPage


class ResultsTab(EvaluationTab):
    def __init__(self, page: EvaluationPage) -> None:
        super().__init__(page)
        self.inner = QTabWidget()
        self.inner.setDocumentMode(True)
        self.ranking = RankingPanel(self)
        self.indicators = IndicatorPanel(self)
        self.summary = SummaryPanel(self)
        self.inner.addTab(self.ranking, "评价结果")
        self.inner.addTab(self.indicators, "考核指标与一票否决")
        self.inner.addTab(self.summary, "工作总结")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inner)

        self._stale: set[QWidget] = set()
        self.inner.currentChanged.connect(lambda _: self._refresh_current())

    def refresh(self, state: RoundView) -> None:
        self.state = state
        self._stale = {self.ranking, self.indicators, self.summary}
        self._refresh_current()

    def _refresh_current(self) -> None:
        panel = self.inner.currentWidget()
        if self.state is not None and panel in self._stale:
            self._stale.discard(panel)
            panel.refresh(self.state)  # type: ignore[attr-defined]


class RankingPanel(ResultsPanel):
    def __init__(self, tab: ResultsTab) -> None:
        super().__init__(tab)
        self.results: ev.Results | None = None
        self._ties: set[int] = set()
        self._ties_of: ev.Results | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.compute_button = make_button(
            "计算综合评价",
            self.compute,
            tip="按自检自查20%、统一考核80%计算综合得分，排名、定等次并保存",
            shortcut="F9",
            owner=self,
            primary=True,
        )
        self.columns = self._result_columns()
        self.model = ResultsModel(self.columns, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setHighlightSections(False)
        fixed_widths(self.view, [c.width for c in self.columns])
        self.print_button = make_button(
            "打印汇总表",
            self.print_table,
            tip="打印综合评价汇总表（保存过的结果）",
            shortcut="Ctrl+P",
            owner=self,
        )
        self.task: Task | None = None
        self.saved = False
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.compute_button)
        self.empty = EmptyHint(
            "还没有党组织申报本年度的创建活动，没有可评价的单位。",
            "去登记申报",
            lambda: self.tab.page.go_to("enrolment"),
        )
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)

    def _result_columns(self) -> list[Column[ResultRow]]:
        def score(title: str, value: Callable[[ev.ResultLine], object]) -> Column[ResultRow]:
            return Column(title, result_value(value), 72, numeric=True, background=self._bg)

        return [
            Column("排名", self._rank_text, 72, numeric=True, background=self._bg),
            Column("党组织", result_value(lambda r: r.branch_name), 170, background=self._bg),
            score("自检自查", lambda r: r.self_total),
            score("统一考核", lambda r: r.assessment_total),
            Column(
                "评分人数",
                result_value(lambda r: r.scorer_text),
                150,
                background=self._bg,
                tooltip=lambda r: (
                    "为本单位评分的考核组成员：" + "、".join(r.scorers)
                    if isinstance(r, ev.ResultLine) and r.scorers
                    else None
                ),
            ),
            score("综合得分", lambda r: r.combined),
            Column(
                "一票否决",
                result_value(lambda r: "、".join(r.vetoes)),
                120,
                color=lambda r: RED,
                background=self._bg,
            ),
            Column(
                "等次",
                result_value(grade_text),
                80,
                color=lambda r: grade_color(r) if isinstance(r, ev.ResultLine) else None,
                background=self._bg,
            ),
            Column(
                "说明",
                result_value(lambda r: r.reason),
                400,
                background=self._bg,
                tooltip=lambda r: r.reason if isinstance(r, ev.ResultLine) else None,
            ),
        ]

    def _tied_ranks(self) -> set[int]:
        """The ranks shared by more than one branch: worked out once per results, not for
        every cell painted (a county ranks a thousand branches)."""
        if self.results is None:
            return set()
        if self._ties_of is not self.results:
            counts = Counter(line.rank for line in self.results.lines if line.rank is not None)
            self._ties = {rank for rank, n in counts.items() if n > 1}
            self._ties_of = self.results
        return self._ties

    def _rank_text(self, row: ResultRow) -> str:
        if isinstance(row, QuotaLine):
            return row.text
        if row.rank is None:
            return "—"
        return f"并列{row.rank}" if row.rank in self._tied_ranks() else str(row.rank)

    @staticmethod
    def _bg(row: ResultRow) -> QColor | None:
        if isinstance(row, ev.ResultLine) and row.tie_at_quota:
            return TIE_BG
        return None

    def refresh(self, state: RoundView) -> None:
        self.state = state
        year = state.year
        results, saved = self.ctx.read(lambda s: ev.results_view(s, year))
        self.results = results
        self.saved = saved
        self.compute_button.setEnabled(not state.closed)
        self._show(results)
        self._describe(results, saved)

    def _show(self, results: ev.Results | None) -> None:
        rows: list[ResultRow] = []
        quota_row = -1
        if results is not None:
            rows = list(results.lines)
            within = [i for i, line in enumerate(rows) if line.within_quota]  # type: ignore[union-attr]
            if within and results.quota:
                quota_row = within[-1] + 1
                rows.insert(quota_row, QuotaLine(results.quota))
        self.view.clearSpans()
        self.model.set_rows(rows)
        if quota_row >= 0:
            self.view.setSpan(quota_row, 0, 1, len(self.columns))

    def _describe(self, results: ev.Results | None, saved: bool) -> None:
        assert self.state is not None
        nobody = results is not None and results.enrolled == 0 and not self.state.closed
        self.empty.setVisible(nobody)
        if nobody:
            self.status.setText("")
            self.compute_button.setEnabled(False)
            return
        if results is None:
            self.status.setText(f"{self.state.label}没有保存过综合评价结果。")
            return
        parts = [
            f"参评{results.enrolled}个单位，先进名额{results.quota}个"
            f"（参评数的{format_points(self.state.quota_percent)}%，向上取整）。"
        ]
        parts.append(TRIM_RULE)
        ties = [line for line in results.lines if line.tie_at_quota]
        if ties:
            parts.append(f"名额线上有{len(ties)}个单位同分并列（黄色），需领导小组研究决定。")
        if results.missing_cells:
            parts.append(
                f"统一考核还缺{results.missing_cells}个评分（未录入或两遍录入不一致），"
                "有关单位暂不能排名，见“说明”。"
            )
        if self.state.closed:
            parts.append("这是本年度保存的最终结果。")
        elif saved:
            parts.append("结果已计算并保存。")
        else:
            parts.append("下表是按现有评分算出的预览，还没保存：请点“计算综合评价”。")
        self.status.setText("".join(parts))
        self.status.setStyleSheet("" if saved else "color: #8d5a00;")

    def print_table(self) -> None:
        if self.state is None:
            return
        if self.results is None or not self.saved:
            Ask.warn(
                self,
                "综合评价结果还没保存，或保存后评分又改过了。请先点“计算综合评价”，再打印汇总表。",
            )
            return
        self.task = print_results_table(self, self.ctx, self.state.year)

    def compute(self) -> None:
        if self.state is None or self.state.closed:
            return
        reason = self.page.ask_reason()
        if reason is None:
            return
        year, actor = self.state.year, self.ctx.actor
        results = self.ctx.act(
            lambda s: ev.compute_results(s, actor=actor, first_year=year, reason=reason),
            self,
            what=self.ctx.change(Area.EVALUATION),
        )
        if results is not None and not self.isVisible():
            self.refresh(self.state)
