"""One whole round through the services, then the audit log must tell the same story."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from naming_steps import fix_candidates
from sqlmodel import col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import ReceiptStatus, Stage, Timeliness
from dangjian_desktop.domain.honours import HonourState, RevocationReason
from dangjian_desktop.domain.scoring import Grade, Veto
from dangjian_desktop.errors import UserError
from dangjian_desktop.services import (
    commendation,
    dynamic,
    enrolment,
    evaluation,
    intake,
    naming,
    operators,
    registers,
    rounds,
    township,
)
from dangjian_desktop.services.common import SYSTEM, Actor, get_round, ident
from dangjian_desktop.services.status import round_status
from dangjian_desktop.store.audit import verify_chain
from dangjian_desktop.store.db import Database
from dangjian_desktop.store.models import AuditEntry, Branch, Honour, HonourEvent

YEAR = 2025


def _day(month: int, day: int, year: int = YEAR) -> dt.date:
    return dt.date(year, month, day)


@pytest.fixture
def office(db: Database) -> tuple[Database, Actor, Actor, list[int]]:
    """A township with an admin-clerk, an approver, one 党总支 with two 党支部 and one more."""
    clock.set_today(_day(8, 1))
    with db.transaction() as s:
        township.save_township(s, actor=SYSTEM, name="石龙镇")
        clerk_op = operators.create_operator(s, actor=SYSTEM, name="王晓燕", role="admin")
        clerk = Actor(clerk_op.name, clerk_op.role, clerk_op.id)
        approver_op = operators.create_operator(s, actor=clerk, name="张建国", role="approver")
        approver = Actor(approver_op.name, approver_op.role, approver_op.id)
        operators.create_operator(s, actor=clerk, name="李丽华", role="clerk")
        general = registers.add_branch(
            s,
            actor=clerk,
            data=registers.BranchInput(name="大箐村党总支", level="general_branch"),
        )
        ids = [ident(general)]
        for name in ("大箐村上寨党支部", "大箐村下寨党支部"):
            ids.append(
                ident(
                    registers.add_branch(
                        s,
                        actor=clerk,
                        data=registers.BranchInput(name=name, parent_id=ident(general)),
                    )
                )
            )
        ids.append(
            ident(
                registers.add_branch(
                    s,
                    actor=clerk,
                    data=registers.BranchInput(name="镇卫生院党支部", sector="事业单位-卫生"),
                )
            )
        )
        for branch_id in ids:
            registers.add_member(
                s,
                actor=clerk,
                data=registers.MemberInput(
                    name=f"党员{branch_id}",
                    gender="男",
                    ethnicity="彝族",
                    branch_id=branch_id,
                    birth_date=dt.date(1980, 1, 1),
                    joined_on=dt.date(2005, 7, 1),
                ),
            )
        rounds.create_round(s, actor=clerk, first_year=YEAR)
    return db, clerk, approver, ids


def _sheet(
    quality: dict[int, float], items: list[tuple[str, Decimal]]
) -> dict[tuple[int, str], str]:
    return {
        (branch_id, code): str((points * Decimal(str(q))).quantize(Decimal("0.1")))
        for branch_id, q in quality.items()
        for code, points in items
    }


def test_a_whole_round(office: tuple[Database, Actor, Actor, list[int]]) -> None:
    db, clerk, approver, ids = office
    general, upper, lower, clinic = ids

    # 申报: three branches enrol; the fourth does not and so cannot be scored.
    with db.transaction() as s:
        for branch_id in (general, upper, lower):
            enrolment.enrol(s, actor=clerk, first_year=YEAR, branch_id=branch_id)

    # 实施方案: two on time, one late (received 28 August, due 25 August).
    clock.set_today(_day(9, 1))
    with db.transaction() as s:
        intake.record_receipt(
            s,
            actor=clerk,
            first_year=YEAR,
            branch_id=general,
            stage=Stage.PLAN,
            received_on=_day(8, 20),
        )
        intake.record_receipt(
            s,
            actor=clerk,
            first_year=YEAR,
            branch_id=upper,
            stage=Stage.PLAN,
            received_on=_day(8, 25),
        )
        intake.record_receipt(
            s,
            actor=clerk,
            first_year=YEAR,
            branch_id=lower,
            stage=Stage.PLAN,
            received_on=_day(8, 28),
        )
        with pytest.raises(UserError, match="没有申报"):
            intake.record_receipt(
                s,
                actor=clerk,
                first_year=YEAR,
                branch_id=clinic,
                stage=Stage.PLAN,
                received_on=_day(8, 20),
            )
    with db.session() as s:
        rnd = get_round(s, YEAR)
        lines = {
            line.branch_id: line for line in intake.intake_lines(s, rnd, Stage.PLAN, clock.today())
        }
        assert lines[lower].timeliness == Timeliness.LATE
        assert lines[general].timeliness == Timeliness.ON_TIME

    # Two half-year reports and the materials, all on time.
    for stage, received in (
        (Stage.REPORT_H2, _day(12, 30)),
        (Stage.REPORT_H1, _day(5, 8, YEAR + 1)),
        (Stage.MATERIALS, _day(5, 8, YEAR + 1)),
    ):
        clock.set_today(received)
        with db.transaction() as s:
            for branch_id in (general, upper, lower):
                intake.record_receipt(
                    s,
                    actor=clerk,
                    first_year=YEAR,
                    branch_id=branch_id,
                    stage=stage,
                    received_on=received,
                    summary="进展顺利",
                )

    # 自检自查 and three assessors (one of them from 上寨, recused from scoring it), double entry.
    clock.set_today(_day(5, 20, YEAR + 1))
    quality = {general: 0.95, upper: 0.93, lower: 0.80}
    with db.transaction() as s:
        rnd = get_round(s, YEAR)
        items = [(i.code, i.points) for i in rounds.rubric(s, rnd)]
        for branch_id, q in quality.items():
            evaluation.save_self_scores(
                s,
                actor=clerk,
                first_year=YEAR,
                branch_id=branch_id,
                scores={
                    code: str((p * Decimal(str(q))).quantize(Decimal("0.1"))) for code, p in items
                },
            )
        with pytest.raises(UserError, match="没有申报"):
            evaluation.set_self_score(
                s, actor=clerk, first_year=YEAR, branch_id=clinic, code="1.1", score="8"
            )
        assessors = [
            evaluation.add_assessor(s, actor=clerk, first_year=YEAR, name="杨正华"),
            evaluation.add_assessor(s, actor=clerk, first_year=YEAR, name="普学文"),
            evaluation.add_assessor(
                s, actor=clerk, first_year=YEAR, name="刀玉香", branch_id=upper
            ),
        ]
    with db.transaction() as s, pytest.raises(UserError, match="回避"):
        evaluation.set_score(
            s,
            actor=clerk,
            first_year=YEAR,
            assessor_id=ident(assessors[2]),
            branch_id=upper,
            code="1.1",
            score="8",
        )
    # 双人录入: the second pass by a second operator (the same one twice is refused).
    checker = Actor("李丽华", "clerk", 3)
    with db.transaction() as s:
        for assessor in assessors:
            mine = {  # 回避: her own branch and its parent 党总支
                b: q
                for b, q in quality.items()
                if evaluation.recusal_reason(s, assessor, s.get(Branch, b)) is None
            }
            sheet = _sheet(mine, items)
            evaluation.save_sheet(
                s, actor=clerk, first_year=YEAR, assessor_id=ident(assessor), scores=sheet, entry=1
            )
            if assessor is assessors[0]:
                sheet[(lower, "2.1")] = "1.0"  # the second operator misreads one cell
            with pytest.raises(UserError, match="两名不同的操作员"):
                evaluation.save_sheet(
                    s,
                    actor=clerk,
                    first_year=YEAR,
                    assessor_id=ident(assessor),
                    scores=sheet,
                    entry=2,
                )
            evaluation.save_sheet(
                s,
                actor=checker,
                first_year=YEAR,
                assessor_id=ident(assessor),
                scores=sheet,
                entry=2,
            )
    with db.session() as s:
        rnd = get_round(s, YEAR)
        differ = evaluation.disagreements(s, rnd)
        assert [(d.branch, d.code) for d in differ] == [("大箐村下寨党支部", "2.1")]
        preview = evaluation.preview_results(s, rnd)
        lower_line = next(line for line in preview.lines if line.branch_id == lower)
        assert lower_line.combined is None and "不一致" in lower_line.reason
    with db.transaction() as s:  # resolved: the second entry is corrected against the paper sheet
        evaluation.set_score(
            s,
            actor=checker,
            first_year=YEAR,
            assessor_id=ident(assessors[0]),
            branch_id=lower,
            code="2.1",
            score=_sheet({lower: 0.80}, [("2.1", Decimal(6))])[(lower, "2.1")],
            entry=2,
        )
    with db.transaction() as s:
        for branch_id in (general, upper, lower):
            evaluation.set_indicators(
                s,
                actor=clerk,
                first_year=YEAR,
                branch_id=branch_id,
                credibility_above_average=True,
                secretary_rank=3,
                targets_all_passed=True,
                annual_rank=2,
            )
        results = evaluation.compute_results(s, actor=clerk, first_year=YEAR)
    assert results.quota == 1  # 20 % of 3, rounded up
    by_id = {line.branch_id: line for line in results.lines}
    assert by_id[general].grade == Grade.ADVANCED.value and by_id[general].rank == 1
    assert by_id[upper].grade == Grade.QUALIFIED.value  # 90+, but outside the quota
    assert by_id[lower].combined is not None and by_id[lower].combined < Decimal(90)
    # the recused assessor's scores do not count for 上寨: two assessors there, three elsewhere
    # 综合评价 = 20 % self + 80 % assessment
    line = by_id[general]
    assert line.combined == (
        Decimal("0.2") * line.self_total + Decimal("0.8") * line.assessment_total
    ).quantize(Decimal("0.01"))  # type: ignore[operator]

    # 审验, 检查核实, one member nominated; the list is fixed, then posted.
    clock.set_today(_day(5, 29, YEAR + 1))
    with db.session() as s:
        member_id = ident(registers.list_members(s, branch_id=general)[0])
    fix_candidates(db, clerk, YEAR, _day(5, 28, YEAR + 1), members=[member_id])
    # 公示 with an objection; approval waits for the period and the handling.
    with db.transaction() as s:
        announcement = naming.start_announcement(
            s, actor=clerk, first_year=YEAR, starts_on=_day(6, 1, YEAR + 1)
        )
        objection = commendation.add_objection(
            s,
            actor=clerk,
            first_year=YEAR,
            received_on=_day(6, 2, YEAR + 1),
            content="反映材料有补记",
            branch_id=general,
        )
    assert announcement.ends_on == _day(6, 5, YEAR + 1)  # Mon 1 June … Fri 5 June 2026
    clock.set_today(_day(6, 8, YEAR + 1))
    meeting = {"meeting_on": _day(6, 8, YEAR + 1), "meeting": "第12次党委会"}
    with db.transaction() as s, pytest.raises(UserError, match="异议"):
        naming.approve_results(s, actor=approver, first_year=YEAR, **meeting)  # type: ignore[arg-type]
    with db.transaction() as s:
        commendation.handle_objection(
            s, actor=clerk, objection_id=ident(objection), handling="经核实不属实", upheld=False
        )
    with db.transaction() as s, pytest.raises(UserError, match="审批人"):
        naming.approve_results(s, actor=clerk, first_year=YEAR, **meeting)  # type: ignore[arg-type]
    with db.transaction() as s:
        naming.approve_results(s, actor=approver, first_year=YEAR, **meeting)  # type: ignore[arg-type]

    # Approved scores are locked: a change needs a reason.
    with db.transaction() as s, pytest.raises(UserError, match="原因"):
        evaluation.set_self_score(
            s, actor=clerk, first_year=YEAR, branch_id=general, code="1.1", score="8"
        )

    # Honours: the advanced branch and one member; the qualified branch cannot be named.
    with db.transaction() as s:
        honour = commendation.grant_branch_honour(
            s, actor=clerk, first_year=YEAR, branch_id=general
        )
        member_honour = commendation.grant_member_honour(
            s, actor=clerk, first_year=YEAR, member_id=member_id
        )
        commendation.recommend(s, actor=clerk, honour_id=ident(honour), level="县")
    assert honour.title == "基层党组织建设先进党总支"
    assert honour.certificate_number != member_honour.certificate_number
    assert member_honour.deeds == "带头致富，带领群众发展产业。"  # from the nomination
    with db.transaction() as s, pytest.raises(UserError, match="不在镇党委审批的名单上"):
        commendation.grant_branch_honour(s, actor=clerk, first_year=YEAR, branch_id=upper)

    # 动态管理: rectification ordered, then revoked for fraud with a circulated criticism.
    clock.set_today(_day(9, 1, YEAR + 1))
    with db.transaction() as s:
        dynamic.order_rectification(
            s,
            actor=clerk,
            honour_id=ident(honour),
            reason="工作滑坡",
            deadline=_day(10, 1, YEAR + 1),
        )
    with db.transaction() as s:
        dynamic.revoke(
            s,
            actor=clerk,
            honour_id=ident(honour),
            revocation_reason=RevocationReason.FRAUD,
            reason="虚报材料",
        )
    with db.session() as s:
        final = s.get(Honour, ident(honour))
        assert final is not None and final.state == HonourState.REVOKED.value
        kinds = [e.kind for e in s.exec(select(HonourEvent).order_by(col(HonourEvent.id)))]
        assert kinds == ["order_rectification", "revoke", "circulate_criticism"]

        # The audit log tells the story, in order, with an intact chain.
        entries = list(s.exec(select(AuditEntry).order_by(col(AuditEntry.id))))
        actions = [e.action for e in entries]
        story = [
            "enrol",
            "receive",
            "score",
            "compute",
            "review",
            "verify",
            "nominate",
            "fix_list",
            "announce",
            "object",
            "handle",
            "approve",
            "grant",
            "recommend",
            "order_rectification",
            "revoke",
            "circulate_criticism",
        ]
        positions = [actions.index(step) for step in story]
        assert positions == sorted(positions)
        assert any("逾期" in e.summary for e in entries if e.action == "receive")
        assert any(e.operator == "张建国" for e in entries if e.action == "approve")
        assert verify_chain(s) == []
        # every write of the whole round kept its row seals and the anchor (store/seal.py)
        from dangjian_desktop.services.integrity import seal_problems

        assert seal_problems(s) == []

        report = round_status(s, get_round(s, YEAR), clock.today())
        plan = next(stage for stage in report.stages if stage.key == "plan")
        assert (plan.on_time, plan.late, plan.missing, plan.pending) == (2, 1, 0, 0)


def _score_single_entry(db: Database, clerk: Actor, quality: dict[int, float]) -> None:
    """Enrol the branches and score them (one assessor, single entry) in proportion to quality."""
    with db.transaction() as s:
        rnd = rounds.update_settings(s, actor=clerk, first_year=YEAR, double_entry=False)
        for branch_id in quality:
            enrolment.enrol(
                s, actor=clerk, first_year=YEAR, branch_id=branch_id, applied_on=_day(8, 2)
            )
        items = [(i.code, i.points) for i in rounds.rubric(s, rnd)]
        assessor = evaluation.add_assessor(s, actor=clerk, first_year=YEAR, name="杨正华")
        for branch_id, q in quality.items():
            evaluation.save_self_scores(
                s,
                actor=clerk,
                first_year=YEAR,
                branch_id=branch_id,
                scores={
                    code: str((p * Decimal(str(q))).quantize(Decimal("0.1"))) for code, p in items
                },
            )
        evaluation.save_sheet(
            s,
            actor=clerk,
            first_year=YEAR,
            assessor_id=ident(assessor),
            scores=_sheet(quality, items),
        )


def test_a_vetoed_top_scorer_loses_its_quota_place(
    office: tuple[Database, Actor, Actor, list[int]],
) -> None:
    db, clerk, _approver, ids = office
    clock.set_today(_day(5, 20, YEAR + 1))
    quality = {ids[0]: 0.99, ids[1]: 0.95, ids[2]: 0.70}
    _score_single_entry(db, clerk, quality)
    with db.transaction() as s:
        evaluation.set_veto(
            s,
            actor=clerk,
            first_year=YEAR,
            branch_id=ids[0],
            veto=Veto.FRAUD,
            active=True,
            note="材料造假",
        )
        results = evaluation.compute_results(s, actor=clerk, first_year=YEAR)
    by_id = {line.branch_id: line for line in results.lines}
    assert by_id[ids[0]].grade == Grade.INELIGIBLE.value and by_id[ids[0]].rank is None
    assert by_id[ids[1]].grade == Grade.ADVANCED.value and by_id[ids[1]].rank == 1
    with db.transaction() as s, pytest.raises(UserError, match="已开始评分"):
        rounds.update_rubric(s, actor=clerk, first_year=YEAR, edits={"1.1": ("10", None)})


def test_new_round_copies_settings_and_closed_round_is_read_only(
    office: tuple[Database, Actor, Actor, list[int]],
) -> None:
    db, clerk, _approver, ids = office
    with db.transaction() as s:
        rounds.update_settings(
            s, actor=clerk, first_year=YEAR, quota_percent="30", dates={"plan_due": _day(8, 28)}
        )
        nxt = rounds.create_next_round(s, actor=clerk)
        assert nxt.first_year == YEAR + 1
        assert nxt.plan_due == _day(8, 28, YEAR + 1)
        assert nxt.quota_percent == Decimal(30)
        assert len(rounds.rubric(s, nxt)) == 13
        assert nxt.approved_at is None and not nxt.scoring_started
    with db.transaction() as s:
        rnd = get_round(s, YEAR)
        rnd.status = "closed"
        s.add(rnd)
    with db.transaction() as s, pytest.raises(UserError, match="已结束"):
        enrolment.enrol(s, actor=clerk, first_year=YEAR, branch_id=ids[0])


def test_announcement_and_approval_need_current_results(
    office: tuple[Database, Actor, Actor, list[int]],
) -> None:
    db, clerk, approver, ids = office
    clock.set_today(_day(5, 20, YEAR + 1))
    quality = {ids[0]: 0.97, ids[1]: 0.80}
    _score_single_entry(db, clerk, quality)
    with pytest.raises(UserError, match="还没有计算综合评价"):
        fix_candidates(db, clerk, YEAR, _day(5, 20, YEAR + 1))
    with db.transaction() as s, pytest.raises(UserError, match="候选名单还没有确定"):
        naming.start_announcement(s, actor=clerk, first_year=YEAR, starts_on=_day(6, 1, YEAR + 1))
    with db.transaction() as s:
        evaluation.compute_results(s, actor=clerk, first_year=YEAR)
        evaluation.set_self_score(
            s, actor=clerk, first_year=YEAR, branch_id=ids[0], code="1.1", score="0"
        )
    with pytest.raises(UserError, match="重新计算综合评价"):
        fix_candidates(db, clerk, YEAR, _day(5, 20, YEAR + 1))
    with db.transaction() as s:
        evaluation.compute_results(s, actor=clerk, first_year=YEAR)
    fix_candidates(db, clerk, YEAR, _day(5, 20, YEAR + 1))
    with db.transaction() as s:
        naming.start_announcement(s, actor=clerk, first_year=YEAR, starts_on=_day(6, 1, YEAR + 1))
    # during the 公示 a score change needs a reason, and approval then needs a recomputation
    with db.transaction() as s, pytest.raises(UserError, match="已经公示"):
        evaluation.set_self_score(
            s, actor=clerk, first_year=YEAR, branch_id=ids[0], code="1.1", score="9"
        )
    with db.transaction() as s:
        evaluation.set_self_score(
            s,
            actor=clerk,
            first_year=YEAR,
            branch_id=ids[0],
            code="1.1",
            score="9",
            reason="核对原始记录后更正",
        )
    clock.set_today(_day(6, 20, YEAR + 1))
    meeting = {"meeting_on": _day(6, 19, YEAR + 1), "meeting": "第12次党委会"}
    with db.transaction() as s, pytest.raises(UserError, match="重新计算综合评价"):
        naming.approve_results(s, actor=approver, first_year=YEAR, **meeting)  # type: ignore[arg-type]
    with db.transaction() as s:
        evaluation.compute_results(s, actor=clerk, first_year=YEAR, reason="更正后重新计算")
        naming.approve_results(s, actor=approver, first_year=YEAR, **meeting)  # type: ignore[arg-type]


def test_a_title_revoked_during_the_round_blocks_selection(
    office: tuple[Database, Actor, Actor, list[int]],
) -> None:
    """A 2025 title revoked for fraud in autumn 2026 keeps the branch out of the 2026 selection."""
    from dangjian_desktop.domain.eligibility import selection_refusal
    from dangjian_desktop.services.evaluation import branch_facts
    from dangjian_desktop.store.models import Branch, Honour

    db, clerk, _approver, ids = office
    with db.transaction() as s:
        nxt = rounds.create_next_round(s, actor=clerk)
        honour = Honour(
            round_id=get_round(s, YEAR).id,  # type: ignore[arg-type]
            kind="branch",
            branch_id=ids[0],
            title="基层党组织建设先进党总支",
            certificate_number="2026先字第001号",
            granted_on=_day(6, 28, YEAR + 1),
        )
        s.add(honour)
        s.flush()
    clock.set_today(_day(10, 8, YEAR + 1))
    with db.transaction() as s:
        dynamic.revoke(
            s,
            actor=clerk,
            honour_id=ident(honour),
            revocation_reason=RevocationReason.FRAUD,
            reason="虚报材料",
        )
    with db.session() as s:
        branch = s.get(Branch, ids[0])
        assert branch is not None
        refusal = selection_refusal(branch_facts(s, get_round(s, nxt.first_year), branch, True))
        assert refusal is not None and "撤销" in refusal
        # the branch is not blocked in a later round
        assert (
            selection_refusal(branch_facts(s, get_round(s, YEAR), s.get(Branch, ids[1]), True))
            is None
        )


def test_indicators_do_not_lift_a_veto_and_settings_freeze(
    office: tuple[Database, Actor, Actor, list[int]],
) -> None:
    db, clerk, _approver, ids = office
    with db.transaction() as s:
        enrolment.enrol(s, actor=clerk, first_year=YEAR, branch_id=ids[0], applied_on=_day(8, 2))
        evaluation.set_veto(
            s,
            actor=clerk,
            first_year=YEAR,
            branch_id=ids[0],
            veto=Veto.TARGET_FAILED,
            active=True,
            note="目标考核不合格",
        )
        ev = evaluation.set_indicators(
            s, actor=clerk, first_year=YEAR, branch_id=ids[0], secretary_rank=3
        )
        assert ev.veto_target_failed  # a blank 目标管理 answer leaves the veto alone
        ev = evaluation.set_indicators(
            s, actor=clerk, first_year=YEAR, branch_id=ids[0], targets_all_passed=True
        )
        assert not ev.veto_target_failed
        member = registers.list_members(s, branch_id=ids[0])[0]
        assessor = evaluation.add_assessor(
            s, actor=clerk, first_year=YEAR, name=member.name, member_id=ident(member)
        )
        own = evaluation.own_branch(s, assessor)  # recused from his own branch, not picked by hand
        assert own is not None and own.id == ids[0]
        evaluation.set_self_score(
            s, actor=clerk, first_year=YEAR, branch_id=ids[0], code="1.1", score="8"
        )
    with db.transaction() as s, pytest.raises(UserError, match="名额比例和分数线已冻结"):
        rounds.update_settings(s, actor=clerk, first_year=YEAR, quota_percent="50")


def test_announcement_counts_statutory_holidays(
    office: tuple[Database, Actor, Actor, list[int]],
) -> None:
    """Started Monday 2026-06-15 for 5 working days, the 公示 ends Monday 06-22: 06-19 is 端午节."""
    db, clerk, approver, ids = office
    clock.set_today(_day(5, 20, YEAR + 1))
    _score_single_entry(db, clerk, {ids[0]: 0.97, ids[1]: 0.80})
    with db.transaction() as s:
        evaluation.compute_results(s, actor=clerk, first_year=YEAR)
    fix_candidates(db, clerk, YEAR, _day(5, 20, YEAR + 1))
    with db.transaction() as s:
        announcement = naming.start_announcement(
            s, actor=clerk, first_year=YEAR, starts_on=_day(6, 15, YEAR + 1)
        )
        assert announcement.ends_on == _day(6, 22, YEAR + 1)
    clock.set_today(_day(6, 22, YEAR + 1))
    with db.transaction() as s, pytest.raises(UserError, match="2026-06-22才结束"):
        naming.approve_results(
            s, actor=approver, first_year=YEAR, meeting_on=_day(6, 22, YEAR + 1), meeting="第9次"
        )


def test_status_shows_announcement_approval_and_commendation(
    office: tuple[Database, Actor, Actor, list[int]],
) -> None:
    db, clerk, _approver, ids = office
    clock.set_today(_day(5, 20, YEAR + 1))
    _score_single_entry(db, clerk, {ids[0]: 0.97, ids[1]: 0.80})
    with db.transaction() as s:
        steps = {m.key: m for m in round_status(s, get_round(s, YEAR), clock.today()).milestones}
        assert steps["announcement"].state == "未发起（计划6月23日至6月29日）"
        assert steps["approval"].due == "2026-06-30"
        assert steps["commendation"].warning == ""
        evaluation.compute_results(s, actor=clerk, first_year=YEAR)
    fix_candidates(db, clerk, YEAR, _day(5, 20, YEAR + 1))
    with db.transaction() as s:
        naming.start_announcement(s, actor=clerk, first_year=YEAR, starts_on=_day(6, 1, YEAR + 1))
        rounds.update_settings(
            s, actor=clerk, first_year=YEAR, dates={"commendation_due": _day(7, 15, YEAR + 1)}
        )
    clock.set_today(_day(7, 2, YEAR + 1))
    with db.transaction() as s:
        report = round_status(s, get_round(s, YEAR), clock.today())
        steps = {m.key: m for m in report.milestones}
        assert steps["announcement"].state == "公示期已满"
        assert steps["approval"].state == "已过期限，还未审批"
        assert "晚于七一" in steps["commendation"].warning
        assert report.to_json()["milestones"][2]["key"] == "commendation"


def test_a_returned_form_keeps_a_remark(office: tuple[Database, Actor, Actor, list[int]]) -> None:
    """退回修改 needs a remark saying what to change: clearing the remark in the same change is
    refused, and nothing of the change is saved."""
    db, clerk, _approver, ids = office
    clock.set_today(_day(9, 1))
    with db.transaction() as s:
        enrolment.enrol(s, actor=clerk, first_year=YEAR, branch_id=ids[0])
        receipt = intake.record_receipt(
            s,
            actor=clerk,
            first_year=YEAR,
            branch_id=ids[0],
            stage=Stage.PLAN,
            received_on=_day(8, 20),
            remark="纸质一份",
        )
        receipt_id = receipt.id
    assert receipt_id is not None
    with pytest.raises(UserError, match="写明要修改什么"), db.transaction() as s:
        intake.update_receipt(
            s,
            actor=clerk,
            stage=Stage.PLAN,
            receipt_id=receipt_id,
            status=ReceiptStatus.RETURNED,
            remark="",
        )
    with db.session() as s:
        kept = intake.intake_lines(s, get_round(s, YEAR), Stage.PLAN, clock.today())
        assert [(x.status, x.remark) for x in kept if x.branch_id == ids[0]] == [
            ("received", "纸质一份")
        ]
    with db.transaction() as s:
        row = intake.update_receipt(
            s,
            actor=clerk,
            stage=Stage.PLAN,
            receipt_id=receipt_id,
            status=ReceiptStatus.RETURNED,
            remark="请补充创建目标",
        )
        assert (row.status, row.remark) == (ReceiptStatus.RETURNED, "请补充创建目标")
    with db.session() as s:
        lines = intake.intake_lines(s, get_round(s, YEAR), Stage.PLAN, clock.today())
        assert [line.status for line in lines if line.branch_id == ids[0]] == ["returned"]
