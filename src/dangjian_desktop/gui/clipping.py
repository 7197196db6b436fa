"""Find text a clerk cannot read whole: labels, headers, tabs, group titles and buttons that got
less width than their text needs, and controls pushed outside the visible part of their window.

Used by the clipping test (every page, tab and dialog at 1364 × 700 and at 150 % on 1920 × 1080)
and by `make screenshots`, which prints what it finds. The measure is the one Qt draws with:
QFontMetrics.horizontalAdvance of the text against the width the widget was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabBar,
    QToolButton,
    QWidget,
)

SLACK = 1  # a pixel of rounding between measuring and drawing


@dataclass(frozen=True)
class Clipped:
    where: str  # the window, page or dialog and the widget's class / object name
    text: str
    needed: int
    got: int
    why: str

    def __str__(self) -> str:
        return f"{self.where}: “{self.text}” {self.why}（需要{self.needed}，只有{self.got}）"


def _plain(text: str) -> str:
    """Text as drawn: mnemonic markers gone (&& stays one &)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _name(widget: QWidget) -> str:
    name = widget.objectName()
    return f"{type(widget).__name__}{'#' + name if name else ''}"


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _in_scroll_area(widget: QWidget, root: QWidget) -> bool:
    """Inside a scroll area's viewport: what lies outside is reached by scrolling."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def _visible_rect(widget: QWidget, root: QWidget) -> QRect:
    """The part of `widget` (in `root`'s coordinates) not cut off by an ancestor up to `root`."""
    rect = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        rect = rect.intersected(QRect(parent.mapTo(root, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(root.rect())


def _label(label: QLabel, where: str) -> Clipped | None:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and bool(re.search(r"<[a-zA-Z!/]", text))
    )
    if rich:
        return None  # rich text lays itself out; the labels measured here are the plain ones
    space = label.contentsRect()
    margin = 2 * label.margin() + max(label.indent(), 0)
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return Clipped(where, text, needed, label.height(), "折行后高度不够")
        return None
    metrics = label.fontMetrics()
    lines = _plain(text).split("\n")
    needed = max(metrics.horizontalAdvance(line) for line in lines) + margin
    if needed > space.width() + SLACK:
        return Clipped(where, text, needed, space.width(), "宽度不够，文字被截断")
    tall = metrics.height() * len(lines)
    if tall > space.height() + metrics.descent() + SLACK:
        return Clipped(where, text, tall, space.height(), "高度不够，文字被截断")
    return None


def _button(button: QAbstractButton, where: str) -> Clipped | None:
    text = _plain(button.text())
    if not text:
        return None
    metrics = button.fontMetrics()
    style = button.style()
    if isinstance(button, (QCheckBox, QRadioButton)):
        indicator = style.pixelMetric(
            QStyle.PixelMetric.PM_IndicatorWidth
            if isinstance(button, QCheckBox)
            else QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
            None,
            button,
        )
        needed = metrics.horizontalAdvance(text) + indicator + 4
    elif isinstance(button, QPushButton):
        needed = metrics.horizontalAdvance(text) + 2 * style.pixelMetric(
            QStyle.PixelMetric.PM_ButtonMargin, None, button
        )
        if not button.icon().isNull():
            needed += button.iconSize().width() + 4
        if button.menu() is not None:
            needed += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    elif isinstance(button, QToolButton):
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
            return None
        needed = metrics.horizontalAdvance(text) + 4
    else:
        return None
    if needed > button.width() + SLACK:
        return Clipped(where, text, needed, button.width(), "按钮宽度不够，文字被截断")
    return None


def _header(header: QHeaderView, where: str) -> list[Clipped]:
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return []
    found = []
    metrics = header.fontMetrics()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    mark = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        text = model.headerData(section, Qt.Orientation.Horizontal)
        if not isinstance(text, str) or not text:
            continue
        needed = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            needed += mark + margin
        got = header.sectionSize(section)
        if needed > got + SLACK:
            found.append(Clipped(where, text, needed, got, "表头宽度不够，文字被截断"))
    return found


def _tabs(bar: QTabBar, where: str) -> list[Clipped]:
    found = []
    metrics = bar.fontMetrics()
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = _plain(bar.tabText(index))
        needed = metrics.horizontalAdvance(text) + 8
        got = bar.tabRect(index).width()
        if needed > got + SLACK:
            found.append(Clipped(where, text, needed, got, "分页标签宽度不够"))
        tab = bar.tabRect(index)
        if not bar.usesScrollButtons() and tab.right() > bar.width() + SLACK:
            found.append(Clipped(where, text, tab.right(), bar.width(), "分页标签在窗口外"))
    return found


def _group(box: QGroupBox, where: str) -> Clipped | None:
    title = _plain(box.title())
    if not title:
        return None
    needed = box.fontMetrics().horizontalAdvance(title) + 16
    if box.isCheckable():
        needed += 20
    if needed > box.width() + SLACK:
        return Clipped(where, title, needed, box.width(), "分组标题宽度不够")
    return None


CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QLabel)


def _outside(widget: QWidget, root: QWidget, where: str) -> Clipped | None:
    """A control cut off by the edge of its window or of a container (not a scroll area)."""
    if _in_scroll_area(widget, root):
        return None
    seen = _visible_rect(widget, root)
    if isinstance(widget, QAbstractItemView):
        # a table needs room for its header and a few rows, not its whole height
        need_w, need_h = min(widget.width(), 120), min(widget.height(), 60)
    else:
        need_w, need_h = widget.width(), widget.height()
    if seen.width() + SLACK < need_w or seen.height() + SLACK < need_h:
        text = ""
        if isinstance(widget, (QLabel, QAbstractButton)):
            text = widget.text()
        return Clipped(
            where,
            text or _name(widget),
            need_w * 10000 + need_h,
            seen.width() * 10000 + seen.height(),
            "控件有一部分在可见区域之外",
        )
    return None


def _laid_out(widget: QWidget, layout: QLayout) -> list[QWidget]:
    """The child widgets `layout` or one of its sub-layouts places. (Asked through indexOf:
    wrapping the layout's items in Python would leave stale wrappers behind in PySide.)"""
    layouts = [layout, *layout.findChildren(QLayout)]
    children: list[QWidget] = list(
        widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    )
    return [child for child in children if any(inner.indexOf(child) >= 0 for inner in layouts)]


def _overlapping(widget: QWidget, root: QWidget, where: str) -> list[Clipped]:
    """Widgets of one layout drawn over each other: the layout got less room than it needs (a
    table grown over the check box under it)."""
    layout = widget.layout()
    if not isinstance(layout, QLayout):
        return []
    shown = [w for w in _laid_out(widget, layout) if _shown(w, root)]
    found = []
    for i, first in enumerate(shown):
        for second in shown[i + 1 :]:
            both = first.geometry().intersected(second.geometry())
            if both.width() > SLACK and both.height() > SLACK:
                text = next(
                    (w.text() for w in (second, first) if isinstance(w, (QLabel, QAbstractButton))),
                    _name(second),
                )
                found.append(
                    Clipped(
                        f"{where}（{_name(first)}与{_name(second)}）",
                        text,
                        0,
                        both.height(),
                        "控件互相重叠，布局的空间不够",
                    )
                )
    return found


def find_clipped(root: QWidget, label: str) -> list[Clipped]:
    """Everything shown in `root` (a window or dialog, laid out at its present size) that the
    clerk cannot read whole."""
    found: list[Clipped] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root):
            continue
        where = f"{label} {_name(widget)}"
        problem: Clipped | None = None
        if isinstance(widget, QLabel):
            problem = _label(widget, where)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QTabBar):
            problem = _button(widget, where)
        elif isinstance(widget, QGroupBox):
            problem = _group(widget, where)
        elif isinstance(widget, QHeaderView):
            found += _header(widget, where)
        elif isinstance(widget, QTabBar):
            found += _tabs(widget, where)
        if problem is not None:
            found.append(problem)
        found += _overlapping(widget, root, where)
        if widget is not root and isinstance(widget, CONTROLS):
            outside = _outside(widget, root, where)
            if outside is not None:
                found.append(outside)
    return found
