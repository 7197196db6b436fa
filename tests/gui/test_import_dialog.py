"""从Excel导入: the dialog reads on a worker, lists every problem, and imports all or nothing."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from sqlalchemy import func
from sqlmodel import select

from dangjian_desktop.exchange.importer import read_member_register
from dangjian_desktop.gui.import_dialog import FileDialogs, ImportDialog, save_template
from dangjian_desktop.gui.models import RED
from dangjian_desktop.services import registers
from dangjian_desktop.store.models import Branch, Member


def counts(ctx: Any) -> tuple[int, int]:
    return ctx.read(
        lambda s: (
            s.exec(select(func.count()).select_from(Branch)).one(),
            s.exec(select(func.count()).select_from(Member)).one(),
        )
    )


def pick(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(FileDialogs, "open_xlsx", classmethod(lambda cls, parent, title: path))


def messy_members(path: Path, branch: str) -> Path:
    """A 花名册 typed by hand: a merged title, synonym headers, a number as phone — and a row
    with an unreadable gender and one with a branch the program does not know."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws["A1"] = "党员花名册"
    ws.merge_cells("A1:H1")
    header = ["序号", "党员姓名", "性别", "民族", "出生年月", "入党日期", "所在支部", "手机号码"]
    for col, text in enumerate(header, start=1):
        ws.cell(row=2, column=col, value=text)
    rows = [
        [1, "张  三", "男", "汉族", dt.datetime(1985, 3, 1), "2010.7", branch, 13812345678],
        [2, "李四", "不详", "彝族", "1985年3月", "2012年7月", branch, None],
        [3, "王五", "男", "汉族", "1970.05", "1995.6", "没有这个支部", None],
        ["合计", None, None, None, None, None, None, None],
    ]
    for offset, row in enumerate(rows):
        for col, value in enumerate(row, start=1):
            ws.cell(row=3 + offset, column=col, value=value)
    wb.save(path)
    return path


def open_dialog(ctx: Any, qtbot: Any, kind: str) -> ImportDialog:
    dialog = ImportDialog(ctx, kind)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def read(dialog: ImportDialog, qtbot: Any) -> None:
    qtbot.mouseClick(dialog.ui.chooseButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)


