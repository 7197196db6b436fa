"""公示与表彰 → 审验与名单: 审验 and 检查核实 per branch, the leading group's tie decision,
优秀共产党员 nominations, and fixing (or reopening) the candidate list that the 公示 will post.

What still keeps the list from being fixed is listed in red above the tables, in the services'
own words; who is left out and why is listed below it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop import clock
from dangjian_desktop.gui.context import Area
from dangjian_desktop.gui.dates import to_date, to_qdate
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.forms.ui_naming_step_dialog import Ui_NamingStepDialog
from dangjian_desktop.gui.models import AMBER, GREEN, GREY, RED, Column
from dangjian_desktop.gui.pages.commendation_dialogs import FormDialog
from dangjian_desktop.gui.widgets import SearchableTable
from dangjian_desktop.services import naming
from dangjian_desktop.services.naming import NominationLine, Proposal, ReviewLine

if TYPE_CHECKING:
    from dangjian_desktop.gui.context import AppContext
    from dangjian_desktop.services.commendation import CommendationState


class NamingStepDialog(FormDialog):
    """One form for the recorded steps: 审验, 检查核实, the tie decision, the 党委会 approval.

    Parts a step does not need are hidden; `outcomes`, `choices` and `with_file` switch them on.
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        intro: str,
        ok_text: str,
        who_label: str,
        who: str = "",
        text_label: str = "",
        text_placeholder: str = "",
        outcomes: Sequence[str] = (),
        choices: Sequence[tuple[int, str]] = (),
        with_file: bool = False,
        day: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_NamingStepDialog()
        self.ui.setupUi(self)
        self._connect(self.ui, ok_text)
        self.setWindowTitle(title)
        self.ui.intro.setText(intro)
        self.ui.who_label.setText(who_label)
        self.ui.who.setText(who)
        self.ui.day.setDate(to_qdate(day or clock.today()))
        for outcome in outcomes:
            self.ui.outcome.addItem(outcome)
        widget: QWidget
        for widget in (self.ui.outcome_label, self.ui.outcome):
            widget.setVisible(bool(outcomes))
        for choice_id, name in choices:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, choice_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.ui.choices.addItem(item)
        for widget in (self.ui.choices_label, self.ui.choices):
            widget.setVisible(bool(choices))
        self.ui.text_label.setText(text_label)
        self.ui.text.setPlaceholderText(text_placeholder)
        for widget in (self.ui.text_label, self.ui.text):
            widget.setVisible(bool(text_label))
        for widget in (self.ui.file_label, self.ui.file, self.ui.browse):
            widget.setVisible(with_file)
        self.ui.browse.clicked.connect(self._browse)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "选择附件")
        if path:
            self.ui.file.setText(path)

    @property
    def outcome(self) -> int:
        return self.ui.outcome.currentIndex()

    @property
    def day(self) -> dt.date:
        return to_date(self.ui.day.date())

    @property
    def who(self) -> str:
        return self.ui.who.text()

    @property
    def text(self) -> str:
        return self.ui.text.toPlainText()

    @property
    def chosen(self) -> list[int]:
        out = []
        for row in range(self.ui.choices.count()):
            item = self.ui.choices.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    @property
    def file(self) -> Path | None:
        text = self.ui.file.text().strip()
        return Path(text) if text else None

    def check(self) -> str | None:
        if self.ui.who.isVisible() and not self.who.strip():
            return f"请填写{self.ui.who_label.text().rstrip('：:').replace('(&W)', '')}。"
        if self.file is not None and not self.file.is_file():
            return f"找不到附件文件：{self.file}。请重新选择。"
        return None


REVIEW_COLUMNS: list[Column[ReviewLine]] = [
    Column("党组织", lambda r: r.branch_name, 200),
    Column(
        "报送情况",
        lambda r: r.handed_in_text,
        300,
        tooltip=lambda r: r.handed_in_text,
        color=lambda r: RED if r.missing else (AMBER if r.late else GREEN),
    ),
    Column(
        "审验",
        lambda r: r.review,
        70,
        color=lambda r: GREY if r.review_passed is None else (GREEN if r.review_passed else RED),
    ),
    Column("审验人", lambda r: r.reviewed_by, 160),
    Column("审验日期", lambda r: r.reviewed_on, 96),
    Column("审验意见", lambda r: r.review_findings, 200, tooltip=lambda r: r.review_findings),
    Column("检查核实", lambda r: f"{r.verifications}次" if r.verifications else "未核实", 80),
    Column("附件", lambda r: r.attachments or "", 50, numeric=True),
]


