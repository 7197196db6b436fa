"""动态管理: every honour of every round, its history, and what may be done to it now.

Which action is possible follows the honour's state (domain.honours); a disabled button says in its
tooltip why. Rectifications past their deadline are listed in red at the top.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop import clock
from dangjian_desktop.domain.honours import (
    HonourEventKind,
    HonourState,
    RevocationReason,
    allowed_events,
    apply_event,
)
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.context import Area
from dangjian_desktop.gui.models import AMBER, RED, Column
from dangjian_desktop.gui.notice_dialogs import NoticeDraftDialog, open_draft
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.pages.commendation_columns import (
    enable_or_explain,
    make_button,
    state_color,
)
from dangjian_desktop.gui.pages.commendation_dialogs import FormDialog
from dangjian_desktop.gui.pages.dynamic_dialogs import (
    AccountabilityDialog,
    Action,
    HonourActionDialog,
)
from dangjian_desktop.gui.widgets import SearchableTable, page_header
from dangjian_desktop.gui.worker import Task
from dangjian_desktop.services import commendation, dynamic
from dangjian_desktop.services.commendation import HonourLine
from dangjian_desktop.services.dynamic import EventLine, OverdueRectification
from dangjian_desktop.services.registers import branch_choices
from dangjian_desktop.services.rounds import round_years

ALL_ROUNDS = "全部年度"

ACTION_EVENTS = {
    Action.CRITICISE: HonourEventKind.CRITICISE,
    Action.RECTIFY: HonourEventKind.ORDER_RECTIFICATION,
    Action.OUTCOME: HonourEventKind.RECTIFICATION_PASSED,
    Action.REVOKE: HonourEventKind.REVOKE,
}


def why_not(state: HonourState, kind: HonourEventKind) -> str | None:
    """The domain's own words for why `kind` cannot be recorded in `state` (None: it can)."""
    if kind in allowed_events(state):
        return None
    today = clock.today()
    try:
        apply_event(
            state,
            kind,
            deadline=today + dt.timedelta(days=1),
            today=today,
            reason=RevocationReason.SERIOUS_PROBLEM,
        )
    except UserError as exc:
        return str(exc)
    return "现在不能登记这项。"


HONOUR_COLUMNS: list[Column[HonourLine]] = [
    Column("创建年度", lambda r: r.round_label, 124),
    Column("类别", lambda r: r.kind_name, 96),
    Column("名称/姓名", lambda r: r.name, 150),
    Column("所在党组织", lambda r: r.branch_name, 150),
    Column("称号", lambda r: r.title, 196),
    Column("证书编号", lambda r: r.certificate_number, 128),
    Column("状态", lambda r: r.state_name, 112, color=lambda r: state_color(r.state)),
    Column("整改期限", lambda r: r.deadline, 96, color=lambda r: AMBER if r.deadline else None),
]

HISTORY_COLUMNS: list[Column[EventLine]] = [
    Column("日期", lambda r: r.happened_on, 100),
    Column(
        "事项",
        lambda r: r.kind_name,
        110,
        color=lambda r: (
            RED
            if r.kind
            in (
                HonourEventKind.REVOKE,
                HonourEventKind.CIRCULATE_CRITICISM,
                HonourEventKind.RECTIFICATION_FAILED,
            )
            else None
        ),
    ),
    Column("理由", lambda r: r.reason, 460, tooltip=lambda r: r.reason),
    Column("期限", lambda r: r.deadline, 100),
    Column("撤销原因", lambda r: r.revocation_reason, 130),
    Column("经办人", lambda r: r.operator, 80),
]

ACCOUNTABILITY_COLUMNS: list[Column[EventLine]] = [
    Column("日期", lambda r: r.happened_on, 100),
    Column("创建年度", lambda r: r.round_label, 120),
    Column("党组织", lambda r: r.branch_name, 190),
    Column("责任人", lambda r: r.person, 160),
    Column("理由", lambda r: r.reason, 380, tooltip=lambda r: r.reason),
    Column("经办人", lambda r: r.operator, 80),
]


