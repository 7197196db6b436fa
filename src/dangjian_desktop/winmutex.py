"""A named Windows mutex that says "the program is running", for the installer.

The Inno Setup script (installer/windows/dangjian-desktop.iss) names the same mutex in its
AppMutex directive, so setup and the uninstaller refuse to go on while the program is open
(replacing files under a running program would leave a half-updated install). The mutex is
held until the process ends; Windows releases it then, even after a crash. Elsewhere this is a
no-op. It is not the single-instance lock (that one is per data folder, gui/single_instance.py).
"""

from __future__ import annotations

import sys
from typing import Any

# Keep in step with AppMutex in installer/windows/dangjian-desktop.iss (tests check both).
MUTEX_NAME = "cn.dangjian.desktop.running"

_handle: Any = None


def hold_windows_mutex(name: str = MUTEX_NAME) -> bool:
    """Create (or open) the named mutex and keep it for the life of the process.

    True when the mutex is held (Windows), False elsewhere or when Windows refused; never raises,
    the program runs either way."""
    global _handle
    if sys.platform != "win32":
        return False
    if _handle:
        return True
    try:
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
        create = kernel32.CreateMutexW
        create.argtypes = (ctypes.c_void_p, wintypes.BOOL, wintypes.LPCWSTR)
        create.restype = wintypes.HANDLE
        handle = create(None, False, name)  # not owned: it only has to exist
    except (AttributeError, OSError):
        return False
    if not handle:
        return False
    _handle = handle
    return True
