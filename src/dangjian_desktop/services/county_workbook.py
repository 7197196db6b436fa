"""The county workbook's data (DESIGN.md §6): one function per sheet, each declaring its title and
headers beside the rows, read in the order of SHEETS.

One query per table, so a township with 30,000 members is read in seconds; what several sheets
need (the round, its dates, the enrolled branches, every branch's name) is read once into
`RoundRecords`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import (
    RECEIPT_STATUS_NAMES,
    RoundDates,
    Stage,
    Timeliness,
    days_late,
    late_text,
    stage_title,
    timeliness,
)
from dangjian_desktop.domain.eligibility import TreeNode, assessor_recusal
from dangjian_desktop.domain.honours import (
    EVENT_NAMES,
    HONOUR_STATE_NAMES,
    REVOCATION_REASON_NAMES,
    HonourEventKind,
    HonourKind,
    HonourState,
    RevocationReason,
)
from dangjian_desktop.domain.scoring import GRADE_NAMES, VETO_NAMES, Grade, Veto, item_mean
from dangjian_desktop.domain.validation import level_name
from dangjian_desktop.exchange.county import CellValue, CountyData, SheetSpec
from dangjian_desktop.services.common import get_round, label, round_dates
from dangjian_desktop.services.evaluation import Cell, agreed_scores
from dangjian_desktop.services.evaluation.assessors import assessor_name, own_branch
from dangjian_desktop.services.registers import STATUS_NAMES
from dangjian_desktop.services.township import get_township
from dangjian_desktop.store.models import (
    Assessor,
    Attachment,
    Branch,
    Enrolment,
    Evaluation,
    Honour,
    HonourEvent,
    Materials,
    MediaReport,
    Member,
    Plan,
    ProgressReport,
    Round,
    RubricItem,
    SelfAssessment,
)


def _yes_no(value: bool | None) -> str | None:
    if value is None:
        return None
    return "是" if value else "否"


def _punctuality(due: dt.date, received: dt.date | None, today: dt.date) -> str:
    state = timeliness(due, received, today)
    if state is Timeliness.ON_TIME:
        return "按时"
    if state is Timeliness.LATE:
        assert received is not None
        return late_text(days_late(due, received))
    if state is Timeliness.MISSING:
        return "未报"
    return "未到期"


def _receipts(session: Session, model: Any, round_id: int | None) -> dict[int, Any]:
    """Receipts of the round by enrolment id (ProgressReport: by (enrolment id, period))."""
    rows = session.exec(
        select(model)
        .join(Enrolment, col(Enrolment.id) == model.enrollment_id)
        .where(Enrolment.round_id == round_id, col(model.deleted_at).is_(None))
    )
    if model is ProgressReport:
        return {(r.enrollment_id, r.period): r for r in rows}  # type: ignore[misc]
    return {r.enrollment_id: r for r in rows}


def _status_name(row: Any) -> str | None:
    return RECEIPT_STATUS_NAMES.get(row.status, row.status) if row else None


@dataclass
class RoundRecords:
    """What more than one sheet reads about the round, read once."""

    session: Session
    rnd: Round
    today: dt.date
    dates: RoundDates
    names: dict[int | None, str]  # every branch's name, deleted ones too: old records name them
    enrolled: list[Enrolment]
    honours: list[Honour]

    @classmethod
    def read(cls, session: Session, first_year: int) -> RoundRecords:
        rnd = get_round(session, first_year)
        enrolled = session.exec(
            select(Enrolment)
            .where(Enrolment.round_id == rnd.id, col(Enrolment.withdrawn_at).is_(None))
            .order_by(col(Enrolment.branch_id))
        )
        honours = session.exec(
            select(Honour)
            .where(Honour.round_id == rnd.id)
            .order_by(col(Honour.kind), col(Honour.id))
        )
        return cls(
            session=session,
            rnd=rnd,
            today=clock.today(),
            dates=round_dates(rnd),
            names=dict(session.exec(select(Branch.id, Branch.name)).all()),
            enrolled=list(enrolled),
            honours=list(honours),
        )

    def branch_name(self, branch_id: int | None) -> str:
        return self.names.get(branch_id, "") if branch_id is not None else ""


def branches_sheet(r: RoundRecords) -> SheetSpec:
    branches = r.session.exec(
        select(Branch).where(col(Branch.deleted_at).is_(None)).order_by(col(Branch.id))
    )
    return SheetSpec(
        "党组织名册",
        [
            "党组织名称",
            "层级",
            "上级党组织",
            "领域",
            "少数民族聚居地区",
            "书记",
            "联系电话",
            "成立时间",
            "状态",
            "备注",
        ],
        [
            [
                b.name,
                level_name(b.level),
                r.branch_name(b.parent_id),
                b.sector,
                _yes_no(b.ethnic_area),
                b.secretary,
                b.phone,
                b.founded,
                STATUS_NAMES.get(b.status, b.status),
                b.remark,
            ]
            for b in branches
        ],
    )


def members_sheet(r: RoundRecords) -> SheetSpec:
    # Plain columns, no ORM objects (30,000 rows). A value members share (gender, 民族, kind,
    # post, a date) is kept once, not once per member, as the member list does: half the
    # memory the export holds for this sheet.
    once: dict[Any, Any] = {}
    same = once.setdefault
    member_rows = r.session.connection().execute(
        sa_select(
            col(Member.name),
            col(Member.gender),
            col(Member.ethnicity),
            col(Member.birth_date),
            col(Member.joined_on),
            col(Member.kind),
            col(Member.post),
            col(Member.branch_id),
            col(Member.phone),
        )
        .where(col(Member.deleted_at).is_(None))
        .order_by(col(Member.branch_id), col(Member.id))
    )
    return SheetSpec(
        "党员名册",
        [
            "姓名",
            "性别",
            "民族",
            "出生日期",
            "入党时间",
            "党员类别",
            "职务",
            "所在党组织",
            "联系电话",
        ],
        [
            [
                name,
                same(gender, gender),
                same(ethnicity, ethnicity),
                same(birth, birth),
                same(joined, joined),
                same(kind, kind),
                same(post, post),
                r.branch_name(b_id),
                phone,
            ]
            for name, gender, ethnicity, birth, joined, kind, post, b_id, phone in member_rows
        ],
    )


def plans_sheet(r: RoundRecords) -> SheetSpec:
    plans = _receipts(r.session, Plan, r.rnd.id)
    due = r.dates.plan_due
    return SheetSpec(
        "申报与实施方案",
        ["党组织", "申报日期", "方案收到日期", "截止日期", "报送情况", "状态", "形式", "备注"],
        [
            [
                r.branch_name(e.branch_id),
                e.applied_on,
                plan.received_on if plan else None,
                due,
                _punctuality(due, plan.received_on if plan else None, r.today),
                _status_name(plan),
                plan.form if plan else None,
                plan.remark if plan else None,
            ]
            for e in r.enrolled
            for plan in [plans.get(e.id)]  # type: ignore[arg-type]
        ],
    )


def reports_sheet(r: RoundRecords) -> SheetSpec:
    """Both periods' 半年书面汇报, the later period first."""
    reports = _receipts(r.session, ProgressReport, r.rnd.id)
    rows: list[list[CellValue]] = []
    for stage in (Stage.REPORT_H2, Stage.REPORT_H1):
        due = r.dates.due(stage)
        assert due is not None
        for e in r.enrolled:
            report = reports.get((e.id, stage.value))  # type: ignore[call-overload]
            received = report.received_on if report else None
            rows.append(
                [
                    r.branch_name(e.branch_id),
                    stage_title(stage, r.rnd.first_year),
                    due,
                    received,
                    _punctuality(due, received, r.today),
                    _status_name(report),
                    report.form if report else None,
                    report.summary if report else None,
                    report.remark if report else None,
                ]
            )
    return SheetSpec(
        "半年书面汇报",
        [
            "党组织",
            "汇报期",
            "截止日期",
            "收到日期",
            "报送情况",
            "状态",
            "形式",
            "汇报摘要",
            "备注",
        ],
        rows,
    )


