"""命名表彰 rules with worked examples."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.domain.naming import (
    HandedIn,
    MemberFacts,
    ObjectionOutcome,
    handed_in_facts,
    list_digest,
    member_refusal,
    removed_by_objections,
    tie_choice_refusal,
    tie_places,
)
from dangjian_desktop.domain.scoring import Grade


def test_handed_in_facts_name_what_is_missing_and_what_was_late() -> None:
    missing, late = handed_in_facts(
        [
            HandedIn("实施方案", dt.date(2025, 8, 25), dt.date(2025, 8, 27)),
            HandedIn("下半年书面汇报", dt.date(2025, 12, 31), dt.date(2025, 12, 30)),
            HandedIn("上半年书面汇报", dt.date(2026, 6, 30), dt.date(2026, 6, 1), returned=True),
            HandedIn("创建工作材料", dt.date(2026, 5, 10), None),
        ]
    )
    assert missing == ["上半年书面汇报退回修改后未重新报送", "创建工作材料未报送"]
    assert late == ["实施方案逾期报送（8月27日，应于8月25日前）"]


def test_tie_places_are_the_quota_less_those_ranked_above() -> None:
    # quota 3: two branches ranked 1 and 2, three tied at rank 3 share one place
    assert tie_places(3, 3) == 1
    # quota 3: one above, three tied at rank 2 share two places
    assert tie_places(3, 2) == 2
    assert tie_places(1, 5) == 0


def test_tie_choice_must_come_from_the_tie_and_fit_the_places() -> None:
    names = {1: "上寨党支部", 2: "下寨党支部", 3: "卫生院党支部", 9: "中心校党支部"}
    assert tie_choice_refusal([1, 2, 3], [2], 1, names) is None
    refusal = tie_choice_refusal([1, 2, 3], [1, 2], 1, names)
    assert refusal is not None and "只剩1个名额" in refusal
    refusal = tie_choice_refusal([1, 2, 3], [9], 1, names)
    assert refusal is not None and "中心校党支部不在并列的单位中" in refusal
    # the group may decide to keep none of them
    assert tie_choice_refusal([1, 2, 3], [], 1, names) is None


def _facts(**changes: object) -> MemberFacts:
    base = dict(
        name="刀坎",
        kind="正式党员",
        removed=False,
        branch_name="中寨党支部",
        branch_enrolled=True,
        branch_active=True,
        branch_grade=Grade.QUALIFIED,
    )
    base.update(changes)
    return MemberFacts(**base)  # type: ignore[arg-type]


def test_member_eligibility_gives_the_reason() -> None:
    assert member_refusal(_facts()) is None
    assert member_refusal(_facts(branch_grade=Grade.ADVANCED)) is None
    assert "预备党员" in (member_refusal(_facts(kind="预备党员")) or "")
    assert "未申报" in (member_refusal(_facts(branch_enrolled=False)) or "")
    assert "不合格" in (member_refusal(_facts(branch_grade=Grade.UNQUALIFIED)) or "")
    assert "一票否决" in (member_refusal(_facts(branch_grade=Grade.INELIGIBLE)) or "")
    assert "受过处分（党内警告）" in (member_refusal(_facts(discipline="党内警告")) or "")
    assert "审验未通过" in (member_refusal(_facts(branch_review_failed=True)) or "")
    assert "撤并" in (member_refusal(_facts(branch_active=False)) or "")
    assert "重新提名" in (member_refusal(_facts(moved_from_nominating_branch=True)) or "")


def test_the_digest_does_not_depend_on_key_order() -> None:
    a = {"branches": [{"id": 1, "name": "上寨"}], "members": []}
    b = {"members": [], "branches": [{"name": "上寨", "id": 1}]}
    assert list_digest(a) == list_digest(b)
    assert list_digest(a) != list_digest({"branches": [], "members": []})


def test_an_upheld_objection_removes_unless_the_group_keeps() -> None:
    outcomes = [
        ObjectionOutcome(branch_id=1, member_id=None, upheld=True, keep_decision=""),
        ObjectionOutcome(
            branch_id=2, member_id=None, upheld=True, keep_decision="领导小组决定保留"
        ),
        ObjectionOutcome(branch_id=3, member_id=None, upheld=False, keep_decision=""),
        ObjectionOutcome(branch_id=4, member_id=None, upheld=None, keep_decision=""),
        ObjectionOutcome(branch_id=1, member_id=7, upheld=True, keep_decision=""),
    ]
    assert removed_by_objections(outcomes) == ({1}, {7})
