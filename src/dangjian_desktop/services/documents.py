"""Issuing documents: gather the facts, take a 发文字号, build the PDF, record it in the registry.

Notices take the next number of the township's sequence in the same transaction that records
them, so a number is never used twice and never lost to a half-written file. Forms (签收单, score
sheets, the results table, the work summary) and certificate batches carry no number.

The facts a notice is written from are gathered in `notice_facts`, the forms and certificates are
made in `document_forms`, and every file is written and recorded by `document_output`; this module
names them all, so the window and the command line call one documents service.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.documents import notice_texts
from dangjian_desktop.documents.data import Issuer, NoticeData
from dangjian_desktop.domain.calendar import Stage
from dangjian_desktop.domain.honours import HonourEventKind, HonourState
from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.commendation import honours
from dangjian_desktop.services.common import Actor, find_round, get_round, ident, label, log
from dangjian_desktop.services.document_forms import (
    OVERLAY_KEY,
    PAPER_COPIES,
    SLIP_CODES,
    certificate_data,
    get_overlay,
    overlay_problems,
    print_calibration_page,
    print_certificates,
    print_receipt,
    print_results_table,
    print_score_sheets,
    print_work_summary,
    printers_with_calibration,
    receipt_number,
    save_overlay,
)
from dangjian_desktop.services.document_output import (
    Progress,
    file_name,
    issuer_of,
    output_path,
    record_document,
)
from dangjian_desktop.services.notice_facts import (
    NOTICE_KINDS,
    default_signed_on,
    latest_event,
    notice_facts,
    recommendation_fields,
    resolve_stage,
)
from dangjian_desktop.services.notices import (
    KIND_NAMES,
    NoticeInfo,
    notice_info,
    register_notice,
    set_notice_file,
)
from dangjian_desktop.services.township import require_township
from dangjian_desktop.store.attachments import file_sha256
from dangjian_desktop.store.models import Notice, NoticeDraft, Round, Township

# The forms live in document_forms; they are named here too so the GUI and the CLI call one
# documents service.
__all__ = [
    "NOTICE_KINDS",
    "OVERLAY_KEY",
    "PAPER_COPIES",
    "SLIP_CODES",
    "DraftView",
    "NoticeInfo",
    "Progress",
    "certificate_data",
    "default_signed_on",
    "discard_draft",
    "draft_notice",
    "get_overlay",
    "issue_notice",
    "issued_documents",
    "issuer_of",
    "issuing_organs",
    "notice_facts",
    "overlay_problems",
    "preview_notice",
    "print_calibration_page",
    "print_certificates",
    "print_receipt",
    "print_results_table",
    "print_score_sheets",
    "print_work_summary",
    "printers_with_calibration",
    "receipt_number",
    "reprint_path",
    "resolve_stage",
    "save_draft",
    "save_issuing_organs",
    "save_overlay",
]


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
    from dangjian_desktop.documents.notices import build_notice  # reportlab: when a PDF is made

    return build_notice(
        data, issuer, folder / file_name(f"样稿_{KIND_NAMES[kind]}_{rnd.first_year}")
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
) -> NoticeInfo:
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
    path, relative = output_path(
        data_dir, data.signed_on.year, f"{notice.number or KIND_NAMES[kind]}_{data.title}"
    )
    from dangjian_desktop.documents.notices import build_notice  # reportlab: when a PDF is made

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
        event = latest_event(session, rnd, event_kind, honour_id)
        event.notice_id = notice.id
        session.add(event)
    session.flush()
    return notice_info(notice)


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
) -> NoticeInfo:
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
    name, fields = recommendation_fields(session, honour)
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
    from dangjian_desktop.documents.forms import build_recommendation_form  # reportlab

    return record_document(
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


def issued_documents(session: Session, first_year: int | None) -> list[NoticeInfo]:
    """The documents of the round of that first year (none when there is no such round), or
    of every round when first_year is None; newest first."""
    query = select(Notice).order_by(col(Notice.created_at).desc())
    if first_year is not None:
        rnd = find_round(session, first_year)
        if rnd is None:
            return []
        query = query.where(Notice.round_id == rnd.id)
    return [notice_info(notice) for notice in session.exec(query)]


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
