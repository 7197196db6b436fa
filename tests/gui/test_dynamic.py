"""动态管理 over the demo's honours: rectification with a deadline and its outcome, revocation for
fraud (with its 通报批评), buttons that follow the honour's state, 追究责任."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from commendation_helpers import (
    DEMO_TODAY,
    click,
    click_row,
    pdf_pages,
    record_previews,
    row_of,
    type_text,
)
from PySide6.QtCore import QDate, Qt

from dangjian_desktop import clock
from dangjian_desktop.domain.honours import HonourState, RevocationReason
from dangjian_desktop.gui.notice_dialogs import NoticeDraftDialog
from dangjian_desktop.services import commendation, dynamic
from dangjian_desktop.services.notices import notices as notices_of


@pytest.fixture(autouse=True)
def _clock_back() -> Any:
    """Tests here move the clock on; later tests start from the demo's day again."""
    yield
    clock.set_today(DEMO_TODAY)


@pytest.fixture
def page(window: Any) -> Any:
    shown = window.show_page("dynamic")
    shown.refresh()
    return shown


def _honour(ctx: Any, honour_id: int) -> Any:
    return next(h for h in ctx.read(commendation.honour_lines) if h.id == honour_id)


def _select(qtbot: Any, page: Any, name: str) -> Any:
    row = row_of(page.honours, lambda h: h.name == name and h.kind == "branch")
    click_row(qtbot, page.honours, row)
    honour = page.honours.current()
    assert honour is not None and honour.name == name
    return honour


def test_rectification_outcome_and_revocation_for_fraud(
    page: Any, ctx: Any, qtbot: Any, qtmodeltester: Any
) -> None:
    granted = next(h for h in page.honours.model.rows if h.state is HonourState.GRANTED)
    honour = _select(qtbot, page, granted.name)
    assert not page.outcome_button.isEnabled()
    assert "没有在限期整改中" in page.outcome_button.toolTip()

    # 限期整改 with a deadline after today.
    click(qtbot, page.rectify_button)
    dialog = page.dialog
    assert dialog.ui.deadline.minimumDate() == QDate(2027, 3, 2)
    dialog.ui.deadline.setDate(QDate(2027, 4, 15))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "事实和理由" in dialog.ui.error.text()
    type_text(qtbot, dialog.ui.reason, "党员活动室长期关闭，限期整改。")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    now = _honour(ctx, honour.id)
    assert (now.state, now.deadline) == (HonourState.RECTIFYING, dt.date(2027, 4, 15))
    assert page.honours.current().id == honour.id  # the selection stays on it
    assert [line.kind_name for line in page.history.model.rows][-1] == "限期整改"
    assert not page.criticise_button.isEnabled()

    # Past the deadline it shows in red at the top.
    clock.set_today(dt.date(2027, 4, 20))
    page.refresh()
    assert page.overdue_label.isVisible()
    assert granted.name in page.overdue_label.text() and "已超过5天" in page.overdue_label.text()

    # 整改结果: 合格 restores the honour.
    click(qtbot, page.outcome_button)
    dialog = page.dialog
    qtbot.mouseClick(dialog.ui.passed, Qt.MouseButton.LeftButton)
    type_text(qtbot, dialog.ui.reason, "经验收，整改到位。")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _honour(ctx, honour.id).state is HonourState.RESTORED
    assert granted.name not in page.overdue_label.text()

    # 撤销 for fraud: the dialog says a 通报批评 goes with it, and the history shows both.
    click(qtbot, page.revoke_button)
    dialog = page.dialog
    dialog.set_revocation_reason(RevocationReason.FRAUD)
    assert dialog.ui.note.isVisible() and "通报批评" in dialog.ui.note.text()
    type_text(qtbot, dialog.ui.reason, "经查，申报材料中虚报阵地建设情况。")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _honour(ctx, honour.id).state is HonourState.REVOKED
    events = ctx.read(lambda s: dynamic.history_lines(s, honour.id))
    assert [e.kind_name for e in events] == ["限期整改", "整改合格", "撤销荣誉称号", "通报批评"]
    assert events[2].revocation_reason == "评选中弄虚作假"
    assert [line.kind_name for line in page.history.model.rows][-2:] == ["撤销荣誉称号", "通报批评"]

    # A revoked honour: every state-changing button is disabled and says why.
    for button in (
        page.criticise_button,
        page.rectify_button,
        page.outcome_button,
        page.revoke_button,
    ):
        assert not button.isEnabled()
        assert "已撤销" in button.toolTip()
    assert page.accountable_button.isEnabled()

    for model in (page.honours.model, page.history.model, page.accountability.model):
        qtmodeltester.check(model)


def test_criticise_and_hold_accountable(page: Any, ctx: Any, qtbot: Any) -> None:
    granted = next(h for h in page.honours.model.rows if h.state is HonourState.GRANTED)
    honour = _select(qtbot, page, granted.name)
    click(qtbot, page.criticise_button)
    dialog = page.dialog
    type_text(qtbot, dialog.ui.reason, "“三会一课”落实不到位。")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.ui.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert _honour(ctx, honour.id).state is HonourState.CRITICISED

    before = page.accountability.model.rowCount()
    click(qtbot, page.accountable_button)
    dialog = page.dialog
    assert dialog.ui.branch.currentData() == honour.branch_id  # the selected honour's branch
    type_text(qtbot, dialog.ui.person, "张某某（党支部书记）")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "事实和理由" in dialog.ui.error.text()
    type_text(qtbot, dialog.ui.reason, "领导不重视，工作不得力。")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.bottom.currentIndex() == 1
    records = ctx.read(dynamic.accountability_lines)
    assert len(records) == before + 1
    assert (records[-1].person, records[-1].branch_name) == ("张某某（党支部书记）", granted.name)


