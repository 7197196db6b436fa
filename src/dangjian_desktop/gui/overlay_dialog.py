"""套打 calibration: paper size, each field's box, printer offsets, with a live preview over a
photo or scan of the blank certificate paper; a warning when text would fall off the paper."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.documents.certificates import (
    FIELD_LABELS,
    check_overlay,
    layout_certificate,
)
from dangjian_desktop.documents.data import (
    PAPER_PRESETS,
    CertificateData,
    OverlayCalibration,
    OverlayField,
)
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui import file_dialogs
from dangjian_desktop.gui.context import AppContext
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.fonts import load_fonts
from dangjian_desktop.gui.pdf_preview import PdfPreview
from dangjian_desktop.gui.widgets import fit_to_screen
from dangjian_desktop.services import documents

MM = 72 / 25.4
CUSTOM = "自定义尺寸"
FIELD_PARTS = (("x_mm", "左右（毫米）"), ("y_mm", "上下（毫米）"), ("width_mm", "宽度（毫米）"))


def _spin(low: float, high: float, step: float = 0.5, decimals: int = 1) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(decimals)
    spin.setSingleStep(step)
    spin.setKeyboardTracking(False)
    return spin


class OverlayPreview(QWidget):
    """The sheet at scale: the clerk's photo of the blank paper, each field's box, the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(420, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.calibration = OverlayCalibration()
        self.sample: CertificateData | None = None
        self.background: QPixmap | None = None
        families = load_fonts()
        self.family = next((f for f in families if "WenKai" in f), "")

    def show_layout(self, calibration: OverlayCalibration, sample: CertificateData | None) -> None:
        self.calibration, self.sample = calibration, sample
        path = calibration.background
        self.background = QPixmap(path) if path and Path(path).is_file() else None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        cal = self.calibration
        paper_w, paper_h = cal.paper_width_mm * MM, cal.paper_height_mm * MM
        scale = min((self.width() - 20) / paper_w, (self.height() - 20) / paper_h)
        left = (self.width() - paper_w * scale) / 2
        top = (self.height() - paper_h * scale) / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paper = QRectF(left, top, paper_w * scale, paper_h * scale)
        painter.fillRect(self.rect(), QColor("#d9d9d9"))
        if self.background is not None and not self.background.isNull():
            painter.drawPixmap(paper.toRect(), self.background)
        else:
            painter.fillRect(paper, QColor("white"))
        painter.setPen(QPen(QColor("#666666"), 1))
        painter.drawRect(paper)
        if self.sample is None:
            painter.end()
            return

        def point(x: float, y: float) -> QPointF:  # PDF points (from the bottom) to the widget
            return QPointF(left + x * scale, top + (paper_h - y) * scale)

        for name, lines in layout_certificate(self.sample, cal).items():
            field: OverlayField = getattr(cal, name)
            anchor = point(*_anchor(cal, field))
            box_left = {"left": 0.0, "center": -field.width_mm * MM / 2}.get(
                field.align, -field.width_mm * MM
            )
            painter.setPen(QPen(QColor("#1f6fb2"), 1, Qt.PenStyle.DashLine))
            painter.drawRect(
                QRectF(
                    anchor.x() + box_left * scale,
                    anchor.y() - field.size_pt * scale,
                    field.width_mm * MM * scale,
                    field.size_pt * 1.3 * scale,
                )
            )
            for line in lines:
                font = QFont(self.family)
                font.setPixelSize(max(1, round(line.size * scale)))
                painter.setFont(font)
                outside = line.x < 0 or line.x + line.width > paper_w or line.y < 0
                painter.setPen(QColor("#c00000") if outside else QColor("black"))
                painter.drawText(point(line.x, line.y), line.text)
        painter.end()


def _anchor(cal: OverlayCalibration, field: OverlayField) -> tuple[float, float]:
    return (field.x_mm + cal.offset_x_mm) * MM, (
        cal.paper_height_mm - field.y_mm - cal.offset_y_mm
    ) * MM


class OverlayDialog(QDialog):
    """Move each field (x, y, width, font size) for one printer; saved per printer."""

    def __init__(
        self,
        ctx: AppContext,
        year: int,
        printer: str,
        calibration: OverlayCalibration,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.year, self.printer = ctx, year, printer
        self.setWindowTitle(f"调整套打位置：{printer}")
        fit_to_screen(self, 1100, 680)
        try:
            self.certs = ctx.read(lambda s: documents.certificate_data(s, year))
        except UserError:
            self.certs = []
        # the longest texts show best whether everything fits
        self.sample = max(self.certs, key=lambda c: len(c.recipient), default=None)
        grid = self._position_grid()
        self.background_label = QLabel()
        self.background_label.setWordWrap(True)
        self.background_button = QPushButton("选择证书纸照片…")
        self.background_button.setToolTip("拍一张或扫描一张空白证书纸，预览时垫在文字下面")
        self.clear_background = QPushButton("不用照片")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00000;")
        self.calibrate_button = QPushButton("打印校准页")
        self.save_button = QPushButton("保存")
        self.save_button.setProperty("primary", True)
        close = QPushButton("关闭")
        self.preview = OverlayPreview()
        photo = QHBoxLayout()
        photo.addWidget(self.background_button)
        photo.addWidget(self.clear_background)
        buttons = QHBoxLayout()
        buttons.addWidget(self.calibrate_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addLayout(photo)
        left.addWidget(self.background_label)
        left.addWidget(self.warning)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(self.preview, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self._background = calibration.background
        self._set_values(calibration)
        self.paper.currentTextChanged.connect(self._paper_chosen)
        for spin in [
            self.paper_w,
            self.paper_h,
            self.offset_x,
            self.offset_y,
            *self.spins.values(),
        ]:
            spin.valueChanged.connect(self.update_preview)
        self.background_button.clicked.connect(self.choose_background)
        self.clear_background.clicked.connect(lambda: self.set_background(""))
        self.calibrate_button.clicked.connect(self.print_calibration)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        self.update_preview()

    def _position_grid(self) -> QGridLayout:
        """The paper, the overall shift and each field's position, width and font size."""
        self.paper = QComboBox()
        for name in PAPER_PRESETS:
            self.paper.addItem(name)
        self.paper.addItem(CUSTOM)
        self.paper_w = _spin(50, 600)
        self.paper_h = _spin(50, 600)
        self.offset_x = _spin(-50, 50)
        self.offset_y = _spin(-50, 50)
        self.spins: dict[tuple[str, str], QDoubleSpinBox] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel("纸张："), 0, 0)
        grid.addWidget(self.paper, 0, 1, 1, 4)
        grid.addWidget(QLabel("纸宽、纸高（毫米）："), 1, 0)
        grid.addWidget(self.paper_w, 1, 1)
        grid.addWidget(self.paper_h, 1, 2)
        grid.addWidget(QLabel("整体右移、下移（毫米）："), 2, 0)
        grid.addWidget(self.offset_x, 2, 1)
        grid.addWidget(self.offset_y, 2, 2)
        headers = ["项目", *(label for _, label in FIELD_PARTS), "字号（磅）"]
        for column, text in enumerate(headers):
            grid.addWidget(QLabel(text), 3, column)
        for row, (name, label) in enumerate(FIELD_LABELS.items(), start=4):
            grid.addWidget(QLabel(label), row, 0)
            for column, (part, _) in enumerate(FIELD_PARTS, start=1):
                spin = _spin(-50 if part != "width_mm" else 10, 600)
                self.spins[(name, part)] = spin
                grid.addWidget(spin, row, column)
            size = _spin(6, 72, 0.5)
            self.spins[(name, "size_pt")] = size
            grid.addWidget(size, row, 4)
        return grid

    # ------------------------------------------------------------ values
    def _set_values(self, cal: OverlayCalibration) -> None:
        widgets = [self.paper, self.paper_w, self.paper_h, *self.spins.values()]
        for widget in widgets:
            widget.blockSignals(True)
        size = (cal.paper_width_mm, cal.paper_height_mm)
        preset = next((n for n, s in PAPER_PRESETS.items() if s == size), CUSTOM)
        self.paper.setCurrentText(preset)
        self.paper_w.setValue(cal.paper_width_mm)
        self.paper_h.setValue(cal.paper_height_mm)
        self.offset_x.setValue(cal.offset_x_mm)
        self.offset_y.setValue(cal.offset_y_mm)
        for (name, part), spin in self.spins.items():
            spin.setValue(getattr(getattr(cal, name), part))
        for widget in widgets:
            widget.blockSignals(False)

    def calibration(self) -> OverlayCalibration:
        base = OverlayCalibration()
        fields = {}
        for name in FIELD_LABELS:
            field: OverlayField = getattr(self._fields_base, name, getattr(base, name))
            parts: dict[str, Any] = {
                part: self.spins[(name, part)].value() for part, _ in FIELD_PARTS
            }
            fields[name] = dataclasses.replace(
                field, **parts, size_pt=self.spins[(name, "size_pt")].value()
            )
        return OverlayCalibration(
            paper_width_mm=self.paper_w.value(),
            paper_height_mm=self.paper_h.value(),
            offset_x_mm=self.offset_x.value(),
            offset_y_mm=self.offset_y.value(),
            background=self._background,
            **fields,
        )

    @property
    def _fields_base(self) -> OverlayCalibration:
        """Alignment and smallest size come from the layout for this paper."""
        return OverlayCalibration.for_paper(self.paper_w.value(), self.paper_h.value())

    def _paper_chosen(self, name: str) -> None:
        if name not in PAPER_PRESETS:
            return
        width, height = PAPER_PRESETS[name]
        fresh = dataclasses.replace(
            OverlayCalibration.for_paper(width, height),
            offset_x_mm=self.offset_x.value(),
            offset_y_mm=self.offset_y.value(),
            background=self._background,
        )
        self._set_values(fresh)
        self.update_preview()

    def problems(self) -> list[str]:
        return check_overlay(self.certs, self.calibration()) if self.certs else []

    def update_preview(self) -> None:
        cal = self.calibration()
        self.preview.show_layout(cal, self.sample)
        problems = self.problems()
        self.warning.setText(
            "以下文字会印到纸外，请调整位置、宽度或字号：\n" + "\n".join(problems)
            if problems
            else ""
        )
        self.background_label.setText(
            f"垫底照片：{Path(cal.background).name}" if cal.background else "没有垫底照片。"
        )

    def set_background(self, path: str) -> None:
        self._background = path
        self.update_preview()

    def choose_background(self) -> None:
        path = file_dialogs.open_file(self, "选择证书纸照片", "", "图片 (*.png *.jpg *.jpeg *.bmp)")
        if path:
            self.set_background(path)

    # ------------------------------------------------------------ actions
    def print_calibration(self) -> Path:
        path = documents.print_calibration_page(
            self.ctx.db.data_dir, self.calibration(), self.printer
        )
        PdfPreview.show_file(self, path, "套打校准页：打印在证书纸上，量出十字线的偏差")
        return path

    def save(self) -> bool:
        problems = self.problems()
        if problems and not Ask.confirm(
            self, "有文字会印到纸外：\n" + "\n".join(problems) + "\n仍要保存这些位置吗？"
        ):
            return False
        calibration, printer = self.calibration(), self.printer
        saved = self.ctx.act(
            lambda s: documents.save_overlay(
                s, actor=self.ctx.actor, calibration=calibration, printer=printer
            ),
            self,
        )
        if saved is None:
            return False
        self.accept()
        return True
