from dangjian_desktop.domain.eligibility import (
    BranchFacts,
    assessor_recusal,
    scoring_refusal,
    selection_refusal,
)
from dangjian_desktop.domain.scoring import Veto


def test_not_enrolled_cannot_be_scored_or_selected() -> None:
    facts = BranchFacts("大村党支部", enrolled=False)
    assert scoring_refusal(facts) == "大村党支部未申报本年度创建，不能评分。"
    assert selection_refusal(facts) == "大村党支部未申报本年度创建，不能评选。"


def test_inactive_branch() -> None:
    facts = BranchFacts("老街党支部", enrolled=True, active=False)
    assert scoring_refusal(facts) == "老街党支部已撤并或撤销，不能评分。"
    assert selection_refusal(facts) is not None


def test_enrolled_branch_can_be_scored_and_selected() -> None:
    facts = BranchFacts("镇机关党支部", enrolled=True)
    assert scoring_refusal(facts) is None
    assert selection_refusal(facts) is None


def test_selection_refusals() -> None:
    rect = BranchFacts("甲党支部", enrolled=True, under_rectification=True)
    assert selection_refusal(rect) == "甲党支部正在限期整改中，不能评选。"
    assert scoring_refusal(rect) is None  # may still be scored
    revoked = BranchFacts("乙党支部", enrolled=True, revoked_this_round=True)
    assert selection_refusal(revoked) == "乙党支部本年度荣誉称号已撤销，不能评选。"
    vetoed = BranchFacts("丙党总支", enrolled=True, vetoes=frozenset({Veto.FRAUD}))
    assert selection_refusal(vetoed) == "丙党总支一票否决（弄虚作假），不能评选。"


def test_recused_assessor() -> None:
    message = assessor_recusal(7, 7, assessor_name="李明", branch_name="中心小学党支部")
    assert message == "考核组成员李明是中心小学党支部党员，应当回避，不能为本单位评分。"
    assert assessor_recusal(3, 7, assessor_name="李明", branch_name="中心小学党支部") is None
    assert assessor_recusal(None, 7, assessor_name="王芳", branch_name="中心小学党支部") is None
