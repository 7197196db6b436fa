"""Notices in GB/T 9704 layout: every kind builds, text reads back, glyphs stay in the text area."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pdf_readback import Word, assert_all_embedded, flat, words
from pypdf import PdfReader

from dangjian_desktop.documents import notice_texts as nt
from dangjian_desktop.documents.common import NO_LINE_START
from dangjian_desktop.documents.data import Issuer, NoticeData, TableBlock
from dangjian_desktop.documents.fonts import register_fonts
from dangjian_desktop.documents.gbt9704 import BODY, CHARS, break_lines, tokens
from dangjian_desktop.documents.notices import build_notice
from dangjian_desktop.domain.calendar import Stage
from dangjian_desktop.domain.text import arabic_date

ROUND = "2025—2026年度"
LEFT, TOP, WIDTH, HEIGHT = 28.0, 37.0, 156.0, 225.0
BRANCHES = [
    f"{n}社区党支部"
    for n in ["城关", "河东", "河西", "青龙", "白鹤", "石门", "柳树湾", "大坪子", "新街", "龙潭"]
]
MEMBERS = [(f"党员{i}号", BRANCHES[i % len(BRANCHES)]) for i in range(1, 61)]


def all_kinds(issuer: Issuer, signed_on: dt.date) -> dict[str, NoticeData]:
    d = dt.date
    return {
        "plan_call": nt.plan_call(
            issuer,
            "青党发〔2025〕21号",
            ROUND,
            d(2025, 8, 25),
            d(2025, 8, 5),
            contact="李文",
            phone="0872-1234567",
        ),
        "reminder": nt.reminder(
            issuer,
            "青党创办〔2025〕5号",
            ROUND,
            2025,
            Stage.PLAN,
            d(2025, 8, 25),
            BRANCHES[:4],
            d(2025, 9, 5),
            d(2025, 8, 28),
        ),
        "report_call": nt.report_call(
            issuer, "青党创办〔2025〕9号", ROUND, "2025年下半年", d(2025, 12, 31), d(2025, 12, 1)
        ),
        "schedule": nt.schedule(
            issuer,
            "青党发〔2026〕8号",
            ROUND,
            d(2026, 4, 20),
            materials_due=d(2026, 5, 10),
            self_check=(d(2026, 5, 11), d(2026, 5, 15)),
            assessment=(d(2026, 5, 18), d(2026, 5, 26)),
            evaluation=(d(2026, 5, 27), d(2026, 5, 29)),
            summary_due=d(2026, 5, 31),
        ),
        "announcement": nt.announcement(
            issuer,
            "",
            ROUND,
            BRANCHES[:3],
            MEMBERS[:5],
            d(2026, 6, 8),
            d(2026, 6, 12),
            "0872-1234567",
            d(2026, 6, 8),
        ),
        "decision": nt.decision(
            issuer, "青党发〔2026〕12号", ROUND, BRANCHES[:3], MEMBERS, signed_on
        ),
        "rectification": nt.rectification(
            issuer,
            "青党发〔2026〕15号",
            ROUND,
            "河西社区党支部",
            ["“三会一课”记录不全", "党员活动场所长期闲置"],
            d(2026, 9, 30),
            d(2026, 8, 1),
        ),
        "criticism": nt.criticism(
            issuer,
            "青党发〔2026〕16号",
            ROUND,
            "青龙社区党支部",
            "在报送创建工作材料时虚报党员活动次数，伪造会议记录",
            "基层党组织建设先进党支部",
            d(2026, 9, 1),
        ),
    }


def body_words(found: list[Word]) -> tuple[list[Word], list[Word]]:
    """(words that must lie in the text area, page-number words below it)."""
    bottom = TOP + HEIGHT
    numbers = [w for w in found if w.y_min > bottom + 3]
    return [w for w in found if w not in numbers], numbers


@pytest.mark.parametrize(
    "kind",
    [
        "plan_call",
        "reminder",
        "report_call",
        "schedule",
        "announcement",
        "decision",
        "rectification",
        "criticism",
    ],
)
def test_every_kind_builds_inside_the_text_area(
    tmp_path: Path, issuer: Issuer, signed_on: dt.date, kind: str
) -> None:
    notice = all_kinds(issuer, signed_on)[kind]
    pdf = build_notice(notice, issuer, tmp_path / f"{kind}.pdf")
    assert_all_embedded(pdf)
    body = flat(pdf)
    assert notice.title.replace(" ", "") in body
    assert notice.number in body
    organ = issuer.organ_of(notice.issued_by)
    letter = notice.red_header and organ.letter
    if notice.red_header:  # the 版头 and the 署名 are the same organ's
        assert body.startswith(organ.mark)
        assert notice.number.startswith(organ.prefix)
    assert f"{organ.signature}{arabic_date(notice.signed_on)}" in body
    found = words(pdf)
    if letter:  # the 信函 header sits above the text area, 30 mm from the top edge
        header = [w for w in found if w.page == 1 and w.y_max < TOP]
        assert "".join(w.text for w in header) == organ.mark
        assert min(w.y_min for w in header) == pytest.approx(30, abs=1.5)
        found = [w for w in found if w not in header]
    inside, numbers = body_words(found)
    for w in inside:
        assert w.x_min >= LEFT - 1 and w.x_max <= LEFT + WIDTH + 1, w
        assert w.y_min >= TOP - 1 and w.y_max <= TOP + HEIGHT + 1, w
    pages = len(PdfReader(pdf).pages)
    for page in range(1, pages + 1):
        on_page = [w for w in numbers if w.page == page]
        if letter and page == 1:  # the first page of a 信函 carries no page number
            assert not on_page
            continue
        assert "".join(w.text for w in on_page) == f"—{page}—"
        if page % 2:  # odd: right, one character in from the edge of the text area
            assert max(w.x_max for w in on_page) == pytest.approx(LEFT + WIDTH - 4.94, abs=0.3)
        else:
            assert min(w.x_min for w in on_page) == pytest.approx(LEFT + 4.94, abs=0.3)


def test_decision_text_lists_and_repeated_table_header(
    tmp_path: Path, issuer: Issuer, signed_on: dt.date
) -> None:
    notice = all_kinds(issuer, signed_on)["decision"]
    pdf = build_notice(notice, issuer, tmp_path / "决定.pdf")
    body = re.sub(r"—\d+—", "", flat(pdf))  # without the page numbers
    assert "2026年6月28日" in body
    assert "授予城关社区党支部等3个党组织“基层党组织建设先进党支部（总支）”荣誉称号" in body
    assert "向云南省、大理白族自治州、青山县推荐" in body
    assert "附件：1.2025—2026年度基层党组织建设先进党支部（总支）名单" in body
    assert "党员60号" in body and "附件2" in body
    assert "抄送：青山县委组织部。" in body and "2026年6月28日印发" in body
    reader = PdfReader(pdf)
    texts = [p.extract_text().replace(" ", "").replace("\n", "") for p in reader.pages]
    annex = next(i for i, t in enumerate(texts) if t.startswith("附件2"))
    member_pages = list(range(annex, len(texts)))
    assert len(member_pages) >= 2
    for index in member_pages:
        assert "所在党组织" in reader.pages[index].extract_text().replace(" ", "")


def test_table_notice_two_pages(tmp_path: Path, issuer: Issuer, signed_on: dt.date) -> None:
    rows = [[str(i), f"第{i}村党总支", "农村", "9" * (i % 3 + 1)] for i in range(1, 41)]
    notice = NoticeData(
        kind="custom",
        number="青党发〔2026〕20号",
        title="关于印发测试名单的通知",
        addressee="各党总支、党支部：",
        paragraphs=["现将名单印发给你们。"] * 3,
        tables=[TableBlock("测试名单", ["序号", "党组织名称", "领域", "备注"], rows)],
        attachments_list=["测试名单"],
        signature_organ=issuer.organ,
        signed_on=signed_on,
    )
    pdf = build_notice(notice, issuer, tmp_path / "表.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    for page in reader.pages:
        if "村党总支" in page.extract_text():
            assert "党组织名称" in page.extract_text().replace(" ", "")
    inside, _ = body_words(words(pdf))
    assert all(w.x_min >= LEFT - 1 and w.x_max <= LEFT + WIDTH + 1 for w in inside)
    assert all(w.y_min >= TOP - 1 and w.y_max <= TOP + HEIGHT + 1 for w in inside)


def test_no_line_starts_with_closing_punctuation() -> None:
    register_fonts()
    text = "党建工作" * 6 + "，。" + "测试”，" * 20 + "《实施方案》" * 8
    for start in (0, 2):
        for line_start, items in break_lines(tokens(text, BODY), start, 0):
            assert items[0].text[0] not in NO_LINE_START
            assert line_start + sum(t.cells for t in items) <= CHARS + 2.01


def test_grid_is_28_by_22(tmp_path: Path, issuer: Issuer, signed_on: dt.date) -> None:
    paragraph = "创" * 28 * 60
    notice = NoticeData(
        "custom",
        "",
        "网格测试",
        "",
        [paragraph],
        signature_organ="中共青山镇委员会",
        signed_on=signed_on,
        red_header=False,
    )
    pdf = build_notice(notice, issuer, tmp_path / "网格.pdf")
    lines_p2 = [w for w in words(pdf) if w.page == 2 and w.text.startswith("创")]
    assert len(lines_p2) == 22
    assert all(len(w.text) == 28 for w in lines_p2)
    pitch = (lines_p2[-1].y_min - lines_p2[0].y_min) / 21
    assert pitch == pytest.approx(225 / 22, abs=0.05)


def test_rare_name_in_notice(tmp_path: Path, issuer: Issuer, signed_on: dt.date) -> None:
    # 㐂 is missing from 朱雀仿宋 (the body face) and UMing: it comes from WenKai
    notice = nt.announcement(
        issuer,
        "",
        ROUND,
        ["城关社区党支部"],
        [("张㐂", "城关社区党支部")],
        dt.date(2026, 6, 8),
        dt.date(2026, 6, 12),
        "0872-1234567",
        signed_on,
    )
    pdf = build_notice(notice, issuer, tmp_path / "公示.pdf")
    names = assert_all_embedded(pdf)
    assert any("WenKai" in n for n in names) and any("Zhuque" in n for n in names)
    assert "张㐂（城关社区党支部）" in flat(pdf)


def test_imprint_after_a_full_even_page_gets_a_blank_page_without_numbers(tmp_path: Path) -> None:
    from pdf_readback import page_texts

    from dangjian_desktop.documents.gbt9704 import GridWriter

    register_fonts()
    path = tmp_path / "版记.pdf"
    writer = GridWriter(str(path), title="版记", author="青山镇")
    for n in range(22 + 21):  # page 1 full, page 2 one line short
        writer.body(f"第{n + 1}段。")
    assert (writer.page, writer.line) == (2, 21)
    writer.imprint("青山县委组织部", "中共青山镇委员会办公室", "2026年6月28日印发")
    writer.save()
    pages = page_texts(path)
    assert len(pages) == 4
    assert pages[1].endswith("—2—")
    assert pages[2] == ""  # the blank page: no page number
    assert "印发" in pages[3] and "—4—" not in pages[3]


def test_letter_format_number_is_flush_right_under_the_double_line(
    tmp_path: Path, issuer: Issuer, signed_on: dt.date
) -> None:
    """GB/T 9704-2012 10.1: the 发文字号 顶格居版心右边缘, its top 4.94 mm (3号字高的7/8) under
    the upper red double line, which lies 4 mm under the organ's name; the title two lines on."""
    import dataclasses

    letter = dataclasses.replace(issuer, office_letter=True)
    notice = all_kinds(letter, signed_on)["reminder"]
    pdf = build_notice(notice, letter, tmp_path / "信函.pdf")
    found = [w for w in words(pdf) if w.page == 1]
    mark = [w for w in found if w.y_max < TOP]
    number = [w for w in found if w.text in notice.number or notice.number.startswith(w.text)]
    number = [w for w in found if abs(w.y_min - number[0].y_min) < 1 and w not in mark]
    assert "".join(w.text for w in number) == notice.number
    assert max(w.x_max for w in number) == pytest.approx(LEFT + WIDTH, abs=0.6)
    mark_bottom = max(w.y_max for w in mark)
    # name → 4 mm → double line (1.6 mm apart) → 4.94 mm → number (glyph boxes: ±1 mm)
    assert min(w.y_min for w in number) - mark_bottom == pytest.approx(4 + 1.6 + 4.94, abs=1.5)
    title_top = min(w.y_min for w in found if notice.title[:4] in w.text)
    assert title_top - min(w.y_min for w in number) == pytest.approx(2 * 225 / 22, abs=2.5)


