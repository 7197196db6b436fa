from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from dangjian_desktop.domain import validation
from dangjian_desktop.exchange.importer import read_branch_register, read_member_register
from dangjian_desktop.exchange.templates import (
    LIST_SHEET,
    NOTES_SHEET,
    write_branch_template,
    write_member_template,
)


def _validations(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, str]:
    found = {}
    for rule in ws.data_validations.dataValidation:
        for cell_range in rule.sqref.ranges:
            found[cell_range.coord.split(":")[0][:1]] = rule.formula1
    return found


def test_member_template_layout(tmp_path: Path) -> None:
    path = tmp_path / "党员名册模板.xlsx"
    write_member_template(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "党员名册"
    assert NOTES_SHEET in wb.sheetnames
    assert wb[LIST_SHEET].sheet_state == "hidden"
    ws = wb["党员名册"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "姓名" and ws["A1"].font.b
    assert ws["A2"].value.startswith("示例") and ws["A2"].font.i
    assert ws.column_dimensions["H"].width >= 20
    rules = _validations(ws)
    assert rules["B"] == '"男,女"'
    assert rules["C"].startswith("'选项'!$A$1:$A$56")  # 56 ethnicities from the hidden sheet
    assert rules["F"] == '"正式党员,预备党员"'
    assert rules["G"] == '"书记,副书记,委员,党员"'
    listed = [c.value for c in wb[LIST_SHEET]["A"]]
    assert listed == list(validation.ETHNICITIES)


def test_branch_template_layout(tmp_path: Path) -> None:
    path = tmp_path / "党组织名册模板.xlsx"
    write_branch_template(path)
    ws = openpyxl.load_workbook(path)["党组织名册"]
    rules = _validations(ws)
    assert rules["B"] == '"党总支,党支部"'
    assert rules["D"].startswith("'选项'!$B$1")
    assert rules["E"] == '"是,否"'


def test_empty_template_imports_nothing_and_no_problems(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_member_template(path)
    preview = read_member_register(path)
    assert preview.sheet == "党员名册"
    assert preview.accepted == []
    assert [p for p in preview.problems if p.blocking] == []


def test_filled_member_template_reimports(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_member_template(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["党员名册"]
    ws.append(
        [
            "张三",
            "男",
            "汉族",
            dt.date(1985, 3, 1),
            dt.date(2010, 7, 1),
            "正式党员",
            "书记",
            "红星村党支部",
            "13800000000",
        ]
    )
    ws.cell(row=4, column=1, value="李四")
    for col, value in enumerate(
        ["女", "彝族", "1990年5月", "2015.7", "预备党员", "党员", "红星村党支部", None], start=2
    ):
        ws.cell(row=4, column=col, value=value)
    wb.save(path)
    preview = read_member_register(path)
    assert not preview.blocking, preview.problems
    assert [(r.row, r.name) for r in preview.accepted] == [(3, "张三"), (4, "李四")]
    assert preview.accepted[1].birth_date == dt.date(1990, 5, 1)


def test_filled_branch_template_reimports(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_branch_template(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["党组织名册"]
    rows = [
        ["机关党总支", "党总支", None, "机关", "否", "周一", None, "2001-07-01", None],
        ["机关第一党支部", "党支部", "机关党总支", "机关", "否", None, None, None, None],
        ["文化站党支部", "党支部", None, "事业单位-文化", "是", None, None, None, None],
    ]
    for offset, row in enumerate(rows):
        for col, value in enumerate(row, start=1):
            ws.cell(row=3 + offset, column=col, value=value)
    wb.save(path)
    preview = read_branch_register(path)
    assert not preview.blocking, preview.problems
    assert [r.name for r in preview.accepted] == ["机关党总支", "机关第一党支部", "文化站党支部"]
    assert preview.accepted[2].sector == "事业单位-文化"
    assert preview.accepted[2].ethnic_area is True


def test_example_row_identical_but_unmarked_is_skipped(tmp_path: Path) -> None:
    from dangjian_desktop.exchange.importer import MEMBER_EXAMPLE

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "民族", "出生日期", "入党时间", "党员类别", "职务", "所在党组织"])
    ws.append(["张三", *MEMBER_EXAMPLE[1:8]])
    ws.append(["示例", "男"])
    path = tmp_path / "m.xlsx"
    wb.save(path)
    preview = read_member_register(path)
    assert [r.name for r in preview.accepted] == ["张三"]  # only the "示例" row is skipped
