from decimal import Decimal

import pytest

from dangjian_desktop.domain.scoring import (
    GRADE_NAMES,
    VETO_NAMES,
    Candidate,
    Grade,
    Standing,
    Veto,
    Weights,
    combined_score,
    item_mean,
    quota_for,
    rank,
    total,
)
from dangjian_desktop.errors import UserError


def d(*values: str) -> list[Decimal]:
    return [Decimal(v) for v in values]


def test_six_assessors_drop_highest_and_lowest() -> None:
    # 8.5 7.0 9.0 8.0 6.5 7.5: drop 9.0 and 6.5 -> (8.5+7.0+8.0+7.5)/4 = 31.0/4 = 7.75
    assert item_mean(d("8.5", "7.0", "9.0", "8.0", "6.5", "7.5")) == Decimal("7.75")


def test_five_assessors_drop_and_round() -> None:
    # 8.0 8.5 7.0 9.0 6.0: drop 9.0 and 6.0 -> 23.5/3 = 7.8333... -> 7.83
    assert item_mean(d("8.0", "8.5", "7.0", "9.0", "6.0")) == Decimal("7.83")


def test_four_assessors_not_dropped() -> None:
    # 9.0 6.0 8.0 7.5: all kept -> 30.5/4 = 7.625 -> 7.63 (half up)
    assert item_mean(d("9.0", "6.0", "8.0", "7.5")) == Decimal("7.63")


def test_item_mean_edges() -> None:
    assert item_mean([]) is None
    assert item_mean(d("6.5")) == Decimal("6.50")
    assert item_mean(d("9", "9", "9", "9", "9")) == Decimal("9.00")  # only one of each dropped
    assert item_mean(d("9", "9", "1", "1", "5")) == Decimal("5.00")


def test_total() -> None:
    assert total([Decimal("8.50"), Decimal("7.50"), None]) is None
    assert total([Decimal("8.50"), Decimal("7.50")]) == Decimal("16.00")
    assert total([]) is None


def test_combined_score() -> None:
    # 0.2 × 85.5 + 0.8 × 91.25 = 17.10 + 73.00 = 90.10
    assert combined_score(Decimal("85.5"), Decimal("91.25")) == Decimal("90.10")
    # 0.2 × 85.5 + 0.8 × 91.26 = 17.1 + 73.008 = 90.108 -> 90.11
    assert combined_score(Decimal("85.5"), Decimal("91.26")) == Decimal("90.11")
    # half up, not banker's rounding: 0.5 × 85.5 + 0.5 × 91.23 = 88.365 -> 88.37
    half = Weights(Decimal("0.5"), Decimal("0.5"))
    assert combined_score(Decimal("85.5"), Decimal("91.23"), half) == Decimal("88.37")


def test_weights_must_sum_to_one() -> None:
    assert Weights() == Weights(Decimal("0.2"), Decimal("0.8"))
    with pytest.raises(UserError, match="100%"):
        Weights(Decimal("0.3"), Decimal("0.8"))
    with pytest.raises(UserError, match="负数"):
        Weights(Decimal("-0.2"), Decimal("1.2"))


@pytest.mark.parametrize(
    ("enrolled", "quota"), [(0, 0), (1, 1), (5, 1), (6, 2), (10, 2), (41, 9), (45, 9), (46, 10)]
)
def test_quota_rounds_up(enrolled: int, quota: int) -> None:
    assert quota_for(enrolled) == quota


def test_quota_other_percent() -> None:
    assert quota_for(41, Decimal(15)) == 7  # 6.15 -> 7


def _by_key(rows: list[Standing]) -> dict[int, Standing]:
    return {row.key: row for row in rows}


