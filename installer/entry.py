"""The frozen program's entry point (PyInstaller runs this script, not the console script).

- `--self-test` anywhere on the command line runs dangjian_desktop.selftest.run_self_test()
  (the installed-build check, DESIGN.md section 9), so an installer can be checked before
  cli.py knows the flag;
- `--input-method-probe [SECONDS]` opens one window with one text field and prints its text
  whenever it changes, ending with exit code 0 as soon as Chinese characters arrive (1 after
  SECONDS, default 60): for checking Chinese input (fcitx, ibus) on a target machine, and used
  by tests/test_dist_fcitx.py with fcitx5 under Xvfb;
- everything else goes to dangjian_desktop.cli.main(), exactly as the `dangjian-desktop`
  console script does.

On Windows the build is windowed (no console window pops up behind the program), so there are
no standard streams: when started from a command prompt we attach to that console so CLI
commands and --self-test still print; otherwise output goes nowhere instead of crashing.
"""

from __future__ import annotations

import os
import sys


def _windows_streams() -> None:
    if sys.platform != "win32" or sys.stdout is not None:
        return
    attached = False
    if len(sys.argv) > 1:  # a command or a flag: someone typed it in a console
        try:
            import ctypes

            attached = bool(ctypes.windll.kernel32.AttachConsole(-1))  # ATTACH_PARENT_PROCESS
        except (AttributeError, OSError):
            attached = False
    target = "CONOUT$" if attached else os.devnull
    try:
        sys.stdout = open(target, "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        sys.stderr = open(target, "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115


def _restore_library_path() -> None:
    """The Linux launcher (installer/linux/native.py) puts the bundled C library on
    LD_LIBRARY_PATH so PyInstaller's restart keeps it, and PyInstaller adds _internal/. This
    process's loader has read it already; programs started from here (xdg-open, a file's viewer)
    must get the caller's value back, or they would load our C library with their own loader."""
    saved = os.environ.pop("DANGJIAN_CALLER_LD_LIBRARY_PATH", None)
    if saved is None:
        return
    os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if saved == "(unset)":
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = saved


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def input_method_probe(seconds: float) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QLineEdit

    app = QApplication.instance() or QApplication(sys.argv[:1])
    field = QLineEdit()
    field.setWindowTitle("输入法测试")
    field.setPlaceholderText("请在这里用输入法打几个汉字")
    field.resize(480, 48)
    outcome = {"code": 1}

    def changed(text: str) -> None:
        print(f"文字：{text}", flush=True)
        if _has_chinese(text):
            outcome["code"] = 0
            QTimer.singleShot(300, app.quit)

    field.textChanged.connect(changed)
    field.show()
    field.activateWindow()
    field.setFocus()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    print(f"平台：{QGuiApplication.platformName()}", flush=True)
    print("输入框已打开", flush=True)
    app.exec()
    if outcome["code"] != 0:
        print(f"{seconds:.0f} 秒内没有收到汉字：请检查输入法是否已启动并切换到中文", flush=True)
    return outcome["code"]


def main() -> int:
    _restore_library_path()
    _windows_streams()
    # The named mutex the Windows setup checks (AppMutex) so it will not replace files under a
    # running program; a no-op elsewhere. Held by every frozen run, window or command.
    from dangjian_desktop.winmutex import hold_windows_mutex

    hold_windows_mutex()
    args = sys.argv[1:]
    if args[:1] == ["--input-method-probe"]:
        seconds = float(args[1]) if len(args) > 1 and args[1].replace(".", "", 1).isdigit() else 60
        return input_method_probe(seconds)
    if "--self-test" in args:
        from dangjian_desktop.selftest import run_self_test

        return run_self_test()
    from dangjian_desktop.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
