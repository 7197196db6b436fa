"""公示与表彰 over the demo: 公示 → 异议 → 审批 (blocked until ready, only by an approver) → 荣誉."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from commendation_helpers import (
    DEMO_TODAY,
    YEAR,
    click,
    click_row,
    pdf_pages,
    pdf_text,
    record_previews,
    row_of,
    score_current_round,
    sign_in_as,
    type_text,
)
from naming_steps import DEEDS, fix_candidates
from PySide6.QtCore import Qt

from dangjian_desktop import clock
from dangjian_desktop.gui.notice_dialogs import NoticeDraftDialog
from dangjian_desktop.gui.pages.commendation import HONOURS_TAB, MEDIA_TAB, OBJECTIONS_TAB
from dangjian_desktop.services import commendation, media, naming
from dangjian_desktop.services.common import get_round
from dangjian_desktop.services.notices import notices as notices_of
from dangjian_desktop.services.operators import sign_in
from dangjian_desktop.services.registers import list_members


@pytest.fixture(autouse=True)
def _clock_back() -> Any:
    """Tests here move the clock on; later tests start from the demo's day again."""
    yield
    clock.set_today(DEMO_TODAY)


@pytest.fixture
def page(window: Any, ctx: Any) -> Any:
    score_current_round(ctx)
    shown = window.show_page("commendation")
    shown.refresh()
    return shown


def _round(ctx: Any) -> Any:
    return ctx.read(lambda s: get_round(s, YEAR))


