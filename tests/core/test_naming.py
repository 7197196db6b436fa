"""命名表彰 through the services, with worked examples: 审验 → 检查核实 → the fixed list (ties
decided, members nominated) → 公示 of exactly that list → objections → approval by a separate
审批人 with the 党委会 → honours of the approved list only."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from naming_steps import GROUP, nominate, review
from sqlalchemy import event
from sqlmodel import select

from dangjian_desktop import clock
from dangjian_desktop.errors import UserError
from dangjian_desktop.services import (
    commendation,
    dynamic,
    enrolment,
    evaluation,
    naming,
    office,
    operators,
    registers,
    rounds,
    township,
)
from dangjian_desktop.services.common import SYSTEM, Actor, get_round, ident
from dangjian_desktop.store.db import Database
from dangjian_desktop.store.models import Announcement, AuditEntry, Honour, NamingCheck, Round

YEAR = 2025


def _day(month: int, day: int, year: int = YEAR + 1) -> dt.date:
    return dt.date(year, month, day)


class Office:
    def __init__(self, db: Database, admin: Actor, clerk: Actor, approver: Actor) -> None:
        self.db, self.admin, self.clerk, self.approver = db, admin, clerk, approver
        self.branches: list[int] = []
        self.members: dict[int, list[int]] = {}  # branch -> [正式党员, 预备党员]


@pytest.fixture
def town(db: Database) -> Office:
    """Six 党支部, each with a 正式党员 and a 预备党员; an admin, a clerk and an approver."""
    clock.set_today(dt.date(YEAR, 8, 1))
    with db.transaction() as s:
        township.save_township(s, actor=SYSTEM, name="石龙镇")
        admin_op = operators.create_operator(s, actor=SYSTEM, name="李丽华", role="admin")
        admin = Actor(admin_op.name, admin_op.role, admin_op.id)
        clerk_op = operators.create_operator(s, actor=admin, name="王晓燕", role="clerk")
        approver_op = operators.create_operator(s, actor=admin, name="张建国", role="approver")
        result = Office(
            db,
            admin,
            Actor(clerk_op.name, clerk_op.role, clerk_op.id),
            Actor(approver_op.name, approver_op.role, approver_op.id),
        )
        for name in ("上寨", "下寨", "中寨", "新村", "老村", "卫生院"):
            branch = registers.add_branch(
                s, actor=admin, data=registers.BranchInput(name=f"{name}党支部")
            )
            result.branches.append(ident(branch))
            result.members[ident(branch)] = [
                ident(
                    registers.add_member(
                        s,
                        actor=admin,
                        data=registers.MemberInput(
                            name=f"{name}{kind[:2]}",
                            gender="女",
                            ethnicity="彝族",
                            branch_id=ident(branch),
                            kind=kind,
                            birth_date=dt.date(1985, 3, 1),
                            joined_on=dt.date(2010, 7, 1),
                        ),
                    )
                )
                for kind in ("正式党员", "预备党员")
            ]
        rounds.create_round(s, actor=admin, first_year=YEAR)
    return result


def _score(town: Office, quality: dict[int, str]) -> evaluation.Results:
    """Enrol and score (one assessor, single entry): every item at `quality` of its points."""
    clock.set_today(_day(5, 20))
    with town.db.transaction() as s:
        rnd = rounds.update_settings(s, actor=town.clerk, first_year=YEAR, double_entry=False)
        for branch_id in quality:
            enrolment.enrol(
                s,
                actor=town.clerk,
                first_year=YEAR,
                branch_id=branch_id,
                applied_on=_day(8, 2, YEAR),
            )
        items = [(i.code, i.points) for i in rounds.rubric(s, rnd)]
        assessor = evaluation.add_assessor(s, actor=town.clerk, first_year=YEAR, name="杨正华")
        for branch_id, q in quality.items():
            scores = {code: str((p * Decimal(q)).quantize(Decimal("0.1"))) for code, p in items}
            evaluation.save_self_scores(
                s, actor=town.clerk, first_year=YEAR, branch_id=branch_id, scores=scores
            )
            evaluation.save_sheet(
                s,
                actor=town.clerk,
                first_year=YEAR,
                assessor_id=ident(assessor),
                scores={(branch_id, code): v for code, v in scores.items()},
            )
        return evaluation.compute_results(s, actor=town.clerk, first_year=YEAR)


def _review_all(town: Office, *, failed: dict[int, str] | None = None, verify: bool = True) -> None:
    """审验 of every enrolled branch on 20 May (those in `failed` fail), each checked on site."""
    review(
        town.db, town.clerk, YEAR, _day(5, 20), failed=failed, verify="all" if verify else "none"
    )


def _record_review(town: Office, branch_id: int, *, passed: bool, on: dt.date) -> None:
    """One 审验 by the leading group, with no findings."""
    with town.db.transaction() as s:
        naming.record_review(
            s,
            actor=town.clerk,
            first_year=YEAR,
            branch_id=branch_id,
            passed=passed,
            checked_by=GROUP,
            checked_on=on,
        )


def _proposal(town: Office) -> naming.Proposal:
    with town.db.session() as s:
        return naming.proposal(s, get_round(s, YEAR))


def _fix(town: Office) -> None:
    with town.db.transaction() as s:
        naming.fix_list(s, actor=town.clerk, first_year=YEAR)


JUNE_1 = _day(6, 1)
JUNE_9 = _day(6, 9)


def _announce(town: Office, on: dt.date = JUNE_1) -> Announcement:
    with town.db.transaction() as s:
        return naming.start_announcement(s, actor=town.clerk, first_year=YEAR, starts_on=on)


def _approve(town: Office, actor: Actor | None = None, on: dt.date = JUNE_9) -> None:
    with town.db.transaction() as s:
        naming.approve_results(
            s,
            actor=actor or town.approver,
            first_year=YEAR,
            meeting_on=on,
            meeting="2026年第12次党委会",
        )


# ------------------------------------------------------------------ 审验 and 检查核实


def test_a_branch_that_fails_review_is_no_candidate_and_the_reason_is_shown(town: Office) -> None:
    a, b, c, d, e, _f = town.branches
    # 5 enrolled at 20 % → 1 place; a scores highest.
    _score(town, {a: "0.97", b: "0.93", c: "0.85", d: "0.80", e: "0.70"})
    with town.db.session() as s:
        lines = {ln.branch_id: ln for ln in naming.review_lines(s, get_round(s, YEAR), _day(5, 20))}
    # the demo-less round received nothing: every branch is missing all four items
    assert lines[a].missing == [
        "实施方案未报送",
        "下半年书面汇报未报送",
        "上半年书面汇报未报送",
        "创建工作材料未报送",
    ]
    assert lines[a].review == "未审验"
    # no 审验 yet: the list cannot be fixed
    assert any("上寨党支部还没有审验" in b for b in _proposal(town).blockers)
    _review_all(town, failed={a: "未报送实施方案和创建工作材料"})
    found = _proposal(town)
    assert found.branches == []
    assert found.left_out == ["上寨党支部：审验不通过（未报送实施方案和创建工作材料）"]
    # nothing left: an empty list is refused (the old 公示 with "名单里还没有…" went through)
    with pytest.raises(UserError, match="没有任何先进党组织或优秀共产党员"):
        _fix(town)


def test_review_needs_a_reason_to_fail_and_a_candidate_needs_an_on_site_check(
    town: Office,
) -> None:
    a, b, *_ = town.branches
    _score(town, {a: "0.97", b: "0.80"})
    with pytest.raises(UserError, match="写明原因"):
        _record_review(town, a, passed=False, on=_day(5, 20))
    with pytest.raises(UserError, match="还没到"):
        _record_review(town, a, passed=True, on=_day(5, 21))
    _review_all(town, verify=False)
    assert _proposal(town).blockers == ["上寨党支部还没有检查核实记录。"]


def test_check_attachments_are_kept(town: Office, tmp_path: Path) -> None:
    a, b, *_ = town.branches
    _score(town, {a: "0.97", b: "0.80"})
    _review_all(town)
    scan = tmp_path / "核实记录.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    with town.db.transaction() as s:
        rnd = get_round(s, YEAR)
        check_id = next(ident(c) for c in s.exec(select(NamingCheck)) if c.step == naming.VERIFY)
        naming.attach_check_file(
            s, actor=town.clerk, check_id=check_id, source=scan, store_root=tmp_path / "files"
        )
        lines = {ln.branch_id: ln for ln in naming.review_lines(s, rnd, clock.today())}
    assert lines[a].attachments == 1 and lines[a].verifications == 1


def test_a_check_keeps_its_evidence_in_the_same_transaction(town: Office, tmp_path: Path) -> None:
    a, b, *_ = town.branches
    _score(town, {a: "0.97", b: "0.80"})
    scan = tmp_path / "审验记录.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    evidence = naming.Evidence(scan, tmp_path / "files")
    review = {
        "actor": town.clerk,
        "first_year": YEAR,
        "branch_id": a,
        "checked_by": GROUP,
        "checked_on": _day(5, 20),
        "evidence": evidence,
    }
    # a refused record keeps no file either
    with town.db.transaction() as s, pytest.raises(UserError, match="写明原因"):
        naming.record_review(s, passed=False, **review)
    assert not [f for f in (tmp_path / "files").rglob("*") if f.is_file()]
    with town.db.transaction() as s:
        naming.record_review(s, passed=True, **review)
        naming.record_verification(
            s,
            actor=town.clerk,
            first_year=YEAR,
            branch_id=a,
            checked_by=GROUP,
            checked_on=_day(5, 20),
            findings="实地查看，情况属实。",
        )
    with town.db.session() as s:
        lines = {ln.branch_id: ln for ln in naming.review_lines(s, get_round(s, YEAR), _day(5, 20))}
    assert lines[a].attachments == 1 and lines[a].verifications == 1
    assert lines[b].attachments == 0
    stored = [f for f in (tmp_path / "files").rglob("*") if f.is_file()]
    assert [f.read_bytes() for f in stored] == [b"%PDF-1.4 scan"]


# ------------------------------------------------------------------ ties


def test_a_tie_at_the_quota_line_waits_for_the_leading_groups_decision(town: Office) -> None:
    a, b, c, d, e, _f = town.branches
    # 5 enrolled → 1 place; a, b and c tie at rank 1 with the same score.
    results = _score(town, {a: "0.95", b: "0.95", c: "0.95", d: "0.80", e: "0.70"})
    assert [ln.branch_id for ln in results.lines if ln.tie_at_quota] == [a, b, c]
    _review_all(town)
    assert _proposal(town).blockers == [
        "上寨党支部、下寨党支部、中寨党支部在名额线上并列（剩1个名额），需先记录领导小组的决定。"
    ]
    with pytest.raises(UserError, match="并列"):
        _fix(town)
    with town.db.transaction() as s, pytest.raises(UserError, match="只剩1个名额"):
        naming.record_tie_decision(
            s,
            actor=town.clerk,
            first_year=YEAR,
            chosen=[a, b],
            decided_on=_day(5, 20),
            decided_by="领导小组会议",
        )
    with town.db.transaction() as s:
        naming.record_tie_decision(
            s,
            actor=town.clerk,
            first_year=YEAR,
            chosen=[b],
            decided_on=_day(5, 20),
            decided_by="镇创先争优活动领导小组2026年5月20日会议",
            basis="下寨党支部书记抓党建述职评议为“好”。",
        )
    found = _proposal(town)
    assert [(p.branch_id, p.note) for p in found.branches] == [(b, "并列，领导小组决定保留")]
    assert "上寨党支部：并列，领导小组决定不保留" in found.left_out
    _fix(town)
    with town.db.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "decide_tie")).one()
    assert "领导小组决定保留下寨党支部" in entry.summary and entry.operator == "王晓燕"


# ------------------------------------------------------------------ 优秀共产党员


def test_members_are_nominated_within_quotas_with_eligibility_reasons(town: Office) -> None:
    a, b, c, d, e, f = town.branches
    # d is 不合格 (below 60); f never enrolled.
    _score(town, {a: "0.97", b: "0.93", c: "0.85", d: "0.50", e: "0.70"})
    _review_all(town)
    nominated = {
        a: town.members[a][0],
        b: town.members[b][0],
        c: town.members[c][1],  # a 预备党员
        d: town.members[d][0],  # branch 不合格
        f: town.members[f][0],  # branch not enrolled
    }
    for member_id in nominated.values():
        nominate(town.db, town.clerk, YEAR, member_id, _day(5, 20))
    # the per-branch quota (1 by default) is kept
    with pytest.raises(UserError, match="每个党组织最多提名1名"):
        nominate(town.db, town.clerk, YEAR, town.members[a][1], _day(5, 20))
    with town.db.session() as s:
        lines = {ln.member_id: ln for ln in naming.nomination_lines(s, get_round(s, YEAR))}
    assert lines[nominated[a]].refusal is None
    assert "预备党员" in (lines[nominated[c]].refusal or "")
    assert "综合评价为不合格" in (lines[nominated[d]].refusal or "")
    assert "未申报本年度创建" in (lines[nominated[f]].refusal or "")
    found = _proposal(town)
    # township quota = branch places (20 % of 5 → 1): two eligible nominations are one too many
    assert found.member_quota == 1
    assert any("超过全镇名额1名" in b for b in found.blockers)
    with town.db.transaction() as s:
        rounds.update_settings(s, actor=town.clerk, first_year=YEAR, member_quota=2)
    found = _proposal(town)
    assert found.blockers == []
    assert [m.member_id for m in found.members] == [nominated[a], nominated[b]]
    assert len(found.left_out) == 3


def test_a_disciplined_member_is_left_out(town: Office) -> None:
    a, b, *_ = town.branches
    _score(town, {a: "0.97", b: "0.80"})
    _review_all(town)
    nominate(
        town.db, town.clerk, YEAR, town.members[b][0], _day(5, 20), discipline="2026年3月党内警告"
    )
    assert _proposal(town).left_out == [
        "下寨党支部下寨正式：下寨党支部下寨正式本年度受过处分（2026年3月党内警告），"
        "不能评为优秀共产党员。"
    ]


def _naming_view_reads(town: Office) -> tuple[int, naming.NamingView]:
    """How many SQL statements the 命名表彰 tab's read runs, and what it read."""
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    with town.db.session() as s:
        event.listen(town.db.engine, "before_cursor_execute", count)
        try:
            view = naming.naming_view(s, YEAR, clock.today())
        finally:
            event.remove(town.db.engine, "before_cursor_execute", count)
    return len(statements), view