def test_competition_ranking_and_grades() -> None:
    rows = rank(
        [
            Candidate(1, Decimal("95.00")),
            Candidate(2, Decimal("92.50")),
            Candidate(3, Decimal("92.50")),
            Candidate(4, Decimal("88.00")),
            Candidate(5, Decimal("59.99")),
            Candidate(6, Decimal("91.00")),
        ],
        quota=3,
    )
    assert [(r.key, r.rank) for r in rows] == [(1, 1), (2, 2), (3, 2), (6, 4), (4, 5), (5, 6)]
    s = _by_key(rows)
    assert s[1].grade is Grade.ADVANCED and s[1].reason == "综合得分95.00分，排名第1，在名额内"
    assert s[2].grade is Grade.ADVANCED and not s[2].tie_at_quota
    assert s[2].reason == "综合得分92.50分，排名第2，在名额内"
    assert s[6].grade is Grade.QUALIFIED and not s[6].within_quota
    assert "超出先进名额（3个）" in s[6].reason
    assert s[4].grade is Grade.QUALIFIED and "未达到先进分数线（90分）" in s[4].reason
    assert s[5].grade is Grade.UNQUALIFIED and "低于合格线（60分）" in s[5].reason


def test_tie_at_quota_line_is_shown_not_broken() -> None:
    # quota 4; places 1,2,3 then three branches tied on 91.00 for place 4
    rows = rank(
        [
            Candidate(10, Decimal("96")),
            Candidate(11, Decimal("94")),
            Candidate(12, Decimal("93")),
            Candidate(15, Decimal("91")),
            Candidate(13, Decimal("91")),
            Candidate(14, Decimal("91")),
            Candidate(16, Decimal("90.5")),
        ],
        quota=4,
    )
    s = _by_key(rows)
    for key in (13, 14, 15):
        assert s[key].rank == 4
        assert s[key].grade is Grade.ADVANCED
        assert s[key].within_quota and s[key].tie_at_quota
        assert (
            s[key].reason
            == "综合得分91.00分，并列第4名，与名额线上其他单位同分，需领导小组研究决定"
        )
    assert [r.key for r in rows][3:6] == [13, 14, 15]  # same rank: by key
    assert s[16].rank == 7 and s[16].grade is Grade.QUALIFIED
    assert not s[12].tie_at_quota


def test_tie_entirely_inside_quota_is_not_flagged() -> None:
    rows = _by_key(rank([Candidate(1, Decimal(95)), Candidate(2, Decimal(95))], quota=2))
    assert all(r.grade is Grade.ADVANCED and not r.tie_at_quota for r in rows.values())


def test_vetoed_top_scorer_takes_no_quota_place() -> None:
    rows = rank(
        [
            Candidate(1, Decimal("98"), vetoes=frozenset({Veto.FRAUD})),
            Candidate(2, Decimal("93")),
            Candidate(3, Decimal("91")),
            Candidate(4, Decimal("97"), ineligible_reason="第四党支部正在限期整改中，不能评选。"),
            Candidate(5, None),
        ],
        quota=2,
    )
    assert [r.key for r in rows] == [2, 3, 1, 4, 5]
    s = _by_key(rows)
    assert s[2].rank == 1 and s[3].rank == 2
    assert s[3].grade is Grade.ADVANCED  # gets the place the vetoed branch would have taken
    assert s[1].grade is Grade.INELIGIBLE and s[1].rank is None and not s[1].within_quota
    assert s[1].reason == "一票否决：弄虚作假"
    assert s[4].grade is Grade.INELIGIBLE and s[4].reason == "第四党支部正在限期整改中，不能评选。"
    assert s[5].grade is Grade.INELIGIBLE and s[5].rank is None


def test_several_vetoes_named_in_order() -> None:
    rows = rank(
        [Candidate(1, Decimal(95), frozenset({Veto.TARGET_FAILED, Veto.SERIOUS_INCIDENT}))], 1
    )
    assert rows[0].reason == "一票否决：发生严重问题、目标管理考核不合格"


def test_high_score_below_threshold_in_quota_is_not_advanced() -> None:
    s = _by_key(rank([Candidate(1, Decimal("89.99")), Candidate(2, Decimal(70))], quota=1))
    assert s[1].grade is Grade.QUALIFIED and s[1].within_quota
    assert rank([], quota=3) == []


def test_zero_quota_means_no_advanced() -> None:
    rows = rank([Candidate(1, Decimal(99))], quota=0)
    assert rows[0].grade is Grade.QUALIFIED


def test_names() -> None:
    assert VETO_NAMES[Veto.FRAUD] == "弄虚作假"
    assert set(GRADE_NAMES) == set(Grade)
    assert GRADE_NAMES[Grade.ADVANCED] == "先进"
