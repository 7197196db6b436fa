"""What a register can hide from the clerk (issue 16, point 6): look-alike names, hidden sheets and
rows, white-on-white rows, formatting drawn far below the data, too many rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Border, Font, PatternFill, Side

from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange import importer, register_check
from dangjian_desktop.exchange.importer import (
    ImportPreview,
    read_branch_register,
    read_member_register,
)

BRANCH_HEADER = ["党组织名称", "层级", "上级党组织", "领域"]
MEMBER_HEADER = ["姓名", "性别", "出生日期", "入党时间", "所在党组织"]


def member(name: str, branch: str = "红星村党支部") -> list[object]:
    return [name, "男", dt.datetime(1980, 1, 1), dt.datetime(2005, 7, 1), branch]


def save_members(path: Path, rows: list[list[object]]) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "党员"
    ws.append(MEMBER_HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return wb


def notes(preview: ImportPreview, row: int | None = None) -> list[str]:
    return [p.message for p in preview.problems if row is None or p.row == row]


# ------------------------------------------------------------------------ look-alike names


@pytest.mark.parametrize(
    ("typed", "what"),
    [("红星村\u00ad党支部", "软连字符"), ("红星\u2063村党支部", "不可见分隔符")],
    ids=["soft-hyphen", "u2063"],
)
def test_invisible_characters_in_a_name_are_dropped_with_a_note(
    tmp_path: Path, typed: str, what: str
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(BRANCH_HEADER)
    ws.append(["红星村党支部", "党支部", "", "农村"])
    ws.append([typed, "党支部", "", "农村"])
    wb.save(tmp_path / "b.xlsx")
    preview = read_branch_register(tmp_path / "b.xlsx")
    assert [b.name for b in preview.accepted] == ["红星村党支部"]
    row3 = notes(preview, 3)
    assert any(what in m and "已去掉" in m for m in row3), row3
    assert any("与第2行重复" in m for m in row3), row3  # the look-alike is the same name


def test_a_direction_control_in_a_name_is_refused(tmp_path: Path) -> None:
    save_members(tmp_path / "m.xlsx", [member("\u202e三张"), member("李四", "\u202e部支党村星红")])
    preview = read_member_register(tmp_path / "m.xlsx")
    assert preview.accepted == []
    assert preview.blocking_rows == {2, 3}
    assert all("改变文字显示方向" in m for m in notes(preview, 2) if "显示方向" in m)
    assert any("改变文字显示方向" in m and "重新输入" in m for m in notes(preview, 3))


def test_a_branch_name_with_a_soft_hyphen_matches_the_branch_in_the_program(
    tmp_path: Path,
) -> None:
    save_members(tmp_path / "m.xlsx", [member("王五", "红星村\u00ad党支部")])
    preview = register_check.check_against_existing(
        read_member_register(tmp_path / "m.xlsx"), {"红星村党支部"}, set()
    )
    assert [m.branch_name for m in preview.accepted] == ["红星村党支部"]


# ------------------------------------------------------------------------ what Excel hides


def test_hidden_and_very_hidden_sheets_are_reported(tmp_path: Path) -> None:
    wb = save_members(tmp_path / "m.xlsx", [member("张三")])
    secret = wb.create_sheet("备用")
    secret.append(["随便什么"])
    secret.sheet_state = "hidden"
    deep = wb.create_sheet("底稿")
    deep.append(["x"])
    deep.sheet_state = "veryHidden"
    wb.save(tmp_path / "m.xlsx")
    preview = read_member_register(tmp_path / "m.xlsx")
    assert [m.name for m in preview.accepted] == ["张三"]
    sheet_notes = [p for p in preview.problems if p.row == 0 and not p.blocking]
    assert any("隐藏的工作表“备用”" in p.message for p in sheet_notes)
    assert any("深度隐藏" in p.message and "底稿" in p.message for p in sheet_notes)


def test_a_register_on_a_hidden_sheet_is_read_with_a_warning(tmp_path: Path) -> None:
    wb = save_members(tmp_path / "m.xlsx", [member("张三")])
    wb.active.sheet_state = "hidden"
    wb.create_sheet("封面").append(["××镇党员名册"])
    wb.active = 1
    wb.save(tmp_path / "m.xlsx")
    preview = read_member_register(tmp_path / "m.xlsx")
    assert [m.name for m in preview.accepted] == ["张三"]
    assert any("读取的工作表“党员”在Excel中是隐藏的" in m for m in notes(preview, 0))


def test_hidden_rows_and_white_on_white_rows_are_named(tmp_path: Path) -> None:
    wb = save_members(
        tmp_path / "m.xlsx",
        [member("张三"), member("李四"), member("王五"), member("赵六"), member("孙七")],
    )
    ws = wb.active
    ws.row_dimensions[3].hidden = True  # 李四
    for cell in ws[4]:  # 王五: white text, no fill
        cell.font = Font(color="FFFFFFFF")
    for cell in ws[5]:  # 赵六: white (theme 背景1) on a white fill
        cell.font = Font(color=openpyxl.styles.colors.Color(theme=0))
        cell.fill = PatternFill("solid", fgColor="FFFFFF")
    for cell in ws[6]:  # 孙七: white on dark red is visible
        cell.font = Font(color="FFFFFFFF")
        cell.fill = PatternFill("solid", fgColor="C00000")
    wb.save(tmp_path / "m.xlsx")
    preview = read_member_register(tmp_path / "m.xlsx")
    assert len(preview.accepted) == 5  # imported, but the clerk is told
    assert any("隐藏行" in m for m in notes(preview, 3))
    assert any("白底白字" in m for m in notes(preview, 4))
    assert any("白底白字" in m for m in notes(preview, 5))
    assert not notes(preview, 2) and not notes(preview, 6)
    assert not any(p.blocking for p in preview.problems)
    assert (preview.hidden_rows, preview.invisible_rows) == ([3], [4, 5])
    assert preview.unseen() == "隐藏行1行、白底白字的行2行"


def test_the_format_that_shows_nothing_counts_as_invisible(tmp_path: Path) -> None:
    wb = save_members(tmp_path / "m.xlsx", [member("张三"), member("李四")])
    for cell in wb.active[3]:
        cell.number_format = ";;;"
    wb.save(tmp_path / "m.xlsx")
    preview = read_member_register(tmp_path / "m.xlsx")
    assert any("白底白字（或设置为不显示）" in m for m in notes(preview, 3))


# ------------------------------------------------------------------------ size


def test_borders_drawn_far_below_the_data_are_not_rows(tmp_path: Path) -> None:
    wb = save_members(tmp_path / "m.xlsx", [member(f"党员{i}") for i in range(50)])
    ws = wb.active
    thin = Side(style="thin")
    for row in range(52, 70_001):
        ws.cell(row=row, column=1).border = Border(left=thin, right=thin, bottom=thin)
    wb.save(tmp_path / "m.xlsx")
    preview = read_member_register(tmp_path / "m.xlsx")
    assert preview.rows_read == 50 and len(preview.accepted) == 50
    assert not [p for p in preview.problems if p.row > 1]


def test_too_many_rows_are_refused_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "MAX_DATA_ROWS", 100)
    # far too many: refused on the raw bytes before openpyxl parses a row
    save_members(tmp_path / "big.xlsx", [member(f"党员{i}") for i in range(300)])
    with pytest.raises(UserError, match="有工作表的数据超过了100行的上限，没有读取"):
        read_member_register(tmp_path / "big.xlsx")
    # a few too many (within the allowance for titles): refused as the rows are read
    save_members(tmp_path / "m.xlsx", [member(f"党员{i}") for i in range(110)])
    with pytest.raises(UserError, match="超过了100行的上限（读到第102行时停下"):
        read_member_register(tmp_path / "m.xlsx")
    save_members(tmp_path / "ok.xlsx", [member(f"党员{i}") for i in range(100)])
    assert len(read_member_register(tmp_path / "ok.xlsx").accepted) == 100


def test_a_hidden_column_that_is_read_is_named(tmp_path: Path) -> None:
    wb = save_members(tmp_path / "m.xlsx", [member("张三"), member("李四")])
    ws = wb.active
    ws.column_dimensions["C"].hidden = True  # 出生日期
    ws["G1"] = "备忘"
    ws.column_dimensions["G"].hidden = True  # not a register column: no note
    wb.save(tmp_path / "m.xlsx")
    preview = read_member_register(tmp_path / "m.xlsx")
    assert len(preview.accepted) == 2
    assert preview.hidden_columns == ["出生日期"]
    assert any("“出生日期”列在Excel中是隐藏的" in m for m in notes(preview, 1))
    assert preview.unseen() == "隐藏列1列"
