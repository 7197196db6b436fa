"""End to end through the window, keyboard and mouse only: from materials to a revoked honour.

materials → 自检自查 → 考核组 (one member recused) → three assessors' grids keyed twice (双人录入),
one disagreement found and resolved → 综合评价 with ranks and the quota line → 公示 with an
objection → approval (blocked until the 公示 is over and the objection handled, then given by the
approver) → 命名先进党组织 → certificate preview → 限期整改 → 撤销荣誉称号 for 弄虚作假 with
its 通报批评. At the end the database, read through the services, tells the same story.

The demo round is first cut down to four branches on 申报与方案 (select all, Ctrl+click the four to
keep, 撤回申报), so the typing stays short.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from commendation_helpers import (
    DEMO_TODAY,
    YEAR,
    click,
    click_row,
    click_view_row,
    pdf_pages,
    record_previews,
    row_of,
    type_text,
)
from naming_steps import fix_candidates
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QWidget
from registers_helpers import with_modal

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import Stage
from dangjian_desktop.domain.honours import HonourEventKind, HonourState, RevocationReason
from dangjian_desktop.domain.rubric import format_points
from dangjian_desktop.domain.scoring import Grade
from dangjian_desktop.gui.pages.commendation import HONOURS_TAB, OBJECTIONS_TAB, SHORTLIST_TAB
from dangjian_desktop.gui.pages.commendation_dialogs import HandleObjectionDialog
from dangjian_desktop.gui.pages.evaluation.dialogs import AssessorDialog
from dangjian_desktop.gui.pages.evaluation.models import QuotaLine
from dangjian_desktop.services import audit_log, commendation, dynamic, intake, office, registers
from dangjian_desktop.services import evaluation as ev
from dangjian_desktop.services.common import get_round

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

# The four branches kept in the round. 石龙村老村党支部 is under 限期整改 from 2025: it is scored
# but cannot be selected. 罗德明, a member of 镇机关第一党支部 in the register, sits on the 考核组
# and is recused there.
KEEP = ("石龙村党总支", "石龙村中寨党支部", "石龙村老村党支部", "镇机关第一党支部")
WINNER, SECOND, RECTIFYING, RECUSED = KEEP
# Each branch loses this much on every item (self-check and assessment alike).
DROP = {WINNER: Decimal(0), SECOND: Decimal("0.5"), RECTIFYING: Decimal(1), RECUSED: Decimal("1.5")}
ASSESSORS = (("杨正华", "镇党委", None), ("普学文", "镇纪委", None), ("罗德明", "镇政府", RECUSED))
AFTER_PUBLICITY = dt.date(2027, 3, 8)  # Monday after the five working days from 1 March
DEADLINE = dt.date(2027, 4, 15)

STORY = [
    "score",
    "compute",
    "announce",
    "object",
    "handle",
    "approve",
    "grant",
    "order_rectification",
    "revoke",
    "circulate_criticism",
]


# ------------------------------------------------------------------ setup and helpers


@pytest.fixture(autouse=True)
def _clock_back() -> Any:
    """The test moves the clock on; later tests start from the demo's day again."""
    yield
    clock.set_today(DEMO_TODAY)


def _activate(qtbot: Any, window: QWidget) -> None:
    """After a dialog closes the main window is active again (the window manager's job)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _go(qtbot: Any, window: Any, key: Qt.Key, page_key: str) -> Any:
    _activate(qtbot, window)
    qtbot.keyClick(window, key, CTRL)
    page = window.current_page()
    assert page is not None and page.key == page_key
    return page


def _click_tab(qtbot: Any, tabs: Any, index: int) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def _click_cell(qtbot: Any, view: Any, row: int, column: int) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert (view.currentIndex().row(), view.currentIndex().column()) == (row, column)


def _type_cell(qtbot: Any, view: Any, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Type into the current cell (the first key opens the editor), leave it with `key`."""
    qtbot.keyClick(view, text[0])
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit), "typing did not start editing the cell"
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)
    assert view.state() != QAbstractItemView.State.EditingState, view.last_message


