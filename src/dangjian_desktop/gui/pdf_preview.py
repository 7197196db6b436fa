"""Preview a PDF inside the program (QtPdf), page by page with zoom; print it; save a copy.

Every document the program makes (certificates, notices, forms) is shown here before printing,
so a clerk never has to find the file on disk.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.gui import file_dialogs
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.widgets import fit_to_screen

ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)


class PdfPreview(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(title or f"预览：{self.path.name}")
        fit_to_screen(self, 1000, 720)
        self.document = QPdfDocument(self)
        error = self.document.load(str(self.path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.prev_button = QPushButton("上一页")
        self.next_button = QPushButton("下一页")
        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.page_count = QLabel()
        self.zoom_out = QPushButton("缩小")
        self.zoom_in = QPushButton("放大")
        self.fit_width = QPushButton("适合宽度")
        self.whole_page = QPushButton("整页")
        self.print_button = QPushButton("打印…")
        self.print_button.setProperty("primary", True)
        self.print_button.setToolTip("Ctrl+P")
        self.save_button = QPushButton("另存为…")
        self.save_button.setToolTip("Ctrl+S")
        close = QPushButton("关闭")

        bar = QHBoxLayout()
        for widget in (
            self.prev_button,
            self.next_button,
            QLabel("第"),
            self.page_spin,
            self.page_count,
        ):
            bar.addWidget(widget)
        bar.addSpacing(16)
        for widget in (self.zoom_out, self.zoom_in, self.fit_width, self.whole_page):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.print_button, self.save_button, close):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.prev_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.page_spin.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.zoom_in.clicked.connect(lambda: self.zoom(+1))
        self.zoom_out.clicked.connect(lambda: self.zoom(-1))
        self.fit_width.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.whole_page.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        close.clicked.connect(self.accept)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)
        QShortcut(
            QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.go_to(self.current_page() + 1)
        )
        QShortcut(
            QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.go_to(self.current_page() - 1)
        )
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)

        if error != QPdfDocument.Error.None_:
            self.page_count.setText("")
            Ask.warn(parent, f"文件打不开或已损坏：{self.path}")
        self.page_spin.setMaximum(max(1, self.pages()))
        self.page_count.setText(f"页，共 {self.pages()} 页")
        self._page_changed(0)

    def pages(self) -> int:
        return int(self.document.pageCount())

    def current_page(self) -> int:
        return int(self.view.pageNavigator().currentPage())

    def go_to(self, page: int) -> None:
        if 0 <= page < self.pages() and page != self.current_page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < self.pages())

    def zoom(self, direction: int) -> None:
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        if direction > 0:
            nxt = next((z for z in ZOOM_STEPS if z > current + 0.01), ZOOM_STEPS[-1])
        else:
            nxt = next((z for z in reversed(ZOOM_STEPS) if z < current - 0.01), ZOOM_STEPS[0])
        self.view.setZoomFactor(nxt)

    # ------------------------------------------------------------ print and save
    @classmethod
    def ask_printer(cls, parent: QWidget | None, printer: QPrinter) -> bool:
        """The system print dialog (tests replace this)."""
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("打印")
        return dialog.exec() == QDialog.DialogCode.Accepted

    @classmethod
    def ask_save_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        name = file_dialogs.save_file(parent, "另存为", str(suggested), "PDF 文件 (*.pdf)")
        return Path(name) if name else None

    def print_document(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.path.stem)
        if not self.ask_printer(self, printer):
            return False
        render_pdf(self.document, printer)
        return True

    def save_as(self) -> Path | None:
        target = self.ask_save_path(self, Path.home() / self.path.name)
        if target is None:
            return None
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            Ask.warn(self, f"没有保存成功（{exc.strerror}）：{target}。请换一个位置再试。")
            return None
        Ask.info(self, f"已另存为：{target}")
        return target

    @classmethod
    def show_file(cls, parent: QWidget | None, path: Path, title: str = "") -> None:
        """Open the preview for a file (tests replace this to check what would be shown)."""
        dialog = cls(path, parent, title)
        dialog.exec()


def render_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page of a PDF scaled to the printer's page; returns the number of pages."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        dpi = printer.resolution()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            size_pt = document.pagePointSize(page)
            target = QSize(int(size_pt.width() / 72 * dpi), int(size_pt.height() / 72 * dpi))
            image = document.render(page, target)
            area = painter.viewport()
            scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(area.x(), area.y(), image.scaled(scaled))
    finally:
        painter.end()
    return int(document.pageCount())
