"""`make screenshots`: every page and main dialog over demo data, offscreen at 1366 × 768, as PNG.

Run as `python -m dangjian_desktop.gui.screenshots OUTDIR [--today YYYY-MM-DD]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from dangjian_desktop import clock
from dangjian_desktop.paths import DataDir


def _save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    image = widget.grab()
    if image.isNull() or not image.save(str(path)):
        raise SystemExit(f"截图失败：{path}")
    print(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument(
        "--today", default="2027-03-01", help="演示数据的“今天”（默认让每个阶段都有数据）"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="显示缩放，如 1.25、1.5")
    parser.add_argument("--screen", default="1366x768", help="屏幕分辨率（物理像素）")
    args = parser.parse_args(argv)
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)  # before the QApplication exists
    width, height = (int(v) for v in args.screen.split("x"))
    size = (round(width / args.scale), round(height / args.scale))
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    clock.set_today(dt.date.fromisoformat(args.today))

    from dangjian_desktop.gui.app import gui_settings, make_application, start_context
    from dangjian_desktop.gui.main_window import MainWindow
    from dangjian_desktop.services.demo import build_demo
    from dangjian_desktop.services.operators import sign_in
    from dangjian_desktop.store.db import open_database

    app = make_application(["dangjian-desktop"])
    with tempfile.TemporaryDirectory(prefix="dangjian-screens-") as tmp:
        data = DataDir(Path(tmp) / "data")
        db = open_database(data)
        build_demo(db)
        with db.session() as session:
            actor = sign_in(session, "李丽华")
        window = MainWindow(start_context(db, actor), gui_settings(data))
        window.resize(*size)
        window.show()
        for row, page in enumerate(window.pages):
            window.nav.setCurrentRow(row)
            _save(window, out / f"page_{row + 1:02d}_{page.key}.png")
            for name, dialog in page.screenshot_dialogs():
                dialog.show()
                _save(dialog, out / f"dialog_{page.key}_{name}.png")
                dialog.close()
        from dangjian_desktop.gui.backup_dialog import BackupDialog
        from dangjian_desktop.gui.import_dialog import ImportDialog

        for name, extra in (
            ("backup", BackupDialog(window.ctx, window)),
            ("import_members", ImportDialog(window.ctx, "members", window)),
        ):
            extra.show()
            _save(extra, out / f"dialog_main_{name}.png")
            extra.close()
        from dangjian_desktop.gui.wizard import FirstStartWizard

        empty = open_database(DataDir(Path(tmp) / "empty"))
        wizard = FirstStartWizard(empty)
        for step in range(wizard.page_count()):
            wizard.go_to(step)
            wizard.show()
            _save(wizard, out / f"wizard_{step + 1}.png")
        wizard.close()
        window.close()
        empty.close()
        db.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
