"""One writer per data folder: the lock the window takes (Qt's QLockFile), taken without Qt.

The window holds `dangjian.lock` through QLockFile (gui/single_instance.py); the command line
takes the very same file here, so whichever comes second is refused, whoever it is. The file
format and the native locks are QLockFile's, so each side recognises the other:

- the file is created exclusively (O_EXCL) and holds five lines: process id, program name,
  host name, machine id and boot id;
- on Linux and macOS the owner keeps a `flock` and an `fcntl` write lock on it while it lives,
  which the kernel drops when the process ends, however it ends (kill -9, power cut aside);
- a lock file nobody holds natively is stale (its owner died) and is taken over. QLockFile
  removes a stale file only after taking the same native locks, so it never removes ours;
- on Windows the open handle (no delete sharing) is the lock: a stale file can be removed, a
  live one cannot.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.errors import UserError, os_reason
from dangjian_desktop.paths import LOCK_NAME

RECEIVING_LOCK_NAME = "receiving.lock"
"""The county folder's lock while a package is being received (services/county_receive.py): the
county's windows may share a folder, but only one of them receives at a time."""


@dataclass(frozen=True)
class LockOwner:
    pid: int | None
    program: str
    host: str

    def describe(self) -> str:
        if self.pid is None:
            return "另一个程序"
        where = "" if self.host in ("", _host_name()) else f"，在电脑 {self.host} 上"
        ours = any(word in self.program for word in ("dangjian", "python"))
        what = "本程序（打开的窗口或另一个命令" if ours else f"程序 {self.program or '未知'}（"
        return f"{what}，进程号 {self.pid}{where}）"


class FolderBusy(UserError):
    """Another program (the window, or another command) is writing in this data folder."""

    def __init__(self, root: Path, owner: LockOwner) -> None:
        super().__init__(
            f"数据文件夹正被{owner.describe()}使用，为免两处同时改动数据，这个命令没有运行。"
            f"请先关闭程序窗口（或等另一个命令结束）后再运行。数据文件夹：{root}"
        )
        self.owner = owner


class ReceivingBusy(UserError):
    """Another program is receiving a package into this county folder."""

    def __init__(self, root: Path, owner: LockOwner) -> None:
        super().__init__(
            f"县级数据文件夹正由{owner.describe()}接收报送材料。为免两处同时写入，这份材料没有接收。"
            f"请等那边接收完（或关闭那个窗口）后再接收。数据文件夹：{root}"
        )
        self.owner = owner


def _read_first_line(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as fh:
            return fh.readline().strip()
    except OSError:
        return ""


def _host_name() -> str:
    """The computer's name as QLockFile writes it; `os.uname` where there is one (the same as
    `socket.gethostname`, without importing sockets before the window shows)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def _program_name() -> str:
    """What QLockFile writes and later compares: the file name of the running executable."""
    try:
        return Path(os.readlink("/proc/self/exe")).name
    except OSError:
        return Path(sys.executable).name


def _contents() -> bytes:
    machine = _read_first_line("/etc/machine-id") or _read_first_line("/var/lib/dbus/machine-id")
    boot = _read_first_line("/proc/sys/kernel/random/boot_id")
    lines = [str(os.getpid()), _program_name(), _host_name(), machine, boot]
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def read_owner(path: Path) -> LockOwner:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return LockOwner(None, "", "")
    try:
        pid: int | None = int(lines[0])
    except ValueError:
        pid = None
    return LockOwner(pid, lines[1] if len(lines) > 1 else "", lines[2] if len(lines) > 2 else "")


def _native_lock(fd: int) -> bool:
    """QLockFile's setNativeLocks: flock and an fcntl write lock, neither waiting."""
    if os.name != "posix":
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _remove_if_stale(path: Path) -> bool:
    """Remove a lock file whose owner is gone; False when it is alive (or already gone)."""
    if os.name != "posix":
        try:
            path.unlink()  # fails while the owner keeps its handle open
        except OSError:
            return False
        return True
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        if not _native_lock(fd):
            return False
        try:  # still the file we locked, not one a faster process has just created
            if os.stat(path).st_ino != os.fstat(fd).st_ino:
                return False
            path.unlink()
        except OSError:
            return False
        return True
    finally:
        os.close(fd)


class FolderLock:
    """The data folder's lock, held until `release` (or the process ends). `name` picks another
    lock file in the folder (the county's receiving lock, RECEIVING_LOCK_NAME)."""

    def __init__(self, root: Path, name: str = LOCK_NAME) -> None:
        self.root = root
        self.path = root / name
        self.fd: int | None = None

    def try_acquire(self) -> LockOwner | None:
        """None when this process now holds the folder; otherwise who holds it."""
        self.root.mkdir(parents=True, exist_ok=True)
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                if _remove_if_stale(self.path):
                    continue
                return read_owner(self.path)
            except OSError as exc:
                raise UserError(
                    f"无法在数据文件夹里建立锁文件（{os_reason(exc)}）：{self.path}。"
                    "请检查文件夹权限，或用 --data-dir 换一个可写的文件夹。"
                ) from exc
            if not _native_lock(fd):  # someone locked the new file in between: theirs
                os.close(fd)
                return read_owner(self.path)
            os.write(fd, _contents())
            os.fsync(fd)
            self.fd = fd
            return None
        return read_owner(self.path)

    def acquire(self) -> None:
        owner = self.try_acquire()
        if owner is not None:
            raise FolderBusy(self.root, owner)

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self.fd)
        self.fd = None


@contextlib.contextmanager
def holding(root: Path) -> Iterator[FolderLock]:
    """`with holding(data_dir.root):` the block runs as the folder's only writer."""
    lock = FolderLock(root)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


def is_held_elsewhere(root: Path) -> LockOwner | None:
    """Who holds the folder, without taking it; None when nobody does (or a dead owner)."""
    path = root / LOCK_NAME
    if not path.exists():
        return None
    if os.name == "posix":
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            return None
        try:
            import fcntl

            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return read_owner(path)
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)
    return read_owner(path)
