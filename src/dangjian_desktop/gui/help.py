"""The 使用说明: a Chinese manual shipped in resources/help/, shown in a QTextBrowser (no browser).

The manual is one HTML file with an anchor per page (the page's key) and the program's own
screenshots beside it (resources/help/images/, made by `make help-images`). F1 and the 帮助 menu
open it; the 本页说明 button opens it at the section of the page on screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.paths import resources_dir

MANUAL = "manual.html"


def help_dir() -> Path:
    return resources_dir() / "help"


def section_keys() -> list[str]:
    """The anchors the manual has (`<a name="…">`), in order."""
    import re

    text = (help_dir() / MANUAL).read_text(encoding="utf-8")
    return re.findall(r'<a name="([a-z_]+)"', text)


class HelpWindow(QDialog):
    """The manual, non-modal, one per main window: the clerk reads it beside the work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.setModal(False)
        self.resize(900, 640)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # offline: nothing leaves the program
        self.browser.setSearchPaths([str(help_dir())])
        self.browser.setSource(QUrl.fromLocalFile(str(help_dir() / MANUAL)))

        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("在说明里查找，如：催报通知")
        self.find_edit.returnPressed.connect(self.find_next)
        find_button = QPushButton("查找下一处")
        find_button.clicked.connect(self.find_next)
        contents_button = QPushButton("回到目录")
        contents_button.clicked.connect(lambda: self.show_section("contents"))
        top = QHBoxLayout()
        top.addWidget(contents_button)
        top.addWidget(self.find_edit, 1)
        top.addWidget(find_button)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def show_section(self, key: str) -> None:
        """Scroll to the section of a page (its key), or to the contents when there is none."""
        self.browser.scrollToAnchor(key if key in section_keys() else "contents")

    def find_next(self) -> None:
        text = self.find_edit.text().strip()
        if not text:
            return
        if not self.browser.find(text):  # from the top again once the end is reached
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            self.browser.find(text)
