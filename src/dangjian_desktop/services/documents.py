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

from sqlalchemy import func
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.documents import notice_texts
from dangjian_desktop.documents.certificates import build_certificates, check_overlay
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
)
from dangjian_desktop.domain.honours import HonourEventKind, HonourState
from dangjian_desktop.domain.numbers import weight_percent
from dangjian_desktop.domain.scoring import Grade
from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import evaluation, intake
from dangjian_desktop.services.commendation import honours
from dangjian_desktop.services.common import Actor, get_round, ident, label, log
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
    NoticeDraft,
    ProgressReport,
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
        organ_mark=township.organ_mark,
        office_mark=township.office_mark,
        office_prefix=township.office_prefix,
        office_signature=township.office_signature,
        office_letter=township.office_letter,
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
    for candidate in (stage,) if stage else _past_intake_stages(rnd, today):
        assert candidate is not None
        missing = [
            line.branch_name
            for line in intake.intake_lines(session, rnd, candidate, today)
            if line.timeliness == Timeliness.MISSING
        ]
        if missing:
            return candidate, missing
    raise UserError("目前没有逾期未报的党组织，不需要发催报通知。")


def _past_intake_stages(rnd: Round, today: dt.date) -> list[Stage]:
    """Hand-in stages whose date has passed, the latest first (a reminder is about the one the
    office is waiting for now, not about a plan overdue since last year)."""
    return [stage for stage in reversed(INTAKE_STAGES) if _due(rnd, stage) < today]


def _due(rnd: Round, stage: Stage) -> dt.date:
    return {
        Stage.PLAN: rnd.plan_due,
        Stage.REPORT_H2: rnd.report_h2_due,
        Stage.REPORT_H1: rnd.report_h1_due,
        Stage.MATERIALS: rnd.materials_due,
    }[stage]


def _report_period(rnd: Round, stage: Stage | None, today: dt.date) -> Stage:
    period = stage or (Stage.REPORT_H2 if today <= rnd.report_h2_due else Stage.REPORT_H1)
    if period not in (Stage.REPORT_H2, Stage.REPORT_H1):
        raise UserError("半年书面汇报只有下半年和上半年两期。")
    return period


def resolve_stage(session: Session, rnd: Round, kind: str, stage: Stage | None) -> Stage | None:
    """The stage a reminder or a report call is about (the one asked for, else today's)."""
    today = clock.today()
    if kind == "reminder":
        return stage or _overdue(session, rnd, today, None)[0]
    if kind == "report-call":
        return _report_period(rnd, stage, today)
    return None


def _signing_window(
    session: Session, rnd: Round, kind: str, stage: Stage | None, honour_id: int | None
) -> tuple[dt.date, dt.date]:
    """When a notice of `kind` is naturally signed in the round: (earliest, latest)."""
    if kind == "plan-call":
        return rnd.opens, rnd.plan_due - dt.timedelta(days=7)
    if kind == "report-call" and stage is not None:
        due = _due(rnd, stage)
        return due - dt.timedelta(days=30), due - dt.timedelta(days=7)
    if kind == "reminder" and stage is not None:
        due = _due(rnd, stage)
        return due + dt.timedelta(days=1), due + dt.timedelta(days=20)
    if kind == "schedule":
        return rnd.materials_due - dt.timedelta(days=15), rnd.evaluation_start
    if kind == "announcement":
        announcement = get_announcement(session, rnd)
        if announcement is not None:
            return announcement.starts_on, announcement.starts_on
        return rnd.evaluation_end + dt.timedelta(days=1), rnd.naming_end
    if kind == "decision":
        approved = rnd.approved_at.date() if rnd.approved_at else rnd.naming_end
        return approved, max(approved, rnd.commendation_due)
    if kind in ("rectification", "criticism"):
        event_kind = (
            HonourEventKind.ORDER_RECTIFICATION
            if kind == "rectification"
            else HonourEventKind.CIRCULATE_CRITICISM
        )
        happened = _latest_event(session, rnd, event_kind, honour_id).happened_on
        return happened, happened + dt.timedelta(days=30)
    today = clock.today()
    return today, today


def default_signed_on(
    session: Session, rnd: Round, kind: str, stage: Stage | None, honour_id: int | None = None
) -> dt.date:
    """The 成文日期 offered for a notice: today while the stage is under way (or still ahead),
    else the stage's own date — never today for a stage that is long past."""
    start, end = _signing_window(session, rnd, kind, stage, honour_id)
    today = clock.today()
    if today > end:
        return start
    return today


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


