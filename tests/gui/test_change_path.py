"""One way to change data: `ctx.act` announces what changed, and only the page on screen that
shows it reloads; hidden pages and intake grids wait until they are shown."""

from __future__ import annotations

from typing import Any

from dangjian_desktop.gui.context import Area, Change
from dangjian_desktop.gui.pages.intake import EnrolmentPage, ReportsPage


def _visit(window: Any, *keys: str) -> dict[str, Any]:
    pages = {}
    for key in keys:
        pages[key] = window.show_page(key)
    return pages


def _not_received(grid: Any) -> Any:
    return next(line for line in grid.lines if line.received_on is None)


def test_receiving_a_plan_reloads_only_the_enrolment_page(window: Any) -> None:
    pages = _visit(window, "workbench", "registers", "reports", "audit", "enrolment")
    enrolment: EnrolmentPage = pages["enrolment"]
    reports: ReportsPage = pages["reports"]
    grid = enrolment.grid
    before = {key: page.reloads for key, page in pages.items()}
    grid_before = grid.reloads
    report_grids_before = [g.reloads for g in reports.grids.values()]
    report_stale_before = [g.stale for g in reports.grids.values()]  # a tab never shown: unread
    line_reads_before = grid.line_reloads
    page_reads: list[int] = []
    full_refresh = enrolment.refresh
    enrolment.refresh = lambda: (page_reads.append(1), full_refresh())[1]  # type: ignore[method-assign]
    line = _not_received(grid)
    grid.select_branch(line.branch_id)
    rows_before = list(grid.table.model.rows)
    counts_before = grid.counts_label.text()

    grid.receive_selected()  # the clerk presses 登记收到: one change through ctx.act

    after = list(grid.table.model.rows)
    received = next(x for x in after if x.branch_id == line.branch_id)
    assert received.received_on is not None and received.receipt_id is not None
    # the grid read only that branch's line and put it in place; the 申报 list read nothing
    assert grid.reloads == grid_before and grid.line_reloads == line_reads_before + 1
    assert page_reads == []
    assert [x for x in after if x.branch_id != line.branch_id] == [
        x for x in rows_before if x.branch_id != line.branch_id
    ]
    assert grid.counts_label.text() != counts_before  # one more received
    assert grid.selected_lines() and grid.selected_lines()[0].branch_id != line.branch_id
    counts_after = grid.counts_label.text()
    grid.refresh()  # reading every line gives what the in-place update shows
    assert list(grid.table.model.rows) == after and grid.counts_label.text() == counts_after
    grid_before += 1
    # hidden pages did not read anything; those that show plans or the log are out of date
    for key in ("workbench", "registers", "reports", "audit"):
        assert pages[key].reloads == before[key], key
    assert [g.reloads for g in reports.grids.values()] == report_grids_before
    assert pages["workbench"]._stale and pages["audit"]._stale
    assert not pages["registers"]._stale  # plans are not shown on 党组织与党员
    # reports do not show plans: no grid of them was marked out of date
    assert [g.stale for g in reports.grids.values()] == report_stale_before

    window.show_page("audit")  # shown again: reloads once, with the new entry
    assert pages["audit"].reloads == before["audit"] + 1
    assert not pages["audit"]._stale


def test_a_change_elsewhere_leaves_the_visible_page_alone(window: Any) -> None:
    pages = _visit(window, "reports")
    reports: ReportsPage = pages["reports"]
    visible = reports.current_grid()
    hidden = next(g for g in reports.grids.values() if g is not visible)
    page_before, visible_before, hidden_before = reports.reloads, visible.reloads, hidden.reloads

    window.ctx.announce(Change.of(window.ctx.year, Area.COUNTY))  # an export: not shown here
    window.ctx.announce(Change.of(window.ctx.year - 1, Area.REPORTS))  # another round's reports
    assert (reports.reloads, visible.reloads, hidden.reloads) == (
        page_before,
        visible_before,
        hidden_before,
    )

    window.ctx.announce(Change.of(window.ctx.year, Area.REPORTS))
    assert reports.reloads == page_before + 1
    assert visible.reloads == visible_before + 1
    assert hidden.reloads == hidden_before and hidden.stale  # the other half-year's tab
    reports.tabs.setCurrentIndex(list(reports.grids.values()).index(hidden))
    assert hidden.reloads == hidden_before + 1 and not hidden.stale


def test_inline_errors_come_back_and_save_nothing(window: Any) -> None:
    from dangjian_desktop.errors import UserError

    seen: list[Change] = []
    window.ctx.sig_data_changed.connect(seen.append)

    def refuse(_session: Any) -> None:
        raise UserError("名称不能为空。请填写党组织名称。")

    result, message = window.ctx.act(refuse, window, inline=True)
    assert result is None and message == "名称不能为空。请填写党组织名称。"
    assert seen == []
    result, message = window.ctx.act(
        lambda _s: 7, window, what=window.ctx.change(Area.SETTINGS), inline=True
    )
    assert (result, message) == (7, None)
    assert seen == [Change.of(window.ctx.year, Area.SETTINGS)]