@dataclass(frozen=True)
class ListRow:
    """One line of the candidate list: a branch or a nominated member."""

    kind: str
    name: str
    branch: str
    detail: str
    eligible: bool
    nomination_id: int | None = None


LIST_COLUMNS: list[Column[ListRow]] = [
    Column("类别", lambda r: r.kind, 110),
    Column("名称/姓名", lambda r: r.name, 180),
    Column("所在党组织", lambda r: r.branch, 180),
    Column(
        "情况",
        lambda r: r.detail,
        360,
        tooltip=lambda r: r.detail,
        color=lambda r: GREEN if r.eligible else RED,
    ),
]


def list_rows(found: Proposal, nominations: list[NominationLine]) -> list[ListRow]:
    rows = [
        ListRow("先进党组织", b.name, b.name, f"综合评价{b.combined}，第{b.rank}名，{b.note}", True)
        for b in found.branches
    ]
    rows += [
        ListRow(
            "优秀共产党员", n.member_name, n.branch_name, n.eligibility, n.refusal is None, n.id
        )
        for n in nominations
    ]
    return rows


class NamingHost(Protocol):
    """What the tab uses of the 公示与表彰 page that holds it."""

    ctx: AppContext
    state: CommendationState | None

    def _open(self, dialog: FormDialog) -> FormDialog: ...

    def _save(self, fn: Any) -> str | None: ...

    def _branches(self, enrolled_only: bool = False) -> list[tuple[int, str]]: ...


