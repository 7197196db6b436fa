"""Tamper evidence for the data, not just the log: row seals inside, an anchor outside.

- **Row seals.** Every table but the audit log (which has its own hash chain) is sealed by
  blocks of rowids (`sealblock`, schema 0007): each block keeps a digest of its rows' text as
  SQLite renders them (`json_array`, so a value's type counts) and a short hash of each row; the
  block digests of a table are summed up in `setting` under `seal:<table>`. Whenever the program
  commits a transaction that wrote a table, the blocks of the rows it wrote are renewed in the
  same transaction, so they always describe what the program wrote (a row of the same block
  that another tool changed keeps its old seal). A row changed, added or deleted with any other
  tool no longer matches its seal, and `check` names the table and the row: it hashes each
  block whole in one pass of SQLite and reads row by row only a block whose digest differs.
- **The anchor.** `dangjian.anchor.json` beside the database holds the audit log's length, its
  last hash and a digest of all seals, rewritten at every commit (the state it will have before
  the commit, then the state it has after: a crash in between leaves one of the two matching).
  The same anchor goes into every backup's `backup.json`. Someone who rewrites the log or the
  seals consistently with the program's own code still disagrees with the anchors outside.

What this cannot stop: someone holding the database file, the anchor file, every backup and the
code can rewrite all of them together. The anchors only help where a copy lives elsewhere (a
backup on a USB stick, a package sent to the county).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session as OrmSession

PREFIX = "seal:"
MARKER = "seal:version"
UNCHAINED = "audit:unchained_until"
"""The last audit entry written before the chain existed (schema 0001); later ones need a hash."""
ANCHOR_NAME = "dangjian.anchor.json"
BLOCKS = "sealblock"
"""The seals by block of rows: (tbl, block) → the block's digest and its rows' seals."""
BLOCKS_DDL = (
    f"CREATE TABLE IF NOT EXISTS {BLOCKS} (tbl VARCHAR NOT NULL, block INTEGER NOT NULL,"
    " digest VARCHAR NOT NULL, rows TEXT NOT NULL, PRIMARY KEY (tbl, block)) WITHOUT ROWID"
)
BLOCK_BITS = 10
"""A block holds the rows whose rowid >> BLOCK_BITS is the same: at most 1,024 rows (few
round trips to SQLite when checking, little to hash again at a commit)."""
UNSEALED = {"alembic_version", "auditentry", BLOCKS}

_DIRTY = "dangjian_dirty_tables"
_PENDING = "dangjian_anchor_pending"
_WRITE = re.compile(
    r"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
    r"\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)
_WATCHED: weakref.WeakKeyDictionary[Engine, Path] = weakref.WeakKeyDictionary()

_SQL_ERRORS = (sqlite3.OperationalError, sa_exc.OperationalError)
Query = Callable[[str, Sequence[Any]], list[Any]]


def query_of(conn: Connection | sqlite3.Connection) -> Query:
    if isinstance(conn, sqlite3.Connection):
        raw = conn

        def run_raw(sql: str, params: Sequence[Any] = ()) -> list[Any]:
            return raw.execute(sql, tuple(params)).fetchall()

        return run_raw

    driver = conn.connection.driver_connection
    if isinstance(driver, sqlite3.Connection):
        # The same connection, in the same transaction, without SQLAlchemy's row objects:
        # sealing and verifying read every row of every table.
        return query_of(driver)

    def run(sql: str, params: Sequence[Any] = ()) -> list[Any]:
        assert not isinstance(conn, sqlite3.Connection)
        result = conn.exec_driver_sql(sql, tuple(params))
        return list(result.fetchall()) if result.returns_rows else []

    return run


# ------------------------------------------------------------------ seals


def sealed_tables(q: Query) -> list[str]:
    rows = q("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'", ())
    return sorted(r[0] for r in rows if r[0] not in UNSEALED)


def has_blocks(q: Query) -> bool:
    """Seals kept by block (schema 0007 on); before, one JSON text per table in `setting`."""
    return bool(q("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (BLOCKS,)))


def _columns(q: Query, table: str) -> list[str]:
    return [f'"{r[1]}"' for r in q(f'PRAGMA table_info("{table}")', ())]


def _as_json(columns: list[str]) -> str:
    """A row as SQLite writes it in JSON: every value with its type (5, "5", null)."""
    return f"json_array(rowid, {', '.join(columns)})"


def _as_literals(columns: list[str]) -> str:
    """A row as SQL literals, for a value JSON cannot hold (a BLOB another tool put in)."""
    return "'#' || " + " || ',' || ".join(f"quote({c})" for c in ["rowid", *columns])


def _in_block(table: str) -> str:
    scope = f" AND key NOT LIKE '{PREFIX}%'" if table == "setting" else ""
    return f"rowid >= ? AND rowid < ?{scope}"


def _bounds(block: int) -> tuple[int, int]:
    return block << BLOCK_BITS, (block + 1) << BLOCK_BITS


def _row_texts(q: Query, table: str, block: int) -> list[tuple[int, str]]:
    """(rowid, the row's text) for every row of one block, in rowid order."""
    columns = _columns(q, table)
    source = f'FROM "{table}" WHERE {_in_block(table)} ORDER BY rowid'
    try:
        return [
            (r[0], r[1]) for r in q(f"SELECT rowid, {_as_json(columns)} {source}", _bounds(block))
        ]
    except _SQL_ERRORS:
        pass
    texts: list[tuple[int, str]] = []
    for (rowid,) in q(f"SELECT rowid {source}", _bounds(block)):
        one = f'FROM "{table}" WHERE rowid = ?'
        try:
            rows = q(f"SELECT rowid, {_as_json(columns)} {one}", (rowid,))
        except _SQL_ERRORS:
            rows = q(f"SELECT rowid, {_as_literals(columns)} {one}", (rowid,))
        texts += [(r[0], r[1]) for r in rows]
    return texts


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _row_hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _block_seal(texts: list[tuple[int, str]]) -> tuple[str, str]:
    """(the block's digest, its rows' seals as "rowid:hash rowid:hash …")."""
    digest = _digest("\n".join(text for _, text in texts))
    return digest, " ".join(f"{rowid}:{_row_hash(text)}" for rowid, text in texts)


def _store(q: Query, key: str, value: str) -> None:
    q("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", (key, value))


def _table_digest(blocks: Iterable[tuple[int, str]]) -> str:
    return hashlib.sha256("".join(f"{b}:{d}\n" for b, d in blocks).encode()).hexdigest()


def _store_table_digest(q: Query, table: str) -> None:
    """`seal:<table>` in `setting` sums up the table's blocks; the anchor covers these sums."""
    blocks = q(f"SELECT block, digest FROM {BLOCKS} WHERE tbl = ? ORDER BY block", (table,))
    _store(q, PREFIX + table, _table_digest((b, d) for b, d in blocks))


def _seal_blocks(q: Query, table: str, blocks: Iterable[int]) -> None:
    for block in blocks:
        texts = _row_texts(q, table, block)
        if texts:
            q(
                f"INSERT OR REPLACE INTO {BLOCKS} VALUES (?, ?, ?, ?)",
                (table, block, *_block_seal(texts)),
            )
        else:
            q(f"DELETE FROM {BLOCKS} WHERE tbl = ? AND block = ?", (table, block))


def reseal_rows(q: Query, table: str, rowids: Iterable[int]) -> None:
    """Renew the seals of these rows only (the rows one transaction wrote). The other rows of
    their blocks keep the seals they had: a row changed outside the program stays found."""
    if not has_blocks(q):
        q(BLOCKS_DDL, ())
    written = set(rowids)
    for block in sorted({rowid >> BLOCK_BITS for rowid in written}):
        _renew_block(q, table, block, written)
    _store_table_digest(q, table)


def _renew_block(q: Query, table: str, block: int, written: set[int]) -> None:
    texts = _row_texts(q, table, block)
    stored = q(f"SELECT rows FROM {BLOCKS} WHERE tbl = ? AND block = ?", (table, block))
    then = _row_seals(stored[0][0] if stored else "")
    now = {rowid: _row_hash(text) for rowid, text in texts}
    kept: dict[int, str] = {}
    for rowid in sorted(now.keys() | then.keys()):
        if rowid in written or now.get(rowid) == then.get(rowid):
            if rowid in now:
                kept[rowid] = now[rowid]
        elif rowid in then:  # changed or deleted by another tool: its old seal stays
            kept[rowid] = then[rowid]
    # A block with a row the program did not write gets no digest the data could match, so
    # `verify` reads it row by row and names that row.
    intact = len(kept) == len(now) and all(now.get(r) == h for r, h in kept.items())
    digest = _digest("\n".join(text for _, text in texts)) if intact else ""
    if kept:
        seals = " ".join(f"{rowid}:{seal}" for rowid, seal in kept.items())
        q(f"INSERT OR REPLACE INTO {BLOCKS} VALUES (?, ?, ?, ?)", (table, block, digest, seals))
    else:
        q(f"DELETE FROM {BLOCKS} WHERE tbl = ? AND block = ?", (table, block))


def _row_seals(text: str) -> dict[int, str]:
    """The rows' seals of a block as stored ("rowid:hash rowid:hash …"); {} when unreadable."""
    try:
        return {int(rowid): seal for rowid, seal in (item.split(":") for item in text.split())}
    except ValueError:
        return {}


def reseal(q: Query, tables: Iterable[str]) -> None:
    """Seal whole tables as they are now."""
    if not has_blocks(q):
        q(BLOCKS_DDL, ())
    present = set(sealed_tables(q))
    for table in sorted(set(tables) & present):
        q(f"DELETE FROM {BLOCKS} WHERE tbl = ?", (table,))
        blocks = q(f'SELECT DISTINCT rowid >> {BLOCK_BITS} FROM "{table}"{_where(table)}', ())
        _seal_blocks(q, table, [b for (b,) in blocks])
        _store_table_digest(q, table)


def _where(table: str) -> str:
    return f" WHERE key NOT LIKE '{PREFIX}%'" if table == "setting" else ""


def is_sealed(q: Query) -> bool:
    return bool(q("SELECT 1 FROM setting WHERE key = ?", (MARKER,)))


def seal_everything(q: Query) -> None:
    """Seal every table as it is now (a new folder, a first start of this version, an upgrade)."""
    _store(q, MARKER, "1")
    if not q("SELECT 1 FROM setting WHERE key = ?", (UNCHAINED,)):
        last_blank = q("SELECT max(id) FROM auditentry WHERE hash = ''", ())[0][0]
        _store(q, UNCHAINED, str(last_blank or 0))
    reseal_all(q)


def reseal_all(q: Query) -> None:
    """Every table sealed anew; the seals of tables no longer there (or kept the old way) go."""
    tables = sealed_tables(q)
    keep = {PREFIX + t for t in tables} | {MARKER}
    for (key,) in q("SELECT key FROM setting WHERE key LIKE ?", (PREFIX + "%",)):
        if key not in keep:
            q("DELETE FROM setting WHERE key = ?", (key,))
    reseal(q, tables)


@dataclass(frozen=True)
class Finding:
    """One row whose seal does not hold: `kind` is changed, added, deleted or unsealed."""

    table: str
    rowid: int | None
    kind: str


def verify(q: Query) -> list[Finding]:
    """Every sealed table against its seals: one pass of SQLite per block of rows, hashed whole;
    only a block that differs is looked at row by row to name the rows."""
    if not is_sealed(q):
        return [Finding("setting", None, "unsealed")]
    if not has_blocks(q):
        from dangjian_desktop.store.seal_json import verify_json

        return verify_json(q)
    stored = {
        r[0][len(PREFIX) :]: r[1]
        for r in q("SELECT key, value FROM setting WHERE key LIKE ?", (PREFIX + "%",))
    }
    found: list[Finding] = []
    for table in sealed_tables(q):
        blocks = q(f"SELECT block, digest FROM {BLOCKS} WHERE tbl = ? ORDER BY block", (table,))
        if stored.get(table) != _table_digest((b, d) for b, d in blocks):
            if table in stored or blocks or q(f'SELECT 1 FROM "{table}" LIMIT 1', ()):
                found.append(Finding(table, None, "unsealed"))
            continue
        found += _verify_table(q, table, dict(blocks))
    return found


RUN = 64
"""Blocks hashed from one statement when checking: the thread that checks takes Python's lock
back once per run of blocks, not once per block (it runs beside the audit chain's hashing)."""


def _verify_table(q: Query, table: str, then: dict[int, str]) -> list[Finding]:
    columns = _columns(q, table)
    # Each block's rows in rowid order (the table is read along its rowids), the blocks'
    # texts apart by char(29), which JSON writes escaped, so no value can contain it.
    low, high = f"(sealrun.value << {BLOCK_BITS})", f"((sealrun.value + 1) << {BLOCK_BITS})"
    scope = _in_block(table).replace("?", low, 1).replace("?", high, 1)
    many = (
        f"SELECT group_concat(ifnull((SELECT group_concat({_as_json(columns)}, char(10))"
        f" FROM \"{table}\" WHERE {scope}), ''), char(29)) FROM json_each(?) AS sealrun"
    )
    now = q(f'SELECT DISTINCT rowid >> {BLOCK_BITS} FROM "{table}"{_where(table)}', ())
    blocks = sorted({b for (b,) in now} | set(then))
    found: list[Finding] = []
    for start in range(0, len(blocks), RUN):
        run = blocks[start : start + RUN]
        texts: list[str | None] = [None] * len(run)  # None: hash this block the exact way
        try:
            joined = str(q(many, (json.dumps(run),))[0][0] or "").split("\x1d")
            texts = list(joined) if len(joined) == len(run) else texts
        except _SQL_ERRORS:  # a value JSON cannot hold (a BLOB): block by block
            pass
        for block, text in zip(run, texts, strict=True):
            digest = _digest(text) if text else None
            if text is None or digest != then.get(block):
                found += _block_checked(q, table, block, then.get(block))
    return found


def _block_checked(q: Query, table: str, block: int, sealed: str | None) -> list[Finding]:
    """One block hashed the exact way (its rows in rowid order, one by one when JSON cannot
    hold a value); the rows named when it still differs."""
    texts = _row_texts(q, table, block)
    digest = _digest("\n".join(text for _, text in texts)) if texts else None
    return [] if digest == sealed else _block_findings(q, table, block, texts)


def _block_findings(
    q: Query, table: str, block: int, texts: list[tuple[int, str]]
) -> list[Finding]:
    """The rows of a block whose digest differs, named against the rows' own seals."""
    stored = q(f"SELECT rows FROM {BLOCKS} WHERE tbl = ? AND block = ?", (table, block))
    then = _row_seals(stored[0][0]) if stored else {}
    if stored and not then:
        return [Finding(table, None, "unsealed")]
    now = {rowid: _row_hash(text) for rowid, text in texts}
    found: list[Finding] = []
    for rowid in sorted(now.keys() | then.keys()):
        if rowid not in then:
            found.append(Finding(table, rowid, "added"))
        elif rowid not in now:
            found.append(Finding(table, rowid, "deleted"))
        elif now[rowid] != then[rowid]:
            found.append(Finding(table, rowid, "changed"))
    return found or [Finding(table, None, "unsealed")]


def verify_file(database: Path) -> list[Finding]:
    """`verify` on a connection of its own, in one read transaction (one consistent state of
    the file): SQLite does nearly all of the work and lets other threads run meanwhile."""
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True, isolation_level=None)
    try:
        con.execute("BEGIN")
        return verify(query_of(con))
    finally:
        con.close()


