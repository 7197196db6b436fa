"""Navigation order of the pages, in the order of the campaign (issue 3 names them)."""

from __future__ import annotations

from dangjian_desktop.gui.pages.base import Page


def page_classes() -> list[type[Page]]:
    # Imported here so that importing the registry stays cheap and cycle-free.
    pages: list[type[Page]] = []
    return pages
