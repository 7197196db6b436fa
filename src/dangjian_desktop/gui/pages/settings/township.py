"""本镇信息: the township's names, seal text and contact, used on every document."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dangjian_desktop import clock
from dangjian_desktop.domain.text import document_number
from dangjian_desktop.gui.context import AppContext, Area
from dangjian_desktop.gui.pages.settings.common import FormTab, make_note
from dangjian_desktop.services.township import save_township, township_values

TOWNSHIP_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "镇名", "如：石龙镇"),
    ("organ", "党委名称", "如：中共石龙镇委员会"),
    ("office", "领导小组办公室", "如：中共石龙镇委员会创先争优活动领导小组办公室"),
    ("doc_prefix", "机关代字", "如：石党发"),
    ("seal_text", "印章文字", "如：中共石龙镇委员会"),
    ("county", "县", "如：勐海县"),
    ("prefecture", "州", "如：西双版纳傣族自治州"),
    ("province", "省", "如：云南省"),
    ("contact_person", "联系人", ""),
    ("contact_phone", "电话", ""),
)


class TownshipTab(FormTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: dict[str, str] | None = None
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for key, title, placeholder in TOWNSHIP_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.setMaxLength(80)
            edit.setMinimumWidth(420)
            edit.textChanged.connect(self._changed)
            self.edits[key] = edit
            if key == "doc_prefix":
                row = QHBoxLayout()
                edit.setMinimumWidth(160)
                edit.setMaximumWidth(200)
                row.addWidget(edit)
                self.example = QLabel()
                self.example.setObjectName("docNumberExample")
                row.addWidget(self.example, 1)
                form.addRow(f"{title}：", row)
            else:
                form.addRow(f"{title}：", edit)
        hint = make_note(
            "这些信息印在每份通知、决定和荣誉证书上。机关代字用于发文字号，"
            "如“石党发”印成“石党发〔2026〕1号”。",
            "#555555",
        )
        buttons = self.build_save_bar(
            "保存本镇信息", "保存本镇信息", "放弃还没保存的修改，恢复为已保存的内容"
        )
        fields = QWidget()
        fields.setLayout(form)
        fields.setMaximumWidth(820)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(fields)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def values(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.edits.items()}

    def is_dirty(self) -> bool:
        return self.loaded is not None and self.values() != self.loaded

    def load(self) -> None:
        values = self.ctx.read(township_values)
        self.loaded = {key: values[key] for key, _, _ in TOWNSHIP_FIELDS}
        for key, edit in self.edits.items():
            edit.blockSignals(True)
            edit.setText(self.loaded[key])
            edit.blockSignals(False)
        self.error.hide()
        self._changed()

    def refresh(self) -> None:
        if not self.is_dirty():
            self.load()

    def _changed(self) -> None:
        prefix = self.edits["doc_prefix"].text().strip()
        year = clock.today().year
        self.example.setText(
            f"发文字号示例：{document_number(prefix, year, 1)}"
            if prefix
            else "发文字号示例：请填写机关代字"
        )
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.status.hide()

    def save(self) -> bool:
        if self.loaded is None or not self.is_dirty():
            return True
        loaded = self.loaded
        changed = {k: v for k, v in self.values().items() if v != loaded.get(k)}
        _, problem = self.ctx.act(
            lambda s: save_township(s, actor=self.ctx.actor, **changed),
            inline=True,
            what=self.ctx.change(Area.SETTINGS),
        )
        return self.finish_save(problem)
