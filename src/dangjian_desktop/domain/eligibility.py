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


@dataclass(frozen=True)
class TreeNode:
    """A branch as recusal sees it: its id, name and parent 党总支 (None at the top)."""

    id: int
    name: str
    parent_id: int | None = None


def assessor_recusal(assessor_name: str, own: TreeNode | None, scored: TreeNode) -> str | None:
    """Why an assessor whose own branch is `own` must step aside (回避) from scoring `scored`.

    The conflicts are the assessor's own branch, its parent 党总支 and its sub-branches; None for
    an outside person (`own` None) or a branch outside those three.
    """
    if own is None:
        return None
    if own.id == scored.id:
        return f"考核组成员{assessor_name}是{scored.name}党员，应当回避，不能为本单位评分。"
    if own.parent_id is not None and own.parent_id == scored.id:
        return (
            f"考核组成员{assessor_name}是{own.name}党员，{scored.name}是其上级党总支，"
            "应当回避，不能评分。"
        )
    if scored.parent_id is not None and scored.parent_id == own.id:
        return (
            f"考核组成员{assessor_name}是{own.name}党员，{scored.name}是其下属党支部，"
            "应当回避，不能评分。"
        )
    return None
