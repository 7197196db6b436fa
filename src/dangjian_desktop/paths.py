"""One place for paths (STYLE.md): data folder, database, attachments, backups, logs, resources."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import platformdirs

ENV_VAR = "DANGJIAN_DATA_DIR"
LOCK_NAME = "dangjian.lock"
"""The data folder's lock: store/folder_lock.py takes it, gui/single_instance.py locks the same
file with QLockFile (tests lock it both ways)."""
APP_DIR_NAME = "dangjian-desktop"


def default_data_dir() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


class DataDir:
    """The layout of one data folder. Nothing lives in the install folder."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root).expanduser() if root else default_data_dir()

    @property
    def database(self) -> Path:
        return self.root / "dangjian.sqlite3"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def documents(self) -> Path:
        return self.root / "documents"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def lock(self) -> Path:
        return self.root / LOCK_NAME

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    def ensure(self) -> None:
        """Create the folders, readable by their owner only (0700 on Linux: member data)."""
        for folder in (self.root, self.attachments, self.backups, self.documents, self.logs):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            make_private(folder)


def file_sha256(path: Path) -> str:
    """The file's SHA-256 in hex, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in the folder durable. Windows cannot open a folder; there
    the rename is already durable enough (NTFS journal)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private(path: Path) -> None:
    """Owner-only permissions (0700 for a folder, 0600 for a file) on Linux; nothing elsewhere,
    nothing when the file is not ours (a shared folder set up by an administrator)."""
    if os.name != "posix":
        return
    try:
        info = path.stat()
        if info.st_uid != os.getuid():
            return
        wanted = 0o700 if path.is_dir() else 0o600
        if info.st_mode & 0o777 != wanted:
            path.chmod(wanted)
    except OSError:
        pass


def resources_dir() -> Path:
    """Fonts, templates and icons: beside the package in a checkout, or in the frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent.parent / "resources"):
        if candidate.is_dir():
            return candidate
    return here.parent.parent / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"
