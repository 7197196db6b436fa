"""What branches hand in: 实施方案, 半年书面汇报, 创建工作材料.

One receipt per enrolled branch and stage. Lateness is recorded and shown, never a reason to
refuse. Undoing a receipt is a soft delete with an audit entry.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import (
    INTAKE_STAGES,
    RECEIPT_STATUS_NAMES,
    ReceiptStatus,
    Stage,
    Timeliness,
    stage_title,
    timeliness,
)
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.attachments import add_attachment
from dangjian_desktop.services.common import (
    Actor,
    RoundInfo,
    changes,
    ensure_writable,
    get_enrolment,
    get_round,
    label,
    log,
    round_dates,
    round_info,
    snapshot,
)
from dangjian_desktop.services.township import get_township
from dangjian_desktop.store import attachments as attachment_store
from dangjian_desktop.store.models import (
    Attachment,
    AuditEntry,
    Branch,
    Enrolment,
    IntakeBase,
    Materials,
    Operator,
    Plan,
    ProgressReport,
    Round,
)

IntakeRow = IntakeBase  # a Plan, ProgressReport or Materials row
STATUS_NAMES = RECEIPT_STATUS_NAMES
FORMS = ("纸质", "电子")
OWNER_TYPES: dict[type[IntakeBase], str] = {
    Plan: "plan",
    ProgressReport: "progressreport",
    Materials: "materials",
}


def _model(stage: Stage) -> type[IntakeBase]:
    if stage == Stage.PLAN:
        return Plan
    if stage in (Stage.REPORT_H2, Stage.REPORT_H1):
        return ProgressReport
    if stage == Stage.MATERIALS:
        return Materials
    raise ValueError(f"{stage} is not an intake stage")


def find_receipt(session: Session, enrollment_id: int, stage: Stage) -> IntakeRow | None:
    model = _model(stage)
    query = select(model).where(
        model.enrollment_id == enrollment_id, col(model.deleted_at).is_(None)
    )
    if model is ProgressReport:
        query = query.where(ProgressReport.period == stage.value)
    return session.exec(query).first()


def record_receipt(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    stage: Stage,
    received_on: dt.date,
    form: str = "纸质",
    remark: str = "",
    summary: str = "",
) -> IntakeRow:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    enrolment = get_enrolment(session, rnd, branch_id)
    branch = session.get(Branch, branch_id)
    assert branch is not None and enrolment.id is not None
    title = stage_title(stage, first_year)
    if find_receipt(session, enrolment.id, stage) is not None:
        raise UserError(f"{branch.name}的{title}已经登记过了。要改日期或状态，请在表格里直接修改。")
    if received_on > clock.today():
        raise UserError("收到日期不能晚于今天，请检查。")
    if form not in FORMS:
        raise UserError("报送形式只能是纸质或电子。")
    due = round_dates(rnd).due(stage)
    assert due is not None
    model = _model(stage)
    row: IntakeRow
    common: dict[str, object] = {
        "enrollment_id": enrolment.id,
        "received_on": received_on,
        "form": form,
        "remark": remark.strip(),
        "received_by_id": actor.id,
    }
    if model is ProgressReport:
        common.update(period=stage.value, summary=summary.strip())
    row = model.model_validate(common)
    session.add(row)
    session.flush()
    late = timeliness(due, received_on, clock.today()) == Timeliness.LATE
    log(
        session,
        actor,
        "receive",
        row,
        f"收到{branch.name}的{title}（{received_on.isoformat()}{'，逾期' if late else ''}）",
        new={"stage": stage.value, **snapshot(row, ("received_on", "form", "remark"))},
    )
    return row


def _find_receipt(
    session: Session, stage: Stage, receipt_id: int
) -> tuple[IntakeRow, Round, Branch]:
    """A live (not revoked) receipt with its round and branch."""
    row = session.get(_model(stage), receipt_id)
    if row is None or row.deleted_at is not None:
        raise UserError("找不到这条登记记录，它可能已被撤销。请刷新后再试。")
    enrolment = session.get(Enrolment, row.enrollment_id)
    assert enrolment is not None
    rnd = session.get(Round, enrolment.round_id)
    branch = session.get(Branch, enrolment.branch_id)
    assert rnd is not None and branch is not None
    return row, rnd, branch


def _get_receipt(
    session: Session, stage: Stage, receipt_id: int
) -> tuple[IntakeRow, Round, Branch]:
    """A receipt that may still be changed: its round is open."""
    row, rnd, branch = _find_receipt(session, stage, receipt_id)
    ensure_writable(rnd)
    return row, rnd, branch


def update_receipt(
    session: Session,
    *,
    actor: Actor,
    stage: Stage,
    receipt_id: int,
    received_on: dt.date | None = None,
    status: str | None = None,
    form: str | None = None,
    remark: str | None = None,
    summary: str | None = None,
) -> IntakeRow:
    row, rnd, branch = _get_receipt(session, stage, receipt_id)
    fields = ("received_on", "status", "form", "remark")
    before = snapshot(row, fields)
    if received_on is not None:
        if received_on > clock.today():
            raise UserError("收到日期不能晚于今天，请检查。")
        row.received_on = received_on
    if status is not None:
        if status not in STATUS_NAMES:
            raise UserError("状态只能是已收到、退回修改或已审核通过。")
        kept_remark = row.remark if remark is None else remark  # "" clears the remark
        if status == ReceiptStatus.RETURNED and not kept_remark.strip():
            raise UserError("退回修改时请在备注里写明要修改什么，方便党支部改正。")
        row.status = status
    if form is not None:
        if form not in FORMS:
            raise UserError("报送形式只能是纸质或电子。")
        row.form = form
    if remark is not None:
        row.remark = remark.strip()
    if summary is not None and isinstance(row, ProgressReport):
        row.summary = summary.strip()
    old, new = changes(before, snapshot(row, fields))
    if new or summary is not None:
        session.add(row)
        what = STATUS_NAMES.get(new.get("status", ""), "修改")
        log(
            session,
            actor,
            "update",
            row,
            f"{branch.name}的{stage_title(stage, rnd.first_year)}：{what}",
            old=old,
            new=new,
        )
    return row


def undo_receipt(session: Session, *, actor: Actor, stage: Stage, receipt_id: int) -> IntakeRow:
    row, rnd, branch = _get_receipt(session, stage, receipt_id)
    row.deleted_at = clock.now()
    session.add(row)
    log(
        session,
        actor,
        "undo",
        row,
        f"撤销登记：{branch.name}的{stage_title(stage, rnd.first_year)}",
        old=snapshot(row, ("received_on", "status", "form", "remark")),
    )
    return row


def last_receipt_entry(session: Session, actor: Actor) -> AuditEntry | None:
    """The newest receipt this operator recorded and has not undone, for “撤销上一条登记”."""
    entries = session.exec(
        select(AuditEntry)
        .where(AuditEntry.action == "receive", AuditEntry.operator == actor.name)
        .order_by(col(AuditEntry.id).desc())
        .limit(20)
    )
    for entry in entries:
        model = next((m for m, name in OWNER_TYPES.items() if name == entry.object_type), None)
        if model is None or entry.object_id is None:
            continue
        row = session.get(model, entry.object_id)
        if row is not None and row.deleted_at is None:
            return entry
    return None


def undo_last_receipt(session: Session, *, actor: Actor) -> IntakeRow:
    entry = last_receipt_entry(session, actor)
    if entry is None or entry.object_id is None:
        raise UserError("没有可以撤销的登记。")
    model = next(m for m, name in OWNER_TYPES.items() if name == entry.object_type)
    row = session.get(model, entry.object_id)
    assert row is not None and row.id is not None
    return undo_receipt(session, actor=actor, stage=stage_of(row), receipt_id=row.id)


def stage_of(row: IntakeRow) -> Stage:
    """The intake stage a receipt belongs to."""
    if isinstance(row, ProgressReport):
        return Stage(row.period)
    return Stage.PLAN if isinstance(row, Plan) else Stage.MATERIALS


def receipt_branch_id(session: Session, row: IntakeRow) -> int:
    """The branch that handed a receipt in."""
    enrolment = session.get(Enrolment, row.enrollment_id)
    assert enrolment is not None
    return enrolment.branch_id


def attach_file(
    session: Session, *, actor: Actor, stage: Stage, receipt_id: int, source: Path, store_root: Path
) -> Attachment:
    """Copy a file into the data folder under its SHA-256 and attach it to a receipt."""
    row, rnd, branch = _get_receipt(session, stage, receipt_id)
    return add_attachment(
        session,
        actor,
        owner=OWNER_TYPES[type(row)],
        owner_id=receipt_id,
        source=source,
        store_root=store_root,
        what=f"{branch.name}的{stage_title(stage, rnd.first_year)}",
    )


def attachments_of(session: Session, stage: Stage, receipt_id: int) -> list[Attachment]:
    owner = OWNER_TYPES[_model(stage)]
    return list(
        session.exec(
            select(Attachment).where(
                Attachment.owner_type == owner,
                Attachment.owner_id == receipt_id,
                col(Attachment.deleted_at).is_(None),
            )
        )
    )


@dataclass(frozen=True)
class IntakeLine:
    """One enrolled branch's state for one stage, for grids and the status report."""

    branch_id: int
    branch_name: str
    stage: Stage
    due: dt.date
    receipt_id: int | None
    received_on: dt.date | None
    timeliness: Timeliness
    status: str | None
    form: str | None
    remark: str
    attachments: int


