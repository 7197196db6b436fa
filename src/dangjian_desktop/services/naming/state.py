"""What the naming steps share: the kinds of check, who computed the results, the fixed
candidate list and the 公示 in force."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from dangjian_desktop.domain.naming import list_digest
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import ensure_writable
from dangjian_desktop.store.models import (
    Announcement,
    AuditEntry,
    CandidateList,
    Round,
)

REVIEW = "review"  # 审验
VERIFY = "verify"  # 检查核实
CHECK_OWNER = "naming_check"
MINUTES_OWNER = "committee_minutes"


def computed_by(session: Session, rnd: Round) -> str | None:
    """Who last computed the 综合评价 (from the audit log, which no one can edit)."""
    return session.exec(
        select(AuditEntry.operator)
        .where(
            AuditEntry.action == "compute",
            AuditEntry.object_type == "round",
            AuditEntry.object_id == rnd.id,
        )
        .order_by(col(AuditEntry.id).desc())
    ).first()


def current_list(session: Session, rnd: Round) -> CandidateList | None:
    return session.exec(
        select(CandidateList)
        .where(CandidateList.round_id == rnd.id, col(CandidateList.reopened_at).is_(None))
        .order_by(col(CandidateList.id).desc())
    ).first()


def list_snapshot(fixed: CandidateList) -> dict[str, Any]:
    snap: dict[str, Any] = json.loads(fixed.snapshot)
    if list_digest(snap) != fixed.digest:
        raise UserError("候选名单的校验码对不上，名单可能被改动过。请在“设置”里运行数据检查。")
    return snap


def get_announcement(session: Session, rnd: Round) -> Announcement | None:
    """The 公示 in force (a withdrawn one stays on record but does not count)."""
    return session.exec(
        select(Announcement).where(
            Announcement.round_id == rnd.id, col(Announcement.withdrawn_at).is_(None)
        )
    ).first()


def guard_open_list(session: Session, rnd: Round) -> None:
    ensure_writable(rnd)
    if current_list(session, rnd) is not None:
        raise UserError("候选名单已经确定。要修改，请先在“公示与表彰”里重新打开名单（写明原因）。")
