"""评估材料与评分 over the demo: self-check, 考核组, score grids with 双人录入, 综合评价.

The demo's 2026 round is in progress with enrolled branches and no scores; 2025 is closed.
Everything is keyed through the real widgets; the database is checked through the services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from naming_steps import fix_candidates
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from sqlmodel import col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.scoring import Veto
from dangjian_desktop.gui.intake_grid import IntakeGridWidget
from dangjian_desktop.gui.pages.evaluation import EvaluationPage
from dangjian_desktop.gui.pages.evaluation.dialogs import AssessorDialog, VetoDialog
from dangjian_desktop.gui.pages.evaluation.models import QuotaLine
from dangjian_desktop.gui.pages.evaluation.results import ResultsTab
from dangjian_desktop.gui.pages.evaluation.scoring import ScoringTab
from dangjian_desktop.gui.pdf_preview import PdfPreview
from dangjian_desktop.gui.score_grid import ScoreView
from dangjian_desktop.services import evaluation as ev
from dangjian_desktop.services import naming, registers
from dangjian_desktop.services.common import get_round
from dangjian_desktop.services.enrolment import enrolled_branches
from dangjian_desktop.services.operators import sign_in
from dangjian_desktop.store.models import Assessor, AuditEntry, Member

YEAR = 2026


# ------------------------------------------------------------------ helpers


def open_page(window: Any, year: int = YEAR) -> EvaluationPage:
    combo = window.round_combo
    combo.setCurrentIndex(combo.findData(year))
    page = window.show_page("evaluation")
    assert isinstance(page, EvaluationPage)
    return page


def in_db(ctx: Any, fn: Callable[[Any], Any]) -> Any:
    """Set up or read data through the services, in one transaction."""
    with ctx.db.transaction() as session:
        return fn(session)


def branches(ctx: Any, year: int = YEAR) -> list[tuple[int, str]]:
    return in_db(
        ctx,
        lambda s: [(b.id, b.name) for _, b in enrolled_branches(s, get_round(s, year))],
    )


def add_assessor(ctx: Any, name: str, branch_id: int | None = None) -> int:
    def add(s: Any) -> int:
        return ev.add_assessor(
            s, actor=ctx.actor, first_year=YEAR, name=name, unit="镇党委", branch_id=branch_id
        ).id

    assessor_id = in_db(ctx, add)
    ctx.announce()
    return assessor_id


def saved_sheet(ctx: Any, assessor_id: int, entry: int) -> dict[tuple[int, str], Decimal]:
    return in_db(ctx, lambda s: ev.sheet(s, YEAR, assessor_id, entry).scores)


def type_cell(qtbot: Any, view: ScoreView, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Type into the current cell as a clerk does (the first key opens the editor), then
    leave it with `key`."""
    qtbot.keyClick(view, text[0])
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit), "typing did not start editing the cell"
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)


def type_chinese(widget: Any, text: str) -> None:
    """Chinese arrives from the IME as a committed string (QTest can only type ASCII keys)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def when_dialog_opens(qtbot: Any, handle: Callable[[Any], None]) -> None:
    """Answer the next modal dialog from inside its event loop."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        handle(dialog)

    QTimer.singleShot(0, run)


def fill_round(ctx: Any, assessors: int = 2) -> list[int]:
    """Self scores and both entries of every assessor's sheet for every enrolled branch."""
    ids = [add_assessor(ctx, f"考核员{i + 1}") for i in range(assessors)]

    def fill(s: Any) -> None:
        rnd = get_round(s, YEAR)
        items = ev.score_items(s, rnd.first_year)
        sheet: dict[tuple[int, str], str] = {}
        for n, (_, branch) in enumerate(enrolled_branches(s, rnd)):
            drop = Decimal(n % 7) / 2  # several branches share a score: ties appear
            scores = {i.code: str(max(i.points - drop, Decimal(0))) for i in items}
            ev.save_self_scores(
                s, actor=ctx.actor, first_year=YEAR, branch_id=branch.id, scores=scores
            )
            sheet.update({(branch.id, code): value for code, value in scores.items()})
        second = sign_in(s, "王晓燕")  # 双人录入: the second pass by another operator
        for assessor_id in ids:
            for entry in (1, 2):
                ev.save_sheet(
                    s,
                    actor=ctx.actor if entry == 1 else second,
                    first_year=YEAR,
                    assessor_id=assessor_id,
                    scores=sheet,  # type: ignore[arg-type]
                    entry=entry,
                )

    in_db(ctx, fill)
    ctx.announce()
    return ids


