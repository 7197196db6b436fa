"""Seals as the program kept them before schema 0007: one JSON text per table in `setting`,
rowid → a hash of the row. Only read now (a backup or a file from an older version is checked
before it is upgraded); every upgrade seals the data by block (store/seal.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from dangjian_desktop.store.seal import PREFIX, Finding, Query, sealed_tables


def _row_hash(row: Sequence[Any]) -> str:
    return hashlib.blake2b(repr(tuple(row[1:])).encode(), digest_size=8).hexdigest()


def row_seals(q: Query, table: str) -> dict[str, str]:
    """rowid → a 16-hex hash of the row's values, as SQLite stores them."""
    where = f" WHERE key NOT LIKE '{PREFIX}%'" if table == "setting" else ""
    rows = q(f'SELECT rowid, * FROM "{table}"{where}', ())
    return {str(row[0]): _row_hash(row) for row in rows}


def verify_json(q: Query) -> list[Finding]:
    stored = {
        r[0][len(PREFIX) :]: r[1]
        for r in q("SELECT key, value FROM setting WHERE key LIKE ?", (PREFIX + "%",))
    }
    found: list[Finding] = []
    for table in sealed_tables(q):
        now = row_seals(q, table)
        try:
            then = json.loads(stored[table]) if table in stored else {}
        except ValueError:
            found.append(Finding(table, None, "unsealed"))
            continue
        if table not in stored and now:
            found.append(Finding(table, None, "unsealed"))
            continue
        if not isinstance(then, dict):
            found.append(Finding(table, None, "unsealed"))
            continue
        for rowid in sorted(set(now) | set(then), key=int):
            if rowid not in then:
                found.append(Finding(table, int(rowid), "added"))
            elif rowid not in now:
                found.append(Finding(table, int(rowid), "deleted"))
            elif now[rowid] != then[rowid]:
                found.append(Finding(table, int(rowid), "changed"))
    return found


def row_intact_json(q: Query, table: str, rowid: int) -> bool:
    stored = q("SELECT value FROM setting WHERE key = ?", (PREFIX + table,))
    try:
        seals = json.loads(stored[0][0]) if stored else {}
    except ValueError:
        return False
    rows = q(f'SELECT rowid, * FROM "{table}" WHERE rowid = ?', (rowid,))
    if not rows:
        return str(rowid) not in seals
    return bool(seals.get(str(rowid)) == _row_hash(rows[0]))
