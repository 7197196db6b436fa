"""The window's link to the services: who is working, which round, and one way to change data.

Pages never open sessions for writing themselves: every change goes through `ctx.act(...)`, which
runs the service in one transaction (on the database thread while the window waits without
freezing, gui/db_thread.py; or on a worker with `background=True`), turns a `UserError` into a
message for the clerk (a popup, or handed back for an inline message), and announces what changed with one `Change` on `sig_data_changed`. Pages
declare the areas they show (`Page.watches`); only the visible page that watches a changed area
reloads, hidden pages note that they are out of date and reload when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.db_thread import on_db_thread
from dangjian_desktop.gui.dialogs import Ask

if TYPE_CHECKING:  # the data layer (SQLAlchemy) is imported after the window is on screen
    from dangjian_desktop.gui.worker import Task, Work
    from dangjian_desktop.services.common import Actor, Session
    from dangjian_desktop.services.data_folder import Database

T = TypeVar("T")


class Area:
    """What a change touches, in the campaign's words: a page watches the areas it shows."""

    REGISTERS = "registers"  # 党组织与党员
    ENROLMENT = "enrolment"  # 申报与方案
    REPORTS = "reports"  # 半年汇报
    EVALUATION = "evaluation"  # 评估材料、评委、评分
    COMMENDATION = "commendation"  # 公示与表彰
    DYNAMIC = "dynamic"  # 动态管理
    DOCUMENTS = "documents"  # 文书登记
    COUNTY = "county"  # 报送县委
    SETTINGS = "settings"  # 乡镇、评分细则、操作员、年度设置
    ROUNDS = "rounds"  # 年度的新建、关闭
    AUDIT = "audit"  # 操作日志 (every change writes an entry)

    ALL: frozenset[str] = frozenset(
        {
            REGISTERS,
            ENROLMENT,
            REPORTS,
            EVALUATION,
            COMMENDATION,
            DYNAMIC,
            DOCUMENTS,
            COUNTY,
            SETTINGS,
            ROUNDS,
            AUDIT,
        }
    )


@dataclass(frozen=True)
class Change:
    """One saved change: the round it belongs to (None: not one round's, or every round's) and
    the areas it touched. Every change touches the audit log as well."""

    year: int | None
    areas: frozenset[str]
    members: frozenset[int] | None = None
    """The members whose own fields are all that changed (an edited member): the member list
    replaces their rows instead of reloading every member. None: not known, reload."""

    @classmethod
    def of(cls, year: int | None, *areas: str) -> Change:
        return cls(year, frozenset(areas) | {Area.AUDIT})

    @classmethod
    def nothing(cls) -> Change:
        """For background work that saves nothing (reading, checking): no page reloads."""
        return cls(None, frozenset())

    @classmethod
    def everything(cls, year: int | None = None) -> Change:
        return cls(year, Area.ALL)

    def about_members(self, *ids: int) -> Change:
        """This change, saying it changed only the members `ids` (their rows, nothing else)."""
        return replace(self, members=frozenset(ids))

    def touches(self, watched: frozenset[str], year: int | None = None) -> bool:
        """Does a view of `watched` areas (of round `year`, None: of no single round) change?"""
        if not (self.areas & watched):
            return False
        return self.year is None or year is None or self.year == year


class AppContext(QObject):
    sig_data_changed = Signal(object)
    """Emitted with a `Change` after every successful change; pages reload what it touched."""
    sig_round_changed = Signal(int)
    """The clerk picked another round (its first year)."""
    sig_actor_changed = Signal()
    """Another operator signed in."""

    def __init__(self, db: Database, actor: Actor, year: int | None = None) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.year = year
        self.tasks: list[Task] = []
        """Background changes still running (kept alive until they end)."""

    # ----------------------------------------------------------- reading
    def read(self, fn: Callable[[Session], T]) -> T:
        """`fn(session)` run on the database thread (gui/db_thread.py) while the window keeps
        painting with the clerk's input held off; its result, or its exception, comes back here.
        The session is closed when the caller sees the result: `fn` returns plain values, or
        objects with everything the caller uses loaded."""
        db = self.db

        def job() -> T:
            with db.session() as session:
                return fn(session)

        return on_db_thread(job)

    def round_year(self) -> int:
        """The chosen round's first year, for an action that needs one (its button is disabled
        while there is no round)."""
        if self.year is None:
            raise UserError("还没有创建年度，请先在“设置”里新建。")
        return self.year

    # ----------------------------------------------------------- changing
    @overload
    def act(
        self,
        fn: Callable[[Session], T],
        parent: QWidget | None = None,
        *,
        what: Change | None = None,
        inline: Literal[False] = False,
        background: Literal[False] = False,
    ) -> T | None: ...

    @overload
    def act(
        self,
        fn: Callable[[Session], T],
        parent: QWidget | None = None,
        *,
        what: Change | None = None,
        inline: Literal[True],
        background: Literal[False] = False,
    ) -> tuple[T | None, str | None]: ...

    @overload
    def act(
        self,
        fn: Work,
        parent: QWidget | None = None,
        *,
        what: Change | None = None,
        background: Literal[True],
        title: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Task: ...

    def act(
        self,
        fn: Any,
        parent: QWidget | None = None,
        *,
        what: Change | None = None,
        inline: bool = False,
        background: bool = False,
        title: str | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Any:
        """The one way to change data. Runs `fn(session)` in one transaction on the database
        thread (the window waits without freezing, as for `read`) and announces `what` changed
        (default: everything of the current round).

        On a UserError nothing is saved and the clerk is told: in a popup, or with `inline=True`
        the message comes back as `(None, message)` for a message beside the fields (a success
        gives `(result, None)`).

        With `background=True`, `fn(progress, cancelled)` runs on a worker under a progress
        dialog named `title` and opens its own session there (`db.transaction()`), never one of
        the window's; the `Task` is returned. When it ends well `what` is announced (`Change.nothing()` for
        work that saves nothing) and `on_done(result)`
        runs on the window's thread; a UserError goes to `on_error`, or to a popup."""
        if background:
            return self._in_background(fn, parent, what, title or "", on_done, on_error)
        db = self.db

        def job() -> Any:
            with db.transaction() as session:
                return fn(session)

        try:
            result = on_db_thread(job)
        except UserError as exc:
            if inline:
                return None, str(exc)
            Ask.warn(parent, str(exc))
            return None
        self.announce(what)
        return (result, None) if inline else result

    def _in_background(
        self,
        work: Work,
        parent: QWidget | None,
        what: Change | None,
        title: str,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> Task:
        from dangjian_desktop.gui.worker import run_task

        def done(result: Any) -> None:
            if what is None or what.areas:
                self.announce(what)
            if on_done is not None:
                on_done(result)

        task = run_task(parent, title, work, done, on_error)
        self.tasks.append(task)
        task.sig_finished.connect(lambda: self.tasks.remove(task) if task in self.tasks else None)
        return task

    def announce(self, what: Change | None = None) -> None:
        """Tell the pages what changed (for changes made outside `act`, e.g. a restored backup)."""
        self.sig_data_changed.emit(what if what is not None else Change.everything(self.year))

    def change(self, *areas: str) -> Change:
        """A change of the current round touching `areas`."""
        return Change.of(self.year, *areas)

    def set_round(self, year: int) -> None:
        if year != self.year:
            self.year = year
            self.sig_round_changed.emit(year)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.sig_actor_changed.emit()