# ------------------------------------------------------------------ 自检自查


def test_self_check_refuses_a_score_above_the_item_on_the_spot(
    window: Any, qtbot: Any, answers: Any
) -> None:
    page = open_page(window)
    page.tabs.setCurrentWidget(page.self_check)
    tab = page.self_check
    branch_id, name = branches(window.ctx)[1]
    assert tab.branches.select_where(lambda r: r.branch_id == branch_id)
    assert name in tab.heading.text()
    view, model = tab.view, tab.model
    assert model.rowCount() == 13 and model.data(model.index(0, 2)) == "9"

    view.setCurrentIndex(model.index(0, model.SCORE_COLUMN))
    type_cell(qtbot, view, "9.5")
    # refused: the limit is shown in red and the editor stays open on the same cell
    assert "最高9分" in tab.message.text() and tab.message.isVisible()
    assert view.state() == QAbstractItemView.State.EditingState
    assert view.currentIndex().row() == 0
    assert not model.has_pending() and not page.has_unsaved_changes()

    editor = view.indexWidget(view.currentIndex())
    editor.selectAll()
    qtbot.keyClicks(editor, "8.5")
    assert "8.5" in tab.total.text()  # the total follows the typing before Enter
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.currentIndex().row() == 1  # Enter moves down
    assert not tab.message.isVisible()
    for _ in range(12):
        type_cell(qtbot, view, "5")
    assert page.has_unsaved_changes()
    assert "68.5" in tab.total.text() and "13/13" in tab.total.text()

    # another branch with unsaved scores asks first; cancel stays here
    answers.save_choices.append("cancel")
    other = branches(window.ctx)[0][0]
    tab.branches.select_where(lambda r: r.branch_id == other)
    assert tab.branch_id == branch_id and model.has_pending()

    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not answers.warnings
    assert not page.has_unsaved_changes()
    saved = in_db(window.ctx, lambda s: ev.self_scores(s, YEAR, branch_id))
    assert saved["1.1"] == Decimal("8.5") and saved["4.3"] == Decimal(5) and len(saved) == 13
    line = next(r for r in tab.branches.model.rows if r.branch_id == branch_id)
    assert (line.filled, line.total) == (13, Decimal("68.5"))


# ------------------------------------------------------------------ 考核组


def _sub_branch_member(ctx: Any) -> tuple[int, str, str, str]:
    """A member of an enrolled 党支部 that sits under an enrolled 党总支: (id, name, branch,
    parent 党总支)."""

    def read(s: Any) -> tuple[int, str, str, str]:
        enrolled = {b.id: b for _, b in enrolled_branches(s, get_round(s, YEAR))}
        branch = next(b for b in enrolled.values() if b.parent_id in enrolled)
        member = s.exec(
            select(Member).where(Member.branch_id == branch.id, col(Member.deleted_at).is_(None))
        ).first()
        return member.id, member.name, branch.name, enrolled[branch.parent_id].name

    return in_db(ctx, read)


def _answer(qtbot: Any, tab: Any, button: Any, handle: Callable[[Any], None]) -> list[str]:
    """Click `button`, let `handle` fill the dialog that opens; the dialog's messages."""
    messages: list[str] = []

    def run(dialog: Any) -> None:
        assert isinstance(dialog, AssessorDialog)
        handle(dialog)
        if dialog.isVisible():  # refused: the message stays in the dialog
            messages.append(dialog.ui.errorLabel.text())
            dialog.reject()

    when_dialog_opens(qtbot, run)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return messages


