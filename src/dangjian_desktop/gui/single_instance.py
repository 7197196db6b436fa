"""One running program per data folder: a second launch brings the first window forward.

A QLockFile in the data folder says who owns it; a lock left by a crashed program (its process is
gone) is taken over. The owner listens on a QLocalServer; a second launch sends "activate" to it
and exits without opening the database once the owner has answered "ok" (a bare connection is
not an answer: a program that is closing no longer answers).

The window starts listening once it is on screen (`listen`), and stops as soon as it closes
(`stop_listening`), before its exit backup. A launch while the owner starts or closes waits
(`wait_for_owner`): it asks again and again for the window to come forward, and takes the data
folder when the closing program lets go of it.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

from dangjian_desktop.paths import DataDir

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer


def server_name(data_dir: DataDir) -> str:
    digest = hashlib.sha1(str(data_dir.root.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"dangjian-desktop-{digest}"


OK = b"ok\n"
"""The owner's answer to "activate": its window comes forward."""

OWNER_WAIT_S = 120.0
"""How long a launch waits for a program that is closing (its exit backup) to let go."""


class SingleInstance(QObject):
    sig_activate = Signal()
    """Another launch asked this window to come forward."""

    def __init__(self, data_dir: DataDir) -> None:
        super().__init__()
        data_dir.root.mkdir(parents=True, exist_ok=True)
        # the same file the command line takes without Qt (store/folder_lock.py)
        self.lock = QLockFile(str(data_dir.lock))
        self.name = server_name(data_dir)
        self.server: QLocalServer | None = None
        self.owner_answered = False

    def acquire(self, *, listen: bool = True, wait_ms: int = 200) -> bool:
        """True when this process now owns the data folder (a stale lock is taken over)."""
        if not self.lock.tryLock(wait_ms):
            if (
                self.lock.error() == QLockFile.LockError.LockFailedError
                and self.lock.removeStaleLockFile()
            ):
                if not self.lock.tryLock(wait_ms):
                    return False
            else:
                return False
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Answer later launches (see `ask_owner_to_activate`)."""
        from PySide6.QtNetwork import QLocalServer

        if self.server is not None:
            return
        QLocalServer.removeServer(self.name)  # a socket file left by a crash
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(self.name)

    def _on_connection(self) -> None:
        assert self.server is not None
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        socket.waitForReadyRead(500)
        if bytes(socket.readAll().data()).startswith(b"activate"):
            socket.write(OK)  # the window is here and comes forward
            socket.flush()
            socket.waitForBytesWritten(500)
            self.sig_activate.emit()
        socket.disconnectFromServer()

    def stop_listening(self) -> None:
        """The window has closed: later launches no longer get an answer, and wait instead."""
        if self.server is not None:
            self.server.close()
            self.server = None

    def ask_owner_to_activate(self, wait_ms: int = 3000) -> bool:
        """True only when the owner answered that its window comes forward."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(500):
            return False
        socket.write(b"activate\n")
        socket.flush()
        socket.waitForBytesWritten(500)
        answer = b""
        while not answer.endswith(b"\n"):
            if not socket.bytesAvailable() and not socket.waitForReadyRead(wait_ms):
                answer += bytes(socket.readAll().data())  # what came with the disconnection
                break
            answer += bytes(socket.readAll().data())
        socket.abort()
        return answer == OK

    def wait_for_owner(self, seconds: float) -> bool:
        """For a launch that found the folder taken: True once this process owns the folder (the
        other program ended, e.g. after its exit backup); False when the other program's window
        came forward instead, or nothing changed in `seconds` (then `owner_answered` says which).
        """
        import time

        self.owner_answered = False
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.acquire(listen=False, wait_ms=250):
                return True
            if self.ask_owner_to_activate(wait_ms=1000):
                self.owner_answered = True
                return False
        return False

    def release(self) -> None:
        self.stop_listening()
        self.lock.unlock()
