"""One running program per data folder: a second launch brings the first window forward.

A QLockFile in the data folder says who owns it; a lock left by a crashed program (its process is
gone) is taken over. The owner listens on a QLocalServer; a second launch sends "activate" to it
and exits without opening the database.

The window starts listening once it is on screen (`listen`), so QtNetwork is not imported before
the first paint; a launch in that fraction of a second is told the program is already running.
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

    def acquire(self, *, listen: bool = True) -> bool:
        """True when this process now owns the data folder (a stale lock is taken over)."""
        if not self.lock.tryLock(200):
            if (
                self.lock.error() == QLockFile.LockError.LockFailedError
                and self.lock.removeStaleLockFile()
            ):
                if not self.lock.tryLock(200):
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
            self.sig_activate.emit()
        socket.disconnectFromServer()

    def ask_owner_to_activate(self) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(1000):
            return False
        socket.write(b"activate\n")
        socket.flush()
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()