def test_the_naming_tab_reads_the_same_few_queries_however_many_checks_and_nominations(
    town: Office, tmp_path: Path
) -> None:
    a, b, c, d, e, f = town.branches
    _score(town, {a: "0.97", b: "0.93", c: "0.85", d: "0.80", e: "0.70"})
    _record_review(town, a, passed=True, on=_day(5, 20))
    nominate(town.db, town.clerk, YEAR, town.members[a][0], _day(5, 20))
    few, _view = _naming_view_reads(town)
    # every branch reviewed and checked on site, a file with each check, four more nominations
    _review_all(town)
    scan = tmp_path / "核实记录.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    with town.db.transaction() as s:
        for check in s.exec(select(NamingCheck)).all():
            naming.attach_check_file(
                s, actor=town.clerk, check_id=ident(check), source=scan, store_root=tmp_path
            )
    for branch_id in (b, c, d, f):
        nominate(town.db, town.clerk, YEAR, town.members[branch_id][0], _day(5, 20))
    many, view = _naming_view_reads(town)
    assert many == few  # not one query per check, per file or per nomination
    # and it reads what the services tell one by one
    with town.db.session() as s:
        rnd = get_round(s, YEAR)
        assert view.reviews == naming.review_lines(s, rnd, clock.today())
        assert view.nominations == naming.nomination_lines(s, rnd)
        assert view.proposal == naming.proposal(s, rnd)
    reviews = {line.branch_id: line for line in view.reviews}
    # a: reviewed twice and checked once, a file with each
    assert (reviews[a].review, reviews[a].verifications, reviews[a].attachments) == ("通过", 1, 3)
    assert (reviews[e].verifications, reviews[e].attachments) == (1, 2)
    assert f not in reviews  # never enrolled
    assert [line.member_id for line in view.nominations] == [
        town.members[x][0] for x in (a, b, c, d, f)
    ]
    assert "未申报本年度创建" in (view.nominations[-1].refusal or "")


