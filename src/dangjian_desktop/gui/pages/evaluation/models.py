"""The table models of 综合评价: the ranking with its quota line, and the area indicators."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from dangjian_desktop.domain.scoring import VETO_NAMES, Grade
from dangjian_desktop.gui.models import AMBER, GREEN, GREY, RED, ROW_ROLE, RowsModel
from dangjian_desktop.gui.pages.evaluation.common import QUOTA_BG
from dangjian_desktop.services import evaluation as ev

if TYPE_CHECKING:
    from dangjian_desktop.gui.pages.evaluation.common import Index


@dataclass(frozen=True)
class QuotaLine:
    """The separator drawn under the last branch within the quota."""

    quota: int

    @property
    def text(self) -> str:
        return f"—— 名额线（先进名额{self.quota}个）——"


ResultRow = ev.ResultLine | QuotaLine


def grade_text(line: ev.ResultLine) -> str:
    """The 等次 as the clerk should read it: a branch is 不参评 only for a reason (a veto, no
    plan); one whose scores are not in yet is 未评分, or 评分未完成 when some are."""
    if line.missing:
        nothing = line.self_total is None and line.assessment_total is None
        return "未评分" if nothing else "评分未完成"
    return line.grade_name


def result_value(getter: Callable[[ev.ResultLine], Any]) -> Callable[[ResultRow], Any]:
    return lambda row: getter(row) if isinstance(row, ev.ResultLine) else ""


class ResultsModel(RowsModel[ResultRow]):
    """The ranking with a quota separator row (spanning all columns; see ResultsTab)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self.rows):
            row = self.rows[index.row()]
            if isinstance(row, QuotaLine) and role != ROW_ROLE:
                if role == Qt.ItemDataRole.DisplayRole:
                    return row.text if index.column() == 0 else ""
                if role == Qt.ItemDataRole.TextAlignmentRole:
                    return int(Qt.AlignmentFlag.AlignCenter)
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(RED)
                if role == Qt.ItemDataRole.BackgroundRole:
                    return QBrush(QUOTA_BG)
                if role == Qt.ItemDataRole.FontRole:
                    font = QFont()
                    font.setBold(True)
                    return font
                if role == Qt.ItemDataRole.ToolTipRole:
                    return "名额线以上（含同分并列）的单位是先进候选。"
                return None
        return super().data(index, role)


def grade_color(line: ev.ResultLine) -> QColor | None:
    return {
        Grade.ADVANCED.value: RED,
        Grade.QUALIFIED.value: GREEN,
        Grade.UNQUALIFIED.value: AMBER,
        Grade.INELIGIBLE.value: GREY,
    }.get(line.grade)


YES_NO = {None: "未填", True: "是", False: "否"}
YES_NO_BACK = {"未填": None, "是": True, "否": False}


@dataclass(frozen=True)
class IndicatorField:
    title: str
    attr: str
    kind: str  # "bool" | "rank" | "text"
    width: int


INDICATOR_FIELDS = (
    IndicatorField("党组织", "branch_name", "text", 170),
    IndicatorField("公信度调查得分\n高于全省平均", "credibility_above_average", "bool", 118),
    IndicatorField("书记抓党建责任制\n考核全县排名", "secretary_rank", "rank", 130),
    IndicatorField("目标管理考核\n全部合格", "targets_all_passed", "bool", 110),
    IndicatorField("年度综合考核\n全县排名", "annual_rank", "rank", 110),
    IndicatorField("一票否决", "vetoes", "text", 150),
    IndicatorField("否决情况说明", "veto_note", "text", 300),
)


class IndicatorModel(QAbstractTableModel):
    """The seed's area indicators per branch, edited in place; each edit is saved at once."""

    sig_edited = Signal(int, str, object)
    """(branch id, field name, new value) — the panel saves it through the service."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ev.IndicatorLine] = []
        self.read_only = False

    def set_rows(self, rows: list[ev.IndicatorLine]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(INDICATOR_FIELDS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(INDICATOR_FIELDS):
            return INDICATOR_FIELDS[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return section + 1
        return None

    def _text(self, line: ev.IndicatorLine, field: IndicatorField) -> str:
        value = getattr(line, field.attr)
        if field.kind == "bool":
            return YES_NO[value]
        if field.attr == "vetoes":
            return "、".join(VETO_NAMES[v] for v in value)
        if field.attr == "veto_note":
            return value if line.vetoes else ""
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(INDICATOR_FIELDS):
            return None
        line = self.rows[index.row()]
        field = INDICATOR_FIELDS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, field)
        if role == Qt.ItemDataRole.TextAlignmentRole and field.kind != "text":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if field.attr == "vetoes" or (
                field.kind == "bool" and getattr(line, field.attr) is False
            ):
                return QBrush(RED)
            if field.kind != "text" and getattr(line, field.attr) is None:
                return QBrush(GREY)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if field.attr in ("vetoes", "veto_note"):
                return line.veto_note if line.vetoes else "双击或点“一票否决…”认定"
            if field.attr == "targets_all_passed":
                return "填“否”即按“目标管理考核不合格”一票否决"
            if field.kind == "rank":
                return "填全县排名（正整数），不知道就空着"
            return None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and INDICATOR_FIELDS[index.column()].kind in ("bool", "rank"):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        field = INDICATOR_FIELDS[index.column()]
        line = self.rows[index.row()]
        text = "" if value is None else str(value).strip()
        new: bool | int | None
        if field.kind == "bool":
            if text not in YES_NO_BACK:
                return False
            new = YES_NO_BACK[text]
        else:
            if text and not text.isdigit():
                return False
            new = int(text) if text else None
        if new == getattr(line, field.attr):
            return True
        self.sig_edited.emit(line.branch_id, field.attr, new)
        return True