def _announce(qtbot: Any, page: Any) -> None:
    click(qtbot, page.announce_button)
    dialog = page.dialog
    assert dialog.ui.end_label.text().startswith("2027年3月5日")  # 5 working days from Mon 1 Mar
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def _object(qtbot: Any, page: Any) -> None:
    page.tabs.setCurrentIndex(OBJECTIONS_TAB)
    click(qtbot, page.object_button)
    dialog = page.dialog
    type_text(qtbot, dialog.ui.raised_by, "村民李某")
    dialog.ui.branch.setCurrentIndex(
        dialog.ui.branch.findText(page.shortlist.model.rows[0].branch_name)
    )
    type_text(qtbot, dialog.ui.content, "反映该党总支党员活动记录不全。")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def _handle(qtbot: Any, page: Any) -> None:
    page.tabs.setCurrentIndex(OBJECTIONS_TAB)
    click_row(qtbot, page.objections, 0)
    click(qtbot, page.handle_button)
    dialog = page.dialog
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # handling text missing
    assert dialog.isVisible() and "处理情况" in dialog.ui.error.text()
    type_text(qtbot, dialog.ui.handling, "经镇纪委调阅记录核实，反映情况不属实。")
    qtbot.mouseClick(dialog.ui.not_upheld, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_announcement_objection_and_approval(
    page: Any, ctx: Any, qtbot: Any, answers: Any, qtmodeltester: Any
) -> None:
    assert page.shortlist.model.rowCount() == 4
    assert not page.announce_button.isEnabled()  # the list is not fixed yet
    fix_candidates(ctx.db, ctx.actor, YEAR, clock.today())
    page.refresh()
    assert not page.approve_button.isEnabled()
    assert "还没有公示" in page.approval_label.text()

    _announce(qtbot, page)
    announcement = ctx.read(lambda s: commendation.get_announcement(s, _round(ctx)))
    assert (announcement.starts_on, announcement.ends_on) == (
        dt.date(2027, 3, 1),
        dt.date(2027, 3, 5),
    )
    assert "2027年3月1日 至 2027年3月5日" in page.announcement_label.text()
    assert "进行中" in page.announcement_label.text()
    assert not page.announce_button.isEnabled()

    _object(qtbot, page)
    lines = ctx.read(lambda s: commendation.objection_lines(s, YEAR))
    assert [(o.raised_by, o.conclusion) for o in lines] == [("村民李某", "未处理")]

    # Blocked while the 公示 runs: the reason in red and as the button's tooltip.
    assert "公示期到2027-03-05才结束" in page.approval_label.text()
    assert not page.approve_button.isEnabled()
    assert "公示期到2027-03-05才结束" in page.approve_button.toolTip()

    clock.set_today(dt.date(2027, 3, 8))
    page.refresh()
    assert "已结束" in page.announcement_label.text()
    assert "1条公示异议没有处理完" in page.approval_label.text()
    assert not page.approve_button.isEnabled()

    _handle(qtbot, page)
    assert ctx.read(lambda s: commendation.objection_lines(s, YEAR))[0].upheld is False
    assert "可以由审批人审批" in page.approval_label.text()

    # A clerk may not approve; the button says why.
    sign_in_as(ctx, "王晓燕")
    assert not page.approve_button.isEnabled()
    assert "需要审批人身份，请切换操作员" in page.approve_button.toolTip()

    # Nor may the administrator: 审批人 is a role of its own.
    sign_in_as(ctx, "李丽华")
    assert not page.approve_button.isEnabled()

    sign_in_as(ctx, "张建国")
    assert page.approve_button.isEnabled()
    click(qtbot, page.approve_button)
    type_text(qtbot, page.dialog.ui.who, "2027年第3次党委会")
    qtbot.mouseClick(page.dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _round(ctx).approved_at is not None
    assert "由张建国审批，评分已锁定" in page.approval_label.text()
    assert page.unapprove_button.isVisible() and page.unapprove_button.isEnabled()

    for model in (page.shortlist.model, page.objections.model):
        qtmodeltester.check(model)

    # The approver can take the approval back, with a reason.
    answers.texts.append("发现一处评分录入错误，需要更正")
    click(qtbot, page.unapprove_button)
    assert _round(ctx).approved_at is None
    assert page.approve_button.isVisible()


def _approve(ctx: Any, members: tuple[int, ...] = ()) -> None:
    """Bring the round to an approved decision through the services (the path tested above)."""
    fix_candidates(ctx.db, ctx.actor, YEAR, clock.today(), members=members)
    with ctx.db.transaction() as s:
        naming.start_announcement(
            s, actor=ctx.actor, first_year=YEAR, starts_on=dt.date(2027, 3, 1)
        )
    clock.set_today(dt.date(2027, 3, 8))
    with ctx.db.transaction() as s:
        naming.approve_results(
            s,
            actor=sign_in(s, "张建国"),
            first_year=YEAR,
            meeting_on=dt.date(2027, 3, 8),
            meeting="2027年第3次党委会",
        )
    ctx.announce()


def test_honours_are_granted_from_the_page(
    page: Any, ctx: Any, qtbot: Any, answers: Any, qtmodeltester: Any
) -> None:
    assert not page.name_button.isEnabled()
    assert "审批" in page.name_button.toolTip()
    top = page.shortlist.model.rows[0].branch_id
    member = next(
        m for m in ctx.read(lambda s: list_members(s, branch_id=top)) if m.kind == "正式党员"
    )
    _approve(ctx, members=(member.id,))

    # 命名先进: two branches chosen with Ctrl-click.
    top_two = [line.branch_name for line in page.shortlist.model.rows[:2]]
    click_row(qtbot, page.shortlist, 0)
    click_row(qtbot, page.shortlist, 1, add=True)
    click(qtbot, page.name_button)
    honours = ctx.read(lambda s: commendation.honour_lines(s, YEAR))
    assert [(h.name, h.certificate_number) for h in honours] == [
        (top_two[0], "2027先字第001号"),
        (top_two[1], "2027先字第002号"),
    ]
    assert page.tabs.currentIndex() == HONOURS_TAB
    assert [line.honour_id is not None for line in page.shortlist.model.rows] == [
        True,
        True,
        False,
        False,
    ]

    # 优秀共产党员: the nominated member on the approved list gets a numbered certificate.
    click(qtbot, page.member_button)
    honours = ctx.read(lambda s: commendation.honour_lines(s, YEAR))
    granted = [h for h in honours if h.kind == "member"]
    assert [(h.name, h.branch_name, h.deeds, h.certificate_number) for h in granted] == [
        (member.name, top_two[0], DEEDS, "2027优字第001号")
    ]
    click(qtbot, page.member_button)  # nobody left to commend
    assert answers.warnings and "都已表彰" in answers.warnings[-1]

    # 向上推荐 to the province.
    page.tabs.setCurrentIndex(HONOURS_TAB)
    click_row(qtbot, page.honours, row_of(page.honours, lambda h: h.kind == "member"))
    answers.choices.append("省")
    click(qtbot, page.recommend_button)
    honours = ctx.read(lambda s: commendation.honour_lines(s, YEAR))
    assert [h.recommended_to for h in honours if h.kind == "member"] == ["省"]

    qtmodeltester.check(page.honours.model)


def test_certificates_and_decision_are_printed(
    page: Any, ctx: Any, qtbot: Any, answers: Any, monkeypatch: Any
) -> None:
    shown = record_previews(monkeypatch)
    _approve(ctx)
    click_row(qtbot, page.shortlist, 0)
    click_row(qtbot, page.shortlist, 1, add=True)
    click(qtbot, page.name_button)
    assert page.tabs.currentIndex() == HONOURS_TAB
    assert not page.certificate_button.isEnabled()  # nothing selected yet

    click_row(qtbot, page.honours, 0)
    click_row(qtbot, page.honours, 1, add=True)
    click(qtbot, page.certificate_button)
    qtbot.waitUntil(lambda: page.task.done, timeout=20000)
    assert len(shown) == 1
    path, title = shown[0]
    assert pdf_pages(path) == 2 and "荣誉证书2份" in title

    # the 表彰决定 goes through the same 样稿 dialog as every notice: preview takes no number
    click(qtbot, page.decision_button)
    dialog = page.draft_dialog
    assert isinstance(dialog, NoticeDraftDialog) and "决定" in dialog.title_label.text()
    assert "中共" in dialog.organ_label.text()
    click(qtbot, dialog.preview_button)
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20000)
    assert "样稿" in shown[-1][1] and len(shown) == 2
    assert [n.kind for n in ctx.read(lambda s: notices_of(s, _round(ctx)))] == ["certificates"]
    dialog.body.setPlainText(dialog.body.toPlainText() + "\n希望受表彰的党组织和党员珍惜荣誉。")
    click(qtbot, dialog.issue_button)
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20000)
    notices = ctx.read(lambda s: notices_of(s, _round(ctx)))
    assert [(n.kind, n.number) for n in notices] == [
        ("certificates", ""),  # the certificate batch is recorded too, without a number
        ("decision", "石党发〔2027〕1号"),
    ]
    notices = notices[1:]
    path, title = shown[2]
    assert path == ctx.db.data_dir.root / notices[0].file_path and path.exists()
    assert "石党发〔2027〕1号" in title and "决定" in title
    assert "希望受表彰的党组织和党员珍惜荣誉。" in pdf_text(path)


