"""The generic table machinery (gui/models.py, gui/widgets.py): search, extra filter, sort."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView, QWidget

from dangjian_desktop.gui.models import ROW_ROLE, SORT_ROLE, Column, FilterProxy, Index, RowsModel
from dangjian_desktop.gui.widgets import SearchableTable

DESC = Qt.SortOrder.DescendingOrder
ASC = Qt.SortOrder.AscendingOrder


@dataclass
class Person:
    name: str
    town: str
    born: dt.date | None
    score: int | None
    active: bool = True


PEOPLE = [
    Person("王芳", "石龙村", dt.date(1980, 5, 1), 90, True),
    Person("Li Lei", "小河村", None, 75, False),
    Person("张伟", "石龙村", dt.date(1975, 1, 9), None, True),
    Person("ZHANG San", "Dali", dt.date(1990, 12, 31), 100, True),
    Person("李娜", "小河村", dt.date(1980, 5, 1), 75, True),
]


def columns() -> list[Column[Person]]:
    return [
        Column("姓名", lambda p: p.name),
        Column("所在村", lambda p: p.town),
        Column("出生日期", lambda p: p.born),
        Column("得分", lambda p: p.score, numeric=True),
        Column("在册", lambda p: p.active),
    ]


@pytest.fixture
def table(qtbot: Any) -> SearchableTable[Person]:
    widget: SearchableTable[Person] = SearchableTable(columns())
    qtbot.addWidget(widget)
    widget.proxy.sort(-1)
    widget.set_rows(list(PEOPLE))
    return widget


def names(proxy: FilterProxy) -> list[str]:
    return [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]


def test_search_matches_any_shown_cell_ignoring_case_and_outer_spaces(
    table: SearchableTable[Person],
) -> None:
    proxy = table.proxy
    table.search.setText("石龙")
    assert names(proxy) == ["王芳", "张伟"]
    table.search.setText("zhang")  # case-insensitive
    assert names(proxy) == ["ZHANG San"]
    table.search.setText("  dali ")  # trimmed
    assert names(proxy) == ["ZHANG San"]
    table.search.setText("1980-05-01")  # a date as shown
    assert names(proxy) == ["王芳", "李娜"]
    table.search.setText("否")  # a boolean as shown (是/否)
    assert names(proxy) == ["Li Lei"]
    table.search.setText("100")
    assert names(proxy) == ["ZHANG San"]
    table.search.setText("芳石")  # never across two cells
    assert names(proxy) == []
    assert table.count_label.text() == "显示 0 / 共 5 条"
    table.search.clear()
    assert proxy.rowCount() == 5
    assert table.count_label.text() == "共 5 条"


def test_search_follows_new_rows_and_builds_each_rows_text_once(qtbot: Any) -> None:
    calls: list[str] = []

    def name(p: Person) -> str:
        calls.append(p.name)
        return p.name

    widget: SearchableTable[Person] = SearchableTable([Column("姓名", name)])
    qtbot.addWidget(widget)
    widget.set_rows(list(PEOPLE))
    widget.search.setText("张")
    assert names(widget.proxy) == ["张伟"]
    texts_built = len(calls)
    for text in ("李", "李娜", "王", ""):
        widget.search.setText(text)
    assert len(calls) == texts_built  # later searches reuse each row's text
    widget.search.setText("张")
    widget.set_rows([Person("张三", "", None, None), Person("李四", "", None, None)])
    assert names(widget.proxy) == ["张三"]  # the search still applies, to the new rows
    assert widget.count_label.text() == "显示 1 / 共 2 条"
    widget.set_rows([])
    assert widget.proxy.rowCount() == 0


def test_extra_filter_combines_with_search(table: SearchableTable[Person]) -> None:
    proxy = table.proxy
    proxy.set_extra_filter(lambda p: p.town == "小河村")
    assert names(proxy) == ["Li Lei", "李娜"]
    table.search.setText("李娜")
    assert names(proxy) == ["李娜"]
    table.set_rows([*PEOPLE, Person("李娜", "石龙村", None, None)])  # kept over new rows
    assert names(proxy) == ["李娜"]
    proxy.set_extra_filter(None)
    assert names(proxy) == ["李娜", "李娜"]


def test_sorting_by_sort_role_with_empty_cells_last(table: SearchableTable[Person]) -> None:
    proxy, view = table.proxy, table.view
    view.sortByColumn(3, ASC)  # numbers as numbers: 75 < 90 < 100, empty last
    assert names(proxy) == ["Li Lei", "李娜", "王芳", "ZHANG San", "张伟"]
    view.sortByColumn(3, DESC)  # reversed; equal scores keep the source order
    assert names(proxy) == ["张伟", "ZHANG San", "王芳", "Li Lei", "李娜"]
    view.sortByColumn(2, ASC)
    assert names(proxy) == ["张伟", "王芳", "李娜", "ZHANG San", "Li Lei"]
    assert (proxy.sortColumn(), proxy.sortOrder()) == (2, ASC)
    table.search.setText("村")
    assert names(proxy) == ["张伟", "王芳", "李娜", "Li Lei"]
    table.set_rows([*PEOPLE, Person("新人", "石龙村", dt.date(1970, 1, 1), 1)])
    assert names(proxy) == ["新人", "张伟", "王芳", "李娜", "Li Lei"]  # still sorted
    proxy.sort(-1)  # the source's order again
    assert names(proxy) == ["王芳", "Li Lei", "张伟", "李娜", "新人"]


def test_sorting_uses_a_subclass_sort_role(qtbot: Any) -> None:
    class ByLength(RowsModel[Person]):
        def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == SORT_ROLE and index.column() == 0:
                return (0, -len(self.rows[index.row()].name))
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 1:
                return "（隐藏）"
            return super().data(index, role)

    model = ByLength(columns())
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(list(PEOPLE))
    proxy.sort(0, ASC)
    assert names(proxy) == ["ZHANG San", "Li Lei", "王芳", "张伟", "李娜"]
    proxy.setFilterFixedString("隐藏")  # what the subclass shows is what is searched
    assert proxy.rowCount() == 5
    proxy.setFilterFixedString("石龙村")
    assert proxy.rowCount() == 0


def test_rows_and_indexes_map_both_ways(table: SearchableTable[Person]) -> None:
    proxy, model = table.proxy, table.model
    table.view.sortByColumn(0, DESC)
    table.search.setText("村")
    for r in range(proxy.rowCount()):
        index = proxy.index(r, 1)
        source = proxy.mapToSource(index)
        assert proxy.data(index, ROW_ROLE) is model.rows[source.row()]
        assert source.column() == 1
        assert proxy.mapFromSource(source) == index
    hidden = model.index(PEOPLE.index(PEOPLE[3]), 0)  # ZHANG San: no 村
    assert not proxy.mapFromSource(hidden).isValid()
    assert not proxy.index(proxy.rowCount(), 0).isValid()
    assert not proxy.mapToSource(QModelIndex()).isValid()
    assert proxy.headerData(1, Qt.Orientation.Horizontal) == "所在村"
    assert proxy.flags(proxy.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable


def test_selection_stays_on_its_row_when_the_filter_changes(table: SearchableTable[Person]) -> None:
    assert table.select_where(lambda p: p.name == "李娜")
    table.search.setText("小河")
    assert [p.name for p in table.selected()] == ["李娜"]
    assert table.current() is not None and table.current().name == "李娜"  # type: ignore[union-attr]
    table.view.sortByColumn(0, DESC)
    assert [p.name for p in table.selected()] == ["李娜"]
    table.search.setText("石龙")  # filtered out: nothing selected
    assert table.selected() == []


def test_a_change_in_the_source_filters_and_sorts_again(qtbot: Any) -> None:
    model: RowsModel[Person] = RowsModel(columns())
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    people = [Person(p.name, p.town, p.born, p.score, p.active) for p in PEOPLE]
    model.set_rows(people)
    proxy.setFilterFixedString("石龙")
    assert names(proxy) == ["王芳", "张伟"]
    people[4].town = "石龙村"  # edited in place, then announced
    model.dataChanged.emit(model.index(4, 0), model.index(4, 4))
    assert names(proxy) == ["王芳", "张伟", "李娜"]
    people[0].town = "别处"
    proxy.invalidate()  # or, without a signal, asked for
    assert names(proxy) == ["张伟", "李娜"]


def test_the_proxy_is_a_proper_model(
    table: SearchableTable[Person], qtmodeltester: Any, qtbot: Any
) -> None:
    qtmodeltester.check(table.proxy)
    table.view.sortByColumn(3, ASC)
    table.search.setText("村")
    qtmodeltester.check(table.proxy)
    table.proxy.set_extra_filter(lambda p: p.active)
    table.set_rows([*PEOPLE, *PEOPLE])
    qtmodeltester.check(table.proxy)
    owner = QWidget()
    qtbot.addWidget(owner)
    assert FilterProxy(owner).parent() is owner  # QObject.parent() still works


def test_a_proxy_set_up_before_its_rows(qtbot: Any) -> None:
    proxy = FilterProxy()
    assert proxy.rowCount() == 0 and proxy.columnCount() == 0
    proxy.setFilterFixedString("村")
    proxy.sort(3)
    model: RowsModel[Person] = RowsModel(columns())
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    model.set_rows(list(PEOPLE))
    assert names(proxy) == ["Li Lei", "李娜", "王芳", "张伟"]
    view.selectionModel().select(
        proxy.index(1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    proxy.setSourceModel(RowsModel(columns()))  # another source: empty, old one let go
    assert proxy.rowCount() == 0
    model.set_rows([])  # no longer heard
    assert proxy.rowCount() == 0 and not view.selectionModel().hasSelection()


def test_thirty_thousand_rows_search_in_one_pass(qtbot: Any) -> None:
    """Searching, sorting and clearing read each row's cells a fixed number of times, not once
    per filter change or per comparison (speed itself is measured by `bench`, not here)."""
    reads = [0]

    def name(p: Person) -> str:
        reads[0] += 1
        return p.name

    rows = [
        Person(f"党员{i:05d}", "彝族" if i % 5 == 0 else "汉族", dt.date(1970, 1, 1), i)
        for i in range(30000)
    ]
    counted = [Column("姓名", name), *columns()[1:]]
    widget: SearchableTable[Person] = SearchableTable(counted)
    qtbot.addWidget(widget)
    widget.set_rows(rows)
    widget.search.setText("彝族")
    assert widget.proxy.rowCount() == 6000
    widget.search.setText("彝")
    widget.search.setText("彝族")
    widget.view.sortByColumn(3, DESC)
    assert widget.proxy.data(widget.proxy.index(0, 0)) == "党员29995"
    widget.view.sortByColumn(0, ASC)
    widget.search.clear()
    assert widget.proxy.rowCount() == 30000
    # the search text once per row, the name column's sort keys each time it becomes the sort
    # column (at the start and again above), and the few cells on screen: about 90,000 reads;
    # a pass per search change or per comparison would be several times that
    assert reads[0] < 3 * len(rows) + 2_000, reads[0]
