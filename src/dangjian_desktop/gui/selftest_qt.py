"""The self-test's look at the window's pieces; Qt lives in gui/, so this check does too."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dangjian_desktop import APP_NAME


class QtCheckFailed(Exception):
    """What is missing, in Chinese, for the self-test's report."""


def check_qt(certificate: Path | None) -> str:
    """The window's pieces: Qt starts, the icon (SVG) and Chinese Qt texts load, QtPdf opens the
    certificate. Offscreen when there is no display, so it works over SSH too."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLibraryInfo, QSize, QTranslator
    from PySide6.QtGui import QGuiApplication, QImage
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from dangjian_desktop.paths import resources_dir

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    icon = resources_dir() / "icons" / "app.svg"
    image = QImage(str(icon))
    if image.isNull():
        raise QtCheckFailed(f"程序图标打不开（{icon}），可能缺少SVG支持")
    translator = QTranslator(app)
    if not translator.load(
        "qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        raise QtCheckFailed("缺少Qt的中文界面文字（qtbase_zh_CN.qm）")
    if certificate is not None:
        document = QPdfDocument(app)
        document.load(str(certificate))
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() != 1:
            raise QtCheckFailed("Qt的PDF组件打不开刚生成的荣誉证书")
        page = document.render(0, QSize(297, 210))
        document.close()
        if page.isNull():
            raise QtCheckFailed("Qt的PDF组件不能显示荣誉证书")
    platform = QGuiApplication.platformName()
    return f"Qt {QLibraryInfo.version().toString()}，{platform} 平台；图标、中文界面文字、PDF预览"
