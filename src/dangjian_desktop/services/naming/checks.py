"""审验 and 检查核实: per enrolled branch, recorded with who, when, findings and attachments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.attachments import add_attachment
from dangjian_desktop.services.common import (
    Actor,
    ensure_writable,
    find_enrolment,
    get_branch,
    get_round,
    ident,
    label,
    log,
)
from dangjian_desktop.services.naming.state import CHECK_OWNER, REVIEW, VERIFY, guard_open_list
from dangjian_desktop.services.submissions import submission_facts
from dangjian_desktop.store.models import (
    Attachment,
    Branch,
    Enrolment,
    NamingCheck,
    Round,
)

# ------------------------------------------------------------------ 审验 and 检查核实


@dataclass(frozen=True)
class Evidence:
    """A file to keep with a check: where it is now and the data folder's attachments folder."""

    source: Path
    store_root: Path


def record_review(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    passed: bool,
    checked_by: str,
    checked_on: dt.date,
    findings: str = "",
    evidence: Evidence | None = None,
) -> NamingCheck:
    """审验: the leading group's 通过 / 不通过 for one enrolled branch. A later one replaces it.
    `evidence`: a scanned record to keep with it (in the same transaction)."""
    return _record_check(
        session,
        actor=actor,
        first_year=first_year,
        branch_id=branch_id,
        step=REVIEW,
        passed=passed,
        checked_by=checked_by,
        checked_on=checked_on,
        findings=findings,
        evidence=evidence,
    )


def record_verification(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    checked_by: str,
    checked_on: dt.date,
    findings: str,
    evidence: Evidence | None = None,
) -> NamingCheck:
    """检查核实: an on-site check of one branch (date, who, findings), with its `evidence`."""
    return _record_check(
        session,
        actor=actor,
        first_year=first_year,
        branch_id=branch_id,
        step=VERIFY,
        passed=None,
        checked_by=checked_by,
        checked_on=checked_on,
        findings=findings,
        evidence=evidence,
    )


def _record_check(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    step: str,
    passed: bool | None,
    checked_by: str,
    checked_on: dt.date,
    findings: str,
    evidence: Evidence | None,
) -> NamingCheck:
    rnd = get_round(session, first_year)
    guard_open_list(session, rnd)
    branch = get_branch(session, branch_id)
    if find_enrolment(session, rnd, branch_id) is None:
        raise UserError(f"{branch.name}没有申报{label(rnd)}的创建活动，不用审验。")
    what = "审验" if step == REVIEW else "检查核实"
    if not checked_by.strip():
        raise UserError(f"请写明由谁{what}（领导小组成员姓名）。")
    if checked_on > clock.today():
        raise UserError(f"{what}日期{checked_on.isoformat()}还没到，请检查。")
    if checked_on < rnd.opens:
        raise UserError(f"{what}日期早于{label(rnd)}开始的日子，请检查。")
    if step == REVIEW and not passed and not findings.strip():
        raise UserError("审验不通过时，请写明原因（例如缺哪些材料）。")
    if step == VERIFY and not findings.strip():
        raise UserError("请写明检查核实的情况。")
    check = NamingCheck(
        round_id=ident(rnd),
        branch_id=branch_id,
        step=step,
        passed=passed,
        findings=findings.strip(),
        checked_by=checked_by.strip(),
        checked_on=checked_on,
        operator_id=actor.id,
        created_at=clock.now(),
    )
    session.add(check)
    session.flush()
    outcome = "" if passed is None else ("：通过" if passed else "：不通过")
    log(
        session,
        actor,
        step,
        check,
        f"{branch.name}{what}{outcome}（{check.checked_by}，{checked_on.isoformat()}）",
        new={"passed": passed, "findings": check.findings, "checked_by": check.checked_by},
    )
    if evidence is not None:
        attach_check_file(
            session,
            actor=actor,
            check_id=ident(check),
            source=evidence.source,
            store_root=evidence.store_root,
        )
    return check


def attach_check_file(
    session: Session, *, actor: Actor, check_id: int, source: Path, store_root: Path
) -> Attachment:
    check = session.get(NamingCheck, check_id)
    if check is None or check.deleted_at is not None:
        raise UserError("找不到这条审验或检查核实记录。")
    rnd = session.get(Round, check.round_id)
    assert rnd is not None
    ensure_writable(rnd)
    return add_attachment(
        session,
        actor,
        owner=CHECK_OWNER,
        owner_id=check_id,
        source=source,
        store_root=store_root,
        what="检查核实记录",
    )


