"""Paper forms the office uses: 签收单, 统一考核评分表, 综合评价汇总表, 工作总结, 推荐表."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as _rl_paragraph

from dangjian_desktop.documents.common import (
    BLACK,
    GREY,
    NO_LINE_START,
    atomic_output,
    wrap_text,
)
from dangjian_desktop.documents.data import (
    ReceiptData,
    RecommendationData,
    ResultRow,
    ResultsTableData,
    ScoreSheetData,
    WorkSummaryData,
)
from dangjian_desktop.documents.fonts import (
    FANGSONG,
    HEITI,
    TITLE_SONG,
    draw_text,
    markup,
    register_fonts,
)
from dangjian_desktop.documents.gbt9704 import TITLE, TITLE_SIZE, GridWriter
from dangjian_desktop.documents.notices import write_body
from dangjian_desktop.domain.calendar import late_text
from dangjian_desktop.domain.numbers import plain
from dangjian_desktop.domain.text import arabic_date

# reportlab's CJK wrapping knows only the Japanese line-start rules, so "，；：？！》”" could
# start a line ("排名第11" / "，未达到先进分数线" in the results table). The Chinese 避头 set is
# added once, to both of its breakers: such a mark now hangs at the end of the line before, as
# GB/T 15834 allows.
for _module in (_rl_textsplit, _rl_paragraph):
    _module.ALL_CANNOT_START += "".join(sorted(NO_LINE_START - set(_module.ALL_CANNOT_START)))


CREATOR = "党建先进单位创建管理"
DEEDS_LINES_PER_ROW = 6  # 主要事迹 grows by rows of this many lines
# Table draws even empty cells with its font: never let that be the unembedded Helvetica.
_BASE = [("FONTNAME", (0, 0), (-1, -1), FANGSONG)]
BLANK_DATE = "\xa0" * 8 + "年" + "\xa0" * 5 + "月" + "\xa0" * 5 + "日"  # nbsp: kept by Paragraph


def _style(name: str, font: str, size: float, align: int = TA_LEFT, leading: float = 1.35) -> Any:
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=size * leading, alignment=align, wordWrap="CJK"
    )


_TAGS = re.compile(r"(<br/>|</?u>)")


def _p(text: str, style: Any) -> Paragraph:
    """A paragraph of plain text; only the literal tags <br/>, <u>, </u> are markup."""
    parts = _TAGS.split(text)
    return Paragraph(
        "".join(p if i % 2 else markup(p, style.fontName) for i, p in enumerate(parts)), style
    )


def _numbered_canvas(label: str) -> type:
    """A canvas that writes "第 n 页 共 N 页" at the foot of every page once all are known."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                width, _ = self._pagesize
                self.setFillColor(GREY)
                text = f"{label}第 {self._pageNumber} 页　共 {total} 页"
                draw_text(self, width / 2, 9 * mm, text, FANGSONG, 9, "center")
                super().showPage()
            super().save()

    return NumberedCanvas


def _document(path: Path, pagesize: Any, title: str, author: str, margins_mm: float = 15) -> Any:
    return SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=margins_mm * mm,
        rightMargin=margins_mm * mm,
        topMargin=margins_mm * mm,
        bottomMargin=(margins_mm + 5) * mm,
        title=title,
        author=author,
        creator=CREATOR,
        initialFontName=FANGSONG,
    )


# -- 签收单 -------------------------------------------------------------------------------------


def build_receipt(data: ReceiptData, path: Path | str) -> Path:
    """One A4 page: the 存根 kept by the office above, the 回执 for the branch below, with a
    cut line between them. Lateness is stated, never hidden."""
    register_fonts()
    target = Path(path)
    width, height = A4
    with atomic_output(target) as temp:
        c = Canvas(str(temp), pagesize=A4, initialFontName=FANGSONG)
        c.setTitle(f"材料签收单 {data.number}")
        c.setCreator(CREATOR)
        for half, copy in enumerate(("存根", "回执")):
            top = height - 14 * mm - half * height / 2
            _receipt_half(c, data, copy, top, width)
        # the cut line
        c.setStrokeColor(GREY)
        c.setDash(4, 3)
        c.setLineWidth(0.6)
        c.line(10 * mm, height / 2, width - 10 * mm, height / 2)
        c.setDash()
        c.setFillColor(GREY)
        draw_text(c, width / 2, height / 2 - 3.5 * mm, "（沿此线剪开）", FANGSONG, 8, "center")
        c.showPage()
        c.save()
    return target


