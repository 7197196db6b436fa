"""Plain data the builders print. No database, no Qt: services fill these and call a builder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any, Literal

from dangjian_desktop.documents.kinds import NOTICE_KINDS as NOTICE_KINDS

RecipientKind = Literal["branch", "member"]
Align = Literal["left", "center", "right"]

BRANCH_TITLE = "基层党组织建设先进党支部"
GENERAL_BRANCH_TITLE = "基层党组织建设先进党总支"
MEMBER_TITLE = "优秀共产党员"


IssuedBy = Literal["committee", "office"]


@dataclass(frozen=True)
class Organ:
    """One issuing organ as it appears on paper: its 版头, 代字 and 署名 always agree."""

    mark: str  # 发文机关标志: 中共××镇委员会文件, or the office's name in the 信函格式
    prefix: str  # 发文机关代字: ×党发
    signature: str  # 发文机关署名
    letter: bool = False  # 信函格式 instead of the 文件 header


@dataclass(frozen=True)
class Issuer:
    """The township committee and its leading group's office as they appear on paper."""

    organ: str  # 中共××镇委员会
    office: str  # 中共××镇委员会创先争优活动领导小组办公室
    doc_prefix: str  # ×党发
    seal_text: str = ""
    county: str = ""
    prefecture: str = ""
    province: str = ""
    organ_mark: str = ""  # empty: 中共××镇委员会文件
    office_mark: str = ""  # empty: the office's name (信函格式) or its name + 文件
    office_prefix: str = ""  # empty: ×党创办
    office_signature: str = ""  # empty: the office's name
    office_letter: bool = True

    @property
    def committee_organ(self) -> Organ:
        return Organ(self.organ_mark or f"{self.organ}文件", self.doc_prefix, self.organ)

    @property
    def office_organ(self) -> Organ:
        default_mark = self.office if self.office_letter else f"{self.office}文件"
        return Organ(
            self.office_mark or default_mark,
            self.office_prefix or default_office_prefix(self.doc_prefix),
            self.office_signature or self.office,
            self.office_letter,
        )

    def organ_of(self, issued_by: IssuedBy) -> Organ:
        return self.office_organ if issued_by == "office" else self.committee_organ


def default_office_prefix(doc_prefix: str) -> str:
    """石党发 -> 石党创办: the leading group office's own 代字 when none is set."""
    return doc_prefix.removesuffix("发") + "创办"


@dataclass(frozen=True)
class CertificateData:
    number: str
    recipient: str  # branch name, or the member's name (without 同志)
    recipient_kind: RecipientKind
    branch_name: str  # the branch itself, or the member's branch
    title: str  # BRANCH_TITLE / GENERAL_BRANCH_TITLE / MEMBER_TITLE
    round_label: str  # 2025—2026年度
    issuer: Issuer
    issued_on: dt.date


@dataclass(frozen=True)
class OverlayField:
    """One text field on pre-printed paper, in mm from the paper's top-left corner.

    `y_mm` is the baseline of the first line. `width_mm` is the room the text may take: a longer
    text shrinks (down to `min_size_pt`) and then wraps, it is never clipped. For right-aligned
    fields x is the right edge, for centred fields the centre.
    """

    x_mm: float
    y_mm: float
    width_mm: float
    size_pt: float
    align: Align = "left"
    min_size_pt: float = 12.0