def test_assessors_from_the_register_edited_replaced_and_recused_as_the_register_stands(
    window: Any, qtbot: Any, answers: Any
) -> None:
    page = open_page(window)
    page.tabs.setCurrentWidget(page.assessors)
    tab = page.assessors
    member_id, member_name, own, parent = _sub_branch_member(window.ctx)

    # A member chosen from the register: searched, picked with Enter, OK with Enter.
    def pick(dialog: Any) -> None:
        assert dialog.ui.registerRadio.isChecked()
        type_chinese(dialog.ui.memberSearch, member_name)
        qtbot.keyClick(dialog.ui.memberSearch, Qt.Key.Key_Return)
        assert dialog.member_id() is not None
        type_chinese(dialog.ui.unitEdit, "党员代表")
        qtbot.keyClick(dialog.ui.memberSearch, Qt.Key.Key_Return)

    assert _answer(qtbot, tab, tab.add_button, pick) == []
    (line,) = tab.table.model.rows
    assert (line.name, line.from_register, line.branch_name) == (member_name, True, own)
    assert own in line.recused_from and parent in line.recused_from  # and the parent 党总支
    assert "党员名册" in tab.table.model.data(tab.table.model.index(0, 1))

    # An outside person, typed; the same name twice is refused inside the dialog.
    def outside(name: str) -> Callable[[Any], None]:
        def fill(dialog: Any) -> None:
            qtbot.mouseClick(dialog.ui.outsideRadio, Qt.MouseButton.LeftButton)
            assert dialog.ui.stack.currentWidget() is dialog.ui.outsidePage
            type_chinese(dialog.ui.nameEdit, name)
            type_chinese(dialog.ui.unitEdit, "镇纪委")
            qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)

        return fill

    # Typed as an outside person under a register member's name: the dialog says so.
    def same_name(dialog: Any) -> None:
        qtbot.mouseClick(dialog.ui.outsideRadio, Qt.MouseButton.LeftButton)
        type_chinese(dialog.ui.nameEdit, member_name)
        hint = dialog.ui.outsideHint.text()
        assert f"党员名册里有同名党员{member_name}（" in hint and own in hint
        dialog.reject()

    _answer(qtbot, tab, tab.add_button, same_name)
    assert _answer(qtbot, tab, tab.add_button, outside("杨正华")) == []
    assert "已经有杨正华" in _answer(qtbot, tab, tab.add_button, outside("杨正华"))[0]
    yang = next(r for r in tab.table.model.rows if r.name == "杨正华")
    assert (yang.from_register, yang.recused_from) == (False, [])

    # Corrected: the unit of the outside person.
    tab.table.select_where(lambda r: r.assessor_id == yang.assessor_id)

    def correct(dialog: Any) -> None:
        assert dialog.ui.nameEdit.text() == "杨正华" and not dialog.ui.registerRadio.isVisible()
        dialog.ui.unitEdit.clear()
        type_chinese(dialog.ui.unitEdit, "镇纪委书记")
        dialog.try_accept()

    assert _answer(qtbot, tab, tab.edit_button, correct) == []
    assert next(r for r in tab.table.model.rows if r.name == "杨正华").unit == "镇纪委书记"

    # Replaced by an outside person, with a reason (refused without one).
    tab.table.select_where(lambda r: r.assessor_id == yang.assessor_id)

    def replace(reason: str) -> Callable[[Any], None]:
        def fill(dialog: Any) -> None:
            assert dialog.ui.reasonEdit.isVisible()
            qtbot.mouseClick(dialog.ui.outsideRadio, Qt.MouseButton.LeftButton)
            type_chinese(dialog.ui.nameEdit, "普学文")
            if reason:
                type_chinese(dialog.ui.reasonEdit, reason)
            dialog.try_accept()

        return fill

    assert "更换原因" in _answer(qtbot, tab, tab.replace_button, replace(""))[0]
    tab.table.select_where(lambda r: r.assessor_id == yang.assessor_id)
    assert _answer(qtbot, tab, tab.replace_button, replace("到县里学习")) == []
    assert sorted(r.name for r in tab.table.model.rows) == sorted([member_name, "普学文"])
    entry = in_db(
        window.ctx,
        lambda s: s.exec(select(AuditEntry).where(AuditEntry.action == "replace")).one(),
    )
    assert entry.reason == "到县里学习" and "杨正华更换为普学文" in entry.summary

    # The member is transferred to another enrolled branch: his recusal follows the register.
    target_id, target = next((b, n) for b, n in branches(window.ctx) if n not in (own, parent))

    def move(s: Any) -> None:
        m = s.get(Member, member_id)
        data = registers.MemberInput(
            name=m.name, gender=m.gender, ethnicity=m.ethnicity, branch_id=target_id
        )
        registers.update_member(s, actor=window.ctx.actor, member_id=member_id, data=data)

    in_db(window.ctx, move)
    window.ctx.announce()
    line = next(r for r in tab.table.model.rows if r.name == member_name)
    assert line.branch_name == target and target in line.recused_from
    assert own not in line.recused_from

    # Once he has scored, he is neither removed nor replaced.
    in_db(
        window.ctx,
        lambda s: ev.save_sheet(
            s,
            actor=window.ctx.actor,
            first_year=YEAR,
            assessor_id=line.assessor_id,
            scores={(next(b for b, n in branches(window.ctx) if n == own), "1.1"): "8"},
        ),
    )
    window.ctx.announce()
    tab.table.select_where(lambda r: r.assessor_id == line.assessor_id)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert "已经录入了评分" in answers.warnings[-1]
    qtbot.mouseClick(tab.replace_button, Qt.MouseButton.LeftButton)
    assert "不能更换为他人" in answers.warnings[-1]
    assert len(tab.table.model.rows) == 2


