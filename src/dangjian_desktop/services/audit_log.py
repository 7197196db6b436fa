"""Reading the audit log (操作日志): filtered, newest first, limited; readable old → new; the check.

Nothing here changes the log: it is append-only and written only by `common.log`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, desc, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dangjian_desktop.domain.calendar import DATE_FIELD_NAMES, RECEIPT_STATUS_NAMES, STAGE_NAMES
from dangjian_desktop.domain.honours import HONOUR_STATE_NAMES
from dangjian_desktop.domain.rounds import ROUND_STATUS_NAMES
from dangjian_desktop.domain.validation import BRANCH_STATUS_NAMES
from dangjian_desktop.services.common import ROLE_NAMES
from dangjian_desktop.store.audit import verify_chain
from dangjian_desktop.store.models import AuditEntry

PAGE_SIZE = 1000
"""The log is read a page at a time, newest first: this many entries, then the next page from
where the last one ended (keyset paging on the (at, id) index: no sort of the whole log)."""

OBJECT_TYPE_NAMES: dict[str, str] = {
    "branch": "党组织",
    "member": "党员",
    "round": "创建年度",
    "rubricitem": "考核指标",
    "enrollment": "申报",
    "plan": "实施方案",
    "progressreport": "半年书面汇报",
    "materials": "创建工作材料",
    "assessment": "评分",
    "assessor": "考核组",
    "selfassessment": "自检自查",
    "evaluation": "综合评价",
    "announcement": "公示",
    "objection": "异议",
    "honor": "荣誉",
    "honorevent": "动态管理",
    "notice": "文书",
    "operator": "操作员",
    "township": "本镇信息",
    "attachment": "附件",
    "mediareport": "宣传报道",
    "setting": "设置",
    "namingcheck": "审验",
    "nomination": "优秀共产党员提名",
    "candidatelist": "候选名单",
    "tiedecision": "并列决定",
    "recommendation": "向上推荐",
    "noticedraft": "文书样稿",
}

ACTION_NAMES: dict[str, str] = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "restore": "恢复",
    "receive": "登记收到",
    "undo": "撤销登记",
    "attach": "添加附件",
    "enrol": "申报",
    "withdraw": "撤回",
    "score": "评分",
    "clear": "清除评分",
    "veto": "一票否决",
    "unveto": "取消否决",
    "compute": "计算综合评价",
    "announce": "发起公示",
    "object": "登记异议",
    "handle": "处理异议",
    "approve": "审批",
    "unapprove": "撤回审批",
    "grant": "命名表彰",
    "recommend": "推荐",
    "criticise": "批评",
    "order_rectification": "限期整改",
    "rectification_passed": "整改合格",
    "rectification_failed": "整改不合格",
    "revoke": "撤销荣誉",
    "circulate_criticism": "通报批评",
    "hold_accountable": "追究责任",
    "issue": "印发文书",
    "merge": "合并",
    "dissolve": "撤销党组织",
    "deactivate": "停用",
    "close": "结束年度",
    "export": "导出报送材料",
    "import": "导入",
    "backup": "备份",
    "draft": "保存样稿",
    "review": "审验",
    "verify": "检查核实",
    "nominate": "提名优秀共产党员",
    "decide_tie": "并列决定",
    "fix_list": "确定名单",
    "reopen_list": "重新打开名单",
    "keep": "保留决定",
}

FIELD_NAMES: dict[str, str] = {
    **DATE_FIELD_NAMES,
    # township
    "name": "名称",
    "organ": "党委名称",
    "office": "领导小组办公室",
    "doc_prefix": "机关代字",
    "seal_text": "印章文字",
    "county": "县",
    "prefecture": "州",
    "province": "省",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    # operators
    "role": "身份",
    "password": "设有密码",
    "active": "在用",
    # registers
    "level": "层级",
    "parent_id": "上级党组织编号",
    "sector": "领域",
    "ethnic_area": "少数民族聚居地区",
    "secretary": "书记",
    "phone": "电话",
    "founded": "成立日期",
    "merged_into_id": "并入党组织编号",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "joined_on": "入党日期",
    "kind": "类别",
    "post": "职务",
    "branch_id": "党组织编号",
    "member_id": "党员编号",
    "deleted_at": "删除时间",
    # rounds
    "first_year": "年度",
    "announcement_days": "公示工作日数",
    "quota_percent": "名额比例（%）",
    "self_weight": "自检自查权重",
    "assessment_weight": "统一考核权重",
    "advanced_min": "先进分数线",
    "pass_min": "合格分数线",
    "double_entry": "双人录入",
    "scoring_started": "已开始评分",
    "points": "分值",
    "description": "说明",
    "work_summary": "工作总结",
    # intake
    "received_on": "收到日期",
    "form": "形式",
    "stage": "阶段",
    "period": "汇报期",
    "summary": "摘要",
    "applied_on": "申报日期",
    "original_name": "文件名",
    # scoring
    "score": "分数",
    "entry": "第几遍录入",
    "code": "指标编号",
    "unit": "单位",
    "combined": "综合得分",
    "rank": "名次",
    "grade": "等次",
    "veto_note": "否决说明",
    # commendation and dynamic management
    "starts_on": "公示开始",
    "ends_on": "公示结束",
    "days": "工作日数",
    "raised_by": "异议人",
    "content": "异议内容",
    "handling": "处理情况",
    "upheld": "异议成立",
    "title": "标题",
    "certificate_number": "证书编号",
    "state": "状态",
    "deeds": "先进事迹",
    "recommended_to": "推荐到",
    "deadline": "整改期限",
    "reason": "原因",
    "person": "责任人",
    "number": "发文字号",
    "status": "状态",
    "remark": "备注",
    "event_id": "动态管理记录序号",
    "note": "说明",
    "medium": "媒体类别",
    "outlet": "媒体名称",
    "names": "姓名",
    "count": "数量",
    "length": "字数",
    "branch": "党组织",
    "branches": "党组织",
    "member": "党员",
    "quota": "先进名额",
    "advanced": "先进名单",
    "missing_cells": "缺少的评分数",
    "approved_by": "审批人",
    "annual_rank": "年度综合考核全县排名",
    "secretary_rank": "书记抓党建述职评议考核全县排名",
    "credibility_above_average": "公信度调查得分高于全省平均",
    "targets_all_passed": "目标管理考核全部合格",
    "veto_serious_incident": "发生重大事件（一票否决）",
    "veto_target_failed": "目标管理考核不合格（一票否决）",
    # naming, approval and the office's rules
    "member_quota": "优秀共产党员名额",
    "member_quota_per_branch": "每个党组织推荐优秀共产党员人数",
    "checked_by": "审验人",
    "findings": "意见",
    "passed": "通过",
    "approved_at": "审批时间",
    "basis": "决定依据",
    "chosen": "保留的党组织",
    "tied": "并列的党组织",
    "kept": "保留的",
    "removed": "移出的",
    "left_out": "未列入名单的",
    "decision": "决定",
    "digest": "名单校验码",
    "one_person": "一人办公模式",
    "same_operator": "允许同一人录两遍",
    "levels": "已推荐到",
    "on": "日期",
    "members_moved": "转入的党员数",
    "body": "正文",
    "signed_on": "成文日期",
    "size": "文件大小（字节）",
    "sha256": "文件校验码",
}

_STATUS_NAMES: dict[str, str] = {
    **RECEIPT_STATUS_NAMES,
    **{status.value: name for status, name in ROUND_STATUS_NAMES.items()},
    **BRANCH_STATUS_NAMES,
}
_VALUE_NAMES: dict[str, dict[str, str]] = {
    "role": ROLE_NAMES,
    "status": _STATUS_NAMES,
    "stage": {stage.value: name for stage, name in STAGE_NAMES.items()},
    "period": {stage.value: name for stage, name in STAGE_NAMES.items()},
    "state": {state.value: name for state, name in HONOUR_STATE_NAMES.items()},
    "level": {"general_branch": "党总支", "branch": "党支部"},
}
_BROKEN_ENTRY = re.compile(r"第(\d+)条")


def object_type_name(code: str) -> str:
    return OBJECT_TYPE_NAMES.get(code, "其他")


def action_name(code: str) -> str:
    """The action in Chinese; a code without a name is never shown as the English code."""
    return ACTION_NAMES.get(code, "其他操作")


# Keys of an entry's old/new values that name the object, best first: a 文书 by its 发文字号,
# then by its title; registers rows by their name.
_LABEL_KEYS = ("number", "title", "name", "branch", "member")


def _object_label(*texts: str) -> str:
    for text in texts:
        values = _load(text)
        for key in _LABEL_KEYS:
            value = values.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return ""


_BRANCH_NAME = re.compile(r"[\u4e00-\u9fff0-9]{2,30}?(?:党总支|党支部)")
_ROUND_NAME = re.compile(r"\d{4}—\d{4}年度")
_ROUND_OBJECTS = {"round", "announcement", "candidatelist"}


def _named_in(summary: str, object_type: str) -> str:
    """What an entry without a name of its own is about, from its summary: the round of a round,
    公示 or list entry (the last year named: 按…的设置新建2026—2027年度), else the branch the
    summary opens with (收到石龙村党总支的实施方案…)."""
    if object_type in _ROUND_OBJECTS:
        years = _ROUND_NAME.findall(summary)
        return years[-1] if years else ""
    for prefix in ("收到", "登记"):
        summary = summary.removeprefix(prefix)
    found = _BRANCH_NAME.match(summary)
    return found.group(0) if found else ""


@dataclass(frozen=True)
class AuditLine:
    """One entry as the log page shows it."""

    id: int
    at: dt.datetime
    operator: str
    action: str
    object_type: str
    object_id: int | None
    summary: str
    reason: str
    old: str
    new: str
    held_back: bool = False
    """`old` and `new` were too long to keep with the list (a whole score sheet: hundreds of
    kilobytes): both are empty here, `entry_change` reads them for the details, and `label`
    keeps what they named."""
    label: str = ""

    @property
    def action_name(self) -> str:
        return action_name(self.action)

    @property
    def object_name(self) -> str:
        """What the entry is about, readable: 文书 石党发〔2026〕1号, 党组织 石龙村党总支; only
        without a name in the entry the record's number (编号 so that it is not read as a 文号)."""
        name = object_type_name(self.object_type)
        named = self.label if self.held_back else _object_label(self.new, self.old)
        label = named or _named_in(self.summary, self.object_type)
        if label:
            return f"{name} {label}"
        return name if self.object_id is None else f"{name}（编号{self.object_id}）"