def test_blocking_problems_are_listed_and_import_stays_disabled(
    ctx: Any, qtbot: Any, answers: Any, tmp_path: Path, monkeypatch: Any, qtmodeltester: Any
) -> None:
    branch = ctx.read(lambda s: registers.list_branches(s)[0].name)
    before = counts(ctx)
    pick(monkeypatch, messy_members(tmp_path / "花名册.xlsx", branch))
    dialog = open_dialog(ctx, qtbot, "members")
    assert not dialog.ui.importButton.isEnabled()
    read(dialog, qtbot)

    assert dialog.preview is not None and dialog.preview.blocking
    assert not dialog.ui.importButton.isEnabled()
    assert "现在不能导入" in dialog.ui.summaryLabel.text()
    model = dialog.problems.model
    qtmodeltester.check(model)
    qtmodeltester.check(dialog.rows.model)
    shown = [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert ["必须改正", "花名册", "4", "性别"] in [row[:4] for row in shown]
    assert ["必须改正", "花名册", "5", "所在支部"] in [row[:4] for row in shown]
    gender_row = next(i for i, row in enumerate(shown) if row[3] == "性别")
    brush = model.data(model.index(gender_row, 4), Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == RED
    assert "第4行“性别”：无法识别“不详”" in shown[gender_row][4]
    # The good row is shown as what would be added, but nothing can be imported.
    assert dialog.rows.model.rowCount() == 1
    assert dialog.rows.model.data(dialog.rows.model.index(0, 1)) == "新增"
    assert "必须改正2" in dialog.ui.tabs.tabText(0)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert counts(ctx) == before and answers.infos == []


def test_clean_file_imports_then_reimport_updates(
    ctx: Any, qtbot: Any, answers: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    template = tmp_path / "模板.xlsx"
    monkeypatch.setattr(
        FileDialogs, "save_xlsx", classmethod(lambda cls, parent, title, suggested: template)
    )
    assert save_template("branches", None) == template
    assert "空白党组织名册已保存到" in answers.infos.pop()
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[0]
    for col, value in enumerate(["新华社区党支部", "党支部", None, "社区", "否", "马明"], start=1):
        ws.cell(row=3, column=col, value=value)
    wb.save(tmp_path / "新.xlsx")
    before = counts(ctx)

    pick(monkeypatch, tmp_path / "新.xlsx")
    dialog = open_dialog(ctx, qtbot, "branches")
    read(dialog, qtbot)
    assert dialog.ui.importButton.isEnabled()
    assert dialog.rows.model.data(dialog.rows.model.index(0, 2)) == "新华社区党支部"
    qtbot.mouseClick(dialog.ui.importButton, Qt.MouseButton.LeftButton)
    assert answers.infos[-1] == "已导入党组织名册：新增1条，更新0条。"
    assert counts(ctx) == (before[0] + 1, before[1])

    ws.cell(row=3, column=6, value="马华")
    wb.save(tmp_path / "新.xlsx")
    again = open_dialog(ctx, qtbot, "branches")
    read(again, qtbot)
    assert again.rows.model.data(again.rows.model.index(0, 1)) == "更新"
    qtbot.keyClick(again, Qt.Key.Key_Return)  # Enter imports: 导入 is the default button
    assert answers.infos[-1] == "已导入党组织名册：新增0条，更新1条。"
    assert counts(ctx) == (before[0] + 1, before[1])
    secretary = ctx.read(
        lambda s: next(
            b.secretary for b in registers.list_branches(s) if b.name == "新华社区党支部"
        )
    )
    assert secretary == "马华"


def test_unreadable_file_and_member_template(
    ctx: Any, qtbot: Any, answers: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    old = tmp_path / "旧名册.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    pick(monkeypatch, old)
    dialog = open_dialog(ctx, qtbot, "members")
    qtbot.mouseClick(dialog.ui.chooseButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "无法读取" in dialog.ui.summaryLabel.text(), timeout=20000)
    assert "另存为”.xlsx" in dialog.ui.summaryLabel.text()
    assert not dialog.ui.importButton.isEnabled()

    target = tmp_path / "党员名册模板.xlsx"
    monkeypatch.setattr(
        FileDialogs, "save_xlsx", classmethod(lambda cls, parent, title, suggested: target)
    )
    assert save_template("members", dialog) == target
    blank = read_member_register(target)
    assert blank.rows_read == 0 and not blank.blocking  # the example row is skipped


def test_what_excel_hides_is_named_above_the_preview(
    ctx: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Hidden rows, white-on-white rows and hidden sheets: importable, but the summary says so
    and the problems tab lists each row; a look-alike name with a soft hyphen is the same."""
    branch = ctx.read(lambda s: registers.list_branches(s)[0].name)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["姓名", "性别", "民族", "出生日期", "入党时间", "所在党组织"])
    for name in ("甲\u00ad乙", "丙丁", "戊己"):
        ws.append([name, "男", "汉族", dt.datetime(1980, 1, 1), dt.datetime(2005, 7, 1), branch])
    ws.row_dimensions[3].hidden = True
    for cell in ws[4]:
        cell.font = openpyxl.styles.Font(color="FFFFFF")
    wb.create_sheet("旧表").sheet_state = "hidden"
    wb.save(tmp_path / "藏.xlsx")

    pick(monkeypatch, tmp_path / "藏.xlsx")
    dialog = open_dialog(ctx, qtbot, "members")
    read(dialog, qtbot)
    summary = dialog.ui.summaryLabel.text()
    assert "看不到的内容（隐藏的工作表1个、隐藏行1行、白底白字的行1行）" in summary
    shots = Path(os.environ.get("DANGJIAN_SHOTS", tmp_path))  # to look at it
    dialog.resize(1100, 640)
    assert dialog.grab().save(str(shots / "import_hidden.png"))
    assert dialog.ui.importButton.isEnabled(), summary
    assert dialog.ui.tabs.currentIndex() == 0  # the notes are shown first
    messages = [p.message for p in dialog.problems.model.rows]
    assert any("软连字符" in m for m in messages)
    assert any("第3行在Excel中是隐藏行" in m for m in messages)
    assert any("第4行的文字是白底白字" in m for m in messages)
    assert dialog.preview is not None
    assert [m.name for m in dialog.preview.accepted] == ["甲乙", "丙丁", "戊己"]
