"""申报与方案 and 半年汇报: enrol, record receipts from the keyboard, undo, return, attach, filter."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from typing_helpers import type_text as _type

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import Stage, Timeliness, stage_title
from dangjian_desktop.gui.intake_grid import READ_ONLY_TIP, IntakeGridWidget
from dangjian_desktop.gui.pages.intake import EnrolmentPage, ReportsPage
from dangjian_desktop.gui.receipt_dialog import Files, ReceiptDialog
from dangjian_desktop.services import documents, intake
from dangjian_desktop.services.common import Actor, find_enrolment, get_round
from dangjian_desktop.services.registers import BranchInput, add_branch
from dangjian_desktop.store import attachments as attachment_store

TODAY = dt.date(2027, 3, 1)
PLAN_DUE = dt.date(2026, 8, 25)


def _show(qtbot: Any, widget: Any) -> Any:
    qtbot.addWidget(widget)
    widget.resize(1366, 720)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # keyboard shortcuts go to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


@pytest.fixture
def page(ctx: Any, qtbot: Any) -> EnrolmentPage:
    return _show(qtbot, EnrolmentPage(ctx))


@pytest.fixture
def reports(ctx: Any, qtbot: Any) -> ReportsPage:
    return _show(qtbot, ReportsPage(ctx))


def _new_branches(ctx: Any, *names: str) -> list[int]:
    actor = Actor(ctx.actor.name, ctx.actor.role, ctx.actor.id)
    ids = []
    with ctx.db.transaction() as session:
        for name in names:
            ids.append(add_branch(session, actor=actor, data=BranchInput(name=name)).id)
    ctx.announce()
    return ids


def _receipt(ctx: Any, branch_id: int, stage: Stage = Stage.PLAN, year: int = 2026) -> Any:
    with ctx.db.session() as session:
        rnd = get_round(session, year)
        enrolment = find_enrolment(session, rnd, branch_id)
        if enrolment is None:
            return None
        return intake.find_receipt(session, enrolment.id, stage)


def _line(grid: IntakeGridWidget, branch_id: int) -> intake.IntakeLine:
    return next(line for line in grid.lines if line.branch_id == branch_id)


def _shown(grid: IntakeGridWidget) -> list[intake.IntakeLine]:
    proxy = grid.table.proxy
    return [
        proxy.data(proxy.index(r, 0), Qt.ItemDataRole.UserRole + 1) for r in range(proxy.rowCount())
    ]


def _cell(grid: IntakeGridWidget, branch_id: int, title: str) -> str:
    model = grid.table.model
    row = next(i for i, line in enumerate(model.rows) if line.branch_id == branch_id)
    column = [c.title for c in model.columns].index(title)
    return str(model.data(model.index(row, column)))


def _set_date(edit: Any, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def test_enrol_record_by_keyboard_and_undo(
    page: EnrolmentPage, ctx: Any, qtbot: Any, answers: Any
) -> None:
    first, second = _new_branches(ctx, "石龙村新建第一党支部", "石龙村新建第二党支部")
    # enrol both at once: filter the table to the ones not yet enrolled, select all, click
    _type(qtbot, page.enrol_table.search, "未申报")
    assert page.enrol_table.proxy.rowCount() == 2
    page.enrol_table.view.setFocus()
    qtbot.keyClick(page.enrol_table.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert page.enrol_button.isEnabled()
    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    assert answers.warnings == []
    with ctx.db.session() as session:
        rnd = get_round(session, 2026)
        assert find_enrolment(session, rnd, first) is not None
        assert find_enrolment(session, rnd, second) is not None
    assert "已申报26个" in page.enrol_counts.text()

    grid = page.grid
    assert {first, second} <= {line.branch_id for line in grid.lines}
    assert [line.branch_id for line in grid.selected_lines()] == [first]
    # the first plan came in on time: set the date once, press Enter on the row
    _set_date(grid.date_edit, dt.date(2026, 8, 20))
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)
    assert _receipt(ctx, first).received_on == dt.date(2026, 8, 20)
    assert _cell(grid, first, "按时/逾期") == "按时"
    # the selection moved on to the next branch that has not handed in; the date stayed
    assert [line.branch_id for line in grid.selected_lines()] == [second]
    assert grid.date_edit.date() == QDate(2026, 8, 20)
    # the second one came in today, after the due date: F2 records it as late
    qtbot.mouseClick(grid.today_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(grid.view, Qt.Key.Key_F2)
    late = _receipt(ctx, second)
    assert late.received_on == TODAY
    days = (TODAY - PLAN_DUE).days
    assert _cell(grid, second, "按时/逾期") == f"逾期{days}天"
    assert _line(grid, second).timeliness == Timeliness.LATE
    # the selection wrapped round to a branch still missing its plan
    assert grid.selected_lines()[0].received_on is None

    # Ctrl+Z undoes the last receipt after asking
    answers.confirms.append(True)
    qtbot.keyClick(grid.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _receipt(ctx, second) is None
    assert _receipt(ctx, first) is not None
    assert [line.branch_id for line in grid.selected_lines()] == [second]
    assert _line(grid, second).received_on is None
    # saying no to the question keeps the receipt
    answers.confirms.append(False)
    qtbot.mouseClick(grid.undo_button, Qt.MouseButton.LeftButton)
    assert _receipt(ctx, first) is not None


def test_ctrl_r_records_and_a_received_row_opens_the_dialog(
    page: EnrolmentPage, ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    grid = page.grid
    missing = [line for line in grid.lines if line.received_on is None]
    assert len(missing) == 3
    grid.select_branch(missing[0].branch_id)
    qtbot.keyClick(grid.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert _receipt(ctx, missing[0].branch_id).received_on == TODAY
    assert grid.selected_lines()[0].branch_id == missing[1].branch_id

    opened: list[ReceiptDialog] = []
    monkeypatch.setattr(ReceiptDialog, "run", classmethod(lambda cls, d: opened.append(d) or False))
    grid.select_branch(missing[0].branch_id)
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)
    assert len(opened) == 1
    assert opened[0].ui.statusCombo.isVisibleTo(opened[0])
    assert opened[0].ui.branchLabel.text() == missing[0].branch_name


def test_return_for_revision_needs_a_remark_then_accept(
    page: EnrolmentPage, ctx: Any, qtbot: Any, answers: Any
) -> None:
    grid = page.grid
    line = next(x for x in grid.lines if x.status == "received" and not x.remark)
    grid.select_branch(line.branch_id)
    answers.texts.append("   ")
    qtbot.mouseClick(grid.return_button, Qt.MouseButton.LeftButton)
    assert answers.warnings and "写明修改什么" in answers.warnings[-1]
    assert _receipt(ctx, line.branch_id).status == "received"

    answers.texts.append("缺少支委会讨论记录，请补充后重新报送")
    qtbot.keyClick(grid.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    receipt = _receipt(ctx, line.branch_id)
    assert receipt.status == "returned"
    assert receipt.remark == "缺少支委会讨论记录，请补充后重新报送"
    assert _cell(grid, line.branch_id, "状态") == "退回修改"

    qtbot.mouseClick(grid.filter_buttons["退回修改"], Qt.MouseButton.LeftButton)
    assert [x.branch_id for x in _shown(grid)] == [line.branch_id]
    grid.select_branch(line.branch_id)
    qtbot.keyClick(grid.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert _receipt(ctx, line.branch_id).status == "accepted"
    assert _shown(grid) == []


def test_attach_and_open_a_file(
    page: EnrolmentPage,
    ctx: Any,
    qtbot: Any,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scan = tmp_path / "石龙村党总支实施方案.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned plan")
    sha = hashlib.sha256(scan.read_bytes()).hexdigest()
    monkeypatch.setattr(Files, "pick", classmethod(lambda cls, parent, title: [scan]))
    opened: list[Path] = []
    monkeypatch.setattr(Files, "open", classmethod(lambda cls, path: opened.append(path) or True))

    grid = page.grid
    line = next(x for x in grid.lines if x.received_on is not None)
    grid.select_branch(line.branch_id)
    assert not grid.open_button.isEnabled()
    qtbot.mouseClick(grid.attach_button, Qt.MouseButton.LeftButton)
    assert answers.warnings == []
    stored = attachment_store.stored_path(ctx.db.data_dir.attachments, sha)
    assert stored.exists() and stored.name == sha
    assert stored.is_relative_to(ctx.db.data_dir.root / "attachments")
    with ctx.db.session() as session:
        files = intake.attachments_of(session, Stage.PLAN, line.receipt_id)
    assert [(f.sha256, f.original_name) for f in files] == [(sha, scan.name)]
    assert _cell(grid, line.branch_id, "附件数") == "1"

    assert grid.open_button.isEnabled()
    qtbot.mouseClick(grid.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    assert opened[0].name == scan.name
    assert opened[0].read_bytes() == scan.read_bytes()


def test_receipt_dialog_records_details_and_refuses_a_return_without_remark(
    page: EnrolmentPage,
    ctx: Any,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scan = tmp_path / "方案.docx"
    scan.write_bytes(b"word document")
    monkeypatch.setattr(Files, "pick", classmethod(lambda cls, parent, title: [scan]))
    grid = page.grid
    missing = next(x for x in grid.lines if x.received_on is None)

    def fill_new(cls: Any, dialog: ReceiptDialog) -> bool:
        dialog.show()  # as exec() would
        ui = dialog.ui
        assert not ui.statusCombo.isVisibleTo(dialog)  # a new receipt starts as 已收到
        assert not ui.summaryEdit.isVisibleTo(dialog)  # plans have no summary
        _set_date(ui.receivedEdit, dt.date(2026, 8, 24))
        assert ui.timelinessLabel.text() == "按时"
        ui.formCombo.setCurrentText("电子")
        qtbot.mouseClick(ui.addFileButton, Qt.MouseButton.LeftButton)
        assert ui.attachmentList.count() == 1
        _type(qtbot, ui.remarkEdit, "通过电子邮件报送")
        qtbot.keyClick(ui.remarkEdit, Qt.Key.Key_Return)  # Enter accepts the dialog
        return dialog.result() == ReceiptDialog.DialogCode.Accepted

    monkeypatch.setattr(ReceiptDialog, "run", classmethod(fill_new))
    grid.select_branch(missing.branch_id)
    qtbot.keyClick(grid.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    receipt = _receipt(ctx, missing.branch_id)
    assert (receipt.received_on, receipt.form, receipt.remark) == (
        dt.date(2026, 8, 24),
        "电子",
        "通过电子邮件报送",
    )
    assert _cell(grid, missing.branch_id, "附件数") == "1"

    seen: dict[str, Any] = {}

    def return_without_remark(cls: Any, dialog: ReceiptDialog) -> bool:
        dialog.show()  # as exec() would
        ui = dialog.ui
        ui.remarkEdit.clear()
        ui.statusCombo.setCurrentIndex(ui.statusCombo.findData("returned"))
        _set_date(ui.receivedEdit, dt.date(2026, 8, 30))
        assert ui.timelinessLabel.text() == "逾期5天"
        qtbot.keyClick(ui.remarkEdit, Qt.Key.Key_Return)
        seen["error"] = ui.errorLabel.text()
        seen["accepted"] = dialog.result() == ReceiptDialog.DialogCode.Accepted
        _type(qtbot, ui.remarkEdit, "请补充创建目标")
        qtbot.keyClick(ui.remarkEdit, Qt.Key.Key_Return)
        return dialog.result() == ReceiptDialog.DialogCode.Accepted

    monkeypatch.setattr(ReceiptDialog, "run", classmethod(return_without_remark))
    grid.select_branch(missing.branch_id)
    assert grid.detail_button.text() == "修改登记…"
    qtbot.mouseClick(grid.detail_button, Qt.MouseButton.LeftButton)
    assert "写明要修改什么" in seen["error"] and not seen["accepted"]
    receipt = _receipt(ctx, missing.branch_id)
    assert (receipt.status, receipt.remark, receipt.received_on) == (
        "returned",
        "请补充创建目标",
        dt.date(2026, 8, 30),
    )
    assert _cell(grid, missing.branch_id, "按时/逾期") == "逾期5天"


def test_filters_and_counts(page: EnrolmentPage, ctx: Any) -> None:
    grid = page.grid
    with ctx.db.session() as session:
        lines = intake.intake_lines(session, get_round(session, 2026), Stage.PLAN, TODAY)
    on_time = sum(x.timeliness == Timeliness.ON_TIME for x in lines)
    late = sum(x.timeliness == Timeliness.LATE for x in lines)
    missing = sum(x.timeliness == Timeliness.MISSING for x in lines)
    assert f"按时{on_time} · 逾期报送{late} · 未报{missing} · 未到期0" in grid.counts_label.text()

    expected_rows = {
        "未报": {x.branch_id for x in lines if x.received_on is None},
        "逾期": {
            x.branch_id for x in lines if x.timeliness in (Timeliness.LATE, Timeliness.MISSING)
        },
        "退回修改": {x.branch_id for x in lines if x.status == "returned"},
        "全部": {x.branch_id for x in lines},
    }
    for name, expected in expected_rows.items():
        grid.filter_buttons[name].click()
        assert {x.branch_id for x in _shown(grid)} == expected, name
    assert len(expected_rows["未报"]) == 3
    grid.filter_buttons["未报"].click()
    assert grid.table.count_label.text() == f"显示 3 / 共 {len(lines)} 条"
    grid.filter_buttons["全部"].click()

    # a change made elsewhere shows up as soon as the change is announced
    branch_id = next(iter(expected_rows["未报"]))
    with ctx.db.transaction() as session:
        intake.record_receipt(
            session,
            actor=ctx.actor,
            first_year=2026,
            branch_id=branch_id,
            stage=Stage.PLAN,
            received_on=TODAY,
        )
    ctx.announce()
    assert _line(grid, branch_id).received_on == TODAY
    assert f"逾期报送{late + 1} · 未报{missing - 1}" in grid.counts_label.text()


def test_closed_round_is_read_only(
    page: EnrolmentPage, reports: ReportsPage, ctx: Any, qtbot: Any, answers: Any
) -> None:
    ctx.set_round(2025)
    page.refresh()
    grid = page.grid
    assert grid.first_year == 2025 and grid.closed
    assert grid.read_only_label.isVisible()
    grid.select_branch(grid.lines[0].branch_id)
    for button in (
        grid.receive_button,
        grid.detail_button,
        grid.undo_button,
        grid.return_button,
        grid.accept_button,
        grid.attach_button,
        page.enrol_button,
        page.withdraw_button,
    ):
        assert not button.isEnabled()
        assert button.toolTip() == READ_ONLY_TIP
    before = [(x.branch_id, x.received_on, x.status) for x in grid.lines]
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)
    assert answers.warnings and READ_ONLY_TIP in answers.warnings[-1]
    assert [(x.branch_id, x.received_on, x.status) for x in grid.lines] == before
    reports.show()  # hidden grids reload when the clerk opens their tab
    for index, stage_grid in enumerate(reports.grids.values()):
        reports.tabs.setCurrentIndex(index)
        assert not stage_grid.stale
        assert not stage_grid.receive_button.isEnabled()
        assert stage_grid.receive_button.toolTip() == READ_ONLY_TIP

    ctx.set_round(2026)
    page.refresh()
    assert not grid.closed and grid.undo_button.isEnabled()
    assert grid.undo_button.toolTip() != READ_ONLY_TIP


def test_withdraw_asks_for_a_reason(
    page: EnrolmentPage, ctx: Any, qtbot: Any, answers: Any
) -> None:
    line = page.enrol_table.model.rows[2]
    page.select_branch(line.branch_id)
    assert page.grid.selected_lines()[0].branch_id == line.branch_id
    answers.texts.append(None)  # cancelled
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    answers.texts.append("与其他党支部合并")
    page.enrol_table.select_where(lambda x: x.branch_id == line.branch_id)
    qtbot.keyClick(
        page.enrol_table.view,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    with ctx.db.session() as session:
        assert find_enrolment(session, get_round(session, 2026), line.branch_id) is None
    assert line.branch_id not in {x.branch_id for x in page.grid.lines}
    assert "未申报1个" in page.enrol_counts.text()


def test_reports_page_periods(reports: ReportsPage, ctx: Any, qtbot: Any) -> None:
    assert reports.tabs.tabText(0).startswith(stage_title(Stage.REPORT_H2, 2026))
    assert reports.tabs.tabText(1).startswith(stage_title(Stage.REPORT_H1, 2026))
    # four second-half reports are overdue, so that period opens first
    assert reports.current_grid().stage == Stage.REPORT_H2
    branch_id = reports.grids[Stage.REPORT_H1].lines[5].branch_id
    assert reports.select_branch(branch_id, Stage.REPORT_H1)
    grid = reports.current_grid()
    assert grid.stage == Stage.REPORT_H1
    assert _cell(grid, branch_id, "按时/逾期") == "未到期"
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)
    assert _receipt(ctx, branch_id, Stage.REPORT_H1).received_on == TODAY
    assert _cell(grid, branch_id, "按时/逾期") == "按时"

    dialogs = reports.screenshot_dialogs()
    assert [name for name, _ in dialogs] == ["receipt"]
    dialog = dialogs[0][1]
    assert isinstance(dialog, ReceiptDialog)
    assert dialog.ui.summaryEdit.isVisibleTo(dialog)
    assert dialog.ui.summaryEdit.toPlainText()


def test_screenshot_dialogs_give_the_receipt_dialog(page: EnrolmentPage) -> None:
    dialogs = page.screenshot_dialogs()
    assert [name for name, _ in dialogs] == ["receipt"]
    assert isinstance(dialogs[0][1], ReceiptDialog)
    assert not dialogs[0][1].isVisible()


def test_models(page: EnrolmentPage, reports: ReportsPage, qtmodeltester: Any) -> None:
    qtmodeltester.check(page.enrol_table.model)
    qtmodeltester.check(page.grid.table.model)
    qtmodeltester.check(page.grid.table.proxy)
    for grid in reports.grids.values():
        qtmodeltester.check(grid.table.model)


def test_pages_are_in_the_window(window: Any) -> None:
    enrolment_page = window.show_page("enrolment")
    assert isinstance(enrolment_page, EnrolmentPage) and enrolment_page.title == "申报与方案"
    reports_page = window.show_page("reports")
    assert isinstance(reports_page, ReportsPage) and reports_page.title == "半年汇报"


def test_print_receipt_slip(
    page: EnrolmentPage, ctx: Any, qtbot: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    from dangjian_desktop.gui.pdf_preview import PdfPreview

    opened: list[Path] = []
    monkeypatch.setattr(
        PdfPreview,
        "show_file",
        classmethod(lambda cls, parent, path, title="": opened.append(path)),
    )
    grid = page.grid
    missing = next(x for x in grid.lines if x.received_on is None)
    grid.select_branch(missing.branch_id)
    assert not grid.slip_button.isEnabled()  # nothing received yet, nothing to sign for
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)
    grid.select_branch(missing.branch_id)
    qtbot.keyClick(grid.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert answers.warnings == []
    path = opened[0]
    assert ctx.db.data_dir.documents in path.parents and path.suffix == ".pdf"
    text = "".join(page_.extract_text() for page_ in PdfReader(path).pages)
    receipt = _receipt(ctx, missing.branch_id)
    assert missing.branch_name in text
    with ctx.db.session() as s:  # numbered per round and stage from 1, not by row id
        number = documents.receipt_number(s, Stage.PLAN, receipt.id)
    assert number.startswith("2026方案") and number in text
    assert f"逾期{(TODAY - PLAN_DUE).days}天" in text


def test_the_enrolment_panel_folds_after_its_season(ctx: Any, qtbot: Any) -> None:
    """After 8月25日 with branches enrolled the 申报 list folds away; one click brings it back."""
    clock.set_today(dt.date(2027, 3, 1))
    page = _show(qtbot, EnrolmentPage(ctx))
    assert page.enrol_box.isHidden()
    assert page.enrol_toggle.text().startswith("▸ 展开申报名单（已申报")
    qtbot.mouseClick(page.enrol_toggle, Qt.MouseButton.LeftButton)
    assert page.enrol_box.isVisible() and page.enrol_toggle.text() == "◂ 收起申报名单"
    page.refresh()  # a refresh keeps what the clerk chose
    assert page.enrol_box.isVisible()
    clock.set_today(dt.date(2026, 8, 20))  # in August it is the task of the day
    august = _show(qtbot, EnrolmentPage(ctx))
    assert august.enrol_box.isVisible()
