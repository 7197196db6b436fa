"""Receiving a township's package (报送材料) into the county database.

The package is verified first (manifest, hashes, the audit-log anchor); then its workbook — the
document the township signed off, checked by hash — and the facts of its database snapshot (the
township, its county, the round's dates and quota) are read into the county database in one
transaction, the PDFs kept as attachments. A re-submission for the same township and round
replaces the earlier one and says what changed; one whose audit log does not continue the one
received before is refused unless the clerk confirms with a reason (audited).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from dangjian_desktop import __version__, clock
from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange.county import (
    DOCUMENTS_DIR,
    MANIFEST,
    SNAPSHOT,
    read_county_workbook,
    verify_package,
)
from dangjian_desktop.exchange.county_notes import NOTES_SHEET
from dangjian_desktop.services.county_audit import CountyActor, record
from dangjian_desktop.services.county_view import stage_summary
from dangjian_desktop.store.county_db import CountyDatabase
from dangjian_desktop.store.county_models import (
    county_attachment,
    county_honour,
    county_member,
    county_result,
    county_setting,
    county_sheet_header,
    county_sheet_row,
    county_submission,
    county_township,
)
from dangjian_desktop.store.folder_lock import RECEIVING_LOCK_NAME, FolderLock, ReceivingBusy

RECEIVE_ACTION = "receive"
COUNTY_NAME = "county_name"
_BATCH = 5000


class PackageRefused(UserError):
    """The package cannot be received: damaged, of another county, from a newer program."""


class HistoryNotContinued(UserError):
    """The package's audit log does not extend the one received before from that township."""

    def __init__(self, township: str, round_label: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"{township}{round_label}的这份材料与上次收到的不衔接：{'；'.join(problems)}"
            "如确需接收（例如该镇从备份恢复过数据），请填写原因后确认接收。"
        )


@dataclass
class Changes:
    """What a re-submission changed against the package it replaces."""

    branches_added: list[str] = field(default_factory=list)
    branches_removed: list[str] = field(default_factory=list)
    scores: list[str] = field(default_factory=list)  # "党组织：旧 → 新"
    honours_added: list[str] = field(default_factory=list)
    honours_removed: list[str] = field(default_factory=list)
    honours_changed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(vars(self).values())

    def lines(self) -> list[str]:
        out: list[str] = []
        for title, items in (
            ("新增党组织", self.branches_added),
            ("减少党组织", self.branches_removed),
            ("得分变化", self.scores),
            ("新增荣誉", self.honours_added),
            ("减少荣誉", self.honours_removed),
            ("荣誉状态变化", self.honours_changed),
        ):
            if items:
                out.append(f"{title}：{'；'.join(items)}")
        return out or ["与上次报送的内容相同。"]


@dataclass(frozen=True)
class Received:
    submission_id: int
    township: str
    round_label: str
    first_year: int
    replaced: bool
    changes: Changes
    members: int
    attachments: int


# ---------------------------------------------------------------------------------------------
# Reading the package


@dataclass
class Package:
    folder: Path
    manifest: dict[str, Any]
    township: str
    organ: str
    contact: str
    county: str
    first_year: int
    round_label: str
    schema_revision: str
    quota_percent: Decimal | None
    dates: dict[str, str]
    sheets: dict[str, list[list[Any]]]  # title -> rows, header first
    pdfs: list[Path]


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for part in text.split("."):
        try:
            parts.append(int(part))
        except ValueError:
            break
    return tuple(parts)


def _snapshot_facts(path: Path) -> dict[str, Any]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
        township = con.execute(
            "SELECT name, organ, county, contact_person, contact_phone FROM township LIMIT 1"
        ).fetchone()
        return {"revision": str(revision[0]) if revision else "", "township": township}
    finally:
        con.close()


