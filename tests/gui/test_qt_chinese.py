"""Qt's own dialogs speak Chinese: the catalogues of the bundled Qt, and our file dialog labels."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel

from dangjian_desktop.gui import file_dialogs
from dangjian_desktop.gui.app import QT_CATALOGUES, install_qt_translations


def test_qt_catalogues_of_the_bundled_qt_are_installed(qapp: Any) -> None:
    assert install_qt_translations(qapp) == list(QT_CATALOGUES)
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QPrintSettingsOutput", "Page Set:") == "页面组："


def test_file_dialog_labels_are_chinese_even_without_a_catalogue(qtbot: Any) -> None:
    dialog = file_dialogs._dialog(None, "选择Excel文件", "", "Excel 文件 (*.xlsx)", "打开")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"查找范围：", "文件名：", "文件类型："} <= texts
    assert dialog.labelText(QFileDialog.DialogLabel.Accept) == "打开"
    assert dialog.labelText(QFileDialog.DialogLabel.Reject) == "取消"