# ------------------------------------------------------------------ the list, the 公示, withdrawal


def _ready(town: Office, *, member: bool = True) -> tuple[int, int]:
    """a is 先进, b is 合格; b's 正式党员 nominated; the list fixed. Returns (a, member)."""
    a, b, c, d, e, _f = town.branches
    _score(town, {a: "0.97", b: "0.93", c: "0.85", d: "0.80", e: "0.70"})
    _review_all(town)
    member_id = town.members[b][0]
    if member:
        nominate(town.db, town.clerk, YEAR, member_id, _day(5, 20))
    _fix(town)
    return a, member_id


def test_the_announcement_posts_exactly_the_fixed_list(town: Office) -> None:
    a, member_id = _ready(town)
    with town.db.session() as s:
        fixed = naming.current_list(s, get_round(s, YEAR))
        assert fixed is not None
        snap = json.loads(fixed.snapshot)
    assert [b["id"] for b in snap["branches"]] == [a]
    assert [m["id"] for m in snap["members"]] == [member_id]
    # once fixed, 审验 and nominations are closed until the list is reopened
    with pytest.raises(UserError, match="重新打开名单"):
        _record_review(town, a, passed=True, on=_day(5, 20))
    announcement = _announce(town)
    assert announcement.list_id == fixed.id
    with town.db.session() as s:
        posted = naming.posted_names(s, get_round(s, YEAR))
    assert posted == (["上寨党支部"], [("下寨正式", "下寨党支部")])