def _lateness(data: ReceiptData) -> str:
    if data.due_on is None:
        return "—"
    if data.days_late:
        return late_text(data.days_late)
    return "按时报送"


def _receipt_half(c: Any, data: ReceiptData, copy: str, top: float, width: float) -> None:
    c.setFillColor(BLACK)
    title = f"{data.round_label}创建基层党组织建设先进单位材料签收单"
    draw_text(c, width / 2, top - 6 * mm, title, TITLE_SONG, 16, "center")
    draw_text(c, width / 2, top - 13 * mm, f"（{copy}）", FANGSONG, 12, "center")
    draw_text(c, width - 22 * mm, top - 20 * mm, f"编号：{data.number}", FANGSONG, 10.5, "right")
    label = _style("label", HEITI, 11, TA_CENTER)
    value = _style("value", FANGSONG, 11)
    due = arabic_date(data.due_on) if data.due_on else "—"
    rows = [
        [_p("报送单位", label), _p(data.branch_name, value), "", ""],
        [_p("材料名称", label), _p(data.item_name, value), "", ""],
        [
            _p("报送形式", label),
            _p(data.form, value),
            _p("份　　数", label),
            _p(data.copies, value),
        ],
        [
            _p("规定报送时间", label),
            _p(due, value),
            _p("实际报送时间", label),
            _p(arabic_date(data.received_on), value),
        ],
        [_p("是否按时", label), _p(_lateness(data), value), "", ""],
        [_p("备　　注", label), _p(data.remark, value), "", ""],
    ]
    table = Table(rows, colWidths=[30 * mm, 60 * mm, 30 * mm, 46 * mm], rowHeights=[9.5 * mm] * 6)
    table.setStyle(
        TableStyle(
            [
                *_BASE,
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("SPAN", (1, 0), (3, 0)),
                ("SPAN", (1, 1), (3, 1)),
                ("SPAN", (1, 4), (3, 4)),
                ("SPAN", (1, 5), (3, 5)),
            ]
        )
    )
    table_w, table_h = table.wrapOn(c, width, 200 * mm)
    x = (width - table_w) / 2
    table.drawOn(c, x, top - 23 * mm - table_h)
    y = top - 23 * mm - table_h - 10 * mm
    submitted = data.submitted_by or "＿＿＿＿＿＿"
    received = data.received_by or "＿＿＿＿＿＿"
    draw_text(c, x, y, f"报送人（签字）：{submitted}", FANGSONG, 11)
    draw_text(c, x + table_w / 2, y, f"签收人（签字）：{received}", FANGSONG, 11)
    y -= 10 * mm
    office = data.office or "镇党委创先争优活动领导小组办公室"
    draw_text(c, x + table_w, y, f"{office}（盖章）", FANGSONG, 11, "right")
    y -= 7 * mm
    draw_text(
        c, x + table_w, y, f"签收日期：{arabic_date(data.received_on)}", FANGSONG, 11, "right"
    )


# -- 统一考核评分表 -------------------------------------------------------------------------------


def build_score_sheets(data_list: Sequence[ScoreSheetData], path: Path | str) -> Path:
    """Blank score sheets: for each assessor, one page per branch with every item printed."""
    register_fonts()
    target = Path(path)
    with atomic_output(target) as temp:
        doc = _document(temp, A4, "统一考核评分表", data_list[0].organ if data_list else "", 14)
        story: list[Any] = []
        for data in data_list:
            for branch in data.branches:
                if story:
                    story.append(PageBreak())
                story.extend(_score_sheet(data, branch, doc.width, doc.height))
        if not story:
            story.append(Spacer(1, 1))
        doc.build(story, canvasmaker=_numbered_canvas("统一考核评分表　"))
    return target


def _points(value: Decimal) -> str:
    return plain(value)


