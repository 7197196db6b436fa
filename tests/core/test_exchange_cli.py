"""The exchange commands: export → verify, a changed byte named, imports from messy workbooks."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from dangjian_desktop.cli import main
from dangjian_desktop.exchange.county import MANIFEST

TODAY = "2027-03-01"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-demo")
    argv = ["--data-dir", str(folder), "--today", TODAY, "demo", "--branches", "12"]
    assert main([*argv, "--members", "60"]) == 0
    return folder


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target)
    return target


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(data), "--today", TODAY, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def counts(data: Path) -> tuple[int, int]:
    con = sqlite3.connect(data / "dangjian.sqlite3")
    try:
        branches = con.execute("SELECT count(*) FROM branch").fetchone()[0]
        members = con.execute("SELECT count(*) FROM member").fetchone()[0]
    finally:
        con.close()
    return int(branches), int(members)


def test_export_then_verify_and_every_changed_byte_is_named(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    code, out, err = run(capsys, demo_dir, "export", "--round", "2025", "--to", str(stick))
    assert code == 0, err
    folder = stick / "石龙镇_2025—2026年度_报送材料"
    assert str(folder) in out
    assert "已校验，共2个文件" in out  # the workbook and the database snapshot
    code, out, _ = run(capsys, demo_dir, "verify", str(folder), "--json")
    assert code == 0
    assert json.loads(out) == {"ok": True, "files_checked": 2, "problems": []}

    files = sorted(p for p in folder.rglob("*") if p.is_file())
    assert {p.name for p in files} >= {MANIFEST, "数据库快照.sqlite3"}
    for path in files:
        original = path.read_bytes()
        changed = bytearray(original)
        changed[len(changed) // 2] ^= 0x01
        path.write_bytes(bytes(changed))
        code, out, err = run(capsys, demo_dir, "verify", str(folder))
        assert code == 1, path.name
        assert path.name in err or path.name == MANIFEST, (path.name, err)
        if path.name == MANIFEST:
            assert MANIFEST in err or "文件已改变" in err or "缺少" in err, err
        path.write_bytes(original)
    code, _, _ = run(capsys, demo_dir, "verify", str(folder))
    assert code == 0

    extra = folder / "文书" / "多出来.pdf"
    extra.write_bytes(b"%PDF")
    code, out, _ = run(capsys, demo_dir, "verify", str(folder), "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"]
    assert any("多出来.pdf" in p for p in report["problems"])
    extra.unlink()
    (folder / "数据库快照.sqlite3").unlink()
    code, _, err = run(capsys, demo_dir, "verify", str(folder))
    assert code == 1 and "缺少文件：数据库快照.sqlite3" in err


def messy_member_register(path: Path) -> Path:
    """A 党员花名册 as a township office makes one: a merged title, synonym headers, numbers as
    phones, full-width digits, a 合计 row — and a few mistakes."""
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
        "所在支部",
        "手机号码",
    ]
    ws.cell(row=1, column=1, value="石龙镇党员花名册").font = Font(bold=True, size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    for col, text in enumerate(header, start=1):
        ws.cell(row=3, column=col, value=text)
    rows = [
        [
            1,
            "张  三",
            "男",
            "汉族",
            dt.datetime(1985, 3, 1),
            "2010.7",
            "正式",
            "石龙村党总支",
            13812345678,
        ],
        [2, "李四", "女", "彝", "１９８５年３月", "2012年7月", "预备", "石龙村党总支", None],
        [3, "王五", "未知", "汉族", "1970.05", "1995.6", "正式", "石龙村党总支", None],
        [4, "赵六", "男", "汉族", "1970-05-01", "1995-06-01", "正式", "没有这个支部", None],
        [None] * 9,
        ["合计", None, None, None, None, None, None, None, None],
    ]
    for offset, row in enumerate(rows):
        for col, value in enumerate(row, start=1):
            ws.cell(row=4 + offset, column=col, value=value)
    wb.save(path)
    return path


def test_import_dry_run_json_shows_problems_and_imports_nothing(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = counts(demo_dir)
    path = messy_member_register(tmp_path / "党员花名册.xlsx")
    code, out, err = run(capsys, demo_dir, "import-members", str(path), "--dry-run", "--json")
    assert code == 1
    report = json.loads(out)
    assert report["rows_read"] == 4 and report["accepted"] == 2
    assert (report["inserted"], report["updated"]) == (0, 0)
    blocking = [p for p in report["problems"] if p["blocking"]]
    assert {(p["sheet"], p["row"], p["column"]) for p in blocking} == {
        ("花名册", 6, "性别"),
        ("花名册", 7, "所在支部"),
    }
    assert all(p["message"].startswith(f"第{p['row']}行") for p in report["problems"])
    assert "没有导入任何数据" in err
    assert counts(demo_dir) == before

    # Without --dry-run the blocking rows still stop everything.
    code, out, err = run(capsys, demo_dir, "import-members", str(path))
    assert code == 1
    assert "第6行“性别”：无法识别“未知”" in out and "[必须改正]" in out
    assert counts(demo_dir) == before


def test_templates_then_a_clean_import(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "模板"
    code, out, _ = run(capsys, demo_dir, "templates", "--to", str(folder))
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["党员名册模板.xlsx", "党组织名册模板.xlsx"]
    wb = openpyxl.load_workbook(folder / "党组织名册模板.xlsx")
    ws = wb.worksheets[0]
    for col, value in enumerate(["新华社区党支部", "党支部", None, "社区", "否"], start=1):
        ws.cell(row=3, column=col, value=value)
    wb.save(tmp_path / "新党组织.xlsx")
    before = counts(demo_dir)

    code, out, _ = run(
        capsys, demo_dir, "import-branches", str(tmp_path / "新党组织.xlsx"), "--dry-run"
    )
    assert code == 0 and "将新增1条" in out
    assert counts(demo_dir) == before
    code, out, _ = run(
        capsys, demo_dir, "import-branches", str(tmp_path / "新党组织.xlsx"), "--json"
    )
    assert code == 0
    assert json.loads(out)["inserted"] == 1
    assert counts(demo_dir) == (before[0] + 1, before[1])
    code, out, _ = run(capsys, demo_dir, "import-branches", str(tmp_path / "新党组织.xlsx"))
    assert code == 0 and "新增0条，更新0条，另有1条与程序中的记录相同" in out
    assert counts(demo_dir) == (before[0] + 1, before[1])


def test_unreadable_file_is_a_clear_message(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "名册.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    code, _, err = run(capsys, demo_dir, "import-branches", str(old))
    assert code == 1 and "另存为”.xlsx" in err and "Traceback" not in err