def test_a_withdrawn_announcement_reopens_the_list_and_stays_on_record(town: Office) -> None:
    _ready(town)
    _announce(town)
    with town.db.transaction() as s, pytest.raises(UserError, match="写明原因"):
        naming.withdraw_announcement(s, actor=town.clerk, first_year=YEAR, reason="")
    with town.db.transaction() as s:
        naming.withdraw_announcement(
            s, actor=town.clerk, first_year=YEAR, reason="公示稿漏列一名优秀共产党员"
        )
    with town.db.session() as s:
        rnd = get_round(s, YEAR)
        assert naming.get_announcement(s, rnd) is None
        assert naming.current_list(s, rnd) is None
        kept = s.exec(select(Announcement)).all()
        assert len(kept) == 1 and kept[0].withdraw_reason == "公示稿漏列一名优秀共产党员"
        # score changes need no reason any more: nothing is posted
        assert not evaluation.is_announced(s, rnd)
    # a new 公示 needs a newly fixed list
    with pytest.raises(UserError, match="候选名单还没有确定"):
        _announce(town, _day(6, 8))
    _fix(town)
    second = _announce(town, _day(6, 8))
    assert second.ends_on == _day(6, 12)


def test_scores_changed_after_the_announcement_block_the_approval(town: Office) -> None:
    _ready(town, member=False)
    _announce(town)
    b = town.branches[1]
    clock.set_today(_day(6, 10))
    with town.db.transaction() as s:
        # b's assessor sheet corrected upwards during the 公示: b now outranks a
        rnd = get_round(s, YEAR)
        assessor = evaluation.list_assessors(s, rnd)[0]
        evaluation.save_sheet(
            s,
            actor=town.clerk,
            first_year=YEAR,
            assessor_id=ident(assessor),
            scores={(b, i.code): str(i.points) for i in rounds.rubric(s, rnd)},
            reason="核对原始评分表后更正",
        )
        evaluation.compute_results(s, actor=town.clerk, first_year=YEAR, reason="更正后重算")
    with pytest.raises(UserError, match="与公示的名单不一致"):
        _approve(town)