def _score_sheet(data: ScoreSheetData, branch: str, width: float, height: float) -> list[Any]:
    title = _style("title", TITLE_SONG, 17, TA_CENTER, 1.3)
    info = _style("info", FANGSONG, 11)
    head = _style("head", HEITI, 10, TA_CENTER)
    cell_c = _style("cell_c", FANGSONG, 9.5, TA_CENTER)
    area_style = _style("area", HEITI, 9.5, TA_CENTER)
    story: list[Any] = [
        _p(f"{data.round_label}创建基层党组织建设先进单位<br/>统一考核评分表", title),
        Spacer(1, 4 * mm),
        Table(
            [
                [
                    _p(f"被考核党组织：<u>{branch}</u>", info),
                    _p(f"考核组成员：<u>{data.assessor_name}</u>", info),
                ]
            ],
            colWidths=[width * 0.6, width * 0.4],
            style=[*_BASE, ("LEFTPADDING", (0, 0), (-1, -1), 0)],
        ),
        Spacer(1, 2 * mm),
    ]
    col_widths = [25 * mm, 12 * mm, 0.0, 12 * mm, 14 * mm, 36 * mm]
    col_widths[2] = width - sum(col_widths)
    for desc_size in (8.5, 8.0, 7.5, 7.0, 0.0):
        table = _score_table(data, head, cell_c, area_style, col_widths, desc_size)
        _, table_h = table.wrap(width, height)
        if table_h < height - 48 * mm:
            break
    story.append(table)
    story.append(Spacer(1, 3 * mm))
    story.append(_p("说明：各项得分保留一位小数，不得超过该项分值；扣分须写明理由。", info))
    story.append(Spacer(1, 7 * mm))
    story.append(
        Table(
            [
                [
                    _p("考核组成员（签字）：＿＿＿＿＿＿＿＿", info),
                    _p(f"日期：　　　{BLANK_DATE}", info),
                ]
            ],
            colWidths=[width * 0.55, width * 0.45],
            style=_BASE,
        )
    )
    return story


def short_description(text: str, limit: int = 60) -> str:
    """The first sentence of an item's description, cut at a clause when it is long."""
    first = text.split("。")[0]
    if len(first) > limit:
        clauses = first.split("；")
        first = clauses[0]
        for clause in clauses[1:]:
            if len(first) + len(clause) + 1 > limit:
                break
            first += "；" + clause
    return first.rstrip("；，") + "。"


def _score_table(
    data: ScoreSheetData,
    head: Any,
    cell_c: Any,
    area_style: Any,
    col_widths: list[float],
    desc_size: float,
) -> Table:
    name_style = _style("name", HEITI, 9.5, TA_LEFT, 1.3)
    desc_style = _style("desc", FANGSONG, desc_size or 8, TA_LEFT, 1.3)
    rows: list[list[Any]] = [
        [_p(h, head) for h in ("考核项目", "序号", "考核内容", "分值", "得分", "扣分理由")]
    ]
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    area_start = 1
    area_points = Decimal(0)
    for index, item in enumerate(data.items):
        content: list[Any] = [_p(item.name, name_style)]
        if desc_size and item.description:
            content.append(_p(short_description(item.description), desc_style))
        rows.append(["", _p(item.code, cell_c), content, _p(_points(item.points), cell_c), "", ""])
        area_points += item.points
        last_in_area = (
            index == len(data.items) - 1 or data.items[index + 1].area_name != item.area_name
        )
        if last_in_area:
            row = len(rows) - 1
            label = f"{item.area_name}<br/>（{_points(area_points)}分）"
            rows[area_start][0] = _p(label, area_style)
            if row > area_start:
                spans.append(("SPAN", (0, area_start), (0, row)))
            area_start = row + 1
            area_points = Decimal(0)
    total = sum((item.points for item in data.items), Decimal(0))
    rows.append([_p("合　计", head), "", "", _p(_points(total), cell_c), "", ""])
    last = len(rows) - 1
    table = Table(rows, colWidths=col_widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                *_BASE,
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
                ("SPAN", (0, last), (2, last)),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *spans,
            ]
        )
    )
    return table


# -- 综合评价汇总表 -------------------------------------------------------------------------------