def materials_sheet(r: RoundRecords) -> SheetSpec:
    materials = _receipts(r.session, Materials, r.rnd.id)
    attachment_counts: dict[int, int] = defaultdict(int)
    for owner_id in r.session.exec(
        select(Attachment.owner_id).where(
            Attachment.owner_type == "materials", col(Attachment.deleted_at).is_(None)
        )
    ):
        attachment_counts[owner_id] += 1
    due = r.dates.materials_due
    return SheetSpec(
        "创建工作材料",
        ["党组织", "截止日期", "收到日期", "报送情况", "状态", "形式", "附件数", "备注"],
        [
            [
                r.branch_name(e.branch_id),
                due,
                got.received_on if got else None,
                _punctuality(due, got.received_on if got else None, r.today),
                _status_name(got),
                got.form if got else None,
                attachment_counts.get(got.id, 0) if got and got.id else None,
                got.remark if got else None,
            ]
            for e in r.enrolled
            for got in [materials.get(e.id)]  # type: ignore[arg-type]
        ],
    )


def _assessor_headers(assessors: list[Assessor]) -> list[str]:
    """One column per assessor: the name, with the unit (or a number) where names repeat."""
    names = [a.name for a in assessors]
    headers = [
        f"{a.name}（{a.unit}）" if names.count(a.name) > 1 and a.unit else a.name for a in assessors
    ]
    return [h if headers.count(h) == 1 else f"{h}{i + 1}" for i, h in enumerate(headers)]