@dataclass(frozen=True)
class Cursor:
    """Where a page of the log ended: the next page starts with the entry before this one."""

    at: dt.datetime
    id: int


@dataclass(frozen=True)
class AuditResult:
    lines: list[AuditLine]
    total: int  # how many entries match the filter
    limit: int
    next: Cursor | None = None
    """Where the following (older) page starts; None when this page holds the oldest match."""

    @property
    def limited(self) -> bool:
        return self.next is not None


@dataclass(frozen=True)
class FilterChoices:
    """What the filter lists offer: the codes that actually occur in the log."""

    operators: list[str]
    object_types: list[str]
    actions: list[str]


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min).astimezone()


def _conditions(
    *,
    date_from: dt.date | None,
    date_to: dt.date | None,
    operator: str | None,
    object_type: str | None,
    action: str | None,
    text: str,
) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if date_from is not None:
        found.append(col(AuditEntry.at) >= _local_midnight(date_from))
    if date_to is not None:
        found.append(col(AuditEntry.at) < _local_midnight(date_to + dt.timedelta(days=1)))
    if operator:
        found.append(col(AuditEntry.operator) == operator)
    if object_type:
        found.append(col(AuditEntry.object_type) == object_type)
    if action:
        found.append(col(AuditEntry.action) == action)
    for word in text.split():
        pattern = f"%{word}%"
        found.append(
            or_(
                col(AuditEntry.summary).like(pattern),
                col(AuditEntry.reason).like(pattern),
                col(AuditEntry.old).like(pattern),
                col(AuditEntry.new).like(pattern),
                col(AuditEntry.operator).like(pattern),
            )
        )
    return found