@pytest.mark.parametrize("letter", [False, True])
def test_every_document_in_the_file_format_ends_with_its_imprint(
    tmp_path: Path, issuer: Issuer, signed_on: dt.date, letter: bool
) -> None:
    """GB/T 9704 7.4: a 文件 carries 印发机关和印发日期 in its 版记, on the last (even) page; the
    信函格式 (10.1) and a 公示 without a 版头 carry none."""
    import dataclasses

    chosen = dataclasses.replace(issuer, office_letter=letter)
    for kind, notice in all_kinds(chosen, signed_on).items():
        pdf = build_notice(notice, chosen, tmp_path / f"{kind}.pdf")
        pages = [p.extract_text().replace(" ", "").replace("\n", "") for p in PdfReader(pdf).pages]
        in_letter = notice.red_header and chosen.organ_of(notice.issued_by).letter
        if notice.red_header and not in_letter:
            assert "印发" in pages[-1] and len(pages) % 2 == 0, kind
            assert f"{chosen.office}" in pages[-1], kind
        else:
            assert not any(p.rstrip("—0123456789").endswith("印发") for p in pages), kind


def test_the_signature_never_stands_alone_after_a_table(tmp_path: Path, issuer: Issuer) -> None:
    """A notice ending with a table (the county's 推荐名单): however the table falls, the page
    with the 署名 also carries table rows (GB/T 9704 7.3.5.5 allows no page of 署名 alone)."""
    table = TableBlock("推荐名单", ["序号", "乡镇", "名称"], [["1", "青山镇", "城关社区党支部"]])
    long_table = TableBlock(
        "推荐名单",
        ["序号", "乡镇", "名称"],
        [[str(i), "青山镇", f"第{i}党支部"] for i in range(1, 30)],
    )
    for block in (table, long_table):
        for count in range(4, 16):
            notice = NoticeData(
                kind="county",
                number="云组通〔2026〕1号",
                title="关于推荐的通知",
                addressee="各乡镇党委：",
                paragraphs=["根据各乡镇报送的创建材料，经审核，决定推荐以下党组织。"] * count,
                tables=[block],
                signed_on=dt.date(2026, 9, 15),
            )
            pdf = build_notice(notice, issuer, tmp_path / f"n{count}.pdf")
            pages = [
                p.extract_text().replace(" ", "").replace("\n", "") for p in PdfReader(pdf).pages
            ]
            mark = f"{issuer.organ}2026年9月15日"  # the 署名 and 成文日期
            signed = next(p for p in pages if mark in p)
            assert "党支部" in signed.split(mark)[0], (count, len(block.rows), signed)
