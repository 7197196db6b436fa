"""公示与表彰: the preliminary list and its 公示, objections, the committee's approval, honours.

The order the seed sets is kept visible in a state box at the top: 公示期 → 异议处理完 → 审批 →
命名表彰. Whatever still blocks the next step is said there in red, and the button that would
need it is disabled with the same words as its tooltip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop import clock
from dangjian_desktop.domain.honours import HonourState
from dangjian_desktop.domain.text import arabic_date, round_label
from dangjian_desktop.gui.context import Area
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.document_actions import print_certificates_task
from dangjian_desktop.gui.notice_dialogs import NoticeDraftDialog, open_draft
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.pages.commendation_columns import (
    HONOUR_COLUMNS,
    MEDIA_COLUMNS,
    OBJECTION_COLUMNS,
    SHORTLIST_COLUMNS,
    enable_or_explain,
    make_button,
)
from dangjian_desktop.gui.pages.commendation_dialogs import (
    AnnouncementDialog,
    FormDialog,
    HandleObjectionDialog,
    MediaReportDialog,
    MemberHonourDialog,
    ObjectionDialog,
)
from dangjian_desktop.gui.pages.commendation_hints import add_empty_hints
from dangjian_desktop.gui.pages.naming_tab import NamingStepDialog, NamingTab
from dangjian_desktop.gui.widgets import SearchableTable, page_header
from dangjian_desktop.gui.worker import Task
from dangjian_desktop.services import commendation, media, naming, office
from dangjian_desktop.services.calendar import work_calendar
from dangjian_desktop.services.commendation import (
    LEVELS_UP,
    CommendationState,
    ObjectionLine,
)
from dangjian_desktop.services.common import ROLE_NAMES, dates_of
from dangjian_desktop.services.enrolment import enrolled_choices
from dangjian_desktop.services.registers import MemberRow, branch_choices, member_rows

NEEDS_APPROVER = "需要审批人身份，请切换操作员。"
NAMING_TAB, SHORTLIST_TAB, OBJECTIONS_TAB, HONOURS_TAB, MEDIA_TAB = range(5)
CLOSED = "本年度已结束，只能查看。"


class CommendationPage(Page):
    title = "公示与表彰"
    key = "commendation"
    watches = frozenset(
        {Area.REGISTERS, Area.EVALUATION, Area.COMMENDATION, Area.DYNAMIC, Area.DOCUMENTS}
        | {Area.ROUNDS, Area.SETTINGS}
    )
    round_scoped = True

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state: CommendationState | None = None
        self.task: Task | None = None
        self.draft_dialog: NoticeDraftDialog | None = None
        self.dialog: FormDialog | None = None
        """The dialog opened last (kept so it stays alive; tests fill it in)."""

        self.header = page_header(
            self.title,
            "综合评价定出的先进候选名单先公示；公示期满、异议处理完，由审批人审批后评分锁定，"
            "再命名先进党组织、评优秀共产党员，并可向县、州、省推荐。",
        )

        self._build_state_box()
        shortlist_tab = self._build_shortlist_tab()
        objections_tab = self._build_objections_tab()
        honours_tab = self._build_honours_tab()
        media_tab = self._build_media_tab()

        for table in (self.shortlist, self.objections, self.honours, self.media):
            table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # Honours keep the service's order (organisations first, then members, by number).
        self.honours.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

        self.tabs = QTabWidget()
        self.tabs.addTab(shortlist_tab, "公示名单")
        self.tabs.addTab(objections_tab, "异议")
        self.tabs.addTab(honours_tab, "荣誉称号")
        self.tabs.addTab(media_tab, "宣传报道")
        self.naming = NamingTab(self)
        self.tabs.insertTab(0, self.naming, "审验与名单")  # first, as in the procedure
        add_empty_hints(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.header)
        layout.addWidget(self.state_box)
        layout.addWidget(self.tabs, 1)

    def _build_state_box(self) -> None:
        """The round's state: 公示, 异议 and approval, with the approval buttons."""
        self.state_box = QFrame()
        self.state_box.setObjectName("stateBox")
        self.state_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.state_box.setStyleSheet(
            "QFrame#stateBox { background: #fffaf7; border: 1px solid #e0d2cb; border-radius: 4px; }"
        )
        self.announcement_label = QLabel()
        self.objections_label = QLabel()
        self.approval_label = QLabel()
        self.approval_label.setWordWrap(True)
        self.approve_button = make_button(
            "审批评选结果", "Ctrl+Shift+A", "审批人确认评选结果，评分锁定", primary=True
        )
        self.unapprove_button = make_button(
            "撤回审批…", "", "审批人撤回审批（须写明原因），评分解锁"
        )
        self.approve_button.clicked.connect(self.approve)
        self.unapprove_button.clicked.connect(self.unapprove)
        lines = QVBoxLayout()
        lines.setSpacing(4)
        for label in (self.announcement_label, self.objections_label, self.approval_label):
            lines.addWidget(label)
        box = QHBoxLayout(self.state_box)
        box.setContentsMargins(12, 8, 12, 8)
        box.addLayout(lines, 1)
        box.addWidget(self.approve_button)
        box.addWidget(self.unapprove_button)

    def _build_shortlist_tab(self) -> QWidget:
        """公示名单."""
        self.shortlist = SearchableTable(SHORTLIST_COLUMNS, placeholder="搜索党组织…")
        self.shortlist_hint = QLabel()
        self.shortlist_hint.setWordWrap(True)
        self.shortlist_hint.setStyleSheet("color: #8d5a00;")
        self.announce_button = make_button(
            "发起公示…", "Ctrl+Shift+G", "把先进候选名单公示若干个工作日", primary=True
        )
        self.name_button = make_button(
            "命名为先进党组织", "Ctrl+Shift+M", "把名单中选中的单位命名为先进（可按住Ctrl多选）"
        )
        self.withdraw_button = make_button(
            "撤回公示…", "", "撤回正在进行的公示（须写明原因），名单重新打开"
        )
        self.announce_button.clicked.connect(self.open_announcement)
        self.withdraw_button.clicked.connect(self.withdraw_announcement)
        self.name_button.clicked.connect(self.name_branches)
        shortlist_tab = self._tab(
            self.shortlist,
            [self.announce_button, self.withdraw_button, self.name_button],
            self.shortlist_hint,
        )
        return shortlist_tab

    def _build_objections_tab(self) -> QWidget:
        """异议."""
        self.objections = SearchableTable(OBJECTION_COLUMNS, placeholder="搜索异议…")
        self.object_button = make_button("登记异议…", "Ctrl+N", "登记公示期间收到的异议", True)
        self.handle_button = make_button("处理异议…", "Ctrl+E", "写明核查和处理情况，认定是否成立")
        self.object_button.clicked.connect(self.open_objection)
        self.keep_button = make_button(
            "保留决定…", "", "异议成立但领导小组决定保留该候选时，记录决定"
        )
        self.handle_button.clicked.connect(self.open_handle)
        self.keep_button.clicked.connect(self.keep_candidate)
        self.objections.sig_activated.connect(lambda _row: self.open_handle())
        self.objections.sig_selection_changed.connect(self._update_buttons)
        objections_tab = self._tab(
            self.objections, [self.object_button, self.handle_button, self.keep_button]
        )
        return objections_tab

    def _build_honours_tab(self) -> QWidget:
        """荣誉称号."""
        self.honours = SearchableTable(HONOUR_COLUMNS, placeholder="搜索单位、姓名、证书编号…")
        self.member_button = make_button(
            "表彰优秀共产党员", "Ctrl+N", "把审批名单上的优秀共产党员逐一编号发证", True
        )
        self.recommend_button = make_button("向上推荐…", "Ctrl+R", "把选中的荣誉推荐到县、州或省")
        self.certificate_button = make_button(
            "打印证书…", "Ctrl+P", "把选中的荣誉的证书生成一个PDF，预览后打印（可按住Ctrl多选）"
        )
        self.decision_button = make_button(
            "生成表彰决定…", "Ctrl+Shift+J", "按已命名的名单生成镇党委表彰决定（占用一个发文字号）"
        )
        self.member_button.clicked.connect(self.grant_members)
        self.recommend_button.clicked.connect(self.recommend)
        self.certificate_button.clicked.connect(self.print_certificates)
        self.decision_button.clicked.connect(self.issue_decision)
        self.honours.sig_selection_changed.connect(self._update_buttons)
        honours_tab = self._tab(
            self.honours,
            [
                self.member_button,
                self.recommend_button,
                self.certificate_button,
                self.decision_button,
            ],
        )
        return honours_tab

    def _build_media_tab(self) -> QWidget:
        """宣传报道."""
        self.media = SearchableTable(MEDIA_COLUMNS, placeholder="搜索党组织、媒体、标题…")
        self.media_add_button = make_button(
            "登记报道…", "Ctrl+N", "登记一篇报刊、广播、电视、网络报道", True
        )
        self.media_delete_button = make_button(
            "删除报道", "Delete", "删除选中的报道（操作日志留有记录）"
        )
        self.media_add_button.clicked.connect(self.open_media_report)
        self.media_delete_button.clicked.connect(self.delete_media_report)
        self.media.sig_selection_changed.connect(self._update_buttons)
        media_tab = self._tab(self.media, [self.media_add_button, self.media_delete_button])
        return media_tab

    @staticmethod
    def _tab(table: QWidget, buttons: list[QPushButton], hint: QLabel | None = None) -> QWidget:
        tab = QWidget()
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for button in buttons:
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        if hint is not None:
            layout.addWidget(hint)
        layout.addWidget(table, 1)
        return tab

    # ----------------------------------------------------------------- reading
    def refresh(self) -> None:
        year = self.ctx.year
        if year is None:
            self.state = None
            for table in (self.shortlist, self.objections, self.honours, self.media):
                table.set_rows([])
            self.announcement_label.setText("还没有创建年度，请先在“设置”里新建。")
            self.objections_label.setText("")
            self.approval_label.setText("")
            self._update_buttons()
            return
        today = clock.today()

        def load(session: Any) -> tuple[Any, ...]:
            return (
                commendation.commendation_state(session, year, today),
                commendation.shortlist(session, year),
                commendation.objection_lines(session, year),
                commendation.honour_lines(session, year),
                media.media_lines(session, year),
            )

        self.state, shortlist, objections, honours, reports = self.ctx.read(load)
        self.naming.refresh()
        self.shortlist.set_rows(shortlist)
        self.objections.set_rows(objections)
        self.honours.set_rows(honours)
        self.media.set_rows(reports)
        self._show_state(len(objections))
        self._update_buttons()

    def _show_state(self, objection_count: int) -> None:
        state = self.state
        assert state is not None
        if state.starts_on is None or state.ends_on is None:
            self.announcement_label.setText("公示：还没有发起。")
        else:
            progress = "已结束" if state.announcement_over else "进行中"
            self.announcement_label.setText(
                f"公示期：{arabic_date(state.starts_on)} 至 {arabic_date(state.ends_on)}"
                f"（{state.days}个工作日），{progress}。"
            )
        if objection_count == 0:
            self.objections_label.setText("异议：没有收到异议。")
        elif state.open_objections:
            self.objections_label.setText(
                f"异议：共{objection_count}条，其中{state.open_objections}条还没有处理。"
            )
        else:
            self.objections_label.setText(f"异议：共{objection_count}条，都已处理。")
        if state.approved_at is not None:
            at = clock.local(state.approved_at)
            moment = f"{arabic_date(at.date())} {at:%H:%M}"
            record = self.ctx.read(lambda s: naming.approval_record(s, self.ctx.round_year()))
            details = "\n".join(record.lines()) if record else ""
            self.approval_label.setText(
                f"已于{moment}由{state.approved_by}审批，评分已锁定。\n{details}".rstrip()
            )
            self.approval_label.setStyleSheet("color: #1b5e20; font-weight: bold;")
        elif state.blocker:
            self.approval_label.setText(f"暂不能审批：{state.blocker}")
            self.approval_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
        else:
            self.approval_label.setText("公示期已满，异议都已处理，可以由审批人审批评选结果。")
            self.approval_label.setStyleSheet("color: #1b5e20;")
        if not state.computed:
            self.shortlist_hint.setText(
                "还没有综合评价结果。请先在“评估材料与评分”里计算综合评价，再来发起公示。"
            )
        elif state.starts_on is None:
            self.shortlist_hint.setText("名单确认无误后，点“发起公示”。")
        else:
            self.shortlist_hint.setText("")
        self.shortlist_hint.setVisible(bool(self.shortlist_hint.text()))

    def _update_buttons(self) -> None:
        state = self.state
        closed = CLOSED if state is not None and not state.writable else None
        missing = "还没有创建年度。" if state is None else None
        is_approver = self.ctx.read(lambda s: office.may_approve(s, self.ctx.actor))
        role_text = f"当前操作员{self.ctx.actor.name}是“{ROLE_NAMES.get(self.ctx.actor.role, '')}”"
        approved = state is not None and state.approved_at is not None

        # 审批 / 撤回审批
        self.approve_button.setVisible(not approved)
        self.unapprove_button.setVisible(approved)
        reasons = [r for r in (missing, closed) if r]
        if state is not None and not approved and state.blocker:
            reasons.append(state.blocker)
        if not is_approver:
            reasons.append(f"{NEEDS_APPROVER}（{role_text}）")
        enable_or_explain(self.approve_button, "\n".join(reasons) or None)
        unapprove_why = closed or (None if is_approver else f"{NEEDS_APPROVER}（{role_text}）")
        enable_or_explain(self.unapprove_button, unapprove_why)

        # 公示名单
        announce_why = missing or closed
        if state is not None and announce_why is None:
            if not state.computed:
                announce_why = "还没有综合评价结果，请先在“评估材料与评分”里计算综合评价。"
            elif state.starts_on is not None:
                announce_why = "本年度正在公示或已经公示；要重新公示请先撤回公示。"
            elif not self.naming.fixed:
                announce_why = "候选名单还没有确定。请先在“审验与名单”里审验、核实并确定名单。"
            elif approved:
                announce_why = "评估结果已经审批，不能再发起公示。"
        enable_or_explain(self.announce_button, announce_why)
        withdraw_why = None
        if state is not None and state.starts_on is None:
            withdraw_why = "没有正在进行的公示。"
        elif approved:
            withdraw_why = "评估结果已经审批，不能撤回公示。"
        enable_or_explain(self.withdraw_button, missing or closed or withdraw_why)
        not_approved = None if approved else "评选结果经审批人审批后，才能命名表彰。"
        enable_or_explain(self.name_button, missing or closed or not_approved)

        # 异议
        no_announcement = (
            "还没有发起公示，不能登记异议。"
            if state is not None and state.starts_on is None
            else None
        )
        enable_or_explain(self.object_button, missing or closed or no_announcement)
        no_objection = None if self.objections.current() else "请先在表格里选中一条异议。"
        enable_or_explain(self.handle_button, missing or closed or no_objection)
        chosen_objection = self.objections.current()
        keep_why = no_objection
        if chosen_objection is not None and chosen_objection.upheld is not True:
            keep_why = "只有“异议成立”的才需要记录保留的决定。"
        enable_or_explain(
            self.keep_button,
            missing or closed or keep_why or (approved and "评估结果已经审批。") or None,
        )
        self.naming.update_buttons()
        self._update_honour_buttons(missing, closed, not_approved)

    def _update_honour_buttons(
        self, missing: str | None, closed: str | None, not_approved: str | None
    ) -> None:
        """荣誉 and 宣传报道 tabs: each button enabled, or disabled with the reason as tooltip."""
        enable_or_explain(self.member_button, missing or closed or not_approved)
        honour = self.honours.current()
        recommend_why = None
        if honour is None:
            recommend_why = "请先在表格里选中一项荣誉。"
        elif honour.state is HonourState.REVOKED:
            recommend_why = "荣誉称号已撤销，不能再向上推荐。"
        enable_or_explain(self.recommend_button, missing or closed or recommend_why)

        chosen = self.honours.selected()
        certificate_why = None
        if not chosen:
            certificate_why = "请先在表格里选中要打印证书的荣誉（按住Ctrl可以多选）。"
        elif any(h.state is HonourState.REVOKED for h in chosen):
            certificate_why = "选中的荣誉里有已撤销的，已撤销的荣誉称号不能再打印证书。"
        enable_or_explain(self.certificate_button, missing or certificate_why)
        decision_why = not_approved
        if decision_why is None and not any(
            h.state is not HonourState.REVOKED for h in self.honours.model.rows
        ):
            decision_why = "还没有命名先进党组织或评选优秀共产党员。"
        enable_or_explain(self.decision_button, missing or decision_why)

        # 宣传报道
        enable_or_explain(self.media_add_button, missing or closed)
        no_report = None if self.media.current() else "请先在表格里选中一篇报道。"
        enable_or_explain(self.media_delete_button, missing or closed or no_report)

    def _branches(self, enrolled_only: bool = False) -> list[tuple[int, str]]:
        year = self.ctx.round_year()

        def load(session: Any) -> list[tuple[int, str]]:
            if enrolled_only:
                return enrolled_choices(session, year)
            return branch_choices(session)

        return list(self.ctx.read(load))

    def _open(self, dialog: FormDialog) -> FormDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save(self, fn: Any) -> str | None:
        """Run a change for a dialog: a UserError comes back as the dialog's inline message."""
        _result, error = self.ctx.act(fn, inline=True, what=self.ctx.change(Area.COMMENDATION))
        return error

    # ----------------------------------------------------------------- 公示
    def open_announcement(self) -> FormDialog | None:
        if self.state is None or not self.announce_button.isEnabled():
            return None
        year = self.ctx.round_year()
        days = self.ctx.read(lambda s: dates_of(s, year).announcement_days)
        calendar = self.ctx.read(work_calendar)
        found = self.naming.proposal
        dialog = AnnouncementDialog(
            self, candidates=len(found.branches) if found else 0, days=days, calendar=calendar
        )

        def submit() -> str | None:
            return self._save(
                lambda s: naming.start_announcement(
                    s,
                    actor=self.ctx.actor,
                    first_year=year,
                    starts_on=dialog.starts_on,
                    days=dialog.days,
                )
            )

        dialog.submit = submit
        return self._open(dialog)

    def withdraw_announcement(self) -> None:
        if not self.withdraw_button.isEnabled():
            return
        reason = Ask.text(self, "撤回公示", "撤回公示的原因（必填，记入操作日志）：")
        if reason is None:
            return
        year = self.ctx.round_year()
        self.ctx.act(
            lambda s: naming.withdraw_announcement(
                s, actor=self.ctx.actor, first_year=year, reason=reason
            ),
            self,
            what=self.ctx.change(Area.COMMENDATION),
        )

    def keep_candidate(self) -> None:
        objection = self.objections.current()
        if objection is None or not self.keep_button.isEnabled():
            return
        decision = Ask.text(
            self, "保留候选", "领导小组保留该候选的决定（会议、日期、理由，记入审批记录）："
        )
        if decision is None:
            return
        self.ctx.act(
            lambda s: naming.keep_despite_objection(
                s, actor=self.ctx.actor, objection_id=objection.id, decision=decision
            ),
            self,
            what=self.ctx.change(Area.COMMENDATION),
        )

    def name_branches(self) -> None:
        chosen = [row for row in self.shortlist.selected() if row.honour_id is None]
        if not chosen:
            Ask.warn(self, "请先在名单里选中还没有命名的单位（按住Ctrl可以多选）。")
            return
        names = "、".join(row.branch_name for row in chosen)
        if not Ask.confirm(self, f"把以下{len(chosen)}个单位命名为先进党组织并编号发证？\n{names}"):
            return
        year = self.ctx.round_year()

        def grant(session: Any) -> int:
            for row in chosen:
                commendation.grant_branch_honour(
                    session, actor=self.ctx.actor, first_year=year, branch_id=row.branch_id
                )
            return len(chosen)

        if self.ctx.act(grant, self, what=self.ctx.change(Area.COMMENDATION)):
            self.tabs.setCurrentIndex(HONOURS_TAB)

    # ----------------------------------------------------------------- 异议
    def open_objection(self) -> FormDialog | None:
        if self.state is None or not self.object_button.isEnabled():
            return None
        year = self.ctx.round_year()
        members = self.ctx.read(lambda s: naming.posted_members(s, year))
        dialog = ObjectionDialog(
            self,
            branches=self._branches(enrolled_only=True),
            earliest=self.state.starts_on,
            members=members,
        )

        def submit() -> str | None:
            return self._save(
                lambda s: commendation.add_objection(
                    s,
                    actor=self.ctx.actor,
                    first_year=year,
                    received_on=dialog.received_on,
                    content=dialog.content,
                    raised_by=dialog.raised_by,
                    branch_id=dialog.branch_id,
                    member_id=dialog.member_id,
                )
            )

        dialog.submit = submit
        return self._open(dialog)

    def open_handle(self) -> FormDialog | None:
        objection = self.objections.current()
        if objection is None or not self.handle_button.isEnabled():
            return None
        dialog = HandleObjectionDialog(self, objection)

        def submit() -> str | None:
            return self._save(
                lambda s: commendation.handle_objection(
                    s,
                    actor=self.ctx.actor,
                    objection_id=objection.id,
                    handling=dialog.handling,
                    upheld=dialog.upheld,
                )
            )

        dialog.submit = submit
        return self._open(dialog)

    # ----------------------------------------------------------------- 审批
    def approve(self) -> FormDialog | None:
        if not self.approve_button.isEnabled():
            return None
        year = self.ctx.round_year()
        dialog = NamingStepDialog(
            self,
            title="审批评选结果",
            intro=f"审批{round_label(year)}公示的名单（去掉异议成立的）。审批后评分锁定，"
            "之后再改评分须写明原因并记入操作日志。请填写审批的镇党委会。",
            ok_text="审批",
            who_label="党委会(&W)：",
            with_file=True,
        )
        dialog.ui.day_label.setText("会议日期(&D)：")
        dialog.ui.file_label.setText("会议纪要(&F)：")
        store = self.ctx.db.data_dir.attachments

        def submit() -> str | None:
            return self._save(
                lambda s: naming.approve_results(
                    s,
                    actor=self.ctx.actor,
                    first_year=year,
                    meeting_on=dialog.day,
                    meeting=dialog.who,
                    minutes=dialog.file,
                    store_root=store,
                )
            )

        dialog.submit = submit
        return self._open(dialog)

    def unapprove(self) -> None:
        if not self.unapprove_button.isEnabled():
            return
        reason = Ask.text(self, "撤回审批", "撤回审批的原因（必填，记入操作日志）：")
        if reason is None:
            return
        if not reason.strip():
            Ask.warn(self, "撤回审批必须写明原因。")
            return
        year = self.ctx.round_year()
        self.ctx.act(
            lambda s: commendation.unlock_results(
                s, actor=self.ctx.actor, first_year=year, reason=reason
            ),
            self,
            what=self.ctx.change(Area.COMMENDATION),
        )

    # ----------------------------------------------------------------- 荣誉
    def grant_members(self) -> None:
        """Number and grant every 优秀共产党员 on the approved list not yet honoured."""
        if self.state is None or not self.member_button.isEnabled():
            return
        year = self.ctx.round_year()

        members = self.ctx.read(lambda s: commendation.members_to_commend(s, year))
        if not members:
            Ask.warn(self, "审批名单上的优秀共产党员都已表彰（或名单上没有优秀共产党员）。")
            return
        if not Ask.confirm(self, f"为审批名单上的{len(members)}名优秀共产党员编号发证？"):
            return

        def grant(session: Any) -> int:
            for member_id in members:
                commendation.grant_member_honour(
                    session, actor=self.ctx.actor, first_year=year, member_id=member_id
                )
            return len(members)

        self.ctx.act(grant, self, what=self.ctx.change(Area.COMMENDATION))

    def recommend(self) -> None:
        honour = self.honours.current()
        if honour is None or not self.recommend_button.isEnabled():
            return
        level = Ask.choose(
            self, "向上推荐", f"把{honour.name}（{honour.title}）推荐到：", list(LEVELS_UP)
        )
        if level is None:
            return
        self.ctx.act(
            lambda s: commendation.recommend(
                s, actor=self.ctx.actor, honour_id=honour.id, level=level
            ),
            self,
            what=self.ctx.change(Area.COMMENDATION),
        )

    def print_certificates(self) -> Task | None:
        if not self.certificate_button.isEnabled():
            return None
        ids = [h.id for h in self.honours.selected()]
        if not ids:
            Ask.warn(self, "请先在荣誉列表里选中要打印证书的荣誉（可按住Ctrl多选）。")
            return None
        revoked = [h.name for h in self.honours.selected() if h.state is HonourState.REVOKED]
        if revoked:
            Ask.warn(self, f"{'、'.join(revoked)}的荣誉称号已撤销，不能再打印证书。")
            return None
        year = self.ctx.round_year()
        assert year is not None
        self.task = print_certificates_task(self, self.ctx, year, honour_ids=ids)
        return self.task

    def issue_decision(self) -> NoticeDraftDialog | None:
        """The 表彰决定 opens as a 样稿 like every notice: check, edit, date, then 印发."""
        year = self.ctx.year
        if year is None or not self.decision_button.isEnabled():
            return None
        self.draft_dialog = open_draft(self.ctx, self, year, "decision")
        return self.draft_dialog

    # ----------------------------------------------------------------- 宣传报道
    def open_media_report(self) -> FormDialog | None:
        if self.state is None or not self.media_add_button.isEnabled():
            return None
        year = self.ctx.round_year()
        dialog = MediaReportDialog(self, branches=self._branches())

        def submit() -> str | None:
            branch_id = dialog.branch_id
            assert branch_id is not None
            return self._save(
                lambda s: media.add_media_report(
                    s,
                    actor=self.ctx.actor,
                    first_year=year,
                    branch_id=branch_id,
                    published_on=dialog.published_on,
                    medium=dialog.medium,
                    title=dialog.title,
                    outlet=dialog.outlet,
                )
            )

        dialog.submit = submit
        return self._open(dialog)

    def delete_media_report(self) -> None:
        report = self.media.current()
        if report is None or not self.media_delete_button.isEnabled():
            return
        if not Ask.confirm(self, f"删除这篇报道？\n{report.branch_name}：{report.title}"):
            return
        self.ctx.act(
            lambda s: media.delete_media_report(s, actor=self.ctx.actor, report_id=report.id),
            self,
            what=self.ctx.change(Area.COMMENDATION),
        )

    # ----------------------------------------------------------------- screenshots
    def screenshot_dialogs(self) -> list[tuple[str, QWidget]]:
        branches = self._branches() if self.ctx.year is not None else []
        sample = ObjectionLine(
            id=0,
            received_on=clock.today(),
            raised_by="群众来信（匿名）",
            branch_name=branches[0][1] if branches else "",
            content="反映该党支部“三会一课”记录有补记情况。",
            handling="",
            upheld=None,
            handled_on=None,
            handled_by="",
        )

        def load_members(branch_id: int) -> list[MemberRow]:
            return self.ctx.read(lambda s: member_rows(s, branch_id=branch_id))

        member_dialog = MemberHonourDialog(self, branches=branches, load_members=load_members)
        if member_dialog.proxy.rowCount():
            member_dialog.ui.members.selectRow(0)
        return [
            ("announcement", AnnouncementDialog(self, candidates=5, days=5)),
            ("objection", ObjectionDialog(self, branches=branches, earliest=None)),
            ("handle_objection", HandleObjectionDialog(self, sample)),
            ("member_honour", member_dialog),
            ("media_report", MediaReportDialog(self, branches=branches)),
        ]
