"""The interface uses the fonts shipped in resources/fonts/, so it looks the same on every PC."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from dangjian_desktop.paths import fonts_dir

UI_FONT_FILES = ("LXGWWenKai-Regular.ttf", "LXGWWenKai-Bold.ttf", "uming.ttc")
_families: list[str] = []


def load_fonts() -> list[str]:
    """Register the bundled fonts with Qt once; returns the family names found."""
    if _families:
        return _families
    for name in UI_FONT_FILES:
        path = fonts_dir() / name
        if not path.exists():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _families:
                _families.append(family)
    return _families


def apply_ui_font(app: QApplication, point_size: float = 10.5) -> QFont:
    families = load_fonts()
    primary = next((f for f in families if "WenKai" in f), families[0] if families else "")
    fallbacks = [f for f in families if f != primary]
    font = QFont(primary)
    font.setFamilies([primary, *fallbacks])
    font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    return font
