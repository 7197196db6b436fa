"""Who may be scored, who may be selected, and which assessor must step aside (回避)."""

from __future__ import annotations

from dataclasses import dataclass

from dangjian_desktop.domain.scoring import Veto, veto_text


@dataclass(frozen=True)
class BranchFacts:
    name: str
    enrolled: bool
    active: bool = True
    under_rectification: bool = False
    revoked_this_round: bool = False
    vetoes: frozenset[Veto] = frozenset()


def scoring_refusal(facts: BranchFacts) -> str | None:
    """Why this branch cannot be scored this round, or None when it can."""
    if not facts.active:
        return f"{facts.name}已撤并或撤销，不能评分。"
    if not facts.enrolled:
        return f"{facts.name}未申报本年度创建，不能评分。"
    return None


def selection_refusal(facts: BranchFacts) -> str | None:
    """Why this branch cannot be selected as 先进 this round, or None when it can."""
    if not facts.active:
        return f"{facts.name}已撤并或撤销，不能评选。"
    if not facts.enrolled:
        return f"{facts.name}未申报本年度创建，不能评选。"
    if facts.revoked_this_round:
        return f"{facts.name}本年度荣誉称号已撤销，不能评选。"
    if facts.under_rectification:
        return f"{facts.name}正在限期整改中，不能评选。"
    if facts.vetoes:
        return f"{facts.name}一票否决（{veto_text(facts.vetoes)}），不能评选。"
    return None


def assessor_recusal(
    assessor_branch_id: int | None, branch_id: int, *, assessor_name: str, branch_name: str
) -> str | None:
    """An assessor who is a member of the branch being scored must step aside (回避)."""
    if assessor_branch_id is not None and assessor_branch_id == branch_id:
        return f"考核组成员{assessor_name}是{branch_name}党员，应当回避，不能为本单位评分。"
    return None
