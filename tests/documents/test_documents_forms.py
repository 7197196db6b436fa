"""签收单, 评分表, 汇总表, 工作总结, 推荐表: read back."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pdf_readback import assert_all_embedded, flat, page_texts, text_lines
from pypdf import PdfReader

from dangjian_desktop.documents import notice_texts as nt
from dangjian_desktop.documents.common import NO_LINE_START
from dangjian_desktop.documents.data import (
    Issuer,
    ReceiptData,
    ResultRow,
    ResultsTableData,
    ScoreItem,
    ScoreSheetData,
    WorkSummaryData,
)
from dangjian_desktop.documents.forms import (
    build_receipt,
    build_recommendation_form,
    build_results_table,
    build_score_sheets,
    build_work_summary,
)
from dangjian_desktop.domain.rubric import AREAS, TEMPLATE

ROUND = "2025—2026年度"


def items() -> list[ScoreItem]:
    areas = {a.code: a.name for a in AREAS}
    return [
        ScoreItem(t.code, t.name, t.points, areas[t.area_code], t.description) for t in TEMPLATE
    ]


def test_receipt_two_copies_and_lateness(tmp_path: Path, issuer: Issuer) -> None:
    data = ReceiptData(
        "QS-2025-017",
        ROUND,
        "河东社区党支部",
        "创建工作实施方案",
        dt.date(2025, 8, 27),
        dt.date(2025, 8, 25),
        "纸质",
        "一式两份",
        "李明",
        "王芳",
        issuer.office,
    )
    pdf = build_receipt(data, tmp_path / "签收单.pdf")
    assert len(PdfReader(pdf).pages) == 1
    body = flat(pdf)
    assert body.count("河东社区党支部") == 2 and body.count("逾期2天") == 2
    assert "（存根）" in body and "（回执）" in body and "沿此线剪开" in body
    assert "QS-2025-017" in body and "2025年8月27日" in body
    on_time = ReceiptData(
        "QS-1", ROUND, "城关村党总支", "半年书面汇报", dt.date(2025, 12, 30), dt.date(2025, 12, 31)
    )
    assert "按时报送" in flat(build_receipt(on_time, tmp_path / "b.pdf"))
    assert_all_embedded(pdf)


def test_score_sheets_one_page_per_branch_and_assessor(tmp_path: Path, issuer: Issuer) -> None:
    sheets = [
        ScoreSheetData(
            ROUND,
            "张建华",
            ["城关村党总支", "河东社区党支部", "河西社区党支部"],
            items(),
            issuer.organ,
        ),
        ScoreSheetData(ROUND, "何䶮", ["城关村党总支", "河东社区党支部"], items(), issuer.organ),
    ]
    pdf = build_score_sheets(sheets, tmp_path / "评分表.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 5
    first = reader.pages[0].extract_text().replace(" ", "").replace("\n", "")
    assert (
        "城关村党总支" in first
        and "张建华" in first
        and "执行力强" in first
        and "人民群众满意" in first
    )
    assert "何䶮" in flat(pdf)
    assert "第5页共5页" in flat(pdf)
    assert_all_embedded(pdf)


def test_results_table_repeats_header(tmp_path: Path, issuer: Issuer) -> None:
    rows = [
        ResultRow(
            i + 1,
            f"第{i + 1}社区党支部",
            "社区",
            Decimal("90.5"),
            Decimal("91.25"),
            Decimal("91.10"),
            "",
            "合格",
            "",
        )
        for i in range(60)
    ]
    rows.append(
        ResultRow(
            None,
            "青龙社区党支部",
            "社区",
            Decimal(95),
            Decimal(96),
            Decimal("95.80"),
            "弄虚作假",
            "不合格",
            "一票否决",
        )
    )
    data = ResultsTableData(ROUND, issuer.organ, rows, dt.date(2026, 5, 29), "李文", "王芳")
    pdf = build_results_table(data, tmp_path / "汇总表.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 3
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    for page in reader.pages:
        assert "党组织名称" in page.extract_text().replace(" ", "")
    body = flat(pdf)
    assert "第60社区党支部" in body and "91.10" in body and "弄虚作假" in body
    assert_all_embedded(pdf)


def test_work_summary(tmp_path: Path, issuer: Issuer) -> None:
    data = WorkSummaryData(
        "2025—2026年度创建工作总结",
        ["一、主要做法", "镇党委认真贯彻落实上级部署。" * 20],
        issuer.organ,
        dt.date(2026, 5, 31),
    )
    pdf = build_work_summary(data, tmp_path / "总结.pdf")
    body = flat(pdf)
    assert "2025—2026年度创建工作总结" in body and "2026年5月31日" in body and "—1—" in body
    assert_all_embedded(pdf)


def test_recommendation_form(tmp_path: Path, issuer: Issuer) -> None:
    data = nt.recommendation(
        issuer,
        "branch",
        "县级",
        ROUND,
        "城关村党总支",
        [("党组织书记", "张建国"), ("党员人数", "86名")],
        "城关村党总支围绕“五个好”目标，扎实开展创建工作。",
        dt.date(2026, 6, 30),
        recipient_organ="中共青山县委组织部",
    )
    pdf = build_recommendation_form(data, tmp_path / "推荐表.pdf")
    assert len(PdfReader(pdf).pages) == 1
    body = flat(pdf)
    for expected in (
        "推荐表",
        "城关村党总支",
        "张建国",
        "86名",
        "主要事迹".replace("", "")[:0],
        "同意推荐城关村党总支为县级基层党组织建设先进党组织",
        "中共青山县委组织部意见",
    ):
        assert expected in body
    assert_all_embedded(pdf)


def test_recommendation_with_long_deeds_grows_and_keeps_opinions_together(
    tmp_path: Path, issuer: Issuer
) -> None:
    from pdf_readback import page_texts, runs

    sentence = "该党总支坚持“三会一课”制度，组织党员开展志愿服务、政策宣讲、结对帮扶等活动，"
    deeds = "\n".join(sentence * 6 + "群众满意度明显提高。" for _ in range(7))
    data = nt.recommendation(
        issuer,
        "branch",
        "县级",
        ROUND,
        "城关村党总支",
        [("党组织书记", "张建国"), ("党员人数", "86名")],
        deeds,
        dt.date(2026, 6, 30),
        recipient_organ="中共青山县委组织部",
    )
    pdf = build_recommendation_form(data, tmp_path / "推荐表.pdf")
    pages = page_texts(pdf)
    assert len(pages) == 2
    # the two opinion rows stay together, with the end of the deeds before them
    opinion_page = next(i for i, p in enumerate(pages) if "同意推荐" in p)
    assert "中共青山县委组织部意见" in pages[opinion_page]
    assert "群众满意度明显提高。" in pages[opinion_page] or opinion_page == 0
    joined = "".join(pages)
    assert joined.count("群众满意度明显提高。") == 7
    # nothing is printed past the table's right edge (A4 width − 18 mm margin)
    right_edge = 595.28 - 18 * 72 / 25.4
    from dangjian_desktop.documents.fonts import text_width

    for run in runs(pdf):
        width = text_width(run.text.strip(), "ZhuqueFangsong", run.size)
        assert run.x + width <= right_edge + 1, run


def _ranked_rows(count: int) -> list[ResultRow]:
    return [
        ResultRow(
            i + 1,
            f"第{i + 1}村党支部",
            "农村",
            Decimal("90.5"),
            Decimal("91.25"),
            Decimal("91.10"),
            "",
            "合格",
            f"综合得分91.10分，排名第{i + 1}，未达到先进分数线（90分）",
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("count", [12, 13, 25, 26])
def test_results_table_never_leaves_a_row_or_the_signatures_alone(
    tmp_path: Path, issuer: Issuer, count: int
) -> None:
    """With 12 rows the signatures, with 13 the last row went alone onto page 2: now the last two
    rows go over with the note and the signatures, under the repeated header."""
    data = ResultsTableData(
        ROUND,
        issuer.organ,
        _ranked_rows(count),
        dt.date(2026, 5, 29),
        "李文",
        weights_note="综合得分＝自检自查×20%＋统一考核×80%；先进名额3个",
    )
    pdf = build_results_table(data, tmp_path / "汇总表.pdf")
    pages = page_texts(pdf)
    assert len(pages) >= 2
    last = pages[-1]
    assert "党组织名称" in last  # the header repeats
    assert len(re.findall(r"第\d+村党支部", last)) >= 2
    assert f"第{count}村党支部" in last and "说明：综合得分" in last and "制表人：李文" in last
    for page in pages[:-1]:
        assert "制表人" not in page
    listed = [int(n) for page in pages for n in re.findall(r"第(\d+)村党支部", page)]
    assert listed == list(range(1, count + 1))  # every row once, in order


def test_table_cells_do_not_start_a_line_with_a_comma(tmp_path: Path, issuer: Issuer) -> None:
    """reportlab's own CJK wrap let "，" start a line after a number ("排名第11 / ，未达到")."""
    data = ResultsTableData(ROUND, issuer.organ, _ranked_rows(14), dt.date(2026, 5, 29), "李文")
    pdf = build_results_table(data, tmp_path / "汇总表.pdf")
    lines = [line for _page, line in text_lines(pdf)]
    assert any("排名第11" in line for line in lines)
    starts = [line for line in lines if line[:1] in NO_LINE_START]
    assert starts == []