def intake_view(
    session: Session,
    first_year: int | None,
    stage: Stage,
    today: dt.date,
    branch_ids: Collection[int] | None = None,
) -> tuple[RoundInfo | None, list[IntakeLine]]:
    """The round (None when there is none) and its lines for the stage, for the intake grid;
    with `branch_ids`, only those branches' lines (the grid replaces them after a receipt)."""
    info = round_info(session, first_year)
    if info is None:
        return None, []
    rnd = get_round(session, info.first_year)
    return info, intake_lines(session, rnd, stage, today, branch_ids)


def intake_lines(
    session: Session,
    rnd: Round,
    stage: Stage,
    today: dt.date,
    branch_ids: Collection[int] | None = None,
) -> list[IntakeLine]:
    """Every enrolled branch (or those of `branch_ids`) with its receipt (if any) for the stage:
    one query per table."""
    if stage not in INTAKE_STAGES:
        raise ValueError(stage)
    due = round_dates(rnd).due(stage)
    assert due is not None
    # Plain columns, not ORM objects: the workbench reads every stage of a county's thousand
    # branches at each refresh.
    enrolled_query = (
        sa_select(col(Enrolment.id), col(Branch.id), col(Branch.name))
        .join(Branch, col(Branch.id) == Enrolment.branch_id)
        .where(col(Enrolment.round_id) == rnd.id, col(Enrolment.withdrawn_at).is_(None))
        .order_by(col(Branch.id))
    )
    if branch_ids is not None:
        enrolled_query = enrolled_query.where(col(Branch.id).in_(list(branch_ids)))
    enrolled = session.execute(enrolled_query).all()
    model = _model(stage)
    query = (
        sa_select(
            col(model.enrollment_id),
            col(model.id),
            col(model.received_on),
            col(model.status),
            col(model.form),
            col(model.remark),
        )
        .join(Enrolment, col(Enrolment.id) == model.enrollment_id)
        .where(col(Enrolment.round_id) == rnd.id, col(model.deleted_at).is_(None))
    )
    if model is ProgressReport:
        query = query.where(col(ProgressReport.period) == stage.value)
    if branch_ids is not None:
        query = query.where(col(Enrolment.branch_id).in_(list(branch_ids)))
    receipts = {row.enrollment_id: row for row in session.execute(query)}
    owner = OWNER_TYPES[model]
    counts: dict[int, int] = {}
    attached = select(Attachment.owner_id).where(
        Attachment.owner_type == owner, col(Attachment.deleted_at).is_(None)
    )
    if branch_ids is not None:
        attached = attached.where(col(Attachment.owner_id).in_([r.id for r in receipts.values()]))
    for owner_id in session.exec(attached):
        counts[owner_id] = counts.get(owner_id, 0) + 1
    lines = []
    for enrollment_id, branch_id, branch_name in enrolled:
        row = receipts.get(enrollment_id)
        lines.append(
            IntakeLine(
                branch_id=branch_id,
                branch_name=branch_name,
                stage=stage,
                due=due,
                receipt_id=row.id if row else None,
                received_on=row.received_on if row else None,
                timeliness=timeliness(due, row.received_on if row else None, today),
                status=row.status if row else None,
                form=row.form if row else None,
                remark=row.remark if row else "",
                attachments=counts.get(row.id, 0) if row and row.id else 0,
            )
        )
    return lines


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class ReceiptDetail:
    """One receipt as the receipt dialog shows it."""

    receipt_id: int
    received_on: dt.date
    form: str
    status: str
    remark: str
    summary: str
    attachments: list[AttachmentInfo]