# ------------------------------------------------------------------ 统一考核评分


def test_score_grid_keyed_by_keyboard_saves_the_sheet(
    window: Any, qtbot: Any, answers: Any
) -> None:
    assessor_id = add_assessor(window.ctx, "张建国")
    page = open_page(window)
    page.tabs.setCurrentWidget(page.scoring)
    tab = page.scoring
    view, model = tab.view, tab.model
    assert model.headerData(1, Qt.Orientation.Horizontal).split("\n") == ["1.1 (9)", "执行力强"]
    enrolled = branches(window.ctx)
    assert model.rowCount() == len(enrolled)

    view.setFocus()
    view.setCurrentIndex(model.index(0, 1))
    first_row = ["8", "7.5", "7", "5", "5", "5", "5", "5", "12", "11", "6", "6", "5"]
    for value in first_row:
        type_cell(qtbot, view, value, Qt.Key.Key_Tab)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 1)  # Tab wraps
    assert model.data(model.index(0, model.total_column)) == "87.5"
    # Enter after a run of Tabs comes back to the column the run started in, one row down
    type_cell(qtbot, view, "9", Qt.Key.Key_Tab)
    type_cell(qtbot, view, "6", Qt.Key.Key_Return)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, 1)
    # arrows move, a refused value keeps the cell, Delete clears
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    type_cell(qtbot, view, "80")
    assert "最高8分" in tab.message.text()
    assert view.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(view.indexWidget(view.currentIndex()), Qt.Key.Key_Escape)
    assert model.data(model.index(1, 2)) == "6"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert model.data(model.index(1, 2)) == ""
    assert "还没保存" in tab.pending_label.text() and page.has_unsaved_changes()

    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    if page.has_unsaved_changes():  # the shortcut needs an active window on some platforms
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not answers.warnings and not page.has_unsaved_changes()
    saved = saved_sheet(window.ctx, assessor_id, 1)
    first = enrolled[0][0]
    assert saved[(first, "1.2")] == Decimal("7.5") and saved[(first, "4.3")] == Decimal(5)
    assert saved[(enrolled[1][0], "1.1")] == Decimal(9)
    assert len(saved) == 14


def test_recused_cells_are_grey_and_not_editable(window: Any, qtbot: Any) -> None:
    branch_id = branches(window.ctx)[3][0]
    add_assessor(window.ctx, "罗德明", branch_id)
    page = open_page(window)
    page.tabs.setCurrentWidget(page.scoring)
    view, model = page.scoring.view, page.scoring.model
    row = next(r for r, line in enumerate(model.rows) if line.branch_id == branch_id)
    cell = model.index(row, 1)
    assert not model.flags(cell) & Qt.ItemFlag.ItemIsEditable
    assert "回避" in model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) is not None
    view.setCurrentIndex(cell)
    qtbot.keyClick(view, "8")
    assert view.state() != QAbstractItemView.State.EditingState
    assert not model.has_pending()
    assert model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable  # the others are open