# ------------------------------------------------------------------ objections


def test_an_upheld_objection_removes_the_candidate_and_the_approval_says_so(
    town: Office,
) -> None:
    a, member_id = _ready(town)
    _announce(town)
    with town.db.transaction() as s:
        against_member = commendation.add_objection(
            s,
            actor=town.clerk,
            first_year=YEAR,
            received_on=_day(6, 2),
            content="反映该党员长期不参加组织生活",
            member_id=member_id,
        )
        against_branch = commendation.add_objection(
            s,
            actor=town.clerk,
            first_year=YEAR,
            received_on=_day(6, 3),
            content="反映会议记录补记",
            branch_id=a,
        )
    clock.set_today(_day(6, 9))
    with town.db.transaction() as s:
        commendation.handle_objection(
            s,
            actor=town.clerk,
            objection_id=ident(against_member),
            handling="经核实属实",
            upheld=True,
        )
        commendation.handle_objection(
            s,
            actor=town.clerk,
            objection_id=ident(against_branch),
            handling="经核实，记录有补记，但事后经支委会说明",
            upheld=True,
        )
        naming.keep_despite_objection(
            s,
            actor=town.clerk,
            objection_id=ident(against_branch),
            decision="领导小组6月8日会议：补记经支委会确认，不影响评选，保留",
        )
    _approve(town)
    with town.db.session() as s:
        rnd = get_round(s, YEAR)
        record = naming.approval_record(s, rnd.first_year)
        assert record is not None
        assert record.branches == ["上寨党支部"]
        assert record.members == []
        assert record.removed == ["下寨党支部下寨正式（异议成立）"]
        assert record.kept and "保留" in record.kept[0]
        assert record.meeting == "2026年第12次党委会" and not record.one_person
    with (
        town.db.transaction() as s,
        pytest.raises(UserError, match="不在镇党委审批的优秀共产党员名单上"),
    ):
        commendation.grant_member_honour(s, actor=town.clerk, first_year=YEAR, member_id=member_id)
    with town.db.transaction() as s:
        honour = commendation.grant_branch_honour(s, actor=town.clerk, first_year=YEAR, branch_id=a)
        assert honour.granted_on == _day(6, 9)
        with pytest.raises(UserError, match="不在镇党委审批的名单上"):
            commendation.grant_branch_honour(
                s, actor=town.clerk, first_year=YEAR, branch_id=town.branches[1]
            )


