from __future__ import annotations

import datetime as dt
import errno
import json
import os
import sqlite3
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange import county
from dangjian_desktop.exchange.county import (
    CountyData,
    ExportCancelled,
    SheetSpec,
    build_package,
    read_county_workbook,
    verify_package,
    write_county_workbook,
)

D = dt.date
SHEETS = [
    "党组织名册",
    "党员名册",
    "申报与实施方案",
    "半年书面汇报",
    "创建工作材料",
    "评分明细（按指标和考核组成员）",
    "综合评价结果",
    "荣誉与推荐",
    "动态管理",
    "宣传报道",
]


def sample_data(members: int = 5) -> CountyData:
    sheets = [
        SheetSpec(
            "党组织名册",
            ["党组织名称", "层级", "领域", "成立时间"],
            [
                ["红星村党支部", "党支部", "农村", D(1998, 7, 1)],
                ['=HYPERLINK("http://x")', "党支部", "社区", None],
                ["机关党总支", "党总支", "机关", D(2001, 7, 1)],
            ],
            [28, 10, 12, 12],
        ),
        SheetSpec(
            "党员名册",
            ["姓名", "性别", "出生日期", "所在党组织", "电话"],
            [
                [
                    f"党员{i}",
                    "男" if i % 2 else "女",
                    D(1960 + i % 40, 1 + i % 12, 1),
                    "红星村党支部",
                    "+86 138",
                ]
                for i in range(members)
            ],
            None,
        ),
        SheetSpec(
            "评分明细（按指标和考核组成员）",
            ["党组织", "指标", "考核组成员", "得分"],
            [
                ["红星村党支部", "执行力强", "-张委员", Decimal("8.5")],
                ["红星村党支部", "创新力强", "@李委员", Decimal("7")],
                ["红星村党支部", "凝聚力强", "王委员", 6.25],
            ],
            None,
        ),
        SheetSpec(
            "综合评价结果",
            ["党组织", "综合得分", "等次", "名次", "说明"],
            [["红星村党支部", Decimal("93.25"), "先进", 1, "第一行\r\n第二行\t_x000D_"]],
            None,
        ),
    ]
    for title in SHEETS:
        if title not in {s.title for s in sheets}:
            sheets.append(SheetSpec(title, ["党组织", "日期"], [], None))
    return CountyData("红星镇", "2025—2026年度", 2025, sheets)


def _expected(sheet: SheetSpec) -> list[list[object]]:
    def plain(value: object) -> object:
        if isinstance(value, Decimal):
            return float(value)
        return value

    rows = [list(sheet.headers)]
    for row in sheet.rows:
        values = [plain(v) for v in row]
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    return rows


def test_workbook_round_trip(tmp_path: Path) -> None:
    data = sample_data()
    path = tmp_path / "汇总.xlsx"
    write_county_workbook(data, path)
    back = read_county_workbook(path)
    assert list(back) == [s.title for s in data.sheets]
    for sheet in data.sheets:
        assert back[sheet.title] == _expected(sheet), sheet.title


def test_check_reads_back_row_by_row(tmp_path: Path) -> None:
    data = sample_data()
    path = tmp_path / "汇总.xlsx"
    write_county_workbook(data, path)
    county._check_workbook(data, path)  # what was written reads back the same

    members = data.sheets[1]
    changed = sample_data()
    changed.sheets[1].rows[2][0] = "别人"
    missing = sample_data()
    missing.sheets[1].rows.append(["党员5", "男", D(1965, 6, 1), "红星村党支部", "+86 138"])
    extra = sample_data()
    del extra.sheets[1].rows[-1]
    for wanted in (changed, missing, extra):
        with pytest.raises(RuntimeError, match=members.title):
            county._check_workbook(wanted, path)


def _edge_data() -> CountyData:
    """Values the row writer turns into XML itself or hands to openpyxl's cells."""
    rows: list[list[object]] = [
        ["a & b <c> d", "  前后空格  ", "#N/A", "=1+2", "＝全角", "_x0041_ 字面"],
        [True, False, dt.datetime(2026, 5, 4, 13, 45), 12345678901234567, 0.1 + 0.2, -7],
        ["", None, "行一\n行二", "制表\t符", "控制\x01字符", Decimal("0.1")],
        [None, None, None],  # a row with nothing in it
        ["最后一行", 3.5, D(1900, 1, 1), D(2099, 12, 31), None, None],
    ]
    sheet = SheetSpec("边界值", ["文本", "数值", "日期", "其他", "第五", "第六"], rows, None)  # type: ignore[arg-type]
    return CountyData("红星镇", "2025—2026年度", 2025, [sheet])


