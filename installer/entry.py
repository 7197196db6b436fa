"""The frozen program's entry point (PyInstaller runs this script, not the console script).

- `--self-test` anywhere on the command line runs dangjian_desktop.selftest.run_self_test()
  (the installed-build check, DESIGN.md section 9), so an installer can be checked before
  cli.py knows the flag;
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


def main() -> int:
    _windows_streams()
    # The named mutex the Windows setup checks (AppMutex) so it will not replace files under a
    # running program; a no-op elsewhere. Held by every frozen run, window or command.
    from dangjian_desktop.winmutex import hold_windows_mutex

    hold_windows_mutex()
    args = sys.argv[1:]
    if "--self-test" in args:
        from dangjian_desktop.selftest import run_self_test

        return run_self_test()
    from dangjian_desktop.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