def _self_scores(r: RoundRecords) -> dict[tuple[int | None, int | None], Decimal]:
    """(enrolment, rubric item) → the branch's self-check score, as plain columns."""
    return dict(
        ((enrollment_id, item_id), score)
        for enrollment_id, item_id, score in r.session.connection().execute(
            sa_select(
                col(SelfAssessment.enrollment_id),
                col(SelfAssessment.item_id),
                col(SelfAssessment.score),
            )
            .join(Enrolment, col(Enrolment.id) == col(SelfAssessment.enrollment_id))
            .where(col(Enrolment.round_id) == r.rnd.id)
        )
    )


def _recusals(r: RoundRecords, assessors: list[Assessor]) -> dict[int, set[int | None]]:
    """Enrolled branch → the assessors who stand aside from it, as recusal_reason says, with
    the branch tree and each assessor's own branch read once (not two reads per assessor and
    branch)."""
    nodes: dict[int | None, TreeNode] = {}
    for branch_id, name, parent_id in r.session.connection().execute(
        sa_select(col(Branch.id), col(Branch.name), col(Branch.parent_id))
    ):
        assert branch_id is not None
        nodes[branch_id] = TreeNode(branch_id, name, parent_id)
    own: dict[int | None, tuple[str, TreeNode | None]] = {}
    for a in assessors:
        branch = own_branch(r.session, a)
        own[a.id] = (assessor_name(r.session, a), None if branch is None else nodes[branch.id])
    return {
        e.branch_id: {
            a.id for a in assessors if assessor_recusal(*own[a.id], nodes[e.branch_id]) is not None
        }
        for e in r.enrolled
    }


def scores_sheet(r: RoundRecords) -> SheetSpec:
    """Per branch and rubric item: the self-check score, each assessor's agreed score (回避 where
    he must stand aside: his own branch, its parent 党总支, its sub-branches, as the register
    stands) and their mean once every scorer has scored."""
    rnd = r.rnd
    items = list(
        r.session.exec(
            select(RubricItem)
            .where(RubricItem.round_id == rnd.id)
            .order_by(col(RubricItem.sort), col(RubricItem.code))
        )
    )
    assessors = list(
        r.session.exec(
            select(Assessor)
            .where(Assessor.round_id == rnd.id, col(Assessor.deleted_at).is_(None))
            .order_by(col(Assessor.id))
        )
    )
    agreed = agreed_scores(r.session, rnd)  # keyed by Cell, a (assessor, enrollment, item) tuple
    self_scores = _self_scores(r)
    recusals = _recusals(r, assessors)
    rows: list[list[CellValue]] = []
    for e in r.enrolled:
        recused = recusals[e.branch_id]
        for item in items:
            cells: list[CellValue] = []
            values: list[Decimal] = []
            scorers = 0
            for a in assessors:
                if a.id in recused:
                    cells.append("回避")
                    continue
                scorers += 1
                value = agreed.get(Cell(a.id, e.id, item.id))  # type: ignore[arg-type]
                cells.append(value)
                if value is not None:
                    values.append(value)
            mean = item_mean(values) if scorers and len(values) == scorers else None
            rows.append(
                [
                    r.branch_name(e.branch_id),
                    item.code,
                    item.name,
                    item.points,
                    self_scores.get((e.id, item.id)),
                    *cells,
                    mean,
                ]
            )
    return SheetSpec(
        "评分明细（按指标和考核组成员）",
        [
            "党组织",
            "指标编号",
            "指标名称",
            "分值",
            "自评分",
            *_assessor_headers(assessors),
            "统一考核得分",
        ],
        rows,
    )


def _vetoes(evaluation: Evaluation) -> str | None:
    flags = (
        (Veto.SERIOUS_INCIDENT, evaluation.veto_serious_incident),
        (Veto.FRAUD, evaluation.veto_fraud),
        (Veto.TARGET_FAILED, evaluation.veto_target_failed),
    )
    return "、".join(VETO_NAMES[v] for v, flag in flags if flag) or None


def _result_row(branch: str, ev: Evaluation | None) -> list[CellValue]:
    if ev is None:
        return [None, branch, *[None] * 10]
    return [
        ev.rank,
        branch,
        ev.self_total,
        ev.assessment_total,
        ev.combined,
        _vetoes(ev),
        GRADE_NAMES[Grade(ev.grade)] if ev.grade else None,
        _yes_no(ev.credibility_above_average),
        ev.secretary_rank,
        _yes_no(ev.targets_all_passed),
        ev.annual_rank,
        ev.reason if ev.grade else None,
    ]


