from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange.importer import (
    ImportPreview,
    Problem,
    read_branch_register,
    read_member_register,
)
from dangjian_desktop.exchange.register_check import check_against_existing

D = dt.date


def problems_at(preview: ImportPreview, row: int) -> list[Problem]:
    return [p for p in preview.problems if p.row == row]


def test_clerk_member_register(clerk_member_register: Path) -> None:
    preview = read_member_register(clerk_member_register)
    assert preview.kind == "members"
    assert preview.sheet == "花名册"
    assert preview.header_row == 3
    assert preview.blocking
    assert preview.rows_read == 7  # blank rows and the 合计 row are not rows

    by_row = {r.row: r for r in preview.accepted}
    assert sorted(by_row) == [4, 5, 6]
    zhang = by_row[4]
    assert (zhang.name, zhang.gender, zhang.ethnicity) == ("张三", "男", "汉族")
    assert (zhang.birth_date, zhang.joined_on) == (D(1985, 3, 1), D(2010, 7, 1))
    assert (zhang.kind, zhang.post, zhang.phone) == ("正式党员", "书记", "13812345678")
    li = by_row[5]
    assert (li.ethnicity, li.birth_date, li.joined_on) == ("彝族", D(1985, 3, 1), D(2012, 7, 1))
    assert (li.kind, li.post) == ("预备党员", "党员")
    wang = by_row[6]
    assert wang.name == "王五"
    assert wang.birth_date == D(1985, 3, 8)
    assert wang.joined_on == D(2011, 7, 1)
    assert (wang.post, wang.branch_name, wang.phone) == ("委员", "红星村党支部", "13812345679")

    duplicate = problems_at(preview, 8)
    assert len(duplicate) == 1 and "与第4行重复" in duplicate[0].message
    assert duplicate[0].column == "党员姓名"
    gender = problems_at(preview, 9)
    assert gender[0].column == "性别" and "“未知”" in gender[0].message
    assert gender[0].message.startswith("第9行“性别”：")
    future = problems_at(preview, 10)
    assert any(p.column == "出生年月" and "今天之后" in p.message for p in future)
    month = problems_at(preview, 11)
    assert month[0].message.startswith("第11行“出生年月”：无法识别“2005年13月”")
    assert "2005-07-01" in month[0].message
    assert not problems_at(preview, 13)  # 合计


def test_clerk_branch_register(clerk_branch_register: Path) -> None:
    preview = read_branch_register(clerk_branch_register)
    assert preview.sheet == "党组织"  # found past a notes sheet, under a merged title
    rows = {r.name: r for r in preview.accepted}
    assert set(rows) == {"机关党总支", "机关第一党支部", "红星村党支部", "新华社区党支部"}
    assert rows["机关党总支"].level == "党总支"
    assert rows["机关党总支"].founded == D(2001, 7, 1)
    assert rows["机关党总支"].phone == "0871-1234567"
    first = rows["机关第一党支部"]
    assert (first.level, first.parent_name, first.sector) == ("党支部", "机关党总支", "机关")
    assert first.phone == ""  # 8712345678: lost its leading 0; dropped with a notice
    notice = next(p for p in problems_at(preview, 4) if p.column == "电话")
    assert not notice.blocking and "区号前的0" in notice.message
    red = rows["红星村党支部"]
    assert (red.sector, red.ethnic_area, red.secretary) == ("农村", True, "郑三")
    assert red.founded == D(1998, 7, 1)
    xinhua = rows["新华社区党支部"]
    assert xinhua.level == "党支部"  # inferred from the name, with a notice
    assert any(not p.blocking for p in problems_at(preview, 6))
    assert "与第5行重复" in problems_at(preview, 7)[0].message
    assert "“党委”" in problems_at(preview, 8)[0].message


def test_missing_required_column_names_it_and_lists_synonyms(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "性别", "民族", "入党时间", "所在党组织"])
    wb.active.append(["张三", "男", "汉族", "2010-07-01", "红星村党支部"])
    path = tmp_path / "m.xlsx"
    wb.save(path)
    preview = read_member_register(path)
    assert preview.blocking and not preview.accepted
    [problem] = preview.problems
    assert problem.column == "出生日期"
    assert "缺少“出生日期”列" in problem.message
    assert "“出生年月”" in problem.message and "“生日”" in problem.message


