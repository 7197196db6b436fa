"""Scoring: 统一考核 means, 综合评价, vetoes, quota and ranking."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from dangjian_desktop.domain.numbers import percent, points
from dangjian_desktop.errors import UserError

TWO_DECIMALS = Decimal("0.01")
TRIM_FROM = 5  # with this many assessors or more, drop one highest and one lowest score
TRIM_RULE = (
    "统一考核每项取为该单位评分的考核组成员（回避的不算）的平均分，"
    f"评分人数达到{TRIM_FROM}人的先去掉一个最高分和一个最低分。"
)


def _q2(value: Decimal) -> Decimal:
    return value.quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)


def item_mean(scores: Sequence[Decimal]) -> Decimal | None:
    """One item's 统一考核 score: the assessors' mean, two decimals, half up.

    With five or more assessors the highest and the lowest score are dropped first
    (去掉一个最高分和一个最低分). None when nobody has scored the item yet.
    """
    if not scores:
        return None
    kept = sorted(scores)
    if len(kept) >= TRIM_FROM:
        kept = kept[1:-1]
    return _q2(sum(kept, Decimal(0)) / len(kept))


def total(values: Iterable[Decimal | None]) -> Decimal | None:
    """Sum of item scores; None when any item is missing or there are no items at all."""
    result = Decimal(0)
    seen = False
    for value in values:
        if value is None:
            return None
        result += value
        seen = True
    return _q2(result) if seen else None


@dataclass(frozen=True)
class Weights:
    self_check: Decimal = Decimal("0.2")
    assessment: Decimal = Decimal("0.8")

    def __post_init__(self) -> None:
        if self.self_check < 0 or self.assessment < 0:
            raise UserError("自检自查和统一考核的权重不能是负数，请修改。")
        if self.self_check + self.assessment != 1:
            total = (self.self_check + self.assessment) * 100
            raise UserError(
                f"自检自查和统一考核的权重之和必须等于100%，现在是{percent(total)}，请修改。"
            )


def combined_score(
    self_total: Decimal, assessment_total: Decimal, weights: Weights = Weights()
) -> Decimal:
    """综合评价 = weighted 自检自查 + weighted 统一考核, two decimals, half up."""
    return _q2(self_total * weights.self_check + assessment_total * weights.assessment)


class Veto(StrEnum):
    SERIOUS_INCIDENT = "serious_incident"
    FRAUD = "fraud"
    TARGET_FAILED = "target_failed"


VETO_NAMES: dict[Veto, str] = {
    Veto.SERIOUS_INCIDENT: "发生严重问题",
    Veto.FRAUD: "弄虚作假",
    Veto.TARGET_FAILED: "目标管理考核不合格",
}


def veto_text(vetoes: Iterable[Veto]) -> str:
    """Veto names in a fixed order joined with 、 ('弄虚作假、目标管理考核不合格')."""
    chosen = set(vetoes)
    return "、".join(VETO_NAMES[v] for v in Veto if v in chosen)


class Grade(StrEnum):
    ADVANCED = "advanced"
    QUALIFIED = "qualified"
    UNQUALIFIED = "unqualified"
    INELIGIBLE = "ineligible"


GRADE_NAMES: dict[Grade, str] = {
    Grade.ADVANCED: "先进",
    Grade.QUALIFIED: "合格",
    Grade.UNQUALIFIED: "不合格",
    Grade.INELIGIBLE: "不参评",
}


def quota_for(enrolled: int, percent: Decimal = Decimal(20)) -> int:
    """Number of 先进 places: percent of enrolled branches, rounded up (41 at 20% -> 9)."""
    if enrolled <= 0:
        return 0
    return math.ceil(Decimal(enrolled) * percent / 100)


@dataclass(frozen=True)
class Candidate:
    key: int
    score: Decimal | None
    vetoes: frozenset[Veto] = frozenset()
    ineligible_reason: str | None = None


@dataclass(frozen=True)
class Standing:
    key: int
    score: Decimal | None
    rank: int | None
    grade: Grade
    within_quota: bool
    tie_at_quota: bool
    reason: str


def _points(value: Decimal) -> str:
    return f"{_q2(value)}分"


def _minimum(value: Decimal) -> str:
    return points(value)


def rank(
    candidates: Sequence[Candidate],
    quota: int,
    advanced_min: Decimal = Decimal(90),
    pass_min: Decimal = Decimal(60),
) -> list[Standing]:
    """Grade and rank branches. Ties share a rank (1, 2, 2, 4) and are never broken silently.

    Eligible: no veto, no ineligible_reason, a score. 先进 needs score >= advanced_min and a rank
    within the quota; when a group of equal scores straddles the quota line, every member is
    marked within_quota and tie_at_quota and graded 先进, for the leading group to decide.
    Vetoed and ineligible branches take no rank and no quota place.
    """
    eligible: list[tuple[Decimal, Candidate]] = []
    others: list[Candidate] = []
    for cand in candidates:
        if cand.vetoes or cand.ineligible_reason is not None or cand.score is None:
            others.append(cand)
        else:
            eligible.append((cand.score, cand))
    eligible.sort(key=lambda pair: (-pair[0], pair[1].key))

    places: list[int] = []  # competition ranking: equal scores share the better place
    group_size: dict[Decimal, int] = {}
    for position, (score, _) in enumerate(eligible, start=1):
        tied = position > 1 and score == eligible[position - 2][0]
        places.append(places[-1] if tied else position)
        group_size[score] = group_size.get(score, 0) + 1

    standings: list[Standing] = []
    for (score, cand), place in zip(eligible, places, strict=True):
        last_place = place + group_size[score] - 1
        straddles = place <= quota < last_place
        within = place <= quota
        if within and score >= advanced_min:
            grade = Grade.ADVANCED
            tie = straddles
            if tie:
                reason = (
                    f"综合得分{_points(score)}，并列第{place}名，"
                    "与名额线上其他单位同分，需领导小组研究决定"
                )
            else:
                reason = f"综合得分{_points(score)}，排名第{place}，在名额内"
        else:
            tie = False
            if score >= advanced_min:
                grade = Grade.QUALIFIED
                reason = f"综合得分{_points(score)}，排名第{place}，超出先进名额（{quota}个）"
            elif score >= pass_min:
                grade = Grade.QUALIFIED
                reason = (
                    f"综合得分{_points(score)}，排名第{place}，"
                    f"未达到先进分数线（{_minimum(advanced_min)}）"
                )
            else:
                grade = Grade.UNQUALIFIED
                reason = f"综合得分{_points(score)}，低于合格线（{_minimum(pass_min)}）"
        standings.append(Standing(cand.key, score, place, grade, within, tie, reason))

    for cand in sorted(others, key=lambda c: c.key):
        if cand.vetoes:
            reason = f"一票否决：{veto_text(cand.vetoes)}"
        elif cand.ineligible_reason is not None:
            reason = cand.ineligible_reason
        else:
            reason = "尚无综合得分，不参加排名"
        standings.append(
            Standing(cand.key, cand.score, None, Grade.INELIGIBLE, False, False, reason)
        )
    return standings