def test_media_reports_are_registered_and_deleted(
    page: Any, ctx: Any, qtbot: Any, answers: Any, qtmodeltester: Any
) -> None:
    page.tabs.setCurrentIndex(MEDIA_TAB)
    click(qtbot, page.media_add_button)
    dialog = page.dialog
    dialog.ui.medium.setCurrentIndex(dialog.ui.medium.findText("网络"))
    type_text(qtbot, dialog.ui.outlet, "云南网")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "标题" in dialog.ui.error.text()
    type_text(qtbot, dialog.ui.title, "党员带头发展茶产业")
    qtbot.keyClick(dialog.ui.title, Qt.Key.Key_Return)  # Enter accepts
    assert not dialog.isVisible()
    reports = ctx.read(lambda s: media.media_lines(s, YEAR))
    assert [(r.medium, r.outlet, r.title) for r in reports] == [
        ("网络", "云南网", "党员带头发展茶产业")
    ]
    qtmodeltester.check(page.media.model)

    click_row(qtbot, page.media, 0)
    click(qtbot, page.media_delete_button)
    assert ctx.read(lambda s: media.media_lines(s, YEAR)) == []


def test_a_closed_round_is_read_only(window: Any, ctx: Any) -> None:
    ctx.set_round(2025)
    page = window.show_page("commendation")
    page.refresh()
    branches, members = ctx.read(lambda s: naming.approved_ids(s, get_round(s, 2025)))
    assert page.honours.model.rowCount() == len(branches) + len(members) > 0
    assert "由张建国审批" in page.approval_label.text()
    for button in (page.member_button, page.media_add_button, page.unapprove_button):
        assert not button.isEnabled()
        assert "本年度已结束" in button.toolTip()


def test_screenshot_dialogs(page: Any) -> None:
    names = [name for name, _dialog in page.screenshot_dialogs()]
    assert names == [
        "announcement",
        "objection",
        "handle_objection",
        "member_honour",
        "media_report",
    ]
