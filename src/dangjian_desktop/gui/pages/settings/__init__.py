"""设置, one module per tab (page.py holds the page)."""

from dangjian_desktop.gui.pages.settings.page import SettingsPage

__all__ = ["SettingsPage"]