class NamingTab(QWidget):
    """The tab; `page` is the 公示与表彰 page (its context, dialogs and inline-error saving)."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page: NamingHost = page
        self.ctx: AppContext = page.ctx
        self.proposal: Proposal | None = None
        self.fixed = False
        self.nominations: list[NominationLine] = []

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.left_out = QLabel()
        self.left_out.setWordWrap(True)
        self.left_out.setStyleSheet("color: #8d5a00;")

        self.reviews = SearchableTable(REVIEW_COLUMNS, placeholder="搜索党组织…")
        self.reviews.sig_selection_changed.connect(self.update_buttons)
        self.candidates = SearchableTable(LIST_COLUMNS, placeholder="搜索名单…")
        self.candidates.sig_selection_changed.connect(self.update_buttons)

        self.review_button = self._button(
            "审验…", "对选中的党组织记录审验结论（通过/不通过）", True
        )
        self.verify_button = self._button("检查核实…", "记录对选中党组织的实地检查核实")
        self.tie_button = self._button("并列决定…", "记录领导小组对名额线上并列单位的决定")
        self.nominate_button = self._button(
            "提名优秀共产党员…", "由党组织提名一名党员，填写主要事迹"
        )
        self.withdraw_button = self._button("撤回提名…", "撤回下面名单中选中的优秀共产党员提名")
        self.withdraw_button.clicked.connect(self.withdraw_nomination)
        self.fix_button = self._button(
            "确定名单", "把先进党组织和优秀共产党员名单确定下来，供公示", True
        )
        self.reopen_button = self._button("重新打开名单…", "名单确定后需要修改时（须写明原因）")
        self.review_button.clicked.connect(self.open_review)
        self.verify_button.clicked.connect(self.open_verification)
        self.tie_button.clicked.connect(self.open_tie_decision)
        self.nominate_button.clicked.connect(self.open_nomination)
        self.fix_button.clicked.connect(self.fix_list)
        self.reopen_button.clicked.connect(self.reopen_list)

        top = QHBoxLayout()
        for button in (
            self.review_button,
            self.verify_button,
            self.tie_button,
            self.nominate_button,
            self.withdraw_button,
        ):
            top.addWidget(button)
        top.addStretch(1)
        for button in (self.fix_button, self.reopen_button):
            top.addWidget(button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.reviews)
        split.addWidget(self.candidates)
        # the 40-odd branches to review get most of the height; the list below fills later
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 100])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.left_out)
        layout.addWidget(split, 1)

    @staticmethod
    def _button(text: str, tip: str, primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("tip", tip)
        button.setToolTip(tip)
        if primary:
            button.setProperty("primary", True)
        return button

    # ----------------------------------------------------------------- reading
    def refresh(self) -> None:
        year = self.ctx.year
        if year is None:
            self.reviews.set_rows([])
            self.candidates.set_rows([])
            self.proposal = None
            self.status.setText("")
            self.left_out.setText("")
            self.update_buttons()
            return
        today = clock.today()
        view = self.ctx.read(lambda s: naming.naming_view(s, year, today))
        reviews, found, nominations = view.reviews, view.proposal, view.nominations
        digest, announced = view.digest, view.announced
        self.proposal, self.nominations, self.fixed = found, nominations, digest is not None
        self.reviews.set_rows(reviews)
        self.candidates.set_rows(list_rows(found, nominations))
        if digest is not None:
            posted = "，正在公示或已公示" if announced else "，可以发起公示"
            self.status.setText(f"名单已确定（校验码{digest[:12]}）{posted}。")
            self.status.setStyleSheet("color: #1b5e20; font-weight: bold;")
        elif found.blockers:
            blockers = found.blockers
            self.status.setText(
                f"名单还不能确定：{blockers[0]}"
                if len(blockers) == 1
                else "名单还不能确定：\n" + "\n".join(f"· {b}" for b in blockers)
            )
            self.status.setStyleSheet("color: #b71c1c;")
        else:
            self.status.setText(
                f"可以确定名单：先进党组织{len(found.branches)}个（名额{found.quota}个），"
                f"优秀共产党员{len(found.members)}名（名额{found.member_quota}名）。"
            )
            self.status.setStyleSheet("color: #1b5e20;")
        self.left_out.setText("不列入名单：" + "；".join(found.left_out) if found.left_out else "")
        self.left_out.setVisible(bool(found.left_out))
        self.update_buttons()

    def update_buttons(self) -> None:
        state = self.page.state
        closed = "本年度已结束，只能查看。" if state is not None and not state.writable else None
        missing = "还没有创建年度。" if state is None else None
        approved = "评估结果已经审批。" if state is not None and state.approved_at else None
        fixed = "名单已确定；要修改请先“重新打开名单”。" if self.fixed else None
        base = missing or closed or approved
        no_row = None if self.reviews.current() else "请先在上面的表格里选中一个党组织。"
        for button in (self.review_button, self.verify_button):
            _enable(button, base or fixed or no_row)
        no_tie = None
        if self.proposal is not None and not any("并列" in b for b in self.proposal.blockers):
            no_tie = "综合评价里没有需要领导小组决定的并列。"
        _enable(self.tie_button, base or fixed or no_tie)
        _enable(self.nominate_button, base or fixed)
        chosen = self.candidates.current()
        no_nomination = (
            None
            if chosen is not None and chosen.nomination_id is not None
            else "请先在下面的名单里选中一名被提名的党员。"
        )
        _enable(self.withdraw_button, base or fixed or no_nomination)
        blockers = "；".join(self.proposal.blockers) if self.proposal else None
        _enable(self.fix_button, base or fixed or blockers or None)
        _enable(self.reopen_button, base or (None if self.fixed else "名单还没有确定。"))

    # ----------------------------------------------------------------- steps
    def open_review(self) -> FormDialog | None:
        line = self.reviews.current()
        if line is None or not self.review_button.isEnabled():
            return None
        dialog = NamingStepDialog(
            self,
            title="审验",
            intro=f"{line.branch_name}：{line.handed_in_text}。",
            ok_text="记录审验",
            who_label="审验人(&W)：",
            who=line.reviewed_by,
            text_label="审验意见（不通过时必填）：",
            text_placeholder="如：缺创建工作材料，经催报仍未报送。",
            outcomes=["通过", "不通过"],
            with_file=True,
        )
        year, branch_id = self.ctx.round_year(), line.branch_id

        def submit() -> str | None:
            return self.page._save(
                lambda s: naming.record_review(
                    s,
                    actor=self.ctx.actor,
                    first_year=year,
                    branch_id=branch_id,
                    passed=dialog.outcome == 0,
                    checked_by=dialog.who,
                    checked_on=dialog.day,
                    findings=dialog.text,
                    evidence=self._evidence(dialog.file),
                )
            )

        dialog.submit = submit
        return self.page._open(dialog)

    def open_verification(self) -> FormDialog | None:
        line = self.reviews.current()
        if line is None or not self.verify_button.isEnabled():
            return None
        dialog = NamingStepDialog(
            self,
            title="检查核实",
            intro=f"对{line.branch_name}的实地检查核实。",
            ok_text="记录检查核实",
            who_label="检查人员(&W)：",
            who=line.reviewed_by,
            text_label="检查核实情况(&T)：",
            text_placeholder="如：实地查看党员活动室，查阅“三会一课”记录，情况属实。",
            with_file=True,
        )
        year, branch_id = self.ctx.round_year(), line.branch_id

        def submit() -> str | None:
            return self.page._save(
                lambda s: naming.record_verification(
                    s,
                    actor=self.ctx.actor,
                    first_year=year,
                    branch_id=branch_id,
                    checked_by=dialog.who,
                    checked_on=dialog.day,
                    findings=dialog.text,
                    evidence=self._evidence(dialog.file),
                )
            )

        dialog.submit = submit
        return self.page._open(dialog)

    def _evidence(self, source: Path | None) -> naming.Evidence | None:
        if source is None:
            return None
        return naming.Evidence(source, self.ctx.db.data_dir.attachments)

    def open_tie_decision(self) -> FormDialog | None:
        if not self.tie_button.isEnabled():
            return None
        year = self.ctx.round_year()
        today = clock.today()
        tied, places = self.ctx.read(lambda s: naming.tie_choices(s, year, today))
        dialog = NamingStepDialog(
            self,
            title="并列单位的决定",
            intro=f"以下{len(tied)}个单位综合评价同分，在名额线上并列，只剩{places}个名额。"
            "请按领导小组的决定勾选保留为候选的单位。",
            ok_text="记录决定",
            who_label="决定的会议(&W)：",
            who="镇创先争优活动领导小组会议",
            text_label="决定的依据(&T)：",
            text_placeholder="如：比较书记抓党建述职评议结果。",
            choices=tied,
        )

        def submit() -> str | None:
            return self.page._save(
                lambda s: naming.record_tie_decision(
                    s,
                    actor=self.ctx.actor,
                    first_year=year,
                    chosen=dialog.chosen,
                    decided_on=dialog.day,
                    decided_by=dialog.who,
                    basis=dialog.text,
                )
            )

        dialog.submit = submit
        return self.page._open(dialog)

    def open_nomination(self) -> FormDialog | None:
        if not self.nominate_button.isEnabled():
            return None
        from dangjian_desktop.gui.pages.commendation_dialogs import MemberHonourDialog
        from dangjian_desktop.services.registers import MemberRow, member_rows

        year = self.ctx.round_year()

        def load_members(branch_id: int) -> list[MemberRow]:
            return self.ctx.read(lambda s: member_rows(s, branch_id=branch_id))

        dialog = MemberHonourDialog(
            self, branches=self.page._branches(enrolled_only=True), load_members=load_members
        )
        dialog.setWindowTitle("提名优秀共产党员")
        dialog.ok_button.setText("提名")

        def submit() -> str | None:
            member = dialog.member
            assert member is not None
            member_id = member.id
            return self.page._save(
                lambda s: naming.nominate(
                    s,
                    actor=self.ctx.actor,
                    first_year=year,
                    member_id=member_id,
                    deeds=dialog.deeds,
                    nominated_on=clock.today(),
                )
            )

        dialog.submit = submit
        return self.page._open(dialog)

    def withdraw_nomination(self) -> None:
        chosen = self.candidates.current()
        if chosen is None or chosen.nomination_id is None or not self.withdraw_button.isEnabled():
            return
        reason = Ask.text(
            self,
            "撤回提名",
            f"撤回{chosen.branch}{chosen.name}的提名的原因（必填，记入操作日志）：",
        )
        if reason is None:
            return
        nomination_id = chosen.nomination_id
        self.ctx.act(
            lambda s: naming.withdraw_nomination(
                s, actor=self.ctx.actor, nomination_id=nomination_id, reason=reason
            ),
            self,
            what=self.ctx.change(Area.COMMENDATION),
        )

    def fix_list(self) -> None:
        if not self.fix_button.isEnabled() or self.proposal is None:
            return
        found = self.proposal
        names = "、".join(b.name for b in found.branches) or "无"
        members = "、".join(f"{m.branch_name}{m.name}" for m in found.members) or "无"
        if not Ask.confirm(
            self,
            f"确定{len(found.branches)}个先进党组织和{len(found.members)}名优秀共产党员为候选名单？\n"
            f"先进党组织：{names}\n优秀共产党员：{members}\n确定后公示的就是这份名单。",
        ):
            return
        year = self.ctx.round_year()
        self.ctx.act(
            lambda s: naming.fix_list(s, actor=self.ctx.actor, first_year=year),
            self,
            what=self.ctx.change(Area.COMMENDATION),
        )

    def reopen_list(self) -> None:
        if not self.reopen_button.isEnabled():
            return
        reason = Ask.text(self, "重新打开名单", "重新打开名单的原因（必填，记入操作日志）：")
        if reason is None:
            return
        year = self.ctx.round_year()
        self.ctx.act(
            lambda s: naming.reopen_list(s, actor=self.ctx.actor, first_year=year, reason=reason),
            self,
            what=self.ctx.change(Area.COMMENDATION),
        )


def _enable(button: QPushButton, why_not: str | None) -> None:
    button.setEnabled(why_not is None)
    button.setToolTip(why_not if why_not else str(button.property("tip")))
