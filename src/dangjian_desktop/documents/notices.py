"""Notices, decisions and circulars in 党政机关公文格式 (GB/T 9704-2012)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm

from dangjian_desktop.documents.common import BLACK, RED, atomic_output
from dangjian_desktop.documents.data import Issuer, NoticeData, Organ, TableBlock
from dangjian_desktop.documents.fonts import draw_text, register_fonts, text_width
from dangjian_desktop.documents.gbt9704 import (
    AREA_W,
    BODY,
    BODY_SIZE,
    HEADING_1,
    LEFT,
    PAGE_H,
    PAGE_W,
    PITCH,
    TITLE,
    TITLE_SIZE,
    TOP,
    GridWriter,
)
from dangjian_desktop.domain.text import arabic_date

MARK_MAX_SIZE = 40.0  # 发文机关标志, as large as fits, not above this
LETTER_MARK_SIZE = 26.0  # the organ's name in the 信函格式 (smaller than a 文件 header)


def build_notice(notice: NoticeData, issuer: Issuer, path: Path | str) -> Path:
    """Write `notice` as a PDF at `path` (replaced in one step) and return the path.

    The 版头 and the 署名 are those of the organ that issues it (`notice.issued_by`), so they
    always agree; the office may write in the 信函格式. A draft is watermarked 样稿.
    """
    register_fonts()
    target = Path(path)
    organ = issuer.organ_of(notice.issued_by)
    with atomic_output(target) as temp:
        writer = GridWriter(
            str(temp), title=notice.title, author=organ.signature, draft=notice.draft
        )
        if notice.red_header and organ.letter:
            _letter_header(writer, organ, notice.number)
        elif notice.red_header:
            _red_header(writer, organ, notice.number)
        writer.centred(notice.title, TITLE, TITLE_SIZE)
        writer.skip(1)  # 标题下空一行
        if notice.addressee:
            writer.flush_left(notice.addressee)
        attachments = list(notice.attachments_list) or [a.title for a in notice.annexes]
        tail = writer.signature_lines()
        write_body(writer, notice.paragraphs, notice.tables, tail=0 if attachments else tail)
        writer.attachments(attachments, tail=tail)
        writer.signature(notice.signature_organ or organ.signature, arabic_date(notice.signed_on))
        for index, annex in enumerate(notice.annexes):
            writer.new_page()
            label = f"附件{index + 1}" if len(notice.annexes) > 1 else "附件"
            writer.flush_left(label, HEADING_1)
            writer.skip(1)
            writer.centred(annex.title, TITLE, TITLE_SIZE)
            writer.skip(1)
            write_body(writer, annex.paragraphs, annex.tables)
        printed_by = _printed_by(notice, issuer, letter=notice.red_header and organ.letter)
        if notice.cc or printed_by:
            printed_on = notice.printed_on or notice.signed_on
            writer.imprint(notice.cc, printed_by, f"{arabic_date(printed_on)}印发")
        writer.save()
    return target


def _printed_by(notice: NoticeData, issuer: Issuer, *, letter: bool) -> str:
    """印发机关 of the 版记 (GB/T 9704 7.4.3): every document in the 文件格式 carries it (the
    office that prints the committee's documents); the 信函格式 has none (10.1), nor has a
    document without a 版头 such as a 公示."""
    if letter or not notice.red_header:
        return ""
    return notice.printed_by or issuer.office


def write_body(
    writer: GridWriter,
    paragraphs: Sequence[str],
    tables: Sequence[TableBlock],
    *,
    tail: int = 0,
) -> None:
    """Paragraphs, then tables; `tail` lines are kept with the last paragraph (see
    GridWriter.paragraph) when nothing follows it."""
    for index, paragraph in enumerate(paragraphs):
        last = index == len(paragraphs) - 1 and not tables
        writer.body(paragraph, tail=tail if last else 0)
    for index, block in enumerate(tables):
        writer.table(block, tail=tail if index == len(tables) - 1 else 0)


def _red_header(writer: GridWriter, organ: Organ, number: str) -> None:
    """发文机关标志 35 mm below the top of the text area, 发文字号 two lines below it, and the
    red rule 4 mm under the number; the title then starts two lines below the rule."""
    c = writer.canvas
    mark = organ.mark
    size = min(
        MARK_MAX_SIZE, MARK_MAX_SIZE * (AREA_W * 0.96) / text_width(mark, TITLE, MARK_MAX_SIZE)
    )
    mark_top = TOP + 35 * mm
    baseline = mark_top + 0.84 * size
    c.setFillColor(RED)
    c.setStrokeColor(RED)
    c.setLineWidth(size * 0.03)
    draw_text(c, LEFT + AREA_W / 2, PAGE_H - baseline, mark, TITLE, size, "center")
    mark_bottom = baseline + 0.12 * size
    number_baseline = mark_bottom + 2 * PITCH + 0.84 * BODY_SIZE
    c.setFillColor(BLACK)
    draw_text(c, LEFT + AREA_W / 2, PAGE_H - number_baseline, number, BODY, BODY_SIZE, "center")
    rule = number_baseline + 0.12 * BODY_SIZE + 4 * mm
    c.setStrokeColor(RED)
    c.setLineWidth(0.75 * mm)
    c.line(LEFT, PAGE_H - rule, LEFT + AREA_W, PAGE_H - rule)
    c.setStrokeColor(BLACK)
    writer.line = math.ceil((rule - TOP) / PITCH) + 2


LETTER_LINE_W = 170 * mm  # 信函格式: the red double lines are 170 mm long, centred


def _double_rule(writer: GridWriter, y: float, *, thick_first: bool) -> None:
    """A red double line: 上粗下细 under the mark, 上细下粗 at the foot (y from the top)."""
    c = writer.canvas
    left = (PAGE_W - LETTER_LINE_W) / 2
    c.setStrokeColor(RED)
    weights = (1.0 * mm, 0.35 * mm) if thick_first else (0.35 * mm, 1.0 * mm)
    for offset, weight in zip((0.0, 1.6 * mm), weights, strict=True):
        c.setLineWidth(weight)
        c.line(left, PAGE_H - (y + offset), left + LETTER_LINE_W, PAGE_H - (y + offset))
    c.setStrokeColor(BLACK)


def _letter_header(writer: GridWriter, organ: Organ, number: str) -> None:
    """信函格式 (GB/T 9704-2012 10.1): the organ's name in red 30 mm from the top edge, a red
    double line 4 mm under it and another 20 mm above the bottom edge; the number 顶格居版心右边缘
    (flush with the right edge of the text area), its top 3号字高的7/8 (4.94 mm) below the upper
    double line; the title two lines further down; the first page carries no page number."""
    c = writer.canvas
    size = min(
        LETTER_MARK_SIZE,
        LETTER_MARK_SIZE * (AREA_W * 0.96) / text_width(organ.mark, TITLE, LETTER_MARK_SIZE),
    )
    mark_top = 30 * mm
    baseline = mark_top + 0.84 * size
    c.setFillColor(RED)
    draw_text(c, LEFT + AREA_W / 2, PAGE_H - baseline, organ.mark, TITLE, size, "center")
    rule = baseline + 0.12 * size + 4 * mm
    _double_rule(writer, rule, thick_first=True)
    _double_rule(writer, PAGE_H - 20 * mm - 1.6 * mm, thick_first=False)
    c.setFillColor(BLACK)
    number_top = rule + 1.6 * mm + BODY_SIZE * 7 / 8
    number_baseline = number_top + 0.84 * BODY_SIZE
    if number:
        draw_text(c, LEFT + AREA_W, PAGE_H - number_baseline, number, BODY, BODY_SIZE, "right")
    # the grid line the number sits in, then the title 相距二行
    writer.line = max(0, math.ceil((number_baseline - TOP) / PITCH - 0.5)) + 2
    writer.unnumbered.add(1)
