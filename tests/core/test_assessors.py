"""考核组 from the member register: recusal computed from the register and the branch tree when
scores are keyed and combined; assessors edited and replaced (audited); the trimmed mean on the
assessors who actually scored a branch."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from decimal import Decimal

import pytest
from sqlmodel import select

from dangjian_desktop import clock
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import enrolment, evaluation, operators, registers, rounds, township
from dangjian_desktop.services.common import SYSTEM, Actor, get_round, ident
from dangjian_desktop.services.county_workbook import county_data
from dangjian_desktop.store.db import HEAD, Database, _alembic_config, make_engine, open_database
from dangjian_desktop.store.models import Assessor, AuditEntry

YEAR = 2025


@dataclasses.dataclass
class Town:
    db: Database
    clerk: Actor
    branch: dict[str, int]  # short name -> id
    member: dict[str, int]  # name -> id


def _member(s: object, clerk: Actor, name: str, branch_id: int) -> int:
    data = registers.MemberInput(name=name, gender="男", ethnicity="汉族", branch_id=branch_id)
    return ident(registers.add_member(s, actor=clerk, data=data))  # type: ignore[arg-type]


@pytest.fixture
def town(db: Database) -> Town:
    """大箐村党总支 with 上寨 and 下寨 党支部 under it, 卫生院 and 小学; all enrolled, single entry."""
    clock.set_today(dt.date(YEAR, 8, 1))
    with db.transaction() as s:
        township.save_township(s, actor=SYSTEM, name="石龙镇")
        op = operators.create_operator(s, actor=SYSTEM, name="王晓燕", role="clerk")
        clerk = Actor(op.name, op.role, op.id)
        general = ident(
            registers.add_branch(
                s,
                actor=clerk,
                data=registers.BranchInput(name="大箐村党总支", level="general_branch"),
            )
        )
        branch = {"总支": general}
        for short in ("上寨", "下寨"):
            data = registers.BranchInput(name=f"大箐村{short}党支部", parent_id=general)
            branch[short] = ident(registers.add_branch(s, actor=clerk, data=data))
        for short, name in (("卫生院", "镇卫生院党支部"), ("小学", "中心小学党支部")):
            data = registers.BranchInput(name=name, sector="事业单位-其他")
            branch[short] = ident(registers.add_branch(s, actor=clerk, data=data))
        member = {
            "李明": _member(s, clerk, "李明", branch["卫生院"]),
            "王芳": _member(s, clerk, "王芳", branch["上寨"]),
            "赵刚": _member(s, clerk, "赵刚", branch["总支"]),
        }
        rounds.create_round(s, actor=clerk, first_year=YEAR)
        rounds.update_settings(s, actor=clerk, first_year=YEAR, double_entry=False)
        for branch_id in branch.values():
            enrolment.enrol(s, actor=clerk, first_year=YEAR, branch_id=branch_id)
    return Town(db, clerk, branch, member)


def _score(town: Town, assessor_id: int, branch: str, code: str = "1.1", value: str = "1") -> None:
    with town.db.transaction() as s:
        evaluation.set_score(
            s,
            actor=town.clerk,
            first_year=YEAR,
            assessor_id=assessor_id,
            branch_id=town.branch[branch],
            code=code,
            score=value,
        )


def _add(town: Town, **person: object) -> int:
    with town.db.transaction() as s:
        return ident(
            evaluation.add_assessor(s, actor=town.clerk, first_year=YEAR, **person)  # type: ignore[arg-type]
        )


def _line(town: Town, assessor_id: int) -> evaluation.AssessorLine:
    with town.db.session() as s:
        lines = evaluation.assessor_lines(s, YEAR)
    return next(line for line in lines if line.assessor_id == assessor_id)


def test_a_member_who_moved_branch_stands_aside_from_the_new_one_not_the_old(town: Town) -> None:
    li = _add(town, member_id=town.member["李明"], unit="镇卫生院")
    assert _line(town, li).recused_from == ["镇卫生院党支部"]
    with pytest.raises(UserError, match="李明是镇卫生院党支部党员，应当回避"):
        _score(town, li, "卫生院")
    # 李明 is transferred to the school after joining the 考核组.
    with town.db.transaction() as s:
        data = registers.MemberInput(
            name="李明", gender="男", ethnicity="汉族", branch_id=town.branch["小学"]
        )
        registers.update_member(s, actor=town.clerk, member_id=town.member["李明"], data=data)
    line = _line(town, li)
    assert (line.branch_name, line.recused_from) == ("中心小学党支部", ["中心小学党支部"])
    _score(town, li, "卫生院")  # his old branch he may now score
    with pytest.raises(UserError, match="李明是中心小学党支部党员，应当回避"):
        _score(town, li, "小学")


def test_a_branch_member_may_not_score_its_parent_general_branch(town: Town) -> None:
    wang = _add(town, member_id=town.member["王芳"])
    zhao = _add(town, member_id=town.member["赵刚"])
    with pytest.raises(UserError, match="大箐村党总支是其上级党总支，应当回避"):
        _score(town, wang, "总支")
    with pytest.raises(UserError, match="大箐村下寨党支部是其下属党支部，应当回避"):
        _score(town, zhao, "下寨")
    _score(town, wang, "下寨")  # a sibling branch is no conflict
    _score(town, zhao, "卫生院")
    assert _line(town, wang).recused_from == ["大箐村党总支", "大箐村上寨党支部"]
    assert _line(town, zhao).recused_from == [
        "大箐村党总支",
        "大箐村上寨党支部",
        "大箐村下寨党支部",
    ]
    with town.db.session() as s:  # the blank score sheet greys out the same branches
        sheet = evaluation.sheet(s, YEAR, wang, 1)
    assert [row.branch_name for row in sheet.rows if row.blocked] == [
        "大箐村党总支",
        "大箐村上寨党支部",
    ]


def _key_all(
    town: Town, assessor_id: int, value_of: dict[str, Decimal], branches: list[str]
) -> None:
    with town.db.transaction() as s:
        evaluation.save_sheet(
            s,
            actor=town.clerk,
            first_year=YEAR,
            assessor_id=assessor_id,
            scores={(town.branch[b], code): v for b in branches for code, v in value_of.items()},
        )


def test_trimmed_mean_on_the_assessors_who_actually_scored(town: Town) -> None:
    """Five assessors; 李明 (卫生院) stands aside from his own branch. On the item 1.1 (points p)
    they give p, p−0.5, p−1, p−1.5 and p−3 (李明 the p). 中心小学 is scored by all five: the
    highest and lowest are dropped, p−1. 镇卫生院 is scored by four: the plain mean of the
    four, p−1.5 (a trimmed mean of four would be p−1.25)."""
    with town.db.session() as s:
        items = rounds.rubric(s, get_round(s, YEAR))
    points = {item.code: item.points for item in items}
    p = points["1.1"]
    assert p >= 3
    offsets = [Decimal(0), Decimal("0.5"), Decimal(1), Decimal("1.5"), Decimal(3)]
    ids = [_add(town, member_id=town.member["李明"], unit="镇卫生院")]
    ids += [
        _add(town, name=name, unit="镇党委") for name in ("杨正华", "普学文", "刀玉香", "罗德明")
    ]
    scored = ["卫生院", "小学"]
    for assessor_id, offset in zip(ids, offsets, strict=True):
        values = dict(points) | {"1.1": p - offset}
        mine = [b for b in scored if not (assessor_id == ids[0] and b == "卫生院")]
        _key_all(town, assessor_id, values, mine)
    with town.db.transaction() as s:
        for short in scored:
            evaluation.save_self_scores(
                s,
                actor=town.clerk,
                first_year=YEAR,
                branch_id=town.branch[short],
                scores=dict(points),
            )
        results = evaluation.compute_results(s, actor=town.clerk, first_year=YEAR)
    by_name = {line.branch_name: line for line in results.lines}
    school, clinic = by_name["中心小学党支部"], by_name["镇卫生院党支部"]
    assert school.item_scores["1.1"] == p - 1
    assert (len(school.scorers), school.trimmed, school.scorer_text) == (
        5,
        True,
        "5人，去掉最高最低分",
    )
    assert clinic.item_scores["1.1"] == p - Decimal("1.5")
    assert (len(clinic.scorers), clinic.trimmed, clinic.scorer_text) == (4, False, "4人，取平均分")
    assert "李明" not in clinic.scorers
    # The saved results (what the closed round's table shows) keep who scored.
    with town.db.session() as s:
        stored = evaluation.stored_results(s, get_round(s, YEAR))
    assert stored is not None
    saved = {line.branch_name: line.scorer_text for line in stored.lines}
    assert saved["镇卫生院党支部"] == "4人，取平均分"
    assert saved["中心小学党支部"] == "5人，去掉最高最低分"
    # The county workbook's score sheet says the same: 李明's cell 回避, the mean of four.
    with town.db.session() as s:
        sheet = next(
            spec for spec in county_data(s, YEAR).sheets if spec.title.startswith("评分明细")
        )
    row = next(r for r in sheet.rows if r[0] == "镇卫生院党支部" and r[1] == "1.1")
    assert row[5] == "回避" and row[-1] == p - Decimal("1.5")
    general = next(r for r in sheet.rows if r[0] == "大箐村党总支" and r[1] == "1.1")
    assert general[5] is None  # nobody scored the 党总支; 李明 need not stand aside there


def test_scores_of_one_who_moved_into_the_branch_do_not_count(town: Town) -> None:
    li = _add(town, member_id=town.member["李明"])
    yang = _add(town, name="杨正华", unit="镇党委")
    with town.db.session() as s:
        points = {item.code: item.points for item in rounds.rubric(s, get_round(s, YEAR))}
    _key_all(town, li, points, ["小学"])
    _key_all(town, yang, {code: v - 1 for code, v in points.items()}, ["小学"])
    with town.db.transaction() as s:
        data = registers.MemberInput(
            name="李明", gender="男", ethnicity="汉族", branch_id=town.branch["小学"]
        )
        registers.update_member(s, actor=town.clerk, member_id=town.member["李明"], data=data)
        line = next(
            r
            for r in evaluation.preview_results(s, get_round(s, YEAR)).lines
            if r.branch_name == "中心小学党支部"
        )
    assert line.scorers == ["杨正华"]
    assert line.item_scores["1.1"] == points["1.1"] - 1
    assert "李明是中心小学党支部党员，应当回避，不能为本单位评分。已录入的评分不计入" in line.reason


def test_assessors_are_edited_and_replaced_with_an_audit_trail(town: Town) -> None:
    yang = _add(town, name="杨正华", unit="镇纪委")
    with town.db.transaction() as s:
        line = evaluation.edit_assessor(
            s, actor=town.clerk, first_year=YEAR, assessor_id=yang, name="杨正华", unit="镇纪委书记"
        )
    assert (line.name, line.unit, line.from_register) == ("杨正华", "镇纪委书记", False)
    with town.db.transaction() as s, pytest.raises(UserError, match="写明原因"):
        evaluation.replace_assessor(
            s,
            actor=town.clerk,
            first_year=YEAR,
            assessor_id=yang,
            person=evaluation.Person(member_id=town.member["王芳"]),
            reason=" ",
        )
    with town.db.transaction() as s:
        wang = evaluation.replace_assessor(
            s,
            actor=town.clerk,
            first_year=YEAR,
            assessor_id=yang,
            person=evaluation.Person(member_id=town.member["王芳"], unit="上寨村"),
            reason="杨正华到县里学习，不能参加考核",
        )
    assert (wang.name, wang.from_register, wang.branch_name) == ("王芳", True, "大箐村上寨党支部")
    with town.db.session() as s:
        names = [a.name for a in evaluation.list_assessors(s, get_round(s, YEAR))]
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "replace")).one()
    assert names == ["王芳"]
    assert entry.reason == "杨正华到县里学习，不能参加考核"
    assert "杨正华更换为王芳" in entry.summary
    # A register member's name is the register's; the same person cannot sit twice.
    with town.db.transaction() as s, pytest.raises(UserError, match="姓名以名册为准"):
        evaluation.edit_assessor(
            s, actor=town.clerk, first_year=YEAR, assessor_id=wang.assessor_id, name="王方", unit=""
        )
    with pytest.raises(UserError, match="王芳已经在考核组里了"):
        _add(town, member_id=town.member["王芳"])
    # Once he has scored, an assessor is neither replaced nor removed.
    _score(town, wang.assessor_id, "卫生院")
    with town.db.transaction() as s, pytest.raises(UserError, match="已经录入了评分，不能更换"):
        evaluation.replace_assessor(
            s,
            actor=town.clerk,
            first_year=YEAR,
            assessor_id=wang.assessor_id,
            person=evaluation.Person(name="普学文"),
            reason="换人",
        )
    with town.db.transaction() as s, pytest.raises(UserError, match="不能移出考核组"):
        evaluation.remove_assessor(s, actor=town.clerk, assessor_id=wang.assessor_id)


def test_an_outside_person_may_declare_a_branch_to_stand_aside_from(town: Town) -> None:
    with pytest.raises(UserError, match="请填写外单位人员的姓名"):
        _add(town, name="  ")
    pu = _add(town, name="普学文", unit="县委组织部", branch_id=town.branch["上寨"])
    assert _line(town, pu).recused_from == ["大箐村党总支", "大箐村上寨党支部"]
    _score(town, pu, "小学")
    # Declaring the school afterwards would make him stand aside from a branch he scored.
    with town.db.transaction() as s, pytest.raises(UserError, match="已经为中心小学党支部评了分"):
        evaluation.edit_assessor(
            s,
            actor=town.clerk,
            first_year=YEAR,
            assessor_id=pu,
            unit="县委组织部",
            branch_id=town.branch["小学"],
        )
    with town.db.transaction() as s:
        line = evaluation.edit_assessor(
            s, actor=town.clerk, first_year=YEAR, assessor_id=pu, unit="县委组织部", branch_id=None
        )
    assert line.recused_from == []


def test_upgrade_links_typed_assessors_to_the_register_when_unambiguous(
    town: Town, data_dir: DataDir
) -> None:
    from alembic import command

    town.db.close()
    engine = make_engine(data_dir.database)
    with engine.connect() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # as the program's own upgrades run
        command.downgrade(config, "0004_naming_procedure")
        rows = [  # as the older program stored them: a typed name and the branch he is in
            ("李明", "镇卫生院", town.branch["卫生院"]),  # one 李明 in 卫生院: linked
            ("王五", "上寨村", town.branch["上寨"]),  # nobody of that name: outside, branch kept
            ("张建国", "镇党委", None),  # typed without a branch: stays outside
        ]
        for name, unit, branch_id in rows:
            conn.exec_driver_sql(
                "INSERT INTO assessor (round_id, name, unit, branch_id) VALUES (1, ?, ?, ?)",
                (name, unit, branch_id),
            )
        conn.commit()
    engine.dispose()
    db = open_database(data_dir)
    with db.session() as s:
        found = {a.name: a for a in s.exec(select(Assessor))}
        lines = {line.name: line for line in evaluation.assessor_lines(s, YEAR)}
    db.close()
    assert found["李明"].member_id == town.member["李明"]
    assert found["王五"].member_id is None and found["王五"].branch_id == town.branch["上寨"]
    assert found["张建国"].member_id is None
    assert lines["李明"].from_register and lines["李明"].recused_from == ["镇卫生院党支部"]
    assert lines["王五"].recused_from == ["大箐村党总支", "大箐村上寨党支部"]
    assert lines["张建国"].recused_from == []
    con = sqlite3.connect(data_dir.database)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    con.close()


def test_a_sheet_save_loads_only_the_cells_it_changes_and_the_check_finds_the_rest(
    town: Town,
) -> None:
    """A county sheet holds thousands of cells: saving it reads them as plain values and loads
    as rows only those that change; the 双人录入 check lists the cells keyed once or twice
    differently, and none that agree (even written differently, "1" and "1.0")."""
    from sqlalchemy import event

    from dangjian_desktop.store.models import Assessment

    with town.db.transaction() as s:
        rounds.update_settings(s, actor=town.clerk, first_year=YEAR, double_entry=True)
        op = operators.create_operator(s, actor=SYSTEM, name="李丽华", role="clerk")
    second = Actor(op.name, op.role, op.id)
    assessor = _add(town, name="张志强", unit="镇纪委")
    school, clinic = town.branch["小学"], town.branch["卫生院"]

    def save(actor: Actor, entry: int, scores: dict[tuple[int, str], str | None]) -> int:
        with town.db.transaction() as s:
            return evaluation.save_sheet(
                s,
                actor=actor,
                first_year=YEAR,
                assessor_id=assessor,
                scores=scores,  # type: ignore[arg-type]
                entry=entry,
            )

    first = {(school, "1.1"): "1", (school, "1.2"): "1", (clinic, "1.1"): "0.5"}
    assert save(town.clerk, 1, {**first, (clinic, "1.2"): "1"}) == 4
    assert save(second, 2, {(school, "1.1"): "1.0", (school, "1.2"): "0.5", (clinic, "1.1"): "0.5"})

    loaded: list[object] = []

    def on_load(target: object, _context: object) -> None:
        loaded.append(target)

    event.listen(Assessment, "load", on_load)
    try:
        # one cell changed, one cleared, one the same: two rows loaded, the others read as values
        changed = save(town.clerk, 1, {**first, (school, "1.2"): "0.5", (clinic, "1.2"): None})
        with town.db.session() as s:
            sheet = evaluation.sheet(s, YEAR, assessor, 1)
            check = evaluation.score_disagreements(s, YEAR)
    finally:
        event.remove(Assessment, "load", on_load)
    assert changed == 2
    assert len(loaded) == 2
    assert sheet.scores == {
        (school, "1.1"): Decimal("1"),
        (school, "1.2"): Decimal("0.5"),
        (clinic, "1.1"): Decimal("0.5"),
    }
    assert sheet.differing == set()
    assert check == []  # every cell now keyed twice alike; the cleared one by neither

    save(second, 2, {(clinic, "1.2"): "1", (school, "1.1"): "0.5"})
    with town.db.session() as s:
        check = evaluation.score_disagreements(s, YEAR)
        assert evaluation.scores_entered(s, YEAR)
    assert [(d.branch_id, d.code, d.first, d.second) for d in check] == sorted(
        [(school, "1.1", Decimal("1"), Decimal("0.5")), (clinic, "1.2", None, Decimal("1"))]
    )
