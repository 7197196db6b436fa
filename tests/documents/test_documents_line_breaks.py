"""Line breaking: numbers with their unit, bracketed terms, names and fixed words stay whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pdf_readback import text_lines

from dangjian_desktop.documents.common import wrap_text
from dangjian_desktop.documents.data import Issuer, NoticeData
from dangjian_desktop.documents.fonts import FANGSONG, WENKAI, text_width
from dangjian_desktop.documents.notices import build_notice

KEPT = ("2025—2026年度", "（总支）", "史家兴", "王大明", "领导小组", "13个", "3000字")
SENTENCE = (
    "2025—2026年度全镇共有13个党支部（总支）申报，领导小组审核后，史家兴、王大明、李四参加，"
    "汇报不超过3000字。"
)


def test_no_line_of_a_notice_splits_a_kept_word(tmp_path: Path, issuer: Issuer) -> None:
    # the same sentence shifted by one cell at a time meets the line end at every position
    paragraphs = ["创" * k + SENTENCE for k in range(28)]
    notice = NoticeData(
        kind="plan_call",
        number="青党发〔2025〕1号",
        title="关于断行的通知",
        addressee="各党总支、党支部：",
        paragraphs=paragraphs,
        signed_on=dt.date(2025, 8, 5),
    )
    lines = [text for _page, text in text_lines(build_notice(notice, issuer, tmp_path / "n.pdf"))]
    assert lines[-2].endswith("2025年8月5日印发")  # the 版记 of a 文件 names the printing office
    lines = lines[:-2]
    joined = "\n".join(lines)
    for word in KEPT:
        assert joined.count(word) == 28, (word, [line for line in lines if word[0] in line][:4])
    assert not any(line.startswith(("，", "、", "。", "）")) for line in lines)


def test_table_cells_and_certificates_keep_words_whole() -> None:
    for width in range(40, 200, 3):
        for text, font in (
            ("中共石龙镇委员会创先争优活动领导小组办公室", FANGSONG),
            ("在创建基层党组织建设先进单位活动中成绩突出，特发此证，以资鼓励。", WENKAI),
            ("被评为2025—2026年度优秀共产党员", WENKAI),
        ):
            lines = wrap_text(text, font, 12, width)
            joined = "\n".join(lines)
            for word in (
                "领导小组",
                "成绩突出",
                "以资鼓励",
                "优秀共产党员",
                "2025—2026年度",
                "活动",
            ):
                if word in text and text_width(word, font, 12) <= width:
                    assert word in joined, (width, lines)
