"""Workbooks made the way clerks make them, and a fixed today for date checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Alignment, Font

from dangjian_desktop import clock

TODAY = dt.date(2026, 3, 15)


@pytest.fixture(autouse=True)
def fixed_today() -> Iterator[dt.date]:
    clock.set_today(TODAY)
    yield TODAY
    clock.set_today(None)


def _title(ws: openpyxl.worksheet.worksheet.Worksheet, text: str, width: int) -> None:
    ws.cell(row=1, column=1, value=text).font = Font(bold=True, size=16)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)


def build_member_register(path: Path) -> Path:
    """××镇党员花名册: title merged across, a blank row, synonym headers, mixed date styles,
    a phone typed as a number, full-width digits, spaced names, a duplicate, a bad gender,
    a future birth date, blank rows and a total row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    header = [
        "序号",
        "党员姓名",
        "性别",
        "民族",
        "出生年月",
        "入党日期",
        "党员身份",
        "党内职务",
        "所在支部",
        "手机号码",
    ]
    _title(ws, "××镇党员花名册", len(header))
    # row 2 blank
    for col, text in enumerate(header, start=1):
        ws.cell(row=3, column=col, value=text)
    rows = [
        # row 4: real dates, phone as number
        [
            1,
            "张  三",
            "男",
            "汉族",
            dt.datetime(1985, 3, 1),
            dt.datetime(2010, 7, 1),
            "正式",
            "书记",
            "红星村党支部",
            13812345678,
        ],
        # row 5: Chinese month text and dotted month
        [2, "李四", "女", "彝", "1985年3月", "2012.7", "预备", "", "红星村党支部", None],
        # row 6: full-width digits, phone with dashes and spaces
        [
            3,
            "王　五",
            "男",
            "汉族",
            "１９８５年３月８日",
            "２０１１－０７－０１",
            "正式党员",
            "组织委员",
            "红星村 党支部",
            "138 1234-5679",
        ],
        # row 7: blank
        [None] * 10,
        # row 8: duplicate of row 4 (same name, birth date, branch)
        [
            4,
            "张三",
            "男",
            "汉族",
            "1985-03-01",
            "2010-07-01",
            "正式",
            "党员",
            "红星村党支部",
            None,
        ],
        # row 9: bad gender
        [5, "赵六", "未知", "汉族", "1970.05", "1995.6", "正式", "党员", "新华社区党支部", None],
        # row 10: future birth date
        [6, "钱七", "女", "回族", "2030-01-01", "2050-01-01", "正式", "党员", "新华社区党支部", ""],
        # row 11: bad month
        [7, "孙八", "男", "汉族", "2005年13月", "2024-07-01", "正式", "党员", "新华社区党支部", ""],
        # row 12: blank
        [None] * 10,
        # row 13: total
        ["合计", None, None, None, None, None, None, None, None, None],
    ]
    for offset, row in enumerate(rows):
        for col, value in enumerate(row, start=1):
            ws.cell(row=4 + offset, column=col, value=value)
    wb.save(path)
    return path


def build_branch_register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "本表由党委办公室整理"
    ws = wb.create_sheet("党组织")
    header = [
        "组织名称",
        "组织类别",
        "所属党总支",
        "所属领域",
        "民族地区",
        "书记姓名",
        "电话",
        "建立时间",
        "备注",
    ]
    _title(ws, "××镇基层党组织名册", len(header))
    for col, text in enumerate(header, start=1):
        ws.cell(row=2, column=col, value=text)
    rows = [
        ["机关党总支", "党总支", None, "机关", "否", "周一", "0871-1234567", "2001.7", None],
        [
            "机关第一党支部",
            "支部",
            "机关党总支",
            "机关",
            None,
            "吴二",
            8712345678,
            dt.datetime(2003, 5, 1),
            None,
        ],
        ["红星村党支部", "党支部", None, "农村党支部", "√", "郑 三", 13800000001, "1998年7月", ""],
        ["新华社区党支部", None, None, "社区", "是", None, None, None, "层级未填"],
        ["红星村党支部", "党支部", None, "农村", "否", None, None, None, "重复"],
        ["光明学校党支部", "党委", None, "教育", "否", None, None, None, None],
        ["合计：5个", None, None, None, None, None, None, None, None],
    ]
    for offset, row in enumerate(rows):
        for col, value in enumerate(row, start=1):
            ws.cell(row=3 + offset, column=col, value=value)
    wb.save(path)
    return path


@pytest.fixture
def clerk_member_register(tmp_path: Path) -> Path:
    return build_member_register(tmp_path / "党员花名册.xlsx")


@pytest.fixture
def clerk_branch_register(tmp_path: Path) -> Path:
    return build_branch_register(tmp_path / "党组织名册.xlsx")
