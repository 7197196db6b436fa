"""`make screenshots`: every page, every tab and sub-tab, and the main dialogs over demo data,
offscreen at 1364 × 700 (a 1366 × 768 screen less title bar and taskbar), as PNG.

Run as `python -m dangjian_desktop.gui.screenshots OUTDIR [--today YYYY-MM-DD]`; `make screenshots`
runs it in the scoring season (May) and in December; each run also shows the first day of an
empty township (first_day_*.png, every page with its empty-state hint). With `--help-images` it writes instead the
pictures of the 使用说明 (one per page, resources/help/images/KEY.png).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, cast

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import round_year_for
from dangjian_desktop.paths import DataDir


class Shooter:
    """Saves each view as PNG (unless only checking) and notes what the clipping check finds."""

    def __init__(self, check_only: bool) -> None:
        self.check_only = check_only
        self.problems: list[str] = []

    def __call__(self, widget: QWidget, path: Path) -> None:
        from dangjian_desktop.gui.clipping import find_clipped

        QApplication.processEvents()
        self.problems += [str(p) for p in find_clipped(widget, path.stem)]
        if not self.check_only:
            _save(widget, path)


def _save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    image = widget.grab()
    if image.isNull() or not image.save(str(path)):
        raise SystemExit(f"截图失败：{path}")
    print(path)


HELP_IMAGE_WIDTH = 900


def tab_paths(widget: QWidget) -> list[list[tuple[QTabWidget, int]]]:
    """Every combination of tab choices under `widget`: one path per leaf tab, outer first.

    A tab's own sub-tabs are found after it is made current (tabs may build lazily).
    """
    found = cast(list[QTabWidget], widget.findChildren(QTabWidget))
    tabs = [
        t for t in found if t.parentWidget() is not None and _outer_tab_widget(t, widget) is None
    ]
    paths: list[list[tuple[QTabWidget, int]]] = []
    for tab in tabs:
        for index in range(tab.count()):
            tab.setCurrentIndex(index)
            inner = tab_paths(tab.widget(index))
            if inner:
                paths += [[(tab, index), *rest] for rest in inner]
            else:
                paths.append([(tab, index)])
    return paths


def _outer_tab_widget(tab: QTabWidget, root: QWidget) -> QTabWidget | None:
    """The nearest QTabWidget above `tab` inside `root`, if any."""
    parent = tab.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QTabWidget):
            return parent
        parent = parent.parentWidget()
    return None


def _slug(text: str) -> str:
    """A tab's name for a file name, without the count it carries (逾期未报（4项）)."""
    text = text.split("（")[0]
    return "".join(ch for ch in text if ch.isalnum()) or "tab"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument(
        "--today", default="2027-03-01", help="演示数据的“今天”（默认让每个阶段都有数据）"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="显示缩放，如 1.25、1.5")
    parser.add_argument(
        "--window",
        default="1364x700",
        help="窗口大小（物理像素，默认1366×768屏幕去掉标题栏和任务栏）",
    )
    parser.add_argument(
        "--help-images", action="store_true", help="只生成使用说明的配图（每页一张，缩到900像素宽）"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="不保存图片，只检查文字是否被截断、控件是否在窗口外；有问题时退出码为1",
    )
    args = parser.parse_args(argv)
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)  # before the QApplication exists
    width, height = (int(v) for v in args.window.split("x"))
    size = (round(width / args.scale), round(height / args.scale))
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    clock.set_today(dt.date.fromisoformat(args.today))

    from dangjian_desktop.gui.app import gui_settings, make_application, start_context
    from dangjian_desktop.gui.main_window import MainWindow
    from dangjian_desktop.services.data_folder import open_database
    from dangjian_desktop.services.demo import build_demo
    from dangjian_desktop.services.operators import sign_in

    app = make_application(["dangjian-desktop"])
    shoot = Shooter(args.check)
    with tempfile.TemporaryDirectory(prefix="dangjian-screens-") as tmp:
        data = DataDir(Path(tmp) / "data")
        db = open_database(data)
        build_demo(db)
        with db.session() as session:
            actor = sign_in(session, "李丽华")
        window = MainWindow(start_context(db, actor), gui_settings(data))
        window.resize(*size)
        window.show()
        if args.help_images:
            _help_images(window, out)
        else:
            _pages(window, out, shoot, "page")
            _main_dialogs(window, data, out, shoot)
            _wizard(Path(tmp) / "empty", out, shoot)
            _first_day(Path(tmp) / "first-day", size, out, shoot)
        window.close()
        db.close()
    app.quit()
    for problem in shoot.problems:
        print(f"文字或控件被截断：{problem}", file=sys.stderr)
    return 1 if args.check and shoot.problems else 0


