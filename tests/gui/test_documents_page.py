"""The 文书 page: notices, forms and certificates made from the window, and the registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt

from dangjian_desktop.gui.notice_dialogs import NoticeDraftDialog
from dangjian_desktop.gui.pages.documents import DocumentsPage
from dangjian_desktop.gui.pdf_preview import PdfPreview


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    seen: list[tuple[Path, str]] = []
    monkeypatch.setattr(
        PdfPreview,
        "show_file",
        classmethod(lambda cls, parent, path, title="": seen.append((path, title))),
    )
    return seen


@pytest.fixture
def page(window: Any) -> DocumentsPage:
    found = window.show_page("documents")
    assert isinstance(found, DocumentsPage)
    return found


def test_a_reminder_is_drafted_previewed_edited_then_issued(
    page: DocumentsPage, qtbot: Any, shown: list[Any], answers: Any, qtmodeltester: Any
) -> None:
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("reminder"))
    assert page.stage_combo.isVisibleTo(page)
    qtbot.mouseClick(page.notice_button, Qt.MouseButton.LeftButton)
    dialog = page.draft_dialog
    assert isinstance(dialog, NoticeDraftDialog)
    assert "领导小组办公室" in dialog.organ_label.text()
    # 预览样稿 twice: watermarked, no number used, nothing registered
    for _ in range(2):
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20000)
    path, title = shown[-1]
    assert "样稿" in title
    assert "样稿" in "".join(p.extract_text() or "" for p in PdfReader(path).pages)
    page.refresh()
    assert page.registry.model.rowCount() == 0
    # the clerk changes the last paragraph and the date, then issues
    dialog.body.setPlainText(dialog.body.toPlainText() + "\n请各党组织书记亲自过问。")
    dialog.date_edit.setDate(QDate(2027, 3, 2))
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20000)
    path, title = shown[-1]
    assert path.exists() and "石党创办〔2027〕1号" in title
    assert page.registry.model.rowCount() == 1
    qtmodeltester.check(page.registry.model)
    text = "".join(p.extract_text() or "" for p in PdfReader(path).pages).replace("\n", "")
    assert "催报" in text and "请各党组织书记亲自过问。" in text and "2027年3月2日" in text
    assert "样稿" not in text
    # issued: no second 印发 (it would take another number); the text is no longer editable
    assert dialog.issued and not dialog.issue_button.isEnabled() and dialog.body.isReadOnly()
    assert "已印发" in dialog.state_label.text()


def test_a_refused_notice_is_explained(
    page: DocumentsPage, window: Any, qtbot: Any, answers: Any, shown: list[Any]
) -> None:
    window.round_combo.setCurrentIndex(window.round_combo.findData(2025))
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("reminder"))
    qtbot.mouseClick(page.notice_button, Qt.MouseButton.LeftButton)
    assert page.draft_dialog is None
    assert not shown and any("没有逾期未报" in w for w in answers.warnings)


def test_issuing_organs_dialog(page: DocumentsPage, answers: Any) -> None:
    dialog = page.edit_organs()
    assert dialog is not None
    assert dialog.office_prefix.placeholderText() == "石党创办"
    dialog.office_prefix.setText("石党发")
    assert not dialog.save()
    assert any("不能与镇党委" in w for w in answers.warnings)
    dialog.office_prefix.setText("石创办")
    dialog.office_letter.setChecked(False)
    assert dialog.save()
    again = page.edit_organs()
    assert again is not None and again.office_prefix.text() == "石创办"
    assert not again.office_letter.isChecked()


def test_certificates_and_calibration(
    page: DocumentsPage, window: Any, qtbot: Any, answers: Any, shown: list[Any]
) -> None:
    window.round_combo.setCurrentIndex(window.round_combo.findData(2025))
    page.offset_x.setValue(2.5)
    page.offset_y.setValue(-1.0)
    page.save_calibration()
    assert any("已保存" in i for i in answers.infos)
    page.offset_x.setValue(0)
    page.refresh()
    assert page.offset_x.value() == 2.5  # read back from the database
    calibration_page = page.print_calibration()
    assert calibration_page.exists()
    page.print_certificates(overlay=True)
    qtbot.waitUntil(lambda: page.task is not None and page.task.done, timeout=30000)
    path, title = shown[-1]
    assert "套打" in title and len(PdfReader(path).pages) >= 1
    for button, word in (
        (page.sheets_button, "评分表"),
        (page.results_button, "汇总表"),
        (page.summary_button, "工作总结"),
    ):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.task is not None and page.task.done, timeout=30000)
        assert word in shown[-1][1]
    page.registry.view.selectRow(0)
    page.open_notice(page.registry.current())
    assert shown[-1][0].exists()


def test_overlay_dialog_moves_fields_warns_and_saves_per_printer(
    page: DocumentsPage, window: Any, qtbot: Any, answers: Any, shown: list[Any], tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor, QPixmap

    from dangjian_desktop.gui.overlay_dialog import OverlayDialog
    from dangjian_desktop.services import documents

    window.round_combo.setCurrentIndex(window.round_combo.findData(2025))
    page.printer_combo.setCurrentText("办公室打印机")
    dialog = page.adjust_overlay()
    assert isinstance(dialog, OverlayDialog) and dialog.certs
    # A4 portrait with the landscape positions: text falls off the right edge
    dialog.paper_w.setValue(210)
    dialog.paper_h.setValue(297)
    assert "超出纸张右边" in dialog.warning.text()
    dialog.paper.setCurrentText("A4纵向（210×297毫米）")
    assert dialog.warning.text() == ""
    dialog.spins[("organ", "x_mm")].setValue(200)
    assert "发证机关" in dialog.warning.text()
    dialog.spins[("organ", "x_mm")].setValue(140)
    photo = tmp_path / "证书纸.png"
    pixmap = QPixmap(210, 297)
    pixmap.fill(QColor("#f3e2b5"))
    assert pixmap.save(str(photo))
    dialog.set_background(str(photo))
    assert "证书纸.png" in dialog.background_label.text()
    dialog.preview.grab()  # paints the photo, the boxes and the sample text
    assert dialog.save()
    with page.ctx.db.session() as s:
        saved = documents.get_overlay(s, "办公室打印机")
        other = documents.get_overlay(s, "默认打印机")
    assert (saved.paper_width_mm, saved.paper_height_mm) == (210, 297)
    assert saved.organ.x_mm == 140 and saved.background == str(photo)
    assert other.paper_width_mm == 297  # another printer keeps its own
    assert page.paper_w.value() == 210
    # printing with positions that fall off the paper asks first
    page.paper_w.setValue(150)
    answers.confirms.append(False)
    assert page.print_certificates(overlay=True) is None