def test_double_entry_shows_exactly_the_disagreement_until_it_is_resolved(
    window: Any, qtbot: Any, answers: Any
) -> None:
    assessor_id = add_assessor(window.ctx, "张建国")
    first_branch = branches(window.ctx)[0][0]
    in_db(
        window.ctx,
        lambda s: ev.save_sheet(
            s,
            actor=window.ctx.actor,
            first_year=YEAR,
            assessor_id=assessor_id,
            scores={
                (first_branch, "1.1"): "8",
                (first_branch, "1.2"): "7",
                (first_branch, "1.3"): "6.5",
            },
            entry=1,
        ),
    )
    window.ctx.announce()
    page = open_page(window)
    page.tabs.setCurrentWidget(page.scoring)
    tab = page.scoring
    assert len(tab.checks.model.rows) == 3  # keyed once only: not agreed yet
    assert tab.checks.model.data(tab.checks.model.index(0, 3)) == "已录"  # no value shown

    window.ctx.set_actor(window.ctx.read(lambda s: sign_in(s, "王晓燕")))  # a second keyer
    tab.entry_combo.setCurrentIndex(tab.entry_combo.findData(2))
    view, model = tab.view, tab.model
    assert model.data(model.index(0, 1)) == ""  # blind: entry 1 is not shown
    view.setCurrentIndex(model.index(0, 1))
    for value in ("8", "7.5", "6.5"):
        type_cell(qtbot, view, value, Qt.Key.Key_Tab)
    page.tabs.setCurrentWidget(page.results)
    missing_before = page.results.ranking.status.text()
    assert "统一考核还缺" in missing_before
    page.tabs.setCurrentWidget(page.scoring)
    sheet_reads, page_reloads = tab.sheet_reads, page.reloads
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not answers.warnings
    # the sheet on screen is updated in place: no sheet read again, the page not reloaded
    assert tab.sheet_reads == sheet_reads and page.reloads == page_reloads + 1
    assert not model.has_pending()
    assert [model.data(model.index(0, c)) for c in (1, 2, 3)] == ["8", "7.5", "6.5"]
    assert saved_sheet(window.ctx, assessor_id, 2) == {
        (first_branch, "1.1"): Decimal(8),
        (first_branch, "1.2"): Decimal("7.5"),
        (first_branch, "1.3"): Decimal("6.5"),
    }
    page.tabs.setCurrentWidget(page.results)  # 综合评价 reads the scores again when opened
    assert page.results.ranking.status.text() != missing_before
    page.tabs.setCurrentWidget(page.scoring)

    lines = tab.checks.model.rows
    assert [(line.branch_id, line.code, line.first, line.second) for line in lines] == [
        (first_branch, "1.2", Decimal(7), Decimal("7.5"))
    ]
    assert "1处两遍不一致" in tab.check_label.text()
    assert model.data(model.index(0, 2), Qt.ItemDataRole.BackgroundRole) is not None

    # double-click the line; the paper says 7: the second entry was wrong
    answers.choices.append("第二遍录错了（第二遍是7.5），改第二遍")
    tab.entry_combo.setCurrentIndex(tab.entry_combo.findData(1))
    checks = tab.checks.view
    rect = checks.visualRect(tab.checks.proxy.index(0, 1))
    qtbot.mouseClick(checks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(checks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.sheet_key == (YEAR, assessor_id, 2)
    assert answers.choices == []  # asked once
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 2)
    type_cell(qtbot, view, "7")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.checks.model.rows == []
    assert "全部一致" in tab.check_label.text()
    assert in_db(window.ctx, lambda s: ev.disagreements(s, get_round(s, YEAR))) == []


# ------------------------------------------------------------------ 综合评价


def test_compute_shows_ranks_ties_and_the_quota_line(window: Any, qtbot: Any, answers: Any) -> None:
    fill_round(window.ctx)
    page = open_page(window)
    page.tabs.setCurrentWidget(page.results)
    panel = page.results.ranking
    page.results.inner.setCurrentWidget(panel)
    assert "还没保存" in panel.status.text()
    qtbot.mouseClick(panel.compute_button, Qt.MouseButton.LeftButton)
    assert not answers.warnings
    assert "已计算并保存" in panel.status.text()

    rows = panel.model.rows
    lines = [r for r in rows if isinstance(r, ev.ResultLine)]
    ranked = [line for line in lines if line.rank is not None]
    assert lines[0].rank == 1 and len(ranked) > len(lines) // 2
    # branches that cannot be selected (限期整改 from last round) say why
    assert all(line.reason for line in lines if line.rank is None)
    quota = [i for i, r in enumerate(rows) if isinstance(r, QuotaLine)]
    assert len(quota) == 1
    assert "名额线" in panel.model.data(panel.model.index(quota[0], 0))
    assert panel.view.columnSpan(quota[0], 0) == len(panel.columns)
    above = [r for r in rows[: quota[0]] if isinstance(r, ev.ResultLine)]
    assert all(line.within_quota for line in above)
    # equal scores share a rank and say so
    assert any(panel.model.data(panel.model.index(i, 0)).startswith("并列") for i in range(3))
    stored = in_db(window.ctx, lambda s: ev.stored_results(s, get_round(s, YEAR)))
    assert stored is not None and stored.lines[0].rank == 1


def test_after_approval_a_change_asks_for_a_reason(
    window: Any, qtbot: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill_round(window.ctx)

    in_db(window.ctx, lambda s: ev.compute_results(s, actor=window.ctx.actor, first_year=YEAR))
    fix_candidates(window.ctx.db, window.ctx.actor, YEAR, clock.today())

    def approve(s: Any) -> None:
        naming.start_announcement(
            s, actor=window.ctx.actor, first_year=YEAR, starts_on=dt.date(2027, 2, 1)
        )
        naming.approve_results(
            s,
            actor=sign_in(s, "张建国"),
            first_year=YEAR,
            meeting_on=dt.date(2027, 2, 26),
            meeting="2027年第2次党委会",
        )

    in_db(window.ctx, approve)
    window.ctx.announce()
    page = open_page(window)
    assert "已经审批" in page.notice.text()
    page.tabs.setCurrentWidget(page.scoring)
    tab = page.scoring
    tab.view.setCurrentIndex(tab.model.index(0, 1))
    type_cell(qtbot, tab.view, "1")

    answers.texts.append("")  # no reason: nothing saved
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "没有写修改原因" in answers.warnings[-1] and tab.model.has_pending()

    answers.texts.append("纸质评分表核对后更正")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not tab.model.has_pending()
    first = branches(window.ctx)[0][0]
    assert saved_sheet(window.ctx, ids[0], 1)[(first, "1.1")] == Decimal(1)


def test_indicators_and_veto_are_entered_in_the_table(
    window: Any, qtbot: Any, answers: Any
) -> None:
    page = open_page(window)
    page.tabs.setCurrentWidget(page.results)
    panel = page.results.indicators
    page.results.inner.setCurrentWidget(panel)
    view, model = panel.view, panel.model
    branch_id = model.rows[0].branch_id

    def line() -> ev.IndicatorLine:
        found = in_db(window.ctx, lambda s: ev.indicator_lines(s, YEAR))
        return next(r for r in found if r.branch_id == branch_id)

    view.setFocus()
    view.setCurrentIndex(model.index(0, 2))
    qtbot.keyClick(view, "3")
    editor = view.indexWidget(view.currentIndex())
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: line().secretary_rank == 3)
    view.setCurrentIndex(model.index(0, 3))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = view.indexWidget(view.currentIndex())
    combo.setCurrentText("否")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: line().targets_all_passed is False)
    assert line().secretary_rank == 3
    assert Veto.TARGET_FAILED in line().vetoes  # 目标管理不合格 is a veto
    assert model.data(model.index(0, 5)) == "目标管理考核不合格"

    def set_veto(dialog: Any) -> None:
        assert isinstance(dialog, VetoDialog)
        dialog.ui.fraudCheck.setChecked(True)
        dialog.ui.noteEdit.clear()
        dialog.try_accept()  # a veto without what happened is refused in the dialog
        assert "写明具体情况" in dialog.ui.errorLabel.text()
        type_chinese(dialog.ui.noteEdit, "申报材料虚报活动场所建设情况。")
        qtbot.mouseClick(
            dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Ok),
            Qt.MouseButton.LeftButton,
        )

    when_dialog_opens(qtbot, set_veto)
    qtbot.mouseClick(panel.veto_button, Qt.MouseButton.LeftButton)
    assert set(line().vetoes) == {Veto.FRAUD, Veto.TARGET_FAILED}
    assert line().veto_note == "申报材料虚报活动场所建设情况。"


