"""Each notice kind's text for each stage, read back from the PDF and checked sentence by sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pdf_readback import flat_text

from dangjian_desktop.documents import notice_texts as nt
from dangjian_desktop.documents.data import Issuer
from dangjian_desktop.documents.notices import build_notice
from dangjian_desktop.domain.calendar import STAGE_NAMES, Stage

ROUND = "2025—2026年度"
OFFICE = "中共青山镇委员会创先争优活动领导小组办公室"
BRANCHES = ["河西社区党支部", "青龙村党总支", "城关小学党支部", "白塔村党支部"]


@pytest.mark.parametrize(
    ("stage", "title", "sentences"),
    [
        (
            Stage.PLAN,
            "关于催报2025—2026年度创建工作实施方案的通知",
            [
                "各党支部（总支）应于2025年8月25日前将2025—2026年度创建工作实施方案报送镇党委"
                "创先争优活动领导小组办公室。",
                "务必于2025年9月5日前将实施方案报送",
            ],
        ),
        (
            Stage.REPORT_H2,
            "关于催报2025年下半年创建工作进展情况书面汇报的通知",
            ["应于2025年8月25日前将2025年下半年创建工作进展情况书面汇报报送", "前将书面汇报报送"],
        ),
        (
            Stage.REPORT_H1,
            "关于催报2026年上半年创建工作进展情况书面汇报的通知",
            ["前将2026年上半年创建工作进展情况书面汇报报送"],
        ),
        (
            Stage.MATERIALS,
            "关于催报2025—2026年度创建工作材料的通知",
            ["前将2025—2026年度创建工作材料报送", "前将创建工作材料报送"],
        ),
    ],
)
def test_reminder_reads_right_for_each_stage(
    tmp_path: Path, issuer: Issuer, stage: Stage, title: str, sentences: list[str]
) -> None:
    d = dt.date
    notice = nt.reminder(
        issuer,
        "青党创办〔2025〕5号",
        ROUND,
        2025,
        stage,
        d(2025, 8, 25),
        BRANCHES,
        d(2025, 9, 5),
        d(2025, 8, 28),
    )
    text = flat_text(build_notice(notice, issuer, tmp_path / "催报.pdf"))
    assert notice.title == title
    for sentence in [title, *sentences]:
        assert sentence in text
    assert not any(name in text for name in STAGE_NAMES.values() if "（" in name)
    assert "书面汇报创建工作" not in text
    assert text.startswith(OFFICE) and "中共青山镇委员会文件" not in text
    assert text.endswith(f"{OFFICE}2025年8月28日—2—")  # the 信函 numbers page 2 on


@pytest.mark.parametrize(
    ("stage", "period"), [(Stage.REPORT_H2, "2025年下半年"), (Stage.REPORT_H1, "2026年上半年")]
)
def test_report_call_names_the_half_year_once(
    tmp_path: Path, issuer: Issuer, stage: Stage, period: str
) -> None:
    assert nt.half_year(stage, 2025) == period
    notice = nt.report_call(
        issuer, "青党创办〔2025〕9号", ROUND, period, dt.date(2025, 12, 31), dt.date(2025, 12, 1)
    )
    text = flat_text(build_notice(notice, issuer, tmp_path / "汇报.pdf"))
    assert f"关于报送{period}创建基层党组织建设先进单位工作进展情况书面汇报的通知" in text
    assert f"现就报送{period}创建工作进展情况书面汇报有关事项通知如下。" in text
    assert "于2025年12月31日前报送镇党委创先争优活动领导小组办公室" in text
    assert text.count("书面汇报") == 4  # title, 要求 quoted from the plan, 现就报送, 书面汇报经…


@pytest.mark.parametrize(
    ("branch", "facts", "opening"),
    [
        (
            "青龙村党总支",
            "经查，该党支部在申报材料中虚报党员活动场所建设情况，属弄虚作假。",
            "经查，青龙村党总支在申报材料中虚报党员活动场所建设情况，属弄虚作假。",
        ),
        (
            "河西社区党支部",
            "经核实：该支部伪造会议记录",
            "经核实，河西社区党支部伪造会议记录。",
        ),
        (
            "河西社区党支部",
            "在报送创建工作材料时虚报党员活动次数",
            "经查，河西社区党支部在2025—2026年度创建基层党组织建设先进单位活动中，"
            "在报送创建工作材料时虚报党员活动次数。",
        ),
    ],
)
def test_criticism_keeps_the_clerks_lead_in_once(
    tmp_path: Path, issuer: Issuer, branch: str, facts: str, opening: str
) -> None:
    notice = nt.criticism(
        issuer,
        "青党发〔2026〕16号",
        ROUND,
        branch,
        facts,
        "基层党组织建设先进党支部",
        dt.date(2026, 9, 1),
    )
    text = flat_text(build_notice(notice, issuer, tmp_path / "通报.pdf"))
    assert opening in text
    assert text.count("经查") + text.count("经核实") == 1
    assert "该党支部" not in text and "该支部" not in text


def test_rectification_addresses_a_general_branch_as_one(tmp_path: Path, issuer: Issuer) -> None:
    notice = nt.rectification(
        issuer,
        "青党发〔2026〕15号",
        ROUND,
        "青龙村党总支",
        ["经查，该党支部“三会一课”记录不全", "党员活动场所长期闲置"],
        dt.date(2026, 9, 30),
        dt.date(2026, 8, 1),
    )
    text = flat_text(build_notice(notice, issuer, tmp_path / "整改.pdf"))
    assert "你总支在2025—2026年度创建基层党组织建设先进单位活动中存在以下问题：" in text
    assert "（一）你总支“三会一课”记录不全；（二）党员活动场所长期闲置。" in text
    assert "你支部" not in text and "经查" not in text


def test_a_single_rectification_problem_is_not_numbered(tmp_path: Path, issuer: Issuer) -> None:
    notice = nt.rectification(
        issuer,
        "青党发〔2026〕16号",
        ROUND,
        "青龙村党支部",
        ["工作滑坡，“三会一课”和阵地建设不落实。"],
        dt.date(2026, 9, 30),
        dt.date(2026, 8, 1),
    )
    text = flat_text(build_notice(notice, issuer, tmp_path / "整改.pdf"))
    assert "存在以下问题：工作滑坡，“三会一课”和阵地建设不落实。根据" in text
    assert "（一）" not in text and "。。" not in text