def receipt_detail(session: Session, stage: Stage, receipt_id: int) -> ReceiptDetail:
    row = session.get(_model(stage), receipt_id)
    if row is None or row.deleted_at is not None:
        raise UserError("找不到这条登记记录，它可能已被撤销。请刷新后再试。")
    files = [
        AttachmentInfo(id=a.id, name=a.original_name, sha256=a.sha256, size=a.size)
        for a in attachments_of(session, stage, receipt_id)
        if a.id is not None
    ]
    return ReceiptDetail(
        receipt_id=receipt_id,
        received_on=row.received_on,
        form=row.form,
        status=row.status,
        remark=row.remark,
        summary=row.summary if isinstance(row, ProgressReport) else "",
        attachments=files,
    )


def viewing_copy(store_root: Path, attachment: AttachmentInfo, folder: Path) -> Path:
    """A copy of a stored attachment under its original name, for opening in another program.

    Stored files are named by their SHA-256 without an extension, which the system cannot open;
    the copy keeps the stored file safe from being edited in place.
    """
    problem = attachment_store.check_file(store_root, attachment.sha256)
    if problem is not None:
        raise UserError(
            f"附件“{attachment.name}”{problem}。请在“设置”里运行数据检查，或从备份中恢复。"
        )
    target = folder / attachment.sha256[:12] / (Path(attachment.name).name or attachment.sha256)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(attachment_store.stored_path(store_root, attachment.sha256), target)
        except OSError as exc:
            raise UserError(
                f"附件“{attachment.name}”没能复制出来打开（{exc.strerror}）。请检查磁盘空间后重试。"
            ) from exc
    return target