class DynamicPage(Page):
    title = "动态管理"
    key = "dynamic"
    watches = frozenset(
        {Area.REGISTERS, Area.COMMENDATION, Area.DYNAMIC, Area.DOCUMENTS, Area.ROUNDS}
    )
    round_scoped = False

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: FormDialog | None = None
        """The dialog opened last (kept so it stays alive; tests fill it in)."""
        self.overdue: list[OverdueRectification] = []
        self.task: Task | None = None
        self.draft_dialog: NoticeDraftDialog | None = None
        self.header = page_header(
            self.title,
            "对先进党组织和优秀共产党员实行动态管理：工作滑坡的批评、限期整改；整改不合格或"
            "发生严重问题的撤销荣誉称号；评选中弄虚作假的撤销称号并通报批评。",
        )
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("overdue")
        self.overdue_label.setWordWrap(True)
        self.overdue_label.setTextFormat(Qt.TextFormat.RichText)
        self.overdue_label.setStyleSheet(
            "QLabel#overdue { color: #b71c1c; background: #ffebee; border: 1px solid #ef9a9a;"
            " padding: 6px 10px; font-weight: bold; }"
        )
        self.overdue_label.linkActivated.connect(self._select_overdue)

        bar = self._build_bar()
        self.honours = SearchableTable(HONOUR_COLUMNS, placeholder="搜索单位、姓名、证书编号…")
        self.honours.view.setSelectionMode(self.honours.view.SelectionMode.SingleSelection)
        self.honours.sig_selection_changed.connect(self._selection_changed)
        self.honours.set_empty_hint(
            "还没有荣誉称号可管理：在“公示与表彰”里命名先进党组织、表彰优秀共产党员后，"
            "它们会列在这里。",
            "去公示与表彰",
            lambda: self.go_to("commendation"),
        )

        self._build_bottom()

        # Honours keep the service's order: newest round first, organisations before members.
        self.honours.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.history.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.accountability.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.honours)
        splitter.addWidget(self.bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.header)
        layout.addWidget(self.overdue_label)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def _build_bar(self) -> QHBoxLayout:
        """The round filter and the actions on the selected honour."""
        self.round_filter = QComboBox()
        self.round_filter.setMinimumWidth(170)
        self.round_filter.currentIndexChanged.connect(self._apply_filter)
        round_caption = QLabel("创建年度(&Y)：")
        round_caption.setBuddy(self.round_filter)

        self.criticise_button = make_button("批评…", "Ctrl+Shift+P", "对工作滑坡的给予批评")
        self.rectify_button = make_button("限期整改…", "Ctrl+Shift+X", "责令限期整改，填写整改期限")
        self.outcome_button = make_button("整改结果…", "Ctrl+Shift+J", "登记整改合格或不合格")
        self.revoke_button = make_button("撤销荣誉称号…", "Ctrl+Shift+D", "撤销荣誉称号并写明原因")
        self.accountable_button = make_button(
            "追究责任…", "Ctrl+Shift+Z", "对领导不重视、工作不得力的党组织追究有关人员责任"
        )
        self.action_buttons = {
            Action.CRITICISE: self.criticise_button,
            Action.RECTIFY: self.rectify_button,
            Action.OUTCOME: self.outcome_button,
            Action.REVOKE: self.revoke_button,
        }
        for action, button in self.action_buttons.items():
            button.clicked.connect(lambda _=False, a=action: self.open_action(a))
        self.accountable_button.clicked.connect(self.open_accountability)
        self.rectification_notice_button = make_button(
            "生成限期整改通知书…", "Ctrl+Shift+T", "给限期整改中的党组织生成限期整改通知书"
        )
        self.criticism_notice_button = make_button(
            "生成通报批评…", "Ctrl+Shift+B", "按通报批评记录生成通报（弄虚作假撤销称号时）"
        )
        self.notice_buttons = {
            "rectification": self.rectification_notice_button,
            "criticism": self.criticism_notice_button,
        }
        for kind, button in self.notice_buttons.items():
            button.clicked.connect(lambda _=False, k=kind: self.issue_notice(k))

        bar = QHBoxLayout()
        bar.addWidget(round_caption)
        bar.addWidget(self.round_filter)
        bar.addSpacing(16)
        for button in (*self.action_buttons.values(), self.accountable_button):
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    def _build_bottom(self) -> None:
        """Under the honours: the records of the one selected (with its notices), accountability."""
        notices_bar = QHBoxLayout()
        notices_bar.addStretch(1)
        for button in self.notice_buttons.values():
            notices_bar.addWidget(button)

        self.history = SearchableTable(HISTORY_COLUMNS, placeholder="搜索记录…")
        self.history_caption = QLabel("在上面选中一项荣誉，这里显示它的动态管理记录。")
        history_tab = QWidget()
        history_layout = QVBoxLayout(history_tab)
        history_layout.setContentsMargins(6, 6, 6, 6)
        caption_bar = QHBoxLayout()
        caption_bar.addWidget(self.history_caption, 1)
        caption_bar.addLayout(notices_bar)
        history_layout.addLayout(caption_bar)
        history_layout.addWidget(self.history, 1)
        self.accountability = SearchableTable(ACCOUNTABILITY_COLUMNS, placeholder="搜索记录…")
        self.accountability.set_empty_hint(
            "没有追究责任记录。对领导不重视、工作不得力的党组织追究有关人员责任的，点上面的“追究责任…”登记。"
        )
        self.bottom = QTabWidget()
        self.bottom.addTab(history_tab, "所选荣誉的记录")
        self.bottom.addTab(self.accountability, "追究责任记录")

    # ----------------------------------------------------------------- reading
    def refresh(self) -> None:
        current = self.honours.current()
        keep = current.id if current else None
        today = clock.today()

        def load(session: Any) -> tuple[Any, ...]:
            return (
                [(year, round_label(year)) for year in round_years(session)],
                commendation.honour_lines(session),
                dynamic.accountability_lines(session),
                dynamic.overdue_rectifications(session, today),
            )

        rounds, honours, accountability, self.overdue = self.ctx.read(load)
        chosen = self.round_filter.currentData()
        self.round_filter.blockSignals(True)
        self.round_filter.clear()
        self.round_filter.addItem(ALL_ROUNDS, None)
        for year, text in rounds:
            self.round_filter.addItem(text, year)
        self.round_filter.setCurrentIndex(max(0, self.round_filter.findData(chosen)))
        self.round_filter.blockSignals(False)
        self.honours.set_rows(honours)
        self.accountability.set_rows(accountability)
        self._apply_filter()
        if keep is not None:
            self.honours.select_where(lambda row: row.id == keep)
        self._show_overdue()
        self._selection_changed()

    def _apply_filter(self, *_: Any) -> None:
        year = self.round_filter.currentData()
        predicate = None if year is None else (lambda row: row.first_year == year)
        self.honours.proxy.set_extra_filter(predicate)
        label = None if year is None else round_label(year)
        self.accountability.proxy.set_extra_filter(
            None if label is None else (lambda row: row.round_label == label)
        )

    def _show_overdue(self) -> None:
        if not self.overdue:
            self.overdue_label.hide()
            return
        lines = [
            f"<a href='{o.honour_id}' style='color:#b71c1c'>{o.name}</a>（{o.title}）"
            f"整改期限{o.deadline.isoformat()}，已超过{o.days_over}天"
            for o in self.overdue
        ]
        self.overdue_label.setText("限期整改已过期，请登记整改结果：<br>" + "<br>".join(lines))
        self.overdue_label.show()

    def _select_overdue(self, link: str) -> None:
        self.select_honour(int(link))

    def select_honour(self, honour_id: int) -> bool:
        """Show every round and select one honour (the workbench jumps here)."""
        if self._stale:
            self.refresh()
            self._stale = False
        self.round_filter.setCurrentIndex(0)
        self.honours.search.clear()
        return self.honours.select_where(lambda row: row.id == honour_id)

    def _selection_changed(self) -> None:
        honour = self.honours.current()
        if honour is None:
            self.history.set_rows([])
            self.history_caption.setText("在上面选中一项荣誉，这里显示它的动态管理记录。")
        else:
            self.history.set_rows(self.ctx.read(lambda s: dynamic.history_lines(s, honour.id)))
            self.history_caption.setText(
                f"{honour.name}　{honour.round_label}“{honour.title}”　现在：{honour.state_name}"
            )
        for action, button in self.action_buttons.items():
            if honour is None:
                enable_or_explain(button, "请先在表格里选中一项荣誉。")
            else:
                enable_or_explain(button, why_not(honour.state, ACTION_EVENTS[action]))
        if honour is None:
            refusals: dict[str, str | None] = {
                k: "请先在表格里选中一项荣誉。" for k in self.notice_buttons
            }
        else:
            refusals = self.ctx.read(
                lambda s: {k: dynamic.notice_refusal(s, honour.id, k) for k in self.notice_buttons}
            )
        for kind, button in self.notice_buttons.items():
            enable_or_explain(button, refusals[kind])
        enable_or_explain(
            self.accountable_button,
            None if self.round_filter.count() > 1 else "还没有创建年度。",
        )

    # ----------------------------------------------------------------- changing
    def _open(self, dialog: FormDialog) -> FormDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save(self, fn: Any) -> str | None:
        _result, error = self.ctx.act(fn, inline=True, what=self.ctx.change(Area.DYNAMIC))
        return error

    def open_action(self, action: Action) -> FormDialog | None:
        honour = self.honours.current()
        if honour is None or not self.action_buttons[action].isEnabled():
            return None
        dialog = HonourActionDialog(self, action, honour)
        actor = self.ctx.actor

        def change(session: Any) -> Any:
            if action is Action.CRITICISE:
                return dynamic.criticise(
                    session, actor=actor, honour_id=honour.id, reason=dialog.reason
                )
            if action is Action.RECTIFY:
                return dynamic.order_rectification(
                    session,
                    actor=actor,
                    honour_id=honour.id,
                    reason=dialog.reason,
                    deadline=dialog.deadline,
                )
            if action is Action.OUTCOME:
                return dynamic.record_rectification(
                    session,
                    actor=actor,
                    honour_id=honour.id,
                    passed=dialog.passed,
                    reason=dialog.reason,
                )
            return dynamic.revoke(
                session,
                actor=actor,
                honour_id=honour.id,
                revocation_reason=dialog.revocation_reason,
                reason=dialog.reason,
            )

        dialog.submit = lambda: self._save(change)
        dialog.accepted.connect(lambda: self.bottom.setCurrentIndex(0))
        return self._open(dialog)

    def issue_notice(self, kind: str) -> NoticeDraftDialog | None:
        """限期整改通知书 / 通报批评 open as a 样稿 like every notice: check, edit, date, 印发."""
        honour = self.honours.current()
        if honour is None or not self.notice_buttons[kind].isEnabled():
            return None
        self.draft_dialog = open_draft(self.ctx, self, honour.first_year, kind, honour_id=honour.id)
        return self.draft_dialog

    def open_accountability(self) -> FormDialog | None:
        if not self.accountable_button.isEnabled():
            return None

        def load(session: Any) -> tuple[Any, ...]:
            return (
                [(year, round_label(year)) for year in round_years(session)],
                branch_choices(session),
            )

        rounds, branches = self.ctx.read(load)
        honour = self.honours.current()
        year = self.round_filter.currentData()
        dialog = AccountabilityDialog(
            self,
            rounds=rounds,
            current_year=year if year is not None else (honour.first_year if honour else None),
            branches=branches,
        )
        if honour is not None:
            dialog.ui.branch.setCurrentIndex(max(0, dialog.ui.branch.findData(honour.branch_id)))

        def submit() -> str | None:
            first_year, branch_id = dialog.first_year, dialog.branch_id
            assert first_year is not None and branch_id is not None
            return self._save(
                lambda s: dynamic.hold_accountable(
                    s,
                    actor=self.ctx.actor,
                    first_year=first_year,
                    branch_id=branch_id,
                    person=dialog.person,
                    reason=dialog.reason,
                )
            )

        dialog.submit = submit
        dialog.accepted.connect(lambda: self.bottom.setCurrentIndex(1))
        return self._open(dialog)

    # ----------------------------------------------------------------- screenshots
    def screenshot_dialogs(self) -> list[tuple[str, QWidget]]:
        honours = self.ctx.read(commendation.honour_lines)
        shown: list[tuple[str, QWidget]] = []
        if honours:
            sample = honours[0]
            revoke = HonourActionDialog(self, Action.REVOKE, sample)
            revoke.set_revocation_reason(RevocationReason.FRAUD)
            shown += [
                ("rectify", HonourActionDialog(self, Action.RECTIFY, sample)),
                ("outcome", HonourActionDialog(self, Action.OUTCOME, sample)),
                ("revoke", revoke),
            ]
        rounds, branches = self.ctx.read(
            lambda s: (
                [(year, round_label(year)) for year in round_years(s)],
                branch_choices(s),
            )
        )
        shown.append(
            (
                "accountability",
                AccountabilityDialog(
                    self, rounds=rounds, current_year=self.ctx.year, branches=branches
                ),
            )
        )
        return shown
