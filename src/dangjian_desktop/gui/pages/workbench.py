"""工作台: where the round stands today — the timeline, each stage's counts, who is overdue, and
what to do next. A double-click on an overdue line opens the page where it is dealt with.

The widgets are a `WorkbenchView`, which only shows a snapshot; the window shows one at start from
the light read (`services.first_view`, before the ORM is loaded), and the `WorkbenchPage` takes it
over when the data is open. Importing this module never imports SQLAlchemy: the page's own read
imports its services when it runs.
"""

from __future__ import annotations

import datetime as dt
import inspect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import (
    TIMELINESS_NAMES,
    RoundDates,
    Stage,
    Timeliness,
    timeline,
)
from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.gui.context import AppContext, Area
from dangjian_desktop.gui.models import AMBER, GREEN, RED, Column, RowsModel
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.widgets import EmptyHint, SearchableTable, page_header, replace_tab
from dangjian_desktop.services.round_figures import (
    OverdueLine,
    OverdueRectification,
    ReturnedItem,
    RoundStatusReport,
    StageStatus,
)

if TYPE_CHECKING:
    from dangjian_desktop.services.common import Session
    from dangjian_desktop.services.first_view import FirstView

# Which page deals with a stage's overdue items (keys of the intake and evaluation pages).
STAGE_PAGES: dict[Stage, str] = {
    Stage.PLAN: "enrolment",
    Stage.REPORT_H2: "reports",
    Stage.REPORT_H1: "reports",
    Stage.MATERIALS: "evaluation",
    Stage.EVALUATION: "evaluation",
}

# Short names that fit on the timeline bar; 申报 runs alongside 制定方案 and shares its bar.
TIMELINE_NAMES: dict[Stage, str] = {
    Stage.PLAN: "实施方案",
    Stage.REPORT_H2: "下半年书面汇报",
    Stage.MATERIALS: "创建工作材料",
    Stage.REPORT_H1: "上半年书面汇报",
    Stage.EVALUATION: "总结评估",
    Stage.NAMING: "命名",
    Stage.ANNOUNCEMENT: "公示",
    Stage.COMMENDATION: "表彰",
}

DUE_MARKS: tuple[tuple[str, str], ...] = (
    ("plan_due", "方案"),
    ("report_h2_due", "下半年汇报"),
    ("materials_due", "材料"),
    ("evaluation_end", "评估"),
    ("report_h1_due", "上半年汇报·表彰"),
)


def _short_stage(name: str) -> str:
    """A stage's name without its long bracket, so the table cell is never cut off."""
    return name if len(name) <= 12 else name.split("（")[0]


def _month_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


@dataclass(frozen=True)
class _Bar:
    stage: Stage
    start: dt.date
    end: dt.date
    lane: int
    rect: QRectF


