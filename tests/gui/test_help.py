"""The 使用说明: shipped, offline, a section for every page, opened by F1 and the 帮助 menu."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtGui import QTextDocument

from dangjian_desktop.gui.help import MANUAL, HelpWindow, help_dir, section_keys
from dangjian_desktop.gui.pages.registry import PAGES


def test_every_page_has_a_section_and_every_picture_is_shipped() -> None:
    keys = section_keys()
    assert {entry.key for entry in PAGES} <= set(keys)
    assert "first_day" in keys and "stages" in keys
    text = (help_dir() / MANUAL).read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', text)
    assert len(images) >= len(PAGES)
    for image in images:
        assert (help_dir() / image).is_file(), image
    for link in re.findall(r'<a href="#([a-z_]+)"', text):
        assert link in keys, link
    assert "http" not in text  # nothing that would need a network


def test_the_help_window_renders_the_manual_with_its_pictures(qtbot: Any) -> None:
    window = HelpWindow()
    qtbot.addWidget(window)
    window.show()
    document = window.browser.document()
    assert "第一天：从空白开始" in document.toPlainText()
    image = document.resource(
        QTextDocument.ResourceType.ImageResource,
        window.browser.source().resolved("images/workbench.png"),
    )
    assert image is not None and not image.isNull()
    bar = window.browser.verticalScrollBar()
    window.show_section("audit")
    at_audit = bar.value()
    window.show_section("workbench")
    assert 0 < bar.value() < at_audit
    window.find_edit.setText("催报通知")
    window.find_next()
    assert window.browser.textCursor().selectedText() == "催报通知"


def test_f1_opens_the_section_of_the_page_on_screen(window: Any, qtbot: Any) -> None:
    window.show()
    window.show_page("county")
    assert window.page_help_action.shortcut().toString() == "F1"
    window.page_help_action.trigger()
    help_window = window._help
    assert help_window is not None and help_window.isVisible()
    bar = help_window.browser.verticalScrollBar()
    at_county = bar.value()
    window.show_page("workbench")
    window.page_help_button.click()
    assert window._help is help_window  # one help window, moved to the section
    assert bar.value() < at_county
    menu_texts = [a.text() for a in window.help_menu.actions()]
    assert "使用说明(&M)" in menu_texts and "关于本程序(&A)" in menu_texts
