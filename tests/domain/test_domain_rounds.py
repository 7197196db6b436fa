import datetime as dt
from decimal import Decimal

import pytest

from dangjian_desktop.domain.calendar import default_dates
from dangjian_desktop.domain.rounds import (
    ROUND_STATUS_NAMES,
    RoundSettings,
    RoundStatus,
    default_settings,
    ensure_change_allowed,
    ensure_round_open,
    next_round_settings,
)
from dangjian_desktop.domain.scoring import Weights
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.errors import UserError


def test_default_and_next_round() -> None:
    first = default_settings(2025)
    assert first.quota_percent == 20 and first.weights == Weights()
    assert (first.advanced_min, first.pass_min) == (Decimal(90), Decimal(60))
    custom = RoundSettings(
        2025,
        default_dates(2025).with_overrides(plan_due=dt.date(2025, 8, 31)),
        quota_percent=Decimal(15),
        weights=Weights(Decimal("0.3"), Decimal("0.7")),
        advanced_min=Decimal(92),
    )
    nxt = next_round_settings(custom)
    assert nxt.first_year == 2026
    assert nxt.dates.plan_due == dt.date(2026, 8, 31)
    assert nxt.dates.commendation_due == dt.date(2027, 6, 30)
    assert (nxt.quota_percent, nxt.weights, nxt.advanced_min) == (
        Decimal(15),
        Weights(Decimal("0.3"), Decimal("0.7")),
        Decimal(92),
    )


def test_settings_dict_round_trip() -> None:
    settings = RoundSettings(2025, default_dates(2025), quota_percent=Decimal("12.5"))
    assert RoundSettings.from_dict(settings.to_dict()) == settings


def test_settings_refuse_nonsense() -> None:
    with pytest.raises(UserError, match="名额比例"):
        RoundSettings(2025, default_dates(2025), quota_percent=Decimal(0))
    with pytest.raises(UserError, match="合格线"):
        RoundSettings(2025, default_dates(2025), pass_min=Decimal(95))


def test_closed_round_is_read_only() -> None:
    ensure_round_open(RoundStatus.OPEN, round_label(2025))
    with pytest.raises(UserError) as err:
        ensure_round_open(RoundStatus.CLOSED, round_label(2025))
    assert err.value.message == "2025—2026年度已结束，数据只能查看，不能修改。"
    assert ROUND_STATUS_NAMES[RoundStatus.CLOSED] == "已结束"


@pytest.mark.parametrize("reason", [None, "", "   ", "改分", " 笔误 "])
def test_change_after_approval_needs_reason(reason: str | None) -> None:
    ensure_change_allowed(False, reason)
    with pytest.raises(UserError) as err:
        ensure_change_allowed(True, reason)
    assert err.value.message == "评估结果已经审批锁定，修改必须填写原因（至少4个字）。"


def test_change_after_approval_with_reason() -> None:
    ensure_change_allowed(True, "评分表录入错误，经复核更正")
    ensure_change_allowed(True, "  录入错误 ")
