"""Issuing documents: gather the facts, take a 发文字号, build the PDF, record it in the registry.

Notices take the next number of the township's sequence in the same transaction that records
them, so a number is never used twice and never lost to a half-written file. Forms (签收单, score
sheets, the results table, the work summary) and certificate batches carry no number.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.documents import notice_texts
from dangjian_desktop.documents.certificates import build_certificates
from dangjian_desktop.documents.data import (
    CertificateData,
    Issuer,
    NoticeData,
    OverlayCalibration,
    ReceiptData,
    ResultRow,
    ResultsTableData,
    ScoreItem,
    ScoreSheetData,
    WorkSummaryData,
)
from dangjian_desktop.documents.forms import (
    build_receipt,
    build_recommendation_form,
    build_results_table,
    build_score_sheets,
    build_work_summary,
)
from dangjian_desktop.documents.notices import build_notice
from dangjian_desktop.domain.calendar import (
    INTAKE_STAGES,
    Stage,
    Timeliness,
    add_working_days,
    stage_title,
)
from dangjian_desktop.domain.honours import HonourEventKind, HonourState
from dangjian_desktop.domain.scoring import Grade
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import evaluation, intake
from dangjian_desktop.services.commendation import honours
from dangjian_desktop.services.common import Actor, get_round, label
from dangjian_desktop.services.enrolment import enrolled_branches
from dangjian_desktop.services.naming import get_announcement, posted_names
from dangjian_desktop.services.notices import KIND_NAMES, register_notice, set_notice_file
from dangjian_desktop.services.rounds import rubric
from dangjian_desktop.services.township import require_township
from dangjian_desktop.store import audit
from dangjian_desktop.store.attachments import file_sha256
from dangjian_desktop.store.models import (
    Branch,
    Enrollment,
    Honor,
    HonorEvent,
    Member,
    Notice,
    Round,
    Setting,
    Township,
)

NOTICE_KINDS = (
    "plan-call",
    "reminder",
    "report-call",
    "schedule",
    "announcement",
    "decision",
    "rectification",
    "criticism",
    "recommendation",
)
Progress = Callable[[int, int], None]
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def issuer_of(township: Township) -> Issuer:
    return Issuer(
        organ=township.organ,
        office=township.office,
        doc_prefix=township.doc_prefix,
        seal_text=township.seal_text,
        county=township.county,
        prefecture=township.prefecture,
        province=township.province,
    )


def _file_name(stem: str) -> str:
    return _UNSAFE.sub("_", stem)[:80] + ".pdf"


def _output(data_dir: DataDir, year: int, stem: str) -> tuple[Path, str]:
    folder = data_dir.documents / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _file_name(stem)
    counter = 2
    while path.exists():
        path = folder / _file_name(f"{stem}~{counter}")
        counter += 1
    return path, path.relative_to(data_dir.root).as_posix()


def _record(
    session: Session,
    data_dir: DataDir,
    *,
    actor: Actor,
    rnd: Round | None,
    kind: str,
    title: str,
    signed_on: dt.date,
    build: Callable[[Path], Path],
    numbered: bool,
) -> Notice:
    notice = register_notice(
        session,
        actor=actor,
        rnd=rnd,
        kind=kind,
        title=title,
        signed_on=signed_on,
        numbered=numbered,
    )
    stem = f"{notice.number}_{title}" if notice.number else f"{KIND_NAMES.get(kind, kind)}_{title}"
    path, relative = _output(data_dir, signed_on.year, stem)
    try:
        build(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    set_notice_file(session, notice=notice, file_path=relative, sha256=file_sha256(path))
    return notice


# ------------------------------------------------------------------ notices


def _overdue(
    session: Session, rnd: Round, today: dt.date, stage: Stage | None
) -> tuple[Stage, list[str]]:
    for candidate in (stage,) if stage else INTAKE_STAGES:
        assert candidate is not None
        missing = [
            line.branch_name
            for line in intake.intake_lines(session, rnd, candidate, today)
            if line.timeliness == Timeliness.MISSING
        ]
        if missing:
            return candidate, missing
    raise UserError("目前没有逾期未报的党组织，不需要发催报通知。")


def _latest_event(
    session: Session, rnd: Round, kind: HonourEventKind, honour_id: int | None
) -> HonorEvent:
    query = select(HonorEvent).where(HonorEvent.round_id == rnd.id, HonorEvent.kind == kind.value)
    if honour_id is not None:
        query = query.where(HonorEvent.honor_id == honour_id)
    event = session.exec(query.order_by(col(HonorEvent.id).desc())).first()
    if event is None:
        what = {"order_rectification": "限期整改", "circulate_criticism": "通报批评"}[kind.value]
        raise UserError(f"{label(rnd)}还没有{what}的记录。请先在“动态管理”里登记。")
    return event


def _member_pairs(session: Session, items: list[Honor]) -> list[tuple[str, str]]:
    pairs = []
    for honour in items:
        if honour.kind == "member":
            data = json.loads(honour.snapshot or "{}")
            pairs.append((str(data.get("name", "")), str(data.get("branch", ""))))
    return pairs


def _branch_names(session: Session, items: list[Honor]) -> list[str]:
    names = []
    for honour in items:
        if honour.kind == "branch":
            branch = session.get(Branch, honour.branch_id)
            names.append(branch.name if branch else "")
    return names


def _recommendation_fields(session: Session, honour: Honor) -> tuple[str, list[tuple[str, str]]]:
    data = json.loads(honour.snapshot or "{}")
    if honour.kind == "member":
        return str(data.get("name", "")), [
            ("性别", str(data.get("gender", ""))),
            ("民族", str(data.get("ethnicity", ""))),
            ("出生年月", str(data.get("birth_date") or "")[:7]),
            ("入党时间", str(data.get("joined_on") or "")[:7]),
            ("所在党组织", str(data.get("branch", ""))),
            ("党内职务", str(data.get("post", ""))),
        ]
    branch = session.get(Branch, honour.branch_id)
    assert branch is not None
    members = len(
        list(
            session.exec(
                select(Member.id).where(
                    Member.branch_id == branch.id, col(Member.deleted_at).is_(None)
                )
            )
        )
    )
    return branch.name, [
        ("党组织书记", branch.secretary),
        ("党员人数", f"{members}名"),
        ("所属领域", branch.sector),
        ("成立时间", branch.founded.strftime("%Y年%m月") if branch.founded else ""),
        ("联系电话", branch.phone),
        ("荣誉称号", honour.title),
    ]


def _saved_results(session: Session, rnd: Round) -> evaluation.Results:
    """What was computed and saved (and, later, approved) — never a live recalculation."""
    results = evaluation.stored_results(session, rnd)
    if results is None:
        raise UserError("还没有计算综合评价。请先在“评估材料与评分”里计算综合评价。")
    return results


def notice_facts(
    session: Session,
    *,
    kind: str,
    rnd: Round,
    number: str,
    signed_on: dt.date,
    stage: Stage | None = None,
    honour_id: int | None = None,
) -> NoticeData:
    """The text of a notice of `kind` for the round, from what the database holds."""
    township = require_township(session)
    issuer = issuer_of(township)
    round_name = label(rnd)
    contact = {"contact": township.contact_person, "phone": township.contact_phone}
    today = clock.today()
    if kind == "plan-call":
        return notice_texts.plan_call(
            issuer, number, round_name, rnd.plan_due, signed_on, **contact
        )
    if kind == "reminder":
        overdue_stage, missing = _overdue(session, rnd, today, stage)
        due = {
            Stage.PLAN: rnd.plan_due,
            Stage.REPORT_H2: rnd.report_h2_due,
            Stage.REPORT_H1: rnd.report_h1_due,
            Stage.MATERIALS: rnd.materials_due,
        }[overdue_stage]
        return notice_texts.reminder(
            issuer,
            number,
            round_name,
            stage_title(overdue_stage, rnd.first_year),
            due,
            missing,
            add_working_days(signed_on, 5),
            signed_on,
            **contact,
        )
    if kind == "report-call":
        period = stage or (Stage.REPORT_H2 if today <= rnd.report_h2_due else Stage.REPORT_H1)
        if period not in (Stage.REPORT_H2, Stage.REPORT_H1):
            raise UserError("半年书面汇报只有下半年和上半年两期。")
        due = rnd.report_h2_due if period == Stage.REPORT_H2 else rnd.report_h1_due
        return notice_texts.report_call(
            issuer,
            number,
            round_name,
            stage_title(period, rnd.first_year),
            due,
            signed_on,
            **contact,
        )
    if kind == "schedule":
        start, end = rnd.evaluation_start, rnd.evaluation_end
        span = (end - start).days
        self_end = start + dt.timedelta(days=max(1, span // 4))
        assess_end = self_end + dt.timedelta(days=max(1, span // 2))
        return notice_texts.schedule(
            issuer,
            number,
            round_name,
            signed_on,
            materials_due=rnd.materials_due,
            self_check=(start, self_end),
            assessment=(self_end + dt.timedelta(days=1), assess_end),
            evaluation=(assess_end + dt.timedelta(days=1), end),
            summary_due=end,
        )
    if kind == "announcement":
        results = _saved_results(session, rnd)
        branches = [
            line.branch_name for line in results.lines if line.grade == Grade.ADVANCED.value
        ]
        posted = posted_names(session, rnd)  # the 公示 posts exactly the fixed list
        if posted is not None:
            branches = posted[0]
        if not branches and posted is None:
            raise UserError("还没有综合评价为“先进”的单位，请先在“评估材料与评分”里计算综合评价。")
        announcement = get_announcement(session, rnd)
        start = announcement.starts_on if announcement else signed_on
        end = (
            announcement.ends_on if announcement else add_working_days(start, rnd.announcement_days)
        )
        members = posted[1] if posted else _member_pairs(session, honours(session, rnd))
        return notice_texts.announcement(
            issuer,
            number,
            round_name,
            branches,
            members,
            start,
            end,
            township.contact_phone,
            signed_on,
        )
    if kind == "decision":
        if rnd.approved_at is None:
            raise UserError("评选结果还没有经审批人审批，不能印发表彰决定。")
        granted = [h for h in honours(session, rnd) if h.state != HonourState.REVOKED.value]
        if not granted:
            raise UserError(
                "本年度还没有命名任何先进，不能生成表彰决定。请先在“公示与表彰”里命名。"
            )
        return notice_texts.decision(
            issuer,
            number,
            round_name,
            _branch_names(session, granted),
            _member_pairs(session, granted),
            signed_on,
        )
    if kind == "rectification":
        event = _latest_event(session, rnd, HonourEventKind.ORDER_RECTIFICATION, honour_id)
        branch = session.get(Branch, event.branch_id)
        assert branch is not None and event.deadline is not None
        return notice_texts.rectification(
            issuer, number, round_name, branch.name, [event.reason], event.deadline, signed_on
        )
    if kind == "criticism":
        event = _latest_event(session, rnd, HonourEventKind.CIRCULATE_CRITICISM, honour_id)
        branch = session.get(Branch, event.branch_id)
        honour = session.get(Honor, event.honor_id) if event.honor_id else None
        assert branch is not None
        return notice_texts.criticism(
            issuer,
            number,
            round_name,
            branch.name,
            event.reason,
            honour.title if honour else "",
            signed_on,
        )
    raise UserError(f"不认识的文书类别“{kind}”。可选：{'、'.join(NOTICE_KINDS)}。")


def issue_notice(
    session: Session,
    data_dir: DataDir,
    *,
    actor: Actor,
    first_year: int,
    kind: str,
    signed_on: dt.date | None = None,
    stage: Stage | None = None,
    honour_id: int | None = None,
) -> Notice:
    """Number, write and record one notice (or the 推荐表) of the round."""
    rnd = get_round(session, first_year)
    signed_on = signed_on or clock.today()
    if kind not in NOTICE_KINDS:
        raise UserError(f"不认识的文书类别“{kind}”。可选：{'、'.join(NOTICE_KINDS)}。")
    township = require_township(session)
    if kind == "recommendation":
        return _issue_recommendation(
            session,
            data_dir,
            actor=actor,
            rnd=rnd,
            township=township,
            signed_on=signed_on,
            honour_id=honour_id,
        )
    # The facts are checked before a number is taken, so a refusal does not use one up.
    draft = notice_facts(
        session,
        kind=kind,
        rnd=rnd,
        number="",
        signed_on=signed_on,
        stage=stage,
        honour_id=honour_id,
    )
    # A 公示 is posted, not sent: it carries no 发文字号 (GB/T 9704 documents do).
    notice = register_notice(
        session,
        actor=actor,
        rnd=rnd,
        kind=kind,
        title=draft.title,
        signed_on=signed_on,
        numbered=draft.red_header,
    )
    data = notice_facts(
        session,
        kind=kind,
        rnd=rnd,
        number=notice.number,
        signed_on=signed_on,
        stage=stage,
        honour_id=honour_id,
    )
    path, relative = _output(
        data_dir, signed_on.year, f"{notice.number or KIND_NAMES[kind]}_{data.title}"
    )
    try:
        build_notice(data, issuer_of(township), path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    set_notice_file(session, notice=notice, file_path=relative, sha256=file_sha256(path))
    if kind in ("rectification", "criticism"):
        event_kind = (
            HonourEventKind.ORDER_RECTIFICATION
            if kind == "rectification"
            else HonourEventKind.CIRCULATE_CRITICISM
        )
        event = _latest_event(session, rnd, event_kind, honour_id)
        event.notice_id = notice.id
        session.add(event)
    return notice


def _issue_recommendation(
    session: Session,
    data_dir: DataDir,
    *,
    actor: Actor,
    rnd: Round,
    township: Township,
    signed_on: dt.date,
    honour_id: int | None,
) -> Notice:
    candidates = [
        h
        for h in honours(session, rnd)
        if h.recommended_to and h.state != HonourState.REVOKED.value
    ]
    if honour_id is not None:
        candidates = [h for h in candidates if h.id == honour_id]
    if not candidates:
        raise UserError("还没有向上推荐的对象。请先在“公示与表彰”的荣誉列表里选择“向上推荐”。")
    honour = candidates[0]
    name, fields = _recommendation_fields(session, honour)
    level = honour.recommended_to
    organ = {"县": township.county, "州": township.prefecture, "省": township.province}.get(
        level, ""
    )
    data = notice_texts.recommendation(
        issuer_of(township),
        honour.kind,
        f"{level}级",
        label(rnd),
        name,
        fields,
        honour.deeds or f"{name}在{label(rnd)}创建活动中成绩突出，被镇党委命名为“{honour.title}”。",
        signed_on,
        recipient_organ=f"中共{organ}委组织部" if organ else "",
    )
    return _record(
        session,
        data_dir,
        actor=actor,
        rnd=rnd,
        kind="recommendation",
        title=f"{name}推荐表（{level}级）",
        signed_on=signed_on,
        build=lambda path: build_recommendation_form(data, path),
        numbered=False,
    )


# ------------------------------------------------------------------ certificates and forms


def certificate_data(
    session: Session, first_year: int, honour_ids: list[int] | None = None
) -> list[CertificateData]:
    rnd = get_round(session, first_year)
    issuer = issuer_of(require_township(session))
    chosen = [
        h
        for h in honours(session, rnd)
        if h.state != HonourState.REVOKED.value and (honour_ids is None or h.id in honour_ids)
    ]
    if not chosen:
        raise UserError("没有可以打印证书的荣誉（已撤销的荣誉不能打印证书）。")
    # The branches' names in one query: a batch is hundreds of certificates, and a query each
    # (on the worker that prints them) kept the window waiting for the GIL meanwhile.
    names = dict(
        session.exec(
            select(Branch.id, Branch.name).where(col(Branch.id).in_({h.branch_id for h in chosen}))
        ).all()
    )
    certs = []
    for honour in chosen:
        data = json.loads(honour.snapshot or "{}")
        branch_name = (
            names[honour.branch_id] if honour.branch_id in names else str(data.get("branch", ""))
        )
        certs.append(
            CertificateData(
                number=honour.certificate_number,
                recipient=str(data.get("name", branch_name))
                if honour.kind == "member"
                else branch_name,
                recipient_kind="member" if honour.kind == "member" else "branch",
                branch_name=str(data.get("branch", branch_name))
                if honour.kind == "member"
                else branch_name,
                title=honour.title,
                round_label=label(rnd),
                issuer=issuer,
                issued_on=honour.granted_on,
            )
        )
    return certs


def print_certificates(
    session: Session,
    data_dir: DataDir,
    *,
    actor: Actor,
    first_year: int,
    honour_ids: list[int] | None = None,
    overlay: OverlayCalibration | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Notice:
    """One PDF with a page per certificate, recorded in the registry (no 发文字号)."""
    rnd = get_round(session, first_year)
    certs = certificate_data(session, first_year, honour_ids)
    mode = "套打" if overlay else "完整版式"
    return _record(
        session,
        data_dir,
        actor=actor,
        rnd=rnd,
        kind="certificates",
        title=f"{label(rnd)}荣誉证书{len(certs)}份（{mode}）",
        signed_on=clock.today(),
        build=lambda path: build_certificates(
            certs, path, overlay=overlay, progress=progress, cancelled=cancelled
        ),
        numbered=False,
    )


def print_receipt(
    session: Session, data_dir: DataDir, *, actor: Actor, stage: Stage, receipt_id: int
) -> Notice:
    """签收单 for one item a branch handed in."""
    slip = intake.receipt_slip(session, stage, receipt_id)
    row = session.get(intake._model(stage), receipt_id)
    assert row is not None
    enrollment = session.get(Enrollment, row.enrollment_id)
    assert enrollment is not None
    rnd = session.get(Round, enrollment.round_id)
    data = ReceiptData(**dataclasses.asdict(slip))
    return _record(
        session,
        data_dir,
        actor=actor,
        rnd=rnd,
        kind="receipt",
        title=f"{slip.number}_{slip.branch_name}_{slip.item_name}",
        signed_on=clock.today(),
        build=lambda path: build_receipt(data, path),
        numbered=False,
    )


def print_score_sheets(
    session: Session,
    data_dir: DataDir,
    *,
    actor: Actor,
    first_year: int,
    assessor_ids: list[int] | None = None,
) -> Notice:
    """Blank 统一考核评分表: for each assessor a page per branch he may score (recusal respected)."""
    rnd = get_round(session, first_year)
    township = require_township(session)
    items = [
        ScoreItem(i.code, i.name, i.points, i.area_name, i.description)
        for i in rubric(session, rnd)
    ]
    assessors = [
        a
        for a in evaluation.list_assessors(session, rnd)
        if assessor_ids is None or a.id in assessor_ids
    ]
    if not assessors:
        raise UserError("考核组还没有成员。请先在“评估材料与评分”的“考核组”里添加。")
    branches = [b for _, b in enrolled_branches(session, rnd)]
    if not branches:
        raise UserError("本年度还没有申报的党组织。")
    sheets = [
        ScoreSheetData(
            round_label=label(rnd),
            assessor_name=a.name,
            branches=[b.name for b in branches if evaluation.recusal_reason(session, a, b) is None],
            items=items,
            organ=township.organ,
        )
        for a in assessors
    ]
    return _record(
        session,
        data_dir,
        actor=actor,
        rnd=rnd,
        kind="score-sheets",
        title=f"{label(rnd)}统一考核评分表",
        signed_on=clock.today(),
        build=lambda path: build_score_sheets(sheets, path),
        numbered=False,
    )


def print_results_table(
    session: Session, data_dir: DataDir, *, actor: Actor, first_year: int
) -> Notice:
    rnd = get_round(session, first_year)
    township = require_township(session)
    results = _saved_results(session, rnd)
    rows = [
        ResultRow(
            rank=line.rank,
            branch_name=line.branch_name,
            sector=line.sector,
            self_check=line.self_total,
            assessment=line.assessment_total,
            combined=line.combined,
            vetoes="、".join(line.vetoes),
            grade=line.grade_name,
            remark=line.reason,
        )
        for line in results.lines
    ]
    weights = (
        f"综合得分＝自检自查×{(rnd.self_weight * 100).normalize()}%＋"
        f"统一考核×{(rnd.assessment_weight * 100).normalize()}%；先进名额{results.quota}个"
    )
    data = ResultsTableData(
        round_label=label(rnd),
        organ=township.organ,
        rows=rows,
        prepared_on=clock.today(),
        prepared_by=actor.name,
        weights_note=weights,
    )
    return _record(
        session,
        data_dir,
        actor=actor,
        rnd=rnd,
        kind="results",
        title=f"{label(rnd)}综合评价汇总表",
        signed_on=clock.today(),
        build=lambda path: build_results_table(data, path),
        numbered=False,
    )


def print_work_summary(
    session: Session, data_dir: DataDir, *, actor: Actor, first_year: int
) -> Notice:
    rnd = get_round(session, first_year)
    township = require_township(session)
    text = rnd.work_summary or evaluation.draft_work_summary(session, rnd)
    data = WorkSummaryData(
        title=f"{township.organ}{label(rnd)}创建基层党组织建设先进单位工作总结",
        paragraphs=[p.strip() for p in text.split("\n") if p.strip()],
        organ=township.organ,
        signed_on=clock.today(),
    )
    return _record(
        session,
        data_dir,
        actor=actor,
        rnd=rnd,
        kind="work-summary",
        title=f"{label(rnd)}工作总结",
        signed_on=clock.today(),
        build=lambda path: build_work_summary(data, path),
        numbered=False,
    )


def issued_documents(session: Session, rnd: Round | None) -> list[Notice]:
    query = select(Notice).order_by(col(Notice.created_at).desc())
    if rnd is not None:
        query = query.where(Notice.round_id == rnd.id)
    return list(session.exec(query))


OVERLAY_KEY = "overlay:"


def printers_with_calibration(session: Session) -> list[str]:
    rows = session.exec(select(Setting.key).where(col(Setting.key).startswith(OVERLAY_KEY)))
    return [key[len(OVERLAY_KEY) :] for key in rows]


def get_overlay(session: Session, printer: str = "默认打印机") -> OverlayCalibration:
    """The 套打 positions and offsets saved for a printer (the defaults when none are saved)."""
    row = session.get(Setting, OVERLAY_KEY + printer)
    if row is None:
        return OverlayCalibration()
    return OverlayCalibration.from_dict(json.loads(row.value))


def save_overlay(
    session: Session, *, actor: Actor, calibration: OverlayCalibration, printer: str = "默认打印机"
) -> OverlayCalibration:
    for name in ("offset_x_mm", "offset_y_mm"):
        if abs(getattr(calibration, name)) > 50:
            raise UserError("偏移量超过5厘米，请检查校准页量出的数字（单位是毫米）。")
    if not (50 <= calibration.paper_width_mm <= 600 and 50 <= calibration.paper_height_mm <= 600):
        raise UserError("纸张尺寸不对，请按毫米填写证书纸的宽和高。")
    key = OVERLAY_KEY + printer
    row = session.get(Setting, key)
    old = json.loads(row.value) if row else None
    value = json.dumps(calibration.as_dict(), ensure_ascii=False, sort_keys=True)
    if row is None:
        row = Setting(key=key, value=value)
    else:
        row.value = value
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor.name,
        action="update",
        object_type="setting",
        object_id=None,
        summary=f"保存打印机“{printer}”的证书套打位置",
        old=old,
        new=calibration.as_dict(),
    )
    return calibration