def test_round_filter_and_revoked_demo_honour(page: Any, qtbot: Any) -> None:
    assert page.round_filter.currentText() == "全部年度"
    total = page.honours.proxy.rowCount()
    page.round_filter.setCurrentIndex(page.round_filter.findData(2026))
    assert page.honours.proxy.rowCount() == 0
    page.round_filter.setCurrentIndex(page.round_filter.findData(2025))
    assert page.honours.proxy.rowCount() == total
    revoked = next(h for h in page.honours.model.rows if h.state is HonourState.REVOKED)
    click_row(qtbot, page.honours, row_of(page.honours, lambda h: h.id == revoked.id))
    assert not page.revoke_button.isEnabled()
    assert [line.kind_name for line in page.history.model.rows] == ["撤销荣誉称号", "通报批评"]


def issue_through_draft(page: Any, qtbot: Any, preview: bool = True) -> None:
    """The notice opens as a 样稿 (like every notice); preview it, then 印发."""
    dialog = page.draft_dialog
    assert isinstance(dialog, NoticeDraftDialog)
    if preview:
        click(qtbot, dialog.preview_button)
        qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20000)
        assert not ctx_notices(page)  # a 样稿 takes no number
    click(qtbot, dialog.issue_button)
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20000)


def ctx_notices(page: Any) -> list[Any]:
    return [n for n in page.ctx.read(notices_of) if n.kind in ("rectification", "criticism")]


def test_rectification_notice_and_criticism_are_issued(
    page: Any, ctx: Any, qtbot: Any, answers: Any, monkeypatch: Any
) -> None:
    shown = record_previews(monkeypatch)
    rectifying = next(h for h in page.honours.model.rows if h.state is HonourState.RECTIFYING)
    click_row(qtbot, page.honours, row_of(page.honours, lambda h: h.id == rectifying.id))
    assert not page.criticism_notice_button.isEnabled()
    assert "没有通报批评" in page.criticism_notice_button.toolTip()
    click(qtbot, page.rectification_notice_button)
    issue_through_draft(page, qtbot)

    revoked = next(h for h in page.honours.model.rows if h.state is HonourState.REVOKED)
    click_row(qtbot, page.honours, row_of(page.honours, lambda h: h.id == revoked.id))
    assert not page.rectification_notice_button.isEnabled()
    click(qtbot, page.criticism_notice_button)
    issue_through_draft(page, qtbot, preview=False)

    notices = ctx.read(notices_of)
    assert [(n.kind, n.number) for n in notices] == [
        ("rectification", "石党发〔2027〕1号"),
        ("criticism", "石党发〔2027〕2号"),
    ]
    shown = [(path, title) for path, title in shown if "样稿" not in title]
    names = [path.name for path, _title in shown]
    assert names[0].startswith("石党发〔2027〕1号") and "整改" in names[0]
    assert names[1].startswith("石党发〔2027〕2号") and "通报" in names[1]
    assert all(pdf_pages(path) >= 1 for path, _title in shown)
    history = ctx.read(lambda s: dynamic.history(s, revoked.id))
    assert history[-1].notice_id == notices[1].id  # the 通报批评 record points at its document


def test_screenshot_dialogs(page: Any) -> None:
    names = [name for name, _dialog in page.screenshot_dialogs()]
    assert names == ["rectify", "outcome", "revoke", "accountability"]


def test_revocation_picks_no_reason_and_asks_before_saving(
    page: Any, ctx: Any, qtbot: Any, answers: Any
) -> None:
    granted = next(h for h in page.honours.model.rows if h.state is HonourState.GRANTED)
    honour = _select(qtbot, page, granted.name)
    click(qtbot, page.revoke_button)
    dialog = page.dialog
    assert dialog.ok_button.text() == "撤销称号…"
    assert dialog.ui.revocation_reason.currentData() is None  # not the gravest by default
    assert not dialog.ui.note.isVisible()
    type_text(qtbot, dialog.ui.reason, "发生严重违纪问题。")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.ui.error.text() == "请选择撤销原因。"
    dialog.set_revocation_reason(RevocationReason.SERIOUS_PROBLEM)
    answers.confirms.append(False)  # the clerk thinks again
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not answers.confirms
    assert _honour(ctx, honour.id).state is HonourState.GRANTED
    answers.confirms.append(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _honour(ctx, honour.id).state is HonourState.REVOKED


def test_the_ok_buttons_say_what_they_do(page: Any, qtbot: Any) -> None:
    from dangjian_desktop.gui.pages.dynamic_dialogs import OK_TEXTS, Action

    assert OK_TEXTS[Action.OUTCOME] == "登记整改结果"
    assert all(text.startswith(("登记", "撤销")) for text in OK_TEXTS.values())
