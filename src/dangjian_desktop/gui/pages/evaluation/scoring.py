"""统一考核评分: the assessors' score sheets, keyed once or twice (双人录入) and checked."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.gui.context import Area, Change
from dangjian_desktop.gui.dialogs import Ask, Choice
from dangjian_desktop.gui.models import AMBER, RED, ROW_ROLE, Column, display
from dangjian_desktop.gui.pages.evaluation.common import (
    DIFFER_BG,
    ENTRY_NAMES,
    EvaluationTab,
    make_button,
    natural_order,
    save_and_undo_buttons,
)
from dangjian_desktop.gui.pages.evaluation.printing import print_score_sheets
from dangjian_desktop.gui.score_grid import ScoreView, SheetModel
from dangjian_desktop.gui.widgets import EmptyHint, SearchableTable, inline_error
from dangjian_desktop.gui.worker import Task
from dangjian_desktop.services import evaluation as ev

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.evaluation.common import RoundView
    from dangjian_desktop.gui.pages.evaluation.page import EvaluationPage


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


class ScoringTab(EvaluationTab):
    def __init__(self, page: EvaluationPage) -> None:
        super().__init__(page)
        self.sheet_key: tuple[int, int, int] | None = None  # (year, assessor id, entry)
        self._switching = False
        self._own_change: Change | None = None
        self.sheet_reads = 0
        """How many times the tab read a sheet (for the tests: a save reads none)."""
        self.task: Task | None = None

        top = self._build_top()
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

        self._build_checks()
        self.empty = EmptyHint()
        self.empty.hide()
        grid_box = QWidget()
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 4, 0, 0)
        grid_layout.addWidget(self.empty)
        grid_layout.addWidget(self.view, 1)
        grid_layout.addWidget(self.message)
        check_box = QWidget()
        check_layout = QVBoxLayout(check_box)
        check_layout.setContentsMargins(0, 4, 0, 0)
        check_layout.addWidget(self.check_label)
        check_layout.addWidget(self.checks, 1)
        # The sheet and its 双人录入 check each get the tab's whole height: at 1366 × 768 the grid
        # shows a dozen branches and the check list as many lines (side by side, one row each).
        self.parts = QTabWidget()
        self.parts.setObjectName("scoringParts")
        self.parts.setDocumentMode(True)
        self.parts.addTab(grid_box, "评分表")
        self.parts.addTab(check_box, "双人录入核对")
        # which sheet is being keyed, and the keys: beside the tabs, not a line of its own
        self.parts.setCornerWidget(self.hint, Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.parts, 1)
        self._pending_changed()

    def _build_top(self) -> QHBoxLayout:
        """The sheet picker (assessor and entry) and the sheet's buttons."""
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
        self.save_button, self.undo_button = save_and_undo_buttons(
            self, "保存评分表", "把这张评分表上改过的分数一次保存", self.save, self._undo
        )
        self.print_button = make_button(
            "打印空白评分表…",
            self.print_blank_sheets,
            tip="打印考核组成员用的纸质统一考核评分表（每个党组织一页，回避的单位不印）",
            shortcut="Ctrl+P",
            owner=self,
        )
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
        return top

    def _build_checks(self) -> None:
        """The 双人录入 check list under the grid."""
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
        natural_order(self.checks)
        # view.activated covers Enter and double-click (SearchableTable.sig_activated fires
        # twice on a double-click: once for doubleClicked, once for activated).
        self.checks.view.activated.connect(self._check_activated)

    # ------------------------------------------------------------------ loading
    def refresh(self, state: RoundView) -> None:
        self.state = state
        year = state.year
        assessors = self.ctx.read(lambda s: ev.assessor_names(s, year))
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
            if self.state.closed:
                self.empty.show_hint("这个年度没有考核组成员，没有评分表。")
            else:
                self.empty.show_hint(
                    "还没有考核组成员。先在“考核组”里添加考核组成员，再回来按纸质评分表录入。",
                    "去添加考核组成员",
                    lambda: self.page.tabs.setCurrentWidget(self.page.assessors),
                )
            self.empty.show()
            self.hint.hide()
            self._pending_changed()
            return
        self.empty.hide()
        self.hint.show()
        year, assessor_id, entry = key
        self.sheet_reads += 1
        sheet = self.ctx.read(lambda s: ev.sheet(s, year, assessor_id, entry))
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
    def _entered_any(self, year: int) -> bool:
        """Whether any 统一考核 score of the round has been entered (either pass)."""
        return self.ctx.read(lambda s: ev.scores_entered(s, year))

    def _read_checks(self) -> list[CheckLine]:
        """The round's 双人录入 check lines, those keyed twice differently first."""
        assert self.state is not None
        year = self.state.year
        found = self.ctx.read(lambda s: ev.score_disagreements(s, year))
        lines = [
            CheckLine(
                d.assessor_id, d.assessor, d.branch_id, d.branch, d.code, d.item, d.first, d.second
            )
            for d in found
        ]
        lines.sort(key=lambda line: (not line.differs,))
        return lines

    def _load_checks(self, lines: list[CheckLine] | None = None) -> None:
        assert self.state is not None
        year = self.state.year
        if not self.state.double_entry:
            self.checks.set_rows([])
            self.check_label.setText("本年度只录入一遍，不做双人录入核对。")
            self.checks.setVisible(False)
            self.parts.setTabVisible(1, False)
            return
        self.checks.setVisible(True)
        self.parts.setTabVisible(1, True)
        if lines is None:
            lines = self._read_checks()
        self.checks.set_rows(lines)
        differ = sum(1 for line in lines if line.differs)
        once = len(lines) - differ
        self.parts.setTabText(
            1, f"双人录入核对（{len(lines)}处要处理）" if lines else "双人录入核对"
        )
        if not lines and not self._entered_any(year):
            self.check_label.setText(
                "双人录入核对：还没有录入评分。每份评分表由两人各录一遍，两遍一致的才采用。"
            )
            self.check_label.setStyleSheet("")
            return
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
        self.parts.setCurrentIndex(0)
        self.view.go_to(self.model.index_of((line.branch_id, line.code)))

    # ------------------------------------------------------------------ paper
    def print_blank_sheets(self) -> None:
        if self.state is None:
            return
        year = self.state.year
        assessors = self.ctx.read(lambda s: ev.assessor_lines(s, year))
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
        self.task = print_score_sheets(self, self.ctx, year, [a.assessor_id for a in chosen])

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
        change = self._own_change = self.ctx.change(Area.EVALUATION)
        try:
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
                what=change,
            )
        finally:
            self._own_change = None
        if result is None:
            return False
        self._saved_in_place(assessor_id)
        return True

    def made(self, change: Change) -> bool:
        """Is `change` this tab's own save of the sheet on screen? (The tab updates the sheet in
        place; the page need not read the tab again.)"""
        return change is self._own_change

    def _saved_in_place(self, assessor_id: int) -> None:
        """After a save the sheet on screen already holds what was saved: only the 双人录入
        check is read again (which cells now differ), not the whole sheet."""
        lines = self._read_checks() if self.state is not None and self.state.double_entry else []
        self.model.differing = {
            (line.branch_id, line.code)
            for line in lines
            if line.assessor_id == assessor_id and line.differs
        }
        self.model.drop_saved_edits()  # one reset: the saved values and the colours
        self._load_checks(lines)
        self._pending_changed()
