"""Making a document from the window: off the GUI thread, recorded in the registry, then previewed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from dangjian_desktop.documents.data import OverlayCalibration
from dangjian_desktop.gui.context import AppContext, Area, Change
from dangjian_desktop.gui.pdf_preview import PdfPreview
from dangjian_desktop.gui.worker import Progress, Task
from dangjian_desktop.services import documents
from dangjian_desktop.services.common import Session
from dangjian_desktop.services.documents import NoticeInfo

Make = Callable[[Session, Progress, Callable[[], bool]], NoticeInfo]


def issue_document(
    page: QWidget, ctx: AppContext, title: str, make: Make, what: Change | None = None
) -> Task:
    """Run `make(session, progress, cancelled)` in one transaction on a worker (its own session);
    show the PDF. `what` is the change announced (default: the current round's documents)."""
    db = ctx.db

    def work(progress: Progress, cancelled: Callable[[], bool]) -> tuple[Path, str]:
        progress(0, 0, f"正在生成{title}…")
        with db.transaction() as session:
            notice = make(session, progress, cancelled)
            label = f"{notice.number} {notice.title}".strip()
            return db.data_dir.root / notice.file_path, label

    def done(result: tuple[Path, str]) -> None:
        PdfPreview.show_file(page, result[0], result[1])

    return ctx.act(
        work,
        page,
        what=what or ctx.change(Area.DOCUMENTS),
        background=True,
        title=f"正在生成{title}…",
        on_done=done,
    )


def pages_progress(progress: Progress, what: str) -> Callable[[int, int], None]:
    """Adapt a builder's (done, total) progress to the dialog's text."""

    def report(done: int, total: int) -> None:
        progress(done, total, f"正在生成{what}：第{done}/{total}份")

    return report


def print_certificates_task(
    page: QWidget,
    ctx: AppContext,
    year: int,
    *,
    honour_ids: list[int] | None = None,
    overlay: OverlayCalibration | None = None,
) -> Task:
    """Print the 荣誉证书 of the round (all, or the chosen honours; 套打 when `overlay` is given)."""
    actor, data_dir = ctx.actor, ctx.db.data_dir
    return issue_document(
        page,
        ctx,
        "荣誉证书",
        lambda s, progress, cancelled: documents.print_certificates(
            s,
            data_dir,
            actor=actor,
            first_year=year,
            honour_ids=honour_ids,
            overlay=overlay,
            progress=pages_progress(progress, "荣誉证书"),
            cancelled=cancelled,
        ),
    )
