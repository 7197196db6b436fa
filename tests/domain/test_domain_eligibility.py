from dangjian_desktop.domain.eligibility import (
    BranchFacts,
    TreeNode,
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
    school = TreeNode(7, "中心小学党支部")
    message = assessor_recusal("李明", school, school)
    assert message == "考核组成员李明是中心小学党支部党员，应当回避，不能为本单位评分。"
    assert assessor_recusal("李明", TreeNode(3, "卫生院党支部"), school) is None
    assert assessor_recusal("王芳", None, school) is None


def test_recusal_follows_the_branch_tree() -> None:
    village = TreeNode(1, "石桥村党总支")
    first = TreeNode(2, "石桥村第一党支部", parent_id=1)
    second = TreeNode(3, "石桥村第二党支部", parent_id=1)
    other = TreeNode(4, "镇机关党支部")
    # A 党支部 member stays away from his parent 党总支 ...
    assert assessor_recusal("李明", first, village) == (
        "考核组成员李明是石桥村第一党支部党员，石桥村党总支是其上级党总支，应当回避，不能评分。"
    )
    # ... a 党总支 member from its sub-branches ...
    assert assessor_recusal("王芳", village, second) == (
        "考核组成员王芳是石桥村党总支党员，石桥村第二党支部是其下属党支部，应当回避，不能评分。"
    )
    # ... but sibling branches and unrelated branches may be scored.
    assert assessor_recusal("李明", first, second) is None
    assert assessor_recusal("李明", first, other) is None
    assert assessor_recusal("王芳", village, other) is None