def row_intact(q: Query, table: str, rowid: int) -> bool:
    """Does this one row still match its seal? (True in a folder not sealed yet.)"""
    if not is_sealed(q):
        return True
    if not has_blocks(q):
        from dangjian_desktop.store.seal_json import row_intact_json

        return row_intact_json(q, table, rowid)
    block = rowid >> BLOCK_BITS
    stored = q(f"SELECT rows FROM {BLOCKS} WHERE tbl = ? AND block = ?", (table, block))
    then = _row_seals(stored[0][0]) if stored else {}
    now = {r: _row_hash(text) for r, text in _row_texts(q, table, block) if r == rowid}
    return then.get(rowid) == now.get(rowid)


def unchained_until(q: Query) -> int | None:
    rows = q("SELECT value FROM setting WHERE key = ?", (UNCHAINED,))
    try:
        return int(rows[0][0]) if rows else None
    except ValueError:
        return None


# ------------------------------------------------------------------ the anchor


@dataclass(frozen=True)
class AnchorState:
    entries: int
    head: str
    seals: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(data: Any) -> AnchorState | None:
        if not isinstance(data, dict):
            return None
        try:
            return AnchorState(int(data["entries"]), str(data["head"]), str(data["seals"]))
        except (KeyError, TypeError, ValueError):
            return None