class TimelineWidget(QWidget):
    """The round's stages as bars on a time axis from August to July, today marked in red."""

    LANE_HEIGHT = 26
    LANE_GAP = 6
    TOP = 44  # room for the 今天 label and the month names
    BOTTOM = 42  # room for the due-date marks

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dates: RoundDates | None = None
        self.today = clock.today()
        self.bars: list[_Bar] = []
        self.setMinimumHeight(self.TOP + 3 * (self.LANE_HEIGHT + self.LANE_GAP) + self.BOTTOM)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(900, self.minimumHeight())

    def set_dates(self, dates: RoundDates | None, today: dt.date) -> None:
        self.dates = dates
        self.today = today
        self.update()

    # ------------------------------------------------------------ geometry
    def _span(self) -> tuple[dt.date, dt.date]:
        assert self.dates is not None
        rows = [(s, a, b) for s, a, b in timeline(self.dates) if s is not Stage.ENROLMENT]
        first = min(a for _, a, _ in rows)
        last = max(b for _, _, b in rows)
        start = first.replace(day=1)
        # The round runs August to July: show the whole year even when the last stage ends in June.
        end = max(
            (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1),  # next month's 1st
            dt.date(start.year + 1, start.month, 1),
        )
        return start, end

    def _x(self, day: dt.date, start: dt.date, end: dt.date) -> float:
        left, right = 12.0, float(self.width() - 12)
        return left + (right - left) * (day - start).days / max(1, (end - start).days)

    def _layout(self) -> list[_Bar]:
        assert self.dates is not None
        start, end = self._span()
        lanes: list[dt.date] = []  # last day used in each lane
        bars = []
        for stage, first, last in timeline(self.dates):
            if stage is Stage.ENROLMENT:
                continue
            lane = next((i for i, used in enumerate(lanes) if used < first), len(lanes))
            if lane == len(lanes):
                lanes.append(last)
            else:
                lanes[lane] = last
            x1 = self._x(first, start, end)
            x2 = max(self._x(last + dt.timedelta(days=1), start, end), x1 + 6)
            y = self.TOP + lane * (self.LANE_HEIGHT + self.LANE_GAP)
            bars.append(_Bar(stage, first, last, lane, QRectF(x1, y, x2 - x1, self.LANE_HEIGHT)))
        return bars

    # ------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self.dates is None:
            painter.setPen(QColor("#757575"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "还没有创建年度")
            return
        start, end = self._span()
        self.bars = self._layout()
        lanes = max(bar.lane for bar in self.bars) + 1
        axis_y = self.TOP + lanes * (self.LANE_HEIGHT + self.LANE_GAP)
        metrics = QFontMetrics(self.font())
        self._paint_months(painter, start, end, axis_y)
        self._paint_bars(painter, metrics)
        self._paint_due_dates(painter, metrics, start, end, axis_y)
        self._paint_today(painter, start, end, axis_y)
        painter.end()

    def _paint_months(self, painter: QPainter, start: dt.date, end: dt.date, axis_y: float) -> None:
        """Months: a light line and the month's name (with the year in August and January)."""
        month = start
        while month < end:
            x = self._x(month, start, end)
            painter.setPen(QPen(QColor("#eadcd7"), 1))
            painter.drawLine(QPointF(x, self.TOP - 4), QPointF(x, axis_y))
            painter.setPen(QColor("#6d5e5a"))
            name = f"{month.year}年{month.month}月" if month.month in (1, start.month) else ""
            name = name or f"{month.month}月"
            left = x + 3
            width = painter.fontMetrics().horizontalAdvance(name)
            today_x = self._today_x(start, end)
            if today_x is not None and left - 3 <= today_x <= left + width + 3:
                # today's red line would run through the name: the name moves past the line
                left = today_x + 4
            painter.drawText(QPointF(left, self.TOP - 8), name)
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)

    def _today_x(self, start: dt.date, end: dt.date) -> float | None:
        if start <= self.today < end:
            return self._x(self.today, start, end) + 0.5
        return None

    def _paint_bars(self, painter: QPainter, metrics: QFontMetrics) -> None:
        """Stage bars: done ones grey, current ones red, coming ones light."""
        for bar in self.bars:
            if bar.end < self.today:
                fill, border, ink = QColor("#e9e1de"), QColor("#cdbfba"), QColor("#5f5350")
            elif bar.start <= self.today:
                fill, border, ink = QColor("#c62828"), QColor("#8e0000"), QColor("#ffffff")
            else:
                fill, border, ink = QColor("#fbe9e7"), QColor("#e0a9a0"), QColor("#5d1b1b")
            painter.setPen(QPen(border, 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(bar.rect, 3, 3)
            label = TIMELINE_NAMES[bar.stage]
            width = metrics.horizontalAdvance(label) + 4
            if width <= bar.rect.width():
                painter.setPen(ink)
                painter.drawText(bar.rect, Qt.AlignmentFlag.AlignCenter, label)
            else:  # too short for its name: write it beside the bar, or shortened inside
                painter.setPen(QColor("#5d1b1b"))
                top, height = bar.rect.top(), bar.rect.height()
                if self._room(bar, after=True) >= width:
                    box = QRectF(bar.rect.right() + 2, top, width, height)
                elif self._room(bar, after=False) >= width:
                    box = QRectF(bar.rect.left() - width - 2, top, width, height)
                else:
                    painter.setPen(ink)
                    box = bar.rect
                    label = metrics.elidedText(
                        label, Qt.TextElideMode.ElideRight, int(bar.rect.width())
                    )
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    def _paint_due_dates(
        self, painter: QPainter, metrics: QFontMetrics, start: dt.date, end: dt.date, axis_y: float
    ) -> None:
        """The axis with the due dates under it."""
        painter.setPen(QPen(QColor("#8e0000"), 1.5))
        painter.drawLine(QPointF(12, axis_y), QPointF(self.width() - 12, axis_y))
        row_ends = [-1e9, -1e9]
        for field, _what in DUE_MARKS:
            day: dt.date = getattr(self.dates, field)
            x = self._x(day + dt.timedelta(days=1), start, end)
            painter.setPen(QPen(QColor("#8e0000"), 1.5))
            painter.drawLine(QPointF(x, axis_y - 4), QPointF(x, axis_y + 4))
            text = f"{_month_day(day)}截止"
            width = metrics.horizontalAdvance(text)
            left = min(max(x - width / 2, 2), self.width() - width - 2)
            row = 0 if left > row_ends[0] + 6 else 1
            row_ends[row] = left + width
            painter.setPen(QColor("#5d1b1b"))
            painter.drawText(
                QPointF(left, axis_y + 4 + metrics.ascent() + row * metrics.height()), text
            )

    def _paint_today(self, painter: QPainter, start: dt.date, end: dt.date, axis_y: float) -> None:
        """A line at today with its date, or a note that today is outside the round."""
        if start <= self.today < end:
            x = self._x(self.today, start, end) + 0.5
            painter.setPen(QPen(QColor("#d50000"), 2))
            painter.drawLine(QPointF(x, 20), QPointF(x, axis_y + 6))
            text = f"今天 {_month_day(self.today)}"
            bold = QFont(self.font())
            bold.setBold(True)
            painter.setFont(bold)
            width = QFontMetrics(bold).horizontalAdvance(text) + 10
            left = min(max(x - width / 2, 0), self.width() - width)
            box = QRectF(left, 1, width, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#d50000"))
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        else:
            painter.setPen(QColor("#d50000"))
            painter.drawText(
                QRectF(0, 0, self.width() - 12, 18),
                Qt.AlignmentFlag.AlignRight,
                f"今天（{arabic_date(self.today)}）不在本年度内",
            )

    def _room(self, bar: _Bar, *, after: bool) -> float:
        """Free width beside a bar in its lane (after it, or before it)."""
        same = [b for b in self.bars if b.lane == bar.lane and b is not bar]
        if after:
            lefts = [b.rect.left() for b in same if b.start > bar.start]
            return (min(lefts) if lefts else float(self.width() - 12)) - bar.rect.right() - 4
        rights = [b.rect.right() for b in same if b.start < bar.start]
        return bar.rect.left() - (max(rights) if rights else 0.0) - 4

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for bar in self.bars:
                if bar.rect.contains(QPointF(event.pos())):
                    QToolTip.showText(
                        event.globalPos(),
                        f"{TIMELINE_NAMES[bar.stage]}：{arabic_date(bar.start)}至"
                        f"{arabic_date(bar.end)}",
                        self,
                    )
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)


@dataclass(frozen=True)
class _Snapshot:
    report: RoundStatusReport | None
    dates: RoundDates | None
    overdue: list[OverdueLine]
    rectifications: list[OverdueRectification]
    actions: list[str]
    returned: list[ReturnedItem]
    branches: bool = True  # the township has an active branch


def snapshot_of(view: FirstView) -> _Snapshot:
    """The 工作台's snapshot from the light read at start."""
    if view.overview is None:
        return _Snapshot(
            None,
            None,
            [],
            view.rectifications,
            [NO_ROUND_ACTION],
            [],
            view.branches,
        )
    found = view.overview
    return _Snapshot(
        found.report,
        found.dates,
        found.overdue,
        view.rectifications,
        found.actions,
        found.returned,
        view.branches,
    )


_RETURNED_TAB, _RECTIFICATIONS_TAB = 1, 2  # in `WorkbenchView.lists`, after 逾期未报


NO_ROUND_ACTION = "还没有创建年度，请在“设置”里新建一个创建年度。"


class WorkbenchView(QWidget):
    """The 工作台's widgets, showing a `_Snapshot` (`show_snapshot`); a line activated asks the
    window for the page that deals with it (nothing happens before the data is open)."""

    sig_open = Signal(str, int, str)
    """Open page `key` with branch `branch_id` selected, in the given stage's view when the page
    has several (an overdue line was activated; the stage is "" when it does not matter)."""
    sig_open_honour = Signal(int)
    """Open 动态管理 with this honour selected (an overdue rectification was activated)."""
    sig_painted = Signal()
    """The first snapshot is on screen (emitted once, after the paint that showed it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = "工作台"
        self.year: int | None = None  # the round shown
        self.shown = False  # a snapshot is on screen
        self.summary = QLabel()
        self.summary.setObjectName("workbenchSummary")
        self.summary.setWordWrap(True)
        self.timeline = TimelineWidget()
        # An empty township: the first step, with the button that takes the clerk there.
        self.empty = EmptyHint(
            "还没有党组织。第一步：在“党组织与党员”里从Excel导入名册，或逐个新增党组织；"
            "然后在“申报与方案”里登记申报。",
            "去登记党组织",
            lambda: self._go("registers"),
        )
        self.empty.hide()

        self._build_stage_view()
        self.actions_label = QLabel()
        self.actions_label.setWordWrap(True)
        self.actions_label.setTextFormat(Qt.TextFormat.PlainText)
        self.actions_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.actions_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The list grows with what is pending (an overdue 限期整改 comes last): it scrolls.
        self.actions_scroll = QScrollArea()
        self.actions_scroll.setWidgetResizable(True)
        self.actions_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.actions_scroll.setWidget(self.actions_label)
        self.actions_scroll.setMinimumHeight(40)  # at 150 % with the first day's hint: it scrolls
        actions_box = QGroupBox("下一步要做的事")
        QVBoxLayout(actions_box).addWidget(self.actions_scroll)

        self._build_overdue_lists()
        self.sig_open.connect(self._open_branch)
        self.sig_open_honour.connect(self._open_honour)

        # The lists beside the stage table, as tabs: each gets the page's full lower height.
        self.lists = QTabWidget()
        self.lists.setObjectName("workbenchLists")
        self.lists.addTab(self.overdue, "逾期未报")
        self.lists.addTab(QWidget(), "退回修改")  # stand-ins until the lists are built
        self.lists.addTab(QWidget(), "逾期未整改")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.stage_view)
        left_layout.addWidget(actions_box, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(left)
        lower.addWidget(self.lists)
        lower.setStretchFactor(0, 3)  # the stage names read whole at 1364 px
        lower.setStretchFactor(1, 2)
        lower.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(page_header(self.title))
        layout.addWidget(self.summary)
        layout.addWidget(self.empty)
        layout.addWidget(self.timeline)
        layout.addWidget(lower, 1)
        self.snapshot = _Snapshot(None, None, [], [], [], [])
        self._painted_once = False
        self._returned_shown = True
        self.lists.currentChanged.connect(self._tab_shown)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.shown and not self._painted_once:
            self._painted_once = True
            QTimer.singleShot(0, self.sig_painted.emit)  # after the children's paint as well

    def _show_returned(self, *_: object) -> None:
        """The 退回修改 list is filled when its tab is shown: each row is sized to its wrapped
        reason, which at county scale costs the first paint more than the rest of the page."""
        if not self._returned_shown and self.lists.currentIndex() == _RETURNED_TAB:
            self._returned_shown = True
            self.returned.set_rows(self.snapshot.returned)

    def _build_stage_view(self) -> None:
        """The stages with how many branches handed in on time, late, not at all, not yet due."""
        self.stages: RowsModel[StageStatus] = RowsModel(
            [
                # 总结评估（自检自查、统一考核、综合评价）reads whole in its tooltip
                Column("阶段", lambda s: _short_stage(s.name), 250, tooltip=lambda s: s.name),
                Column("截止日期", lambda s: s.due, 100),
                Column(
                    TIMELINESS_NAMES[Timeliness.ON_TIME],
                    lambda s: s.on_time,
                    60,
                    True,
                    color=lambda s: GREEN if s.on_time else None,
                ),
                Column(
                    TIMELINESS_NAMES[Timeliness.LATE],
                    lambda s: s.late,
                    80,
                    True,
                    color=lambda s: AMBER if s.late else None,
                ),
                Column(
                    TIMELINESS_NAMES[Timeliness.MISSING],
                    lambda s: s.missing,
                    110,
                    True,
                    color=lambda s: RED if s.missing else None,
                ),
                Column(TIMELINESS_NAMES[Timeliness.PENDING], lambda s: s.pending, 70, True),
            ],
            self,
        )
        self.stage_view = QTableView()
        self.stage_view.setModel(self.stages)
        self.stage_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.stage_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stage_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stage_view.verticalHeader().setVisible(False)
        self.stage_view.verticalHeader().setDefaultSectionSize(26)
        self.stage_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stage_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.stage_view.horizontalHeader()
        for i, column in enumerate(self.stages.columns):
            self.stage_view.setColumnWidth(i, column.width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _build_overdue_lists(self) -> None:
        """逾期未报 and 逾期未整改, each line leading to the page that deals with it."""
        self.overdue: SearchableTable[OverdueLine] = SearchableTable(
            [
                # the days overdue beside the name: the list is narrow at 150 %, dates may scroll
                Column("党组织", lambda r: r.branch_name, 160),
                Column("逾期天数", lambda r: r.days_overdue, 86, True, color=lambda r: RED),
                Column(
                    "逾期未报的材料", lambda r: r.stage_name, 150, tooltip=lambda r: r.stage_name
                ),
                Column("截止日期", lambda r: r.due, 92),
            ],
            placeholder="在逾期名单中搜索…",
        )
        self.overdue.view.setToolTip("双击或按回车，转到办理这一项的页面")
        self.overdue.set_empty_hint("没有逾期未报的材料。截止日期一过，未报的党组织会列在这里。")
        self.overdue.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.overdue.sig_activated.connect(self._overdue_activated)
        # The other two lists are built when their tab is first shown (or asked for): each is a
        # search box and a table, a fifth of the 工作台's building at start.
        self._returned: SearchableTable[ReturnedItem] | None = None
        self._rectifications: SearchableTable[OverdueRectification] | None = None

    @property
    def rectifications(self) -> SearchableTable[OverdueRectification]:
        if self._rectifications is None:
            table: SearchableTable[OverdueRectification] = SearchableTable(
                [
                    Column("荣誉获得者", lambda r: r.name, 170),
                    Column("整改期限", lambda r: r.deadline, 100),
                    Column("逾期天数", lambda r: r.days_over, 80, True, color=lambda r: RED),
                    Column("荣誉称号", lambda r: r.title, 260),
                ],
                placeholder="在逾期整改中搜索…",
            )
            table.view.setToolTip("双击或按回车，转到“动态管理”登记整改结果")
            table.set_empty_hint(
                "没有逾期未整改的。限期整改过了期限还没登记整改结果的，会列在这里。"
            )
            table.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
            table.sig_activated.connect(lambda row: self.sig_open_honour.emit(row.honour_id))
            table.set_rows(self.snapshot.rectifications)
            self._rectifications = table
            replace_tab(self.lists, _RECTIFICATIONS_TAB, table)
        return self._rectifications

    @property
    def returned(self) -> SearchableTable[ReturnedItem]:
        """Its rows are given when its tab is shown (`_show_returned`)."""
        if self._returned is None:
            table: SearchableTable[ReturnedItem] = SearchableTable(
                [
                    Column("党组织", lambda r: r.branch_name, 150),
                    Column("退回的材料", lambda r: r.what, 110, tooltip=lambda r: r.what),
                    Column("退回原因", lambda r: r.reason or "（退回时没有写原因）", 200),
                ],
                placeholder="在退回修改中搜索…",
            )
            # The reason is what the clerk tells the branch: it wraps in its row, never off-screen.
            table.view.setWordWrap(True)
            table.view.setTextElideMode(Qt.TextElideMode.ElideNone)
            table.view.verticalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents
            )
            table.view.setToolTip("双击或按回车，转到办理这一项的页面，登记重新收到的材料")
            table.set_empty_hint(
                "没有退回修改的材料。在“申报与方案”“半年汇报”里退回的，会连同原因列在这里。"
            )
            table.sig_activated.connect(
                lambda r: self.sig_open.emit(STAGE_PAGES[r.stage], r.branch_id, r.stage.value)
            )
            self._returned = table
            replace_tab(self.lists, _RETURNED_TAB, table)
        return self._returned

    def _tab_shown(self, index: int) -> None:
        if index == _RECTIFICATIONS_TAB:
            self.rectifications  # noqa: B018  (built on first use)
        elif index == _RETURNED_TAB:
            self.returned  # noqa: B018
            self._show_returned()

    def show_snapshot(self, snap: _Snapshot, year: int | None) -> None:
        self.snapshot = snap
        self.year = year
        self.shown = True
        self._painted_once = False
        today = clock.today()
        if snap.report is None:
            self.summary.setText(f"今天 {arabic_date(today)}　还没有创建年度。")
            self.stages.set_rows([])
        else:
            report = snap.report
            self.summary.setText(
                f"{report.label}　今天 {arabic_date(today)}　当前阶段：{report.current_stage}"
                f"　申报单位 {report.enrolled} 个"
            )
            self.stages.set_rows(report.stages)
        self.timeline.set_dates(snap.dates, today)
        self.empty.setVisible(not snap.branches)
        self.overdue.set_rows(snap.overdue)
        if self._rectifications is not None:  # otherwise given when it is built
            self._rectifications.set_rows(snap.rectifications)
        self._returned_shown = False
        self._show_returned()
        for index, (name, count) in enumerate(
            (
                ("逾期未报", len(snap.overdue)),
                ("退回修改", len(snap.returned)),
                ("逾期未整改", len(snap.rectifications)),
            )
        ):
            self.lists.setTabText(index, f"{name}（{count}项）")
        self.actions_label.setText("\n".join(f"• {line}" for line in snap.actions))
        rows = max(self.stages.rowCount(), 1)
        header = max(self.stage_view.horizontalHeader().sizeHint().height(), 30)
        self.stage_view.setFixedHeight(header + rows * 26 + 2 * self.stage_view.frameWidth())

    # ------------------------------------------------------------ going to the right page
    def _overdue_activated(self, line: OverdueLine) -> None:
        self.sig_open.emit(STAGE_PAGES[line.stage], line.branch_id, line.stage.value)

    def _go(self, key: str) -> QWidget | None:
        window = self.window()
        show_page = getattr(window, "show_page", None)
        if show_page is None or not getattr(window, "is_open", True):
            return None  # the data is still being opened
        page = show_page(key)
        return page if isinstance(page, QWidget) else None

    def _open_branch(self, key: str, branch_id: int, stage: str = "") -> None:
        page = self._go(key) or self._go("registers")  # at least show the branch
        select = getattr(page, "select_branch", None)
        if not callable(select):
            return
        if stage and "stage" in inspect.signature(select).parameters:
            select(branch_id, stage=Stage(stage))
        else:
            select(branch_id)

    def _open_honour(self, honour_id: int) -> None:
        page = self._go("dynamic")
        select = getattr(page, "select_honour", None)
        if callable(select):
            select(honour_id)


class WorkbenchPage(Page):
    title = "工作台"
    key = "workbench"
    watches = Area.ALL - {Area.AUDIT}
    round_scoped = True

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, view: WorkbenchView | None = None
    ) -> None:
        """`view`: the one shown at start, taken over with its figures when they are of the
        context's round (the page then does not read them again)."""
        super().__init__(ctx, parent)
        self.view = view if view is not None else WorkbenchView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.view.show()  # the window's stack hid it when it was taken out
        v = self.view
        self.sig_open, self.sig_open_honour = v.sig_open, v.sig_open_honour
        self.summary, self.timeline, self.empty = v.summary, v.timeline, v.empty
        self.lists = v.lists
        self.stages, self.stage_view, self.actions_label = v.stages, v.stage_view, v.actions_label
        self.overdue = v.overdue
        if v.shown and v.year == ctx.year:
            self._stale = False

    @property
    def snapshot(self) -> _Snapshot:
        return self.view.snapshot

    @property
    def returned(self) -> SearchableTable[ReturnedItem]:
        return self.view.returned

    @property
    def rectifications(self) -> SearchableTable[OverdueRectification]:
        return self.view.rectifications

    # ------------------------------------------------------------ data
    def _read(self, session: Session) -> _Snapshot:
        from dangjian_desktop.services.dynamic import overdue_rectifications
        from dangjian_desktop.services.registers import has_active_branches
        from dangjian_desktop.services.status import round_overview

        today = clock.today()
        rectifications = overdue_rectifications(session, today)
        found = round_overview(session, self.ctx.year, today)
        if found is None:
            return _Snapshot(
                None,
                None,
                [],
                rectifications,
                [NO_ROUND_ACTION],
                [],
                has_active_branches(session),
            )
        return _Snapshot(
            found.report,
            found.dates,
            found.overdue,
            rectifications,
            found.actions,
            found.returned,
            has_active_branches(session),
        )

    def refresh(self) -> None:
        self.view.show_snapshot(self.ctx.read(self._read), self.ctx.year)