def results_sheet(r: RoundRecords) -> SheetSpec:
    """综合评价 by rank; branches not ranked (yet) last."""
    evaluations = {
        ev.enrollment_id: ev
        for ev in r.session.exec(
            select(Evaluation)
            .join(Enrolment, col(Enrolment.id) == Evaluation.enrollment_id)
            .where(Enrolment.round_id == r.rnd.id)
        )
    }
    rows = [
        _result_row(r.branch_name(e.branch_id), evaluations.get(e.id))  # type: ignore[arg-type]
        for e in r.enrolled
    ]
    rows.sort(key=lambda row: (row[0] is None, row[0] or 0))
    return SheetSpec(
        "综合评价结果",
        [
            "名次",
            "党组织",
            "自检自查得分",
            "统一考核得分",
            "综合评价得分",
            "一票否决",
            "等次",
            "公信度调查得分高于全省平均",
            "书记抓党建责任制考核全县排名",
            "目标管理考核全部合格",
            "年度综合考核全县排名",
            "说明",
        ],
        rows,
    )


def _honour_row(r: RoundRecords, h: Honour) -> list[CellValue]:
    data = json.loads(h.snapshot or "{}")
    if h.kind == HonourKind.MEMBER:
        owner = data.get("branch") or r.branch_name(h.branch_id)
        name = data.get("name", "")
    else:
        owner = data.get("name") or r.branch_name(h.branch_id)
        name = owner
    return [
        "优秀共产党员" if h.kind == HonourKind.MEMBER else "先进党组织",
        name,
        owner,
        h.title,
        h.certificate_number,
        HONOUR_STATE_NAMES[HonourState(h.state)],
        h.granted_on,
        h.recommended_to or None,
        h.recommended_on,
    ]


def honours_sheet(r: RoundRecords) -> SheetSpec:
    return SheetSpec(
        "荣誉与推荐",
        [
            "类别",
            "名称",
            "所在党组织",
            "荣誉称号",
            "证书编号",
            "状态",
            "授予日期",
            "推荐至",
            "推荐日期",
        ],
        [_honour_row(r, h) for h in r.honours],
    )


def events_sheet(r: RoundRecords) -> SheetSpec:
    """动态管理: the round's events on its honours, in date order."""
    titles = {h.id: h.title for h in r.honours}
    events = r.session.exec(
        select(HonourEvent)
        .where(HonourEvent.round_id == r.rnd.id)
        .order_by(col(HonourEvent.happened_on), col(HonourEvent.id))
    )
    return SheetSpec(
        "动态管理",
        ["日期", "党组织", "荣誉称号", "事项", "事实和理由", "整改期限", "撤销原因", "责任人"],
        [
            [
                ev.happened_on,
                r.branch_name(ev.branch_id),
                titles.get(ev.honor_id) if ev.honor_id else None,
                EVENT_NAMES[HonourEventKind(ev.kind)],
                ev.reason,
                ev.deadline,
                REVOCATION_REASON_NAMES[RevocationReason(ev.revocation_reason)]
                if ev.revocation_reason
                else None,
                ev.person or None,
            ]
            for ev in events
        ],
    )


def media_sheet(r: RoundRecords) -> SheetSpec:
    media = r.session.exec(
        select(MediaReport)
        .where(MediaReport.round_id == r.rnd.id, col(MediaReport.deleted_at).is_(None))
        .order_by(col(MediaReport.published_on), col(MediaReport.id))
    )
    return SheetSpec(
        "宣传报道",
        ["日期", "党组织", "媒体类别", "媒体名称", "标题"],
        [[m.published_on, r.branch_name(m.branch_id), m.medium, m.outlet, m.title] for m in media],
    )


SHEETS: tuple[Callable[[RoundRecords], SheetSpec], ...] = (
    branches_sheet,
    members_sheet,
    plans_sheet,
    reports_sheet,
    materials_sheet,
    scores_sheet,
    results_sheet,
    honours_sheet,
    events_sheet,
    media_sheet,
)
"""The workbook's sheets in the order the county reads them."""


def county_data(session: Session, first_year: int) -> CountyData:
    """Everything the county asks for about one round, as the ten sheets of the workbook."""
    records = RoundRecords.read(session, first_year)
    township = get_township(session)
    return CountyData(
        township=township.name if township else "本镇",
        round_label=label(records.rnd),
        first_year=records.rnd.first_year,
        sheets=[sheet(records) for sheet in SHEETS],
    )