def state_of(q: Query) -> AnchorState:
    entries = int(q("SELECT count(*) FROM auditentry", ())[0][0])
    head_row = q("SELECT hash FROM auditentry ORDER BY id DESC LIMIT 1", ())
    digest = hashlib.sha256()
    for key, value in q(
        "SELECT key, value FROM setting WHERE key LIKE ? ORDER BY key", ("seal:%",)
    ):
        digest.update(f"{key}\n{value}\n".encode())
    return AnchorState(entries, str(head_row[0][0]) if head_row else "", digest.hexdigest())


def anchor_path(database: Path) -> Path:
    return database.with_name(ANCHOR_NAME)


def read_anchor(database: Path) -> tuple[AnchorState | None, AnchorState | None] | None:
    """(current, previous) from the file beside the database; None when there is no file."""
    path = anchor_path(database)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return (None, None)
    if not isinstance(data, dict):
        return (None, None)
    return AnchorState.from_json(data.get("current")), AnchorState.from_json(data.get("previous"))


def write_anchor(database: Path, current: AnchorState, previous: AnchorState | None) -> None:
    path = anchor_path(database)
    data = {
        "说明": "党建先进单位创建管理：操作日志和数据校验值的锚点，请勿改动或删除。",
        "updated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "current": current.to_json(),
        "previous": previous.to_json() if previous else None,
    }
    partial = path.with_name(f".{path.name}.part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(partial, path)


# ------------------------------------------------------------------ keeping seals at commit


_BY_ID = re.compile(r"\bWHERE\s+(?:[\"`]?\w+[\"`]?\.)?[\"`]?id[\"`]?\s*=\s*\?\s*$", re.IGNORECASE)


def _rows_written(
    statement: str, parameters: Any, executemany: bool, cursor: Any
) -> set[int] | None:
    """The rowids a statement wrote when they are certain from the statement alone: an UPDATE or
    DELETE of one row by id (the ORM's), a plain one-row INSERT. None: reseal the whole table."""
    verb = statement.lstrip()[:6].upper()
    batches = parameters if executemany else [parameters]
    if verb in ("UPDATE", "DELETE") and _BY_ID.search(statement):
        try:
            return {int(p[-1]) for p in batches}
        except (TypeError, ValueError, IndexError, KeyError):
            return None
    upper = statement.upper()
    if (
        verb == "INSERT"
        and not executemany
        and " OR " not in upper[:20]
        and "RETURNING" not in upper
        and "ON CONFLICT" not in upper
        and getattr(cursor, "lastrowid", None)
    ):
        return {int(cursor.lastrowid)}
    return None


def _mark(
    conn: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    _context: Any,
    executemany: bool,
) -> None:
    found = _WRITE.match(statement)
    if not found or found.group(1).lower() in ("alembic_version", BLOCKS):
        return
    table = found.group(1).lower()  # the audit log is not sealed, but moves the anchor
    dirty: dict[str, set[int] | None] = conn.info.setdefault(_DIRTY, {})
    if table in dirty and dirty[table] is None:
        return
    rows = _rows_written(statement, parameters, executemany, cursor)
    if rows is None:
        dirty[table] = None
    else:
        known = dirty.setdefault(table, set())
        assert known is not None
        known.update(rows)


def _forget(conn: Connection) -> None:
    conn.info.pop(_DIRTY, None)


def watch(engine: Engine, database: Path) -> None:
    """Keep the seals and the anchor of this engine's database at every ORM commit."""
    _WATCHED[engine] = database
    event.listen(engine, "after_cursor_execute", _mark)
    event.listen(engine, "rollback", _forget)
    event.listen(engine, "commit", _forget)


def database_of(session: OrmSession) -> Path | None:
    """The database file of a session opened by `open_database` (None for other engines)."""
    bind = session.bind
    return _WATCHED.get(bind) if isinstance(bind, Engine) else None


def _before_commit(session: OrmSession) -> None:
    bind = session.bind
    database = _WATCHED.get(bind) if isinstance(bind, Engine) else None
    if database is None:
        return
    session.flush()
    conn = session.connection()
    dirty: dict[str, set[int] | None] | None = conn.info.pop(_DIRTY, None)
    if not dirty or not _has_setting_table(conn):
        return
    q = query_of(conn)
    if not is_sealed(q):
        return  # an unsealed folder (opened without migrating): nothing to keep up
    before = _anchor_current(database)
    present = set(sealed_tables(q))
    for table, rowids in sorted(dirty.items()):
        if table not in present:  # the audit log, or a table this folder does not have
            continue
        if rowids is None:
            reseal(q, [table])
        else:
            reseal_rows(q, table, sorted(rowids))
    conn.info.pop(_DIRTY, None)  # the seal writes themselves
    after = state_of(q)
    try:
        write_anchor(database, after, before)
    except OSError as exc:
        from dangjian_desktop.errors import UserError, os_reason

        raise UserError(
            f"无法写入数据文件夹里的锚点文件（{os_reason(exc)}），刚才的操作没有保存。"
            f"请检查数据文件夹的空间和权限后再试：{anchor_path(database)}"
        ) from exc
    session.info[_PENDING] = (database, after, before)


def _has_setting_table(conn: Connection) -> bool:
    return bool(
        conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='setting'"
        ).fetchone()
    )


