"""The window's link to the services: who is working, which round, and one way to change data.

Pages never open sessions for writing themselves: they call `ctx.act(...)`, which runs the service
in one transaction, turns a `UserError` into a message for the clerk, and announces the change
(`sig_data_changed`) so every page refreshes itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.dialogs import Ask

if TYPE_CHECKING:  # the data layer (SQLAlchemy) is imported after the window is on screen
    from dangjian_desktop.services.common import Actor, Session
    from dangjian_desktop.services.data_folder import Database

T = TypeVar("T")


class AppContext(QObject):
    sig_data_changed = Signal()
    """Emitted after every successful change; pages refresh what they show."""
    sig_round_changed = Signal(int)
    """The clerk picked another round (its first year)."""
    sig_actor_changed = Signal()
    """Another operator signed in."""

    def __init__(self, db: Database, actor: Actor, year: int | None = None) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.year = year

    # ----------------------------------------------------------- reading
    def read(self, fn: Callable[[Session], T]) -> T:
        with self.db.session() as session:
            return fn(session)

    def round_year(self) -> int:
        """The chosen round's first year, for an action that needs one (its button is disabled
        while there is no round)."""
        if self.year is None:
            raise UserError("还没有创建年度，请先在“设置”里新建。")
        return self.year

    # ----------------------------------------------------------- changing
    def act(self, fn: Callable[[Session], T], parent: QWidget | None = None) -> T | None:
        """Run a change in one transaction. On a UserError: nothing is saved, the clerk is told."""
        try:
            with self.db.transaction() as session:
                result = fn(session)
        except UserError as exc:
            Ask.warn(parent, str(exc))
            return None
        self.sig_data_changed.emit()
        return result

    def try_act(self, fn: Callable[[Session], T]) -> tuple[T | None, str | None]:
        """Like `act`, but the message comes back instead of being shown (for inline errors)."""
        try:
            with self.db.transaction() as session:
                result = fn(session)
        except UserError as exc:
            return None, str(exc)
        self.sig_data_changed.emit()
        return result, None

    def set_round(self, year: int) -> None:
        if year != self.year:
            self.year = year
            self.sig_round_changed.emit(year)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.sig_actor_changed.emit()
