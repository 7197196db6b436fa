"""`check`: is the database sound, do its references hold, are the attachments all there?"""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlmodel import Session, col, select

from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.store import attachments as attachment_store
from dangjian_desktop.store import seal
from dangjian_desktop.store.audit import verify_chain
from dangjian_desktop.store.db import HEAD, Database, current_revision, open_database
from dangjian_desktop.store.models import Attachment, Notice
from dangjian_desktop.store.sqlite_file import file_problem


def _sqlite_problems(path: Path) -> list[str]:
    problems: list[str] = []
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in rows] != ["ok"]:
                problems += [f"数据库结构损坏：{r[0]}" for r in rows[:10]]
            for table, rowid, parent, _ in con.execute("PRAGMA foreign_key_check").fetchall()[:10]:
                problems.append(f"数据关联错误：表{table}第{rowid}行引用的{parent}记录不存在")
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        problems.append(f"数据库文件无法读取：{exc}")
    return problems


def check_database_file(data_dir: DataDir) -> list[str]:
    if not data_dir.database.exists():
        return [f"数据文件夹里没有数据库：{data_dir.database}"]
    return _sqlite_problems(data_dir.database)


def check_folder(data_dir: DataDir, *, migrate: bool = True) -> list[str]:
    """Everything `check` looks at. SQLite's integrity check, the longest part, reads the file
    on a connection of its own while the data is opened and its contents checked; when it finds
    damage, only the damage is told (what was read from a damaged file means nothing). A file
    that needs an upgrade first is checked whole before it is opened: only a sound file is
    upgraded."""
    path = data_dir.database
    if not path.exists() or file_problem(path) is not None:
        return check_database_file(data_dir)
    if migrate and current_revision(path) != HEAD:
        problems = check_database_file(data_dir)
        return problems or _opened_and_checked(data_dir, migrate=migrate, checked=True)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="integrity") as pool:
        whole = pool.submit(_sqlite_problems, path)
        try:
            contents = _opened_and_checked(data_dir, migrate=migrate, checked=True)
        except Exception:
            if damage := whole.result():
                return damage
            raise
        return whole.result() or contents


def _opened_and_checked(data_dir: DataDir, *, migrate: bool, checked: bool) -> list[str]:
    try:
        db = open_database(data_dir, migrate=migrate, checked=checked)
    except UserError as exc:
        return [str(exc)]
    with db, db.session() as session:
        return check_contents(db, session)


def check_open(db: Database) -> list[str]:
    """`check_folder` for a database the program has open (the export checks before it
    writes): the integrity check beside the contents, the damage alone when there is any."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="integrity") as pool:
        whole = pool.submit(check_database_file, db.data_dir)
        try:
            with db.session() as session:
                contents = check_contents(db, session)
        except Exception:
            if damage := whole.result():
                return damage
            raise
        return whole.result() or contents


def check_contents(db: Database, session: Session) -> list[str]:
    """Attachments and issued documents present with the right hash; the audit chain intact;
    the data's seals and the anchor. SQLite hashes the seals' blocks on a thread of its own
    (one consistent read of the file) while this one hashes the files and the chain."""
    database = seal.database_of(session)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="seals") as pool:
        sealed = pool.submit(seal.verify_file, database) if database is not None else None
        problems = _file_problems(db, session) + verify_chain(session)
        findings = sealed.result() if sealed is not None else None
    return problems + seal_problems(session, findings)


def _file_problems(db: Database, session: Session) -> list[str]:
    problems: list[str] = []
    root = db.data_dir.attachments
    for attachment in session.exec(select(Attachment).where(col(Attachment.deleted_at).is_(None))):
        if problem := attachment_store.check_file(root, attachment.sha256):
            problems.append(f"附件“{attachment.original_name}”（编号{attachment.id}）{problem}")
    for notice in session.exec(select(Notice).where(Notice.file_path != "")):
        path = db.data_dir.root / notice.file_path
        if not path.exists():
            problems.append(f"文书“{notice.title}”的文件不见了：{notice.file_path}")
        elif notice.sha256 and attachment_store.file_sha256(path) != notice.sha256:
            problems.append(f"文书“{notice.title}”的文件被改动过：{notice.file_path}")
    return problems


def seal_problems(session: Session, findings: list[seal.Finding] | None = None) -> list[str]:
    """Rows changed, added or deleted outside the program (table and row named), and the
    database against its anchor file. `findings`: what `seal.verify` found already."""
    q = seal.query_of(session.connection())
    if findings is None:
        findings = seal.verify(q)
    problems = [_finding_text(q, finding) for finding in findings[:MAX_FINDINGS]]
    database = seal.database_of(session)
    if database is not None:
        problems += seal.anchor_problems(database, q)
    return problems


MAX_FINDINGS = 50
_KINDS = {
    "changed": "在程序之外被改动过",
    "added": "是在程序之外添加的",
    "deleted": "在程序之外被删除了",
}


def table_name(table: str) -> str:
    from dangjian_desktop.services.audit_log import OBJECT_TYPE_NAMES

    name = OBJECT_TYPE_NAMES.get(table)
    return f"“{name}”表（{table}）" if name else f"{table}表"


def _finding_text(q: seal.Query, finding: seal.Finding) -> str:
    where = table_name(finding.table)
    if finding.kind == "unsealed" or finding.rowid is None:
        return f"{where}的校验记录不见了或已损坏：无法确认这张表没有在程序之外被改动。"
    label = ""
    if finding.kind != "deleted":
        columns = {row[1] for row in q(f'PRAGMA table_info("{finding.table}")', ())}
        for column in ("name", "title", "key"):
            if column in columns:
                rows = q(
                    f'SELECT "{column}" FROM "{finding.table}" WHERE rowid = ?', (finding.rowid,)
                )
                if rows and rows[0][0]:
                    label = f"（{rows[0][0]}）"
                break
    return f"{where}第{finding.rowid}行{label}{_KINDS[finding.kind]}。"