def _help_images(window: Any, out: Path) -> None:
    """One picture per page for the 使用说明, scaled to the manual's width."""
    for row, page in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
        image = window.grab().toImage()
        image = image.scaledToWidth(HELP_IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        target = out / f"{page.key}.png"
        if not image.save(str(target)):
            raise SystemExit(f"截图失败：{target}")
        print(target)


def _pages(window: Any, out: Path, shoot: Shooter, prefix: str, *, dialogs: bool = True) -> None:
    """Every page, every tab and sub-tab, and (with `dialogs`) each page's main dialogs."""
    for row, page in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        stem = f"{prefix}_{row + 1:02d}_{page.key}"
        paths = tab_paths(page)
        if not paths:
            shoot(window, out / f"{stem}.png")
        for path in paths:
            for tab, index in path:
                tab.setCurrentIndex(index)
            names = "_".join(_slug(tab.tabText(index)) for tab, index in path)
            shoot(window, out / f"{stem}_{names}.png")
        for tab, _index in paths[0] if paths else []:
            tab.setCurrentIndex(0)
        for name, dialog in page.screenshot_dialogs() if dialogs else []:
            dialog.show()
            shoot(dialog, out / f"dialog_{page.key}_{name}.png")
            dialog.close()


def _main_dialogs(window: Any, data: DataDir, out: Path, shoot: Shooter) -> None:
    from dangjian_desktop.gui.about import AboutDialog
    from dangjian_desktop.gui.backup_dialog import BackupDialog
    from dangjian_desktop.gui.help import HelpWindow
    from dangjian_desktop.gui.holidays_dialog import HolidaysDialog
    from dangjian_desktop.gui.import_dialog import ImportDialog

    for name, extra in (
        ("backup", BackupDialog(window.ctx, window)),
        ("import_members", ImportDialog(window.ctx, "members", window)),
        ("import_branches", ImportDialog(window.ctx, "branches", window)),
        ("holidays", HolidaysDialog(window.ctx, window)),
        ("about", AboutDialog(data.root, window)),
        ("help", HelpWindow(window)),
    ):
        extra.show()
        shoot(extra, out / f"dialog_main_{name}.png")
        extra.close()


def _wizard(folder: Path, out: Path, shoot: Shooter) -> None:
    from dangjian_desktop.gui.wizard import FirstStartWizard
    from dangjian_desktop.services.data_folder import open_database

    empty = open_database(DataDir(folder))
    wizard = FirstStartWizard(empty)
    for step in range(wizard.page_count()):
        wizard.go_to(step)
        wizard.show()
        shoot(wizard, out / f"wizard_{step + 1}.png")
    wizard.close()
    empty.close()


def _first_day(folder: Path, size: tuple[int, int], out: Path, shoot: Shooter) -> None:
    """The first day: what the wizard leaves (the township, its operator, this year), every page
    with its empty-state hint (first_day_*.png)."""
    from dangjian_desktop.gui.app import gui_settings, start_context
    from dangjian_desktop.gui.main_window import MainWindow
    from dangjian_desktop.services import rounds
    from dangjian_desktop.services.common import Actor
    from dangjian_desktop.services.data_folder import open_database
    from dangjian_desktop.services.operators import create_operator
    from dangjian_desktop.services.township import save_township

    data = DataDir(folder)
    db = open_database(data)
    with db.transaction() as session:
        first = create_operator(
            session, actor=Actor("王晓燕", "admin"), name="王晓燕", role="admin"
        )
        actor = Actor(first.name, first.role, first.id)
        save_township(session, actor=actor, name="龙山镇")
        rounds.create_round(session, actor=actor, first_year=round_year_for(clock.today()))
    window = MainWindow(start_context(db, actor), gui_settings(data))
    window.resize(*size)
    window.show()
    _pages(window, out, shoot, "first_day", dialogs=False)
    window.close()
    db.close()


if __name__ == "__main__":
    sys.exit(main())
