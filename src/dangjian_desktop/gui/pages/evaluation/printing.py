"""The evaluation page's PDFs: the blank score sheets, the results table and the work summary.

All three are made by the documents service, like every other document: registered in 文书登记,
audited, and previewed when done. Nothing else in the package touches documents.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from dangjian_desktop.gui.context import AppContext
from dangjian_desktop.gui.document_actions import issue_document
from dangjian_desktop.gui.worker import Task
from dangjian_desktop.services import documents


def print_score_sheets(owner: QWidget, ctx: AppContext, year: int, assessor_ids: list[int]) -> Task:
    """One blank 统一考核评分表 per assessor, without the branches the assessor stays away from."""
    actor, data_dir = ctx.actor, ctx.db.data_dir
    return issue_document(
        owner,
        ctx,
        "统一考核评分表",
        lambda s, _p, _c: documents.print_score_sheets(
            s, data_dir, actor=actor, first_year=year, assessor_ids=assessor_ids
        ),
    )


def print_results_table(owner: QWidget, ctx: AppContext, year: int) -> Task:
    """The 综合评价汇总表 of saved results, with the weights they were computed with."""
    actor, data_dir = ctx.actor, ctx.db.data_dir
    return issue_document(
        owner,
        ctx,
        "综合评价汇总表",
        lambda s, _p, _c: documents.print_results_table(s, data_dir, actor=actor, first_year=year),
    )


def print_work_summary(owner: QWidget, ctx: AppContext, year: int, text: str) -> Task:
    """The 工作总结 as typed, one paragraph per line."""
    actor, data_dir = ctx.actor, ctx.db.data_dir
    return issue_document(
        owner,
        ctx,
        "工作总结",
        lambda s, _p, _c: documents.print_work_summary(
            s, data_dir, actor=actor, first_year=year, text=text
        ),
    )