def _score(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


RESULTS_HEADER = (
    "名次",
    "党组织名称",
    "类别",
    "自检自查\n得分",  # two balanced lines, never "自检自查得/分"
    "统一考核\n得分",
    "综合得分",
    "否决事项",
    "评定等次",
    "备注",
)
# The last rows that go to a new page together with the note and the signatures: a page never
# ends the table with one row alone, and the 制表人/审核人 line never stands on a page by itself.
RESULTS_TAIL_ROWS = 2


def _result_cells(r: ResultRow, cell: Any, cell_c: Any) -> list[Any]:
    return [
        _p("" if r.rank is None else str(r.rank), cell_c),
        _p(r.branch_name, cell),
        _p(r.sector, cell_c),
        _p(_score(r.self_check), cell_c),
        _p(_score(r.assessment), cell_c),
        _p(_score(r.combined), cell_c),
        _p(r.vetoes or "无", cell_c if not r.vetoes else cell),
        _p(r.grade, cell_c),
        _p(r.remark, cell),
    ]


def _results_footer(data: ResultsTableData, width: float) -> list[Any]:
    """说明 and the three signatures, as one cell spanning the table (so they stay with its rows)."""
    info = _style("info", FANGSONG, 10.5)
    info_r = _style("info_r", FANGSONG, 10.5, TA_RIGHT)
    sign = Table(
        [
            [
                _p(f"制表人：{data.prepared_by or '＿＿＿＿＿＿'}", info),
                _p(f"审核人：{data.checked_by or '＿＿＿＿＿＿'}", info),
                _p(f"审批人：＿＿＿＿＿＿　　{BLANK_DATE}", info_r),
            ]
        ],
        colWidths=[width / 3] * 3,
        style=[*_BASE, ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)],
    )
    note = [_p(f"说明：{data.weights_note}", info)] if data.weights_note else []
    return [*note, Spacer(1, 3 * mm), sign]


