"""The county's audit log: one entry per change, written in the change's own transaction and
chained by hash (each entry covers the one before), as the township's is."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from dangjian_desktop import clock
from dangjian_desktop.store.county_models import county_audit


@dataclass(frozen=True)
class CountyActor:
    name: str


def record(
    conn: Connection,
    actor: CountyActor,
    action: str,
    summary: str,
    *,
    detail: Mapping[str, Any] | None = None,
    reason: str = "",
) -> None:
    last = conn.execute(
        select(county_audit.c.hash).order_by(county_audit.c.id.desc()).limit(1)
    ).scalar()
    prev = last or ""
    at = clock.now().replace(tzinfo=None)
    detail_text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str)
    payload = json.dumps(
        [prev, at.isoformat(), actor.name, action, summary, detail_text, reason],
        ensure_ascii=False,
    )
    conn.execute(
        county_audit.insert().values(
            at=at,
            operator=actor.name,
            action=action,
            summary=summary,
            detail=detail_text,
            reason=reason,
            prev_hash=prev,
            hash=hashlib.sha256(payload.encode("utf-8")).hexdigest(),
        )
    )


def chain_problems(conn: Connection) -> list[str]:
    """Entries whose hash does not follow from their fields and the one before."""
    problems: list[str] = []
    prev = ""
    for row in conn.execute(select(county_audit).order_by(county_audit.c.id)):
        payload = json.dumps(
            [
                prev,
                row.at.isoformat(),
                row.operator,
                row.action,
                row.summary,
                row.detail,
                row.reason,
            ],
            ensure_ascii=False,
        )
        if row.prev_hash != prev or hashlib.sha256(payload.encode()).hexdigest() != row.hash:
            problems.append(f"县级操作日志第{row.id}条被改动过。")
        prev = row.hash
    return problems
