"""命名表彰 as DESIGN.md §2a has it: 审验 → 检查核实 → 初步确定评估结果 (a fixed list of branches
and 优秀共产党员, ties decided by the leading group) → 公示 of exactly that list → 报镇党委审批 of
the posted list less upheld objections.

Everything here changes data only through these functions, each with its audit entry.

One module per step; callers import from here.
"""

from dangjian_desktop.services.naming.announcement import (
    FinalList,
    decision_blocker,
    final_list,
    keep_despite_objection,
    objection_to_handle,
    objections,
    start_announcement,
    withdraw_announcement,
)
from dangjian_desktop.services.naming.approval import (
    ApprovalRecord,
    approval_record,
    approve_results,
    approved_ids,
    posted_members,
    posted_names,
)
from dangjian_desktop.services.naming.candidates import (
    NominationLine,
    Proposal,
    ProposedBranch,
    ProposedMember,
    current_tie,
    evaluation_current,
    fix_list,
    member_quota,
    nominate,
    nomination_lines,
    proposal,
    record_tie_decision,
    reopen_list,
    tie_decision,
    withdraw_nomination,
)
from dangjian_desktop.services.naming.checks import (
    Evidence,
    ReviewLine,
    attach_check_file,
    record_review,
    record_verification,
    review_lines,
)
from dangjian_desktop.services.naming.pages import NamingView, naming_view, tie_choices
from dangjian_desktop.services.naming.state import (
    CHECK_OWNER,
    MINUTES_OWNER,
    REVIEW,
    VERIFY,
    computed_by,
    current_list,
    get_announcement,
    list_snapshot,
)

__all__ = [
    "CHECK_OWNER",
    "MINUTES_OWNER",
    "REVIEW",
    "VERIFY",
    "ApprovalRecord",
    "Evidence",
    "FinalList",
    "NamingView",
    "NominationLine",
    "Proposal",
    "ProposedBranch",
    "ProposedMember",
    "ReviewLine",
    "approval_record",
    "approve_results",
    "approved_ids",
    "attach_check_file",
    "computed_by",
    "current_list",
    "current_tie",
    "decision_blocker",
    "evaluation_current",
    "final_list",
    "fix_list",
    "get_announcement",
    "keep_despite_objection",
    "list_snapshot",
    "member_quota",
    "naming_view",
    "nominate",
    "nomination_lines",
    "objection_to_handle",
    "objections",
    "posted_members",
    "posted_names",
    "proposal",
    "record_review",
    "record_tie_decision",
    "record_verification",
    "reopen_list",
    "review_lines",
    "start_announcement",
    "tie_choices",
    "tie_decision",
    "withdraw_announcement",
    "withdraw_nomination",
]
