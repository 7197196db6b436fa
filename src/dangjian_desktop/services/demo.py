"""`demo`: fill an empty data folder with a realistic Yunnan township, laid out around today.

Everything goes through the same services a clerk uses, so the audit log tells the story too.
- every sector, both levels (党总支 with 党支部 under it), members with the ethnic mix of a
  Yunnan township;
- the previous round closed, with scores, a 公示 with an objection, honours, one honour under
  限期整改 and one revoked for 弄虚作假 with a 通报批评;
- the current round in progress: for each stage already due, on-time, late and missing receipts;
  for a stage not yet due, a few branches early and the rest pending.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, func, select

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import INTAKE_STAGES, ReceiptStatus, round_year_for
from dangjian_desktop.domain.eligibility import scoring_refusal
from dangjian_desktop.domain.honours import RevocationReason
from dangjian_desktop.domain.scoring import Grade, Veto
from dangjian_desktop.domain.validation import BranchLevel, BranchStatus
from dangjian_desktop.errors import UserError
from dangjian_desktop.services import (
    commendation,
    demo_township,
    dynamic,
    enrolment,
    evaluation,
    intake,
    media,
    naming,
    operators,
    registers,
    rounds,
    township,
)
from dangjian_desktop.services.common import SYSTEM, Actor, get_round, ident, round_dates
from dangjian_desktop.store.db import Database
from dangjian_desktop.store.models import Branch, Honour, Member, Objection, Operator, Round


@dataclass
class DemoSummary:
    township: str
    branches: int
    members: int
    rounds: list[int]


def _is_empty(session: Session) -> bool:
    return (
        not session.exec(select(func.count()).select_from(Branch)).one()
        and not session.exec(select(func.count()).select_from(Round)).one()
    )


def _add_township_and_operators(db: Database) -> tuple[Actor, Actor]:
    """石龙镇 and its three operators; returns the clerk and the approver."""
    with db.transaction() as session:
        township.save_township(
            session,
            actor=SYSTEM,
            name="石龙镇",
            organ="中共石龙镇委员会",
            office="中共石龙镇委员会创先争优活动领导小组办公室",
            doc_prefix="石党发",
            seal_text="中共石龙镇委员会",
            county="云岭县",
            prefecture="红河哈尼族彝族自治州",
            province="云南省",
            contact_person="李丽华",
            contact_phone="0873-6123456",
        )
        operators.create_operator(session, actor=SYSTEM, name="李丽华", role="admin")
        clerk_op = operators.create_operator(session, actor=SYSTEM, name="王晓燕", role="clerk")
        approver_op = operators.create_operator(
            session, actor=SYSTEM, name="张建国", role="approver"
        )
    clerk = Actor(clerk_op.name, clerk_op.role, clerk_op.id)
    approver = Actor(approver_op.name, approver_op.role, approver_op.id)
    return clerk, approver


def _add_registers(
    db: Database,
    rng: random.Random,
    branches: int,
    members: int,
    clerk: Actor,
    today: dt.date,
) -> list[Branch]:
    """The branches and their members (secretary, deputy, committee members first), the
    members added in one checked batch."""
    with db.transaction() as session:
        created: list[Branch] = []
        for name, level, sector, parent in demo_township.branch_plan(branches, rng):
            founded = dt.date(rng.randint(1952, 2015), rng.randint(1, 12), 1)
            created.append(
                registers.add_branch(
                    session,
                    actor=clerk,
                    data=registers.BranchInput(
                        name=name,
                        level=level,
                        sector=sector,
                        parent_id=created[parent].id if parent is not None else None,
                        ethnic_area=sector == "农村" and rng.random() < 0.55,
                        phone=demo_township.phone_number(rng),
                        founded=founded,
                    ),
                )
            )
        per_branch = [members // branches] * branches
        for i in range(members - sum(per_branch)):
            per_branch[i % branches] += 1
        people: list[registers.MemberInput] = []
        taken: set[tuple[str, dt.date, int]] = set()
        for branch, count in zip(created, per_branch, strict=True):
            for i in range(count):
                ethnicity = demo_township.pick_ethnicity(rng)
                birth = dt.date(rng.randint(1945, 2000), rng.randint(1, 12), rng.randint(1, 28))
                joined_year = min(today.year - 1, birth.year + rng.randint(19, 45))
                joined = dt.date(joined_year, rng.randint(1, 12), 1)
                post = "书记" if i == 0 else "副书记" if i == 1 else "委员" if i < 4 else "党员"
                name = demo_township.person_name(rng, ethnicity)
                while (name, birth, ident(branch)) in taken:
                    name = demo_township.person_name(rng, ethnicity)
                taken.add((name, birth, ident(branch)))
                people.append(
                    registers.MemberInput(
                        name=name,
                        gender="女" if rng.random() < 0.3 else "男",
                        ethnicity=ethnicity,
                        branch_id=ident(branch),
                        birth_date=birth,
                        joined_on=joined,
                        kind="预备党员" if rng.random() < 0.04 and post == "党员" else "正式党员",
                        post=post,
                        phone=demo_township.phone_number(rng) if rng.random() < 0.8 else "",
                    )
                )
                if post == "书记":
                    branch.secretary = name
                    session.add(branch)
        # One checked batch (one audit entry), as a clerk's register import would be.
        registers.add_members(session, actor=clerk, rows=people)
    return created


def build_demo(
    db: Database,
    *,
    branches: int = 40,
    members: int = 1200,
    seed: int = 2024,
    round_count: int = 2,
    score_current: bool = False,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """`round_count` rounds: the earlier ones played to the end, the last one (today's) in progress;
    `score_current` also keys every 考核组 score of today's round (the county-scale bench)."""
    if branches < 6:
        raise UserError("演示数据至少要6个党组织。")
    if members < branches * 3:
        raise UserError("演示数据的党员人数至少是党组织数的3倍。")
    if round_count < 1:
        raise UserError("演示数据至少要有一个年度。")
    rng = random.Random(seed)
    say = progress or (lambda _msg: None)
    today = clock.today()
    current_year = round_year_for(today)
    with db.session() as session:
        if not _is_empty(session):
            raise UserError(
                "这个数据文件夹里已经有数据了。演示数据只能放进空的数据文件夹，请用 --data-dir 指定一个新文件夹。"
            )

    say("填写本镇信息和操作员")
    clerk, approver = _add_township_and_operators(db)
    say(f"建立{branches}个党组织和{members}名党员")
    created = _add_registers(db, rng, branches, members, clerk, today)

    played: list[int] = []
    for year in range(current_year - round_count + 1, current_year):
        say(f"{year}—{year + 1}年度：完整的一轮（已结束）")
        _play_previous_round(
            db, rng, year, created, clerk, approver, today, last=year == current_year - 1
        )
        played.append(year)
    say(f"{current_year}—{current_year + 1}年度：进行中")
    _play_current_round(db, rng, current_year, created, clerk, today, scored=score_current)
    return DemoSummary("石龙镇", branches, members, [*played, current_year])


def _enrol_all(
    session: Session,
    rng: random.Random,
    year: int,
    branches: list[Branch],
    clerk: Actor,
    opens: dt.date,
) -> list[Branch]:
    chosen = [b for b in branches if rng.random() < 0.93 or b.level == BranchLevel.GENERAL.value]
    for branch in chosen:
        enrolment.enrol(
            session,
            actor=clerk,
            first_year=year,
            branch_id=ident(branch),
            applied_on=opens + dt.timedelta(days=rng.randint(0, 12)),
        )
    return chosen


def _receive(
    session: Session,
    rng: random.Random,
    year: int,
    rnd: Round,
    branches: list[Branch],
    clerk: Actor,
    today: dt.date,
    *,
    all_in: bool,
) -> None:
    """Receipts for every intake stage: on time mostly, some late, some still missing."""
    dates = round_dates(rnd)
    for stage in INTAKE_STAGES:
        due = dates.due(stage)
        assert due is not None
        for branch in branches:
            roll = rng.random()
            if due < today:
                if roll < 0.7:
                    received = due - dt.timedelta(days=rng.randint(0, 20))
                elif roll < 0.85 or all_in:
                    received = min(today, due + dt.timedelta(days=rng.randint(1, 12)))
                else:
                    continue  # missing: past due and nothing received
            elif due - today < dt.timedelta(days=45) and roll < 0.3:
                received = today - dt.timedelta(days=rng.randint(0, 5))
            else:
                continue  # not yet due
            receipt = intake.record_receipt(
                session,
                actor=clerk,
                first_year=year,
                branch_id=ident(branch),
                stage=stage,
                received_on=received,
                form=rng.choice(("纸质", "纸质", "电子")),
                summary=f"{branch.name}按照创建实施方案，扎实推进“五好五带头”等主题实践活动。"
                if stage.value.startswith("report")
                else "",
            )
            if rng.random() < 0.5:
                status, remark = ReceiptStatus.ACCEPTED, None
            elif rng.random() < 0.1:
                status = ReceiptStatus.RETURNED
                remark = "创建目标不够具体，请对照四项创建内容细化措施后重新报送。"
            else:
                continue
            intake.update_receipt(
                session,
                actor=clerk,
                stage=stage,
                receipt_id=ident(receipt),
                status=status,
                remark=remark,
            )


def _score(points: Decimal, quality: float, rng: random.Random) -> Decimal:
    raw = float(points) * min(1.0, max(0.3, quality + rng.uniform(-0.06, 0.06)))
    return Decimal(str(round(raw, 1)))


def _score_round(
    session: Session, rng: random.Random, year: int, enrolled: list[Branch], clerk: Actor
) -> dict[int | None, float]:
    """Every 自检自查 sheet and both entries of every 考核组 sheet; each branch's quality."""
    # 考核组: five people, so the highest and the lowest score of each item are dropped; four
    # come from the township offices, the fifth is chosen from the member register: a member of
    # a branch being scored, who stands aside from it (and its parent 党总支 or sub-branches).
    rnd = get_round(session, year)
    scorable = [
        b
        for b in enrolled
        if scoring_refusal(evaluation.branch_facts(session, rnd, b, True)) is None
    ]
    assessors = [
        evaluation.add_assessor(session, actor=clerk, first_year=year, name=name, unit=unit)
        for name, unit in (
            ("张建国", "镇党委"),
            ("杨正华", "镇纪委"),
            ("普学文", "镇党政综合办公室"),
            ("刀玉香", "镇组织委员办公室"),
        )
    ]
    member = session.exec(
        select(Member)
        .where(Member.branch_id == scorable[-1].id, col(Member.deleted_at).is_(None))
        .order_by(col(Member.id))
    ).first()
    assert member is not None
    assessors.append(
        evaluation.add_assessor(
            session, actor=clerk, first_year=year, member_id=ident(member), unit="党员代表"
        )
    )
    quality = {b.id: rng.uniform(0.62, 0.99) for b in scorable}
    items = rounds.rubric(session, rnd)
    # 双人录入 by two different operators: the office head keys the second pass.
    admin = session.exec(select(Operator).where(Operator.role == "admin")).first()
    assert admin is not None
    checker = Actor(admin.name, admin.role, admin.id)
    for branch in scorable:
        evaluation.save_self_scores(
            session,
            actor=clerk,
            first_year=year,
            branch_id=ident(branch),
            scores={i.code: _score(i.points, quality[branch.id] + 0.04, rng) for i in items},
        )
    for assessor in assessors:
        own = evaluation.own_branch(session, assessor)
        # Drawn for every branch but his own (the random figures stay those of earlier demos),
        # then kept only where he need not stand aside: not his parent 党总支 either.
        drawn = {
            (b.id, i.code): _score(i.points, quality[b.id], rng)
            for b in scorable
            if own is None or b.id != own.id
            for i in items
        }
        allowed = {
            b.id for b in scorable if evaluation.recusal_reason(session, assessor, b) is None
        }
        sheet = {key: value for key, value in drawn.items() if key[0] in allowed}
        for entry, keyer in ((1, clerk), (2, checker)):
            evaluation.save_sheet(
                session,
                actor=keyer,
                first_year=year,
                assessor_id=ident(assessor),
                scores=sheet,  # type: ignore[arg-type]
                entry=entry,
            )
    return quality


def _play_previous_round(
    db: Database,
    rng: random.Random,
    year: int,
    branches: list[Branch],
    clerk: Actor,
    approver: Actor,
    today: dt.date,
    *,
    last: bool = True,
) -> None:
    rnd, results, objection = _evaluate_and_announce(db, rng, year, branches, clerk, today)
    honours = _commend(db, rnd, results, objection, clerk, approver)
    _close_and_manage(db, rnd, honours, clerk, today, last=last)


def _evaluate_and_announce(
    db: Database,
    rng: random.Random,
    year: int,
    branches: list[Branch],
    clerk: Actor,
    today: dt.date,
) -> tuple[Round, evaluation.Results, Objection]:
    """Everything handed in, media reports, scores, indicators and a veto, the results computed
    and announced, and one objection received."""
    with db.transaction() as session:
        rnd = rounds.create_round(session, actor=clerk, first_year=year)
        enrolled = _enrol_all(session, rng, year, branches, clerk, rnd.opens)
        _receive(
            session, rng, year, rnd, enrolled, clerk, max(today, rnd.commendation_due), all_in=True
        )
        for branch in rng.sample(enrolled, min(8, len(enrolled))):
            media.add_media_report(
                session,
                actor=clerk,
                first_year=year,
                branch_id=ident(branch),
                published_on=rnd.opens + dt.timedelta(days=rng.randint(30, 300)),
                medium=rng.choice(("报刊", "广播", "电视", "网络")),
                outlet=rng.choice(("云岭县融媒体中心", "红河日报", "云南网", "县广播电视台")),
                title=rng.choice(demo_township.MEDIA_TITLES).format(b=branch.name),
            )
        quality = _score_round(session, rng, year, enrolled, clerk)
        for branch in enrolled:
            evaluation.set_indicators(
                session,
                actor=clerk,
                first_year=year,
                branch_id=ident(branch),
                credibility_above_average=quality[branch.id] > 0.75,
                secretary_rank=rng.randint(1, 30),
                targets_all_passed=True,
                annual_rank=rng.randint(1, 12),
            )
        # The best branch hid a serious incident: vetoed although its score is the highest.
        best = max(enrolled, key=lambda b: quality[b.id])
        evaluation.set_veto(
            session,
            actor=clerk,
            first_year=year,
            branch_id=ident(best),
            veto=Veto.SERIOUS_INCIDENT,
            active=True,
            note="年内发生一起安全生产责任事故，经镇党委研究实行一票否决。",
        )
        results = evaluation.compute_results(session, actor=clerk, first_year=year)
        announce_on = rnd.evaluation_end + dt.timedelta(days=3)
        _name_candidates(session, year, rnd, results, clerk, announce_on - dt.timedelta(days=2))
        naming.start_announcement(session, actor=clerk, first_year=year, starts_on=announce_on)
        objection = commendation.add_objection(
            session,
            actor=clerk,
            first_year=year,
            received_on=announce_on + dt.timedelta(days=1),
            raised_by="群众来信（匿名）",
            content="反映某村党支部“三会一课”记录有补记情况。",
            branch_id=results.lines[0].branch_id,
        )
    return rnd, results, objection


def _commend(
    db: Database,
    rnd: Round,
    results: evaluation.Results,
    objection: Objection,
    clerk: Actor,
    approver: Actor,
) -> list[Honour]:
    """The objection handled, the results approved, the honours granted and one recommended."""
    year = rnd.first_year
    with db.transaction() as session:
        # The decision waits for the end of the 公示 and every objection handled: play it on the
        # day the office really did it.
        clock_day = rnd.naming_end - dt.timedelta(days=5)
        saved = clock.today()
        clock.set_today(clock_day)
        try:
            commendation.handle_objection(
                session,
                actor=clerk,
                objection_id=ident(objection),
                handling="经镇纪委调阅会议记录、走访党员核实，记录完整，反映情况不属实。",
                upheld=False,
            )
            naming.approve_results(
                session,
                actor=approver,
                first_year=year,
                meeting_on=clock_day,
                meeting=f"{year + 1}年第9次党委会",
            )
            approved_branches, approved_members = naming.approved_ids(
                session, get_round(session, year)
            )
            honours = [
                commendation.grant_branch_honour(
                    session,
                    actor=clerk,
                    first_year=year,
                    branch_id=line.branch_id,
                    granted_on=clock_day,
                )
                for line in results.lines
                if line.branch_id in approved_branches
            ]
            for member_id in sorted(approved_members):
                commendation.grant_member_honour(
                    session, actor=clerk, first_year=year, member_id=member_id, granted_on=clock_day
                )
            if honours:
                commendation.recommend(
                    session, actor=clerk, honour_id=ident(honours[0]), level="县", on=clock_day
                )
        finally:
            clock.set_today(saved)
    return honours


def _close_and_manage(
    db: Database,
    rnd: Round,
    honours: list[Honour],
    clerk: Actor,
    today: dt.date,
    *,
    last: bool,
) -> None:
    """The work summary, the round closed; in the last round one honour under rectification and
    one revoked for fraud."""
    year = rnd.first_year
    with db.transaction() as session:
        summary = evaluation.draft_work_summary(session, rnd.first_year)
        evaluation.set_work_summary(session, actor=clerk, first_year=year, text=summary)
        rounds.close_round(session, actor=clerk, first_year=year)
        # 动态管理 after the round: one honour under rectification, one revoked for fraud.
        if last and len(honours) >= 2:
            dynamic.criticise(
                session,
                actor=clerk,
                honour_id=ident(honours[1]),
                reason="下半年“三会一课”落实不到位，党员活动室长期关闭。",
            )
            dynamic.order_rectification(
                session,
                actor=clerk,
                honour_id=ident(honours[1]),
                reason="工作滑坡，限期整改“三会一课”和阵地建设问题。",
                deadline=today + dt.timedelta(days=30),
            )
        if last and len(honours) >= 3:
            dynamic.revoke(
                session,
                actor=clerk,
                honour_id=ident(honours[-1]),
                revocation_reason=RevocationReason.FRAUD,
                reason="经查，该党支部在申报材料中虚报党员活动场所建设情况，属弄虚作假。",
            )
            dynamic.hold_accountable(
                session,
                actor=clerk,
                first_year=year,
                branch_id=honours[-1].branch_id,
                person="该党支部书记",
                reason="对弄虚作假负有直接责任，按规定追究责任。",
            )


def _name_candidates(
    session: Session,
    year: int,
    rnd: Round,
    results: evaluation.Results,
    clerk: Actor,
    day: dt.date,
) -> None:
    """审验 and 检查核实 by the leading group, a tie decided, members nominated, the list fixed."""
    group = "镇党委副书记刘志强、组织委员杨梅"
    for review in naming.review_lines(session, rnd, day):
        naming.record_review(
            session,
            actor=clerk,
            first_year=year,
            branch_id=review.branch_id,
            # A returned plan or report was talked through on site; a missing one fails.
            passed=all("退回" in gap for gap in review.missing),
            checked_by=group,
            checked_on=day,
            findings="；".join(review.missing + review.late) or "材料齐全，按时报送。",
        )
    for line in results.lines:
        if line.grade == Grade.ADVANCED.value:
            naming.record_verification(
                session,
                actor=clerk,
                first_year=year,
                branch_id=line.branch_id,
                checked_by=group,
                checked_on=day,
                findings="实地查看党员活动室，查阅“三会一课”记录和创建台账，情况属实。",
            )
    if (tie := naming.current_tie(session, rnd)) is not None:
        tied, places = tie
        naming.record_tie_decision(
            session,
            actor=clerk,
            first_year=year,
            chosen=tied[:places],
            decided_on=day,
            decided_by="镇创先争优活动领导小组会议",
            basis="同分单位比较书记抓党建述职评议结果。",
        )
    places = naming.member_quota(session, rnd)
    for line in results.lines:
        if places <= 0:
            break
        if line.grade not in (Grade.ADVANCED.value, Grade.QUALIFIED.value):
            continue
        staff = session.exec(
            select(Member).where(
                Member.branch_id == line.branch_id, col(Member.deleted_at).is_(None)
            )
        ).all()
        candidate = next((m for m in staff if m.kind == "正式党员" and m.post == "党员"), None)
        if candidate is None:
            continue
        naming.nominate(
            session,
            actor=clerk,
            first_year=year,
            member_id=ident(candidate),
            deeds=f"{candidate.name}同志带头学习提高、带头争创佳绩、带头服务群众，"
            "在产业发展和矛盾纠纷调解中发挥了先锋模范作用。",
            nominated_on=day,
        )
        places -= 1
    naming.fix_list(session, actor=clerk, first_year=year)


def _play_current_round(
    db: Database,
    rng: random.Random,
    year: int,
    branches: list[Branch],
    clerk: Actor,
    today: dt.date,
    *,
    scored: bool = False,
) -> None:
    with db.transaction() as session:
        rnd = rounds.create_next_round(session, actor=clerk)
        if today < rnd.opens:
            return
        active = [b for b in branches if b.status == BranchStatus.ACTIVE]
        enrolled = _enrol_all(session, rng, year, active, clerk, min(rnd.opens, today))
        _receive(session, rng, year, rnd, enrolled, clerk, today, all_in=False)
        if scored:
            _score_round(session, rng, year, enrolled, clerk)
