"""The main window over demo data: pages, round selector, operator, layout memory."""

from __future__ import annotations

from typing import Any

from dangjian_desktop.domain.text import round_label


def test_window_shows_rounds_and_operator(window: Any) -> None:
    combo = window.round_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == [round_label(2026), round_label(2025)]
    assert combo.currentText() == round_label(2026)
    assert "李丽华" in window.actor_label.text()


def test_picking_a_round_tells_the_pages(window: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(window.ctx.sig_round_changed):
        window.round_combo.setCurrentIndex(1)
    assert window.ctx.year == 2025


def test_every_page_is_reachable_from_the_navigation(window: Any) -> None:
    assert window.nav.count() == len(window.pages)
    for row, page in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is page
        assert page.title


def test_pages_are_built_when_first_shown(ctx: Any, demo_dir: Any, qtbot: Any) -> None:
    from dangjian_desktop.gui.app import gui_settings
    from dangjian_desktop.gui.main_window import MainWindow

    win = MainWindow(ctx, gui_settings(demo_dir))
    qtbot.addWidget(win)
    assert list(win._built) == [0]  # only the page on screen
    page = win.show_page("audit")
    assert page is not None and page.key == "audit" and win.current_page() is page
    assert sorted(win._built) == [0, 10]
    assert [p.key for p in win.pages] == [entry.key for entry in win.entries]


def test_the_registry_names_each_page_as_its_class_does() -> None:
    from dangjian_desktop.gui.pages.registry import PAGES

    for entry in PAGES:
        cls = entry.load()
        assert (cls.key, cls.title) == (entry.key, entry.title)
