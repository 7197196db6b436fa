"""A round's settings, its open/closed status and the lock after approval."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from dangjian_desktop.domain.calendar import RoundDates, default_dates
from dangjian_desktop.domain.numbers import percent, points
from dangjian_desktop.domain.scoring import Weights
from dangjian_desktop.errors import UserError

MIN_CHANGE_REASON = 4


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


ROUND_STATUS_NAMES: dict[RoundStatus, str] = {
    RoundStatus.OPEN: "进行中",
    RoundStatus.CLOSED: "已结束",
}


MAX_SELF_WEIGHT = Decimal("0.5")
"""The branch's own score may count at most as much as the assessors' (the seed: 20 %)."""


@dataclass(frozen=True)
class RoundSettings:
    first_year: int
    dates: RoundDates
    quota_percent: Decimal = Decimal(20)
    weights: Weights = field(default_factory=Weights)
    advanced_min: Decimal = Decimal(90)
    pass_min: Decimal = Decimal(60)

    def __post_init__(self) -> None:
        if not 1 <= self.quota_percent <= 100:
            raise UserError(
                f"先进名额比例应在1%到100%之间，现在是{percent(self.quota_percent)}，请修改。"
            )
        if not 0 <= self.weights.self_check <= MAX_SELF_WEIGHT:
            raise UserError(
                f"自检自查权重应在0到{MAX_SELF_WEIGHT * 100:.0f}%之间（默认20%）：自评不能压过统一考核，"
                f"现在是{(self.weights.self_check * 100).normalize():f}%，请修改。"
            )
        if not 0 <= self.pass_min <= self.advanced_min <= 100:
            raise UserError(
                "分数线应满足 0 ≤ 合格线 ≤ 先进线 ≤ 100，"
                f"现在合格线{points(self.pass_min)}、"
                f"先进线{points(self.advanced_min)}，请修改。"
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "first_year": self.first_year,
            "dates": self.dates.to_dict(),
            "quota_percent": str(self.quota_percent),
            "weights": {
                "self_check": str(self.weights.self_check),
                "assessment": str(self.weights.assessment),
            },
            "advanced_min": str(self.advanced_min),
            "pass_min": str(self.pass_min),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RoundSettings:
        weights = data.get("weights") or {}
        return cls(
            first_year=int(data["first_year"]),
            dates=RoundDates.from_dict(data["dates"]),
            quota_percent=Decimal(str(data.get("quota_percent", 20))),
            weights=Weights(
                Decimal(str(weights.get("self_check", "0.2"))),
                Decimal(str(weights.get("assessment", "0.8"))),
            ),
            advanced_min=Decimal(str(data.get("advanced_min", 90))),
            pass_min=Decimal(str(data.get("pass_min", 60))),
        )


def default_settings(first_year: int) -> RoundSettings:
    return RoundSettings(first_year=first_year, dates=default_dates(first_year))


def next_round_settings(prev: RoundSettings) -> RoundSettings:
    """The next round as a copy of this one: dates a year later, everything else the same."""
    return RoundSettings(
        first_year=prev.first_year + 1,
        dates=prev.dates.shifted(1),
        quota_percent=prev.quota_percent,
        weights=prev.weights,
        advanced_min=prev.advanced_min,
        pass_min=prev.pass_min,
    )


def ensure_round_open(status: RoundStatus, label: str) -> None:
    """A closed round is read-only."""
    if status == RoundStatus.CLOSED:
        raise UserError(f"{label}已结束，数据只能查看，不能修改。")


def ensure_change_allowed(approved: bool, reason: str | None, *, announced: bool = False) -> None:
    """Once the results are posted (公示) or approved, every change needs a reason (at least
    four characters), so the audit log says why a published score moved."""
    if len((reason or "").strip()) >= MIN_CHANGE_REASON:
        return
    if approved:
        raise UserError(f"评估结果已经审批锁定，修改必须填写原因（至少{MIN_CHANGE_REASON}个字）。")
    if announced:
        raise UserError(
            f"评选结果已经公示，再修改评分必须填写原因（至少{MIN_CHANGE_REASON}个字），"
            "改完请重新计算综合评价。"
        )
