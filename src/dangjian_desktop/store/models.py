"""The tables. One class per entity of DESIGN.md section 3; names follow its glossary.

Enumerations are stored as their English value (see domain/); Chinese appears only on screen.
Rows that a user entered are never deleted: `deleted_at` marks a soft delete.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from dangjian_desktop.store.types import DecimalText


def _decimal(nullable: bool = True) -> Column[Decimal]:
    return Column(DecimalText(), nullable=nullable)


# The township: one row, the issuing organ of every document.
class Township(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str  # 镇名, e.g. 勐海镇
    organ: str  # 中共××镇委员会
    office: str  # 镇党委创先争优活动领导小组办公室
    doc_prefix: str  # 机关代字, e.g. 勐党发
    seal_text: str = ""
    county: str = ""
    prefecture: str = ""
    province: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    # The two issuing organs on paper. Empty means the default made from organ/office
    # (services.township.issuing_organs): "中共××镇委员会文件", the office's 信函格式 …
    organ_mark: str = ""  # 镇党委的发文机关标志
    office_mark: str = ""  # 领导小组办公室的发文机关标志
    office_prefix: str = ""  # 办公室的发文机关代字, e.g. 石党创办
    office_signature: str = ""  # 办公室的署名
    office_letter: bool = True  # the office's notices in 信函格式


# Who uses the program: 经办人 (clerk), 审批人 (approver), 管理员 (admin).
class Operator(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    role: str = "clerk"
    password_hash: str | None = None
    active: bool = True
    created_at: dt.datetime


# A party organisation: 党总支 or 党支部 (a 党支部 may sit under a 党总支).
class Branch(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    level: str  # general_branch | branch
    parent_id: int | None = Field(default=None, foreign_key="branch.id")
    sector: str
    ethnic_area: bool = False  # 少数民族聚居地区
    secretary: str = ""
    phone: str = ""
    founded: dt.date | None = None
    status: str = "active"  # active | merged | dissolved
    merged_into_id: int | None = Field(default=None, foreign_key="branch.id")
    remark: str = ""
    deleted_at: dt.datetime | None = None
    created_at: dt.datetime


# A party member (党员).
class Member(SQLModel, table=True):
    __table_args__ = (Index("ix_member_identity", "name", "birth_date", "branch_id"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    gender: str
    ethnicity: str
    birth_date: dt.date | None = None
    joined_on: dt.date | None = None
    kind: str = "正式党员"  # 正式党员 | 预备党员
    post: str = "党员"  # 书记 | 副书记 | 委员 | 党员
    branch_id: int = Field(foreign_key="branch.id", index=True)
    phone: str = ""
    remark: str = ""
    deleted_at: dt.datetime | None = None
    created_at: dt.datetime


# A round (创建年度), named by its first year: 2025 is 2025—2026年度.
class Round(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    first_year: int = Field(unique=True)
    status: str = "open"  # open | closed
    opens: dt.date
    plan_due: dt.date
    report_h2_due: dt.date
    report_h1_due: dt.date
    materials_due: dt.date
    evaluation_start: dt.date
    evaluation_end: dt.date
    naming_end: dt.date
    commendation_due: dt.date
    announcement_days: int = 5
    quota_percent: Decimal = Field(sa_column=_decimal(False))
    self_weight: Decimal = Field(sa_column=_decimal(False))
    assessment_weight: Decimal = Field(sa_column=_decimal(False))
    advanced_min: Decimal = Field(sa_column=_decimal(False))
    pass_min: Decimal = Field(sa_column=_decimal(False))
    double_entry: bool = True  # 双人录入
    scoring_started: bool = False
    approved_at: dt.datetime | None = None
    approved_by_id: int | None = Field(default=None, foreign_key="operator.id")
    work_summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    closed_at: dt.datetime | None = None
    created_at: dt.datetime
    member_quota: int | None = None  # 优秀共产党员 places in the township; None: the branch places
    member_quota_per_branch: int = 1  # how many members one branch may nominate
    approved_list_id: int | None = None  # the CandidateList approved (no FK: lists point here)
    committee_meeting_on: dt.date | None = None  # 镇党委会 that approved the results
    committee_meeting: str = ""  # its name or number, e.g. 第12次党委会
    approval_one_person: bool = False  # approved by the one who computed (one-person office)


# One item of the round's rubric (考核指标), copied from the template.
class RubricItem(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("round_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    code: str  # "1.1" … "4.3"
    area_code: str
    area_name: str
    area_points: Decimal = Field(sa_column=_decimal(False))
    area_indicator: str = ""
    name: str
    points: Decimal = Field(sa_column=_decimal(False))
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    sort: int = 0


# A branch entering a round (申报).
class Enrolment(SQLModel, table=True):
    __tablename__ = "enrollment"  # the table keeps its first spelling (no migration)
    __table_args__ = (UniqueConstraint("round_id", "branch_id"),)
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    branch_id: int = Field(foreign_key="branch.id", index=True)
    applied_on: dt.date
    withdrawn_at: dt.datetime | None = None
    remark: str = ""


# Shared columns of what a branch hands in: received date, form, status, reviewer's remark.
class IntakeBase(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    enrollment_id: int = Field(foreign_key="enrollment.id", index=True)
    received_on: dt.date
    form: str = "纸质"  # 纸质 | 电子
    status: str = "received"  # received | returned | accepted
    remark: str = ""
    received_by_id: int | None = Field(default=None, foreign_key="operator.id")
    deleted_at: dt.datetime | None = None


# 实施方案, due 25 August.
class Plan(IntakeBase, table=True):
    pass


# 半年书面汇报: period report_h2 (Y second half) or report_h1 (Y+1 first half).
class ProgressReport(IntakeBase, table=True):
    period: str = Field(index=True)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


# 创建工作材料, early May.
class Materials(IntakeBase, table=True):
    pass


# A file copied into the data folder under its SHA-256, attached to some row.
class Attachment(SQLModel, table=True):
    __table_args__ = (Index("ix_attachment_owner", "owner_type", "owner_id"),)
    id: int | None = Field(default=None, primary_key=True)
    owner_type: str  # plan | progress_report | materials | media_report | honor_event
    owner_id: int
    sha256: str = Field(index=True)
    original_name: str
    size: int
    added_at: dt.datetime
    deleted_at: dt.datetime | None = None


# 自检自查: the branch's own score per item.
class SelfAssessment(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("enrollment_id", "item_id"),)
    id: int | None = Field(default=None, primary_key=True)
    enrollment_id: int = Field(foreign_key="enrollment.id", index=True)
    item_id: int = Field(foreign_key="rubricitem.id")
    score: Decimal = Field(sa_column=_decimal(False))


# 考核组成员 for a round: a member of the register (member_id; his branch for 回避 is the
# register's at the time of scoring) or an outside person (member_id None; branch_id is a branch
# of ours he declared he must stand aside from, usually none).
class Assessor(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    name: str
    unit: str = ""
    branch_id: int | None = Field(default=None, foreign_key="branch.id")
    member_id: int | None = Field(default=None, foreign_key="member.id")
    deleted_at: dt.datetime | None = None


# 统一考核: one assessor's score for one item, keyed once or twice (entry 1 / 2, 双人录入).
class Assessment(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("assessor_id", "enrollment_id", "item_id", "entry"),)
    id: int | None = Field(default=None, primary_key=True)
    assessor_id: int = Field(foreign_key="assessor.id", index=True)
    enrollment_id: int = Field(foreign_key="enrollment.id", index=True)
    item_id: int = Field(foreign_key="rubricitem.id")
    entry: int = 1
    score: Decimal = Field(sa_column=_decimal(False))
    operator_id: int | None = Field(default=None, foreign_key="operator.id")


# 综合评价 of one enrolled branch: indicators, vetoes, combined score, grade and rank.
class Evaluation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    enrollment_id: int = Field(foreign_key="enrollment.id", unique=True)
    credibility_above_average: bool | None = None  # 公信度调查得分高于全省平均
    secretary_rank: int | None = None  # 书记抓党建责任制考核全县排名
    targets_all_passed: bool | None = None  # 目标管理考核全部合格
    annual_rank: int | None = None  # 年度综合考核全县排名
    veto_serious_incident: bool = False
    veto_fraud: bool = False
    veto_target_failed: bool = False
    veto_note: str = ""
    self_total: Decimal | None = Field(default=None, sa_column=_decimal())
    assessment_total: Decimal | None = Field(default=None, sa_column=_decimal())
    combined: Decimal | None = Field(default=None, sa_column=_decimal())
    rank: int | None = None
    grade: str | None = None
    within_quota: bool = False
    tie_at_quota: bool = False
    reason: str = ""
    scorers: str = ""  # the assessors who scored it, 、-joined (回避 ones left out)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


# 公示: the preliminary list posted for a number of working days.
# A withdrawn 公示 stays on record; a round has at most one that is not withdrawn.
class Announcement(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    starts_on: dt.date
    ends_on: dt.date
    days: int = 5
    notice_id: int | None = Field(default=None, foreign_key="notice.id")
    list_id: int | None = Field(default=None, foreign_key="candidatelist.id")
    withdrawn_at: dt.datetime | None = None
    withdraw_reason: str = ""


# 异议 received during the 公示, and how it was handled.
class Objection(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", index=True)
    received_on: dt.date
    raised_by: str = ""
    branch_id: int | None = Field(default=None, foreign_key="branch.id")
    content: str = Field(sa_column=Column(Text, nullable=False))
    handling: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    upheld: bool | None = None  # None: not yet handled
    handled_on: dt.date | None = None
    handled_by_id: int | None = Field(default=None, foreign_key="operator.id")
    member_id: int | None = Field(default=None, foreign_key="member.id")
    keep_decision: str = ""  # 异议成立 but the leading group decided to keep the candidate


# 审验 (step review: 通过 / 不通过) and 检查核实 (step verify: an on-site check) of a branch.
class NamingCheck(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    branch_id: int = Field(foreign_key="branch.id", index=True)
    step: str  # review | verify
    passed: bool | None = None  # review only
    findings: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    checked_by: str  # the leading-group members who did it
    checked_on: dt.date
    operator_id: int | None = Field(default=None, foreign_key="operator.id")
    created_at: dt.datetime
    deleted_at: dt.datetime | None = None


# The leading group's decision on branches tied across the quota line.
class TieDecision(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    tied: str  # JSON list of branch ids, as the results showed them
    chosen: str  # JSON list of the branch ids kept as candidates
    decided_on: dt.date
    decided_by: str
    basis: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    operator_id: int | None = Field(default=None, foreign_key="operator.id")
    created_at: dt.datetime


# 优秀共产党员 nominated by a branch.
class Nomination(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    branch_id: int = Field(foreign_key="branch.id")
    deeds: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    discipline: str = ""  # 党纪处分 in the period, as the branch reported it ("" = none)
    nominated_on: dt.date
    operator_id: int | None = Field(default=None, foreign_key="operator.id")
    created_at: dt.datetime
    withdrawn_at: dt.datetime | None = None


# 初步确定评估结果: the fixed list of branches and members (JSON snapshot and its SHA-256).
class CandidateList(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    snapshot: str = Field(sa_column=Column(Text, nullable=False))
    digest: str
    fixed_at: dt.datetime
    fixed_by_id: int | None = Field(default=None, foreign_key="operator.id")
    reopened_at: dt.datetime | None = None
    reopen_reason: str = ""


# A recommendation of an honour upward, one row per level (县、州、省).
class Recommendation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("honor_id", "level"),)
    id: int | None = Field(default=None, primary_key=True)
    honor_id: int = Field(foreign_key="honor.id", index=True)
    level: str  # 县 | 州 | 省
    recommended_on: dt.date
    operator_id: int | None = Field(default=None, foreign_key="operator.id")
    created_at: dt.datetime


# 宣传报道 in 报刊、广播、电视、网络.
class MediaReport(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    branch_id: int = Field(foreign_key="branch.id", index=True)
    published_on: dt.date
    medium: str  # 报刊 | 广播 | 电视 | 网络
    outlet: str = ""
    title: str
    deleted_at: dt.datetime | None = None


# 荣誉称号: 基层党组织建设先进党支部（总支） for a branch, 优秀共产党员 for a member.
class Honour(SQLModel, table=True):
    __tablename__ = "honor"  # the table keeps its first spelling (no migration)
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    kind: str  # branch | member
    branch_id: int = Field(foreign_key="branch.id", index=True)
    member_id: int | None = Field(default=None, foreign_key="member.id")
    title: str
    certificate_number: str = Field(unique=True)
    state: str = "granted"
    granted_on: dt.date
    deeds: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    snapshot: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    recommended_to: str = ""  # "" | 县 | 州 | 省
    recommended_on: dt.date | None = None


# 动态管理记录: 批评, 限期整改, 整改结果, 撤销, 通报批评, 追究责任.
class HonourEvent(SQLModel, table=True):
    __tablename__ = "honorevent"  # the table keeps its first spelling (no migration)
    id: int | None = Field(default=None, primary_key=True)
    honor_id: int | None = Field(default=None, foreign_key="honor.id", index=True)
    branch_id: int = Field(foreign_key="branch.id", index=True)
    round_id: int = Field(foreign_key="round.id", index=True)
    kind: str
    happened_on: dt.date
    deadline: dt.date | None = None
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    revocation_reason: str = ""
    person: str = ""  # 追究责任: the person held accountable
    notice_id: int | None = Field(default=None, foreign_key="notice.id")
    operator_id: int | None = Field(default=None, foreign_key="operator.id")


# 通知、通报、决定: a generated document with its 发文字号, kept as a PDF in the data folder.
class Notice(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("prefix", "year", "serial", name="uq_notice_prefix_year_serial"),
    )
    id: int | None = Field(default=None, primary_key=True)
    round_id: int | None = Field(default=None, foreign_key="round.id", index=True)
    kind: str
    year: int
    serial: int | None = None  # None for forms that carry no 发文字号
    number: str = ""
    prefix: str = ""  # the 发文机关代字 whose sequence `serial` belongs to
    title: str
    signed_on: dt.date
    file_path: str = ""  # relative to the data folder
    sha256: str = ""
    created_at: dt.datetime
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # JSON


# A notice being prepared: its text as the clerk edited it and its 成文日期; no number yet.
# One draft per round, kind, stage and honour; 印发 turns it into a Notice and deletes it.
class NoticeDraft(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("round_id", "kind", "stage", "honour_id"),)
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="round.id")
    kind: str
    stage: str = ""
    honour_id: int | None = None
    signed_on: dt.date
    title: str
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # JSON
    updated_at: dt.datetime


# 操作日志: append-only; each entry is chained to the previous one by hash.
class AuditEntry(SQLModel, table=True):
    # Read newest first by (at, id) straight from an index, a page at a time (services/audit_log).
    __table_args__ = (Index("ix_auditentry_at_id", "at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime
    operator: str = Field(index=True)
    action: str = Field(index=True)
    object_type: str = Field(index=True)
    object_id: int | None = None
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    old: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    new: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    reason: str = ""
    prev_hash: str = ""
    hash: str = ""


# Small settings that belong to the data, such as printer calibrations for 套打.
class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str = Field(sa_column=Column(Text, nullable=False))