def test_wrong_file_has_no_header(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["项目", "金额"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    preview = read_member_register(path)
    assert preview.blocking
    assert "没有找到党员名册的表头" in preview.problems[0].message


def test_merged_branch_cells_fill_down(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "出生日期", "入党时间", "所在支部"])
    ws.append(["甲", "男", "1980-01-01", "2005-01-01", "红星村党支部"])
    ws.append(["乙", "女", "1981-01-01", "2006-01-01", None])
    ws.merge_cells("E2:E3")
    path = tmp_path / "m.xlsx"
    wb.save(path)
    preview = read_member_register(path)
    assert [r.branch_name for r in preview.accepted] == ["红星村党支部", "红星村党支部"]


def test_header_spread_over_two_merged_rows(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "出生日期", "入党时间", "所在党组织"])
    ws.append([None] * 5)
    for col in "ABCDE":
        ws.merge_cells(f"{col}1:{col}2")
    ws.append(["甲", "男", "1980-01", "2005-01", "红星村党支部"])
    path = tmp_path / "m.xlsx"
    wb.save(path)
    preview = read_member_register(path)
    assert not preview.blocking
    assert [r.row for r in preview.accepted] == [3]


def test_check_against_existing(clerk_member_register: Path) -> None:
    preview = read_member_register(clerk_member_register)
    checked = check_against_existing(
        preview,
        existing_branch_names={"红星村党支部"},
        existing_member_keys={("张三", D(1985, 3, 1), "红星村党支部")},
    )
    assert preview.accepted[0].updates_existing is False  # the input is not changed
    by_row = {r.row: r for r in checked.accepted}
    assert by_row[4].updates_existing and not by_row[5].updates_existing
    info = [p for p in checked.problems if p.row == 4]
    assert info and not info[0].blocking and "将更新" in info[0].message

    unknown = check_against_existing(preview, set(), set())
    assert not unknown.accepted
    assert all(
        p.blocking and "不在程序的党组织中" in p.message
        for p in unknown.problems
        if p.row in (4, 5, 6)
    )
    pending = check_against_existing(preview, set(), set(), pending_branch_names={"红星村党支部"})
    assert len(pending.accepted) == 3


def test_branch_parent_must_exist(clerk_branch_register: Path) -> None:
    preview = read_branch_register(clerk_branch_register)
    checked = check_against_existing(preview, {"红星村党支部"}, set())
    assert {r.name for r in checked.accepted if r.updates_existing} == {"红星村党支部"}
    orphan = read_branch_register(clerk_branch_register)
    orphan.accepted = [r for r in orphan.accepted if r.name != "机关党总支"]
    result = check_against_existing(orphan, set(), set())
    assert any("“机关党总支”既不在程序中" in p.message and p.blocking for p in result.problems)


def test_database_problems_name_the_column_as_the_file_heads_it(
    clerk_member_register: Path, clerk_branch_register: Path
) -> None:
    members = check_against_existing(read_member_register(clerk_member_register), set(), set())
    unknown = [p for p in members.problems if p.row == 4 and p.blocking]
    assert unknown[0].column == "所在支部"  # the clerk's header, not the template's 所在党组织
    assert unknown[0].message.startswith("第4行“所在支部”：")
    orphan = read_branch_register(clerk_branch_register)
    orphan.accepted = [r for r in orphan.accepted if r.name != "机关党总支"]
    result = check_against_existing(orphan, {"红星村党支部"}, set())
    columns = {
        p.column for p in result.problems if "既不在程序中" in p.message or "将更新" in p.message
    }
    assert columns == {"所属党总支", "组织名称"}


def test_unreadable_file_raises_user_error(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a workbook at all")
    with pytest.raises(UserError):
        read_member_register(path)


_cell = st.one_of(
    st.none(),
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs",),
            blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)],
        ),
        max_size=12,
    ),
    st.sampled_from(
        ["合计", "示例", "男", "女", "汉族", "1985年3月", "2005.1", "党支部", "农村", "是", "=1+2"]
    ),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.booleans(),
)


@given(
    header_top=st.integers(min_value=1, max_value=6),
    rows=st.lists(st.lists(_cell, min_size=9, max_size=9), max_size=8),
    kind=st.sampled_from(["members", "branches"]),
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_random_cells_never_crash(
    tmp_path: Path, header_top: int, rows: list[list[object]], kind: str
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    header = (
        ["姓名", "性别", "民族", "出生日期", "入党时间", "党员类别", "职务", "所在党组织", "电话"]
        if kind == "members"
        else [
            "党组织名称",
            "层级",
            "上级党组织",
            "领域",
            "民族地区",
            "书记",
            "电话",
            "成立时间",
            "备注",
        ]
    )
    for col, text in enumerate(header, start=1):
        ws.cell(row=header_top, column=col, value=text)
    for offset, row in enumerate(rows, start=1):
        for col, value in enumerate(row, start=1):
            ws.cell(row=header_top + offset, column=col, value=value)
    path = tmp_path / f"random_{kind}.xlsx"
    wb.save(path)
    reader = read_member_register if kind == "members" else read_branch_register
    preview = reader(path)
    assert preview.rows_read <= len(rows)
    accepted_rows = {r.row for r in preview.accepted}
    assert not accepted_rows & preview.blocking_rows
    for problem in preview.problems:
        assert problem.message
    check_against_existing(preview, {"红星村党支部"}, set())