def _anchor_current(database: Path) -> AnchorState | None:
    found = read_anchor(database)
    return found[0] if found else None


def _after_commit(session: OrmSession) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending is not None:
        database, after, _before = pending
        with contextlib.suppress(OSError):  # the next commit writes it again
            write_anchor(database, after, None)


def _after_rollback(session: OrmSession) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending is not None:
        database, _after, before = pending
        with contextlib.suppress(OSError):
            if before is None:
                anchor_path(database).unlink(missing_ok=True)
            else:
                write_anchor(database, before, None)


event.listen(OrmSession, "before_commit", _before_commit)
event.listen(OrmSession, "after_commit", _after_commit)
event.listen(OrmSession, "after_rollback", _after_rollback)


def initialise(engine: Engine) -> None:
    """Seal a folder the first time this program opens it (never again: a removed marker beside
    an existing anchor is tampering, which `check` reports instead of sealing over it)."""
    database = _WATCHED.get(engine)
    if database is None:
        return
    with engine.begin() as conn:
        q = query_of(conn)
        if not _has_setting_table(conn) or is_sealed(q):
            return
        anchor = read_anchor(database)
        if anchor is not None and anchor[0] is not None and anchor[0].entries > 0:
            return
        seal_everything(q)
        state = state_of(q)
        conn.info.pop(_DIRTY, None)
        write_anchor(database, state, None)


