"""党组织与党员: tree and tables over the demo township, add/edit dialogs, merge, delete, 回收站."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from registers_helpers import type_text, with_modal

from dangjian_desktop.gui.pages.registers import RegistersPage
from dangjian_desktop.gui.pages.registers_dialogs import (
    ETHNICITY_CHOICES,
    BranchDialog,
    MemberDialog,
    RecycleDialog,
)
from dangjian_desktop.services.registers import (
    BranchInput,
    add_branch,
    branch_rows,
    deleted_member_rows,
    member_rows,
)
from dangjian_desktop.store.models import Branch


def _page(window: Any) -> RegistersPage:
    page = window.show_page("registers")
    assert isinstance(page, RegistersPage)
    return page


def _branches(ctx: Any) -> dict[str, Any]:
    return {b.name: b for b in ctx.read(branch_rows)}


def test_add_general_branch_and_branch_under_it_by_keyboard(window: Any, qtbot: Any) -> None:
    page = _page(window)

    def fill_general(dialog: QWidget) -> None:
        assert isinstance(dialog, BranchDialog)
        type_text(qtbot, dialog.ui.nameEdit, "龙山村党总支")
        qtbot.keyClick(dialog.ui.levelCombo, Qt.Key.Key_Down)  # 党支部 → 党总支
        type_text(qtbot, dialog.ui.secretaryEdit, "李正明")
        type_text(qtbot, dialog.ui.foundedEdit, "1998年7月")
        qtbot.keyClick(dialog.ui.foundedEdit, Qt.Key.Key_Return)

    assert with_modal(fill_general, page.act_new_branch.trigger)
    general = _branches(page.ctx)["龙山村党总支"]
    assert general.level_name == "党总支"
    assert general.secretary == "李正明"
    assert str(general.founded) == "1998-07-01"
    # The new 党总支 is selected in the tree, so a new 党支部 goes under it by default.
    assert page.tree_branch_id() == general.id

    def fill_branch(dialog: QWidget) -> None:
        assert isinstance(dialog, BranchDialog)
        assert dialog.ui.parentCombo.currentText() == "龙山村党总支"
        type_text(qtbot, dialog.ui.nameEdit, "龙山村上寨党支部")
        qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)

    assert with_modal(fill_branch, page.act_new_branch.trigger)
    branch = _branches(page.ctx)["龙山村上寨党支部"]
    assert branch.level_name == "党支部"
    assert branch.parent_id == general.id
    item = page._find_item(branch.id)
    assert item is not None and item.parent() is page._find_item(general.id)


def test_duplicate_name_is_refused_inside_the_dialog(window: Any, qtbot: Any) -> None:
    page = _page(window)
    dialog = page.build_branch_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.ui.nameEdit, "石龙村党总支")
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "已经有一个叫“石龙村党总支”的党组织了" in dialog.ui.errorLabel.text()
    assert dialog.ui.nameEdit.text() == "石龙村党总支"  # what was typed stays
    assert len([b for b in page.ctx.read(branch_rows) if b.name == "石龙村党总支"]) == 1


def test_a_date_that_cannot_be_read_is_shown_inline(window: Any, qtbot: Any) -> None:
    page = _page(window)
    dialog = page.build_member_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.ui.nameEdit, "王小明")
    type_text(qtbot, dialog.ui.birthEdit, "1980年13月")
    qtbot.keyClick(dialog.ui.birthEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "出生日期" in dialog.ui.errorLabel.text()
    assert "没有13月" in dialog.ui.errorLabel.text()


def test_add_member_to_the_branch_chosen_in_the_tree(window: Any, qtbot: Any) -> None:
    page = _page(window)
    target = _branches(page.ctx)["石龙村中寨党支部"]
    page.select_branch(target.id)
    before = page.members.proxy.rowCount()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, MemberDialog)
        assert dialog.ui.branchCombo.currentData() == target.id
        type_text(qtbot, dialog.ui.nameEdit, "张 三")
        qtbot.keyClick(dialog.ui.genderCombo, Qt.Key.Key_Down)  # 男 → 女
        qtbot.keyClick(dialog.ui.ethnicityCombo, Qt.Key.Key_Down)  # 汉族 → 彝族
        type_text(qtbot, dialog.ui.birthEdit, "1980年5月")
        type_text(qtbot, dialog.ui.joinedEdit, "2005.7.1")
        type_text(qtbot, dialog.ui.phoneEdit, "13987654321")
        qtbot.keyClick(dialog.ui.phoneEdit, Qt.Key.Key_Return)

    assert with_modal(fill, page.act_new_member.trigger)
    added = [m for m in page.ctx.read(member_rows) if m.name == "张三"]
    assert len(added) == 1
    member = added[0]
    assert (member.gender, member.ethnicity, member.branch_id) == ("女", "彝族", target.id)
    assert (str(member.birth_date), str(member.joined_on)) == ("1980-05-01", "2005-07-01")
    assert page.tabs.currentWidget() is page.members
    assert page.members.proxy.rowCount() == before + 1
    assert page.members.current() is not None and page.members.current().name == "张三"


def test_ethnicities_are_all_56_with_han_and_yi_first() -> None:
    assert len(ETHNICITY_CHOICES) == len(set(ETHNICITY_CHOICES)) == 56
    assert ETHNICITY_CHOICES[:2] == ("汉族", "彝族")


def test_tree_node_filters_both_tables(window: Any, qtbot: Any) -> None:
    page = _page(window)
    rows = page.ctx.read(branch_rows)
    general = next(b for b in rows if b.name == "石龙村党总支")
    family = {general.id} | {b.id for b in rows if b.parent_id == general.id}
    page.tree.setCurrentItem(page._find_item(general.id))
    shown = [
        page.branches.proxy.data(page.branches.proxy.index(r, 0))
        for r in range(page.branches.proxy.rowCount())
    ]
    assert set(shown) == {b.name for b in rows if b.id in family}
    members = page.ctx.read(member_rows)
    expected = [m for m in members if m.branch_id in family]
    assert page.members.proxy.rowCount() == len(expected) > 0
    # The search box narrows further.
    type_text(qtbot, page.members.search, expected[0].name)
    assert 1 <= page.members.proxy.rowCount() < len(expected) + 1
    # Back to the whole township.
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    page.members.search.clear()
    assert page.members.proxy.rowCount() == len(members)


def test_a_reload_with_the_same_branches_keeps_the_tree_and_a_new_branch_rebuilds_it(
    window: Any,
) -> None:
    page = _page(window)
    ctx = page.ctx
    general = next(b for b in page.all_branches if b.name == "石龙村党总支")
    page.tree.setCurrentItem(page._find_item(general.id))
    root = page.tree.topLevelItem(0)
    shown = page.members.proxy.rowCount()
    page.refresh()  # members re-read, branches as they were: the tree is left as it is
    assert page.tree.topLevelItem(0) is root
    assert page.tree_branch_id() == general.id and page.members.proxy.rowCount() == shown
    with ctx.db.transaction() as s:
        added = add_branch(
            s, actor=ctx.actor, data=BranchInput("临时丁党支部", parent_id=general.id)
        ).id
    page.refresh()
    assert page.tree.topLevelItem(0) is not root
    item = page._find_item(added)
    assert item is not None and item.parent() is page._find_item(general.id)
    assert page.tree_branch_id() == general.id  # the node the clerk chose, chosen again
    assert page.members.proxy.rowCount() == shown
    # the root and every 党总支 open, the 党支部 (no children) as they are
    new_root = page.tree.topLevelItem(0)
    assert new_root is not None and new_root.isExpanded()
    assert all(
        new_root.child(i).isExpanded() == (new_root.child(i).childCount() > 0)
        for i in range(new_root.childCount())
    )


def test_status_filter_shows_merged_branches(window: Any, answers: Any) -> None:
    page = _page(window)
    ctx = page.ctx
    with ctx.db.transaction() as s:
        a = add_branch(s, actor=ctx.actor, data=BranchInput("临时甲党支部"))
        b = add_branch(s, actor=ctx.actor, data=BranchInput("临时乙党支部"))
        a_id, b_id = a.id, b.id
    page.refresh()
    page.select_branch(a_id)
    answers.choices.append("临时乙党支部")
    answers.confirms.append(True)
    page.act_merge.trigger()
    with ctx.db.session() as s:
        merged = s.get(Branch, a_id)
        assert merged is not None and merged.status == "merged" and merged.merged_into_id == b_id
    assert page._find_item(a_id) is None  # 正常 hides it
    page.status_combo.setCurrentText("已合并")
    assert page._find_item(a_id) is not None
    assert page.branches.proxy.rowCount() == 1


def test_dissolve_an_empty_branch_with_a_reason(window: Any, answers: Any) -> None:
    page = _page(window)
    ctx = page.ctx
    with ctx.db.transaction() as s:
        branch_id = add_branch(s, actor=ctx.actor, data=BranchInput("临时丙党支部")).id
    page.refresh()
    page.select_branch(branch_id)
    answers.texts.append("村组调整，党员已全部转出")
    page.act_dissolve.trigger()
    assert _branches(ctx)["临时丙党支部"].status_name == "已撤销"


def test_deleting_a_branch_used_in_a_round_is_refused_with_the_reason(
    window: Any, answers: Any, qtbot: Any
) -> None:
    page = _page(window)
    used = _branches(page.ctx)["石龙村中寨党支部"]
    page.select_branch(used.id)
    page.branches.view.setFocus()
    answers.confirms.append(True)
    qtbot.keyClick(page.branches.view, Qt.Key.Key_Delete)
    assert any("已参加过创建活动，不能删除" in w for w in answers.warnings)
    assert "石龙村中寨党支部" in _branches(page.ctx)


def test_delete_member_and_restore_it_from_the_recycle_view(
    window: Any, answers: Any, qtbot: Any
) -> None:
    page = _page(window)
    page.tabs.setCurrentWidget(page.members)
    page.members.view.selectRow(0)
    victim = page.members.current()
    assert victim is not None
    answers.confirms.append(True)
    page.members.view.setFocus()
    qtbot.keyClick(page.members.view, Qt.Key.Key_Delete)
    assert victim.id not in {m.id for m in page.ctx.read(member_rows)}
    assert victim.id in {m.id for m in page.ctx.read(deleted_member_rows)}

    def restore(dialog: QWidget) -> None:
        assert isinstance(dialog, RecycleDialog)
        dialog.tabs.setCurrentIndex(1)
        assert dialog.members.select_where(lambda row: row.id == victim.id)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        assert dialog.members.model.rowCount() == 0
        dialog.accept()

    assert with_modal(restore, page.act_recycle.trigger)
    assert victim.id in {m.id for m in page.ctx.read(member_rows)}
    assert not answers.warnings


def test_edit_branch_keeps_history_and_refuses_bad_phone(window: Any, qtbot: Any) -> None:
    page = _page(window)
    branch = _branches(page.ctx)["石龙村中寨党支部"]
    dialog = page.build_branch_dialog(branch)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.phoneEdit.clear()
    type_text(qtbot, dialog.ui.phoneEdit, "12345")
    qtbot.keyClick(dialog.ui.phoneEdit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "电话号码" in dialog.ui.errorLabel.text()
    dialog.ui.phoneEdit.clear()
    type_text(qtbot, dialog.ui.phoneEdit, "0873-7654321")
    qtbot.keyClick(dialog.ui.phoneEdit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _branches(page.ctx)["石龙村中寨党支部"].phone == "0873-7654321"


def test_every_model_passes_the_model_tester(window: Any, qtmodeltester: Any) -> None:
    page = _page(window)
    for model in (page.branches.model, page.members.model, page.branches.proxy, page.members.proxy):
        qtmodeltester.check(model)
    qtmodeltester.check(page.tree.model())
    recycle = RecycleDialog(page.ctx, page)
    qtmodeltester.check(recycle.branches.model)
    qtmodeltester.check(recycle.members.model)
    recycle.close()


def test_screenshot_dialogs_are_the_add_and_edit_dialogs(window: Any) -> None:
    page = _page(window)
    dialogs = dict(page.screenshot_dialogs())
    assert {"branch_add", "branch_edit", "member_add", "member_edit", "recycle"} <= set(dialogs)
    assert isinstance(dialogs["branch_edit"], BranchDialog)
    assert dialogs["branch_edit"].ui.nameEdit.text()
    for dialog in dialogs.values():
        dialog.close()


def test_buttons_say_their_shortcuts(window: Any) -> None:
    page = _page(window)
    assert "Ctrl+N" in page.act_new_branch.toolTip()
    assert page.act_merge.iconText() == "合并到…"


def test_thirty_thousand_members_filter_search_and_sort(window: Any) -> None:
    import datetime as dt

    from dangjian_desktop.services.registers import MemberRow

    page = _page(window)
    page.tabs.setCurrentWidget(page.members)
    base = page.ctx.read(member_rows)
    rows = [
        MemberRow(
            100000 + i,
            f"党员{i:05d}",
            "男",
            "汉族",
            dt.date(1970, 1, 1),
            None,
            "正式党员",
            "党员",
            base[i % len(base)].branch_id,
            base[i % len(base)].branch_name,
            "",
            "",
        )
        for i in range(30000)
    ]
    page.members.set_rows(rows)
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(0))
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    page.members.search.setText("党员29999")
    assert page.members.proxy.rowCount() == 1
    page.members.search.clear()
    page.members.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    first = page.members.proxy.index(0, 0)
    assert page.members.proxy.data(first) == "党员29999"
    assert page.members.proxy.rowCount() == 30000