def search(
    session: Session,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    operator: str | None = None,
    object_type: str | None = None,
    action: str | None = None,
    text: str = "",
    limit: int = PAGE_SIZE,
    after: Cursor | None = None,
    count: bool = True,
) -> AuditResult:
    """The newest `limit` entries matching every given filter (dates are local days, inclusive;
    each word of `text` must occur in the summary, reason, old or new values, or the operator),
    older than `after` when given (the next page). Read from the (at, id) index newest first, so
    a page costs the same however long the log is; `count=False` skips counting the matches."""
    conditions = _conditions(
        date_from=date_from,
        date_to=date_to,
        operator=operator,
        object_type=object_type,
        action=action,
        text=text,
    )
    where = and_(True, *conditions)
    total = (
        int(session.exec(select(func.count()).select_from(AuditEntry).where(where)).one())
        if count
        else -1
    )
    at, entry_id = col(AuditEntry.at), col(AuditEntry.id)
    if after is not None:
        conditions.append(at <= after.at)
        conditions.append(or_(at < after.at, entry_id < after.id))
    rows = (
        session.connection()
        .execute(
            sa_select(*_LINE_COLUMNS)
            .where(and_(True, *conditions))
            .order_by(desc(at), desc(entry_id))
            .limit(limit + 1)
        )
        .all()
    )
    more = len(rows) > limit
    # plain rows, no ORM object per entry
    lines = [_line(row) for row in rows[:limit]]
    last = lines[-1] if lines else None
    following = Cursor(last.at, last.id) if more and last is not None else None
    return AuditResult(lines=lines, total=total, limit=limit, next=following)