def test_edge_values_read_back_as_openpyxl_reads_them(tmp_path: Path) -> None:
    data = _edge_data()
    path = tmp_path / "边界.xlsx"
    write_county_workbook(data, path)
    county._check_workbook(data, path)  # our streaming read-back agrees with the data
    back = read_county_workbook(path)["边界值"]  # and openpyxl reads the same file alike
    assert back[1] == ["a & b <c> d", "  前后空格  ", "#N/A", "=1+2", "＝全角", "_x0041_ 字面"]
    assert back[2] == [
        "是",
        "否",
        dt.datetime(2026, 5, 4, 13, 45),
        12345678901234567,
        0.1 + 0.2,
        -7,
    ]
    assert back[3] == [None, None, "行一\n行二", "制表\t符", "控制\x01字符", 0.1]
    assert back[4] == [] and back[5] == ["最后一行", 3.5, D(1900, 1, 1), D(2099, 12, 31)]
    wb = openpyxl.load_workbook(path)
    ws = wb["边界值"]
    assert [ws.cell(2, c).data_type for c in range(1, 7)] == ["s"] * 6  # none became a formula
    assert ws["D2"].quotePrefix and ws["E2"].quotePrefix and not ws["A2"].quotePrefix
    assert ws["C3"].number_format == "yyyy-mm-dd hh:mm" and ws["C6"].number_format == "yyyy-mm-dd"


def _rezip(path: Path, change: Callable[[str, bytes], bytes]) -> None:
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = [(info, change(info.filename, source.read(info))) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info, data)


