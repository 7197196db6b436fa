"""命名表彰 rules without a database: what a branch handed in (审验), ties at the quota line,
who may be named 优秀共产党员, the fixed list's digest and what objections removed from it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dangjian_desktop.domain.scoring import Grade


@dataclass(frozen=True)
class HandedIn:
    """One thing a branch had to hand in, as 审验 sees it."""

    what: str  # 实施方案, 下半年书面汇报 …
    due: dt.date
    received_on: dt.date | None
    returned: bool = False  # 退回修改 and not yet handed in again


def handed_in_facts(items: Sequence[HandedIn]) -> tuple[list[str], list[str]]:
    """(missing, late) in words: "实施方案未报送", "创建工作材料逾期报送（5月12日，应于5月10日前）"."""
    missing: list[str] = []
    late: list[str] = []
    for item in items:
        if item.received_on is None:
            missing.append(f"{item.what}未报送")
        elif item.returned:
            missing.append(f"{item.what}退回修改后未重新报送")
        elif item.received_on > item.due:
            late.append(f"{item.what}逾期报送（{_md(item.received_on)}，应于{_md(item.due)}前）")
    return missing, late


def _md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def tie_places(quota: int, shared_rank: int) -> int:
    """Places left for a group tied at the quota line: the quota less those ranked above it.

    Quota 3, two branches ranked 1 and 2, three tied at rank 3 → 1 place for the three.
    """
    return max(0, quota - shared_rank + 1)


def tie_choice_refusal(
    tied: Sequence[int], chosen: Sequence[int], places: int, names: Mapping[int, str]
) -> str | None:
    """Why the leading group's choice among tied branches cannot be recorded, or None."""
    strangers = [names.get(b, str(b)) for b in chosen if b not in tied]
    if strangers:
        return f"{'、'.join(strangers)}不在并列的单位中，只能从并列单位里选。"
    if len(set(chosen)) > places:
        return (
            f"并列单位只剩{places}个名额，选了{len(set(chosen))}个。"
            f"请按领导小组的决定只选{places}个。"
        )
    return None


@dataclass(frozen=True)
class MemberFacts:
    """What decides whether a nominated member may be named 优秀共产党员."""

    name: str
    kind: str  # 正式党员 | 预备党员
    removed: bool  # deleted from the register
    branch_name: str
    branch_enrolled: bool
    branch_active: bool
    branch_grade: Grade | None
    branch_review_failed: bool = False
    moved_from_nominating_branch: bool = False
    discipline: str = ""  # 党纪处分 entered for the period


def member_refusal(facts: MemberFacts) -> str | None:
    """Why this member cannot be on the list, or None. The first reason that applies."""
    who = f"{facts.branch_name}{facts.name}"
    if facts.removed:
        return f"{who}已从党员名册中删除，不能评选。"
    if facts.moved_from_nominating_branch:
        return f"{facts.name}已不在提名的党组织，请由现在所在党组织重新提名。"
    if facts.kind != "正式党员":
        return f"{who}是预备党员，优秀共产党员应从正式党员中评选。"
    if facts.discipline.strip():
        return f"{who}本年度受过处分（{facts.discipline.strip()}），不能评为优秀共产党员。"
    if not facts.branch_active:
        return f"{facts.branch_name}已撤并或撤销，{facts.name}不能由它提名。"
    if not facts.branch_enrolled:
        return f"{facts.branch_name}未申报本年度创建，其党员不能评选优秀共产党员。"
    if facts.branch_grade is None:
        return f"{facts.branch_name}还没有综合评价结果，请先计算综合评价。"
    if facts.branch_grade not in (Grade.ADVANCED, Grade.QUALIFIED):
        grade = "一票否决" if facts.branch_grade is Grade.INELIGIBLE else "不合格"
        return f"{facts.branch_name}综合评价为{grade}，其党员不能评选优秀共产党员。"
    if facts.branch_review_failed:
        return f"{facts.branch_name}审验未通过，其党员不能评选优秀共产党员。"
    return None


def list_digest(snapshot: Mapping[str, Any]) -> str:
    """SHA-256 of the list in a canonical JSON form: the same list always has the same digest."""
    text = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ObjectionOutcome:
    branch_id: int | None
    member_id: int | None
    upheld: bool | None
    keep_decision: str


def removed_by_objections(
    outcomes: Sequence[ObjectionOutcome],
) -> tuple[set[int], set[int]]:
    """(branch ids, member ids) that an upheld objection takes off the posted list, unless the
    leading group recorded a decision to keep them."""
    branches: set[int] = set()
    members: set[int] = set()
    for outcome in outcomes:
        if outcome.upheld is not True or outcome.keep_decision.strip():
            continue
        if outcome.member_id is not None:
            members.add(outcome.member_id)
        elif outcome.branch_id is not None:
            branches.add(outcome.branch_id)
    return branches, members