SLIP_CODES = {
    Stage.PLAN: "方案",
    Stage.REPORT_H2: "汇报",
    Stage.REPORT_H1: "汇报",
    Stage.MATERIALS: "材料",
}


@dataclass(frozen=True)
class ReceiptSlip:
    """What a 签收单 (receipt slip) shows for one receipt; field names follow the slip's."""

    number: str
    round_label: str
    branch_name: str
    item_name: str
    received_on: dt.date
    due_on: dt.date | None
    form: str
    received_by: str
    office: str
    remark: str


def slip_item_name(stage: Stage, first_year: int) -> str:
    if stage == Stage.PLAN:
        return "创建工作实施方案"
    if stage == Stage.REPORT_H2:
        return f"{first_year}年下半年创建工作书面汇报"
    if stage == Stage.REPORT_H1:
        return f"{first_year + 1}年上半年创建工作书面汇报"
    return "创建工作材料"


def receipt_slip(session: Session, stage: Stage, receipt_id: int) -> ReceiptSlip:
    """The data for printing a receipt's 签收单; the number is stable for the receipt."""
    row, rnd, branch = _find_receipt(session, stage, receipt_id)
    clerk = session.get(Operator, row.received_by_id) if row.received_by_id else None
    township = get_township(session)
    return ReceiptSlip(
        number=f"{rnd.first_year}{SLIP_CODES[stage]}{receipt_id:04d}",
        round_label=label(rnd),
        branch_name=branch.name,
        item_name=slip_item_name(stage, rnd.first_year),
        received_on=row.received_on,
        due_on=round_dates(rnd).due(stage),
        form=row.form,
        received_by=clerk.name if clerk else "",
        office=township.office if township else "",
        remark=row.remark,
    )
