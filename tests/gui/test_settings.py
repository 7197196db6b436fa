"""设置 over demo data: township, the round's settings, rubric, new round, operators, switching."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from typing_helpers import retype, type_text

from dangjian_desktop.domain.text import round_label
from dangjian_desktop.services.common import get_round
from dangjian_desktop.services.evaluation import set_self_score
from dangjian_desktop.services.operators import list_operators, sign_in
from dangjian_desktop.services.rounds import list_rounds, rubric, update_rubric
from dangjian_desktop.services.township import get_township


def _settings(window: Any, tab: int) -> Any:
    page = window.show_page("settings")
    page.tabs.setCurrentIndex(tab)
    return page


# ------------------------------------------------------------------ 本镇信息
def test_township_example_follows_the_prefix_and_saves(window: Any, qtbot: Any) -> None:
    page = _settings(window, 0)
    tab = page.township
    assert tab.edits["name"].text() == window.ctx.read(get_township).name
    retype(qtbot, tab.edits["doc_prefix"], "龙党发")
    assert tab.example.text() == "发文字号示例：龙党发〔2027〕1号"
    retype(qtbot, tab.edits["contact_person"], "岩温")
    assert page.has_unsaved_changes()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    township = window.ctx.read(get_township)
    assert (township.doc_prefix, township.contact_person) == ("龙党发", "岩温")
    assert not page.has_unsaved_changes()
    assert tab.status.text() == "已保存。"


def test_township_problem_shown_inline_and_nothing_saved(window: Any, qtbot: Any) -> None:
    page = _settings(window, 0)
    tab = page.township
    before = window.ctx.read(get_township).doc_prefix
    retype(qtbot, tab.edits["doc_prefix"], "")
    assert tab.example.text() == "发文字号示例：请填写机关代字"
    qtbot.keyClick(tab.edits["doc_prefix"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.error.isVisible()
    assert "机关代字不能为空" in tab.error.text()
    assert window.ctx.read(get_township).doc_prefix == before


# ------------------------------------------------------------------ 年度设置
def test_change_due_date_and_quota_of_2026(window: Any, qtbot: Any) -> None:
    page = _settings(window, 1)
    tab = page.round
    assert tab.heading.text().startswith(round_label(2026))
    tab.date_edits["plan_due"].setDate(QDate(2026, 8, 28))
    retype(qtbot, tab.quota, "25")
    retype(qtbot, tab.self_weight, "0.3")
    assert tab.assessment_weight.text().startswith("0.70")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not tab.error.isVisible(), tab.error.text()
    rnd = window.ctx.read(lambda s: get_round(s, 2026))
    assert rnd.plan_due == dt.date(2026, 8, 28)
    assert rnd.quota_percent == Decimal(25)
    assert (rnd.self_weight, rnd.assessment_weight) == (Decimal("0.3"), Decimal("0.7"))


def test_dates_in_the_wrong_order_are_refused_inline(window: Any, qtbot: Any) -> None:
    page = _settings(window, 1)
    tab = page.round
    tab.date_edits["plan_due"].setDate(QDate(2027, 1, 15))  # after the H2 report is due
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.error.isVisible()
    assert "实施方案报送截止日期" in tab.error.text()
    rnd = window.ctx.read(lambda s: get_round(s, 2026))
    assert rnd.plan_due == dt.date(2026, 8, 25)


def test_closed_round_2025_is_read_only_with_the_reason(window: Any, qtbot: Any) -> None:
    page = _settings(window, 1)
    window.ctx.set_round(2025)
    tab = page.round
    assert "已结束" in tab.reason.text() and tab.reason.isVisible()
    assert not tab.date_edits["plan_due"].isEnabled()
    assert not tab.quota.isEnabled()
    assert not tab.save_button.isEnabled()
    page.tabs.setCurrentIndex(2)
    assert "已结束" in page.rubric.reason.text()
    model = page.rubric.model
    assert not model.flags(model.index(0, model.POINTS)) & Qt.ItemFlag.ItemIsEditable
    assert page.rubric.view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers


def test_started_scoring_freezes_weights_and_rubric(window: Any, ctx: Any, qtbot: Any) -> None:
    branch_id = ctx.read(_an_enrolled_branch)
    ctx.act(
        lambda s: set_self_score(
            s, actor=ctx.actor, first_year=2026, branch_id=branch_id, code="1.1", score="8"
        )
    )
    page = _settings(window, 1)
    tab = page.round
    assert tab.weights_reason.text() == "已开始评分，权重和录入方式已冻结"
    assert not tab.self_weight.isEnabled() and not tab.double_entry.isEnabled()
    assert tab.quota.isEnabled()  # the quota and dates stay editable
    page.tabs.setCurrentIndex(2)
    assert page.rubric.reason.text() == "已开始评分，考核指标已冻结"
    model = page.rubric.model
    assert not model.flags(model.index(0, model.POINTS)) & Qt.ItemFlag.ItemIsEditable
    refused = ctx.act(
        lambda s: update_rubric(s, actor=ctx.actor, first_year=2026, edits={"1.1": (None, "改")}),
        inline=True,
    )
    assert refused[1] is not None and "冻结" in refused[1]


def _an_enrolled_branch(session: Any) -> int:
    from dangjian_desktop.services.evaluation import self_check_lines

    lines = self_check_lines(session, 2026)
    return next(line.branch_id for line in lines if not line.refusal)


# ------------------------------------------------------------------ 新建年度 and the rubric
def _edit_points(qtbot: Any, view: Any, row: int, text: str) -> None:
    model = view.model()
    index = model.index(row, model.POINTS)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits the editor's text on the next turn of the event loop
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_create_2027_from_the_page_and_edit_its_rubric(
    window: Any, ctx: Any, qtbot: Any, answers: Any
) -> None:
    page = _settings(window, 3)
    tab = page.rounds
    assert "2027—2028年度" in tab.create_button.text()
    answers.confirms.append(True)
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    assert [r.first_year for r in ctx.read(list_rounds)] == [2027, 2026, 2025]
    assert ctx.year == 2027
    assert any("2027—2028年度" in text for text in answers.infos)
    rnd = ctx.read(lambda s: get_round(s, 2027))
    assert rnd.plan_due == dt.date(2027, 8, 25) and not rnd.scoring_started
    assert tab.table.model.rowCount() == 3

    page.tabs.setCurrentIndex(2)
    rubric_tab = page.rubric
    assert rubric_tab.heading.text().startswith(round_label(2027))
    assert not rubric_tab.reason.isVisible()
    view = rubric_tab.view
    _edit_points(qtbot, view, 0, "10")  # 执行力强 9 → 10: area 一 now 26/25
    assert "26/25分" in rubric_tab.totals.text()
    qtbot.mouseClick(rubric_tab.save_button, Qt.MouseButton.LeftButton)
    assert rubric_tab.error.isVisible() and "应为25分" in rubric_tab.error.text()
    _edit_points(qtbot, view, 1, "7")  # 创新力强 8 → 7: back to 25
    qtbot.mouseClick(rubric_tab.save_button, Qt.MouseButton.LeftButton)
    assert not rubric_tab.error.isVisible(), rubric_tab.error.text()
    points = ctx.read(lambda s: {i.code: i.points for i in rubric(s, get_round(s, 2027))})
    assert (points["1.1"], points["1.2"]) == (Decimal(10), Decimal(7))
    assert not page.has_unsaved_changes()


def test_close_round_needs_approval_first(window: Any, qtbot: Any) -> None:
    page = _settings(window, 3)
    tab = page.rounds
    assert not tab.close_button.isEnabled()
    assert "还没有审批" in tab.close_reason.text()


# ------------------------------------------------------------------ 操作员 and switching
def _fill_operator_dialog(qtbot: Any, tab: Any, name: str, role: str, password: str) -> None:
    def fill() -> None:
        dialog = tab.last_dialog
        type_text(qtbot, dialog.ui.nameEdit, name)
        dialog.ui.roleCombo.setCurrentIndex(dialog.ui.roleCombo.findText(role))
        qtbot.keyClicks(dialog.ui.passwordEdit, password)
        qtbot.keyClicks(dialog.ui.confirmEdit, password)
        qtbot.keyClick(dialog.ui.confirmEdit, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)


def test_add_operator_with_password_and_switch_to_her(
    window: Any, ctx: Any, qtbot: Any, answers: Any
) -> None:
    page = _settings(window, 4)
    tab = page.operators
    assert tab.add_button.isEnabled()
    _fill_operator_dialog(qtbot, tab, "刀玉香", "审批人", "mima2027")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    added = ctx.read(lambda s: {op.name: op for op in list_operators(s)})["刀玉香"]
    assert added.role == "approver" and added.password_hash
    assert tab.table.current().name == "刀玉香"

    answers.choices.append("刀玉香（审批人）")
    answers.texts.extend(["错的", "mima2027"])
    window.switch_operator_action.trigger()
    assert ctx.actor.name == "刀玉香" and ctx.actor.role == "approver"
    assert any("密码不对" in w for w in answers.warnings)
    assert "刀玉香" in window.actor_label.text()
    assert window.settings.value("operator/last") == "刀玉香"
    # an approver may not manage operators: the buttons say why
    assert not tab.add_button.isEnabled()
    assert "需要“管理员”身份" in tab.reason.text() and tab.reason.isVisible()


def test_operator_dialog_checks_the_password_twice(window: Any, qtbot: Any) -> None:
    page = _settings(window, 4)
    dialog = page.operators.make_dialog()
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.ui.nameEdit, "岩香")
    qtbot.keyClicks(dialog.ui.passwordEdit, "abc")
    qtbot.keyClicks(dialog.ui.confirmEdit, "abd")
    dialog.try_accept()
    assert "两次输入的密码不一样" in dialog.ui.errorLabel.text()
    assert dialog.result() == 0


def test_change_role_set_password_and_deactivate(
    window: Any, ctx: Any, qtbot: Any, answers: Any
) -> None:
    page = _settings(window, 4)
    tab = page.operators
    assert tab.table.select_where(lambda r: r.name == "王晓燕")
    answers.choices.append("审批人")
    qtbot.mouseClick(tab.role_button, Qt.MouseButton.LeftButton)
    answers.texts.extend(["xy123", "xy123"])
    qtbot.mouseClick(tab.password_button, Qt.MouseButton.LeftButton)
    ops = ctx.read(lambda s: {op.name: op for op in list_operators(s, include_inactive=True)})
    assert ops["王晓燕"].role == "approver" and ops["王晓燕"].password_hash
    assert tab.table.current().has_password
    answers.confirms.append(True)
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    answers.confirms.append(True)
    qtbot.mouseClick(tab.deactivate_button, Qt.MouseButton.LeftButton)
    ops = ctx.read(lambda s: {op.name: op for op in list_operators(s, include_inactive=True)})
    assert ops["王晓燕"].password_hash is None and not ops["王晓燕"].active
    # oneself cannot be deactivated: the button is off with the reason in its tooltip
    assert tab.table.select_where(lambda r: r.name == "李丽华")
    assert not tab.deactivate_button.isEnabled()
    assert "不能停用自己" in tab.deactivate_button.toolTip()


def test_switch_with_only_oneself_left_says_so(window: Any, ctx: Any, answers: Any) -> None:
    from dangjian_desktop.services.operators import deactivate_operator

    for op in ctx.read(list_operators):
        if op.name != ctx.actor.name:
            ctx.act(
                lambda s, op_id=op.id: deactivate_operator(s, actor=ctx.actor, operator_id=op_id)
            )
    window.switch_operator_action.trigger()
    assert ctx.actor.name == "李丽华"
    assert any("没有其他在用的操作员" in text for text in answers.infos)


# ------------------------------------------------------------------ models and dialogs
def test_models(window: Any, qtmodeltester: Any) -> None:
    page = _settings(window, 4)
    qtmodeltester.check(page.rubric.model)
    qtmodeltester.check(page.rounds.table.model)
    qtmodeltester.check(page.operators.table.model)
    qtmodeltester.check(page.operators.table.proxy)


def test_screenshot_dialogs(window: Any) -> None:
    page = window.show_page("settings")
    dialogs = page.screenshot_dialogs()
    assert [name for name, _ in dialogs] == ["operator"]
    assert dialogs[0][1].ui.nameEdit.text()


def test_member_quotas_and_office_rules(window: Any, ctx: Any, qtbot: Any, answers: Any) -> None:
    from dangjian_desktop.services import office

    page = _settings(window, 1)
    tab = page.round
    assert tab.member_quota.text() == "同先进党组织名额"
    retype(qtbot, tab.member_quota, "6")
    retype(qtbot, tab.member_quota_per_branch, "2")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not tab.error.isVisible(), tab.error.text()
    rnd = ctx.read(lambda s: get_round(s, 2026))
    assert (rnd.member_quota, rnd.member_quota_per_branch) == (6, 2)

    page = _settings(window, 4)
    tab = page.operators
    assert tab.one_person.isEnabled() and not tab.one_person.isChecked()
    tab.one_person.click()
    assert not answers.warnings, answers.warnings
    assert ctx.read(office.office_rules).one_person
    # a clerk sees the rules but cannot change them
    ctx.set_actor(ctx.read(lambda s: sign_in(s, "王晓燕")))
    tab.refresh()
    assert not tab.one_person.isEnabled() and "管理员" in tab.one_person.toolTip()
