"""What every page is: a widget with a title that refreshes itself when data changes."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from dangjian_desktop.gui.context import AppContext, Area, Change
from dangjian_desktop.gui.worker import settle_heap


class Page(QWidget):
    """A page of the main window. Subclasses set `title` and implement `refresh()`.

    A page declares the areas it shows (`watches`) and whether it shows the current round only
    (`round_scoped`). A change that touches none of them leaves it alone; a page that is not on
    screen only notes that it is out of date and refreshes when shown, so a change on one page
    does not make every page reload. `reload_for(change)` may reload only the part a change touched.
    """

    title = ""
    key = ""
    watches: frozenset[str] = Area.ALL
    round_scoped = False
    reloads = 0
    """How many times the page read its data (for the tests of the change path)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self._loading = False
        """A load is in flight (the window waits for its read in a local event loop)."""
        self._again = False
        """A load was asked while one was in flight: done (as a whole reload) once it has ended."""
        ctx.sig_data_changed.connect(self._on_data_changed)
        ctx.sig_round_changed.connect(self._on_changed)
        ctx.sig_actor_changed.connect(self._on_changed)

    def _on_data_changed(self, change: Change) -> None:
        if not change.touches(self.watches, self.ctx.year if self.round_scoped else None):
            return
        if not self.isVisible():
            self._stale = True
        elif self._stale:
            self._refresh_now()
        else:
            self._load(change)

    def _on_changed(self, *_: object) -> None:
        if self.isVisible():
            self._refresh_now()
        else:
            self._stale = True

    def _refresh_now(self) -> None:
        self._load(None)

    def _load(self, change: Change | None) -> None:
        """The whole page (`change` None) or the part `change` touched, read and shown.

        While the read runs the window's thread waits in an event loop (gui/db_thread.py), where
        a timer or a finished task may ask this page to load again: that is not started on top
        of the load in flight but noted, and done once it has ended (as a whole reload)."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        try:
            self.reloads += 1
            if change is None:
                self.refresh()
                self._stale = False
            else:
                self.reload_for(change)
        finally:
            self._loading = False
        settle_heap()  # the rows the page now holds: never walked by a collection again
        if self._again:
            self._again = False
            self._on_changed()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._refresh_now()
        super().showEvent(event)

    def reload_for(self, change: Change) -> None:
        """Reload after `change` while on screen; by default the whole page."""
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def has_unsaved_changes(self) -> bool:
        """Pages with typed-but-unsaved edits say so; closing the window then asks."""
        return False

    def screenshot_dialogs(self) -> list[tuple[str, QWidget]]:
        """The page's main dialogs, built but not shown, for `make screenshots` (name, widget)."""
        return []

    def go_to(self, key: str) -> QWidget | None:
        """Show another page of the main window (an empty page's button leads to the page where
        the missing data is entered); the page, or None outside the main window."""
        # imported here: gui.widgets names `Qt`, whose enums are built after the first paint
        from dangjian_desktop.gui.widgets import go_to_page

        return go_to_page(self, key)

    def save_changes(self) -> bool:
        """Save pending edits; False when something could not be saved."""
        return True
