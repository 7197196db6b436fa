"""Documents that are not notices: certificates (完整版式 or 套打), 签收单, the blank score sheets,
the 综合评价汇总表 and the 工作总结 — built, recorded in the registry without a 发文字号, audited —
and the 套打 positions saved per printer.

The builders (documents/certificates.py, documents/forms.py) are imported where a PDF is made:
they bring reportlab, which the window need not load before the clerk makes a document.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.documents.data import (
    CertificateData,
    OverlayCalibration,
    ReceiptData,
    ResultRow,
    ResultsTableData,
    ScoreItem,
    ScoreSheetData,
    WorkSummaryData,
)
from dangjian_desktop.domain.calendar import Stage
from dangjian_desktop.domain.honours import HonourKind, HonourState
from dangjian_desktop.domain.numbers import weight_percent
from dangjian_desktop.domain.scoring import TRIM_RULE
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import evaluation, intake
from dangjian_desktop.services.commendation import honours
from dangjian_desktop.services.common import Actor, get_round, label, put_setting
from dangjian_desktop.services.document_output import (
    Progress,
    file_name,
    issuer_of,
    record_document,
)
from dangjian_desktop.services.enrolment import enrolled_branches
from dangjian_desktop.services.notices import NoticeInfo
from dangjian_desktop.services.rounds import rubric
from dangjian_desktop.services.township import require_township
from dangjian_desktop.store import audit
from dangjian_desktop.store.models import (
    Branch,
    Enrolment,
    ProgressReport,
    Round,
    Setting,
)


def saved_results(session: Session, rnd: Round) -> evaluation.Results:
    """What was computed and saved (and, later, approved) — never a live recalculation."""
    results = evaluation.stored_results(session, rnd)
    if results is None:
        raise UserError("还没有计算综合评价。请先在“评估材料与评分”里计算综合评价。")
    return results


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
                if honour.kind == HonourKind.MEMBER
                else branch_name,
                recipient_kind="member" if honour.kind == HonourKind.MEMBER else "branch",
                branch_name=str(data.get("branch", branch_name))
                if honour.kind == HonourKind.MEMBER
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
    from dangjian_desktop.documents.certificates import check_overlay

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
) -> NoticeInfo:
    """One PDF with a page per certificate, recorded in the registry (no 发文字号)."""
    rnd = get_round(session, first_year)
    certs = certificate_data(session, first_year, honour_ids)
    mode = "套打" if overlay else "完整版式"
    from dangjian_desktop.documents.certificates import build_certificates

    return _record_form(
        session,
        data_dir,
        actor,
        rnd,
        "certificates",
        f"{label(rnd)}荣誉证书{len(certs)}份（{mode}）",
        lambda path: build_certificates(
            certs, path, overlay=overlay, progress=progress, cancelled=cancelled
        ),
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


def _record_form(
    session: Session,
    data_dir: DataDir,
    actor: Actor,
    rnd: Round,
    kind: str,
    title: str,
    build: Callable[[Path], Path],
) -> NoticeInfo:
    """Build a form and record it in the registry, dated today and without a 发文字号."""
    return record_document(
        session,
        data_dir,
        actor=actor,
        rnd=rnd,
        kind=kind,
        title=title,
        signed_on=clock.today(),
        build=build,
        numbered=False,
    )


def _receipt_round(session: Session, stage: Stage, receipt_id: int) -> Round:
    """The round of the branch that handed in receipt `receipt_id` of `stage`."""
    row = session.get(intake._model(stage), receipt_id)
    if row is None:
        raise UserError("找不到这条登记记录，它可能已被撤销。请刷新后再试。")
    enrolment = session.get(Enrolment, row.enrollment_id)
    assert enrolment is not None
    rnd = session.get(Round, enrolment.round_id)
    assert rnd is not None
    return rnd


def receipt_number(session: Session, stage: Stage, receipt_id: int) -> str:
    """签收编号: the round's year, the stage, and the receipt's place among the stage's receipts
    of that round, from 1 (2026方案001). Undone receipts keep their place, so a number printed
    once never moves to another slip."""
    model = intake._model(stage)
    rnd = _receipt_round(session, stage, receipt_id)
    query = (
        select(func.count())
        .select_from(model)
        .join(Enrolment, col(Enrolment.id) == col(model.enrollment_id))
        .where(Enrolment.round_id == rnd.id, col(model.id) <= receipt_id)
    )
    if model is ProgressReport:
        query = query.where(ProgressReport.period == stage.value)
    place = int(session.exec(query).one())
    return f"{rnd.first_year}{SLIP_CODES[stage]}{place:03d}"


def print_receipt(
    session: Session, data_dir: DataDir, *, actor: Actor, stage: Stage, receipt_id: int
) -> NoticeInfo:
    """签收单 for one item a branch handed in: numbered per round and stage, 份数 filled in."""
    slip = intake.receipt_slip(session, stage, receipt_id)
    rnd = _receipt_round(session, stage, receipt_id)
    number = receipt_number(session, stage, receipt_id)
    copies = PAPER_COPIES[stage] if "纸质" in slip.form else "电子文档一份"
    if "纸质" in slip.form and "电子" in slip.form:
        copies += "，电子文档一份"
    data = ReceiptData(**{**dataclasses.asdict(slip), "number": number, "copies": copies})
    from dangjian_desktop.documents.forms import build_receipt

    return _record_form(
        session,
        data_dir,
        actor,
        rnd,
        "receipt",
        f"{number}_{slip.branch_name}_{slip.item_name}",
        lambda path: build_receipt(data, path),
    )


def print_score_sheets(
    session: Session,
    data_dir: DataDir,
    *,
    actor: Actor,
    first_year: int,
    assessor_ids: list[int] | None = None,
) -> NoticeInfo:
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
    from dangjian_desktop.documents.forms import build_score_sheets

    return _record_form(
        session,
        data_dir,
        actor,
        rnd,
        "score-sheets",
        f"{label(rnd)}统一考核评分表{who}",
        lambda path: build_score_sheets(sheets, path),
    )


def print_results_table(
    session: Session, data_dir: DataDir, *, actor: Actor, first_year: int
) -> NoticeInfo:
    rnd = get_round(session, first_year)
    township = require_township(session)
    results = saved_results(session, rnd)
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
        f"统一考核×{weight_percent(rnd.assessment_weight)}；先进名额{results.quota}个。" + TRIM_RULE
    )
    data = ResultsTableData(
        round_label=label(rnd),
        organ=township.organ,
        rows=rows,
        prepared_on=clock.today(),
        prepared_by=actor.name,
        weights_note=weights,
    )
    from dangjian_desktop.documents.forms import build_results_table

    return _record_form(
        session,
        data_dir,
        actor,
        rnd,
        "results",
        f"{label(rnd)}综合评价汇总表",
        lambda path: build_results_table(data, path),
    )


def print_work_summary(
    session: Session, data_dir: DataDir, *, actor: Actor, first_year: int, text: str | None = None
) -> NoticeInfo:
    """The round's 工作总结: `text` as the clerk has it in the editor, else the saved one, else
    a first draft from the figures."""
    rnd = get_round(session, first_year)
    township = require_township(session)
    text = (
        (text or "").strip()
        or rnd.work_summary
        or evaluation.draft_work_summary(session, rnd.first_year)
    )
    data = WorkSummaryData(
        title=f"{township.organ}{label(rnd)}创建基层党组织建设先进单位工作总结",
        paragraphs=[p.strip() for p in text.split("\n") if p.strip()],
        organ=township.organ,
        signed_on=clock.today(),
    )
    from dangjian_desktop.documents.forms import build_work_summary

    return _record_form(
        session,
        data_dir,
        actor,
        rnd,
        "work-summary",
        f"{label(rnd)}工作总结",
        lambda path: build_work_summary(data, path),
    )


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
    existing = session.get(Setting, key)
    old = json.loads(existing.value) if existing else None
    value = json.dumps(calibration.as_dict(), ensure_ascii=False, sort_keys=True)
    put_setting(session, key, value)
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


def print_calibration_page(
    data_dir: DataDir, calibration: OverlayCalibration, printer: str = "默认打印机"
) -> Path:
    """The 套打 calibration page for a printer: a test sheet, not a document, so not registered;
    replaced each time in the data folder's 文书 folder."""
    data_dir.documents.mkdir(parents=True, exist_ok=True)
    from dangjian_desktop.documents.certificates import build_calibration_page

    return build_calibration_page(
        calibration, data_dir.documents / file_name(f"套打校准页_{printer}")
    )