_LINE_COLUMNS = (
    col(AuditEntry.id),
    col(AuditEntry.at),
    col(AuditEntry.operator),
    col(AuditEntry.action),
    col(AuditEntry.object_type),
    col(AuditEntry.object_id),
    col(AuditEntry.summary),
    col(AuditEntry.reason),
    col(AuditEntry.old),
    col(AuditEntry.new),
)
"""AuditLine's first fields, in its order."""
KEPT_CHANGE = 4000
"""Longer old + new values (characters) are not kept with a page of the list (see
`AuditLine.held_back`)."""


def _line(row: Any) -> AuditLine:
    entry_id, at, operator, action, object_type, object_id, summary, reason, old, new = row
    head = (entry_id, at, operator, action, object_type, object_id, summary, reason)
    if len(old) + len(new) <= KEPT_CHANGE:
        return AuditLine(*head, old, new)
    return AuditLine(*head, "", "", held_back=True, label=_object_label(new, old))


def entry_change(session: Session, entry_id: int) -> tuple[str, str]:
    """An entry's whole old and new values (for the details of a `held_back` line)."""
    found = (
        session.connection()
        .execute(
            sa_select(col(AuditEntry.old), col(AuditEntry.new)).where(
                col(AuditEntry.id) == entry_id
            )
        )
        .first()
    )
    return ("", "") if found is None else (found[0], found[1])


def filter_choices(session: Session) -> FilterChoices:
    def distinct(column: Any) -> list[str]:
        return [v for v in session.exec(select(column).distinct().order_by(column)) if v]

    return FilterChoices(
        operators=distinct(col(AuditEntry.operator)),
        object_types=distinct(col(AuditEntry.object_type)),
        actions=distinct(col(AuditEntry.action)),
    )


def date_span(session: Session) -> tuple[dt.date, dt.date] | None:
    """The local days of the oldest and newest entries; None for an empty log."""
    first, last = session.exec(select(func.min(AuditEntry.at), func.max(AuditEntry.at))).one()
    if first is None or last is None:
        return None
    return _as_local(first).date(), _as_local(last).date()


def _as_local(moment: dt.datetime | str) -> dt.datetime:
    # func.min/max bypass the column type, so SQLite hands back its stored (UTC) text.
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()


# ------------------------------------------------------------------ old → new, readable
def _load(text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"内容": text}
    return value if isinstance(value, dict) else {"内容": value}


def field_name(key: str) -> str:
    """A value's name in Chinese. Keys already in Chinese (the rubric's items) are their own
    names; an English key without a name is not shown as such."""
    if key in FIELD_NAMES:
        return FIELD_NAMES[key]
    return key if not key.isascii() else "其他项目"


def _value(key: str, value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return _VALUE_NAMES.get(key, {}).get(value, value)
    if isinstance(value, dict | list):
        return json.dumps(_chinese_keys(value), ensure_ascii=False, indent=2)
    return str(value)


def _chinese_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {field_name(str(k)): _chinese_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_chinese_keys(v) for v in value]
    return value


def readable_change(old: str, new: str) -> list[tuple[str, str, str]]:
    """(field, old, new) per field, Chinese names and values where known; '' where a side has none."""
    return readable_fields(old, new)[0]


def readable_fields(
    old: str, new: str, limit: int | None = None
) -> tuple[list[tuple[str, str, str]], int]:
    """`readable_change` of the first `limit` fields (None: all), and how many fields there are:
    a whole score sheet has 12,000, and only the first are shown."""
    before, after = _load(old), _load(new)
    keys = list(before) + [k for k in after if k not in before]
    return [
        (
            field_name(k),
            _value(k, before[k]) if k in before else "",
            _value(k, after[k]) if k in after else "",
        )
        for k in keys[:limit]
    ], len(keys)


# ------------------------------------------------------------------ the chain check
@dataclass(frozen=True)
class ChainCheck:
    total: int
    problems: list[str]

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def broken_entry(self) -> int | None:
        """The number of the first entry that was changed (verify_chain names it in its text)."""
        if not self.problems:
            return None
        found = _BROKEN_ENTRY.search(self.problems[0])
        return int(found.group(1)) if found else None


def check_chain(session: Session) -> ChainCheck:
    """The chain itself, then the data's row seals and the anchor outside the database: a log
    recomputed or shortened consistently still disagrees with them (store/seal.py)."""
    from dangjian_desktop.services.integrity import seal_problems

    total = session.exec(select(func.count()).select_from(AuditEntry)).one()
    return ChainCheck(total=int(total), problems=verify_chain(session) + seal_problems(session))
