"""File dialogs with Chinese labels whatever the platform's theme gives.

Qt's own dialog (used on Linux desktops without a Qt platform theme, i.e. most UOS/Kylin
installs) takes its texts from the qtbase translation; when that file is missing from a build,
or a label has no translation, the clerk saw "Look in:" and "Files of type:". Every label is set
here, so the dialog is Chinese in any case. The dialog is built as an object, not through the
static helpers, because only an object's labels can be set.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

LABELS = {
    QFileDialog.DialogLabel.LookIn: "查找范围：",
    QFileDialog.DialogLabel.FileName: "文件名：",
    QFileDialog.DialogLabel.FileType: "文件类型：",
    QFileDialog.DialogLabel.Reject: "取消",
}


def _dialog(
    parent: QWidget | None, title: str, folder: str, filters: str, accept: str
) -> QFileDialog:
    dialog = QFileDialog(parent, title, folder, filters)
    for label, text in LABELS.items():
        dialog.setLabelText(label, text)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, accept)
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []


def open_file(parent: QWidget | None, title: str, folder: str, filters: str) -> str:
    dialog = _dialog(parent, title, folder, filters, "打开")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    files = _run(dialog)
    return files[0] if files else ""


def open_files(parent: QWidget | None, title: str, folder: str, filters: str) -> list[str]:
    dialog = _dialog(parent, title, folder, filters, "打开")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(dialog)


def save_file(parent: QWidget | None, title: str, path: str, filters: str) -> str:
    dialog = _dialog(parent, title, path, filters, "保存")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    files = _run(dialog)
    return files[0] if files else ""


def existing_directory(parent: QWidget | None, title: str, folder: str) -> str:
    dialog = _dialog(parent, title, folder, "", "选择文件夹")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    files = _run(dialog)
    return files[0] if files else ""