def test_work_summary_is_drafted_edited_and_saved(window: Any, qtbot: Any, answers: Any) -> None:
    page = open_page(window)
    page.tabs.setCurrentWidget(page.results)
    panel = page.results.summary
    page.results.inner.setCurrentWidget(panel)
    assert "申报参加创建活动" in panel.editor.toPlainText()  # the draft
    assert not page.has_unsaved_changes()
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    type_chinese(panel.editor, "特此总结。")
    assert page.has_unsaved_changes()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert not page.has_unsaved_changes()
    text = in_db(window.ctx, lambda s: get_round(s, YEAR).work_summary)
    assert text.endswith("特此总结。") and "申报参加创建活动" in text


# ------------------------------------------------------------------ the closed round


def test_closed_round_is_shown_read_only(window: Any, qtbot: Any) -> None:
    page = open_page(window, 2025)
    assert "已结束" in page.notice.text()
    page.tabs.setCurrentWidget(page.results)
    panel = page.results.ranking
    rows = panel.model.rows
    assert any(isinstance(r, QuotaLine) for r in rows)
    ranked = [r for r in rows if isinstance(r, ev.ResultLine) and r.rank is not None]
    assert ranked and ranked[0].rank == 1
    vetoed = [r for r in rows if isinstance(r, ev.ResultLine) and r.vetoes]
    assert vetoed and vetoed[0].rank is None  # the demo's vetoed branch
    assert not panel.compute_button.isEnabled()

    page.tabs.setCurrentWidget(page.scoring)
    model = page.scoring.model
    assert model.rowCount() > 0 and model.data(model.index(0, 1)) != ""
    assert not any(
        model.flags(model.index(r, c)) & Qt.ItemFlag.ItemIsEditable
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    )
    page.tabs.setCurrentWidget(page.self_check)
    self_model = page.self_check.model
    assert self_model.rowCount() == 13 and self_model.data(self_model.index(0, 3)) != ""
    assert not self_model.flags(self_model.index(0, 3)) & Qt.ItemFlag.ItemIsEditable
    page.tabs.setCurrentWidget(page.assessors)
    assert len(page.assessors.table.model.rows) == 5
    assert not page.assessors.add_button.isEnabled()
    page.tabs.setCurrentWidget(page.results)
    page.results.inner.setCurrentWidget(page.results.summary)
    assert page.results.summary.editor.isReadOnly()
    assert "镇党委" in page.results.summary.editor.toPlainText()