def attachment_count(session: Session, owner: str, owner_id: int) -> int:
    return len(
        session.exec(
            select(Attachment.id).where(
                Attachment.owner_type == owner,
                Attachment.owner_id == owner_id,
                col(Attachment.deleted_at).is_(None),
            )
        ).all()
    )


@dataclass(frozen=True)
class ReviewLine:
    """One enrolled branch in the 审验 / 检查核实 table."""

    branch_id: int
    branch_name: str
    missing: list[str]
    late: list[str]
    review: str  # 未审验 | 通过 | 不通过
    review_passed: bool | None
    reviewed_by: str
    reviewed_on: dt.date | None
    review_findings: str
    verifications: int
    last_verified_on: dt.date | None
    attachments: int

    @property
    def handed_in_text(self) -> str:
        return "；".join(self.missing + self.late) or "齐全，均按时报送"


def enrolled_names(session: Session, rnd: Round) -> list[tuple[int, str, str]]:
    """(branch id, name, level) of the branches enrolled in the round, in register order: plain
    values, where `enrolled_branches` builds two ORM objects per branch."""
    return [
        (branch_id, name, level)
        for branch_id, name, level in session.exec(
            select(Branch.id, Branch.name, Branch.level)
            .join(Enrolment, col(Enrolment.branch_id) == Branch.id)
            .where(Enrolment.round_id == rnd.id, col(Enrolment.withdrawn_at).is_(None))
            .order_by(col(Branch.id))
        )
        if branch_id is not None
    ]


@dataclass(frozen=True)
class _Check:
    step: str
    passed: bool | None
    checked_by: str
    checked_on: dt.date
    findings: str
    attachments: int


def _checks_by_branch(session: Session, rnd: Round) -> dict[int, list[_Check]]:
    """The round's checks (not deleted), oldest first, per branch, each with its number of
    files: two queries, whatever the number of checks."""
    alive = (col(NamingCheck.round_id) == rnd.id, col(NamingCheck.deleted_at).is_(None))
    files: dict[int, int] = dict(
        session.exec(
            select(Attachment.owner_id, func.count())
            .join(NamingCheck, col(NamingCheck.id) == Attachment.owner_id)
            .where(
                Attachment.owner_type == CHECK_OWNER,
                col(Attachment.deleted_at).is_(None),
                *alive,
            )
            .group_by(col(Attachment.owner_id))
        ).all()
    )
    found: dict[int, list[_Check]] = {}
    for check_id, branch_id, step, passed, by, on, findings in session.connection().execute(
        sa_select(
            col(NamingCheck.id),
            col(NamingCheck.branch_id),
            col(NamingCheck.step),
            col(NamingCheck.passed),
            col(NamingCheck.checked_by),
            col(NamingCheck.checked_on),
            col(NamingCheck.findings),
        )
        .where(*alive)
        .order_by(col(NamingCheck.id))
    ):
        found.setdefault(branch_id, []).append(
            _Check(step, passed, by, on, findings, files.get(check_id or 0, 0))
        )
    return found


def review_lines(session: Session, rnd: Round, today: dt.date) -> list[ReviewLine]:
    handed = submission_facts(session, rnd, today)
    checks = _checks_by_branch(session, rnd)
    lines = []
    for branch_id, name, _level in enrolled_names(session, rnd):
        _name, missing, late = handed[branch_id]
        own = checks.get(branch_id, [])
        reviews = [c for c in own if c.step == REVIEW]
        verifications = [c for c in own if c.step == VERIFY]
        last = reviews[-1] if reviews else None
        lines.append(
            ReviewLine(
                branch_id=branch_id,
                branch_name=name,
                missing=missing,
                late=late,
                review="未审验" if last is None else ("通过" if last.passed else "不通过"),
                review_passed=None if last is None else bool(last.passed),
                reviewed_by=last.checked_by if last else "",
                reviewed_on=last.checked_on if last else None,
                review_findings=last.findings if last else "",
                verifications=len(verifications),
                last_verified_on=verifications[-1].checked_on if verifications else None,
                attachments=sum(c.attachments for c in own),
            )
        )
    return lines


# ------------------------------------------------------------------ ties
