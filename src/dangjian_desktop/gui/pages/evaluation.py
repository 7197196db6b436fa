"""评估材料与评分: materials, 自检自查, the 考核组, 统一考核 score sheets with 双人录入, 综合评价.

Five tabs in the order of the May evaluation. Scores are keyed in spreadsheet-like grids
(gui/score_grid.py) and saved in one transaction per sheet; nothing is written while typing.
After the results are approved every change asks for a reason, which goes into the audit log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from dangjian_desktop.domain.calendar import Stage
from dangjian_desktop.domain.rubric import format_points
from dangjian_desktop.domain.scoring import VETO_NAMES, Grade, Veto
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.context import AppContext
from dangjian_desktop.gui.dialogs import Ask, Choice
from dangjian_desktop.gui.document_actions import issue_document
from dangjian_desktop.gui.intake_grid import IntakeGridWidget
from dangjian_desktop.gui.models import (
    AMBER,
    GREEN,
    GREY,
    RED,
    ROW_ROLE,
    Column,
    RowsModel,
    display,
)
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.pages.evaluation_dialogs import AssessorDialog, VetoDialog
from dangjian_desktop.gui.score_grid import ScoreView, SelfCheckModel, SheetModel
from dangjian_desktop.gui.widgets import SearchableTable, inline_error, page_header
from dangjian_desktop.gui.worker import Task
from dangjian_desktop.services import documents
from dangjian_desktop.services import evaluation as ev
from dangjian_desktop.services.common import get_round
from dangjian_desktop.services.enrolment import enrolled_branches
from dangjian_desktop.store.models import Round

Index = QModelIndex | QPersistentModelIndex

ENTRY_NAMES = {1: "第一遍录入", 2: "第二遍录入（核对用）"}
TIE_BG = QColor("#fff0c2")
QUOTA_BG = QColor("#ffe3e3")
DIFFER_BG = QColor("#ffe0e0")


@dataclass(frozen=True)
class RoundView:
    """What the tabs need to know about the round shown."""

    year: int
    label: str
    closed: bool
    approved: bool
    announced: bool
    double_entry: bool
    quota_percent: Decimal
    items: list[ev.ScoreItem]


def _round_view(session: Session, year: int) -> RoundView:
    rnd = get_round(session, year)
    return RoundView(
        year=year,
        label=round_label(year),
        closed=rnd.status == "closed",
        approved=rnd.approved_at is not None,
        announced=ev.is_announced(session, rnd),
        double_entry=rnd.double_entry,
        quota_percent=rnd.quota_percent,
        items=ev.score_items(session, rnd),
    )


def _button(
    text: str,
    slot: Callable[[], Any],
    *,
    tip: str = "",
    shortcut: str = "",
    owner: QWidget | None = None,
    primary: bool = False,
) -> QPushButton:
    """A button; with a shortcut, the shortcut works anywhere inside `owner` and shows in the tip."""
    button = QPushButton(text)
    button.clicked.connect(lambda _=False: slot())
    if primary:
        button.setProperty("primary", True)
    if shortcut and owner is not None:
        QShortcut(
            QKeySequence(shortcut),
            owner,
            lambda: button.click() if button.isEnabled() and button.isVisible() else None,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        tip = f"{tip}（{shortcut}）" if tip else shortcut
    if tip:
        button.setToolTip(tip)
    return button


def _natural_order(table: SearchableTable[Any]) -> None:
    """Show rows in the order the service gives them (the party structure) until a header is
    clicked."""
    table.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.proxy.sort(-1)


def _fixed_widths(view: QTableView, widths: list[int]) -> None:
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)


# ====================================================================== the page


class EvaluationPage(Page):
    title = "评估材料与评分"
    key = "evaluation"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state: RoundView | None = None
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.tabs = QTabWidget()
        self.materials = IntakeGridWidget(ctx, Stage.MATERIALS)
        self.self_check = SelfCheckTab(self)
        self.assessors = AssessorsTab(self)
        self.scoring = ScoringTab(self)
        self.results = ResultsTab(self)
        self.tabs.addTab(self.materials, "创建工作材料")
        self.tabs.addTab(self.self_check, "自检自查")
        self.tabs.addTab(self.assessors, "考核组")
        self.tabs.addTab(self.scoring, "统一考核评分")
        self.tabs.addTab(self.results, "综合评价")
        self._stale_tabs: set[QWidget] = set()
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

    # ------------------------------------------------------------------ refresh
    def select_branch(self, branch_id: int, stage: Stage | None = None) -> bool:
        """The workbench jumps here for 创建工作材料 (the materials tab) and 总结评估 lines."""
        if stage == Stage.EVALUATION:
            self.tabs.setCurrentWidget(self.self_check)
            return self.self_check.branches.select_where(lambda r: r.branch_id == branch_id)
        self.tabs.setCurrentWidget(self.materials)
        return self.materials.select_branch(branch_id)

    def refresh(self) -> None:
        year = self.ctx.year
        if year is None:
            self.state = None
            self.notice.setText("还没有创建年度，请先在“设置”里新建。")
            self.notice.show()
            self.tabs.setEnabled(False)
            return
        try:
            state = self.ctx.read(lambda s: _round_view(s, year))
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
        self._stale_tabs = {self.self_check, self.assessors, self.scoring, self.results}
        self._refresh_current_tab()

    def _refresh_current_tab(self) -> None:
        tab = self.tabs.currentWidget()
        if self.state is not None and tab in self._stale_tabs:
            self._stale_tabs.discard(tab)
            tab.refresh(self.state)  # type: ignore[attr-defined]

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

    def has_unsaved_changes(self) -> bool:
        return (
            self.self_check.model.has_pending()
            or self.scoring.model.has_pending()
            or self.results.summary.is_dirty()
        )

    def save_changes(self) -> bool:
        ok = True
        if self.self_check.model.has_pending():
            ok = self.self_check.save() and ok
        if self.scoring.model.has_pending():
            ok = self.scoring.save() and ok
        if self.results.summary.is_dirty():
            ok = self.results.summary.save() and ok
        return ok

    def discard_changes(self) -> None:
        self.self_check.model.discard()
        self.scoring.model.discard()
        self.results.summary.discard()

    def screenshot_dialogs(self) -> list[tuple[str, QWidget]]:
        branches = self.assessors.branch_choices()
        assessor = AssessorDialog(branches, self)
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


# ====================================================================== 自检自查


class SelfCheckTab(QWidget):
    def __init__(self, page: EvaluationPage) -> None:
        super().__init__()
        self.page = page
        self.ctx = page.ctx
        self.state: RoundView | None = None
        self.year: int | None = None
        self.branch_id: int | None = None
        self.branch_name = ""
        self._loading = False
        self.branches: SearchableTable[ev.SelfCheckLine] = SearchableTable(
            [
                Column("党组织", lambda r: r.branch_name, 170),
                Column(
                    "已填",
                    lambda r: f"{r.filled}/{r.items}",
                    52,
                    numeric=True,
                    color=lambda r: GREEN if r.filled == r.items else AMBER,
                ),
                Column("合计", lambda r: r.total, 56, numeric=True),
            ],
            placeholder="搜索党组织…",
        )
        self.branches.setFixedWidth(320)
        _natural_order(self.branches)
        self.branches.sig_selection_changed.connect(self._branch_picked)

        self.heading = QLabel("请在左边选择一个党组织")
        self.heading.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.model = SelfCheckModel(self)
        self.model.allow_clear = False
        self.view = ScoreView()
        self.view.setModel(self.model)
        self.view.horizontalHeader().setStretchLastSection(True)
        _fixed_widths(self.view, [150, 260, 50, 90])
        self.view.verticalHeader().setVisible(False)
        self.total = QLabel()
        self.total.setStyleSheet("font-size: 11pt;")
        self.message = inline_error()
        self.view.sig_message.connect(self._show_message)
        self.model.sig_totals_changed.connect(self._show_total)
        self.model.sig_pending_changed.connect(self._pending_changed)
        self.save_button = _button(
            "保存自检自查",
            self.save,
            tip="保存这个党组织的自检自查分数",
            shortcut="Ctrl+S",
            owner=self,
            primary=True,
        )
        self.undo_button = _button("撤销未保存的修改", self._undo, tip="恢复成上次保存的分数")
        hint = QLabel("直接输入分数，Enter 到下一项；超过分值或小于0的分数当场拒收。")
        hint.setObjectName("pageHint")

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(hint)
        right.addWidget(self.view, 1)
        right.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.save_button)
        right.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.addWidget(self.branches)
        layout.addLayout(right, 1)
        self._pending_changed()

    def refresh(self, state: RoundView) -> None:
        self.state = state
        year = state.year
        lines = self.ctx.read(lambda s: ev.self_check_lines(s, get_round(s, year)))
        same_round = self.year == year
        if not same_round:
            self.branch_id = None
        self.year = year
        self._loading = True
        try:
            self.branches.set_rows(lines)
            chosen = (
                self.branch_id
                if self.branch_id is not None
                else (lines[0].branch_id if lines else None)
            )
            if chosen is not None:
                self.branches.select_where(lambda r: r.branch_id == chosen)
        finally:
            self._loading = False
        if chosen is None:
            self.model.load([], {})
            self.heading.setText(f"{state.label}还没有党组织申报，没有自检自查可录。")
            self.branch_id = None
        else:
            self._load(chosen, keep_edits=same_round and chosen == self.branch_id)
        self._pending_changed()

    def _load(self, branch_id: int, *, keep_edits: bool) -> None:
        assert self.year is not None and self.state is not None
        year = self.year
        line = next((r for r in self.branches.model.rows if r.branch_id == branch_id), None)
        if line is None:
            return
        saved = self.ctx.read(lambda s: ev.self_scores(s, get_round(s, year), branch_id))
        self.model.read_only = self.state.closed
        self.model.load(self.state.items, saved, line.refusal, keep_edits=keep_edits)
        self.branch_id = branch_id
        self.branch_name = line.branch_name
        self.heading.setText(f"{line.branch_name} — 自检自查（{self.state.label}）")
        self.message.hide()

    def _branch_picked(self) -> None:
        if self._loading:
            return
        chosen = self.branches.current()
        if chosen is None or chosen.branch_id == self.branch_id:
            return
        if self.model.has_pending():
            answer = Ask.save_discard_cancel(
                self, f"{self.branch_name}的自检自查还有没保存的分数。要先保存吗？"
            )
            if answer == Choice.CANCEL or (answer == Choice.SAVE and not self.save()):
                self._reselect()
                return
        self._load(chosen.branch_id, keep_edits=False)
        self._pending_changed()

    def _reselect(self) -> None:
        self._loading = True
        try:
            self.branches.select_where(lambda r: r.branch_id == self.branch_id)
        finally:
            self._loading = False

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show_total(self) -> None:
        total, filled = self.model.total()
        count = len(self.model.items)
        if not count:
            self.total.setText("")
            return
        text = f"合计：<b>{display(total) or '0'}</b> 分（已填 {filled}/{count} 项）"
        self.total.setText(text)

    def _pending_changed(self) -> None:
        pending = self.model.has_pending()
        closed = self.state is not None and self.state.closed
        self.save_button.setEnabled(pending and not closed)
        self.undo_button.setEnabled(pending)

    def _undo(self) -> None:
        self.model.discard()
        self.message.hide()

    def save(self) -> bool:
        if not self.model.has_pending() or self.branch_id is None or self.year is None:
            return True
        reason = self.page.ask_reason()
        if reason is None:
            return False
        scores: dict[str, str | Decimal] = {
            str(code): value for code, value in self.model.pending().items() if value is not None
        }
        year, branch_id, actor = self.year, self.branch_id, self.ctx.actor
        result = self.ctx.act(
            lambda s: ev.save_self_scores(
                s, actor=actor, first_year=year, branch_id=branch_id, scores=scores, reason=reason
            ),
            self,
        )
        if result is None:
            return False
        self.model.drop_saved_edits()
        self._pending_changed()
        return True


# ====================================================================== 考核组


class AssessorsTab(QWidget):
    def __init__(self, page: EvaluationPage) -> None:
        super().__init__()
        self.page = page
        self.ctx = page.ctx
        self.state: RoundView | None = None
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
                Column("已录评分", lambda r: r.scores_entered, 80, numeric=True),
            ],
            placeholder="搜索考核组成员…",
        )
        _natural_order(self.table)
        self.table.sig_selection_changed.connect(self._update_buttons)
        self.add_button = _button(
            "添加成员…",
            self.add,
            tip="添加一名考核组成员",
            shortcut="Ctrl+N",
            owner=self,
            primary=True,
        )
        self.remove_button = _button(
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
            _, message = self.ctx.try_act(
                lambda s: ev.add_assessor(
                    s,
                    actor=actor,
                    first_year=year,
                    name=dialog.name(),
                    unit=dialog.unit(),
                    branch_id=dialog.branch_id(),
                )
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
        self.ctx.act(lambda s: ev.remove_assessor(s, actor=actor, assessor_id=assessor_id), self)


# ====================================================================== 统一考核评分


@dataclass(frozen=True)
class CheckLine:
    """One line of the 双人录入 check: a cell keyed twice differently, or keyed only once."""

    assessor_id: int
    assessor: str
    branch_id: int
    branch: str
    code: str
    item: str
    first: Decimal | None
    second: Decimal | None

    @property
    def differs(self) -> bool:
        return self.first is not None and self.second is not None

    @property
    def missing_entry(self) -> int | None:
        if self.first is None:
            return 1
        if self.second is None:
            return 2
        return None

    def shown(self, entry: int) -> str:
        value = self.first if entry == 1 else self.second
        if value is None:
            return "未录"
        # A cell keyed only once shows no value: the other entry is keyed blind.
        return display(value) if self.differs else "已录"

    @property
    def explanation(self) -> str:
        if self.differs:
            return "两遍不一致：对照纸质评分表，双击重新录入录错的那一遍"
        return f"第{'一' if self.missing_entry == 1 else '二'}遍还没录：双击去录入"


class ScoringTab(QWidget):
    def __init__(self, page: EvaluationPage) -> None:
        super().__init__()
        self.page = page
        self.ctx = page.ctx
        self.state: RoundView | None = None
        self.sheet_key: tuple[int, int, int] | None = None  # (year, assessor id, entry)
        self._switching = False

        self.assessor_combo = QComboBox()
        self.assessor_combo.setMinimumWidth(150)
        self.assessor_combo.setToolTip("选择要录入哪位考核组成员的评分表")
        self.entry_combo = QComboBox()
        self.entry_combo.setMinimumWidth(190)
        self.entry_combo.setToolTip(
            "双人录入：第一遍和第二遍由两位同志分别对照纸质评分表录入；"
            "录第二遍时看不到第一遍的分数，两遍一致的分数才计入综合评价。"
        )
        self.assessor_combo.currentIndexChanged.connect(self._sheet_picked)
        self.entry_combo.currentIndexChanged.connect(self._sheet_picked)
        self.save_button = _button(
            "保存评分表",
            self.save,
            tip="把这张评分表上改过的分数一次保存",
            shortcut="Ctrl+S",
            owner=self,
            primary=True,
        )
        self.undo_button = _button("撤销未保存的修改", self._undo, tip="恢复成上次保存的分数")
        self.print_button = _button(
            "打印空白评分表…",
            self.print_blank_sheets,
            tip="打印考核组成员用的纸质统一考核评分表（每个党组织一页，回避的单位不印）",
            shortcut="Ctrl+P",
            owner=self,
        )
        self.task: Task | None = None
        self.pending_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("考核组成员："))
        top.addWidget(self.assessor_combo)
        top.addSpacing(12)
        top.addWidget(QLabel("录入："))
        top.addWidget(self.entry_combo)
        top.addSpacing(12)
        top.addWidget(self.pending_label, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.undo_button)
        top.addWidget(self.save_button)

        self.model = SheetModel(self)
        self.view = ScoreView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        # Thirteen item columns must fit beside the names at 1366 × 768: narrow header padding.
        self.view.horizontalHeader().setStyleSheet("QHeaderView::section { padding: 3px 1px; }")
        self.model.modelReset.connect(self._size_columns)
        self.model.sig_pending_changed.connect(self._pending_changed)
        self.message = inline_error()
        self.view.sig_message.connect(self._show_message)
        self.hint = QLabel(
            "像 Excel 一样录入：直接输入分数，Enter 向下、Tab 向右、方向键移动、Delete 清除；"
            "灰色格子是回避或不能评分的单位。"
        )
        self.hint.setObjectName("pageHint")

        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.checks: SearchableTable[CheckLine] = SearchableTable(
            [
                Column("考核组成员", lambda r: r.assessor, 90, background=self._check_bg),
                Column("党组织", lambda r: r.branch, 170, background=self._check_bg),
                Column("考核指标", lambda r: f"{r.code} {r.item}", 200, background=self._check_bg),
                Column(
                    "第一遍",
                    lambda r: r.shown(1),
                    70,
                    numeric=True,
                    background=self._check_bg,
                    color=self._check_fg,
                ),
                Column(
                    "第二遍",
                    lambda r: r.shown(2),
                    70,
                    numeric=True,
                    background=self._check_bg,
                    color=self._check_fg,
                ),
                Column("怎么办", lambda r: r.explanation, 320, background=self._check_bg),
            ],
            placeholder="在核对清单里搜索…",
        )
        _natural_order(self.checks)
        # view.activated covers Enter and double-click (SearchableTable.sig_activated fires
        # twice on a double-click: once for doubleClicked, once for activated).
        self.checks.view.activated.connect(self._check_activated)

        grid_box = QWidget()
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.hint)
        grid_layout.addWidget(self.view, 1)
        grid_layout.addWidget(self.message)
        check_box = QWidget()
        check_layout = QVBoxLayout(check_box)
        check_layout.setContentsMargins(0, 4, 0, 0)
        check_layout.addWidget(self.check_label)
        check_layout.addWidget(self.checks, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(grid_box)
        self.splitter.addWidget(check_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self._pending_changed()

    # ------------------------------------------------------------------ loading
    def refresh(self, state: RoundView) -> None:
        self.state = state
        year = state.year
        assessors = self.ctx.read(
            lambda s: [(a.id, a.name) for a in ev.list_assessors(s, get_round(s, year))]
        )
        old_assessor = self.sheet_key[1] if self.sheet_key and self.sheet_key[0] == year else None
        old_entry = self.sheet_key[2] if self.sheet_key and self.sheet_key[0] == year else 1
        self._switching = True
        try:
            self.assessor_combo.clear()
            for assessor_id, name in assessors:
                self.assessor_combo.addItem(name, assessor_id)
            position = self.assessor_combo.findData(old_assessor)
            self.assessor_combo.setCurrentIndex(max(position, 0) if assessors else -1)
            self.entry_combo.clear()
            for entry in (1, 2) if state.double_entry else (1,):
                self.entry_combo.addItem(ENTRY_NAMES[entry], entry)
            self.entry_combo.setCurrentIndex(max(self.entry_combo.findData(old_entry), 0))
            self.entry_combo.setEnabled(state.double_entry)
        finally:
            self._switching = False
        self._load(keep_edits=True)
        self._load_checks()

    def _wanted_key(self) -> tuple[int, int, int] | None:
        assessor_id = self.assessor_combo.currentData()
        entry = self.entry_combo.currentData()
        if self.state is None or not isinstance(assessor_id, int) or not isinstance(entry, int):
            return None
        return (self.state.year, assessor_id, entry)

    def _load(self, *, keep_edits: bool) -> None:
        key = self._wanted_key()
        assert self.state is not None
        self.model.read_only = self.state.closed
        if key is None:
            self.sheet_key = None
            self.model.load(self.state.items, [], {}, set())
            self.hint.setText(
                "还没有考核组成员：请先在“考核组”里添加，再回来录入评分表。"
                if not self.state.closed
                else "这个年度没有考核组成员。"
            )
            self._pending_changed()
            return
        year, assessor_id, entry = key
        sheet = self.ctx.read(lambda s: ev.sheet(s, get_round(s, year), assessor_id, entry))
        keep = keep_edits and key == self.sheet_key
        self.sheet_key = key
        self.model.load(
            self.state.items,
            sheet.rows,
            sheet.scores,
            sheet.differing,
            keep_edits=keep,
        )
        blind = "（盲录：看不到第一遍的分数）" if entry == 2 else ""
        how = (
            "本年度已结束，只能查看。"
            if self.state.closed
            else "Enter 向下、Tab 向右、方向键移动、Delete 清除；灰色格子回避，不能评分。"
        )
        self.hint.setText(f"{sheet.assessor_name} · {ENTRY_NAMES[entry]}{blind}。{how}")
        self.message.hide()
        self._pending_changed()

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        if self.model.columnCount() == 0:
            return
        self.view.setColumnWidth(0, 152)
        for column in self.model.score_columns():
            self.view.setColumnWidth(column, 64)
        header.setSectionResizeMode(self.model.total_column, QHeaderView.ResizeMode.Stretch)

    def _sheet_picked(self) -> None:
        if self._switching:
            return
        wanted = self._wanted_key()
        if wanted == self.sheet_key:
            return
        if self.model.has_pending() and not self._settle_pending():
            self._show_key(self.sheet_key)
            return
        self._load(keep_edits=False)

    def _settle_pending(self) -> bool:
        """Unsaved cells before leaving the sheet: save, drop, or stay (False)."""
        answer = Ask.save_discard_cancel(self, "这张评分表还有没保存的分数。要先保存吗？")
        if answer == Choice.CANCEL:
            return False
        if answer == Choice.SAVE:
            return self.save()
        self.model.discard()
        return True

    def _show_key(self, key: tuple[int, int, int] | None) -> None:
        if key is None:
            return
        self._switching = True
        try:
            self.assessor_combo.setCurrentIndex(self.assessor_combo.findData(key[1]))
            self.entry_combo.setCurrentIndex(self.entry_combo.findData(key[2]))
        finally:
            self._switching = False

    # ------------------------------------------------------------------ 双人录入 check
    def _load_checks(self) -> None:
        assert self.state is not None
        year = self.state.year
        if not self.state.double_entry:
            self.checks.set_rows([])
            self.check_label.setText("本年度只录入一遍，不做双人录入核对。")
            self.checks.setVisible(False)
            return
        self.checks.setVisible(True)
        found = self.ctx.read(lambda s: ev.disagreements(s, get_round(s, year)))
        lines = [
            CheckLine(
                d.assessor_id, d.assessor, d.branch_id, d.branch, d.code, d.item, d.first, d.second
            )
            for d in found
        ]
        lines.sort(key=lambda line: (not line.differs,))
        self.checks.set_rows(lines)
        differ = sum(1 for line in lines if line.differs)
        once = len(lines) - differ
        if not lines:
            self.check_label.setText(
                "双人录入核对：已录入的评分两遍全部一致。综合评价只采用两遍一致的评分。"
            )
            self.check_label.setStyleSheet("color: #1b5e20;")
            return
        parts = []
        if differ:
            parts.append(f"{differ}处两遍不一致")
        if once:
            parts.append(f"{once}个评分只录了一遍")
        self.check_label.setText(
            f"双人录入核对：{'，'.join(parts)}。这些评分暂不计入综合评价；"
            "双击一行转到评分表上那一格，对照纸质评分表重新录入。"
        )
        self.check_label.setStyleSheet("color: #b71c1c;" if differ else "color: #8d5a00;")

    @staticmethod
    def _check_bg(line: CheckLine) -> QColor | None:
        return DIFFER_BG if line.differs else None

    @staticmethod
    def _check_fg(line: CheckLine) -> QColor | None:
        return RED if line.differs else AMBER

    def _check_activated(self, index: QModelIndex) -> None:
        line = self.checks.proxy.data(index, ROW_ROLE)
        if isinstance(line, CheckLine):
            self.jump_to(line)

    def jump_to(self, line: CheckLine) -> None:
        """Go to the cell of a check line in the sheet and entry that must be re-keyed."""
        entry = line.missing_entry
        if entry is None:
            options = [
                f"第一遍录错了（第一遍是{display(line.first)}），改第一遍",
                f"第二遍录错了（第二遍是{display(line.second)}），改第二遍",
            ]
            picked = Ask.choose(
                self,
                "重新录入",
                f"{line.assessor}给{line.branch}“{line.code} {line.item}”两遍录入不一致。"
                "请对照纸质评分表，选出录错的那一遍：",
                options,
            )
            if picked is None:
                return
            entry = 1 if picked == options[0] else 2
        if self.state is None:
            return
        wanted = (self.state.year, line.assessor_id, entry)
        if wanted != self.sheet_key:
            if self.model.has_pending() and not self._settle_pending():
                return
            self._show_key(wanted)
            self._load(keep_edits=False)
        self.view.go_to(self.model.index_of((line.branch_id, line.code)))

    # ------------------------------------------------------------------ paper
    def print_blank_sheets(self) -> None:
        if self.state is None:
            return
        year = self.state.year
        assessors = self.ctx.read(lambda s: ev.assessor_lines(s, get_round(s, year)))
        if not assessors:
            Ask.warn(self, "还没有考核组成员：请先在“考核组”里添加，再打印评分表。")
            return
        everyone = "全部考核组成员（每人一套）"
        picked = Ask.choose(
            self, "打印空白评分表", "给谁打印？", [everyone, *(a.name for a in assessors)]
        )
        if picked is None:
            return
        chosen = assessors if picked == everyone else [a for a in assessors if a.name == picked]
        ids, actor, data_dir = [a.assessor_id for a in chosen], self.ctx.actor, self.ctx.db.data_dir
        self.task = issue_document(
            self,
            self.ctx,
            "统一考核评分表",
            lambda s, _p, _c: documents.print_score_sheets(
                s, data_dir, actor=actor, first_year=year, assessor_ids=ids
            ),
        )

    # ------------------------------------------------------------------ saving
    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _pending_changed(self) -> None:
        count = len(self.model.pending())
        closed = self.state is not None and self.state.closed
        self.save_button.setEnabled(count > 0 and not closed)
        self.undo_button.setEnabled(count > 0)
        self.pending_label.setText(f"有{count}个分数还没保存" if count else "")
        self.pending_label.setStyleSheet("color: #8d5a00;")

    def _undo(self) -> None:
        self.model.discard()
        self.message.hide()

    def save(self) -> bool:
        if not self.model.has_pending() or self.sheet_key is None:
            return True
        reason = self.page.ask_reason()
        if reason is None:
            return False
        year, assessor_id, entry = self.sheet_key
        scores: dict[tuple[int, str], str | Decimal | None] = {
            key: value  # type: ignore[misc]
            for key, value in self.model.pending().items()
        }
        actor = self.ctx.actor
        result = self.ctx.act(
            lambda s: ev.save_sheet(
                s,
                actor=actor,
                first_year=year,
                assessor_id=assessor_id,
                scores=scores,
                entry=entry,
                reason=reason,
            ),
            self,
        )
        if result is None:
            return False
        self.model.drop_saved_edits()
        self._pending_changed()
        return True


# ====================================================================== 综合评价


@dataclass(frozen=True)
class QuotaLine:
    """The separator drawn under the last branch within the quota."""

    quota: int

    @property
    def text(self) -> str:
        return f"—— 名额线（先进名额{self.quota}个）——"


ResultRow = ev.ResultLine | QuotaLine


def _result_value(getter: Callable[[ev.ResultLine], Any]) -> Callable[[ResultRow], Any]:
    return lambda row: getter(row) if isinstance(row, ev.ResultLine) else ""


class ResultsModel(RowsModel[ResultRow]):
    """The ranking with a quota separator row (spanning all columns; see ResultsTab)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self.rows):
            row = self.rows[index.row()]
            if isinstance(row, QuotaLine) and role != ROW_ROLE:
                if role == Qt.ItemDataRole.DisplayRole:
                    return row.text if index.column() == 0 else ""
                if role == Qt.ItemDataRole.TextAlignmentRole:
                    return int(Qt.AlignmentFlag.AlignCenter)
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(RED)
                if role == Qt.ItemDataRole.BackgroundRole:
                    return QBrush(QUOTA_BG)
                if role == Qt.ItemDataRole.FontRole:
                    font = QFont()
                    font.setBold(True)
                    return font
                if role == Qt.ItemDataRole.ToolTipRole:
                    return "名额线以上（含同分并列）的单位是先进候选。"
                return None
        return super().data(index, role)