def _round_facts(path: Path, first_year: int) -> tuple[Decimal | None, dict[str, str]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        row = con.execute("SELECT * FROM round WHERE first_year = ?", (first_year,)).fetchone()
    finally:
        con.close()
    if row is None:
        return None, {}
    keys = row.keys()
    dates = {k: str(row[k]) for k in keys if k.endswith("_due") or k in ("opens", "naming_end")}
    try:
        quota = Decimal(str(row["quota_percent"]))
    except (InvalidOperation, IndexError):
        quota = None
    return quota, dates


def _sheets_without_notes(sheets: dict[str, list[list[Any]]]) -> dict[str, list[list[Any]]]:
    """The workbook's data sheets: its 说明 sheet (what the package is, the audit-log anchor,
    checked by verify_package) is not stored as the township's data."""
    sheets.pop(NOTES_SHEET, None)
    return sheets


def read_package(folder: Path | str) -> Package:
    """Verify and read a package folder; PackageRefused with the reason when it is not sound."""
    root = Path(folder)
    result = verify_package(root)
    if not result.ok:
        listed = "；".join(result.problems[:8])
        more = f"（共{len(result.problems)}处）" if len(result.problems) > 8 else ""
        raise PackageRefused(
            f"这份报送材料不完整或被改动过，已拒收：{listed}{more}。"
            "请让该镇重新导出一份，用新的U盘送来。"
        )
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    program = str(manifest.get("program", ""))
    if program and _version_tuple(program) > _version_tuple(__version__):
        raise PackageRefused(
            f"这份材料是由更新版本的程序（{program}）生成的，本程序（{__version__}）读不了。"
            "请先安装最新版本的程序，再接收。"
        )
    snapshot = root / SNAPSHOT
    if not snapshot.is_file():
        raise PackageRefused("这份材料里没有数据库快照，无法接收。请让该镇用本程序重新导出。")
    from dangjian_desktop.store.db import known_revisions

    try:
        facts = _snapshot_facts(snapshot)
    except sqlite3.DatabaseError as exc:
        raise PackageRefused(f"这份材料的数据库快照读不出来（{exc}），已拒收。") from exc
    if facts["revision"] not in known_revisions():
        raise PackageRefused(
            f"这份材料是由更新版本的程序生成的（数据结构版本 {facts['revision'] or '未知'}），"
            "本程序读不了。请先安装最新版本的程序，再接收。"
        )
    township = facts["township"]
    if township is None:
        raise PackageRefused("这份材料的数据库快照里没有本镇信息，无法接收。")
    name, organ, county, person, phone = township
    if name != manifest.get("township"):
        raise PackageRefused(
            f"清单上写的是“{manifest.get('township')}”，数据库快照却是“{name}”的，已拒收。"
        )
    workbooks = sorted(p for p in root.glob("*.xlsx") if not p.name.startswith("."))
    if len(workbooks) != 1:
        raise PackageRefused("这份材料里应当正好有一个汇总工作簿，已拒收。")
    first_year = int(manifest.get("first_year", 0))
    quota, dates = _round_facts(snapshot, first_year)
    return Package(
        folder=root,
        manifest=manifest,
        township=str(name),
        organ=str(organ or ""),
        contact=" ".join(x for x in (person, phone) if x),
        county=str(county or ""),
        first_year=first_year,
        round_label=str(manifest.get("round", "")),
        schema_revision=facts["revision"],
        quota_percent=quota,
        dates=dates,
        sheets=_sheets_without_notes(read_county_workbook(workbooks[0])),
        pdfs=sorted((root / DOCUMENTS_DIR).glob("*.pdf"))
        if (root / DOCUMENTS_DIR).is_dir()
        else [],
    )


# ---------------------------------------------------------------------------------------------
# What changed


def _records(sheets: Mapping[str, list[list[Any]]], title: str) -> list[dict[str, Any]]:
    rows = sheets.get(title) or []
    if not rows:
        return []
    headers = [str(h) for h in rows[0]]
    return [dict(zip(headers, row, strict=False)) for row in rows[1:]]


def _branch_names(sheets: Mapping[str, list[list[Any]]]) -> set[str]:
    return {str(r.get("党组织名称")) for r in _records(sheets, "党组织名册") if r.get("党组织名称")}


def _scores(sheets: Mapping[str, list[list[Any]]]) -> dict[str, str]:
    out = {}
    for r in _records(sheets, "综合评价结果"):
        if r.get("党组织"):
            total = r.get("综合评价得分")
            out[str(r["党组织"])] = (
                f"{'' if total is None else total} {r.get('等次') or ''}".strip()
            )
    return out


def _honours(sheets: Mapping[str, list[list[Any]]]) -> dict[str, str]:
    out = {}
    for r in _records(sheets, "荣誉与推荐"):
        key = f"{r.get('名称')}（{r.get('荣誉称号') or r.get('类别')}）"
        out[key] = str(r.get("状态") or "")
    return out


def changes_between(
    before: Mapping[str, list[list[Any]]], after: Mapping[str, list[list[Any]]]
) -> Changes:
    b0, b1 = _branch_names(before), _branch_names(after)
    s0, s1 = _scores(before), _scores(after)
    h0, h1 = _honours(before), _honours(after)
    return Changes(
        branches_added=sorted(b1 - b0),
        branches_removed=sorted(b0 - b1),
        scores=[
            f"{k}：{s0.get(k) or '无'} → {s1.get(k) or '无'}"
            for k in sorted(set(s0) | set(s1))
            if s0.get(k) != s1.get(k)
        ],
        honours_added=sorted(set(h1) - set(h0)),
        honours_removed=sorted(set(h0) - set(h1)),
        honours_changed=[
            f"{k}：{h0[k]} → {h1[k]}" for k in sorted(set(h0) & set(h1)) if h0[k] != h1[k]
        ],
    )


def stored_sheets(conn: Connection, submission_id: int) -> dict[str, list[list[Any]]]:
    """A received package's workbook as stored: title -> rows, header first."""
    sheets: dict[str, list[list[Any]]] = {}
    heads = conn.execute(
        select(county_sheet_header.c.sheet, county_sheet_header.c.headers)
        .where(county_sheet_header.c.submission_id == submission_id)
        .order_by(county_sheet_header.c.position)
    )
    for sheet, headers in heads:
        sheets[sheet] = [json.loads(headers)]
    rows = conn.execute(
        select(county_sheet_row.c.sheet, county_sheet_row.c.cells)
        .where(county_sheet_row.c.submission_id == submission_id)
        .order_by(county_sheet_row.c.id)
    )
    for sheet, cells in rows:
        sheets.setdefault(sheet, [[]]).append(json.loads(cells))
    return sheets


# ---------------------------------------------------------------------------------------------
# Receiving


def _json_cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _rank(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def county_name(conn: Connection) -> str:
    value = conn.execute(
        select(county_setting.c.value).where(county_setting.c.key == COUNTY_NAME)
    ).scalar()
    return str(value or "")


def set_county_name(db: CountyDatabase, name: str, *, actor: CountyActor) -> None:
    name = name.strip()
    if not name:
        raise UserError("请填写本县的名称，例如“云岭县”。")
    with db.transaction() as conn:
        before = county_name(conn)
        if before == name:
            return
        if before:
            conn.execute(
                update(county_setting)
                .where(county_setting.c.key == COUNTY_NAME)
                .values(value=name, version=county_setting.c.version + 1)
            )
        else:
            conn.execute(insert(county_setting).values(key=COUNTY_NAME, value=name, version=1))
        record(conn, actor, "county_name", f"本县名称：{before or '未填'} → {name}")


def _anchor_problems(previous: Any, package: Package) -> list[str]:
    """Does the package's audit log continue the one received before?"""
    from dangjian_desktop.exchange.county import audit_log_anchor

    if previous.audit_entries is None:
        return []
    now = audit_log_anchor(package.folder / SNAPSHOT)
    if now is None:
        return ["这份材料的数据库快照读不出操作日志。"]
    if now["entries"] < previous.audit_entries:
        return [
            f"操作日志只有{now['entries']}条，比上次收到的{previous.audit_entries}条还少，日志被删除过"
        ]
    if previous.audit_entries:
        con = sqlite3.connect(f"file:{package.folder / SNAPSHOT}?mode=ro", uri=True)
        try:
            row = con.execute(
                "SELECT hash FROM auditentry ORDER BY id LIMIT 1 OFFSET ?",
                (previous.audit_entries - 1,),
            ).fetchone()
        finally:
            con.close()
        if row is None or str(row[0]) != previous.audit_head:
            return [f"操作日志第{previous.audit_entries}条与上次收到的不同，之前的日志被改写过"]
    return []


def _copy_pdfs(db: CountyDatabase, package: Package, submission_id: int) -> list[dict[str, Any]]:
    target = db.attachments / "county" / str(submission_id)
    target.mkdir(parents=True, exist_ok=True)
    rows = []
    for pdf in package.pdfs:
        data = pdf.read_bytes()
        (target / pdf.name).write_bytes(data)
        rows.append(
            {
                "submission_id": submission_id,
                "name": pdf.name,
                "stored": (target / pdf.name).relative_to(db.folder).as_posix(),
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    return rows


def _insert_many(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), _BATCH):
        conn.execute(insert(table), rows[start : start + _BATCH])


# The sheets whose records are also kept as rows of their own table (the members first: their
# count is what receiving reports): table, sheet, the header a record must fill to be kept
# (None: every record), and each column with the header it comes from and how it is read.
_EXTRACTED: tuple[
    tuple[Any, str, str | None, tuple[tuple[str, str, Callable[[Any], Any]], ...]], ...
] = (
    (
        county_member,
        "党员名册",
        "姓名",
        (
            ("name", "姓名", _text),
            ("gender", "性别", _text),
            ("ethnicity", "民族", _text),
            ("kind", "党员类别", _text),
            ("post", "职务", _text),
            ("branch", "所在党组织", _text),
            ("phone", "联系电话", _text),
        ),
    ),
    (
        county_result,
        "综合评价结果",
        "党组织",
        (
            ("rank", "名次", _rank),
            ("branch", "党组织", _text),
            ("total", "综合评价得分", _decimal),
            ("grade", "等次", _text),
        ),
    ),
    (
        county_honour,
        "荣誉与推荐",
        None,
        (
            ("category", "类别", _text),
            ("name", "名称", _text),
            ("branch", "所在党组织", _text),
            ("title", "荣誉称号", _text),
            ("certificate", "证书编号", _text),
            ("state", "状态", _text),
            ("recommended_to", "推荐至", _text),
        ),
    ),
)


def _store_sheet_records(
    conn: Connection,
    sid: int,
    sheets: Mapping[str, list[list[Any]]],
    table: Any,
    title: str,
    needed: str | None,
    columns: tuple[tuple[str, str, Callable[[Any], Any]], ...],
) -> int:
    """One row of `table` a record of sheet `title`; returns how many."""
    rows = [
        {"submission_id": sid, **{name: read(r.get(header)) for name, header, read in columns}}
        for r in _records(sheets, title)
        if needed is None or r.get(needed)
    ]
    _insert_many(conn, table, rows)
    return len(rows)


def _store_rows(conn: Connection, sid: int, package: Package) -> int:
    sheets = package.sheets
    for position, (title, rows) in enumerate(sheets.items()):
        headers = [_json_cell(h) for h in (rows[0] if rows else [])]
        conn.execute(
            insert(county_sheet_header).values(
                submission_id=sid,
                sheet=title,
                position=position,
                headers=json.dumps(headers, ensure_ascii=False),
            )
        )
        _insert_many(
            conn,
            county_sheet_row,
            [
                {
                    "submission_id": sid,
                    "sheet": title,
                    "position": i,
                    "cells": json.dumps([_json_cell(v) for v in row], ensure_ascii=False),
                }
                for i, row in enumerate(rows[1:])
            ],
        )
    counts = [
        _store_sheet_records(conn, sid, sheets, table, title, needed, columns)
        for table, title, needed, columns in _EXTRACTED
    ]
    return counts[0]


def receive_package(
    db: CountyDatabase,
    folder: Path | str,
    *,
    actor: CountyActor,
    confirm_reason: str = "",
) -> Received:
    """Verify and receive one package, as the only one receiving into the county folder
    (ReceivingBusy names who else is). PackageRefused / HistoryNotContinued / UserError say why
    nothing was received; then the county database is as it was."""
    lock = FolderLock(db.folder, RECEIVING_LOCK_NAME)
    owner = lock.try_acquire()
    if owner is not None:
        raise ReceivingBusy(db.folder, owner)
    try:
        return _receive(db, folder, actor=actor, confirm_reason=confirm_reason)
    finally:
        lock.release()


def _receive(
    db: CountyDatabase, folder: Path | str, *, actor: CountyActor, confirm_reason: str
) -> Received:
    package = read_package(folder)
    confirm_reason = confirm_reason.strip()
    copied: Path | None = None
    try:
        with db.transaction() as conn:
            tid = _township_row(conn, package, actor)
            previous, changes, problems = _retire_previous(conn, tid, package, confirm_reason)
            sid = _insert_submission(
                conn, tid, package, actor, previous, changes, problems, confirm_reason
            )
            members = _store_rows(conn, sid, package)
            copied = db.attachments / "county" / str(sid)
            attachments = _copy_pdfs(db, package, sid)
            _insert_many(conn, county_attachment, attachments)
            what = "重新报送，替换上次收到的材料" if previous is not None else "收到报送材料"
            record(
                conn,
                actor,
                RECEIVE_ACTION,
                f"{package.township}{package.round_label}：{what}（{members}名党员，"
                f"{len(attachments)}份文书）",
                detail={
                    "submission": sid,
                    "replaced": previous.id if previous is not None else None,
                    "changes": changes.lines() if previous is not None else [],
                    "history_problems": problems,
                    "source": str(package.folder),
                },
                reason=confirm_reason if problems else "",
            )
    except IntegrityError as exc:  # another clerk received this township's first package
        if copied is not None:
            shutil.rmtree(copied, ignore_errors=True)
        raise UserError(
            f"另一位同事刚刚接收了{package.township}的材料，这次没有接收。请刷新后再看是否还需要接收。"
        ) from exc
    except BaseException:
        if copied is not None:
            shutil.rmtree(copied, ignore_errors=True)
        raise
    return Received(
        submission_id=int(sid),
        township=package.township,
        round_label=package.round_label,
        first_year=package.first_year,
        replaced=previous is not None,
        changes=changes,
        members=members,
        attachments=len(attachments),
    )


def _township_row(conn: Connection, package: Package, actor: CountyActor) -> int:
    """The township's row (made on its first package); refuses another county's package."""
    county = county_name(conn)
    if county and package.county and package.county != county:
        raise PackageRefused(
            f"这份材料是{package.county}{package.township}的，不是本县（{county}）的，已拒收。"
            "请核对U盘是否拿错。"
        )
    if not county and package.county:
        conn.execute(
            insert(county_setting).values(key=COUNTY_NAME, value=package.county, version=1)
        )
        record(conn, actor, "county_name", f"本县名称按首份材料定为{package.county}")
    tid = conn.execute(
        select(county_township.c.id).where(county_township.c.name == package.township)
    ).scalar()
    if tid is None:
        return int(
            conn.execute(
                insert(county_township).values(
                    name=package.township, organ=package.organ, contact=package.contact
                )
            ).inserted_primary_key[0]  # type: ignore[index]
        )
    # on a server this row lock makes a second clerk's receipt wait for ours
    conn.execute(
        update(county_township)
        .where(county_township.c.id == tid)
        .values(organ=package.organ, contact=package.contact)
    )
    return int(tid)


def _retire_previous(
    conn: Connection, tid: int, package: Package, confirm_reason: str
) -> tuple[Any, Changes, list[str]]:
    """The township's current submission for the round, no longer current and its rows gone;
    what changed since it; the gaps in the audit history (refused without a reason)."""
    previous = conn.execute(
        select(county_submission).where(
            county_submission.c.township_id == tid,
            county_submission.c.first_year == package.first_year,
            county_submission.c.current.is_(True),
        )
    ).first()
    if previous is None:
        return None, Changes(), []
    problems = _anchor_problems(previous, package)
    if problems and not confirm_reason:
        raise HistoryNotContinued(package.township, package.round_label, problems)
    changes = changes_between(stored_sheets(conn, previous.id), package.sheets)
    conn.execute(
        update(county_submission).where(county_submission.c.id == previous.id).values(current=False)
    )
    for table in (county_sheet_row, county_member, county_result, county_honour):
        conn.execute(delete(table).where(table.c.submission_id == previous.id))
    return previous, changes, problems


def _insert_submission(
    conn: Connection,
    tid: int,
    package: Package,
    actor: CountyActor,
    previous: Any,
    changes: Changes,
    problems: list[str],
    confirm_reason: str,
) -> int:
    anchor = package.manifest.get("audit_log") or {}
    return int(
        conn.execute(
            insert(county_submission).values(
                township_id=tid,
                first_year=package.first_year,
                round_label=package.round_label,
                created=str(package.manifest.get("created", "")),
                received_at=clock.now().replace(tzinfo=None),
                received_by=actor.name,
                source=str(package.folder),
                audit_entries=anchor.get("entries"),
                audit_head=anchor.get("head"),
                schema_revision=package.schema_revision,
                quota_percent=package.quota_percent,
                dates=json.dumps(package.dates),
                stages=json.dumps(stage_summary(package.sheets), ensure_ascii=False),
                current=True,
                changes="\n".join(changes.lines()) if previous is not None else "",
                confirm_reason=confirm_reason if problems else "",
            )
        ).inserted_primary_key[0]  # type: ignore[index]
    )


def find_packages(paths: list[str] | list[Path]) -> list[Path]:
    """Each path a package, or a folder (the stick) holding packages one or two levels down."""
    found: list[Path] = []
    for text in paths:
        path = Path(text)
        if (path / MANIFEST).is_file():
            found.append(path)
            continue
        below = sorted(p.parent for p in path.glob(f"*/{MANIFEST}"))
        below += sorted(p.parent for p in path.glob(f"*/*/{MANIFEST}"))
        if not below:
            raise UserError(
                f"“{path}”里没有找到报送材料（缺少{MANIFEST}）。请选择U盘上的报送材料文件夹。"
            )
        found += below
    return found