# ------------------------------------------------------------------ separation of duties


def test_an_administrator_is_no_approver_and_the_one_who_computed_cannot_approve(
    town: Office,
) -> None:
    _ready(town, member=False)
    _announce(town)
    clock.set_today(_day(6, 9))
    with pytest.raises(UserError, match="需要“审批人”身份"):
        _approve(town, town.admin)
    # the approver who also computed the results
    with town.db.transaction() as s:
        evaluation.compute_results(s, actor=town.approver, first_year=YEAR, reason="审批前复核重算")
    with pytest.raises(UserError, match="综合评价是张建国计算的"):
        _approve(town)
    # a one-person office may, and the record says so
    with town.db.transaction() as s, pytest.raises(UserError, match="管理员"):
        office.set_office_rules(
            s, actor=town.clerk, one_person=True, same_operator_double_entry=False
        )
    with town.db.transaction() as s:
        office.set_office_rules(
            s, actor=town.admin, one_person=True, same_operator_double_entry=False
        )
    _approve(town)
    with town.db.session() as s:
        record = naming.approval_record(s, YEAR)
        assert record is not None and record.one_person
        assert "一人办公模式" in "\n".join(record.lines())


def test_the_approval_records_the_committee_meeting(town: Office, tmp_path: Path) -> None:
    _ready(town, member=False)
    _announce(town)  # Mon 1 June … Fri 5 June
    clock.set_today(_day(6, 9))
    with town.db.transaction() as s, pytest.raises(UserError, match="党委会"):
        naming.approve_results(
            s, actor=town.approver, first_year=YEAR, meeting_on=_day(6, 9), meeting=" "
        )
    with pytest.raises(UserError, match="不在公示期满"):
        _approve(town, on=_day(6, 5))
    minutes = tmp_path / "第12次党委会纪要.pdf"
    minutes.write_bytes(b"%PDF-1.4 minutes")
    with town.db.transaction() as s:
        rnd = naming.approve_results(
            s,
            actor=town.approver,
            first_year=YEAR,
            meeting_on=_day(6, 8),
            meeting="2026年第12次党委会",
            minutes=minutes,
            store_root=tmp_path / "files",
        )
        assert rnd.committee_meeting_on == _day(6, 8)
        record = naming.approval_record(s, rnd.first_year)
        assert record is not None and record.minutes == 1
    with town.db.transaction() as s, pytest.raises(UserError, match="早于镇党委会审批的日子"):
        commendation.grant_branch_honour(
            s, actor=town.clerk, first_year=YEAR, branch_id=town.branches[0], granted_on=_day(6, 7)
        )


