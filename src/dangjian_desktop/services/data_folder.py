"""The data folder as the window sees it: opening and checking the database, and its backups.

The window (gui/) reaches the store only through the services: this module names what it may
use of the store's files and database, so the store's modules can change without the window
knowing (tests/test_layers.py keeps it so). Importing it loads SQLAlchemy: the window imports it
after it is on screen.
"""

from __future__ import annotations

from sqlmodel import Session

from dangjian_desktop.store.backup import (
    COUNTED_TABLES,
    BackupInfo,
    auto_backup_if_changed,
    chain_warning,
    check_backup,
    create_backup,
    list_backups,
    newest_good_backup,
    read_backup_info,
    recover,
    restore_backup,
)
from dangjian_desktop.store.db import Database, open_database
from dangjian_desktop.store.sqlite_file import DatabaseDamaged, quick_check

__all__ = [
    "COUNTED_TABLES",
    "BackupInfo",
    "Database",
    "DatabaseDamaged",
    "Session",
    "auto_backup_if_changed",
    "chain_warning",
    "check_backup",
    "create_backup",
    "list_backups",
    "newest_good_backup",
    "open_database",
    "quick_check",
    "read_backup_info",
    "recover",
    "restore_backup",
]
