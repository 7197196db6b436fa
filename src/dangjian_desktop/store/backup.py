"""Backups of a data folder: one zip holding a consistent database snapshot and the attachments.

A backup is written to a temporary file and renamed, so a power cut leaves either the old backups
or a complete new one. Restoring first backs up what it replaces.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from dangjian_desktop import __version__, clock
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.store.db import current_revision, known_revisions, quick_check, sqlite_backup

DB_NAME = "dangjian.sqlite3"
INFO_NAME = "backup.json"
SUFFIX = ".zip"
COUNTED_TABLES = {"branch": "党组织", "member": "党员", "round": "创建年度", "honor": "荣誉称号"}


@dataclass
class BackupInfo:
    path: Path
    created: str
    size: int
    schema: str | None
    program_version: str
    counts: dict[str, int] = field(default_factory=dict)
    rounds: list[int] = field(default_factory=list)


def _counts(db_file: Path) -> tuple[dict[str, int], list[int]]:
    con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        counts = {
            name: int(con.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0])
            for name in COUNTED_TABLES
            if name in tables
        }
        rounds = (
            [int(r[0]) for r in con.execute("SELECT first_year FROM round ORDER BY first_year")]
            if "round" in tables
            else []
        )
    finally:
        con.close()
    return counts, rounds


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def create_backup(data_dir: DataDir, target: Path | None = None, *, label: str = "手动") -> Path:
    """Write a backup zip; `target` may be a folder or a file name. Returns the file written."""
    if not data_dir.database.exists():
        raise UserError("数据文件夹里还没有数据库，没有可备份的内容。")
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    name = f"党建备份-{stamp}-{label}{SUFFIX}"
    if target is None:
        target = data_dir.backups / name
    elif target.is_dir():
        target = target / name
    counter = 2
    while target.exists():  # two backups in the same second keep both
        target = target.with_name(f"{target.stem.split('~')[0]}~{counter}{SUFFIX}")
        counter += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dangjian-backup-") as tmp:
        snapshot = Path(tmp) / DB_NAME
        sqlite_backup(data_dir.database, snapshot)
        counts, rounds = _counts(snapshot)
        info = {
            "created": clock.now().isoformat(timespec="seconds"),
            "schema": current_revision(snapshot),
            "program_version": __version__,
            "counts": counts,
            "rounds": rounds,
        }
        fd, partial = tempfile.mkstemp(dir=target.parent, prefix=".part-", suffix=SUFFIX)
        os.close(fd)
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(INFO_NAME, json.dumps(info, ensure_ascii=False, indent=1))
                zf.write(snapshot, DB_NAME)
                if data_dir.attachments.exists():
                    for file in sorted(data_dir.attachments.rglob("*")):
                        if file.is_file() and not file.name.startswith(".part-"):
                            rel = file.relative_to(data_dir.attachments).as_posix()
                            zf.write(file, f"attachments/{rel}", zipfile.ZIP_STORED)
            with open(partial, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(partial, target)
            _fsync_dir(target.parent)
        except OSError as exc:
            Path(partial).unlink(missing_ok=True)
            raise UserError(
                f"备份没有写成功（{exc.strerror}）：{target}。请检查目标位置的空间和权限。"
            ) from exc
    return target


def read_backup_info(path: Path) -> BackupInfo:
    try:
        with zipfile.ZipFile(path) as zf:
            info = json.loads(zf.read(INFO_NAME).decode("utf-8"))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UserError(f"{path.name} 不是本程序的备份文件，或者已经损坏。") from exc
    return BackupInfo(
        path=path,
        created=str(info.get("created", "")),
        size=path.stat().st_size,
        schema=info.get("schema"),
        program_version=str(info.get("program_version", "")),
        counts={str(k): int(v) for k, v in dict(info.get("counts", {})).items()},
        rounds=[int(r) for r in info.get("rounds", [])],
    )


def list_backups(data_dir: DataDir) -> list[BackupInfo]:
    found: list[BackupInfo] = []
    if data_dir.backups.exists():
        for path in sorted(data_dir.backups.glob(f"*{SUFFIX}"), reverse=True):
            if path.name.startswith(".part-"):
                continue
            try:
                found.append(read_backup_info(path))
            except UserError:
                continue
    return found


def _safe_member(name: str) -> bool:
    pure = PurePosixPath(name)
    return not pure.is_absolute() and ".." not in pure.parts and "\\" not in name


def restore_backup(data_dir: DataDir, backup_file: Path) -> Path | None:
    """Replace the data folder's database and attachments with the backup's.

    The program must not have the database open. Returns the backup taken of what was replaced
    (None when the folder was empty).
    """
    read_backup_info(backup_file)
    data_dir.ensure()
    with tempfile.TemporaryDirectory(prefix="dangjian-restore-", dir=data_dir.root) as tmp:
        tmp_path = Path(tmp)
        try:
            with zipfile.ZipFile(backup_file) as zf:
                names = zf.namelist()
                bad = [n for n in names if not _safe_member(n)]
                if bad:
                    raise UserError(f"备份文件里有不安全的路径（{bad[0]}），已拒绝恢复。")
                zf.extractall(tmp_path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise UserError(f"备份文件 {backup_file.name} 读不出来或已损坏，没有恢复。") from exc
        restored_db = tmp_path / DB_NAME
        if not restored_db.exists():
            raise UserError("备份文件里没有数据库，不能恢复。")
        problem = quick_check(restored_db)
        if problem:
            raise UserError(f"备份里的数据库已损坏（{problem}），不能用它恢复。请换一个备份。")
        revision = current_revision(restored_db)
        if revision is not None and revision not in known_revisions():
            raise UserError("这个备份是由更新版本的程序做的，请安装最新版本的程序后再恢复。")
        safety: Path | None = None
        if data_dir.database.exists() and data_dir.database.stat().st_size > 0:
            safety = create_backup(data_dir, label="恢复前")
        for suffix in ("-wal", "-shm"):
            Path(str(data_dir.database) + suffix).unlink(missing_ok=True)
        os.replace(restored_db, data_dir.database)
        attachments = tmp_path / "attachments"
        if attachments.exists():
            for file in attachments.rglob("*"):
                if file.is_file():
                    dest = data_dir.attachments / file.relative_to(attachments)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(file, dest)
        _fsync_dir(data_dir.root)
    return safety


def thin_backups(
    data_dir: DataDir, *, daily: int = 7, weekly: int = 4, monthly: int = 12, label: str = "自动"
) -> list[Path]:
    """Keep the newest automatic backup of each of the last `daily` days, `weekly` ISO weeks and
    `monthly` months; remove the other automatic ones. Manual backups are never removed."""
    autos = [b for b in list_backups(data_dir) if f"-{label}" in b.path.name]
    autos.sort(key=lambda b: b.created, reverse=True)
    keep: set[Path] = set()
    seen: dict[str, set[object]] = {"d": set(), "w": set(), "m": set()}
    limits = {"d": daily, "w": weekly, "m": monthly}
    for backup in autos:
        try:
            when = dt.datetime.fromisoformat(backup.created)
        except ValueError:
            keep.add(backup.path)
            continue
        keys = {"d": when.date(), "w": when.isocalendar()[:2], "m": (when.year, when.month)}
        for bucket, key in keys.items():
            if key not in seen[bucket] and len(seen[bucket]) < limits[bucket]:
                seen[bucket].add(key)
                keep.add(backup.path)
    removed = []
    for backup in autos:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def _database_mtime(data_dir: DataDir) -> float:
    times = []
    for suffix in ("", "-wal"):
        path = Path(str(data_dir.database) + suffix)
        if path.exists():
            times.append(path.stat().st_mtime)
    return max(times, default=0.0)


def auto_backup_if_changed(data_dir: DataDir) -> Path | None:
    """The automatic backup taken at start and at exit: only when the data changed since the
    newest automatic backup, then thinned (7 daily, 4 weekly, 12 monthly). Returns the new file."""
    if not data_dir.database.exists():
        return None
    autos = sorted(data_dir.backups.glob(f"*-自动{SUFFIX}")) if data_dir.backups.exists() else []
    if autos and autos[-1].stat().st_mtime >= _database_mtime(data_dir):
        return None
    made = create_backup(data_dir, label="自动")
    thin_backups(data_dir)
    return made


def set_aside_damaged(data_dir: DataDir) -> Path:
    """Move a damaged database (and its -wal/-shm) aside, never deleting it, before a restore."""
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    target = data_dir.root / f"损坏的数据库-{stamp}.sqlite3"
    os.replace(data_dir.database, target)
    for suffix in ("-wal", "-shm"):
        side = Path(str(data_dir.database) + suffix)
        if side.exists():
            os.replace(side, Path(str(target) + suffix))
    return target
