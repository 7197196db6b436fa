"""工作台 over the demo township: counts as the status service reports them, overdue lists, next
actions, and a double-click that opens the page where an overdue item is dealt with."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from dangjian_desktop import clock
from dangjian_desktop.gui.pages.workbench import STAGE_PAGES, WorkbenchPage
from dangjian_desktop.services.common import get_round
from dangjian_desktop.services.status import round_status


def _page(window: Any) -> WorkbenchPage:
    page = window.show_page("workbench")
    assert isinstance(page, WorkbenchPage)
    return page


def test_stage_counts_equal_the_status_service(window: Any) -> None:
    page = _page(window)
    report = page.ctx.read(lambda s: round_status(s, get_round(s, 2026), clock.today()))
    model = page.stages
    assert model.rowCount() == len(report.stages)
    for row, stage in enumerate(report.stages):
        shown = [model.data(model.index(row, c)) for c in range(model.columnCount())]
        assert stage.name.startswith(shown[0])  # the long bracket of 总结评估 in the tooltip
        assert model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole) == stage.name
        assert shown[1:] == [
            stage.due,
            str(stage.on_time),
            str(stage.late),
            str(stage.missing),
            str(stage.pending),
        ]
    missing = sum(stage.missing for stage in report.stages)
    assert page.overdue.model.rowCount() == missing == 7
    assert "当前阶段：创建工作材料" in page.summary.text()
    assert "申报单位 24 个" in page.summary.text()


def test_next_actions_are_concrete(window: Any) -> None:
    text = _page(window).actions_label.text()
    assert "还有3个党组织的实施方案未报（8月25日已截止），可发催报通知。" in text
    assert "创建工作材料5月10日截止，还有24个党组织未报" in text
    assert "考核组还没有成员" in text


def test_double_click_on_an_overdue_line_opens_its_page(window: Any, qtbot: Any) -> None:
    page = _page(window)
    view = page.overdue.view
    index = page.overdue.proxy.index(0, 0)
    line = page.overdue.proxy.data(index, Qt.ItemDataRole.UserRole + 1)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    current = window.current_page()
    assert current is not page
    keys = {p.key for p in window.pages}
    expected = STAGE_PAGES[line.stage] if STAGE_PAGES[line.stage] in keys else "registers"
    assert current.key == expected


def test_enter_on_an_overdue_line_opens_its_page(window: Any, qtbot: Any) -> None:
    page = _page(window)
    view = page.overdue.view
    view.setFocus()
    view.setCurrentIndex(page.overdue.proxy.index(0, 0))
    opened: list[tuple[str, int, str]] = []
    page.sig_open.connect(lambda key, branch, stage: opened.append((key, branch, stage)))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened and opened[0][1] > 0
    assert window.current_page() is not page


def test_overdue_rectifications_are_listed(window: Any) -> None:
    page = _page(window)
    assert page.rectifications.model.rowCount() == 0  # the demo's deadline is 2027-03-31
    clock.set_today(dt.date(2027, 4, 15))
    page.refresh()
    rows = page.rectifications.model.rows
    assert len(rows) == 1 and rows[0].days_over == 15
    assert "限期整改已过期限" in page.actions_label.text()


def test_timeline_draws_today(window: Any) -> None:
    page = _page(window)
    image = page.timeline.grab()
    assert not image.isNull()
    assert page.timeline.bars  # laid out while painting
    assert {bar.lane for bar in page.timeline.bars} == {0, 1, 2}


def test_models_pass_the_model_tester(window: Any, qtmodeltester: Any) -> None:
    page = _page(window)
    for model in (
        page.stages,
        page.overdue.model,
        page.overdue.proxy,
        page.rectifications.model,
    ):
        qtmodeltester.check(model)


def test_jumps_to_a_materials_line_and_to_an_overdue_rectification(window: Any) -> None:
    """The evaluation page takes materials lines; the dynamic page selects an honour."""
    from dangjian_desktop.gui.pages.dynamic import DynamicPage
    from dangjian_desktop.gui.pages.evaluation import EvaluationPage
    from dangjian_desktop.services.commendation import honours
    from dangjian_desktop.services.common import get_round

    evaluation = window.show_page("evaluation")
    assert isinstance(evaluation, EvaluationPage)
    first = evaluation.materials.lines[0]
    assert evaluation.select_branch(first.branch_id)
    assert evaluation.tabs.currentWidget() is evaluation.materials
    honour = window.ctx.read(lambda s: honours(s, get_round(s, 2025))[0])
    dynamic = window.show_page("dynamic")
    assert isinstance(dynamic, DynamicPage)
    assert dynamic.select_honour(honour.id)
    assert dynamic.honours.current().id == honour.id