def test_background_change_announces_when_done(window: Any, qtbot: Any) -> None:
    seen: list[Change] = []
    window.ctx.sig_data_changed.connect(seen.append)
    done: list[Any] = []
    what = Change.of(window.ctx.year, Area.DOCUMENTS)
    task = window.ctx.act(
        lambda progress, cancelled: 42,
        window,
        what=what,
        background=True,
        title="测试",
        on_done=done.append,
    )
    assert task in window.ctx.tasks
    qtbot.waitUntil(lambda: done == [42])
    assert seen == [what]
    assert task not in window.ctx.tasks


def _member_reads(monkeypatch: Any) -> list[Any]:
    """Every read of member rows by the registers page: the ids asked for (None: all)."""
    from dangjian_desktop.gui.pages import registers as page_module

    reads: list[Any] = []
    real = page_module.member_rows

    def counting(session: Any, **kwargs: Any) -> Any:
        reads.append(kwargs.get("ids"))
        return real(session, **kwargs)

    monkeypatch.setattr(page_module, "member_rows", counting)
    return reads


def _edit_in_dialog(page: Any, qtbot: Any, member: Any, **fields: Any) -> None:
    dialog = page.build_member_dialog(member)
    qtbot.addWidget(dialog)
    dialog.show()
    if "phone" in fields:
        dialog.ui.phoneEdit.setText(fields["phone"])
    if "branch_id" in fields:
        combo = dialog.ui.branchCombo
        combo.setCurrentIndex(combo.findData(fields["branch_id"]))
    dialog.accept()
    assert dialog.result() == 1, dialog.ui.errorLabel.text()


def test_a_member_edit_replaces_its_row_not_the_list(
    window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    page = window.show_page("registers")
    model, proxy = page.members.model, page.members.proxy
    page.members.search.setText("村")  # a filter the clerk typed stays as it was
    shown = proxy.rowCount()
    member = next(row for row in model.rows if "村" in row.branch_name)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    branches_before = list(page.branches.model.rows)
    reads = _member_reads(monkeypatch)

    _edit_in_dialog(page, qtbot, member, phone="13812345678")

    assert reads == [frozenset({member.id})]  # only the edited member was read
    assert resets == []
    row = next(r for r in model.rows if r.id == member.id)
    assert row.phone == "13812345678" and row.name == member.name
    assert proxy.rowCount() == shown
    assert any(  # and the table on screen shows it
        proxy.data(proxy.index(r, c)) == "13812345678"
        for r in range(proxy.rowCount())
        for c in range(proxy.columnCount())
    )
    assert page.branches.model.rows == branches_before
    # what the list shows is what a full read gives
    page.refresh()
    assert next(r for r in model.rows if r.id == member.id) == row


def test_moving_a_member_to_another_branch_reloads_the_counts(
    window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    page = window.show_page("registers")
    member = page.members.model.rows[0]
    other = next(b for b in page.branches.model.rows if b.id != member.branch_id)
    count_before = other.member_count
    reads = _member_reads(monkeypatch)

    _edit_in_dialog(page, qtbot, member, branch_id=other.id)

    assert reads[-1] is None  # the whole list: the member counts of two branches changed
    assert next(b for b in page.branches.model.rows if b.id == other.id).member_count == (
        count_before + 1
    )
    assert next(r for r in page.members.model.rows if r.id == member.id).branch_id == other.id


def test_an_intake_grid_reads_its_lines_when_first_shown(window: Any) -> None:
    from dangjian_desktop.domain.calendar import Stage

    reports: ReportsPage = window.show_page("reports")
    first_half = reports.grids[Stage.REPORT_H1]
    assert reports.current_grid() is reports.grids[Stage.REPORT_H2]  # the demo's June
    assert first_half.reloads == 0 and first_half.stale  # built, not read
    reports.tabs.setCurrentIndex(reports.STAGES.index(Stage.REPORT_H1))
    assert first_half.reloads == 1 and not first_half.stale
    assert first_half.table.model.rows  # the enrolled branches are listed


def test_receiving_materials_replaces_the_line_without_reloading_the_evaluation_page(
    window: Any,
) -> None:
    page = window.show_page("evaluation")
    page.tabs.setCurrentWidget(page.materials)
    grid = page.materials
    refreshed: list[int] = []
    full_refresh = page.refresh
    page.refresh = lambda: (refreshed.append(1), full_refresh())[1]  # type: ignore[method-assign]
    reads_before, line_reads_before = grid.reloads, grid.line_reloads
    line = _not_received(grid)
    grid.select_branch(line.branch_id)

    grid.receive_selected()

    received = next(x for x in grid.table.model.rows if x.branch_id == line.branch_id)
    assert received.received_on is not None
    assert (grid.reloads, grid.line_reloads) == (reads_before, line_reads_before + 1)
    assert refreshed == []  # no tab of the page shows the materials: nothing else read