def test_double_entry_needs_two_operators_unless_the_office_allows_one(town: Office) -> None:
    a, *_ = town.branches
    clock.set_today(_day(5, 20))
    with town.db.transaction() as s:
        enrolment.enrol(s, actor=town.clerk, first_year=YEAR, branch_id=a)
        assessor = evaluation.add_assessor(s, actor=town.clerk, first_year=YEAR, name="杨正华")
    cell = {"first_year": YEAR, "assessor_id": ident(assessor), "branch_id": a, "code": "1.1"}
    with town.db.transaction() as s:
        evaluation.set_score(s, actor=town.clerk, score="8", entry=1, **cell)  # type: ignore[arg-type]
    with town.db.transaction() as s, pytest.raises(UserError, match="两名不同的操作员"):
        evaluation.set_score(s, actor=town.clerk, score="8", entry=2, **cell)  # type: ignore[arg-type]
    with town.db.transaction() as s:
        evaluation.set_score(s, actor=town.admin, score="8", entry=2, **cell)  # type: ignore[arg-type]
        rnd = get_round(s, YEAR)
        assert "两名不同的操作员" in office.double_entry_note(s, rnd)
        office.set_office_rules(
            s, actor=town.admin, one_person=False, same_operator_double_entry=True
        )
        evaluation.set_score(s, actor=town.admin, score="7", entry=1, **cell)  # type: ignore[arg-type]
        assert "允许同一名操作员" in office.double_entry_note(s, rnd)


# ------------------------------------------------------------------ item 9


def _granted(town: Office) -> int:
    a, _member = _ready(town, member=False)
    _announce(town)
    clock.set_today(_day(6, 9))
    _approve(town)
    with town.db.transaction() as s:
        return ident(
            commendation.grant_branch_honour(s, actor=town.clerk, first_year=YEAR, branch_id=a)
        )


def test_recommendations_are_kept_per_level_also_after_the_round_closes(town: Office) -> None:
    honour_id = _granted(town)
    with town.db.transaction() as s:
        commendation.recommend(s, actor=town.clerk, honour_id=honour_id, level="县")
        rounds.close_round(s, actor=town.clerk, first_year=YEAR)
    clock.set_today(_day(10, 9))
    with town.db.transaction() as s:
        commendation.recommend(s, actor=town.clerk, honour_id=honour_id, level="省")
        with pytest.raises(UserError, match="已经推荐到县"):
            commendation.recommend(s, actor=town.clerk, honour_id=honour_id, level="县")
        with pytest.raises(UserError, match="早于命名的日子"):
            commendation.recommend(
                s, actor=town.clerk, honour_id=honour_id, level="州", on=_day(6, 1)
            )
    with town.db.session() as s:
        assert commendation.recommended_levels(s, honour_id) == {
            "县": _day(6, 9),
            "省": _day(10, 9),
        }
        [line] = commendation.honour_lines(s, YEAR)
        assert line.recommended_to == "县、省"
    with town.db.session() as s:
        # every round's honours, as the 动态管理 page lists them: plain values, no round loaded
        # (each round's work summary came along with every honour, 300 MB at county scale)
        [line] = commendation.honour_lines(s)
        assert (line.id, line.first_year, line.round_label) == (honour_id, YEAR, "2025—2026年度")
        assert not [o for o in s.identity_map.values() if isinstance(o, Round | Honour)]


def test_dynamic_management_dates_and_repeats(town: Office) -> None:
    honour_id = _granted(town)
    clock.set_today(_day(11, 2))
    with town.db.transaction() as s:
        with pytest.raises(UserError, match="早于命名的日子"):
            dynamic.criticise(
                s, actor=town.clerk, honour_id=honour_id, reason="工作滑坡", on=dt.date(2023, 5, 1)
            )
        dynamic.criticise(s, actor=town.clerk, honour_id=honour_id, reason="三会一课不落实")
        dynamic.criticise(s, actor=town.clerk, honour_id=honour_id, reason="再次检查仍未落实")
        # ordered in September, recorded in November: the deadline has already passed
        dynamic.order_rectification(
            s,
            actor=town.clerk,
            honour_id=honour_id,
            reason="限期整改阵地建设",
            on=_day(9, 1),
            deadline=_day(10, 1),
        )
        honour = s.get(Honour, honour_id)
        assert honour is not None and honour.state == "rectifying"