def _pick(qtbot: Any, combo: QComboBox, wanted: Any) -> None:
    """Choose an item of a combo box with the arrow keys (Home, then Down until it is there)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if wanted(combo):
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert wanted(combo), combo.currentText()


def _save(qtbot: Any, window: Any, widget: Any) -> None:
    _activate(qtbot, window)
    qtbot.keyClick(widget, Qt.Key.Key_S, CTRL)


def _values(items: list[Any], drop: Decimal) -> list[str]:
    return [format_points(item.points - drop) for item in items]


def _ok(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text() if dialog.error else ""


# ------------------------------------------------------------------ the story


def test_from_materials_to_a_revoked_honour(
    window: Any, ctx: Any, qtbot: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit_from = ctx.read(lambda s: audit_log.search(s, limit=1).lines[0].id)
    # One clerk keys both passes of every sheet here: an office that allows it says so in
    # 设置 (two different keyers are the default; test_e2e_naming and test_naming cover that).
    with ctx.db.transaction() as s:
        office.set_office_rules(
            s, actor=ctx.actor, one_person=False, same_operator_double_entry=True
        )
    qtbot.waitExposed(window)
    assert window.round_combo.currentData() == YEAR

    # ================================================= 申报与方案 (Ctrl+3): keep four branches
    page = _go(qtbot, window, Qt.Key.Key_3, "enrolment")
    table = page.enrol_table
    assert len(table.model.rows) == 24 and all(line.enrolled for line in table.model.rows)
    click_row(qtbot, table, 0)
    qtbot.keyClick(table.view, Qt.Key.Key_A, CTRL)
    for name in KEEP:  # Ctrl+click takes a row out of the selection
        row = row_of(table, lambda r, n=name: r.branch_name == n)
        table.view.scrollTo(table.proxy.index(row, 0))
        click_row(qtbot, table, row, add=True)
    assert len(table.selected()) == 20
    answers.texts.append("本年度不参加创建（端到端测试只留四个党组织）")
    qtbot.keyClick(table.view, Qt.Key.Key_W, CTRL | SHIFT)
    assert answers.texts == [] and not answers.warnings, answers.warnings
    ids = {line.branch_name: line.branch_id for line in table.model.rows if line.enrolled}
    assert set(ids) == set(KEEP)
    name_of = {branch_id: name for name, branch_id in ids.items()}

    # ================================================= 评估材料与评分 (Ctrl+5)
    page = _go(qtbot, window, Qt.Key.Key_5, "evaluation")

    # ---- 创建工作材料: all four hand in today; Enter / F2 on the row, the selection moves on
    _click_tab(qtbot, page.tabs, 0)
    grid = page.materials
    assert len(grid.lines) == 4 and all(line.received_on is None for line in grid.lines)
    click_view_row(qtbot, grid.view, 0)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_F2):
        qtbot.keyClick(grid.view, key)
    assert not answers.warnings, answers.warnings
    assert [line.received_on for line in grid.lines] == [DEMO_TODAY] * 4

    # ---- 自检自查: thirteen scores per branch, Enter after each, Ctrl+S
    _click_tab(qtbot, page.tabs, 1)
    tab = page.self_check
    items = list(tab.model.items)
    assert len(items) == 13
    for name in KEEP:
        click_row(qtbot, tab.branches, row_of(tab.branches, lambda r, n=name: r.branch_name == n))
        assert name in tab.heading.text()
        _click_cell(qtbot, tab.view, 0, tab.model.SCORE_COLUMN)
        for value in _values(items, DROP[name]):
            _type_cell(qtbot, tab.view, value)
        assert "13/13" in tab.total.text()
        _save(qtbot, window, tab.view)
        assert not page.has_unsaved_changes()
    lines = {r.branch_name: r for r in tab.branches.model.rows}
    assert {n: (lines[n].filled, lines[n].total) for n in KEEP} == {
        n: (13, Decimal(100) - 13 * DROP[n]) for n in KEEP
    }

    # ---- 考核组: three members through the dialog, the third recused from his own branch
    _click_tab(qtbot, page.tabs, 2)
    assessors_tab = page.assessors
    with ctx.db.transaction() as s:  # 罗德明 joins the register (the 党员 page is tested elsewhere)
        data = registers.MemberInput(
            name="罗德明", gender="男", ethnicity="汉族", branch_id=ids[RECUSED]
        )
        registers.add_member(s, actor=ctx.actor, data=data)
    for i, (name, unit, branch) in enumerate(ASSESSORS):

        def fill(dialog: QWidget, name: str = name, unit: str = unit, branch: Any = branch) -> None:
            assert isinstance(dialog, AssessorDialog)
            type_text(qtbot, dialog.ui.unitEdit, unit)
            if branch is None:  # an outside person, typed
                qtbot.mouseClick(dialog.ui.outsideRadio, Qt.MouseButton.LeftButton)
                type_text(qtbot, dialog.ui.nameEdit, name)
                qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
                return
            # A member of the register: searched by name, Enter picks him, Enter again is OK.
            type_text(qtbot, dialog.ui.memberSearch, name)
            qtbot.keyClick(dialog.ui.memberSearch, Qt.Key.Key_Return)
            qtbot.keyClick(dialog.ui.memberSearch, Qt.Key.Key_Return)

        def trigger(first: bool = i == 0) -> None:
            view = assessors_tab.table.view
            if first:  # the button, then Ctrl+N in the table
                qtbot.mouseClick(assessors_tab.add_button, Qt.MouseButton.LeftButton)
            else:
                qtbot.keyClick(view, Qt.Key.Key_N, CTRL)

        _activate(qtbot, window)
        qtbot.mouseClick(assessors_tab.table.view.viewport(), Qt.MouseButton.LeftButton)
        assert with_modal(fill, trigger)
    rows = assessors_tab.table.model.rows
    assert [(r.name, r.recused_from) for r in rows] == [
        ("杨正华", []),
        ("普学文", []),
        ("罗德明", [RECUSED]),
    ]
    assessor_ids = {r.name: r.assessor_id for r in rows}

    # ---- 统一考核评分: each sheet keyed twice, like Excel (Tab along a row, wraps to the next)
    _click_tab(qtbot, page.tabs, 3)
    scoring = page.scoring
    view, model = scoring.view, scoring.model
    assert scoring.entry_combo.count() == 2  # 双人录入 is on for 2026
    slip = (SECOND, "1.2")  # the one cell keyed differently the second time
    slip_column = 1 + [i.code for i in items].index(slip[1])
    correct = _values(items, DROP[SECOND])[slip_column - 1]
    wrong = format_points(Decimal(correct) - 1)

    def key_sheet(assessor: str, entry: int) -> None:
        _pick(qtbot, scoring.assessor_combo, lambda c: c.currentText() == assessor)
        _pick(qtbot, scoring.entry_combo, lambda c: c.currentData() == entry)
        assert scoring.sheet_key == (YEAR, assessor_ids[assessor], entry)
        if entry == 2:  # blind: the first entry is not shown
            assert all(model.data(model.index(0, c)) == "" for c in model.score_columns())
        _click_cell(qtbot, view, 0, 1)
        for row, line in enumerate(model.rows):
            assert view.currentIndex().row() == row
            if line.blocked:  # recused: grey, not editable; Enter goes on to the next row
                assert assessor == "罗德明" and name_of[line.branch_id] == RECUSED
                qtbot.keyClick(view, "8")
                assert view.state() != QAbstractItemView.State.EditingState
                qtbot.keyClick(view, Qt.Key.Key_Return)
                continue
            values = _values(items, DROP[name_of[line.branch_id]])
            if entry == 2 and assessor == "杨正华" and name_of[line.branch_id] == slip[0]:
                values[slip_column - 1] = wrong
            for value in values:
                _type_cell(qtbot, view, value, Qt.Key.Key_Tab)
        assert "还没保存" in scoring.pending_label.text()
        _save(qtbot, window, view)
        assert not page.has_unsaved_changes(), answers.warnings
        assert not answers.warnings, answers.warnings

    key_sheet("杨正华", 1)
    assert len(scoring.checks.model.rows) == 4 * 13  # keyed once only: not agreed yet
    key_sheet("杨正华", 2)
    expected = [(assessor_ids["杨正华"], ids[SECOND], "1.2", Decimal(correct), Decimal(wrong))]

    def check_lines() -> list[tuple[Any, ...]]:
        return [
            (c.assessor_id, c.branch_id, c.code, c.first, c.second)
            for c in scoring.checks.model.rows
        ]

    assert check_lines() == expected
    assert "1处两遍不一致" in scoring.check_label.text()
    for assessor in ("普学文", "罗德明"):
        key_sheet(assessor, 1)
        key_sheet(assessor, 2)
    assert check_lines() == expected  # exactly the one disagreement

    # double-click the line; the paper says `correct`: the second entry was wrong
    answers.choices.append(f"第二遍录错了（第二遍是{wrong}），改第二遍")
    scoring.parts.setCurrentIndex(1)  # the check list, beside the sheet
    assert "要处理" in scoring.parts.tabText(1)
    checks = scoring.checks.view
    rect = checks.visualRect(scoring.checks.proxy.index(0, 1))
    qtbot.mouseClick(checks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(checks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert answers.choices == []  # asked once
    assert scoring.sheet_key == (YEAR, assessor_ids["杨正华"], 2)
    here = view.currentIndex()
    assert model.rows[here.row()].branch_id == ids[SECOND] and here.column() == slip_column
    assert model.data(here) == wrong
    assert scoring.parts.currentIndex() == 0  # back on the sheet, at the cell
    _type_cell(qtbot, view, correct)
    _save(qtbot, window, view)
    assert scoring.checks.model.rows == [] and "全部一致" in scoring.check_label.text()

    # ---- 综合评价: F9 computes and saves; ranks, the quota line, one 先进
    _click_tab(qtbot, page.tabs, 4)
    panel = page.results.ranking
    assert page.results.inner.currentWidget() is panel
    assert "还没保存" in panel.status.text()
    _activate(qtbot, window)
    _click_cell(qtbot, panel.view, 0, 1)
    qtbot.keyClick(panel.view, Qt.Key.Key_F9)
    assert not answers.warnings, answers.warnings
    assert "已计算并保存" in panel.status.text()
    shown = panel.model.rows
    results = [r for r in shown if isinstance(r, ev.ResultLine)]
    assert [(r.branch_name, r.rank) for r in results] == [
        (WINNER, 1),
        (SECOND, 2),
        (RECUSED, 3),
        (RECTIFYING, None),
    ]
    assert "限期整改" in results[-1].reason
    quota_rows = [i for i, r in enumerate(shown) if isinstance(r, QuotaLine)]
    assert quota_rows == [1]  # under the one branch within the quota (20% of 4, rounded up)
    assert "名额线" in panel.model.data(panel.model.index(1, 0))
    advanced = [r for r in results if r.grade == Grade.ADVANCED.value]
    assert [r.branch_name for r in advanced] == [WINNER]
    grade_column = [c.title for c in panel.columns].index("等次")
    assert panel.model.data(panel.model.index(0, grade_column)) == "先进"
    assert results[0].combined == Decimal(100)

    # ================================================= 公示与表彰 (Ctrl+6)
    page = _go(qtbot, window, Qt.Key.Key_6, "commendation")
    assert not page.announce_button.isEnabled()  # 审验, 检查核实 and the list come first
    fix_candidates(
        ctx.db, ctx.actor, YEAR, clock.today()
    )  # (the window's path for these is in test_e2e_naming)
    page.refresh()
    _click_tab(qtbot, page.tabs, SHORTLIST_TAB)
    assert [r.branch_name for r in page.shortlist.model.rows] == [WINNER]
    assert not page.approve_button.isEnabled() and "还没有公示" in page.approval_label.text()

    # ---- 发起公示: five working days from today
    click(qtbot, page.announce_button)
    dialog = page.dialog
    assert dialog.ui.end_label.text().startswith("2027年3月5日")
    _ok(qtbot, dialog)
    assert "2027年3月1日 至 2027年3月5日" in page.announcement_label.text()

    # ---- 登记异议 about the winner
    _click_tab(qtbot, page.tabs, OBJECTIONS_TAB)
    click(qtbot, page.object_button)
    dialog = page.dialog
    type_text(qtbot, dialog.ui.raised_by, "村民李某")
    _pick(qtbot, dialog.ui.branch, lambda c: c.currentText() == WINNER)
    type_text(qtbot, dialog.ui.content, "反映该党总支党员活动记录不全。")
    _ok(qtbot, dialog)
    assert [(o.raised_by, o.branch_name, o.conclusion) for o in page.objections.model.rows] == [
        ("村民李某", WINNER, "未处理")
    ]

    # ---- approval is blocked while the 公示 runs: the reason in red and as the tooltip
    assert not page.approve_button.isEnabled()
    assert "公示期到2027-03-05才结束" in page.approval_label.text()
    assert "公示期到2027-03-05才结束" in page.approve_button.toolTip()

    # ---- the next Monday: the 公示 is over, the objection still blocks
    clock.set_today(AFTER_PUBLICITY)
    page.refresh()
    assert "已结束" in page.announcement_label.text()
    assert "1条公示异议没有处理完" in page.approval_label.text()
    assert not page.approve_button.isEnabled()

    # ---- 处理异议: double-click the objection, write the handling, 不成立
    rect = page.objections.view.visualRect(page.objections.proxy.index(0, 1))
    viewport = page.objections.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.dialog
    assert isinstance(dialog, HandleObjectionDialog) and dialog.isVisible()
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, HandleObjectionDialog)]
    assert [w for w in opened if w.isVisible()] == [dialog]  # one double-click, one dialog
    type_text(qtbot, dialog.ui.handling, "经镇纪委调阅记录核实，反映情况不属实。")
    qtbot.mouseClick(dialog.ui.not_upheld, Qt.MouseButton.LeftButton)
    _ok(qtbot, dialog)
    assert page.objections.model.rows[0].conclusion == "不成立"
    assert "可以由审批人审批" in page.approval_label.text()
    # nothing blocks it any more, but the administrator is no 审批人
    assert not page.approve_button.isEnabled()
    assert "需要审批人身份" in page.approve_button.toolTip()

    # ---- 切换操作员 (文件 menu, Ctrl+Shift+O) to the approver 张建国, who has no password
    answers.choices.append("张建国（审批人）")
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL | SHIFT)
    assert answers.choices == [] and ctx.actor.name == "张建国"
    assert "张建国" in window.actor_label.text()
    assert page.approve_button.isEnabled()

    # ---- 审批, recording the 党委会
    click(qtbot, page.approve_button)
    type_text(qtbot, page.dialog.ui.who, "2027年第3次党委会")
    _ok(qtbot, page.dialog)
    assert "由张建国审批，评分已锁定" in page.approval_label.text()
    assert page.unapprove_button.isVisible()

    # ---- 命名为先进党组织
    _click_tab(qtbot, page.tabs, SHORTLIST_TAB)
    click_row(qtbot, page.shortlist, 0)
    click(qtbot, page.name_button)
    assert page.tabs.currentIndex() == HONOURS_TAB
    honours = page.honours.model.rows
    assert [(h.name, h.certificate_number) for h in honours] == [(WINNER, "2027先字第001号")]
    assert page.shortlist.model.rows[0].honour_id == honours[0].id
    honour_id = honours[0].id

    # ---- 打印证书: the preview shows a PDF with one page per honour
    previews = record_previews(monkeypatch)
    click_row(qtbot, page.honours, 0)
    click(qtbot, page.certificate_button)
    qtbot.waitUntil(lambda: page.task is not None and page.task.done, timeout=20000)
    assert not answers.warnings, answers.warnings
    assert len(previews) == 1
    path, title = previews[0]
    assert path.exists() and pdf_pages(path) == len(honours) == 1
    assert "荣誉证书1份" in title

    # ================================================= 动态管理 (Ctrl+7)
    page = _go(qtbot, window, Qt.Key.Key_7, "dynamic")
    click_row(qtbot, page.honours, row_of(page.honours, lambda h: h.id == honour_id))
    assert page.honours.current().state is HonourState.GRANTED

    # ---- 限期整改 with a deadline after today, typed into the date field
    click(qtbot, page.rectify_button)
    dialog = page.dialog
    assert dialog.ui.deadline.minimumDate() == QDate(2027, 3, 9)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    # Alt+Q (整改期限(&Q)) puts the cursor on the year; each full section moves to the next
    qtbot.keyClick(dialog, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.ui.deadline
    assert dialog.ui.deadline.currentSection() == dialog.ui.deadline.Section.YearSection
    qtbot.keyClicks(dialog.ui.deadline, DEADLINE.strftime("%Y%m%d"))
    assert dialog.deadline == DEADLINE
    type_text(qtbot, dialog.ui.reason, "党员活动室长期关闭，“三会一课”记录不全，限期整改。")
    _ok(qtbot, dialog)
    assert page.honours.current().id == honour_id
    assert page.honours.current().state is HonourState.RECTIFYING
    assert [line.kind_name for line in page.history.model.rows] == ["限期整改"]

    # ---- 撤销荣誉称号: 评选中弄虚作假, which brings a 通报批评 with it
    click(qtbot, page.revoke_button)
    dialog = page.dialog
    combo = dialog.ui.revocation_reason
    _pick(qtbot, combo, lambda c: c.currentData() == RevocationReason.SERIOUS_PROBLEM)
    assert not dialog.ui.note.isVisible()
    _pick(qtbot, combo, lambda c: c.currentText() == "评选中弄虚作假")
    assert dialog.ui.note.isVisible() and "通报批评" in dialog.ui.note.text()
    type_text(qtbot, dialog.ui.reason, "经查，申报材料中虚报阵地建设情况。")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.ui.reason, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter saves
    assert not dialog.isVisible(), dialog.ui.error.text()
    assert page.honours.current().state is HonourState.REVOKED
    assert [line.kind_name for line in page.history.model.rows] == [
        "限期整改",
        "撤销荣誉称号",
        "通报批评",
    ]
    for button in (
        page.criticise_button,
        page.rectify_button,
        page.outcome_button,
        page.revoke_button,
    ):
        assert not button.isEnabled() and "已撤销" in button.toolTip()
    assert not answers.warnings, answers.warnings

    # ---- back on 公示与表彰 the honour shows as revoked and its certificate cannot be printed
    page = _go(qtbot, window, Qt.Key.Key_6, "commendation")
    _click_tab(qtbot, page.tabs, HONOURS_TAB)
    click_row(qtbot, page.honours, 0)
    assert page.honours.current().state_name == "已撤销"
    assert not page.certificate_button.isEnabled() and "已撤销" in page.certificate_button.toolTip()

    # ================================================= the database tells the same story
    def read(s: Any) -> dict[str, Any]:
        rnd = get_round(s, YEAR)
        state = commendation.commendation_state(s, rnd.first_year, clock.today())
        return {
            "materials": [
                (line.branch_id, line.received_on)
                for line in intake.intake_lines(s, rnd, Stage.MATERIALS, clock.today())
            ],
            "disagreements": ev.disagreements(s, rnd),
            "results": ev.stored_results(s, rnd),
            "approved": (state.approved_at is not None, state.approved_by),
            "objections": [
                (o.raised_by, o.upheld) for o in commendation.objection_lines(s, rnd.first_year)
            ],
            "honours": [
                (h.id, h.name, h.state) for h in commendation.honour_lines(s, rnd.first_year)
            ],
            "events": [
                (e.kind, e.deadline, e.revocation_reason) for e in dynamic.history(s, honour_id)
            ],
            "audit": [
                (line.action, line.operator)
                for line in reversed(audit_log.search(s).lines)
                if line.id > audit_from
            ],
        }

    db = ctx.read(read)
    assert sorted(db["materials"]) == sorted((i, DEMO_TODAY) for i in ids.values())
    assert db["disagreements"] == []
    assert db["results"] is not None
    assert [(line.branch_name, line.grade) for line in db["results"].lines if line.rank == 1] == [
        (WINNER, Grade.ADVANCED.value)
    ]
    assert db["approved"] == (True, "张建国")
    assert db["objections"] == [("村民李某", False)]
    assert db["honours"] == [(honour_id, WINNER, HonourState.REVOKED)]
    assert db["events"] == [
        (HonourEventKind.ORDER_RECTIFICATION.value, DEADLINE, ""),
        (HonourEventKind.REVOKE.value, None, RevocationReason.FRAUD.value),
        (HonourEventKind.CIRCULATE_CRITICISM.value, None, ""),
    ]
    story = [action for action, _who in db["audit"] if action in STORY]
    collapsed = [a for i, a in enumerate(story) if i == 0 or story[i - 1] != a]
    assert collapsed == STORY
    # 4 self-check forms + 3 assessors × 2 entries + the re-keyed cell, one entry per save
    assert story.count("score") == 4 + 6 + 1
    by_whom = {action: who for action, who in db["audit"] if action in STORY}
    assert by_whom["compute"] == "李丽华" and by_whom["approve"] == "张建国"
    assert by_whom["revoke"] == by_whom["circulate_criticism"] == "张建国"