def test_tabs_are_built_when_first_opened_and_show_the_round_then_chosen(
    window: Any, qtbot: Any
) -> None:
    page = open_page(window)
    assert isinstance(page.tabs.currentWidget(), IntakeGridWidget)
    labels = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert labels == ["创建工作材料", "自检自查", "考核组", "统一考核评分", "综合评价"]
    assert not any(isinstance(page.tabs.widget(i), ScoringTab | ResultsTab) for i in (3, 4))

    page.tabs.setCurrentIndex(3)  # a click on the tab: built, in its place, with the round
    scoring = page.tabs.currentWidget()
    assert isinstance(scoring, ScoringTab) and page.tabs.widget(3) is scoring
    assert scoring is page.scoring and scoring.state is not None and scoring.state.year == YEAR
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == labels

    page.tabs.setCurrentIndex(0)
    combo = window.round_combo
    combo.setCurrentIndex(combo.findData(2025))
    qtbot.waitUntil(lambda: page.state is not None and page.state.year == 2025)
    results = page.results  # asked for while another tab is on screen: built, not selected
    assert page.tabs.currentIndex() == 0 and page.tabs.widget(4) is results
    page.tabs.setCurrentWidget(results)
    assert results.state is not None and results.state.year == 2025
    assert any(isinstance(r, QuotaLine) for r in results.ranking.model.rows)
    page.tabs.setCurrentWidget(scoring)  # built for 2026 before: reads 2025 now
    assert scoring.state is not None and scoring.state.year == 2025
    assert scoring.model.rowCount() > 0


