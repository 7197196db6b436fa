"""The receipt dialog: one branch's receipt of a 方案, 汇报 or 材料 with its form, remark, summary
and files, and the system's file picker and opener it uses."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import (
    ReceiptStatus,
    Stage,
    Timeliness,
    days_late,
    late_text,
    stage_title,
    timeliness,
)
from dangjian_desktop.gui import file_dialogs
from dangjian_desktop.gui.context import AppContext, Area, Change
from dangjian_desktop.gui.dates import to_date, to_qdate
from dangjian_desktop.gui.forms.ui_receipt_dialog import Ui_ReceiptDialog
from dangjian_desktop.gui.models import AMBER, GREEN
from dangjian_desktop.services import intake
from dangjian_desktop.services.common import Session
from dangjian_desktop.services.intake import FORMS, STATUS_NAMES, IntakeLine, ReceiptDetail


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class Files:
    """The system's file picker and file opener, wrapped so tests can replace them."""

    @classmethod
    def pick(cls, parent: QWidget | None, title: str) -> list[Path]:
        names = file_dialogs.open_files(
            parent,
            title,
            "",
            "常用文件 (*.pdf *.doc *.docx *.wps *.jpg *.jpeg *.png);;所有文件 (*)",
        )
        return [Path(name) for name in names]

    @classmethod
    def open(cls, path: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def viewing_folder() -> Path:
    return Path(tempfile.gettempdir()) / "dangjian-desktop-附件"


class ReceiptDialog(QDialog):
    """Record a receipt with its details, or change one already recorded."""

    def __init__(
        self,
        ctx: AppContext,
        stage: Stage,
        first_year: int,
        line: IntakeLine,
        detail: ReceiptDetail | None,
        default_date: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ReceiptDialog()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.stage = stage
        self.first_year = first_year
        self.line = line
        self.detail = detail
        self.new_files: list[Path] = []
        title = stage_title(stage, first_year)

        new = detail is None
        self.setWindowTitle(f"登记收到{title}" if new else f"修改{title}的登记")
        ui = self.ui
        ui.branchLabel.setText(line.branch_name)
        ui.stageLabel.setText(f"{title}（截止日期 {line.due.isoformat()}）")
        ui.receivedEdit.setMaximumDate(to_qdate(clock.today()))
        ui.receivedEdit.setDate(to_qdate(detail.received_on if detail else default_date))
        ui.receivedEdit.dateChanged.connect(self._show_timeliness)
        for form in FORMS:
            ui.formCombo.addItem(form)
        ui.formCombo.setCurrentText(detail.form if detail else FORMS[0])
        for key, name in STATUS_NAMES.items():
            ui.statusCombo.addItem(name, key)
        if detail is not None:
            ui.statusCombo.setCurrentIndex(ui.statusCombo.findData(detail.status))
            ui.remarkEdit.setText(detail.remark)
            ui.summaryEdit.setPlainText(detail.summary)
        ui.formLayout.setRowVisible(ui.statusCombo, not new)
        ui.formLayout.setRowVisible(ui.summaryEdit, stage in (Stage.REPORT_H2, Stage.REPORT_H1))
        for attachment in detail.attachments if detail else []:
            item = QListWidgetItem(f"{attachment.name}（{human_size(attachment.size)}，已附加）")
            ui.attachmentList.addItem(item)
        ui.addFileButton.clicked.connect(self._add_files)
        ui.removeFileButton.clicked.connect(self._remove_file)
        ui.removeFileButton.setToolTip("已经附加的文件不会删除，只能去掉这次新添加的")
        ui.attachmentList.currentRowChanged.connect(lambda *_: self._update_remove())
        self._update_remove()
        ok = ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("登记收到" if new else "保存修改")
        ok.setDefault(True)
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        ui.errorLabel.hide()
        self._show_timeliness()
        ui.receivedEdit.setFocus()
        self.adjustSize()

    def change(self) -> Change:
        """A receipt changes its stage's intake (plans: 申报与方案; reports: 半年汇报)."""
        area = Area.ENROLMENT if self.stage is Stage.PLAN else Area.REPORTS
        return Change.of(self.first_year, area)

    @classmethod
    def run(cls, dialog: ReceiptDialog) -> bool:
        """Show the dialog modally; tests replace this to fill it in with the keyboard."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def received_on(self) -> dt.date:
        return to_date(self.ui.receivedEdit.date())

    def _show_timeliness(self) -> None:
        received = self.received_on()
        state = timeliness(self.line.due, received, clock.today())
        if state == Timeliness.LATE:
            text, color = late_text(days_late(self.line.due, received)), AMBER
        else:
            text, color = "按时", GREEN
        self.ui.timelinessLabel.setText(text)
        self.ui.timelinessLabel.setStyleSheet(f"color: {color.name()};")

    def _pending_row(self, row: int) -> int | None:
        """Index into new_files for a list row, None for a file attached earlier."""
        existing = len(self.detail.attachments) if self.detail else 0
        index = row - existing
        return index if 0 <= index < len(self.new_files) else None

    def _update_remove(self) -> None:
        self.ui.removeFileButton.setEnabled(
            self._pending_row(self.ui.attachmentList.currentRow()) is not None
        )

    def _add_files(self) -> None:
        for path in Files.pick(self, f"选择{self.line.branch_name}报送的文件"):
            if path in self.new_files:
                continue
            self.new_files.append(path)
            self.ui.attachmentList.addItem(f"{path.name}（待附加）")
        self._update_remove()

    def _remove_file(self) -> None:
        row = self.ui.attachmentList.currentRow()
        index = self._pending_row(row)
        if index is not None:
            del self.new_files[index]
            self.ui.attachmentList.takeItem(row)
        self._update_remove()

    def accept(self) -> None:
        ui = self.ui
        actor, stage, store = self.ctx.actor, self.stage, self.ctx.db.data_dir.attachments
        received = self.received_on()
        form = ui.formCombo.currentText()
        remark = ui.remarkEdit.text()
        summary = ui.summaryEdit.toPlainText()
        status = ui.statusCombo.currentData()
        detail = self.detail
        files = list(self.new_files)

        def work(session: Session) -> bool:
            if detail is None:
                row = intake.record_receipt(
                    session,
                    actor=actor,
                    first_year=self.first_year,
                    branch_id=self.line.branch_id,
                    stage=stage,
                    received_on=received,
                    form=form,
                    remark=remark,
                    summary=summary,
                )
            else:
                row = intake.update_receipt(
                    session,
                    actor=actor,
                    stage=stage,
                    receipt_id=detail.receipt_id,
                    received_on=received,
                    status=status,
                    form=form,
                    remark=remark,
                    summary=summary if summary.strip() != detail.summary else None,
                )
            assert row.id is not None
            for path in files:
                intake.attach_file(
                    session,
                    actor=actor,
                    stage=stage,
                    receipt_id=row.id,
                    source=path,
                    store_root=store,
                )
            return True

        _, error = self.ctx.act(work, self, what=self.change(), inline=True)
        if error is not None:  # the service checks everything (a returned form needs a remark)
            self._fail(error)
            if status == ReceiptStatus.RETURNED:
                ui.remarkEdit.setFocus()
            return
        super().accept()

    def _fail(self, message: str) -> None:
        self.ui.errorLabel.setText(message)
        self.ui.errorLabel.show()