def _year_month(iso: object) -> str:
    """'1988-04-12' -> '1988年4月' (no leading zero, as a form is filled in by hand)."""
    text = str(iso or "")
    if len(text) < 7 or not text[:4].isdigit() or not text[5:7].isdigit():
        return text
    return f"{text[:4]}年{int(text[5:7])}月"


def _recommendation_fields(session: Session, honour: Honor) -> tuple[str, list[tuple[str, str]]]:
    data = json.loads(honour.snapshot or "{}")
    if honour.kind == "member":
        return str(data.get("name", "")), [
            ("性别", str(data.get("gender", ""))),
            ("民族", str(data.get("ethnicity", ""))),
            ("出生年月", _year_month(data.get("birth_date"))),
            ("入党时间", _year_month(data.get("joined_on"))),
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
        ("成立时间", _year_month(branch.founded.isoformat() if branch.founded else None)),
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
        # who was missing on the day the reminder is signed, not on the day it is printed
        overdue_stage, missing = _overdue(session, rnd, signed_on, stage)
        return notice_texts.reminder(
            issuer,
            number,
            round_name,
            rnd.first_year,
            overdue_stage,
            _due(rnd, overdue_stage),
            missing,
            add_working_days(signed_on, 5),
            signed_on,
            **contact,
        )
    if kind == "report-call":
        period = _report_period(rnd, stage, today)
        return notice_texts.report_call(
            issuer,
            number,
            round_name,
            notice_texts.half_year(period, rnd.first_year),
            _due(rnd, period),
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


@dataclasses.dataclass(frozen=True)
class DraftView:
    """A notice as it would be issued now: its text (the clerk's edit, if any) and 成文日期."""

    kind: str
    stage: Stage | None
    honour_id: int | None
    title: str
    paragraphs: tuple[str, ...]
    signed_on: dt.date
    edited: bool  # the text was edited and saved in the program
    organ_name: str  # who issues it (版头 and 署名)
    numbered: bool  # 印发 takes a 发文字号 (a 公示 takes none)


def _draft_row(
    session: Session, rnd: Round, kind: str, stage: Stage | None, honour_id: int | None
) -> NoticeDraft | None:
    query = select(NoticeDraft).where(
        NoticeDraft.round_id == rnd.id,
        NoticeDraft.kind == kind,
        NoticeDraft.stage == (stage.value if stage else ""),
    )
    if honour_id is None:
        query = query.where(col(NoticeDraft.honour_id).is_(None))
    else:
        query = query.where(NoticeDraft.honour_id == honour_id)
    return session.exec(query).first()


def _check_kind(kind: str) -> None:
    if kind not in NOTICE_KINDS or kind == "recommendation":
        raise UserError(f"不认识的文书类别“{kind}”。可选：{'、'.join(NOTICE_KINDS[:-1])}。")


def _compose(
    session: Session,
    rnd: Round,
    *,
    kind: str,
    stage: Stage | None,
    honour_id: int | None,
    signed_on: dt.date | None,
    number: str = "",
) -> tuple[NoticeData, bool]:
    """The notice's data: generated from the database, with the saved draft's text and date
    (or `signed_on` when given). Returns (data, edited)."""
    row = _draft_row(session, rnd, kind, stage, honour_id)
    day = signed_on or (row.signed_on if row else None)
    day = day or default_signed_on(session, rnd, kind, stage, honour_id)
    data = notice_facts(
        session,
        kind=kind,
        rnd=rnd,
        number=number,
        signed_on=day,
        stage=stage,
        honour_id=honour_id,
    )
    if row is not None and row.body:
        paragraphs = json.loads(row.body)
        return dataclasses.replace(data, paragraphs=tuple(paragraphs)), True
    return data, False


def draft_notice(
    session: Session,
    *,
    first_year: int,
    kind: str,
    stage: Stage | None = None,
    honour_id: int | None = None,
) -> DraftView:
    """What 印发 would print now: the saved draft, else the text written from the facts."""
    _check_kind(kind)
    rnd = get_round(session, first_year)
    stage = resolve_stage(session, rnd, kind, stage)
    data, edited = _compose(
        session, rnd, kind=kind, stage=stage, honour_id=honour_id, signed_on=None
    )
    organ = issuer_of(require_township(session)).organ_of(data.issued_by)
    return DraftView(
        kind=kind,
        stage=stage,
        honour_id=honour_id,
        title=data.title,
        paragraphs=tuple(data.paragraphs),
        signed_on=data.signed_on,
        edited=edited,
        organ_name=organ.signature,
        numbered=data.red_header,
    )


def save_draft(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    kind: str,
    stage: Stage | None = None,
    honour_id: int | None = None,
    signed_on: dt.date,
    paragraphs: list[str] | None = None,
) -> DraftView:
    """Keep the clerk's 成文日期 and (when given) edited body text until the notice is issued.
    `paragraphs=None` keeps the text written from the facts (only the date is saved)."""
    _check_kind(kind)
    rnd = get_round(session, first_year)
    stage = resolve_stage(session, rnd, kind, stage)
    if paragraphs is not None:
        paragraphs = [p.strip() for p in paragraphs if p.strip()]
        if not paragraphs:
            raise UserError("正文不能为空。请填写正文，或点“恢复原文”。")
        generated = notice_facts(
            session,
            kind=kind,
            rnd=rnd,
            number="",
            signed_on=signed_on,
            stage=stage,
            honour_id=honour_id,
        )
        if paragraphs == list(generated.paragraphs):
            paragraphs = None  # unchanged: the text follows the facts again
    if signed_on.year < rnd.first_year - 1 or signed_on.year > rnd.first_year + 2:
        raise UserError(f"成文日期{arabic_date(signed_on)}不在{label(rnd)}前后，请检查年份。")
    row = _draft_row(session, rnd, kind, stage, honour_id)
    old = {"signed_on": row.signed_on.isoformat(), "body": row.body} if row else None
    body = json.dumps(paragraphs, ensure_ascii=False) if paragraphs is not None else ""
    if row is None:
        row = NoticeDraft(
            round_id=ident(rnd),
            kind=kind,
            stage=stage.value if stage else "",
            honour_id=honour_id,
            signed_on=signed_on,
            title="",
            body=body,
            updated_at=clock.now(),
        )
    row.signed_on = signed_on
    row.body = body
    row.updated_at = clock.now()
    data, _ = _compose(
        session, rnd, kind=kind, stage=stage, honour_id=honour_id, signed_on=signed_on
    )
    row.title = data.title
    session.add(row)
    session.flush()
    log(
        session,
        actor,
        "update",
        row,
        f"保存{KIND_NAMES[kind]}样稿：{data.title}（成文日期{arabic_date(signed_on)}"
        + ("，正文已修改）" if body else "）"),
        old=old,
        new={"signed_on": signed_on.isoformat(), "body": body},
    )
    return draft_notice(session, first_year=first_year, kind=kind, stage=stage, honour_id=honour_id)


def discard_draft(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    kind: str,
    stage: Stage | None = None,
    honour_id: int | None = None,
) -> None:
    """Forget the edited text and date: the notice is written from the facts again."""
    rnd = get_round(session, first_year)
    stage = resolve_stage(session, rnd, kind, stage)
    row = _draft_row(session, rnd, kind, stage, honour_id)
    if row is None:
        return
    log(
        session,
        actor,
        "delete",
        row,
        f"放弃{KIND_NAMES[kind]}样稿的修改：{row.title}",
        old={"signed_on": row.signed_on.isoformat(), "body": row.body},
    )
    session.delete(row)
    session.flush()


def preview_notice(
    session: Session,
    data_dir: DataDir,
    *,
    first_year: int,
    kind: str,
    stage: Stage | None = None,
    honour_id: int | None = None,
) -> Path:
    """The notice as a 样稿 PDF (watermarked, no 发文字号 taken, nothing recorded), written to
    the data folder's 样稿 folder and replaced on every preview."""
    _check_kind(kind)
    rnd = get_round(session, first_year)
    stage = resolve_stage(session, rnd, kind, stage)
    township = require_township(session)
    data, _ = _compose(session, rnd, kind=kind, stage=stage, honour_id=honour_id, signed_on=None)
    issuer = issuer_of(township)
    organ = issuer.organ_of(data.issued_by)
    placeholder = f"{organ.prefix}〔{data.signed_on.year}〕　号" if data.red_header else ""
    data = dataclasses.replace(data, number=placeholder, draft=True)
    folder = data_dir.documents / "样稿"
    folder.mkdir(parents=True, exist_ok=True)
    return build_notice(
        data, issuer, folder / _file_name(f"样稿_{KIND_NAMES[kind]}_{rnd.first_year}")
    )


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
    """印发: take the next 发文字号 of the issuing organ, write the PDF with the draft's text and
    成文日期 (or `signed_on`), record it with its text, and drop the draft. The 推荐表 too."""
    rnd = get_round(session, first_year)
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
            signed_on=signed_on or clock.today(),
            honour_id=honour_id,
        )
    stage = resolve_stage(session, rnd, kind, stage)
    issuer = issuer_of(township)
    # The facts are checked before a number is taken, so a refusal does not use one up.
    draft, _ = _compose(
        session, rnd, kind=kind, stage=stage, honour_id=honour_id, signed_on=signed_on
    )
    organ = issuer.organ_of(draft.issued_by)
    # A 公示 is posted, not sent: it carries no 发文字号 (GB/T 9704 documents do).
    notice = register_notice(
        session,
        actor=actor,
        rnd=rnd,
        kind=kind,
        title=draft.title,
        signed_on=draft.signed_on,
        numbered=draft.red_header,
        prefix=organ.prefix,
        body=json.dumps(list(draft.paragraphs), ensure_ascii=False),
    )
    data = dataclasses.replace(draft, number=notice.number)
    path, relative = _output(
        data_dir, data.signed_on.year, f"{notice.number or KIND_NAMES[kind]}_{data.title}"
    )
    try:
        build_notice(data, issuer, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    set_notice_file(session, notice=notice, file_path=relative, sha256=file_sha256(path))
    row = _draft_row(session, rnd, kind, stage, honour_id)
    if row is not None:
        session.delete(row)
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


def reprint_path(session: Session, data_dir: DataDir, *, notice_id: int) -> Path:
    """The issued document to print again: the very file that was issued, same number and text.
    A file that is missing or was changed behind the program's back is refused, not rebuilt."""
    notice = session.get(Notice, notice_id)
    if notice is None or not notice.file_path:
        raise UserError("找不到这份文书的记录。请刷新文书登记后再试。")
    path = data_dir.root / notice.file_path
    if not path.is_file():
        raise UserError(f"文书文件不见了：{path}。请从备份中恢复数据文件夹。")
    if notice.sha256 and file_sha256(path) != notice.sha256:
        raise UserError(
            f"文书文件“{path.name}”与印发时不一致，可能被改动过。请从备份中恢复，不要打印这份文件。"
        )
    return path


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


def overlay_problems(
    session: Session,
    *,
    first_year: int,
    calibration: OverlayCalibration,
    honour_ids: list[int] | None = None,
) -> list[str]:
    """What would print off the certificate paper with these positions (empty: all fits)."""
    return check_overlay(certificate_data(session, first_year, honour_ids), calibration)


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


SLIP_CODES = {
    Stage.PLAN: "方案",
    Stage.REPORT_H2: "下半年汇报",
    Stage.REPORT_H1: "上半年汇报",
    Stage.MATERIALS: "材料",
}
# 份数 as the notices ask for them (the plan call: 纸质版一式两份; the others one copy).
PAPER_COPIES = {
    Stage.PLAN: "纸质版一式两份",
    Stage.REPORT_H2: "纸质版一份",
    Stage.REPORT_H1: "纸质版一份",
    Stage.MATERIALS: "纸质版一套",
}


def receipt_number(session: Session, stage: Stage, receipt_id: int) -> str:
    """签收编号: the round's year, the stage, and the receipt's place among the stage's receipts
    of that round, from 1 (2026方案001). Undone receipts keep their place, so a number printed
    once never moves to another slip."""
    model = intake._model(stage)
    row = session.get(model, receipt_id)
    if row is None:
        raise UserError("找不到这条登记记录，它可能已被撤销。请刷新后再试。")
    enrollment = session.get(Enrollment, row.enrollment_id)
    assert enrollment is not None
    rnd = session.get(Round, enrollment.round_id)
    assert rnd is not None
    query = (
        select(func.count())
        .select_from(model)
        .join(Enrollment, col(Enrollment.id) == col(model.enrollment_id))
        .where(Enrollment.round_id == rnd.id, col(model.id) <= receipt_id)
    )
    if model is ProgressReport:
        query = query.where(ProgressReport.period == stage.value)
    place = int(session.exec(query).one())
    return f"{rnd.first_year}{SLIP_CODES[stage]}{place:03d}"


def print_receipt(
    session: Session, data_dir: DataDir, *, actor: Actor, stage: Stage, receipt_id: int
) -> Notice:
    """签收单 for one item a branch handed in: numbered per round and stage, 份数 filled in."""
    slip = intake.receipt_slip(session, stage, receipt_id)
    row = session.get(intake._model(stage), receipt_id)
    assert row is not None
    enrollment = session.get(Enrollment, row.enrollment_id)
    assert enrollment is not None
    rnd = session.get(Round, enrollment.round_id)
    number = receipt_number(session, stage, receipt_id)
    copies = PAPER_COPIES[stage] if "纸质" in slip.form else "电子文档一份"
    if "纸质" in slip.form and "电子" in slip.form:
        copies += "，电子文档一份"
    data = ReceiptData(**{**dataclasses.asdict(slip), "number": number, "copies": copies})
    return _record(
        session,
        data_dir,
        actor=actor,
        rnd=rnd,
        kind="receipt",
        title=f"{number}_{slip.branch_name}_{slip.item_name}",
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
    # the file says whose sheets they are when they are one assessor's
    who = f"（{assessors[0].name}）" if assessor_ids is not None and len(assessors) == 1 else ""
    return _record(
        session,
        data_dir,
        actor=actor,
        rnd=rnd,
        kind="score-sheets",
        title=f"{label(rnd)}统一考核评分表{who}",
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
        f"综合得分＝自检自查×{weight_percent(rnd.self_weight)}＋"
        f"统一考核×{weight_percent(rnd.assessment_weight)}；先进名额{results.quota}个"
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
    session: Session, data_dir: DataDir, *, actor: Actor, first_year: int, text: str | None = None
) -> Notice:
    """The round's 工作总结: `text` as the clerk has it in the editor, else the saved one, else
    a first draft from the figures."""
    rnd = get_round(session, first_year)
    township = require_township(session)
    text = (text or "").strip() or rnd.work_summary or evaluation.draft_work_summary(session, rnd)
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


# ------------------------------------------------------------------ issuing organs

ORGAN_FIELDS = ("organ_mark", "office_mark", "office_prefix", "office_signature", "office_letter")


def issuing_organs(session: Session) -> Issuer:
    """The committee and its office as they appear on paper (defaults filled in)."""
    return issuer_of(require_township(session))


def save_issuing_organs(
    session: Session,
    *,
    actor: Actor,
    organ_mark: str,
    office_mark: str,
    office_prefix: str,
    office_signature: str,
    office_letter: bool,
) -> Issuer:
    """The two organs' 发文机关标志, the office's 代字 and 署名, and whether the office writes in
    the 信函格式. Empty texts mean the defaults made from the township's names."""
    township = require_township(session)
    values: dict[str, str | bool] = {
        "organ_mark": organ_mark.strip(),
        "office_mark": office_mark.strip(),
        "office_prefix": office_prefix.strip(),
        "office_signature": office_signature.strip(),
        "office_letter": office_letter,
    }
    for name, what in (
        ("organ_mark", "镇党委的发文机关标志"),
        ("office_mark", "办公室的发文机关标志"),
    ):
        text = str(values[name])
        if len(text) > 30:
            raise UserError(
                f"{what}太长（{len(text)}个字），一行排不下。请用规范化简称，不超过30个字。"
            )
    prefix = str(values["office_prefix"])
    if prefix and (len(prefix) > 8 or any(c in prefix for c in "〔〕[]()（）0123456789 ")):
        raise UserError("办公室的机关代字只写代字本身，如“石党创办”，不带年份、括号和序号。")
    if prefix and prefix == township.doc_prefix:
        raise UserError(
            f"办公室的机关代字不能与镇党委的“{township.doc_prefix}”相同，否则两个机关的文号会混在一起。"
        )
    old = {name: getattr(township, name) for name in ORGAN_FIELDS}
    if old == values:
        return issuer_of(township)
    for name, value in values.items():
        setattr(township, name, value)
    session.add(township)
    log(session, actor, "update", township, "修改发文机关（版头、代字、署名）", old=old, new=values)
    return issuer_of(township)