def _results_grid(data: ResultsTableData, width: float) -> LongTable:
    head = _style("head", HEITI, 10, TA_CENTER)
    cell = _style("cell", FANGSONG, 10, TA_LEFT, 1.3)
    cell_c = _style("cell_c", FANGSONG, 10, TA_CENTER, 1.3)
    rows: list[list[Any]] = [[_p(h, head) for h in RESULTS_HEADER]]
    rows += [_result_cells(r, cell, cell_c) for r in data.rows]
    last = len(rows) - 1
    rows.append([_results_footer(data, width)] + [""] * (len(RESULTS_HEADER) - 1))
    widths = [13, 56, 30, 24, 24, 22, 32, 20, 0]  # 类别 holds “事业单位-其他” on one line
    widths[-1] = width / mm - sum(widths)
    table = LongTable(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    tail = max(1, last - RESULTS_TAIL_ROWS + 1)
    table.setStyle(
        TableStyle(
            [
                *_BASE,
                ("GRID", (0, 0), (-1, last), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, last), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
                ("TOPPADDING", (0, 0), (-1, last), 3),
                ("BOTTOMPADDING", (0, 0), (-1, last), 4),
                ("SPAN", (0, last + 1), (-1, last + 1)),
                ("LEFTPADDING", (0, last + 1), (-1, last + 1), 0),
                ("RIGHTPADDING", (0, last + 1), (-1, last + 1), 0),
                ("TOPPADDING", (0, last + 1), (-1, last + 1), 8),
                ("NOSPLIT", (0, tail), (-1, last + 1)),
            ]
        )
    )
    return table


def build_results_table(data: ResultsTableData, path: Path | str) -> Path:
    """Landscape A4; the header row repeats on every page, and the last rows go over to a new
    page together with the note and the signatures rather than leave one of them alone."""
    register_fonts()
    target = Path(path)
    with atomic_output(target) as temp:
        doc = _document(temp, landscape(A4), "综合评价汇总表", data.organ, 14)
        title = _style("title", TITLE_SONG, 18, TA_CENTER)
        info = _style("info", FANGSONG, 10.5)
        info_r = _style("info_r", FANGSONG, 10.5, TA_RIGHT)
        story: list[Any] = [
            _p(f"{data.round_label}创建基层党组织建设先进单位综合评价汇总表", title),
            Spacer(1, 3 * mm),
            Table(
                [
                    [
                        _p(f"填报单位：{data.organ}", info),
                        _p(f"填报日期：{arabic_date(data.prepared_on)}", info_r),
                    ]
                ],
                colWidths=[doc.width / 2, doc.width / 2],
                style=[
                    *_BASE,
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ],
            ),
            Spacer(1, 1.5 * mm),
            _results_grid(data, doc.width),
        ]
        doc.build(story, canvasmaker=_numbered_canvas(""))
    return target


# -- 工作总结 -----------------------------------------------------------------------------------


def build_work_summary(data: WorkSummaryData, path: Path | str) -> Path:
    """The round's 工作总结 in the notice typography (no red header)."""
    register_fonts()
    target = Path(path)
    with atomic_output(target) as temp:
        writer = GridWriter(str(temp), title=data.title, author=data.organ)
        writer.centred(data.title, TITLE, TITLE_SIZE)
        writer.skip(1)
        signed = bool(data.organ or data.signed_on)
        tail = writer.signature_lines(seal_space=False) if signed else 0
        write_body(writer, data.paragraphs, data.tables, tail=tail)
        if signed:
            date_text = arabic_date(data.signed_on) if data.signed_on else ""
            writer.signature(data.organ, date_text, seal_space=False)
        writer.save()
    return target


# -- 推荐表 -------------------------------------------------------------------------------------


_FORM_COMMON = [
    *_BASE,
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
]


def _deeds_lines(deeds: str, width: float) -> list[Any]:
    """主要事迹 as lines broken by our own breaker (避头尾, nothing past the edge)."""
    line_style = _style("deeds", FANGSONG, 11, TA_LEFT, 1.55)
    first_style = _style("deeds_first", FANGSONG, 11, TA_LEFT, 1.55)
    first_style.leftIndent = 22
    lines: list[Any] = []
    for paragraph in (p.strip() for p in deeds.split("\n")):
        if paragraph:
            wrapped = wrap_text("\u3000\u3000" + paragraph, FANGSONG, 11, width - 1)
            lines.append(_p(wrapped[0][2:], first_style))  # 首行缩进二字
            lines += [_p(line, line_style) for line in wrapped[1:]]
    return lines or [_p("", line_style)]


def _recommendation_opinions(data: RecommendationData, col: list[float]) -> Table:
    """The recommending organ's 意见 (signed, dated) and the receiving organ's blank one."""
    label = _style("label", HEITI, 11, TA_CENTER)
    upper_label = _style("upper", HEITI, 10, TA_CENTER)
    body = _style("body", FANGSONG, 11, TA_LEFT, 1.55)
    body.firstLineIndent = 22
    right = _style("right", FANGSONG, 11, TA_RIGHT)
    upper = data.recipient_organ or "上级党委组织部门"
    opinions: list[list[Any]] = [
        [
            _p("<br/>".join(f"{data.recommended_by}意见"), label),
            [
                _p(data.committee_opinion, body),
                Spacer(1, 10 * mm),
                _p(f"{data.issuer.organ}（盖章）", right),
                _p(arabic_date(data.signed_on), right),
            ],
            "",
            "",
        ],
        [
            _p("<br/>".join(wrap_text(f"{upper}意见", HEITI, 10, col[0] - 12)), upper_label),
            [Spacer(1, 16 * mm), _p("（盖章）", right), _p(BLANK_DATE, right)],
            "",
            "",
        ],
    ]
    style = TableStyle(
        [
            *_FORM_COMMON,
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("SPAN", (1, 0), (3, 0)),
            ("SPAN", (1, 1), (3, 1)),
        ]
    )
    return Table(opinions, colWidths=col, style=style)


def _recommendation_rows(
    data: RecommendationData, deeds: list[Any]
) -> tuple[list[list[Any]], TableStyle]:
    """The facts two to a row, then 主要事迹 in rows of lines read as one box: a long text grows
    the form by rows, and a page may break between them (the box is closed and opened again)."""
    label = _style("label", HEITI, 11, TA_CENTER)
    value = _style("value", FANGSONG, 11)
    name_label = "单位名称" if data.kind == "branch" else "姓　　名"
    rows: list[list[Any]] = [[_p(name_label, label), _p(data.name, value), "", ""]]
    pairs = list(data.fields)
    for i in range(0, len(pairs), 2):
        row: list[Any] = []
        for name, text in pairs[i : i + 2]:
            row += [_p(name, label), _p(text, value)]
        rows.append(row + [""] * (4 - len(row)))
    deeds_row = len(rows)
    for index in range(0, len(deeds), DEEDS_LINES_PER_ROW):
        heading = _p("主<br/>要<br/>事<br/>迹", label) if index == 0 else ""
        rows.append([heading, deeds[index : index + DEEDS_LINES_PER_ROW], "", ""])
    last_deeds = len(rows) - 1
    spans = [("SPAN", (1, 0), (3, 0))]
    spans += [("SPAN", (1, r), (3, r)) for r in range(deeds_row, len(rows))]
    spans += [("SPAN", (1, r), (3, r)) for r in range(1, deeds_row) if rows[r][2] == ""]
    style = TableStyle(
        [
            *_FORM_COMMON,
            ("GRID", (0, 0), (-1, deeds_row - 1), 0.6, colors.black),
            # the deeds rows read as one box: no rules between them
            ("BOX", (0, deeds_row), (0, last_deeds), 0.6, colors.black),
            ("BOX", (1, deeds_row), (3, last_deeds), 0.6, colors.black),
            ("VALIGN", (1, deeds_row), (1, last_deeds), "TOP"),
            # where a page break falls inside the box, it is closed and opened again
            ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.6, colors.black),
            ("LINEABOVE", (0, "splitfirst"), (-1, "splitfirst"), 0.6, colors.black),
            ("TOPPADDING", (0, deeds_row + 1), (-1, last_deeds), 0),
            ("BOTTOMPADDING", (0, deeds_row), (-1, last_deeds - 1), 0),
            *spans,
        ]
    )
    return rows, style


