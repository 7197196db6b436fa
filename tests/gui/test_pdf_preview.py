"""The in-program PDF preview: pages, navigation, zoom, printing and save-as."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from dangjian_desktop.gui.pdf_preview import PdfPreview


@pytest.fixture
def three_pages(tmp_path: Path) -> Path:
    path = tmp_path / "三页.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(3):
        c.drawString(72, 720, f"page {n + 1}")
        c.showPage()
    c.save()
    return path


def test_navigation_and_zoom(three_pages: Path, qtbot: Any, answers: Any) -> None:
    preview = PdfPreview(three_pages)
    qtbot.addWidget(preview)
    preview.show()
    assert preview.pages() == 3
    assert "共 3 页" in preview.page_count.text()
    assert not preview.prev_button.isEnabled()
    preview.go_to(2)
    qtbot.waitUntil(lambda: preview.current_page() == 2)
    assert preview.page_spin.value() == 3 and not preview.next_button.isEnabled()
    preview.zoom(+1)
    bigger = preview.view.zoomFactor()
    preview.zoom(-1)
    assert preview.view.zoomFactor() < bigger


def test_print_goes_through_the_printer(
    three_pages: Path, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed = tmp_path / "printed.pdf"

    def fake_dialog(cls: Any, parent: Any, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(150)  # a PDF "printer" at 1200 dpi spends a minute on 3 pages
        return True

    monkeypatch.setattr(PdfPreview, "ask_printer", classmethod(fake_dialog))
    preview = PdfPreview(three_pages)
    qtbot.addWidget(preview)
    assert preview.print_document()
    assert len(PdfReader(printed).pages) == 3


def test_save_as_copies_the_file(
    three_pages: Path, tmp_path: Path, qtbot: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy"
    monkeypatch.setattr(
        PdfPreview, "ask_save_path", classmethod(lambda cls, parent, suggested: target)
    )
    preview = PdfPreview(three_pages)
    qtbot.addWidget(preview)
    saved = preview.save_as()
    assert saved == target.with_suffix(".pdf")
    assert saved.read_bytes() == three_pages.read_bytes()
    assert answers.infos and "已另存为" in answers.infos[-1]
