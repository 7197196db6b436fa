"""评估材料与评分: materials, 自检自查, the 考核组, 统一考核 score sheets with 双人录入, 综合评价.

Five tabs in the order of the May evaluation. Scores are keyed in spreadsheet-like grids
(gui/score_grid.py) and saved in one transaction per sheet; nothing is written while typing.
After the results are approved every change asks for a reason, which goes into the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from dangjian_desktop.domain.calendar import Stage
from dangjian_desktop.domain.scoring import Veto
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.context import AppContext, Area, Change
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.intake_grid import IntakeGridWidget
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.pages.evaluation.assessors import AssessorsTab
from dangjian_desktop.gui.pages.evaluation.common import read_round_view
from dangjian_desktop.gui.pages.evaluation.dialogs import VetoDialog
from dangjian_desktop.gui.pages.evaluation.results import ResultsTab
from dangjian_desktop.gui.pages.evaluation.scoring import ScoringTab
from dangjian_desktop.gui.pages.evaluation.self_check import SelfCheckTab
from dangjian_desktop.gui.widgets import page_header, replace_tab

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.evaluation.common import RoundView


_TABS = {
    "materials": "创建工作材料",
    "self_check": "自检自查",
    "assessors": "考核组",
    "scoring": "统一考核评分",
    "results": "综合评价",
}
"""The page's tabs in order: key → label."""
_EDITING = ("self_check", "scoring", "results")


