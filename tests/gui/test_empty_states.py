"""A township on its first day (the wizard done, nothing else): every page and every table that
is empty says what comes first, and its button does it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from dangjian_desktop.gui.main_window import MainWindow
from dangjian_desktop.gui.widgets import EmptyHint


def _hints(widget: QWidget) -> list[EmptyHint]:
    return [h for h in widget.findChildren(EmptyHint) if h.isVisible()]


def _hint(widget: QWidget, words: str) -> EmptyHint:
    found = [h for h in _hints(widget) if words in h.text()]
    assert found, [h.text() for h in _hints(widget)]
    return found[0]


def _click(qtbot: Any, hint: EmptyHint) -> None:
    assert hint.button.isVisible() and hint.button.isEnabled(), hint.text()
    qtbot.mouseClick(hint.button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def test_workbench_leads_to_the_registers(first_day: MainWindow, qtbot: Any) -> None:
    page = first_day.show_page("workbench")
    assert page is not None
    hint = _hint(page, "还没有党组织")
    _click(qtbot, hint)
    assert first_day.current_page() is first_day.show_page("registers")


def test_registers_offer_the_excel_import(
    first_day: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = first_day.show_page("registers")
    assert page is not None
    opened: list[str] = []
    monkeypatch.setattr(page, "import_register", opened.append)  # the dialog has its own tests
    hint = _hint(page, "还没有党组织")
    assert hint.button.text() == "从Excel导入党组织…"
    _click(qtbot, hint)
    assert opened == ["branches"]
    page.tabs.setCurrentWidget(page.members)
    members = _hint(page.members, "还没有党员")
    assert "先登记党组织" in members.text() and not members.button.isVisible()


@pytest.mark.parametrize("key", ["enrolment", "reports"])
def test_intake_pages_lead_to_the_registers(first_day: MainWindow, qtbot: Any, key: str) -> None:
    page = first_day.show_page(key)
    assert page is not None
    _click(qtbot, _hint(page, "还没有党组织"))
    assert first_day.current_page() is first_day.show_page("registers")


def test_evaluation_tabs_say_what_comes_first(first_day: MainWindow, qtbot: Any) -> None:
    page = first_day.show_page("evaluation")
    assert page is not None
    page.tabs.setCurrentWidget(page.materials)
    assert _hint(page.materials, "还没有党组织")
    page.tabs.setCurrentWidget(page.self_check)
    QApplication.processEvents()
    _click(qtbot, _hint(page.self_check, "还没有党组织申报"))
    assert first_day.current_page() is first_day.show_page("enrolment")
    page = first_day.show_page("evaluation")
    page.tabs.setCurrentWidget(page.scoring)
    QApplication.processEvents()
    _click(qtbot, _hint(page.scoring, "还没有考核组成员"))
    assert page.tabs.currentWidget() is page.assessors
    page.tabs.setCurrentWidget(page.results)
    QApplication.processEvents()
    ranking = page.results.ranking
    assert not ranking.compute_button.isEnabled()  # nothing to compute: no "请点计算" either
    _click(qtbot, _hint(ranking, "没有可评价的单位"))
    assert first_day.current_page() is first_day.show_page("enrolment")
    page = first_day.show_page("evaluation")
    page.results.inner.setCurrentWidget(page.results.indicators)
    QApplication.processEvents()
    assert not page.results.indicators.veto_button.isEnabled()
    _click(qtbot, _hint(page.results.indicators, "没有要填考核指标的单位"))
    assert first_day.current_page() is first_day.show_page("enrolment")
    page = first_day.show_page("evaluation")
    page.results.inner.setCurrentWidget(page.results.summary)
    QApplication.processEvents()
    _click(qtbot, _hint(page.results.summary, "草稿里都是0"))
    assert first_day.current_page() is first_day.show_page("enrolment")


def test_commendation_tabs_lead_back_along_the_procedure(first_day: MainWindow, qtbot: Any) -> None:
    page = first_day.show_page("commendation")
    assert page is not None
    page.tabs.setCurrentWidget(page.naming)
    QApplication.processEvents()
    _click(qtbot, _hint(page.naming, "还没有可审验的党组织"))
    evaluation = first_day.current_page()
    assert evaluation is first_day.show_page("evaluation")
    assert evaluation.tabs.currentWidget() is evaluation.results
    page = first_day.show_page("commendation")
    page.tabs.setCurrentIndex(1)  # 公示名单
    QApplication.processEvents()
    _click(qtbot, _hint(page, "还没有候选名单"))
    assert page.tabs.currentWidget() is page.naming
    page.tabs.setCurrentIndex(2)
    QApplication.processEvents()
    assert _hint(page, "没有收到异议")
    page.tabs.setCurrentIndex(3)
    QApplication.processEvents()
    _click(qtbot, _hint(page, "还没有荣誉称号"))
    assert page.tabs.currentIndex() == 1
    page.tabs.setCurrentIndex(4)
    QApplication.processEvents()
    media = _hint(page, "还没有登记宣传报道")
    assert "登记报道…" in media.text() and not media.button.isVisible()


def test_dynamic_documents_and_county(first_day: MainWindow, qtbot: Any) -> None:
    page = first_day.show_page("dynamic")
    assert page is not None
    assert _hint(page, "还没有荣誉称号可管理")
    page.bottom.setCurrentWidget(page.accountability)
    QApplication.processEvents()
    assert _hint(page, "没有追究责任记录")
    _click(qtbot, _hint(page, "还没有荣誉称号可管理"))
    assert first_day.current_page() is first_day.show_page("commendation")
    documents = first_day.show_page("documents")
    assert documents is not None
    hint = _hint(documents, "还没有印发过文书")  # the button it names is the page's own, beside it
    assert not hint.button.isVisible() and "起草、预览样稿与印发" in hint.text()


def test_a_hint_goes_once_the_table_has_rows(qtbot: Any) -> None:
    from dangjian_desktop.gui.models import Column
    from dangjian_desktop.gui.widgets import SearchableTable

    done: list[int] = []
    table: SearchableTable[str] = SearchableTable([Column("名称", lambda r: r, 100)])
    qtbot.addWidget(table)
    table.show()
    hint = table.set_empty_hint("还没有。", "新增", lambda: done.append(1))
    assert hint.isVisible()
    qtbot.mouseClick(hint.button, Qt.MouseButton.LeftButton)
    assert done == [1]
    table.set_rows(["甲"])
    assert not hint.isVisible()
    table.search.setText("乙")  # nothing matches the search: not an empty table
    assert not hint.isVisible()
    table.set_rows([])
    assert hint.isVisible()
