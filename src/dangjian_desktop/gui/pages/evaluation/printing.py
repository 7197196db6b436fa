"""The evaluation page's PDFs: the blank score sheets, the results table and the work summary.

The data are read and turned into the documents' plain data here, on the GUI thread; the PDF is
built off it into the data folder, then previewed. Nothing else in the package touches documents.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from dangjian_desktop import clock
from dangjian_desktop.documents import data as paper
from dangjian_desktop.documents.forms import (
    build_results_table,
    build_score_sheets,
    build_work_summary,
)
from dangjian_desktop.domain.rubric import format_points
from dangjian_desktop.gui.context import AppContext
from dangjian_desktop.gui.pages.evaluation.common import RoundView
from dangjian_desktop.gui.pdf_preview import PdfPreview
from dangjian_desktop.gui.worker import Task, run_task
from dangjian_desktop.services import evaluation as ev
from dangjian_desktop.services.common import get_round
from dangjian_desktop.services.township import get_township


def make_pdf(
    owner: QWidget, ctx: AppContext, title: str, filename: str, build: Callable[[Path], Path]
) -> Task:
    """Build a PDF off the GUI thread into the data folder's documents, then preview it.

    The data is read beforehand on the GUI thread; `build` only turns plain data into a file.
    """
    target = ctx.db.data_dir.documents / filename

    def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Path:
        progress(0, 0, f"正在生成{title}…")
        target.parent.mkdir(parents=True, exist_ok=True)
        return build(target)

    return run_task(
        owner, f"生成{title}", work, lambda path: PdfPreview.show_file(owner, path, title)
    )


def organ_name(session: Session) -> str:
    township = get_township(session)
    return township.organ if township else ""


def print_score_sheets(
    owner: QWidget,
    ctx: AppContext,
    state: RoundView,
    assessors: list[ev.AssessorLine],
    branches: list[str],
    organ: str,
    who: str,
) -> Task:
    """One blank 统一考核评分表 per assessor, without the branches the assessor stays away from."""
    items = [
        paper.ScoreItem(i.code, i.name, i.points, i.area_name, i.description) for i in state.items
    ]
    sheets = [
        paper.ScoreSheetData(
            round_label=state.label,
            assessor_name=a.name,
            branches=[b for b in branches if b not in a.recused_from],
            items=items,
            organ=organ,
        )
        for a in assessors
    ]
    return make_pdf(
        owner,
        ctx,
        "统一考核评分表",
        f"{state.label}统一考核评分表（{who}）.pdf",
        lambda path: build_score_sheets(sheets, path),
    )


def print_results_table(
    owner: QWidget, ctx: AppContext, state: RoundView, results: ev.Results
) -> Task:
    """The 综合评价汇总表 of saved results, with the weights they were computed with."""

    def read(s: Session) -> tuple[str, Decimal, Decimal]:
        rnd = get_round(s, state.year)
        return organ_name(s), rnd.self_weight, rnd.assessment_weight

    organ, self_weight, assessment_weight = ctx.read(read)
    rows = [
        paper.ResultRow(
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
    data = paper.ResultsTableData(
        round_label=state.label,
        organ=organ,
        rows=rows,
        prepared_on=clock.today(),
        prepared_by=ctx.actor.name,
        weights_note=f"综合得分＝自检自查×{format_points(self_weight * 100)}%"
        f"＋统一考核×{format_points(assessment_weight * 100)}%",
    )
    return make_pdf(
        owner,
        ctx,
        "综合评价汇总表",
        f"{state.label}综合评价汇总表.pdf",
        lambda path: build_results_table(data, path),
    )


def print_work_summary(owner: QWidget, ctx: AppContext, label: str, text: str) -> Task:
    """The 工作总结 as typed, one paragraph per line."""
    organ = ctx.read(organ_name)
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    data = paper.WorkSummaryData(
        title=f"{label}创建基层党组织建设先进单位工作总结",
        paragraphs=paragraphs,
        organ=organ,
        signed_on=clock.today(),
    )
    return make_pdf(
        owner, ctx, "工作总结", f"{label}工作总结.pdf", lambda path: build_work_summary(data, path)
    )
