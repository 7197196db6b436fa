"""The tables' columns and the buttons of the 公示与表彰 and 动态管理 pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton

from dangjian_desktop.domain.honours import HonourState
from dangjian_desktop.gui.models import AMBER, GREEN, GREY, RED, Column
from dangjian_desktop.services.commendation import HonourLine, ObjectionLine, ShortlistLine
from dangjian_desktop.services.media import MediaLine


def state_color(state: HonourState) -> Any:
    if state is HonourState.REVOKED:
        return RED
    if state in (HonourState.CRITICISED, HonourState.RECTIFYING):
        return AMBER
    return GREEN


SHORTLIST_COLUMNS: list[Column[ShortlistLine]] = [
    Column("排名", lambda r: r.rank, 56, numeric=True),
    Column("党组织", lambda r: r.branch_name, 240),
    Column("层级", lambda r: r.level_name, 70),
    Column("类别", lambda r: r.sector, 120),
    Column("综合评价", lambda r: r.combined, 90, numeric=True),
    Column("备注", lambda r: "名额线上并列" if r.tie_at_quota else "", 110),
    Column(
        "命名情况",
        lambda r: f"已命名（{r.certificate_number}）" if r.honour_id else "未命名",
        200,
        color=lambda r: GREEN if r.honour_id else GREY,
    ),
]

OBJECTION_COLUMNS: list[Column[ObjectionLine]] = [
    Column("收到日期", lambda r: r.received_on, 100),
    Column("反映人", lambda r: r.raised_by, 130),
    Column("涉及单位", lambda r: r.branch_name, 180),
    Column("内容", lambda r: r.content, 300, tooltip=lambda r: r.content),
    Column("处理情况", lambda r: r.handling, 260, tooltip=lambda r: r.handling or None),
    Column(
        "结论",
        lambda r: r.conclusion,
        70,
        color=lambda r: RED if r.upheld is None else (AMBER if r.upheld else GREEN),
    ),
]

HONOUR_COLUMNS: list[Column[HonourLine]] = [
    Column("类别", lambda r: r.kind_name, 100),
    Column("名称/姓名", lambda r: r.name, 170),
    Column("所在党组织", lambda r: r.branch_name, 170),
    Column("称号", lambda r: r.title, 200),
    Column("证书编号", lambda r: r.certificate_number, 136),
    Column("状态", lambda r: r.state_name, 124, color=lambda r: state_color(r.state)),
    Column("推荐到", lambda r: r.recommended_to, 60),
]

MEDIA_COLUMNS: list[Column[MediaLine]] = [
    Column("日期", lambda r: r.published_on, 100),
    Column("党组织", lambda r: r.branch_name, 200),
    Column("媒体类别", lambda r: r.medium, 80),
    Column("媒体名称", lambda r: r.outlet, 160),
    Column("标题", lambda r: r.title, 360, tooltip=lambda r: r.title),
]


def make_button(text: str, shortcut: str, tip: str, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    if shortcut:
        button.setShortcut(QKeySequence(shortcut))
    button.setProperty("tip", f"{tip}（{shortcut}）" if shortcut else tip)
    button.setToolTip(str(button.property("tip")))
    if primary:
        button.setProperty("primary", True)
    return button


def enable_or_explain(button: QPushButton, why_not: str | None) -> None:
    """Enable a button, or disable it with the reason as its tooltip."""
    button.setEnabled(why_not is None)
    button.setToolTip(why_not if why_not else str(button.property("tip")))