# ------------------------------------------------------------------ paper


def test_print_buttons_build_and_preview_the_pdfs(
    window: Any, qtbot: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[Path] = []
    monkeypatch.setattr(
        PdfPreview, "show_file", classmethod(lambda cls, parent, path, title="": shown.append(path))
    )
    page = open_page(window, 2025)
    page.tabs.setCurrentWidget(page.results)
    panel = page.results.ranking
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=20000)
    assert shown[0].name.endswith("综合评价汇总表.pdf") and shown[0].stat().st_size > 1000

    page.tabs.setCurrentWidget(page.scoring)
    answers.choices.append("张建国")
    qtbot.mouseClick(page.scoring.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=20000)
    assert "张建国" in shown[1].name and shown[1].stat().st_size > 1000

    page.tabs.setCurrentWidget(page.results)
    page.results.inner.setCurrentWidget(page.results.summary)
    qtbot.mouseClick(page.results.summary.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=20000)
    assert shown[2].name.endswith("工作总结.pdf")


def test_unsaved_results_are_not_printed(window: Any, qtbot: Any, answers: Any) -> None:
    page = open_page(window)
    page.tabs.setCurrentWidget(page.results)
    qtbot.mouseClick(page.results.ranking.print_button, Qt.MouseButton.LeftButton)
    assert "计算综合评价" in answers.warnings[-1]


# ------------------------------------------------------------------ models and dialogs


def test_every_model_passes_the_model_tester(window: Any, qtmodeltester: Any) -> None:
    branch_id = branches(window.ctx)[0][0]
    recused = add_assessor(window.ctx, "罗德明", branch_id)
    other = in_db(  # a branch he need not stand aside from
        window.ctx,
        lambda s: next(
            b.id
            for _, b in enrolled_branches(s, get_round(s, YEAR))
            if ev.recusal_reason(s, s.get(Assessor, recused), b) is None
        ),
    )
    fill_round(window.ctx, assessors=1)
    in_db(  # keyed once only: one line in the 双人录入 check
        window.ctx,
        lambda s: ev.save_sheet(
            s,
            actor=window.ctx.actor,
            first_year=YEAR,
            assessor_id=recused,
            scores={(other, "1.1"): "8"},
        ),
    )
    window.ctx.announce()
    page = open_page(window)
    for tab_index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab_index)
    for inner in range(page.results.inner.count()):
        page.results.inner.setCurrentIndex(inner)
    models = [
        page.self_check.model,
        page.self_check.branches.model,
        page.self_check.branches.proxy,
        page.assessors.table.model,
        page.scoring.model,
        page.scoring.checks.model,
        page.results.ranking.model,
        page.results.indicators.model,
    ]
    for model in models:
        assert model.rowCount(QModelIndex()) > 0, type(model).__name__
        qtmodeltester.check(model)
    empty = type(page.scoring.model)()
    qtmodeltester.check(empty)


def test_screenshot_dialogs_are_built(window: Any) -> None:
    page = open_page(window)
    dialogs = dict(page.screenshot_dialogs())
    assert isinstance(dialogs["assessor"], AssessorDialog)
    assert isinstance(dialogs["veto"], VetoDialog)
    assert dialogs["assessor"].ui.branchCombo.count() == len(branches(window.ctx)) + 1
