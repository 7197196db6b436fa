"""GUI fixtures: the real window over a real demo data folder, offscreen, dialogs answered by tests."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from demo_folders import build_demo_folder, copy_demo

from dangjian_desktop import clock
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.paths import DataDir

DEMO_TODAY = dt.date(2027, 3, 1)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo data folder built once per test run; each test gets a copy."""
    folder = tmp_path_factory.mktemp("demo-template")
    return build_demo_folder(folder, today=DEMO_TODAY, branches=24, members=240)


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> DataDir:
    return copy_demo(demo_template, tmp_path / "demo", today=DEMO_TODAY)


class Answers:
    """Records every message shown and answers questions from queues the test fills."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.infos: list[str] = []
        self.confirms: list[bool] = []
        self.texts: list[str | None] = []
        self.choices: list[str | None] = []
        self.save_choices: list[str] = []


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    a = Answers()

    def warn(cls: Any, parent: Any, text: str, title: str = "") -> None:
        a.warnings.append(text)

    def info(cls: Any, parent: Any, text: str, title: str = "") -> None:
        a.infos.append(text)

    def confirm(cls: Any, parent: Any, text: str, title: str = "") -> bool:
        return a.confirms.pop(0) if a.confirms else True

    def text(
        cls: Any, parent: Any, title: str, label: str, default: str = "", password: bool = False
    ) -> str | None:
        return a.texts.pop(0) if a.texts else default

    def choose(cls: Any, parent: Any, title: str, label: str, items: list[str]) -> str | None:
        return a.choices.pop(0) if a.choices else (items[0] if items else None)

    def save_discard_cancel(cls: Any, parent: Any, text: str) -> str:
        return a.save_choices.pop(0) if a.save_choices else "discard"

    for name, fn in (
        ("warn", warn),
        ("info", info),
        ("confirm", confirm),
        ("text", text),
        ("choose", choose),
        ("save_discard_cancel", save_discard_cancel),
    ):
        monkeypatch.setattr(Ask, name, classmethod(fn))
    return a


@pytest.fixture(autouse=True)
def _heap_let_go() -> Iterator[None]:
    """The window freezes its heap after each load (gui/worker.py): a test's window, gone at its
    end, is collected then, or the run would keep every test's windows."""
    yield
    gc.unfreeze()
    gc.collect()


@pytest.fixture
def ctx(demo_dir: DataDir, qapp: Any, answers: Answers) -> Iterator[Any]:
    from dangjian_desktop.gui.app import start_context
    from dangjian_desktop.services.common import Actor
    from dangjian_desktop.store.db import open_database

    db = open_database(demo_dir)
    with db.session() as session:
        from dangjian_desktop.services.operators import sign_in

        admin = sign_in(session, "李丽华")
    context = start_context(db, Actor(admin.name, admin.role, admin.id))
    yield context
    db.close()


@pytest.fixture
def window(ctx: Any, demo_dir: DataDir, qtbot: Any) -> Iterator[Any]:
    from dangjian_desktop.gui.app import gui_settings
    from dangjian_desktop.gui.main_window import MainWindow

    win = MainWindow(ctx, gui_settings(demo_dir))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.close()


@pytest.fixture(scope="session")
def qapp_cls() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture(scope="session")
def qapp(qapp_args: Any, qapp_cls: Any) -> Any:
    """The application configured exactly as the program configures it (fonts, Chinese, style)."""
    from dangjian_desktop.gui.app import make_application

    return make_application(list(qapp_args) or ["dangjian-desktop"])


@pytest.fixture
def first_day(tmp_path: Path, qapp: Any, qtbot: Any, answers: Answers) -> Iterator[Any]:
    """The window over what the first-start wizard leaves: the township, its first operator,
    this year's round, and nothing else."""
    from dangjian_desktop.gui.app import gui_settings, start_context
    from dangjian_desktop.gui.main_window import MainWindow
    from dangjian_desktop.services import rounds
    from dangjian_desktop.services.common import Actor
    from dangjian_desktop.services.operators import create_operator
    from dangjian_desktop.services.township import save_township
    from dangjian_desktop.store.db import open_database

    clock.set_today(dt.date(2026, 8, 10))
    data = DataDir(tmp_path / "office")
    db = open_database(data)
    with db.transaction() as s:
        first = create_operator(
            s, actor=Actor("王晓燕", "admin"), name="王晓燕", role="admin", password=None
        )
        actor = Actor(first.name, first.role, first.id)
        save_township(s, actor=actor, name="龙山镇")
        rounds.create_round(s, actor=actor, first_year=2026)
    window = MainWindow(start_context(db, actor), gui_settings(data))
    qtbot.addWidget(window)
    window.resize(1364, 700)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    db.close()
    clock.set_today(None)


@pytest.fixture
def started() -> Iterator[list[Any]]:
    """Every `Startup` a test makes (appended here) is finished afterwards: its window closed,
    the opening thread joined, the database closed."""
    made: list[Any] = []
    yield made
    for startup in made:
        startup.window.close()
        startup.finish()