def reseal_file(path: Path) -> AnchorState:
    """After an upgrade (new columns change every row's values): seal the copy as it now is."""
    con = sqlite3.connect(path)
    try:
        q = query_of(con)
        with con:
            if is_sealed(q):
                reseal_all(q)
            else:
                seal_everything(q)
        return state_of(q)
    finally:
        con.close()


# ------------------------------------------------------------------ comparing with the anchor


def _hash_at(q: Query, position: int) -> str | None:
    if position <= 0:
        return ""
    rows = q("SELECT hash FROM auditentry ORDER BY id LIMIT 1 OFFSET ?", (position - 1,))
    return str(rows[0][0]) if rows else None


def relation(q: Query, known: AnchorState) -> str | None:
    """None when the database's log is the known one or extends it; otherwise what is wrong."""
    now = state_of(q)
    if now.entries < known.entries:
        return (
            f"操作日志只有{now.entries}条，比记载的{known.entries}条少了"
            f"{known.entries - now.entries}条：最后的日志被删除了"
        )
    if _hash_at(q, known.entries) != known.head:
        return f"操作日志第{known.entries}条的校验值与记载的不同：日志被删除、清空或重新计算过"
    return None


def anchor_problems(database: Path, q: Query) -> list[str]:
    """The database against the anchor file beside it; empty when they agree."""
    if not is_sealed(q):
        return []
    found = read_anchor(database)
    now = state_of(q)
    if found is None:
        if now.entries == 0:
            return []
        return [
            f"数据文件夹里的锚点文件 {ANCHOR_NAME} 不见了：无法确认操作日志没有被整体改写。"
            "如果不是有意删除，请从备份恢复后再核对。"
        ]
    current, previous = found
    if current is None:
        return [f"锚点文件 {ANCHOR_NAME} 已损坏或被改动，无法核对操作日志。"]
    if now in (current, previous):
        return []
    wrong = relation(q, current)
    if wrong is not None:
        return [f"操作日志与锚点文件不符：{wrong}。"]
    if now.entries > current.entries:
        return [
            f"操作日志比锚点文件记载的多出{now.entries - current.entries}条，"
            "它们不是本程序正常写入的。"
        ]
    return ["数据的校验值与锚点文件记载的不一致：有人在程序之外改动了数据，又重新计算了校验值。"]