def build_recommendation_form(data: RecommendationData, path: Path | str) -> Path:
    """推荐表 for the county, prefecture or province: one page, a ruled form."""
    register_fonts()
    target = Path(path)
    with atomic_output(target) as temp:
        doc = _document(temp, A4, "推荐表", data.issuer.organ, 18)
        honour = "基层党组织建设先进党组织" if data.kind == "branch" else "优秀共产党员"
        title = _style("title", TITLE_SONG, 18, TA_CENTER, 1.4)
        info = _style("info", FANGSONG, 10.5)
        info_r = _style("info_r", FANGSONG, 10.5, TA_RIGHT)
        col = [26 * mm, 0.0, 26 * mm, 0.0]
        col[1] = col[3] = (doc.width - 52 * mm) / 2
        deeds_w = doc.width - col[0] - 12  # the cell's padding, 6 pt each side
        rows, style = _recommendation_rows(data, _deeds_lines(data.deeds, deeds_w))
        table = Table(rows, colWidths=col, style=style)
        opinion_table = _recommendation_opinions(data, col)
        _, natural_h = table.wrap(doc.width, doc.height)
        _, opinion_h = opinion_table.wrap(doc.width, doc.height)
        # on one page, the deeds box takes what is left of it, so that the form fills the page
        spare = doc.height - natural_h - opinion_h - 24 * mm
        if spare > 0:
            heights: list[float | None] = [None] * len(rows)
            cell = rows[-1][1]
            last_h = sum(p.wrap(deeds_w, doc.height)[1] for p in cell) + 11
            heights[-1] = last_h + spare
            table = Table(rows, colWidths=col, rowHeights=heights, style=style)
        story = [
            _p(f"{data.round_label}{data.level}{honour}推荐表", title),
            Spacer(1, 3 * mm),
            Table(
                [
                    [
                        _p(f"推荐单位：{data.issuer.organ}（盖章）", info),
                        _p(f"填表日期：{arabic_date(data.signed_on)}", info_r),
                    ]
                ],
                colWidths=[doc.width * 0.6, doc.width * 0.4],
                style=[
                    *_BASE,
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ],
            ),
            Spacer(1, 2 * mm),
            table,
            KeepTogether([opinion_table]),  # the opinions stay together, never one row alone
        ]
        doc.build(story, canvasmaker=_numbered_canvas(""))
    return target
