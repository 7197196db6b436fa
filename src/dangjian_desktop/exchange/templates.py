"""The blank registers the program hands out: drop-downs where a value comes from a list, one
grey example row the importer skips, and a notes sheet in plain words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from dangjian_desktop.domain import validation
from dangjian_desktop.exchange.register_columns import (
    BRANCH_COLUMNS,
    BRANCH_EXAMPLE,
    MEMBER_COLUMNS,
    MEMBER_EXAMPLE,
    Column,
    accepted_headers,
)
from dangjian_desktop.exchange.safe_write import atomic_save_workbook, set_text

TEMPLATE_ROWS = 3000  # rows that get drop-downs and formats
LIST_SHEET = "选项"
NOTES_SHEET = "填写说明"

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_EXAMPLE_FONT = Font(italic=True, color="808080")

_WIDTHS = {
    "name": 28,
    "parent_name": 24,
    "sector": 16,
    "ethnic_area": 18,
    "remark": 30,
    "branch_name": 28,
    "phone": 16,
    "founded": 14,
    "birth_date": 14,
    "joined_on": 14,
}
_DATE_KEYS = {"founded", "birth_date", "joined_on"}
_BRANCH_NOTES = {
    "name": "必填。写全称，例如“红星村党支部”。同一名称只写一行。",
    "level": "必填。从下拉列表选择“党总支”或“党支部”。",
    "parent_name": "党支部隶属于党总支时填写该党总支的全称，否则留空。",
    "sector": "必填。从下拉列表选择。",
    "ethnic_area": "是否少数民族聚居地区，选“是”或“否”，不是可留空。",
    "secretary": "党组织书记的姓名。",
    "phone": "手机或固定电话，例如13800000000或0871-1234567。",
    "founded": "写成2005-07-01或2005年7月（只写到月份按1日计）。",
    "remark": "可留空。",
}
_MEMBER_NOTES = {
    "name": "必填。姓名中间不要加空格。",
    "gender": "必填。选“男”或“女”。",
    "ethnicity": "从下拉列表选择，写全称，例如“汉族”。",
    "birth_date": "必填。写成1985-03-01或1985年3月（只写到月份按1日计）。",
    "joined_on": "必填。入党时间，写法同出生日期。",
    "kind": "选“正式党员”或“预备党员”，留空按正式党员。",
    "post": "党内职务：书记、副书记、委员或党员，留空按党员。",
    "branch_name": "必填。所在党支部或党总支的全称，要与党组织名册中的名称一致。",
    "phone": "手机或固定电话。",
}


def _list_formula(options: tuple[str, ...] | list[str]) -> str:
    return '"' + ",".join(options) + '"'


def _write_lists(wb: Workbook) -> dict[str, str]:
    """A hidden sheet with the long lists; returns list name -> range formula."""
    sheet = wb.create_sheet(LIST_SHEET)
    sheet.sheet_state = "hidden"
    lists = {
        "ethnicity": list(validation.ETHNICITIES),
        "sector": list(validation.SECTORS),
    }
    formulas: dict[str, str] = {}
    for index, (key, options) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        for row, option in enumerate(options, start=1):
            set_text(sheet.cell(row=row, column=index), option)
        formulas[key] = f"{quote_sheetname(LIST_SHEET)}!${letter}$1:${letter}${len(options)}"
    return formulas


def _validation_for(key: str, lists: dict[str, str]) -> DataValidation | None:
    inline: dict[str, tuple[str, ...]] = {
        "level": tuple(validation.LEVELS),
        "ethnic_area": ("是", "否"),
        "gender": tuple(validation.GENDERS),
        "kind": tuple(validation.MEMBER_KINDS),
        "post": tuple(validation.POSTS),
    }
    if key in inline:
        formula = _list_formula(inline[key])
    elif key in lists:
        formula = lists[key]  # OOXML formulas carry no leading "="
    else:
        return None
    rule = DataValidation(type="list", formula1=formula, allow_blank=True)
    rule.showErrorMessage = True
    rule.errorTitle = "请从列表中选择"
    rule.error = "只能填写下拉列表中的内容。"
    return rule


def _write_register(
    path: Path | str,
    title: str,
    columns: tuple[Column, ...],
    example: tuple[str, ...],
    notes: dict[str, str],
) -> None:
    wb = Workbook()
    ws: Any = wb.active
    ws.title = title
    lists = _write_lists(wb)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index)
        set_text(header, column.label)
        header.font = _HEADER_FONT
        header.fill = _HEADER_FILL
        header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[letter].width = _WIDTHS.get(column.key, max(10, 3 * len(column.label)))
        cell = ws.cell(row=2, column=index)
        set_text(cell, example[index - 1])
        cell.font = _EXAMPLE_FONT
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        # Column styles, not cell formats: empty formatted cells would make openpyxl and some
        # clerks' macros think the sheet has thousands of rows.
        if column.key in _DATE_KEYS:
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        if column.key == "phone":
            ws.column_dimensions[letter].number_format = "@"  # keep long numbers whole
        rule = _validation_for(column.key, lists)
        if rule is not None:
            ws.add_data_validation(rule)
            rule.add(cells)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 22
    ws.print_title_rows = "1:1"

    guide = wb.create_sheet(NOTES_SHEET, 1)
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["B"].width = 60
    guide.column_dimensions["C"].width = 50
    lines = [
        ("填写说明", ""),
        ("", ""),
        (
            "1.",
            f"在“{title}”工作表中从第3行起每行填写一条；第2行灰色斜体是示例，导入时会被跳过，可以删除。",
        ),
        ("2.", "不要修改第1行的表头；表格上方可以加标题行，下方的“合计”行和空行会被跳过。"),
        ("3.", "日期可写成2005-07-01、2005年7月1日、2005年7月或2005.7；只写到月份按1日计。"),
        ("4.", "导入前程序会逐行检查，列出每个问题所在的行和列，改正后再导入。"),
        ("", ""),
        ("列名", "怎么填"),
    ]
    for row, (first, second) in enumerate(lines, start=1):
        set_text(guide.cell(row=row, column=1), first)
        set_text(guide.cell(row=row, column=2), second)
    guide.cell(row=1, column=1).font = Font(bold=True, size=14)
    guide.cell(row=len(lines), column=1).font = _HEADER_FONT
    guide.cell(row=len(lines), column=2).font = _HEADER_FONT
    set_text(guide.cell(row=len(lines), column=3), "也可以用的表头名称")
    guide.cell(row=len(lines), column=3).font = _HEADER_FONT
    for offset, column in enumerate(columns, start=1):
        row = len(lines) + offset
        set_text(guide.cell(row=row, column=1), column.label)
        set_text(guide.cell(row=row, column=2), notes.get(column.key, ""))
        set_text(guide.cell(row=row, column=3), accepted_headers(column))
        for col in (2, 3):
            guide.cell(row=row, column=col).alignment = Alignment(wrap_text=True)
    wb.active = 0
    atomic_save_workbook(wb, path)


def write_branch_template(path: Path | str) -> None:
    """The blank 党组织名册 template."""
    _write_register(path, "党组织名册", BRANCH_COLUMNS, BRANCH_EXAMPLE, _BRANCH_NOTES)


def write_member_template(path: Path | str) -> None:
    """The blank 党员名册 template."""
    _write_register(path, "党员名册", MEMBER_COLUMNS, MEMBER_EXAMPLE, _MEMBER_NOTES)
