"""The audit log: every change writes one entry in the same transaction, chained by hash.

Each entry's hash covers its own fields and the previous entry's hash, so an edit of any row
behind the program's back (or a deleted row) breaks the chain at that entry, and `check` names it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import desc, event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.store.models import AuditEntry

_LAST_HASH = "audit_last_hash"


def _to_json(value: Mapping[str, Any] | None) -> str:
    if not value:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def entry_hash(entry: AuditEntry) -> str:
    return _hash(
        entry.prev_hash,
        entry.at,
        entry.operator,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.summary,
        entry.old,
        entry.new,
        entry.reason,
    )


def _hash(prev_hash: str, at: dt.datetime, *fields: object) -> str:
    """An entry's hash: its fields in the order of `entry_hash`, after the previous hash."""
    moment = at.astimezone(dt.UTC).isoformat() if at.tzinfo else at.isoformat()
    payload = json.dumps([prev_hash, moment, *fields], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    object_type: str,
    object_id: int | None,
    summary: str,
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Add an audit entry to the session; it commits (or rolls back) with the change itself."""
    prev_hash = session.info.get(_LAST_HASH)
    if prev_hash is None:
        last = session.exec(select(AuditEntry).order_by(desc(col(AuditEntry.id))).limit(1)).first()
        prev_hash = last.hash if last else ""
    entry = AuditEntry(
        at=clock.now(),
        operator=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary,
        old=_to_json(old),
        new=_to_json(new),
        reason=reason,
        prev_hash=prev_hash,
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    # Once this transaction has written, SQLite lets no other writer in until it ends, so the
    # entry just written stays the last one: the next entry need not look it up again.
    session.info[_LAST_HASH] = entry.hash
    return entry


def _forget_last_hash(session: Any, *_: Any) -> None:
    session.info.pop(_LAST_HASH, None)


for _event in ("after_commit", "after_rollback", "after_soft_rollback"):
    event.listen(OrmSession, _event, _forget_last_hash)


_CHAIN_COLUMNS = (
    "id, hash, prev_hash, at, operator, action, object_type, object_id, summary, old, new, reason"
)
_JSON = json.JSONEncoder(ensure_ascii=False)
_STRING = json.encoder.encode_basestring  # how json.dumps(…, ensure_ascii=False) writes a text


def verify_chain(session: Session) -> list[str]:
    """Problems with the chain, the first broken entry first; empty when intact."""
    from dangjian_desktop.store.seal import query_of, unchained_until

    # Entries written before the chain existed (schema 0001) have no hash; the seal keeps the
    # number of the last of them, so a hash blanked later is found (None: not yet sealed).
    unchained = unchained_until(query_of(session.connection()))
    driver = session.connection().connection.driver_connection
    if not isinstance(driver, sqlite3.Connection):  # pragma: no cover - always sqlite3 here
        raise TypeError("the audit chain is read with sqlite3")
    # Plain tuples straight from sqlite3, streamed: no ORM object or SQLAlchemy row per entry,
    # and the memory stays the same however long the log is.
    cursor = driver.execute(f"SELECT {_CHAIN_COLUMNS} FROM auditentry ORDER BY id")
    try:
        return _chain_problems(cursor, unchained)
    finally:
        cursor.close()


def _chain_problems(rows: Iterable[tuple[Any, ...]], unchained: int | None) -> list[str]:
    previous = ""
    for entry_id, stored, prev_hash, at, *fields in rows:
        summary = fields[4]
        if not stored:
            if unchained is not None and entry_id > unchained:
                return [
                    f"操作日志第{entry_id}条（{summary}）的校验值被清空了：它在程序之外被改动过。"
                ]
            continue
        if prev_hash != previous:
            return [f"操作日志第{entry_id}条与前一条衔接不上：之前的日志被删除或改动过。"]
        if _stored_hash(prev_hash, at, fields) != stored:
            return [
                f"操作日志第{entry_id}条（{summary}）的内容与校验值不符：它在程序之外被改动过。"
            ]
        previous = stored
    return []


def _stored_hash(prev_hash: str, at: Any, fields: list[Any]) -> str | None:
    """`_hash` of an entry as SQLite holds it (`at` as the text SQLAlchemy wrote); None when
    the time is not one the program could have written."""
    if type(at) is str and len(at) == 26 and at[10] == " " and at[19] == ".":
        # The text SQLAlchemy writes, "YYYY-MM-DD HH:MM:SS.ffffff" in UTC, as isoformat() gives
        # it back: every character kept, so a changed text is a changed hash.
        fraction = "" if at.endswith(".000000") else at[19:]
        moment = f"{at[:10]}T{at[11:19]}{fraction}+00:00"
    else:
        try:
            when = dt.datetime.fromisoformat(at)
        except (TypeError, ValueError):
            return None
        # As the ORM hands it over (sqlmodel's UTCDateTime): UTC, stored without an offset.
        utc = when.replace(tzinfo=dt.UTC) if when.utcoffset() is None else when.astimezone(dt.UTC)
        moment = utc.isoformat()
    payload = _payload(prev_hash, moment, fields)
    if payload is None:
        try:
            payload = _JSON.encode([prev_hash, moment, *fields])
        except (TypeError, ValueError):  # a BLOB: nothing the program writes
            return None
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _payload(prev_hash: Any, moment: str, fields: list[Any]) -> str | None:
    """json.dumps([prev_hash, moment, *fields], ensure_ascii=False) for the types the program
    writes (texts, the object's number or null), spelled out without an encoder per entry;
    None for anything else (json.dumps then says how it looks)."""
    operator, action, object_type, object_id, summary, old, new, reason = fields
    try:
        head = ", ".join(map(_STRING, (prev_hash, moment, operator, action, object_type)))
        tail = ", ".join(map(_STRING, (summary, old, new, reason)))
    except TypeError:  # a number or a BLOB where a text belongs
        return None
    if object_id is None:
        number = "null"
    elif type(object_id) is int:
        number = int.__repr__(object_id)
    else:
        return None
    return f"[{head}, {number}, {tail}]"