@dataclass(frozen=True)
class OverlayCalibration:
    """Where the text goes on a blank certificate insert, and the printer's offsets (per printer).

    The default suits the common A4 landscape 荣誉证书 insert (297 × 210 mm) whose printed
    frame and title leave the middle free. Positive offsets move all text right / down.
    """

    paper_width_mm: float = 297.0
    paper_height_mm: float = 210.0
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    recipient: OverlayField = OverlayField(48, 92, 200, 26, "left", 16)
    reason: OverlayField = OverlayField(48, 110, 200, 20, "left", 14)
    organ: OverlayField = OverlayField(230, 160, 90, 18, "center", 12)
    date: OverlayField = OverlayField(230, 172, 90, 16, "center", 12)
    number: OverlayField = OverlayField(40, 186, 120, 11, "left", 8)
    background: str = ""  # a photo or scan of the blank paper, for the calibration preview

    @classmethod
    def for_paper(cls, width_mm: float, height_mm: float) -> OverlayCalibration:
        """A starting layout for paper of this size: the A4 landscape layout scaled to a
        landscape sheet, a portrait layout scaled to a portrait one."""
        landscape = width_mm >= height_mm
        base_w, base_h = (297.0, 210.0) if landscape else (210.0, 297.0)
        fx, fy = width_mm / base_w, height_mm / base_h
        fs = min(fx, fy)
        template = cls() if landscape else _PORTRAIT

        def scaled(f: OverlayField) -> OverlayField:
            return OverlayField(
                round(f.x_mm * fx, 1),
                round(f.y_mm * fy, 1),
                round(f.width_mm * fx, 1),
                round(f.size_pt * fs, 1),
                f.align,
                round(max(6.0, f.min_size_pt * fs), 1),
            )

        fields: dict[str, Any] = {name: scaled(getattr(template, name)) for name in _FIELD_NAMES}
        return cls(paper_width_mm=width_mm, paper_height_mm=height_mm, **fields)

    def as_dict(self) -> dict[str, Any]:
        """For settings.json."""
        return asdict(self)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> OverlayCalibration:
        known: dict[str, Any] = {}
        for name, value in values.items():
            if name in _FIELD_NAMES and isinstance(value, Mapping):
                known[name] = OverlayField(**value)
            elif name in _NUMBER_NAMES:
                known[name] = float(value)
            elif name == "background":
                known[name] = str(value)
        return cls(**known)


_FIELD_NAMES = ("recipient", "reason", "organ", "date", "number")
_NUMBER_NAMES = ("paper_width_mm", "paper_height_mm", "offset_x_mm", "offset_y_mm")
_PORTRAIT = OverlayCalibration(
    paper_width_mm=210,
    paper_height_mm=297,
    recipient=OverlayField(25, 120, 160, 24, "left", 14),
    reason=OverlayField(25, 140, 160, 18, "left", 12),
    organ=OverlayField(145, 228, 90, 16, "center", 11),
    date=OverlayField(145, 240, 90, 14, "center", 11),
    number=OverlayField(25, 276, 120, 10, "left", 7),
)
# The certificate paper offices buy, (width, height) in mm as it goes through the printer.
# 开 sizes are the printing trade's 成品 (trimmed) sizes, which is what a pre-printed insert is cut
# to: the 正度 sheet is 787 × 1092 mm, the 大度 sheet 889 × 1194 mm.
#  - 正度8开 成品 260 × 370 mm, 大度8开 成品 285 × 420 mm (白料 270 × 390 and 295 × 440 before
#    trimming): "8开纸大度尺寸为285mm×420mm，正度尺寸为260mm×370mm"
#    (https://m.zhungen.com/baike/202304/164980.html; also https://www.mgksw.com/jingyan/yjkm88.html:
#    "白料270mm*390mm，成品260mm*370mm").
#  - 12开 is the 正度 sheet cut three by four, which the trade calls "近似正方形"
#    (http://www.sdnanyang.com/?c=msg&id=1538): 白料 262 × 273 mm, less the same 10 mm trim the
#    8开 figures show, 成品 252 × 263 mm. A "12开" insert sold in a narrower cover is measured and
#    entered as 自定义 in the calibration dialog; the check below warns when text leaves the paper.
#  - A4 is GB/T 148 (210 × 297 mm), the size GB/T 9704 documents and most inserts use.
PAPER_PRESETS: dict[str, tuple[float, float]] = {
    "A4横向（297×210毫米）": (297.0, 210.0),
    "A4纵向（210×297毫米）": (210.0, 297.0),
    "正度8开横向（370×260毫米）": (370.0, 260.0),
    "大度8开横向（420×285毫米）": (420.0, 285.0),
    "正度12开（263×252毫米）": (263.0, 252.0),
}


