"""The window's process keeps one malloc arena (glibc), so memory freed by one thread serves
the others: counted with glibc's own `malloc_info` in a fresh process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")

PROBE = r"""
import ctypes, os, sys, tempfile, threading
if sys.argv[1] == "one":
    from dangjian_desktop.gui.app import one_malloc_arena
    assert one_malloc_arena()
libc = ctypes.CDLL(None)
start = threading.Barrier(4)

def work():  # four threads allocating at the same time: glibc would give each an arena
    start.wait()
    keep = [bytearray(50_000) for _ in range(200)]
    del keep

threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
fd, path = tempfile.mkstemp()
os.close(fd)
fp = libc.fopen(path.encode(), b"w")
libc.malloc_info(0, fp)
libc.fclose(fp)
print(open(path).read().count("<heap nr="))
os.unlink(path)
"""


def _arenas(mode: str) -> int:
    src = Path(__file__).resolve().parents[2] / "src"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
    )
    return int(done.stdout.strip())


def test_threads_share_one_malloc_arena() -> None:
    assert _arenas("default") > 1  # the probe does make glibc open arenas
    assert _arenas("one") == 1
