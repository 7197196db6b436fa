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
from dangjian_desktop.domain.calendar import INTAKE_STAGES, round_year_for
from dangjian_desktop.domain.eligibility import scoring_refusal
from dangjian_desktop.domain.honours import RevocationReason
from dangjian_desktop.domain.scoring import Grade, Veto
from dangjian_desktop.domain.validation import BranchLevel
from dangjian_desktop.errors import UserError
from dangjian_desktop.services import (
    commendation,
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
from dangjian_desktop.store.models import Branch, Honor, Member, Objection, Operator, Round

SURNAMES = (
    "李王张刘陈杨赵黄周吴徐孙马朱胡郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程"
    "魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵"
    "普岩刀玉者李字"
)
GIVEN = [
    "建国",
    "建华",
    "国强",
    "志强",
    "晓明",
    "海燕",
    "丽华",
    "秀英",
    "桂英",
    "玉兰",
    "文华",
    "永平",
    "家富",
    "正荣",
    "春梅",
    "红梅",
    "云华",
    "德明",
    "光明",
    "学文",
    "雪梅",
    "玉芬",
    "建平",
    "国华",
    "少华",
    "文才",
    "福林",
    "金花",
    "绍华",
    "开明",
    "兴华",
    "琼芬",
    "丽萍",
    "艳红",
    "晓燕",
    "志华",
    "春林",
    "国荣",
    "有才",
    "成林",
    "树林",
    "自强",
    "天明",
    "世荣",
    "卫东",
    "红艳",
    "美玲",
    "丽琼",
    "正华",
    "朝兴",
    "应华",
    "绍林",
    "会芬",
    "光荣",
    "永华",
    "家兴",
    "德华",
    "玉梅",
    "永昌",
    "兰芬",
    "顺德",
    "开荣",
    "仕林",
    "清华",
    "丽",
    "敏",
    "芳",
    "静",
    "强",
    "勇",
    "军",
    "伟",
    "涛",
    "磊",
    "燕",
    "娟",
    "岩温",
    "岩罕",
    "玉香",
    "玉罕",
    "依香",
    "扎约",
    "阿普",
    "阿妹",
    "沙玛",
    "拉努",
]
# A Yunnan mountain township: Han and Yi most, then Hani, Dai, Bai, Miao, Hui, Zhuang, Yao, Lahu.
ETHNIC_MIX = (
    ("汉族", 52),
    ("彝族", 18),
    ("哈尼族", 9),
    ("傣族", 6),
    ("白族", 4),
    ("苗族", 4),
    ("回族", 3),
    ("壮族", 2),
    ("瑶族", 1),
    ("拉祜族", 1),
)
VILLAGES = [
    "石龙",
    "大箐",
    "小河",
    "龙潭",
    "新寨",
    "松林",
    "海子",
    "马鹿塘",
    "团山",
    "三家",
    "白岩",
    "青龙",
    "大平掌",
    "落水洞",
    "凤凰",
    "南山",
    "木瓜",
    "竹园",
    "红岩",
    "黑龙潭",
    "麦地",
    "大坪",
    "石门坎",
    "清水",
]
HAMLETS = ["上寨", "下寨", "中寨", "新村", "老村", "大村", "小村", "坡头", "岔河", "河边"]
OTHER_BRANCHES = (
    ("镇机关第一党支部", "机关"),
    ("镇机关第二党支部", "机关"),
    ("镇人大政协机关党支部", "机关"),
    ("石龙社区党总支", "社区"),
    ("镇中心学校党总支", "学校"),
    ("镇第一中学党支部", "学校"),
    ("镇中心幼儿园党支部", "学校"),
    ("镇综合文化站党支部", "事业单位-文化"),
    ("镇卫生院党支部", "事业单位-卫生"),
    ("镇农业农村综合服务中心党支部", "事业单位-其他"),
    ("镇林业和草原服务中心党支部", "事业单位-其他"),
    ("云岭茶业有限公司党支部", "非公企业"),
    ("石龙建材有限责任公司党支部", "非公企业"),
    ("镇茶叶种植协会党支部", "社会组织"),
    ("镇个体劳动者协会党支部", "社会组织"),
)
MEDIA_TITLES = (
    "{b}：党员带头发展特色产业",
    "{b}开展“五好五带头”主题实践活动",
    "{b}“三会一课”制度落地见效",
    "{b}党员服务中心打通服务群众“最后一公里”",
    "{b}创建先进党组织纪实",
)


@dataclass
class DemoSummary:
    township: str
    branches: int
    members: int
    rounds: list[int]


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("35789") + "".join(rng.choice("0123456789") for _ in range(9))


def _name(rng: random.Random, ethnicity: str) -> str:
    if ethnicity == "傣族" and rng.random() < 0.6:
        return rng.choice(("岩", "玉", "刀", "依")) + rng.choice(
            ("温", "罕", "香", "光", "叫", "坎", "应")
        )
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _ethnicity(rng: random.Random) -> str:
    names = [name for name, _ in ETHNIC_MIX]
    weights = [weight for _, weight in ETHNIC_MIX]
    return rng.choices(names, weights)[0]


def _branch_plan(n: int, rng: random.Random) -> list[tuple[str, str, str, int | None]]:
    """(name, level, sector, index of parent) for n branches: villages first, then the rest."""
    plan: list[tuple[str, str, str, int | None]] = []
    others = list(OTHER_BRANCHES)
    villages = iter(VILLAGES)
    # roughly two thirds rural: each village a 党总支 with 1–3 党支部 under it
    while len(plan) < max(1, n * 2 // 3):
        try:
            village = next(villages)
        except StopIteration:
            break
        plan.append((f"{village}村党总支", BranchLevel.GENERAL.value, "农村", None))
        parent = len(plan) - 1
        for hamlet in rng.sample(HAMLETS, rng.randint(1, 3)):
            if len(plan) >= n * 2 // 3:
                break
            plan.append((f"{village}村{hamlet}党支部", BranchLevel.BRANCH.value, "农村", parent))
    for name, sector in others:
        if len(plan) >= n:
            break
        level = BranchLevel.GENERAL.value if name.endswith("党总支") else BranchLevel.BRANCH.value
        plan.append((name, level, sector, None))
        if level == BranchLevel.GENERAL.value and len(plan) < n:
            parent = len(plan) - 1
            for k in ("第一", "第二"):
                if len(plan) >= n:
                    break
                plan.append(
                    (name.replace("党总支", f"{k}党支部"), BranchLevel.BRANCH.value, sector, parent)
                )
    extra = 1
    while len(plan) < n:  # larger demo townships: more village branches
        plan.append((f"新建第{extra}党支部", BranchLevel.BRANCH.value, "农村", None))
        extra += 1
    return plan[:n]


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
        for name, level, sector, parent in _branch_plan(branches, rng):
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
                        phone=_phone(rng),
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
                ethnicity = _ethnicity(rng)
                birth = dt.date(rng.randint(1945, 2000), rng.randint(1, 12), rng.randint(1, 28))
                joined_year = min(today.year - 1, birth.year + rng.randint(19, 45))
                joined = dt.date(joined_year, rng.randint(1, 12), 1)
                post = "书记" if i == 0 else "副书记" if i == 1 else "委员" if i < 4 else "党员"
                name = _name(rng, ethnicity)
                while (name, birth, ident(branch)) in taken:
                    name = _name(rng, ethnicity)
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
                        phone=_phone(rng) if rng.random() < 0.8 else "",
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
                intake.update_receipt(
                    session,
                    actor=clerk,
                    stage=stage,
                    receipt_id=ident(receipt),
                    status="accepted",
                )
            elif rng.random() < 0.1:
                intake.update_receipt(
                    session,
                    actor=clerk,
                    stage=stage,
                    receipt_id=ident(receipt),
                    status="returned",
                    remark="创建目标不够具体，请对照四项创建内容细化措施后重新报送。",
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
                title=rng.choice(MEDIA_TITLES).format(b=branch.name),
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
) -> list[Honor]:
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
    honours: list[Honor],
    clerk: Actor,
    today: dt.date,
    *,
    last: bool,
) -> None:
    """The work summary, the round closed; in the last round one honour under rectification and
    one revoked for fraud."""
    year = rnd.first_year
    with db.transaction() as session:
        summary = evaluation.draft_work_summary(session, rnd)
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
        active = [b for b in branches if b.status == "active"]
        enrolled = _enrol_all(session, rng, year, active, clerk, min(rnd.opens, today))
        _receive(session, rng, year, rnd, enrolled, clerk, today, all_in=False)
        if scored:
            _score_round(session, rng, year, enrolled, clerk)
