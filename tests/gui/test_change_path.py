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
    line = _not_received(grid)
    grid.select_branch(line.branch_id)

    grid.receive_selected()  # the clerk presses 登记收到: one change through ctx.act

    assert next(x for x in grid.lines if x.branch_id == line.branch_id).received_on is not None
    assert grid.reloads == grid_before + 1  # the grid on screen read its lines once
    assert enrolment.reloads == before["enrolment"] + 1
    # hidden pages did not read anything; those that show plans or the log are out of date
    for key in ("workbench", "registers", "reports", "audit"):
        assert pages[key].reloads == before[key], key
    assert [g.reloads for g in reports.grids.values()] == report_grids_before
    assert pages["workbench"]._stale and pages["audit"]._stale
    assert not pages["registers"]._stale  # plans are not shown on 党组织与党员
    assert all(not g.stale for g in reports.grids.values())  # reports do not show plans

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