def _grade_color(line: ev.ResultLine) -> QColor | None:
    return {
        Grade.ADVANCED.value: RED,
        Grade.QUALIFIED.value: GREEN,
        Grade.UNQUALIFIED.value: AMBER,
        Grade.INELIGIBLE.value: GREY,
    }.get(line.grade)


class ResultsTab(QWidget):
    def __init__(self, page: EvaluationPage) -> None:
        super().__init__()
        self.page = page
        self.ctx = page.ctx
        self.state: RoundView | None = None
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


class RankingPanel(QWidget):
    def __init__(self, tab: ResultsTab) -> None:
        super().__init__()
        self.tab = tab
        self.page = tab.page
        self.ctx = tab.ctx
        self.state: RoundView | None = None
        self.results: ev.Results | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.compute_button = _button(
            "计算综合评价",
            self.compute,
            tip="按自检自查20%、统一考核80%计算综合得分，排名、定等次并保存",
            shortcut="F9",
            owner=self,
            primary=True,
        )
        self.columns: list[Column[ResultRow]] = [
            Column("排名", self._rank_text, 72, numeric=True, background=self._bg),
            Column("党组织", _result_value(lambda r: r.branch_name), 170, background=self._bg),
            Column(
                "自检自查",
                _result_value(lambda r: r.self_total),
                72,
                numeric=True,
                background=self._bg,
            ),
            Column(
                "统一考核",
                _result_value(lambda r: r.assessment_total),
                72,
                numeric=True,
                background=self._bg,
            ),
            Column(
                "综合得分",
                _result_value(lambda r: r.combined),
                72,
                numeric=True,
                background=self._bg,
            ),
            Column(
                "一票否决",
                _result_value(lambda r: "、".join(r.vetoes)),
                120,
                color=lambda r: RED,
                background=self._bg,
            ),
            Column(
                "等次",
                _result_value(lambda r: r.grade_name),
                60,
                color=lambda r: _grade_color(r) if isinstance(r, ev.ResultLine) else None,
                background=self._bg,
            ),
            Column(
                "说明",
                _result_value(lambda r: r.reason),
                400,
                background=self._bg,
                tooltip=lambda r: r.reason if isinstance(r, ev.ResultLine) else None,
            ),
        ]
        self.model = ResultsModel(self.columns, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setHighlightSections(False)
        _fixed_widths(self.view, [c.width for c in self.columns])
        self.print_button = _button(
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
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def _tied_ranks(self) -> set[int]:
        if self.results is None:
            return set()
        counts = Counter(line.rank for line in self.results.lines if line.rank is not None)
        return {rank for rank, n in counts.items() if n > 1}

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

        def read(s: Session) -> tuple[ev.Results | None, bool]:
            rnd = get_round(s, year)
            if state.closed:
                return ev.stored_results(s, rnd), True
            live = ev.preview_results(s, rnd)
            return live, ev.results_saved(s, rnd, live)

        results, saved = self.ctx.read(read)
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
        if results is None:
            self.status.setText(f"{self.state.label}没有保存过综合评价结果。")
            return
        parts = [
            f"参评{results.enrolled}个单位，先进名额{results.quota}个"
            f"（参评数的{format_points(self.state.quota_percent)}%，向上取整）。"
        ]
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
        year, actor, data_dir = self.state.year, self.ctx.actor, self.ctx.db.data_dir
        self.task = issue_document(
            self,
            self.ctx,
            "综合评价汇总表",
            lambda s, _p, _c: documents.print_results_table(
                s, data_dir, actor=actor, first_year=year
            ),
        )

    def compute(self) -> None:
        if self.state is None or self.state.closed:
            return
        reason = self.page.ask_reason()
        if reason is None:
            return
        year, actor = self.state.year, self.ctx.actor
        results = self.ctx.act(
            lambda s: ev.compute_results(s, actor=actor, first_year=year, reason=reason), self
        )
        if results is not None and not self.isVisible():
            self.refresh(self.state)


# ---------------------------------------------------------------------- indicators

YES_NO = {None: "未填", True: "是", False: "否"}
YES_NO_BACK = {"未填": None, "是": True, "否": False}


@dataclass(frozen=True)
class IndicatorField:
    title: str
    attr: str
    kind: str  # "bool" | "rank" | "text"
    width: int


INDICATOR_FIELDS = (
    IndicatorField("党组织", "branch_name", "text", 170),
    IndicatorField("公信度调查得分\n高于全省平均", "credibility_above_average", "bool", 118),
    IndicatorField("书记抓党建责任制\n考核全县排名", "secretary_rank", "rank", 130),
    IndicatorField("目标管理考核\n全部合格", "targets_all_passed", "bool", 110),
    IndicatorField("年度综合考核\n全县排名", "annual_rank", "rank", 110),
    IndicatorField("一票否决", "vetoes", "text", 150),
    IndicatorField("否决情况说明", "veto_note", "text", 300),
)


class IndicatorModel(QAbstractTableModel):
    """The seed's area indicators per branch, edited in place; each edit is saved at once."""

    sig_edited = Signal(int, str, object)
    """(branch id, field name, new value) — the panel saves it through the service."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ev.IndicatorLine] = []
        self.read_only = False

    def set_rows(self, rows: list[ev.IndicatorLine]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(INDICATOR_FIELDS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(INDICATOR_FIELDS):
            return INDICATOR_FIELDS[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return section + 1
        return None

    def _text(self, line: ev.IndicatorLine, field: IndicatorField) -> str:
        value = getattr(line, field.attr)
        if field.kind == "bool":
            return YES_NO[value]
        if field.attr == "vetoes":
            return "、".join(VETO_NAMES[v] for v in value)
        if field.attr == "veto_note":
            return value if line.vetoes else ""
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(INDICATOR_FIELDS):
            return None
        line = self.rows[index.row()]
        field = INDICATOR_FIELDS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, field)
        if role == Qt.ItemDataRole.TextAlignmentRole and field.kind != "text":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if field.attr == "vetoes" or (
                field.kind == "bool" and getattr(line, field.attr) is False
            ):
                return QBrush(RED)
            if field.kind != "text" and getattr(line, field.attr) is None:
                return QBrush(GREY)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if field.attr in ("vetoes", "veto_note"):
                return line.veto_note if line.vetoes else "双击或点“一票否决…”认定"
            if field.attr == "targets_all_passed":
                return "填“否”即按“目标管理考核不合格”一票否决"
            if field.kind == "rank":
                return "填全县排名（正整数），不知道就空着"
            return None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and INDICATOR_FIELDS[index.column()].kind in ("bool", "rank"):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        field = INDICATOR_FIELDS[index.column()]
        line = self.rows[index.row()]
        text = "" if value is None else str(value).strip()
        new: bool | int | None
        if field.kind == "bool":
            if text not in YES_NO_BACK:
                return False
            new = YES_NO_BACK[text]
        else:
            if text and not text.isdigit():
                return False
            new = int(text) if text else None
        if new == getattr(line, field.attr):
            return True
        self.sig_edited.emit(line.branch_id, field.attr, new)
        return True


class IndicatorDelegate(QStyledItemDelegate):
    """是/否/未填 from a list; ranks as whole numbers."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field = INDICATOR_FIELDS[index.column()]
        if field.kind == "bool":
            combo = QComboBox(parent)
            combo.addItems(list(YES_NO_BACK))
            return combo
        editor = QLineEdit(parent)
        editor.setValidator(QIntValidator(1, 9999, editor))
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            editor.setCurrentText(text or "未填")
        elif isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class IndicatorPanel(QWidget):
    def __init__(self, tab: ResultsTab) -> None:
        super().__init__()
        self.tab = tab
        self.page = tab.page
        self.ctx = tab.ctx
        self.state: RoundView | None = None
        self.model = IndicatorModel(self)
        self.model.sig_edited.connect(self._edited, Qt.ConnectionType.QueuedConnection)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(IndicatorDelegate(self.view))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setHighlightSections(False)
        _fixed_widths(self.view, [f.width for f in INDICATOR_FIELDS])
        self.view.doubleClicked.connect(self._double_clicked)
        self.veto_button = _button(
            "一票否决…",
            self.edit_veto,
            tip="为选中的党组织认定或取消一票否决",
            shortcut="Ctrl+D",
            owner=self,
        )
        hint = QLabel(
            "双击格子（或选中后直接打字）填写各项考核指标，改完即保存；"
            "“目标管理考核全部合格”填“否”即一票否决。"
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.veto_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def refresh(self, state: RoundView) -> None:
        self.state = state
        year = state.year
        lines = self.ctx.read(lambda s: ev.indicator_lines(s, get_round(s, year)))
        current = self.view.currentIndex()
        self.model.read_only = state.closed
        self.model.set_rows(lines)
        if current.isValid():
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.veto_button.setEnabled(not state.closed)

    def _edited(self, branch_id: int, attr: str, value: object) -> None:
        if self.state is None:
            return
        line = next((r for r in self.model.rows if r.branch_id == branch_id), None)
        if line is None:
            return
        values: dict[str, Any] = {
            "credibility_above_average": line.credibility_above_average,
            "secretary_rank": line.secretary_rank,
            "targets_all_passed": line.targets_all_passed,
            "annual_rank": line.annual_rank,
        }
        values[attr] = value
        reason = self.page.ask_reason()
        if reason is None:
            self.refresh(self.state)
            return
        year, actor = self.state.year, self.ctx.actor
        done = self.ctx.act(
            lambda s: ev.set_indicators(
                s, actor=actor, first_year=year, branch_id=branch_id, reason=reason, **values
            ),
            self,
        )
        if done is None:
            self.refresh(self.state)

    def _double_clicked(self, index: QModelIndex) -> None:
        if INDICATOR_FIELDS[index.column()].attr in ("vetoes", "veto_note"):
            self.edit_veto()

    def edit_veto(self) -> None:
        if self.state is None or self.state.closed:
            return
        index = self.view.currentIndex()
        if not index.isValid():
            Ask.warn(self, "请先在表里选中一个党组织。")
            return
        line = self.model.rows[index.row()]
        dialog = VetoDialog(line.branch_name, line.vetoes, line.veto_note, self)
        year, actor, branch_id = self.state.year, self.ctx.actor, line.branch_id

        def submit() -> str | None:
            chosen = dialog.chosen()
            note = dialog.note()
            changed = {v: on for v, on in chosen.items() if on != (v in line.vetoes)}
            if not changed and note != line.veto_note and any(chosen.values()):
                first_active = next(v for v, on in chosen.items() if on)
                changed = {first_active: True}  # only the note changed: save it with a flag
            if not changed:
                return None
            reason = self.page.ask_reason()
            if reason is None:
                return "没有写修改原因，没有保存。"

            def apply(s: Session) -> None:
                for veto, on in changed.items():
                    ev.set_veto(
                        s,
                        actor=actor,
                        first_year=year,
                        branch_id=branch_id,
                        veto=veto,
                        active=on,
                        note=note,
                        reason=reason,
                    )

            _, message = self.ctx.try_act(apply)
            return message

        dialog.submit = submit
        dialog.exec()


# ---------------------------------------------------------------------- 工作总结


class SummaryPanel(QWidget):
    def __init__(self, tab: ResultsTab) -> None:
        super().__init__()
        self.tab = tab
        self.page = tab.page
        self.ctx = tab.ctx
        self.state: RoundView | None = None
        self.year: int | None = None
        self.baseline = ""
        self.is_draft = False
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setStyleSheet("font-size: 12pt;")
        self.editor.textChanged.connect(self._changed)
        self.save_button = _button(
            "保存工作总结",
            self.save,
            tip="保存工作总结",
            shortcut="Ctrl+S",
            owner=self,
            primary=True,
        )
        self.draft_button = _button(
            "按当前结果重新起草",
            self.redraft,
            tip="用当前的综合评价结果重新生成一份草稿（替换编辑框里的文字）",
        )
        self.print_button = _button(
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
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.editor, 1)

    def refresh(self, state: RoundView) -> None:
        self.state = state
        if self.year == state.year and self.is_dirty():
            self._update()
            return
        self.year = state.year
        year = state.year

        def read(s: Session) -> tuple[str, bool]:
            rnd: Round = get_round(s, year)
            if rnd.work_summary:
                return rnd.work_summary, False
            return ev.draft_work_summary(s, rnd), True

        text, draft = self.ctx.read(read)
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
        year, actor, data_dir = self.state.year, self.ctx.actor, self.ctx.db.data_dir
        self.task = issue_document(
            self,
            self.ctx,
            "工作总结",
            lambda s, _p, _c: documents.print_work_summary(
                s, data_dir, actor=actor, first_year=year, text=text
            ),
        )

    def redraft(self) -> None:
        if self.state is None:
            return
        if self.editor.toPlainText().strip() and not Ask.confirm(
            self, "用当前结果重新起草，会替换编辑框里的全部文字。继续吗？"
        ):
            return
        year = self.state.year
        text = self.ctx.read(lambda s: ev.draft_work_summary(s, get_round(s, year)))
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
            lambda s: ev.set_work_summary(s, actor=actor, first_year=year, text=text), self
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
