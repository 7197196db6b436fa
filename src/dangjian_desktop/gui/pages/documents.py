"""文书: make the round's notices and forms, print certificates (full or 套打), see everything issued."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.documents.data import OverlayCalibration
from dangjian_desktop.domain.calendar import Stage, stage_title
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.context import AppContext, Area
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.document_actions import (
    issue_document,
    print_certificates_task,
)
from dangjian_desktop.gui.models import Column
from dangjian_desktop.gui.notice_dialogs import NoticeDraftDialog, OrgansDialog, open_draft
from dangjian_desktop.gui.overlay_dialog import OverlayDialog
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.pdf_preview import PdfPreview
from dangjian_desktop.gui.widgets import SearchableTable, page_header
from dangjian_desktop.gui.worker import Task
from dangjian_desktop.services import documents
from dangjian_desktop.services.common import Session, round_info
from dangjian_desktop.services.notices import KIND_NAMES

NEEDS_STAGE = {"reminder": "催报哪个阶段", "report-call": "哪一期汇报"}


class DocumentsPage(Page):
    title = "文书"
    key = "documents"
    watches = Area.ALL - {Area.AUDIT, Area.COUNTY}
    round_scoped = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.task: Task | None = None
        notice_box = self._notice_box()
        forms_box = self._forms_box()
        cert_box = self._certificate_box()
        right = self._registry_panel()
        left = QVBoxLayout()
        left.addWidget(notice_box)
        left.addWidget(forms_box)
        left.addWidget(cert_box)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                self.title,
                "通知、催报、公示、表彰决定、整改通知书、通报批评按本年度数据自动成文，"
                "先出样稿、可修改，印发时才按发文机关和年度顺序编号；印发的文件都登记在右边。",
            )
        )
        layout.addLayout(body, 1)
        QShortcut(QKeySequence("Ctrl+G"), self, self.issue_selected_notice)
        self._kind_changed()

    def _notice_box(self) -> QGroupBox:
        """通知、通报、决定: the kind, the stage it is about, 起草/印发 and the issuing organs."""
        self.kind_combo = QComboBox()
        for kind in documents.NOTICE_KINDS:
            self.kind_combo.addItem(KIND_NAMES[kind], kind)
        self.stage_combo = QComboBox()
        self.stage_label = QLabel()
        self.notice_button = QPushButton("起草、预览样稿与印发…")
        self.notice_button.setProperty("primary", True)
        self.notice_button.setToolTip(
            "按本年度的数据成文；可改正文和成文日期，预览样稿不占文号，印发时才编发文字号（Ctrl+G）"
        )
        self.organs_button = QPushButton("发文机关…")
        self.organs_button.setToolTip("镇党委和领导小组办公室的版头、机关代字、署名，信函格式")
        self.draft_dialog: NoticeDraftDialog | None = None
        self.notice_hint = QLabel()
        self.notice_hint.setWordWrap(True)
        self.notice_hint.setObjectName("pageHint")
        notice_box = QGroupBox("通知、通报、决定")
        notice_form = QFormLayout(notice_box)
        notice_form.addRow("文书类别：", self.kind_combo)
        notice_form.addRow(self.stage_label, self.stage_combo)
        notice_buttons = QHBoxLayout()
        notice_buttons.addWidget(self.notice_button, 1)
        notice_buttons.addWidget(self.organs_button)
        notice_form.addRow(notice_buttons)
        notice_form.addRow(self.notice_hint)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.notice_button.clicked.connect(self.issue_selected_notice)
        self.organs_button.clicked.connect(self.edit_organs)
        return notice_box

    def _forms_box(self) -> QGroupBox:
        """表格: the blank score sheets, the results table and the 工作总结."""
        forms_box = QGroupBox("表格")
        forms_layout = QVBoxLayout(forms_box)
        self.sheets_button = QPushButton("统一考核评分表（空白，每位考核组成员一份）")
        self.results_button = QPushButton("综合评价汇总表")
        self.summary_button = QPushButton("工作总结")
        for button in (self.sheets_button, self.results_button, self.summary_button):
            forms_layout.addWidget(button)
        self.sheets_button.clicked.connect(
            lambda: self._form("统一考核评分表", documents.print_score_sheets)
        )
        self.results_button.clicked.connect(
            lambda: self._form("综合评价汇总表", documents.print_results_table)
        )
        self.summary_button.clicked.connect(
            lambda: self._form("工作总结", documents.print_work_summary)
        )
        return forms_box

    def _certificate_box(self) -> QGroupBox:
        """荣誉证书: full or 套打 printing and the printer's 套打 calibration."""
        cert_box = QGroupBox("荣誉证书")
        cert_layout = QGridLayout(cert_box)
        self.full_button = QPushButton("打印全部证书（完整版式）")
        self.overlay_button = QPushButton("打印全部证书（套打）")
        self.overlay_button.setToolTip("只印文字，用于已印好边框和标题的空白证书纸")
        self.printer_combo = QComboBox()
        self.printer_combo.setEditable(True)
        self.printer_combo.setToolTip("每台打印机的进纸位置不同，套打位置按打印机分别保存")
        self.offset_x = self._spin(-50, 50)
        self.offset_y = self._spin(-50, 50)
        self.paper_w = self._spin(50, 600)
        self.paper_h = self._spin(50, 600)
        self.calibrate_button = QPushButton("打印校准页")
        self.calibrate_button.setToolTip("在证书纸上打印十字线，量出偏差后填到左右、上下偏移里")
        self.save_calibration_button = QPushButton("保存套打位置")
        self.adjust_button = QPushButton("调整套打位置…")
        self.adjust_button.setToolTip(
            "选纸张（A4、8开、12开证书内芯），逐项移动受表彰对象、事由、机关、日期、编号的位置，"
            "可垫证书纸照片预览"
        )
        self.overlay_dialog: OverlayDialog | None = None
        cert_layout.addWidget(self.full_button, 0, 0, 1, 2)
        cert_layout.addWidget(self.overlay_button, 0, 2, 1, 2)
        cert_layout.addWidget(QLabel("打印机："), 1, 0)
        cert_layout.addWidget(self.printer_combo, 1, 1, 1, 3)
        cert_layout.addWidget(QLabel("纸宽（毫米）："), 2, 0)
        cert_layout.addWidget(self.paper_w, 2, 1)
        cert_layout.addWidget(QLabel("纸高（毫米）："), 2, 2)
        cert_layout.addWidget(self.paper_h, 2, 3)
        cert_layout.addWidget(QLabel("向右偏移（毫米）："), 3, 0)
        cert_layout.addWidget(self.offset_x, 3, 1)
        cert_layout.addWidget(QLabel("向下偏移（毫米）："), 3, 2)
        cert_layout.addWidget(self.offset_y, 3, 3)
        cert_layout.addWidget(self.calibrate_button, 4, 0, 1, 2)
        cert_layout.addWidget(self.save_calibration_button, 4, 2, 1, 2)
        cert_layout.addWidget(self.adjust_button, 5, 0, 1, 4)
        self.full_button.clicked.connect(lambda: self.print_certificates(overlay=False))
        self.overlay_button.clicked.connect(lambda: self.print_certificates(overlay=True))
        self.calibrate_button.clicked.connect(self.print_calibration)
        self.save_calibration_button.clicked.connect(self.save_calibration)
        self.adjust_button.clicked.connect(self.adjust_overlay)
        self.printer_combo.currentTextChanged.connect(self._load_calibration)
        return cert_box

    def _registry_panel(self) -> QVBoxLayout:
        """The registry of the documents made this year, with its preview/print button."""
        columns: list[Column[documents.NoticeInfo]] = [
            Column("发文字号", lambda n: n.number or "（无文号）", 150),
            Column("类别", lambda n: KIND_NAMES.get(n.kind, n.kind), 110),
            Column("标题", lambda n: n.title, 420),
            Column("成文日期", lambda n: n.signed_on, 100),
            Column("生成时间", lambda n: n.created_at, 140),
        ]
        self.registry = SearchableTable(columns, placeholder="搜索文号、标题…")
        self.registry.sig_activated.connect(self.open_notice)
        self.registry.set_empty_hint(
            "还没有印发过文书。选好左边的文书种类，点“起草、预览样稿与印发…”；"
            "印发的文书都登记在这里，可以再次预览、打印。"
        )
        self.open_button = QPushButton("预览 / 打印")
        self.open_button.clicked.connect(lambda: self.open_notice(self.registry.current()))
        right = QVBoxLayout()
        right.addWidget(QLabel("本年度已生成的文书（双击预览、打印）："))
        right.addWidget(self.registry, 1)
        right.addWidget(self.open_button)
        return right

    @staticmethod
    def _spin(low: float, high: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        return spin

    # ------------------------------------------------------------ state
    def refresh(self) -> None:
        year = self.ctx.year

        def load(session: Session) -> tuple[list[documents.NoticeInfo], list[str], bool]:
            has_round = year is not None and round_info(session, year) is not None
            issued = documents.issued_documents(session, year) if has_round else []
            printers = documents.printers_with_calibration(session)
            return issued, printers, has_round

        issued, printers, has_round = self.ctx.read(load)
        self.registry.set_rows(issued)
        current = self.printer_combo.currentText() or "默认打印机"
        self.printer_combo.blockSignals(True)
        self.printer_combo.clear()
        for name in dict.fromkeys(["默认打印机", *printers]):
            self.printer_combo.addItem(name)
        self.printer_combo.setCurrentText(current)
        self.printer_combo.blockSignals(False)
        self._load_calibration()
        for button in (
            self.notice_button,
            self.organs_button,
            self.sheets_button,
            self.results_button,
            self.summary_button,
            self.full_button,
            self.overlay_button,
        ):
            button.setEnabled(has_round)

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        self.stage_combo.clear()
        if kind == "reminder":
            self.stage_combo.addItem("自动（最近到期、有逾期未报的阶段）", None)
            for stage in (Stage.PLAN, Stage.REPORT_H2, Stage.REPORT_H1, Stage.MATERIALS):
                self.stage_combo.addItem(stage_title(stage, self.ctx.year or 2000), stage.value)
        elif kind == "report-call":
            self.stage_combo.addItem("自动（下一期）", None)
            for stage in (Stage.REPORT_H2, Stage.REPORT_H1):
                self.stage_combo.addItem(stage_title(stage, self.ctx.year or 2000), stage.value)
        self.stage_label.setText(NEEDS_STAGE.get(kind, ""))
        self.stage_combo.setVisible(kind in NEEDS_STAGE)
        self.stage_label.setVisible(kind in NEEDS_STAGE)
        hints = {
            "reminder": "列出逾期未报的党组织，限5个工作日内补报。",
            "announcement": "列出综合评价为“先进”的单位和已评的优秀共产党员，附公示期和联系电话。",
            "decision": "须在审批之后；附先进党组织和优秀共产党员名单。",
            "rectification": "针对最近一次限期整改记录（在“动态管理”里登记）。",
            "criticism": "针对最近一次通报批评记录（撤销荣誉时自动登记）。",
            "recommendation": "针对已向上推荐的荣誉（在“公示与表彰”里推荐），是表格，不编文号。",
        }
        self.notice_hint.setText(hints.get(kind, "按本年度设置的日期成文。"))

    # ------------------------------------------------------------ actions
    def issue_selected_notice(self) -> Task | NoticeDraftDialog | None:
        """A notice opens as a 样稿 to check, edit and 印发; the 推荐表 (a form) is made at once."""
        year = self.ctx.year
        if year is None or not self.notice_button.isEnabled():
            return None
        kind = str(self.kind_combo.currentData())
        stage_value = self.stage_combo.currentData() if kind in NEEDS_STAGE else None
        stage = Stage(stage_value) if stage_value else None
        if kind != "recommendation":
            self.draft_dialog = open_draft(self.ctx, self, year, kind, stage)
            return self.draft_dialog
        actor, data_dir = self.ctx.actor, self.ctx.db.data_dir
        self.task = issue_document(
            self,
            self.ctx,
            KIND_NAMES[kind],
            lambda s, _p, _c: documents.issue_notice(
                s, data_dir, actor=actor, first_year=year, kind=kind, stage=stage
            ),
        )
        return self.task

    def edit_organs(self) -> OrgansDialog | None:
        try:
            issuer = self.ctx.read(documents.issuing_organs)
        except UserError as exc:
            Ask.warn(self, str(exc))
            return None
        dialog = OrgansDialog(self.ctx, issuer, self)
        dialog.open()
        return dialog

    def _form(self, what: str, make: object) -> Task | None:
        year = self.ctx.year
        if year is None:
            return None
        actor, data_dir = self.ctx.actor, self.ctx.db.data_dir
        self.task = issue_document(
            self,
            self.ctx,
            what,
            lambda s, _p, _c: make(s, data_dir, actor=actor, first_year=year),  # type: ignore[operator]
        )
        return self.task

    def calibration(self) -> OverlayCalibration:
        printer = self.printer_name()  # read here: the read runs on the database thread
        base = self.ctx.read(lambda s: documents.get_overlay(s, printer))
        return dataclasses.replace(
            base,
            paper_width_mm=self.paper_w.value(),
            paper_height_mm=self.paper_h.value(),
            offset_x_mm=self.offset_x.value(),
            offset_y_mm=self.offset_y.value(),
        )

    def printer_name(self) -> str:
        return self.printer_combo.currentText().strip() or "默认打印机"

    def _load_calibration(self) -> None:
        printer = self.printer_name()  # read here: the read runs on the database thread
        calibration = self.ctx.read(lambda s: documents.get_overlay(s, printer))
        self.paper_w.setValue(calibration.paper_width_mm)
        self.paper_h.setValue(calibration.paper_height_mm)
        self.offset_x.setValue(calibration.offset_x_mm)
        self.offset_y.setValue(calibration.offset_y_mm)

    def save_calibration(self) -> None:
        calibration, printer = self.calibration(), self.printer_name()
        saved = self.ctx.act(
            lambda s: documents.save_overlay(
                s, actor=self.ctx.actor, calibration=calibration, printer=printer
            ),
            self,
            what=self.ctx.change(Area.DOCUMENTS),
        )
        if saved is not None:
            Ask.info(self, f"已保存“{printer}”的套打位置。")

    def print_calibration(self) -> Path:
        path = documents.print_calibration_page(
            self.ctx.db.data_dir, self.calibration(), self.printer_name()
        )
        PdfPreview.show_file(self, path, "套打校准页：打印在证书纸上，量出十字线的偏差")
        return path

    def adjust_overlay(self) -> OverlayDialog | None:
        year = self.ctx.year
        if year is None:
            return None
        dialog = OverlayDialog(self.ctx, year, self.printer_name(), self.calibration(), self)
        dialog.accepted.connect(self._load_calibration)
        dialog.open()
        self.overlay_dialog = dialog
        return dialog

    def print_certificates(self, *, overlay: bool) -> Task | None:
        year = self.ctx.year
        if year is None:
            return None
        calibration = self.calibration() if overlay else None
        if calibration is not None:
            cal = calibration
            try:
                problems = self.ctx.read(
                    lambda s: documents.overlay_problems(s, first_year=year, calibration=cal)
                )
            except UserError as exc:
                Ask.warn(self, str(exc))
                return None
            if problems and not Ask.confirm(
                self,
                "按现在的套打位置，有文字会印到证书纸外：\n"
                + "\n".join(problems)
                + "\n请先点“调整套打位置…”改好。仍要打印吗？",
            ):
                return None
        self.task = print_certificates_task(self, self.ctx, year, overlay=calibration)
        return self.task

    def open_notice(self, notice: documents.NoticeInfo | None) -> None:
        """Show and print again exactly what was issued: the same file, number and text."""
        if notice is None:
            Ask.warn(self, "请先在右边的列表里选中一份文书。")
            return
        notice_id, data_dir = notice.id or 0, self.ctx.db.data_dir
        try:
            path = self.ctx.read(lambda s: documents.reprint_path(s, data_dir, notice_id=notice_id))
        except UserError as exc:
            Ask.warn(self, str(exc))
            return
        PdfPreview.show_file(self, path, f"{notice.number} {notice.title}".strip())
