"""The naming procedure in the window, as a clerk and a committee member do it:
审验 (one candidate fails) → 检查核实 → the leading group's tie decision → a member nominated →
the list fixed → 公示 of branches and members → an upheld objection → approval by a separate
审批人 with the 党委会 → honours from the approved list → certificates."""

from __future__ import annotations

import datetime as dt
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
    score_current_round,
    sign_in_as,
    type_text,
)
from PySide6.QtCore import Qt

from dangjian_desktop import clock
from dangjian_desktop.gui.pages.commendation import HONOURS_TAB, OBJECTIONS_TAB, SHORTLIST_TAB
from dangjian_desktop.services import commendation, evaluation, naming
from dangjian_desktop.services.common import get_round


@pytest.fixture(autouse=True)
def _clock_back() -> Any:
    yield
    clock.set_today(DEMO_TODAY)


def _ok(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.ui.error.text()


def _step(qtbot: Any, page: Any, button: Any, branch: str, *, fail: str = "") -> None:
    tab = page.naming
    click_row(qtbot, tab.reviews, row_of(tab.reviews, lambda r: r.branch_name == branch))
    click(qtbot, button)
    dialog = page.dialog
    if button is tab.review_button and fail:
        dialog.ui.outcome.setCurrentIndex(1)  # 不通过
        type_text(qtbot, dialog.ui.who, "刘志强、杨梅")
        _ok_refused = qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert _ok_refused is None and "写明原因" in dialog.ui.error.text()
        type_text(qtbot, dialog.ui.text, fail)
    else:
        type_text(qtbot, dialog.ui.who, "刘志强、杨梅")
        if button is tab.verify_button:
            type_text(qtbot, dialog.ui.text, "实地查看党员活动室和“三会一课”记录，情况属实。")
    _ok(qtbot, dialog)


def test_from_review_to_certificates(
    window: Any, ctx: Any, qtbot: Any, answers: Any, monkeypatch: Any, qtmodeltester: Any
) -> None:
    shown = record_previews(monkeypatch)
    score_current_round(ctx, tie=True)
    page = window.show_page("commendation")
    page.refresh()
    tab = page.naming
    assert page.tabs.currentWidget() is tab or page.tabs.indexOf(tab) == 0
    page.tabs.setCurrentWidget(tab)

    rnd = ctx.read(lambda s: get_round(s, YEAR))
    results = ctx.read(lambda s: naming.proposal(s, get_round(s, YEAR)))
    assert any("还没有审验" in b for b in results.blockers)
    assert not tab.fix_button.isEnabled()
    assert not page.announce_button.isEnabled()
    assert "候选名单还没有确定" in page.announce_button.toolTip()

    saved = ctx.read(lambda s: evaluation.stored_results(s, get_round(s, YEAR)))
    advanced = [line for line in saved.lines if line.grade == "advanced"]
    tied = [line.branch_name for line in advanced if line.tie_at_quota]
    clear = [line.branch_name for line in advanced if not line.tie_at_quota]
    assert len(tied) == 2 and len(clear) == 4  # quota 5: four clear, two tied for the last place

    # 审验: the second clear candidate fails (its materials are incomplete); the others pass and
    # are checked on site.
    failing = clear[1]
    for name in clear + tied:
        if name == failing:
            _step(qtbot, page, tab.review_button, name, fail="创建工作材料未报送，经催报仍未补交。")
            continue
        _step(qtbot, page, tab.review_button, name)
        _step(qtbot, page, tab.verify_button, name)
    assert f"{failing}：审验不通过（创建工作材料未报送，经催报仍未补交。）" in tab.left_out.text()
    assert "并列" in tab.status.text() and not tab.fix_button.isEnabled()

    # The leading group keeps the second of the two tied branches; choosing both is refused.
    click(qtbot, tab.tie_button)
    dialog = page.dialog
    assert "只剩1个名额" in dialog.ui.intro.text()
    for row in range(dialog.ui.choices.count()):
        dialog.ui.choices.item(row).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "只剩1个名额" in dialog.ui.error.text()
    dialog.ui.choices.item(0).setCheckState(Qt.CheckState.Unchecked)
    type_text(qtbot, dialog.ui.text, "比较书记抓党建述职评议结果。")
    _ok(qtbot, dialog)
    kept_tied = tied[1]

    # A member of the first candidate is nominated.
    click(qtbot, tab.nominate_button)
    dialog = page.dialog
    dialog.ui.branch.setCurrentIndex(dialog.ui.branch.findText(clear[0]))
    member = next(m for m in dialog.model.rows if m.kind == "正式党员")
    type_text(qtbot, dialog.ui.member_search, member.name)
    click_view_row(qtbot, dialog.ui.members, 0)
    type_text(qtbot, dialog.ui.deeds, "带头发展茶叶产业，帮扶困难群众。")
    _ok(qtbot, dialog)

    # A second nomination, from another branch, is withdrawn again with a reason.
    click(qtbot, tab.nominate_button)
    dialog = page.dialog
    dialog.ui.branch.setCurrentIndex(dialog.ui.branch.findText(clear[2]))
    click_view_row(qtbot, dialog.ui.members, 0)
    type_text(qtbot, dialog.ui.deeds, "带头调解矛盾纠纷。")
    _ok(qtbot, dialog)
    assert not tab.withdraw_button.isEnabled()  # nothing chosen yet
    row = row_of(tab.candidates, lambda r: r.kind == "优秀共产党员" and r.branch == clear[2])
    click_row(qtbot, tab.candidates, row)
    answers.texts.append("支部重新推荐，本次提名撤回")
    click(qtbot, tab.withdraw_button)
    nominated = ctx.read(lambda s: naming.nomination_lines(s, get_round(s, YEAR)))
    assert [n.member_name for n in nominated] == [member.name]

    expected = [clear[0], clear[2], clear[3], kept_tied]
    assert tab.fix_button.isEnabled(), tab.fix_button.toolTip()
    click(qtbot, tab.fix_button)
    assert "名单已确定" in tab.status.text()
    fixed = ctx.read(lambda s: naming.current_list(s, get_round(s, YEAR)))
    assert fixed is not None
    qtmodeltester.check(tab.reviews.model)
    qtmodeltester.check(tab.candidates.model)

    # 公示 of exactly that list, branches and the member.
    page.tabs.setCurrentIndex(SHORTLIST_TAB)
    click(qtbot, page.announce_button)
    assert "4 个先进候选单位" in page.dialog.ui.intro.text()
    _ok(qtbot, page.dialog)
    posted = ctx.read(lambda s: naming.posted_names(s, get_round(s, YEAR)))
    assert posted is not None
    assert sorted(posted[0]) == sorted(expected)
    assert posted[1] == [(member.name, clear[0])]

    # An objection against the kept tied branch is upheld: it comes off the list.
    page.tabs.setCurrentIndex(OBJECTIONS_TAB)
    click(qtbot, page.object_button)
    dialog = page.dialog
    type_text(qtbot, dialog.ui.raised_by, "村民李某")
    dialog.ui.branch.setCurrentIndex(dialog.ui.branch.findText(kept_tied))
    type_text(qtbot, dialog.ui.content, "反映该党支部会议记录系补记。")
    _ok(qtbot, dialog)
    # and one against the nominated member, which turns out not to hold.
    click(qtbot, page.object_button)
    dialog = page.dialog
    assert dialog.ui.member.isVisible()
    dialog.ui.member.setCurrentIndex(dialog.ui.member.findText(f"{member.name}（{clear[0]}）"))
    type_text(qtbot, dialog.ui.content, "反映该党员不按时交纳党费。")
    _ok(qtbot, dialog)
    clock.set_today(dt.date(2027, 3, 8))
    page.refresh()
    for content, upheld in (("会议记录", True), ("党费", False)):
        row = row_of(page.objections, lambda r, c=content: c in r.content)
        click_row(qtbot, page.objections, row)
        click(qtbot, page.handle_button)
        dialog = page.dialog
        type_text(qtbot, dialog.ui.handling, "经镇纪委调阅记录、走访党员核实。")
        button = dialog.ui.upheld if upheld else dialog.ui.not_upheld
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        _ok(qtbot, dialog)
    assert [r.branch_name for r in page.objections.model.rows if "党费" in r.content] == [
        f"{clear[0]} · 优秀共产党员{member.name}"
    ]

    # The administrator who computed the results is no 审批人; the committee member approves.
    assert not page.approve_button.isEnabled()
    assert "需要审批人身份" in page.approve_button.toolTip()
    sign_in_as(ctx, "张建国")
    page.refresh()
    click(qtbot, page.approve_button)
    dialog = page.dialog
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "党委会" in dialog.ui.error.text()
    type_text(qtbot, dialog.ui.who, "2027年第3次党委会")
    _ok(qtbot, dialog)
    rnd = ctx.read(lambda s: get_round(s, YEAR))
    assert rnd.approved_at is not None and rnd.committee_meeting == "2027年第3次党委会"
    assert f"{kept_tied}（异议成立）" in page.approval_label.text()
    assert "审批人：张建国" in page.approval_label.text()

    # Honours for the approved branches and the member.
    sign_in_as(ctx, "王晓燕")
    page.refresh()
    page.tabs.setCurrentIndex(SHORTLIST_TAB)
    approved = [clear[0], clear[2], clear[3]]
    rows = [row_of(page.shortlist, lambda r, n=name: r.branch_name == n) for name in approved]
    click_row(qtbot, page.shortlist, rows[0])
    for row in rows[1:]:
        click_row(qtbot, page.shortlist, row, add=True)
    click(qtbot, page.name_button)
    assert page.tabs.currentIndex() == HONOURS_TAB
    click(qtbot, page.member_button)
    honours = ctx.read(lambda s: commendation.honour_lines(s, YEAR))
    assert sorted(h.name for h in honours if h.kind == "branch") == sorted(approved)
    assert [(h.name, h.deeds) for h in honours if h.kind == "member"] == [
        (member.name, "带头发展茶叶产业，帮扶困难群众。")
    ]

    # Certificates for all four.
    click_row(qtbot, page.honours, 0)
    for row in range(1, 4):
        click_row(qtbot, page.honours, row, add=True)
    click(qtbot, page.certificate_button)
    qtbot.waitUntil(lambda: page.task.done, timeout=30000)
    path, title = shown[-1]
    assert pdf_pages(path) == 4 and "荣誉证书4份" in title