def test_a_members_revoked_title_does_not_block_the_branch(town: Office) -> None:
    a, *_ = town.branches
    with town.db.transaction() as s:
        rnd = get_round(s, YEAR)
        nxt = rounds.create_next_round(s, actor=town.admin)
        honour = Honour(
            round_id=ident(rnd),
            kind="member",
            branch_id=a,
            member_id=town.members[a][0],
            title="优秀共产党员",
            certificate_number="2026优字第001号",
            granted_on=_day(6, 28),
        )
        s.add(honour)
        s.flush()
    clock.set_today(_day(10, 8))
    with town.db.transaction() as s:
        dynamic.revoke(
            s,
            actor=town.clerk,
            honour_id=ident(honour),
            revocation_reason=dynamic.RevocationReason.FRAUD,
            reason="虚报事迹",
        )
    with town.db.session() as s:
        from dangjian_desktop.domain.eligibility import selection_refusal
        from dangjian_desktop.store.models import Branch

        branch = s.get(Branch, a)
        assert branch is not None
        facts = evaluation.branch_facts(s, get_round(s, nxt.first_year), branch, True)
        assert selection_refusal(facts) is None


def test_an_empty_round_can_be_closed_and_merged_branches_leave_the_quota(town: Office) -> None:
    with town.db.transaction() as s:
        rounds.close_round(s, actor=town.clerk, first_year=YEAR)
    with town.db.transaction() as s:
        nxt = rounds.create_next_round(s, actor=town.admin)
    year = nxt.first_year
    a, b, c, d, e, f = town.branches
    clock.set_today(dt.date(year, 9, 1))
    with town.db.transaction() as s:
        for branch_id in (a, b, c, d, e, f):
            enrolment.enrol(s, actor=town.clerk, first_year=year, branch_id=branch_id)
        # 6 enrolled at 20 % would give 2 places; c merged into d mid-round leaves 5 → 1
        registers.merge_branch(s, actor=town.admin, branch_id=c, into_id=d)
        results = evaluation.preview_results(s, get_round(s, year))
    assert results.quota == 1


def test_settings_are_validated(town: Office) -> None:
    with town.db.transaction() as s:
        with pytest.raises(UserError, match="1%到100%"):
            rounds.update_settings(s, actor=town.clerk, first_year=YEAR, quota_percent="0.5")
        with pytest.raises(UserError, match="自检自查权重应在0到0"):
            rounds.update_settings(s, actor=town.clerk, first_year=YEAR, self_weight="1")
        with pytest.raises(UserError, match="1到10名"):
            rounds.update_settings(s, actor=town.clerk, first_year=YEAR, member_quota_per_branch=0)
        rnd = rounds.update_settings(
            s, actor=town.clerk, first_year=YEAR, quota_percent="1", self_weight="0.5"
        )
        assert rnd.quota_percent == Decimal(1)


def test_the_work_summary_draft_states_who_was_late_and_who_missed(town: Office) -> None:
    from dangjian_desktop.domain.calendar import Stage
    from dangjian_desktop.services import intake

    a, b, c, *_ = town.branches
    clock.set_today(_day(5, 31))
    with town.db.transaction() as s:
        for branch_id in (a, b, c):
            enrolment.enrol(
                s,
                actor=town.clerk,
                first_year=YEAR,
                branch_id=branch_id,
                applied_on=dt.date(YEAR, 8, 2),
            )
        for stage, day in (
            (Stage.PLAN, dt.date(YEAR, 8, 20)),
            (Stage.REPORT_H2, dt.date(YEAR, 12, 30)),
            (Stage.REPORT_H1, _day(5, 8)),
            (Stage.MATERIALS, _day(5, 8)),
        ):
            for branch_id in (a, b):
                intake.record_receipt(
                    s,
                    actor=town.clerk,
                    first_year=YEAR,
                    branch_id=branch_id,
                    stage=stage,
                    # 下寨 handed its plan in on 28 August, three days late
                    received_on=dt.date(YEAR, 8, 28)
                    if (branch_id, stage) == (b, Stage.PLAN)
                    else day,
                )
    with town.db.session() as s:
        draft = evaluation.draft_work_summary(s, YEAR)
    assert "1个党支部（总支）按时报送了" in draft
    assert "逾期报送的有1个：下寨党支部实施方案逾期报送（8月28日，应于8月25日前）。" in draft
    assert "未报齐的有1个：中寨党支部实施方案未报送、下半年书面汇报未报送" in draft
    assert "））" not in draft