def test_check_catches_a_damaged_or_changed_workbook(tmp_path: Path) -> None:
    data = sample_data()
    path = tmp_path / "汇总.xlsx"
    write_county_workbook(data, path)
    whole = path.read_bytes()

    path.write_bytes(whole[: len(whole) // 2])  # cut short
    with pytest.raises(UserError, match="读回时打不开或已损坏"):
        county._check_workbook(data, path)

    flipped = bytearray(whole)
    start = whole.index(b"xl/worksheets/sheet2.xml") + 40  # inside the 党员名册 part's data
    flipped[start] ^= 0xFF
    path.write_bytes(bytes(flipped))
    with pytest.raises((UserError, RuntimeError)):
        county._check_workbook(data, path)

    path.write_bytes(whole)  # well-formed, one member renamed in the sheet's XML
    _rezip(path, lambda name, raw: raw.replace("党员3".encode(), "别人".encode()))
    with pytest.raises(RuntimeError, match="党员名册"):
        county._check_workbook(data, path)

    path.write_bytes(whole)  # a sheet's XML cut inside a row
    _rezip(
        path,
        lambda name, raw: (
            raw[: raw.index(b"</row>", len(raw) // 2)] if name.endswith("sheet2.xml") else raw
        ),
    )
    with pytest.raises(UserError, match="读回时打不开或已损坏"):
        county._check_workbook(data, path)


def test_workbook_layout(tmp_path: Path) -> None:
    path = tmp_path / "汇总.xlsx"
    write_county_workbook(sample_data(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["党组织名册"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b
    assert ws.auto_filter.ref == "A1:D4"
    assert ws.print_title_rows == "$1:$1"
    assert ws.column_dimensions["A"].width == 28
    assert ws["D2"].is_date and ws["D2"].number_format == "yyyy-mm-dd"
    assert ws["A3"].data_type == "s" and ws["A3"].quotePrefix  # injection stays text
    scores = wb["评分明细（按指标和考核组成员）"]
    assert scores["D2"].data_type == "n" and scores["D2"].value == 8.5


def _snapshot(path: Path) -> None:
    with sqlite3.connect(path) as con:
        con.execute("create table t (x)")
        con.execute("insert into t values (1)")
    con.close()


def _pdfs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    paths = []
    for name in ("表彰决定.pdf", "公示.pdf"):
        path = folder / name
        path.write_bytes(b"%PDF-1.4\n" + name.encode() + b"\n%%EOF\n")
        paths.append(path)
    return paths


def test_package_round_trip(tmp_path: Path) -> None:
    target = tmp_path / "usb"
    target.mkdir()
    steps: list[int] = []
    final, _ = build_package(
        sample_data(),
        _pdfs(tmp_path),
        _snapshot,
        target,
        progress=lambda percent, text: steps.append(percent),
    )
    assert final.name == "红星镇_2025—2026年度_报送材料"
    assert steps[-1] == 100 and steps == sorted(steps)
    assert sorted(p.name for p in target.iterdir()) == [final.name]  # no partial folder left
    names = sorted(p.relative_to(final).as_posix() for p in final.rglob("*") if p.is_file())
    assert names == [
        "manifest.json",
        "数据库快照.sqlite3",
        "文书/公示.pdf",
        "文书/表彰决定.pdf",
        "红星镇2025—2026年度创建工作汇总.xlsx",
    ]
    manifest = json.loads((final / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == 1
    assert manifest["township"] == "红星镇" and manifest["round"] == "2025—2026年度"
    assert {f["path"] for f in manifest["files"]} == set(names) - {"manifest.json"}
    result = verify_package(final)
    assert result.ok and result.files_checked == 4 and result.exit_code == 0
    back = read_county_workbook(final / "红星镇2025—2026年度创建工作汇总.xlsx")
    for sheet in sample_data().sheets:
        assert back[sheet.title] == _expected(sheet)

    again, _ = build_package(sample_data(), [], _snapshot, target)
    assert again.name == "红星镇_2025—2026年度_报送材料 (2)"
    assert (final / "manifest.json").exists()  # the first one is kept


def _built(tmp_path: Path) -> Path:
    target = tmp_path / "usb"
    target.mkdir()
    return build_package(sample_data(), _pdfs(tmp_path), _snapshot, target)[0]


@pytest.mark.parametrize(
    "rel",
    ["数据库快照.sqlite3", "文书/公示.pdf", "红星镇2025—2026年度创建工作汇总.xlsx"],
)
def test_verify_detects_a_changed_byte(tmp_path: Path, rel: str) -> None:
    final = _built(tmp_path)
    path = final / rel
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    result = verify_package(final)
    assert not result.ok and result.exit_code == 1
    assert result.problems == [f"文件已改变（校验值不符）：{rel}"]


def test_verify_detects_missing_and_extra(tmp_path: Path) -> None:
    final = _built(tmp_path)
    (final / "文书" / "公示.pdf").unlink()
    (final / "文书" / "多余.txt").write_text("x")
    result = verify_package(final)
    assert not result.ok
    assert "缺少文件：文书/公示.pdf" in result.problems
    assert "多出的文件（清单中没有）：文书/多余.txt" in result.problems


def test_verify_without_manifest(tmp_path: Path) -> None:
    final = _built(tmp_path)
    (final / "manifest.json").unlink()
    result = verify_package(final)
    assert not result.ok and "manifest.json" in result.problems[0]


def test_verify_refuses_escaping_paths(tmp_path: Path) -> None:
    final = _built(tmp_path)
    manifest = json.loads((final / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"].append({"path": "../outside.txt", "size": 1, "sha256": "0" * 64})
    (final / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = verify_package(final)
    assert any("不安全" in p for p in result.problems)


def test_disappeared_target(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        build_package(sample_data(), [], _snapshot, tmp_path / "gone")
    assert "U盘已拔出或无法写入" in caught.value.message


@pytest.mark.parametrize(
    ("code", "fragment"),
    [(errno.ENOSPC, "U盘空间不足"), (errno.EIO, "U盘已拔出或无法写入"), (errno.EACCES, "无法写入")],
)
def test_write_failure_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, fragment: str
) -> None:
    target = tmp_path / "usb"
    target.mkdir()
    calls = {"n": 0}
    real = county._copy_file

    def failing(source: Path, dest: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(code, os.strerror(code))
        real(source, dest)

    monkeypatch.setattr(county, "_copy_file", failing)
    with pytest.raises(UserError) as caught:
        build_package(sample_data(), _pdfs(tmp_path), _snapshot, target)
    assert fragment in caught.value.message
    assert list(target.iterdir()) == []


def test_verification_failure_removes_the_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "usb"
    target.mkdir()
    real = county._copy_file

    def corrupting(source: Path, dest: Path) -> None:
        real(source, dest)
        if dest.suffix == ".pdf":
            with open(dest, "ab") as handle:
                handle.write(b"!")

    monkeypatch.setattr(county, "_copy_file", corrupting)
    with pytest.raises(UserError) as caught:
        build_package(sample_data(), _pdfs(tmp_path), _snapshot, target)
    assert "核对不一致" in caught.value.message and "文书/" in caught.value.message
    assert list(target.iterdir()) == []


def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "usb"
    target.mkdir()
    asked = {"n": 0}

    def cancelled() -> bool:
        asked["n"] += 1
        return asked["n"] > 6

    with pytest.raises(ExportCancelled):
        build_package(sample_data(), _pdfs(tmp_path), _snapshot, target, cancelled=cancelled)
    assert list(target.iterdir()) == []


def test_missing_pdf_is_named(tmp_path: Path) -> None:
    target = tmp_path / "usb"
    target.mkdir()
    with pytest.raises(UserError) as caught:
        build_package(sample_data(), [tmp_path / "无.pdf"], _snapshot, target)
    assert "“无.pdf”" in caught.value.message


def test_not_enough_space_is_said_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "usb"
    target.mkdir()

    class Usage:
        free = 1000

    monkeypatch.setattr(county.shutil, "disk_usage", lambda _: Usage())
    with pytest.raises(UserError) as caught:
        build_package(sample_data(), [], _snapshot, target)
    assert caught.value.message.startswith("U盘空间不足")
    assert list(target.iterdir()) == []


def test_manifest_is_copied_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "usb"
    target.mkdir()
    order: list[str] = []
    real = county._copy_file

    def recording(source: Path, dest: Path) -> None:
        order.append(dest.name)
        real(source, dest)

    monkeypatch.setattr(county, "_copy_file", recording)
    build_package(sample_data(), _pdfs(tmp_path), _snapshot, target)
    assert order[-1] == "manifest.json" and len(order) == 5
