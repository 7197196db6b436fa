"""The evaluation page's PDFs: built off the GUI thread into the data folder, then previewed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from dangjian_desktop.gui.context import AppContext
from dangjian_desktop.gui.pdf_preview import PdfPreview
from dangjian_desktop.gui.worker import Task, run_task
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