@dataclass(frozen=True)
class TableBlock:
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]


@dataclass(frozen=True)
class Annex:
    """An attachment printed after the signature, each starting on a new page (附件1, 附件2 …)."""

    title: str
    paragraphs: Sequence[str] = ()
    tables: Sequence[TableBlock] = ()


@dataclass(frozen=True)
class NoticeData:
    kind: str
    number: str  # 发文字号, e.g. ×党发〔2026〕3号
    title: str
    addressee: str  # 主送机关, e.g. 各党总支、党支部：
    paragraphs: Sequence[str]
    attachments_list: Sequence[str] = ()
    tables: Sequence[TableBlock] = ()  # printed after the paragraphs, within the body
    signature_organ: str = ""
    signed_on: dt.date = dt.date(2000, 1, 1)
    cc: str = ""  # 抄送
    printed_by: str = ""  # 印发机关
    printed_on: dt.date | None = None
    annexes: Sequence[Annex] = ()
    red_header: bool = True  # False for a plain document such as a 公示
    issued_by: IssuedBy = "committee"  # whose 版头, 代字 and 署名 it carries
    draft: bool = False  # a preview: watermarked 样稿, no number


@dataclass(frozen=True)
class ReceiptData:
    """One item a branch handed in (签收单)."""

    number: str  # 签收编号
    round_label: str
    branch_name: str
    item_name: str  # e.g. 创建工作实施方案
    received_on: dt.date
    due_on: dt.date | None = None
    form: str = "纸质"  # 纸质 / 电子 / 纸质和电子
    copies: str = ""  # e.g. 一式两份
    submitted_by: str = ""  # 报送人
    received_by: str = ""  # 签收人
    office: str = ""  # 领导小组办公室
    remark: str = ""

    @property
    def days_late(self) -> int:
        if self.due_on is None:
            return 0
        return max(0, (self.received_on - self.due_on).days)


@dataclass(frozen=True)
class ScoreItem:
    code: str  # 1.1
    name: str  # 执行力强
    points: Decimal
    area_name: str  # 领导班子坚强有力
    description: str = ""


@dataclass(frozen=True)
class ScoreSheetData:
    """Blank 统一考核评分表 for one assessor: one page per branch."""

    round_label: str
    assessor_name: str
    branches: Sequence[str]
    items: Sequence[ScoreItem]
    organ: str = ""


@dataclass(frozen=True)
class ResultRow:
    rank: int | None
    branch_name: str
    sector: str
    self_check: Decimal | None
    assessment: Decimal | None
    combined: Decimal | None
    vetoes: str = ""
    grade: str = ""
    remark: str = ""


@dataclass(frozen=True)
class ResultsTableData:
    round_label: str
    organ: str
    rows: Sequence[ResultRow]
    prepared_on: dt.date
    prepared_by: str = ""
    checked_by: str = ""
    weights_note: str = ""  # e.g. 综合得分＝自检自查×20%＋统一考核×80%


@dataclass(frozen=True)
class WorkSummaryData:
    title: str
    paragraphs: Sequence[str]
    organ: str = ""
    signed_on: dt.date | None = None
    tables: Sequence[TableBlock] = ()


@dataclass(frozen=True)
class RecommendationData:
    """推荐表 sent up to the 县/州/省 for a branch or a member."""

    kind: RecipientKind
    level: str  # 县级 / 州级 / 省级
    round_label: str
    name: str  # branch name, or member's name
    fields: Sequence[tuple[str, str]]  # (label, value) pairs printed two to a row
    deeds: str  # 主要事迹
    committee_opinion: str  # 镇党委意见
    issuer: Issuer
    signed_on: dt.date
    recipient_organ: str = ""  # the body that receives it, e.g. 中共××县委组织部
    recommended_by: str = (
        "镇党委"  # whose 意见 the form carries: 镇党委, or 县委组织部 at the county
    )
