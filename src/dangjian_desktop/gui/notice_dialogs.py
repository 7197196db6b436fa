"""Dialogs of the 文书 page: a notice's 样稿 (edit, date, preview, 印发) and the issuing organs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.documents.data import Issuer, default_office_prefix
from dangjian_desktop.domain.calendar import Stage
from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.errors import UserError
from dangjian_desktop.gui.context import AppContext, Area
from dangjian_desktop.gui.dates import to_date
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.gui.document_actions import issue_document
from dangjian_desktop.gui.pdf_preview import PdfPreview
from dangjian_desktop.gui.worker import Task, run_task
from dangjian_desktop.services import documents
from dangjian_desktop.services.documents import DraftView
from dangjian_desktop.services.notices import KIND_NAMES


class NoticeDraftDialog(QDialog):
    """A notice before it is issued: 成文日期 and body text can be changed and kept; 预览样稿
    shows it watermarked without a number; only 印发 takes the next 发文字号."""

    def __init__(
        self,
        ctx: AppContext,
        year: int,
        draft: DraftView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = year
        self.draft = draft
        self.task: Task | None = None
        self.issued = False
        self.setWindowTitle(f"{KIND_NAMES[draft.kind]}：样稿")
        self.resize(820, 640)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setObjectName("pageTitle")
        self.organ_label = QLabel()
        self.organ_label.setWordWrap(True)
        self.organ_label.setObjectName("pageHint")
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_edit.setToolTip("成文日期：一般为领导签发的日期，印在署名下方")
        self.body = QPlainTextEdit()
        self.body.setToolTip("每一行是一个自然段；一级标题写成“一、…”，二级标题写成“（一）…”")
        self.state_label = QLabel()
        self.state_label.setObjectName("pageHint")
        self.preview_button = QPushButton("预览样稿")
        self.preview_button.setToolTip("带“样稿”水印，不占用发文字号")
        self.save_button = QPushButton("保存修改")
        self.reset_button = QPushButton("恢复原文")
        self.reset_button.setToolTip("放弃对正文和日期的修改，按本年度数据重新成文")
        self.issue_button = QPushButton("印发")
        self.issue_button.setProperty("primary", True)
        close = QPushButton("关闭")
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.save_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(close)
        form = QFormLayout()
        form.addRow("成文日期：", self.date_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.organ_label)
        layout.addLayout(form)
        layout.addWidget(QLabel("正文（每行一段）："))
        layout.addWidget(self.body, 1)
        layout.addWidget(self.state_label)
        layout.addLayout(buttons)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        self.issue_button.clicked.connect(self.issue)
        close.clicked.connect(self.reject)
        self._show(draft)

    # ------------------------------------------------------------ state
    def _show(self, draft: DraftView) -> None:
        self.draft = draft
        self.title_label.setText(draft.title)
        number = "印发时自动编发文字号" if draft.numbered else "公示不编发文字号"
        self.organ_label.setText(f"发文机关：{draft.organ_name}（版头和署名一致）；{number}。")
        day = draft.signed_on
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.body.setPlainText("\n".join(draft.paragraphs))
        self.state_label.setText(
            "正文已修改并保存，印发时按修改后的正文。"
            if draft.edited
            else "正文按本年度数据自动成文。"
        )

    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.body.toPlainText().splitlines() if line.strip()]

    def signed_on(self) -> dt.date:
        return to_date(self.date_edit.date())

    def _key(self) -> dict[str, object]:
        return {
            "first_year": self.year,
            "kind": self.draft.kind,
            "stage": self.draft.stage,
            "honour_id": self.draft.honour_id,
        }

    # ------------------------------------------------------------ actions
    def save(self) -> bool:
        """Keep the date and the text as they are in the dialog; False when refused."""
        paragraphs, day, key = self.paragraphs(), self.signed_on(), self._key()
        saved = self.ctx.act(
            lambda s: documents.save_draft(
                s,
                actor=self.ctx.actor,
                signed_on=day,
                paragraphs=paragraphs,
                **key,  # type: ignore[arg-type]
            ),
            self,
            what=self.ctx.change(Area.DOCUMENTS),
        )
        if saved is None:
            return False
        self._show(saved)
        return True

    def reset(self) -> None:
        key = self._key()
        if not Ask.confirm(self, "放弃对正文和成文日期的修改，按本年度数据重新成文？"):
            return
        self.ctx.act(
            lambda s: documents.discard_draft(s, actor=self.ctx.actor, **key),  # type: ignore[arg-type]
            self,
            what=self.ctx.change(Area.DOCUMENTS),
        )
        fresh = self.ctx.read(lambda s: documents.draft_notice(s, **key))  # type: ignore[arg-type]
        self._show(fresh)

    def preview(self) -> Task | None:
        if not self.save():
            return None
        db, key = self.ctx.db, self._key()

        def work(_progress: object, _cancelled: Callable[[], bool]) -> Path:
            with db.session() as session:
                return documents.preview_notice(session, db.data_dir, **key)  # type: ignore[arg-type]

        def done(path: Path) -> None:
            PdfPreview.show_file(self, path, f"样稿（未印发）：{self.draft.title}")

        self.task = run_task(self, "正在生成样稿…", work, done)
        return self.task

    def issue(self) -> Task | None:
        if not self.save():
            return None
        what = "编发文字号并登记" if self.draft.numbered else "登记"
        question = (
            f"印发《{self.draft.title}》？\n成文日期{arabic_date(self.draft.signed_on)}，"
            f"将{what}，印发后不能再修改。"
        )
        if not Ask.confirm(self, question):
            return None
        actor, data_dir, key = self.ctx.actor, self.ctx.db.data_dir, self._key()
        self.task = issue_document(
            self,
            self.ctx,
            KIND_NAMES[self.draft.kind],
            lambda s, _p, _c: documents.issue_notice(s, data_dir, actor=actor, **key),  # type: ignore[arg-type]
        )
        self.task.sig_finished.connect(self._after_issue)
        return self.task

    def _after_issue(self) -> None:
        """Once issued the notice is no longer a draft: a second 印发 would take another number."""
        if self.task is None or self.task.error is not None:
            return
        self.issued = True
        for widget in (self.issue_button, self.save_button, self.reset_button, self.preview_button):
            widget.setEnabled(False)
        self.body.setReadOnly(True)
        self.date_edit.setEnabled(False)
        self.state_label.setText(
            "已印发并登记。要再打印，请在“文书”页的文书登记里选中它，点“预览 / 打印”。"
        )


def open_draft(
    ctx: AppContext,
    parent: QWidget,
    year: int,
    kind: str,
    stage: Stage | None = None,
    honour_id: int | None = None,
) -> NoticeDraftDialog | None:
    """The draft dialog for a notice of the round, or a message saying why there is none.
    Every official notice (文书, 表彰决定, 整改通知书, 通报批评) is issued through it."""
    try:
        draft = ctx.read(
            lambda s: documents.draft_notice(
                s, first_year=year, kind=kind, stage=stage, honour_id=honour_id
            )
        )
    except UserError as exc:
        Ask.warn(parent, str(exc))
        return None
    dialog = NoticeDraftDialog(ctx, year, draft, parent)
    dialog.open()
    return dialog


class OrgansDialog(QDialog):
    """发文机关: the committee's and the office's 版头, the office's 代字 and 署名, 信函格式."""

    def __init__(self, ctx: AppContext, issuer: Issuer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("发文机关")
        self.organ_mark = QLineEdit(issuer.organ_mark)
        self.organ_mark.setPlaceholderText(f"{issuer.organ}文件")
        self.office_mark = QLineEdit(issuer.office_mark)
        self.office_mark.setPlaceholderText(issuer.office)
        self.office_prefix = QLineEdit(issuer.office_prefix)
        self.office_prefix.setPlaceholderText(default_office_prefix(issuer.doc_prefix))
        self.office_signature = QLineEdit(issuer.office_signature)
        self.office_signature.setPlaceholderText(issuer.office)
        self.office_letter = QCheckBox(
            "办公室的通知用信函格式（红色机关名称和双线，不用“文件”版头）"
        )
        self.office_letter.setChecked(issuer.office_letter)
        hint = QLabel(
            f"镇党委发文：版头“{issuer.committee_organ.mark}”，文号“{issuer.doc_prefix}〔年份〕×号”，"
            f"署名“{issuer.organ}”（在“设置”里修改党委名称和机关代字）。\n"
            "制定方案的通知、总结评估安排、表彰决定、整改通知书、通报批评由镇党委发文；"
            "催报、半年汇报通知和公示由领导小组办公室发文。空着的项按灰色字的默认写法。"
        )
        hint.setWordWrap(True)
        hint.setObjectName("pageHint")
        form = QFormLayout()
        form.addRow("镇党委的发文机关标志：", self.organ_mark)
        form.addRow("办公室的发文机关标志：", self.office_mark)
        form.addRow("办公室的机关代字：", self.office_prefix)
        form.addRow("办公室的署名：", self.office_signature)
        form.addRow(self.office_letter)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> bool:
        values = {
            "organ_mark": self.organ_mark.text(),
            "office_mark": self.office_mark.text(),
            "office_prefix": self.office_prefix.text(),
            "office_signature": self.office_signature.text(),
            "office_letter": self.office_letter.isChecked(),
        }
        saved = self.ctx.act(
            lambda s: documents.save_issuing_organs(s, actor=self.ctx.actor, **values),  # type: ignore[arg-type]
            self,
            what=self.ctx.change(Area.DOCUMENTS),
        )
        if saved is None:
            return False
        self.accept()
        return True
