"""What each enrolled branch handed in (实施方案, both half-year reports, 创建工作材料), in words:
for 审验 and for the facts the 工作总结 draft states."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from dangjian_desktop.domain.calendar import ReceiptStatus, Stage
from dangjian_desktop.domain.naming import HandedIn, handed_in_facts
from dangjian_desktop.services.intake import intake_lines
from dangjian_desktop.store.models import Round

HANDED_IN_STAGES = (
    (Stage.PLAN, "实施方案"),
    (Stage.REPORT_H2, "下半年书面汇报"),
    (Stage.REPORT_H1, "上半年书面汇报"),
    (Stage.MATERIALS, "创建工作材料"),
)


def submission_facts(
    session: Session, rnd: Round, today: dt.date
) -> dict[int, tuple[str, list[str], list[str]]]:
    """{branch id: (name, missing, late)} for every enrolled branch."""
    by_stage = {
        stage: {line.branch_id: line for line in intake_lines(session, rnd, stage, today)}
        for stage, _ in HANDED_IN_STAGES
    }
    first = by_stage[Stage.PLAN]
    out = {}
    for branch_id, line in first.items():
        items = []
        for stage, what in HANDED_IN_STAGES:
            intake = by_stage[stage][branch_id]
            items.append(
                HandedIn(
                    what,
                    intake.due,
                    intake.received_on,
                    returned=intake.status == ReceiptStatus.RETURNED,
                )
            )
        missing, late = handed_in_facts(items)
        out[branch_id] = (line.branch_name, missing, late)
    return out


def submission_paragraph(session: Session, rnd: Round, today: dt.date) -> str:
    """The 工作总结's sentence on what was handed in, naming who was late and who missed."""
    facts = submission_facts(session, rnd, today)
    # "下寨党支部实施方案逾期报送（8月28日，应于8月25日前）": the name runs into its items, so
    # the dates' brackets are never nested inside another pair
    missed = [f"{name}{'、'.join(m)}" for name, m, _late in facts.values() if m]
    late = [f"{name}{'、'.join(lt)}" for name, m, lt in facts.values() if lt and not m]
    on_time = sum(1 for _name, m, lt in facts.values() if not m and not lt)
    text = f"{on_time}个党支部（总支）按时报送了实施方案、两次半年书面汇报和创建工作材料。"
    if late:
        text += f"逾期报送的有{len(late)}个：{'；'.join(late)}。"
    if missed:
        text += f"未报齐的有{len(missed)}个：{'；'.join(missed)}。"
    return text
