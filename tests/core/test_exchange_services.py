"""Registers from Excel into the database (all or nothing), and the county workbook's data."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func
from sqlmodel import select

from dangjian_desktop import clock
from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange.county import read_county_workbook, verify_package
from dangjian_desktop.exchange.templates import write_branch_template, write_member_template
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import exchange, registers
from dangjian_desktop.services.common import SYSTEM, Actor, get_round
from dangjian_desktop.services.county_workbook import county_data
from dangjian_desktop.services.notices import register_notice, set_notice_file
from dangjian_desktop.services.township import save_township
from dangjian_desktop.store.db import Database, open_database
from dangjian_desktop.store.models import (
    AuditEntry,
    Branch,
    Enrolment,
    Honour,
    HonourEvent,
    MediaReport,
    Member,
    RubricItem,
)

D = dt.date
CLERK = Actor("王经办", "clerk")

BRANCHES = [
    # name, level, parent, sector, ethnic area, secretary, phone, founded, remark
    ["机关党总支", "党总支", "", "机关", "否", "周一", "0871-1234567", "2001-07-01", ""],
    [
        "机关第一党支部",
        "党支部",
        "机关党总支",
        "机关",
        "否",
        "吴二",
        "13800000002",
        "2003-05-01",
        "",
    ],
    ["红星村党支部", "党支部", "", "农村", "是", "郑三", "13800000001", "1998年7月", "山区村"],
]
MEMBERS = [
    # name, gender, ethnicity, birth, joined, kind, post, branch, phone
    ["张三", "男", "汉族", "1985-03-01", "2010-07-01", "正式党员", "书记", "红星村党支部", ""],
    ["李四", "女", "彝族", "1985年3月", "2012.7", "预备党员", "党员", "红星村党支部", ""],
    ["王五", "男", "汉族", "1970-05-01", "1995-06-01", "正式党员", "委员", "机关第一党支部", ""],
]


@pytest.fixture(autouse=True)
def fixed_today() -> Iterator[None]:
    clock.set_today(D(2026, 3, 15))
    yield
    clock.set_today(None)


@pytest.fixture
def database(data_dir: DataDir) -> Iterator[Database]:
    db = open_database(data_dir)
    with db.transaction() as session:
        save_township(
            session,
            actor=SYSTEM,
            name="红河镇",
            organ="中共红河镇委员会",
            office="中共红河镇委员会创先争优活动领导小组办公室",
            doc_prefix="红党发",
        )
    yield db
    db.close()


def fill(template: Path, rows: list[list[str]], target: Path) -> Path:
    """The blank template with rows typed from row 3, as a clerk fills it."""
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[0]
    for offset, row in enumerate(rows):
        for col, value in enumerate(row, start=1):
            ws.cell(row=3 + offset, column=col, value=value or None)
    wb.save(target)
    return target


def branch_file(tmp_path: Path, rows: list[list[str]], name: str = "党组织.xlsx") -> Path:
    write_branch_template(tmp_path / "党组织模板.xlsx")
    return fill(tmp_path / "党组织模板.xlsx", rows, tmp_path / name)


def member_file(tmp_path: Path, rows: list[list[str]], name: str = "党员.xlsx") -> Path:
    write_member_template(tmp_path / "党员模板.xlsx")
    return fill(tmp_path / "党员模板.xlsx", rows, tmp_path / name)


def import_file(db: Database, path: Path, kind: str) -> exchange.ImportResult:
    preview_fn = (
        exchange.preview_branch_import if kind == "branches" else exchange.preview_member_import
    )
    import_fn = exchange.import_branches if kind == "branches" else exchange.import_members
    with db.session() as session:
        preview = preview_fn(session, path)
    with db.transaction() as session:
        return import_fn(session, actor=CLERK, preview=preview)


def counts(db: Database) -> tuple[int, int, int]:
    with db.session() as session:
        return (
            session.exec(select(func.count()).select_from(Branch)).one(),
            session.exec(select(func.count()).select_from(Member)).one(),
            session.exec(select(func.count()).select_from(AuditEntry)).one(),
        )


def branch_facts(db: Database) -> list[tuple[Any, ...]]:
    with db.session() as session:
        names = {b.id: b.name for b in registers.list_branches(session)}
        return [
            (
                b.name,
                b.level,
                names.get(b.parent_id, ""),
                b.sector,
                b.ethnic_area,
                b.secretary,
                b.phone,
                b.founded,
                b.remark,
            )
            for b in registers.list_branches(session)
        ]


def member_facts(db: Database) -> list[tuple[Any, ...]]:
    with db.session() as session:
        names = {b.id: b.name for b in registers.list_branches(session)}
        return sorted(
            (
                m.name,
                m.gender,
                m.ethnicity,
                m.birth_date,
                m.joined_on,
                m.kind,
                m.post,
                names[m.branch_id],
                m.phone,
            )
            for m in registers.list_members(session)
        )


# ---------------------------------------------------------------- import


def test_template_rows_round_trip(database: Database, tmp_path: Path) -> None:
    # The 党支部 row comes before its 党总支 in the file: the 党总支 is created first.
    rows = [BRANCHES[1], BRANCHES[0], BRANCHES[2]]
    result = import_file(database, branch_file(tmp_path, rows), "branches")
    assert (result.inserted, result.updated, result.skipped) == (3, 0, 0)
    assert sorted(branch_facts(database)) == sorted(
        [
            (
                "机关党总支",
                "general_branch",
                "",
                "机关",
                False,
                "周一",
                "0871-1234567",
                D(2001, 7, 1),
                "",
            ),
            (
                "机关第一党支部",
                "branch",
                "机关党总支",
                "机关",
                False,
                "吴二",
                "13800000002",
                D(2003, 5, 1),
                "",
            ),
            (
                "红星村党支部",
                "branch",
                "",
                "农村",
                True,
                "郑三",
                "13800000001",
                D(1998, 7, 1),
                "山区村",
            ),
        ]
    )
    result = import_file(database, member_file(tmp_path, MEMBERS), "members")
    assert (result.inserted, result.updated) == (3, 0)
    assert result.message == "新增3条，更新0条。"
    assert member_facts(database) == sorted(
        [
            (
                "张三",
                "男",
                "汉族",
                D(1985, 3, 1),
                D(2010, 7, 1),
                "正式党员",
                "书记",
                "红星村党支部",
                "",
            ),
            (
                "李四",
                "女",
                "彝族",
                D(1985, 3, 1),
                D(2012, 7, 1),
                "预备党员",
                "党员",
                "红星村党支部",
                "",
            ),
            (
                "王五",
                "男",
                "汉族",
                D(1970, 5, 1),
                D(1995, 6, 1),
                "正式党员",
                "委员",
                "机关第一党支部",
                "",
            ),
        ]
    )
    # Every change is in the audit log under the operator who imported.
    with database.session() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.operator == "王经办")).all()
    assert len(entries) == 6 and {e.action for e in entries} == {"create"}


def test_reimport_updates_instead_of_duplicating(database: Database, tmp_path: Path) -> None:
    import_file(database, branch_file(tmp_path, BRANCHES), "branches")
    import_file(database, member_file(tmp_path, MEMBERS), "members")
    before = counts(database)

    changed = [list(r) for r in BRANCHES]
    changed[2][5] = "郑四"  # new secretary
    changed[2][6] = ""  # a blank phone keeps the one on record
    path = branch_file(tmp_path, changed, "党组织2.xlsx")
    with database.session() as session:
        preview = exchange.preview_branch_import(session, path)
    assert all(row.updates_existing for row in preview.accepted)
    assert not preview.blocking
    with database.transaction() as session:
        result = exchange.import_branches(session, actor=CLERK, preview=preview)
    assert (result.inserted, result.updated, result.skipped) == (0, 1, 2)

    people = [list(r) for r in MEMBERS]
    people[0][6] = "党员"  # 张三 is no longer secretary
    result = import_file(database, member_file(tmp_path, people, "党员2.xlsx"), "members")
    assert (result.inserted, result.updated, result.skipped) == (0, 1, 2)

    branches, members, audit = counts(database)
    assert (branches, members) == before[:2]
    assert audit == before[2] + 2
    facts = {f[0]: f for f in branch_facts(database)}
    assert facts["红星村党支部"][5:7] == ("郑四", "13800000001")
    assert ("张三", "党员") in {(m[0], m[6]) for m in member_facts(database)}


def test_blocking_problem_imports_nothing(database: Database, tmp_path: Path) -> None:
    import_file(database, branch_file(tmp_path, BRANCHES[:1]), "branches")
    before = counts(database)
    rows = [*BRANCHES[1:], ["光明学校党支部", "党委", "", "教育", "否", "", "", "", ""]]
    path = branch_file(tmp_path, rows, "有错.xlsx")
    with database.session() as session:
        preview = exchange.preview_branch_import(session, path)
    assert preview.blocking
    bad = [p for p in preview.problems if p.blocking]
    assert bad[0].row == 5 and bad[0].column == "层级" and "“党委”" in bad[0].message
    assert len(preview.accepted) == 2  # the good rows would go in, but not without the bad one
    with pytest.raises(UserError, match="没有导入任何数据"), database.transaction() as session:
        exchange.import_branches(session, actor=CLERK, preview=preview)
    assert counts(database) == before


def test_failure_in_the_middle_rolls_back_everything(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_file(database, branch_file(tmp_path, BRANCHES), "branches")
    before = counts(database)
    many = [
        [f"党员{i}", "男", "汉族", f"19{60 + i}-01-01", "2000-07-01", "", "", "红星村党支部", ""]
        for i in range(6)
    ]
    path = member_file(tmp_path, many)
    with database.session() as session:
        preview = exchange.preview_member_import(session, path)
    assert len(preview.accepted) == 6 and not preview.blocking

    real_add = registers.add_member
    calls: list[int] = []

    def flaky(session: Any, *, actor: Actor, data: registers.MemberInput) -> Member:
        calls.append(1)
        if len(calls) == 4:
            raise UserError("磁盘空间不足。")
        return real_add(session, actor=actor, data=data)

    monkeypatch.setattr(exchange, "add_member", flaky)
    with pytest.raises(UserError) as caught, database.transaction() as session:
        exchange.import_members(session, actor=CLERK, preview=preview)
    assert "党员3" in str(caught.value) and "没有导入任何数据" in str(caught.value)
    assert counts(database) == before


def test_database_checks_in_the_preview(database: Database, tmp_path: Path) -> None:
    import_file(database, branch_file(tmp_path, BRANCHES), "branches")
    rows = [
        # parent exists only in the database and is a 党支部
        ["红星村一组党支部", "党支部", "红星村党支部", "农村", "", "", "", "", ""],
        # parent nowhere
        ["新村党支部", "党支部", "新村党总支", "农村", "", "", "", "", ""],
        # the existing 党总支 turned into a 党支部 while a 党支部 still sits under it
        ["机关党总支", "党支部", "", "机关", "", "", "", "", ""],
    ]
    with database.session() as session:
        preview = exchange.preview_branch_import(session, branch_file(tmp_path, rows, "x.xlsx"))
    messages = {p.row: p.message for p in preview.problems if p.blocking}
    assert "在程序中是党支部" in messages[3]
    assert "既不在程序中，也不在本表中" in messages[4]
    assert "下面还有1个党支部" in messages[5]
    assert preview.accepted == []

    # Members: unknown branch, and a new member without 民族.
    people = [
        ["赵六", "男", "汉族", "1970-05-01", "1995-06-01", "", "", "不存在党支部", ""],
        ["钱七", "女", "", "1980-05-01", "2005-06-01", "", "", "红星村党支部", ""],
    ]
    with database.session() as session:
        preview = exchange.preview_member_import(session, member_file(tmp_path, people))
    messages = {p.row: p.message for p in preview.problems if p.blocking}
    assert "不在程序的党组织中" in messages[3]
    assert "必须填写民族" in messages[4]
    assert preview.blocking and preview.accepted == []


# ---------------------------------------------------------------- county data and package


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dangjian_desktop.services.demo import build_demo

    folder = tmp_path_factory.mktemp("county-demo")
    clock.set_today(D(2027, 3, 1))
    db = open_database(DataDir(folder))
    try:
        build_demo(db, branches=12, members=60)
    finally:
        db.close()
        clock.set_today(None)
    return folder


@pytest.fixture
def demo(demo_folder: Path, tmp_path: Path) -> Iterator[Database]:
    import shutil

    target = tmp_path / "demo"
    shutil.copytree(demo_folder, target)
    clock.set_today(D(2027, 3, 1))
    db = open_database(DataDir(target))
    yield db
    db.close()


COUNTY_SHEETS = [
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


def test_the_member_sheet_keeps_shared_values_once(demo: Database) -> None:
    with demo.session() as session:
        rows = next(s for s in county_data(session, 2025).sheets if s.title == "党员名册").rows
    for column in (1, 2, 5):  # 性别, 民族, 党员类别: equal values are one object
        values = [row[column] for row in rows if row[column] is not None]
        assert len(values) > len({v for v in values}) > 0
        assert len({id(v) for v in values}) == len(set(values))


def test_county_data_has_every_sheet_with_matching_counts(demo: Database) -> None:
    with demo.session() as session:
        data = county_data(session, 2025)
        rnd = get_round(session, 2025)
        enrolled = session.exec(
            select(func.count())
            .select_from(Enrolment)
            .where(Enrolment.round_id == rnd.id, Enrolment.withdrawn_at == None)  # noqa: E711
        ).one()
        items = session.exec(
            select(func.count()).select_from(RubricItem).where(RubricItem.round_id == rnd.id)
        ).one()
        honours = session.exec(
            select(func.count()).select_from(Honour).where(Honour.round_id == rnd.id)
        ).one()
        events = session.exec(
            select(func.count()).select_from(HonourEvent).where(HonourEvent.round_id == rnd.id)
        ).one()
        media = session.exec(
            select(func.count()).select_from(MediaReport).where(MediaReport.round_id == rnd.id)
        ).one()
        branches = len(registers.list_branches(session))
        members = len(registers.list_members(session))
    assert data.township == "石龙镇" and data.round_label == "2025—2026年度"
    sheets = {s.title: s for s in data.sheets}
    assert [s.title for s in data.sheets] == COUNTY_SHEETS
    assert len(sheets["党组织名册"].rows) == branches == 12
    assert len(sheets["党员名册"].rows) == members == 60
    assert len(sheets["申报与实施方案"].rows) == enrolled > 0
    assert len(sheets["半年书面汇报"].rows) == 2 * enrolled
    assert len(sheets["创建工作材料"].rows) == enrolled
    assert len(sheets["评分明细（按指标和考核组成员）"].rows) == enrolled * items
    assert len(sheets["综合评价结果"].rows) == enrolled
    assert len(sheets["荣誉与推荐"].rows) == honours > 0
    assert len(sheets["动态管理"].rows) == events > 0
    assert len(sheets["宣传报道"].rows) == media
    for sheet in data.sheets:
        assert all(len(row) == len(sheet.headers) for row in sheet.rows), sheet.title
    # Closed round: every branch has a rank and every plan has a timeliness word.
    results = sheets["综合评价结果"].rows
    assert results[0][0] == 1 and results[0][6] in {"先进", "合格", "不合格", "不参评"}
    assert {row[4] for row in sheets["申报与实施方案"].rows} <= {"按时", "未报"} | {
        f"逾期{n}天" for n in range(1, 400)
    }
    scores = sheets["评分明细（按指标和考核组成员）"]
    assert scores.headers[:5] == ["党组织", "指标编号", "指标名称", "分值", "自评分"]
    assert scores.headers[-1] == "统一考核得分"
    assert all(row[-1] is not None for row in scores.rows)  # the closed round is complete


def _issue_pdf(db: Database, first_year: int, name: str) -> Path:
    pdf = db.data_dir.documents / name
    pdf.write_bytes(b"%PDF-1.4\n% test document\n%%EOF\n")
    with db.transaction() as session:
        rnd = get_round(session, first_year)
        notice = register_notice(
            session,
            actor=SYSTEM,
            rnd=rnd,
            kind="decision",
            title="表彰决定",
            signed_on=D(2026, 6, 28),
        )
        set_notice_file(
            session,
            notice=notice,
            file_path=pdf.relative_to(db.data_dir.root).as_posix(),
            sha256=hashlib.sha256(pdf.read_bytes()).hexdigest(),
        )
    return pdf


def test_export_package_with_pdfs_verifies_and_is_audited(demo: Database, tmp_path: Path) -> None:
    _issue_pdf(demo, 2025, "表彰决定.pdf")
    stick = tmp_path / "stick"
    stick.mkdir()
    seen: list[int] = []
    folder, _ = exchange.export_county_package(
        demo, 2025, stick, progress=lambda percent, _text: seen.append(percent), actor=CLERK
    )
    assert folder.parent == stick and seen[-1] == 100
    result = verify_package(folder)
    assert result.ok and result.files_checked == 3
    assert (folder / "文书" / "表彰决定.pdf").read_bytes().startswith(b"%PDF")
    snapshot = next(folder.glob("*.sqlite3"))
    with sqlite3.connect(snapshot) as con:  # the county gets the data, never a password hash
        names = [r[0] for r in con.execute("SELECT name FROM operator")]
        hashes = [r[0] for r in con.execute("SELECT password_hash FROM operator")]
    assert names and hashes == [None] * len(names)
    assert b"scrypt$" not in snapshot.read_bytes()  # nor in free pages
    workbook = read_county_workbook(next(folder.glob("*.xlsx")))
    assert list(workbook) == [*COUNTY_SHEETS, "说明"]  # 说明 last: the audit-log anchor
    assert len(workbook["党员名册"]) == 61
    notes = {row[0]: row[1] for row in workbook["说明"] if len(row) == 2}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert notes["操作日志条数"] == manifest["audit_log"]["entries"] > 0
    assert notes["操作日志最后一条的校验值"] == manifest["audit_log"]["head"]
    with demo.session() as session:
        entry = session.exec(
            select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id.desc())  # type: ignore[union-attr]
        ).first()
        summary = exchange.export_summary(session, demo.data_dir.root, 2025)
    assert entry is not None and entry.operator == "王经办" and "报送县委" in entry.summary
    assert (summary.branches, summary.members, summary.pdfs) == (12, 60, 1)
    assert summary.receipts > 0 and summary.scores > 0 and summary.honours > 0


def test_the_package_snapshot_keeps_the_data_and_no_password_hash(
    demo: Database, tmp_path: Path
) -> None:
    from dangjian_desktop.services.operators import list_operators, set_password
    from dangjian_desktop.store import seal
    from dangjian_desktop.store.db import shareable_snapshot, sqlite_backup

    with demo.transaction() as session:
        for operator in list_operators(session):
            assert operator.id is not None
            set_password(session, actor=SYSTEM, operator_id=operator.id, password="密码123456")
    assert (
        b"scrypt$"
        in demo.path.read_bytes() + demo.path.with_name(demo.path.name + "-wal").read_bytes()
    )  # the hashes are in the live file
    ours, reference = tmp_path / "ours.sqlite3", tmp_path / "reference.sqlite3"
    shareable_snapshot(demo.path, ours)
    # the slow way, as the snapshot was made before: a backup of the whole file, the hashes
    # removed and the operator seals renewed, then the copy vacuumed
    sqlite_backup(demo.path, reference)
    with sqlite3.connect(reference) as con:
        con.execute("UPDATE operator SET password_hash = NULL")
        seal.reseal(seal.query_of(con), ["operator"])
    con.execute("VACUUM")
    con.close()
    assert b"scrypt$" not in ours.read_bytes()  # nor in free pages
    assert not ours.with_name("ours.sqlite3.part").exists()

    def contents(path: Path) -> dict[str, list[Any]]:
        with sqlite3.connect(path) as con:
            assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert seal.verify(seal.query_of(con)) == []  # operator seals renewed
            tables = [
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            found = {  # sorted rows: the seal blocks' table has no rowid
                t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
            }
        con.close()
        return found

    assert contents(ours) == contents(reference)


def test_a_missing_usb_folder_is_said_before_the_long_checks(
    demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[bool] = []
    monkeypatch.setattr(exchange, "integrity_problems", lambda db: checked.append(True) or [])
    seen: list[str] = []
    with pytest.raises(UserError, match="U盘已拔出"):
        exchange.export_county_package(
            demo, 2025, tmp_path / "拔出的U盘", progress=lambda _p, text: seen.append(text)
        )
    assert checked == [] and seen == []  # no check ran, nothing was said to be under way


def test_export_refuses_when_the_integrity_check_fails(demo: Database, tmp_path: Path) -> None:
    pdf = _issue_pdf(demo, 2025, "表彰决定.pdf")
    pdf.write_bytes(b"%PDF-1.4\n% changed outside the program\n")
    stick = tmp_path / "stick"
    stick.mkdir()
    with pytest.raises(UserError, match="数据检查发现问题") as caught:
        exchange.export_county_package(demo, 2025, stick)
    assert "表彰决定" in str(caught.value) and "被改动过" in str(caught.value)
    assert list(stick.iterdir()) == []