class EvaluationPage(Page):
    title = "评估材料与评分"
    key = "evaluation"
    watches = frozenset(
        {Area.REGISTERS, Area.ENROLMENT, Area.REPORTS, Area.EVALUATION, Area.ROUNDS, Area.SETTINGS}
    )
    round_scoped = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state: RoundView | None = None
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        # The tabs are built when first selected (or asked for: the properties below); all
        # five at once held the window still for about 90 ms at the page's first opening.
        # Until then an empty widget stands in the tab.
        self.tabs = QTabWidget()
        self._built: dict[str, QWidget] = {}
        for label in _TABS.values():
            self.tabs.addTab(QWidget(), label)
        self._stale_tabs: set[str] = set()
        """The built tabs (not 创建工作材料, which reads itself) to read again when opened."""
        self.tabs.currentChanged.connect(lambda _: self._refresh_current_tab())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(
            page_header(
                self.title,
                "5月中下旬：收齐创建工作材料 → 自检自查 → 统一考核（双人录入）→ 综合评价 → 工作总结。",
            )
        )
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)

    # ------------------------------------------------------------------ tabs
    @property
    def materials(self) -> IntakeGridWidget:
        return cast(IntakeGridWidget, self._tab("materials"))

    @property
    def self_check(self) -> SelfCheckTab:
        return cast(SelfCheckTab, self._tab("self_check"))

    @property
    def assessors(self) -> AssessorsTab:
        return cast(AssessorsTab, self._tab("assessors"))

    @property
    def scoring(self) -> ScoringTab:
        return cast(ScoringTab, self._tab("scoring"))

    @property
    def results(self) -> ResultsTab:
        return cast(ResultsTab, self._tab("results"))

    def _make_tab(self, key: str) -> QWidget:
        if key == "materials":
            materials = IntakeGridWidget(self.ctx, Stage.MATERIALS)
            materials.setContentsMargins(6, 6, 6, 6)  # as the other tabs, off the frame
            return materials
        kinds: dict[str, Callable[[EvaluationPage], QWidget]] = {
            "self_check": SelfCheckTab,
            "assessors": AssessorsTab,
            "scoring": ScoringTab,
            "results": ResultsTab,
        }
        return kinds[key](self)

    def _tab(self, key: str) -> QWidget:
        """The tab `key`, built now in place of its stand-in if it was not yet."""
        tab = self._built.get(key)
        if tab is not None:
            return tab
        tab = self._built[key] = self._make_tab(key)
        index = list(_TABS).index(key)
        replace_tab(self.tabs, index, tab)
        if key != "materials":
            self._stale_tabs.add(key)
            if index == self.tabs.currentIndex():
                self._refresh_current_tab()
        return tab

    def _current_key(self) -> str:
        return list(_TABS)[self.tabs.currentIndex()]

    # ------------------------------------------------------------------ refresh
    def select_branch(self, branch_id: int, stage: Stage | None = None) -> bool:
        """The workbench jumps here for 创建工作材料 (the materials tab) and 总结评估 lines."""
        if stage == Stage.EVALUATION:
            self.tabs.setCurrentWidget(self.self_check)
            return self.self_check.branches.select_where(lambda r: r.branch_id == branch_id)
        self.tabs.setCurrentWidget(self.materials)
        return self.materials.select_branch(branch_id)

    def reload_for(self, change: Change) -> None:
        """A score sheet saved on the scoring tab updates itself in place; the tabs that show
        scores (考核组's counts, 综合评价) read again when next opened. No tab shows the
        materials: a receipt there changes only the grid's own lines."""
        scoring = self._built.get("scoring")
        if self.state is not None and isinstance(scoring, ScoringTab) and scoring.made(change):
            self._stale_tabs |= {"assessors", "results"} & self._built.keys()
            return
        materials = self._built.get("materials")
        if (
            self.state is not None
            and isinstance(materials, IntakeGridWidget)
            and materials.made(change)
        ):
            return  # a receipt on the materials tab: its grid replaced the lines itself
        self.refresh()

    def refresh(self) -> None:
        self._tab(self._current_key())
        year = self.ctx.year
        if year is None:
            self.state = None
            self.notice.setText("还没有创建年度，请先在“设置”里新建。")
            self.notice.show()
            self.tabs.setEnabled(False)
            return
        try:
            state = self.ctx.read(lambda s: read_round_view(s, year))
        except UserError as exc:
            self.notice.setText(str(exc))
            self.notice.show()
            self.tabs.setEnabled(False)
            return
        if self.state is not None and self.state.year != year and self.has_unsaved_changes():
            if Ask.confirm(
                self,
                f"{self.state.label}还有没保存的评分或工作总结。要先保存吗？",
                title="还有没保存的修改",
            ):
                self.save_changes()
            self.discard_changes()
        self.state = state
        self.tabs.setEnabled(True)
        if state.closed:
            self.notice.setText(f"{state.label}已结束，这里的内容只能查看，不能修改。")
            self.notice.setStyleSheet("color: #8d5a00;")
            self.notice.show()
        elif state.approved:
            self.notice.setText(
                f"{state.label}的评价结果已经审批，分数已锁定：再修改要写明原因，并记入操作日志。"
            )
            self.notice.setStyleSheet("color: #8d5a00;")
            self.notice.show()
        elif state.announced:
            self.notice.setText(
                f"{state.label}的评选结果已经公示：再修改评分要写明原因，改完要重新计算综合评价。"
            )
            self.notice.setStyleSheet("color: #8d5a00;")
            self.notice.show()
        else:
            self.notice.hide()
        # Only the tab on screen reloads now; the others when they are opened.
        self._stale_tabs = self._built.keys() - {"materials"}
        self._refresh_current_tab()

    def _refresh_current_tab(self) -> None:
        key = self._current_key()
        if key not in self._built:
            self._tab(key)  # built, and read if the page has its round already
        elif self.state is not None and key in self._stale_tabs:
            self._stale_tabs.discard(key)
            self._built[key].refresh(self.state)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ shared
    def ask_reason(self) -> str | None:
        """After 公示 or approval a change needs a reason: '' before, None when not given."""
        if self.state is None or not (self.state.approved or self.state.announced):
            return ""
        why = "评价结果已经审批，分数已锁定" if self.state.approved else "评选结果已经公示"
        reason = Ask.text(
            self, "写明修改原因", f"{why}。请写明这次修改的原因（至少4个字，记入操作日志）："
        )
        if reason is None:
            return None
        if not reason.strip():
            Ask.warn(self, "没有写修改原因，这次修改没有保存。")
            return None
        return reason.strip()

    def _editing_tabs(self) -> tuple[SelfCheckTab | None, ScoringTab | None, ResultsTab | None]:
        """The tabs where edits wait for saving, those built (one never opened has none)."""
        self_check, scoring, results = (self._built.get(key) for key in _EDITING)
        return (
            self_check if isinstance(self_check, SelfCheckTab) else None,
            scoring if isinstance(scoring, ScoringTab) else None,
            results if isinstance(results, ResultsTab) else None,
        )

    def has_unsaved_changes(self) -> bool:
        self_check, scoring, results = self._editing_tabs()
        return bool(
            (self_check is not None and self_check.model.has_pending())
            or (scoring is not None and scoring.model.has_pending())
            or (results is not None and results.summary.is_dirty())
        )

    def save_changes(self) -> bool:
        self_check, scoring, results = self._editing_tabs()
        ok = True
        if self_check is not None and self_check.model.has_pending():
            ok = self_check.save() and ok
        if scoring is not None and scoring.model.has_pending():
            ok = scoring.save() and ok
        if results is not None and results.summary.is_dirty():
            ok = results.summary.save() and ok
        return ok

    def discard_changes(self) -> None:
        self_check, scoring, results = self._editing_tabs()
        if self_check is not None:
            self_check.model.discard()
        if scoring is not None:
            scoring.model.discard()
        if results is not None:
            results.summary.discard()

    def screenshot_dialogs(self) -> list[tuple[str, QWidget]]:
        branches = self.assessors.branch_choices()
        assessor = self.assessors.make_dialog()
        veto = VetoDialog(
            branches[0][1] if branches else "石龙村党总支",
            [Veto.SERIOUS_INCIDENT],
            "年内发生一起安全生产责任事故，经镇党委研究实行一票否决。",
            self,
        )
        dialogs: list[tuple[str, QWidget]] = [("assessor", assessor), ("veto", veto)]
        receipt = self.materials.build_receipt_dialog()
        if receipt is not None:
            dialogs.append(("materials_receipt", receipt))
        return dialogs
