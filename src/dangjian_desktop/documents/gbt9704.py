"""The GB/T 9704-2012 page: A4, text area 156 × 225 mm at 28 mm / 37 mm, 22 lines × 28 characters.

`GridWriter` lays CJK text out on that grid, one full-width character per cell, the way Word's
document grid does it: body 3号 (16 pt), 2-character paragraph indent, justified lines, simple
避头/避尾 (punctuation that may not start a line is pulled back onto the line before, which is
then set a little tighter so that it still ends at the right edge of the text area). Latin words
and Arabic numerals keep their natural half width. Tables, titles, the signature block, the
imprint (版记) and page numbers ("— 1 —", 4号, odd right, even left) follow the standard.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from dangjian_desktop.documents.common import (
    BLACK,
    NO_LINE_END,
    NO_LINE_START,
    WATERMARK,
    fit_size,
    group_pieces,
    is_wide,
    wrap_text,
)
from dangjian_desktop.documents.data import TableBlock
from dangjian_desktop.documents.fonts import (
    FANGSONG,
    HEITI,
    TITLE_SONG,
    WENKAI,
    draw_text,
    text_width,
)

PAGE_W, PAGE_H = float(A4[0]), float(A4[1])
LEFT = 28 * float(mm)
TOP = 37 * float(mm)
AREA_W = 156 * float(mm)
AREA_H = 225 * float(mm)
LINES = 22
CHARS = 28
PITCH = AREA_H / LINES
ADV = AREA_W / CHARS
BOTTOM = TOP + AREA_H  # distance from the top edge of the paper

BODY = FANGSONG  # 3号仿宋
TITLE = TITLE_SONG  # a bold 宋 in place of 2号方正小标宋
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
SMALL_SIZE = 14.0  # 4号
TABLE_SIZE = 12.0  # 小4号
HEADING_1 = HEITI  # 黑体
HEADING_2 = WENKAI  # 楷体, as the standard asks

# A line shorter than this (in cells) because a kept-together word went over is still set
# flush to the right edge; the grid's body lines are justified, never ragged.
JUSTIFY_SLACK = 8.0

_LEVEL_1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL_2 = re.compile(r"^（[一二三四五六七八九十]+）")


@dataclass(frozen=True)
class Token:
    text: str
    font: str
    cells: float
    wide: bool


def tokens(text: str, font: str, size: float = BODY_SIZE) -> list[Token]:
    """Full-width characters one cell each; a run of narrow characters at its natural width."""
    result: list[Token] = []
    word = ""

    def flush() -> None:
        nonlocal word
        if word:
            result.append(Token(word, font, text_width(word, font, size) / ADV, False))
            word = ""

    for char in text:
        if is_wide(char):
            flush()
            result.append(Token(char, font, 1.0 * size / BODY_SIZE, True))
        else:
            word += char
    flush()
    return result


def body_tokens(paragraph: str) -> list[Token]:
    """A body paragraph; a leading 一、… heading is set in the 黑体 stand-in, （一）… in 楷体.

    A heading is a line without sentence punctuation ("一、主要做法"), or the first sentence of a
    paragraph that goes on ("（一）自检自查。5月11日至…"). An enumerated item that is one
    sentence ("（二）党员活动场所长期闲置；") is body text.
    """
    for pattern, font in ((_LEVEL_1, HEADING_1), (_LEVEL_2, HEADING_2)):
        if pattern.match(paragraph):
            stop = paragraph.find("。")
            if stop < 0 and not any(p in paragraph for p in "；，：！？"):
                return tokens(paragraph, font)
            if 0 <= stop < len(paragraph) - 1:
                return tokens(paragraph[: stop + 1], font) + tokens(paragraph[stop + 1 :], BODY)
    return tokens(paragraph, BODY)


def break_lines(
    items: Sequence[Token], first_start: float, cont_start: float, capacity: float = CHARS
) -> list[tuple[float, list[Token]]]:
    """Break tokens into grid lines: [(start cell, tokens)]. A line may be overfull by the
    punctuation pulled back onto it (避头); `draw_line` then tightens it. A number with its unit,
    a short bracketed term, a name in a list or a fixed word (common.keep_spans) moves to the next
    line whole rather than being split."""
    lines: list[tuple[float, list[Token]]] = []
    start = first_start
    current: list[Token] = []
    used = 0.0
    groups = [[items[i] for i in indices] for indices in _token_groups(items)]
    queue: list[list[Token]] = groups
    while queue:
        group = queue.pop(0)
        token = group[0]
        cells = sum(t.cells for t in group)
        if len(group) > 1 and cells > capacity - cont_start:  # longer than a line: split it
            queue[:0] = [[t] for t in group]
            continue
        if not token.wide and len(group) == 1 and token.cells > capacity - cont_start:
            queue[:0] = [  # a very long Latin word
                [Token(c, token.font, token.cells / len(token.text), False)] for c in token.text
            ]
            continue
        if start + used + cells <= capacity + 1e-6 or not current:
            current.extend(group)
            used += cells
            continue
        if token.text[0] in NO_LINE_START and start + used + cells <= capacity + 2.01:
            current.extend(group)  # pulled back, the line is set tighter
            used += cells
            continue
        carry: list[Token] = []
        if token.text[0] in NO_LINE_START:
            while len(current) > 1:
                carry.insert(0, current.pop())
                if carry[0].text[0] not in NO_LINE_START:
                    break
        while len(current) > 1 and current[-1].text[-1] in NO_LINE_END:
            carry.insert(0, current.pop())
        lines.append((start, current))
        start = cont_start
        current = [*carry, *group]
        used = sum(t.cells for t in current)
    if current:
        lines.append((start, current))
    return lines


def _token_groups(items: Sequence[Token]) -> list[list[int]]:
    """Indices of `items` grouped so that no group boundary splits a common.keep_spans range."""
    groups = group_pieces([t.text for t in items])
    result: list[list[int]] = []
    index = 0
    for group in groups:
        result.append(list(range(index, index + len(group))))
        index += len(group)
    return result


def _narrow(token: Token, size: float) -> bool:
    return text_width(token.text, token.font, size) < 0.75 * size


class GridWriter:
    """Writes pages of a GB/T 9704 document onto one reportlab canvas."""

    def __init__(self, path: str, *, title: str, author: str, draft: bool = False) -> None:
        self.canvas = Canvas(path, pagesize=A4, pageCompression=1, initialFontName=BODY)
        self.canvas.setTitle(title)
        self.canvas.setAuthor(author)
        self.canvas.setCreator("党建先进单位创建管理")
        self.page = 1
        self.line = 0  # the next free grid line on this page
        self.draft = draft  # every page watermarked 样稿
        self.unnumbered: set[int] = set()  # pages without a page number (信函 first page, …)

    # -- positions ---------------------------------------------------------------------------

    @staticmethod
    def x(cell: float) -> float:
        return LEFT + cell * ADV

    @staticmethod
    def baseline(line: int | float, size: float) -> float:
        """The baseline that centres CJK glyphs of `size` in grid line `line`."""
        centre = TOP + (line + 0.5) * PITCH
        return PAGE_H - (centre + 0.36 * size)

    # -- pages -------------------------------------------------------------------------------

    def _watermark(self) -> None:
        c = self.canvas
        c.saveState()
        c.setFillColor(WATERMARK)
        c.translate(PAGE_W / 2, PAGE_H / 2)
        c.rotate(35)
        draw_text(c, 0, -40, "样稿", TITLE, 150, "center")
        c.setFont(BODY, 16)
        draw_text(c, 0, -90, "未印发，不作正式文件使用", BODY, 16, "center")
        c.restoreState()

    def _page_number(self) -> None:
        if self.draft:
            self._watermark()
        if self.page in self.unnumbered:
            return
        text = f"— {self.page} —"
        size = SMALL_SIZE
        # the 一字线 sits 7 mm below the text area; the dash is about 0.37 em above the baseline
        y = PAGE_H - (BOTTOM + 7 * mm + 0.37 * size)
        self.canvas.setFillColor(BLACK)
        if self.page % 2:
            draw_text(self.canvas, LEFT + AREA_W - size, y, text, BODY, size, "right")
        else:
            draw_text(self.canvas, LEFT + size, y, text, BODY, size, "left")

    def new_page(self) -> None:
        self._page_number()
        self.canvas.showPage()
        self.page += 1
        self.line = 0

    def need(self, lines: int) -> None:
        """Start a new page unless `lines` more grid lines fit on this one."""
        if self.line + lines > LINES:
            self.new_page()

    def skip(self, lines: int = 1) -> None:
        self.line += lines
        if self.line >= LINES:
            self.new_page()

    def save(self) -> None:
        self._page_number()
        self.canvas.showPage()
        self.canvas.save()

    # -- text --------------------------------------------------------------------------------

    def draw_line(
        self,
        line: int,
        start: float,
        items: Sequence[Token],
        *,
        justify: bool,
        capacity: float = CHARS,
        size: float = BODY_SIZE,
    ) -> None:
        natural = sum(t.cells for t in items)
        room = capacity - start
        scale, gap = 1.0, 0.0
        if natural > room + 1e-6:
            scale = room / natural
        elif justify and len(items) > 1 and room - natural < JUSTIFY_SLACK:
            gap = (room - natural) / (len(items) - 1)
        y = self.baseline(line, size)
        position = start
        for token in items:
            width = token.cells * scale
            if token.wide and token.text in "“‘”’" and _narrow(token, size):
                # a proportional quote (WenKai has them) hugs the text it belongs to
                closing = token.text in "”’"
                edge = position if closing else position + width
                align: Literal["left", "right"] = "left" if closing else "right"
                draw_text(self.canvas, self.x(edge), y, token.text, token.font, size, align)
            elif token.wide:
                draw_text(
                    self.canvas,
                    self.x(position + width / 2),
                    y,
                    token.text,
                    token.font,
                    size,
                    "center",
                )
            else:
                draw_text(self.canvas, self.x(position), y, token.text, token.font, size)
            position += width + gap

    def paragraph(
        self,
        items: Sequence[Token],
        *,
        first_start: float = 2,
        cont_start: float = 0,
        capacity: float = CHARS,
        justify: bool = True,
        tail: int = 0,
    ) -> None:
        """`tail` lines must follow on the same page as the paragraph's last line (the signature
        block): when they would not, the last two lines go over with them, so that a page never
        holds only the seal and the date."""
        lines = break_lines(items, first_start, cont_start, capacity)
        break_before = -1
        if tail and self.line + len(lines) <= LINES < self.line + len(lines) + tail:
            break_before = max(0, len(lines) - 2)
        for index, (start, line_items) in enumerate(lines):
            if index == break_before and self.line > 0:
                self.new_page()
            self.need(1)
            last = index == len(lines) - 1
            self.draw_line(
                self.line, start, line_items, justify=justify and not last, capacity=capacity
            )
            self.line += 1

    def body(self, text: str, *, tail: int = 0) -> None:
        if (_LEVEL_1.match(text) or _LEVEL_2.match(text)) and len(text) <= CHARS - 2:
            self.need(2)  # a heading is not left alone at the foot of a page
        self.paragraph(body_tokens(text), tail=tail)

    def flush_left(self, text: str, font: str = BODY) -> None:
        """A paragraph without indent (主送机关, 顶格)."""
        self.paragraph(tokens(text, font), first_start=0, cont_start=0)

    def centred(
        self, text: str, font: str, size: float, *, bold: bool = False, max_width: float = AREA_W
    ) -> None:
        """A centred title: one grid line per line, wrapped to a balanced pair when too long."""
        for part in title_lines(text, font, size, max_width):
            self.need(1)
            y = self.baseline(self.line, size)
            self.canvas.setLineWidth(size * 0.025)
            mode = 2 if bold else None
            draw_text(self.canvas, LEFT + AREA_W / 2, y, part, font, size, "center", mode=mode)
            self.line += 1

    # -- tables ------------------------------------------------------------------------------

    def table(self, block: TableBlock, *, size: float = TABLE_SIZE, tail: int = 0) -> None:
        """A ruled table across the text area; the header row is repeated on every new page.
        `tail` lines (the signature) must follow on the page of the last row, so the 署名 never
        stands on a page by itself: a short table moves whole, a long one carries its last row
        over under the repeated header."""
        columns = len(block.header)
        widths = column_widths(block, size)
        pad_x, pad_y, leading = 1.6 * mm, 1.6 * mm, size * 1.35
        aligns = _column_aligns(block, widths, size, pad_x)

        def wrapped(row: Sequence[str]) -> list[list[str]]:
            cells = [*row, *[""] * (columns - len(row))][:columns]
            return [
                wrap_text(str(cell), BODY, size, w - 2 * pad_x)
                for cell, w in zip(cells, widths, strict=True)
            ]

        def height(cells: list[list[str]]) -> float:
            return float(max(len(c) for c in cells) * leading + 2 * pad_y)

        header = [
            wrap_text(h, HEADING_1, size, w - 2 * pad_x)
            for h, w in zip(block.header, widths, strict=True)
        ]
        header_h = height(header)
        body = [wrapped(row) for row in block.rows]
        title_h = PITCH if block.title else 0.0
        whole = title_h + header_h + sum(height(cells) for cells in body)
        after = tail * PITCH
        self._table_title(block.title, len(body), whole + after)
        top = TOP + self.line * PITCH  # distance from the paper's top edge

        def draw_row(cells: list[list[str]], row_h: float, font: str, centre_all: bool) -> None:
            nonlocal top
            c = self.canvas
            c.setLineWidth(0.6)
            c.setStrokeColor(BLACK)
            c.setFillColor(BLACK)
            x = LEFT
            c.rect(LEFT, PAGE_H - top - row_h, AREA_W, row_h, stroke=1, fill=0)
            for index, (lines, w) in enumerate(zip(cells, widths, strict=True)):
                if index:
                    c.line(x, PAGE_H - top, x, PAGE_H - top - row_h)
                block_h = len(lines) * leading
                first = top + (row_h - block_h) / 2 + leading * 0.5 + 0.36 * size
                for n, text in enumerate(lines):
                    y = PAGE_H - (first + n * leading)
                    align = "center" if centre_all else aligns[index]
                    if align == "center":
                        draw_text(c, x + w / 2, y, text, font, size, "center")
                    else:
                        draw_text(c, x + pad_x, y, text, font, size)
                x += w
            top += row_h

        def start_page() -> None:
            nonlocal top
            self.new_page()
            top = TOP

        if top + header_h + (height(body[0]) if body else 0) > BOTTOM:
            start_page()
        draw_row(header, header_h, HEADING_1, True)
        for index, cells in enumerate(body):
            row_h = height(cells)
            last = index == len(body) - 1 and index > 0
            if top + row_h + (after if last else 0) > BOTTOM + 0.01:
                start_page()
                draw_row(header, header_h, HEADING_1, True)
            draw_row(cells, row_h, BODY, False)
        self.line = math.ceil((top - TOP) / PITCH - 1e-6)
        if self.line >= LINES:
            self.new_page()

    def _table_title(self, title: str, rows: int, whole: float) -> None:
        """A short table (with what must follow it, `whole` points high) is not split, nor parted
        from the signature: it starts a new page when it would be; then the title, if any."""
        if rows <= 8 and whole <= AREA_H and TOP + self.line * PITCH + whole > BOTTOM:
            self.new_page()
        if title:
            self.need(2)
            y = self.baseline(self.line, BODY_SIZE)
            draw_text(self.canvas, LEFT + AREA_W / 2, y, title, HEADING_1, BODY_SIZE, "center")
            self.line += 1

    # -- closing elements ----------------------------------------------------------------------

    def attachments(self, names: Sequence[str], *, tail: int = 0) -> None:
        """附件说明: 正文下空一行左空二字; several are numbered; long names align under the name."""
        if not names:
            return
        self.skip(1)
        label = tokens("附件：", BODY)
        label_cells = sum(t.cells for t in label)
        for index, name in enumerate(names):
            number = f"{index + 1}." if len(names) > 1 else ""
            head = tokens(number, BODY) if number else []
            start = 2 + label_cells
            name_start = start + sum(t.cells for t in head)
            items = [*head, *tokens(name, BODY)]
            if index == 0:
                items = [*label, *items]
                start = 2
            last = index == len(names) - 1
            self.paragraph(
                items,
                first_start=start,
                cont_start=name_start,
                justify=False,
                tail=tail if last else 0,
            )

    @staticmethod
    def signature_lines(seal_space: bool = True) -> int:
        return (2 if seal_space else 1) + 2

    def signature(self, organ: str, date_text: str, *, seal_space: bool = True) -> None:
        """发文机关署名 and 成文日期 for a sealed document: the date 右空四字, the organ centred
        over it, two blank lines above for the seal (its top within one line of the text)."""
        blank = 2 if seal_space else 1
        if self.line + blank + 2 > LINES:
            self.new_page()
        else:
            self.line += blank
        date_right = CHARS - 4
        date_width = sum(t.cells for t in tokens(date_text, BODY))
        centre = date_right - date_width / 2
        organ_width = sum(t.cells for t in tokens(organ, BODY))
        if organ_width > date_width + 4:  # a long organ name: 右空二字, the date centred under it
            organ_start = max(0.0, CHARS - 2 - organ_width)
            centre = organ_start + organ_width / 2
        else:
            organ_start = centre - organ_width / 2
        self.draw_line(self.line, organ_start, tokens(organ, BODY), justify=False)
        self.line += 1
        self.draw_line(self.line, centre - date_width / 2, tokens(date_text, BODY), justify=False)
        self.line += 1

    def imprint(self, cc: str, printed_by: str, printed_on: str) -> None:
        """版记 at the foot of the last page, which is an even page (GB/T 9704 7.5): on this
        page when it is even and there is room, else on the next even page. When that needs a
        blank page before it, neither the blank page nor the 版记 page is numbered."""
        if not (cc or printed_by):
            return
        size = SMALL_SIZE
        width = AREA_W - 2 * size
        cc_lines: list[str] = []
        if cc:
            text = cc if cc.endswith("。") else cc + "。"
            label = "抄送："
            label_w = text_width(label, BODY, size)
            body = wrap_text(text, BODY, size, width - label_w)
            cc_lines = [label + body[0], *body[1:]]
        rows = len(cc_lines) + (1 if printed_by else 0)
        fits = self.line + rows + 1 <= LINES
        if self.page % 2 == 1:
            self.new_page()
        elif not fits:
            self.new_page()
            self.unnumbered.update({self.page, self.page + 1})
            self.new_page()
        first = LINES - rows
        c = self.canvas
        c.setStrokeColor(BLACK)
        c.setFillColor(BLACK)

        def rule(line: int, weight_mm: float) -> None:
            c.setLineWidth(weight_mm * mm)
            y = PAGE_H - (TOP + line * PITCH)
            c.line(LEFT, y, LEFT + AREA_W, y)

        rule(first, 0.35)
        line = first
        for n, text in enumerate(cc_lines):
            x = LEFT + size + (text_width("抄送：", BODY, size) if n else 0)
            draw_text(c, x, self.baseline(line, size), text, BODY, size)
            line += 1
        if printed_by:
            if cc_lines:
                rule(line, 0.25)
            room = AREA_W - 3 * size - text_width(printed_on, BODY, size)
            by_size = fit_size(printed_by, BODY, size, room, 8)
            draw_text(c, LEFT + size, self.baseline(line, size), printed_by, BODY, by_size)
            y = self.baseline(line, size)
            draw_text(c, LEFT + AREA_W - size, y, printed_on, BODY, size, "right")
        rule(LINES, 0.35)
        self.line = LINES


_PROTECTED = (
    "党支部",
    "党总支",
    "党组织",
    "共产党员",
    "委员会",
    "先进",
    "表彰",
    "实施方案",
    "通知",
    "决定",
    "通报",
    "公示",
    "优秀",
    "年度",
    "基层",
    "建设",
    "工作",
    "领导小组",
    "创先争优",
    "办公室",
    "活动",
    "情况",
    "对象",
)


def _break_cost(text: str, i: int) -> float | None:
    """Cost of breaking `text` before index i: None if forbidden, 100 inside a word."""
    before, after = text[i - 1], text[i]
    if after in NO_LINE_START or before in NO_LINE_END:
        return None
    if not is_wide(before) and not is_wide(after):
        return None  # inside a number or Latin word
    for word in _PROTECTED:
        start = text.find(word, max(0, i - len(word) + 1))
        while 0 <= start < i:
            if start + len(word) > i:
                return 100.0
            start = text.find(word, start + 1)
    if before in "的于和与及" or after in "和与及" or text[max(0, i - 2) : i] == "年度":
        return -3.0
    return 0.0


def title_lines(text: str, font: str, size: float, max_width: float = AREA_W) -> list[str]:
    """A title in as few balanced lines as read well: breaks inside words such as 党支部 are
    avoided (a third line is preferred to them), breaks after 的/于 or before 和 preferred."""
    if text_width(text, font, size) <= max_width:
        return [text]
    cell = size  # widths measured in title characters
    costs = {i: _break_cost(text, i) for i in range(1, len(text))}

    def best(parts: int) -> tuple[float, list[str]] | None:
        # dynamic programme over break positions; balance = spread of line widths
        target = text_width(text, font, size) / parts
        table: dict[tuple[int, int], tuple[float, list[int]]] = {(0, 0): (0.0, [])}
        for line in range(1, parts + 1):
            for (done, start), (cost, cuts) in list(table.items()):
                if done != line - 1:
                    continue
                ends = [len(text)] if line == parts else range(start + 1, len(text))
                for end in ends:
                    piece = text[start:end]
                    width = text_width(piece, font, size)
                    if width > max_width:
                        break
                    penalty = 0.0 if end == len(text) else costs[end]
                    if penalty is None:
                        continue
                    total = cost + penalty + abs(width - target) / cell
                    key = (line, end)
                    if key not in table or table[key][0] > total:
                        table[key] = (total, [*cuts, end])
        final = table.get((parts, len(text)))
        if final is None:
            return None
        bounds = [0, *final[1]]
        return final[0], [text[a:b] for a, b in itertools.pairwise(bounds)]

    candidates = []
    for parts in (2, 3, 4):
        found = best(parts)
        if found is not None:
            candidates.append((found[0] + 4 * (parts - 2), found[1]))
            if found[0] < 50:
                break
    if not candidates:
        return wrap_text(text, font, size, max_width)
    return min(candidates, key=lambda c: c[0])[1]


def column_widths(block: TableBlock, size: float) -> list[float]:
    """Share the text width: narrow columns get what they need, the rest share what is left."""
    columns = len(block.header)
    pad = 3.2 * mm
    needs = []
    for index in range(columns):
        texts = [block.header[index], *[r[index] if index < len(r) else "" for r in block.rows]]
        natural = max(text_width(str(t), BODY, size) for t in texts) + pad + 1
        header_min = text_width(block.header[index][:4], HEADING_1, size) + pad + 1
        needs.append(max(natural, header_min, 8 * mm))
    if sum(needs) <= AREA_W:
        spare = AREA_W - sum(needs)
        total = sum(needs)
        return [n + spare * n / total for n in needs]
    widths = [0.0] * columns
    remaining = AREA_W
    open_columns = list(range(columns))
    while open_columns:
        share = remaining / len(open_columns)
        fixed = [i for i in open_columns if needs[i] <= share]
        if not fixed:
            for i in open_columns:
                widths[i] = share
            break
        for i in fixed:
            widths[i] = needs[i]
            remaining -= needs[i]
            open_columns.remove(i)
    return widths


def _column_aligns(
    block: TableBlock, widths: Sequence[float], size: float, pad: float
) -> list[str]:
    aligns = []
    for index, width in enumerate(widths):
        texts = [r[index] for r in block.rows if index < len(r)]
        short = all(text_width(str(t), BODY, size) <= min(width - 2 * pad, 30 * mm) for t in texts)
        aligns.append("center" if short else "left")
    return aligns
