"""Where a round stands: each stage's due date, on time / late / missing / pending, and who is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from dangjian_desktop.domain.calendar import (
    INTAKE_STAGES,
    STAGE_NAMES,
    Stage,
    Timeliness,
    current_stage,
    stage_title,
)
from dangjian_desktop.services.common import label, round_dates
from dangjian_desktop.services.enrolment import enrolled_branches
from dangjian_desktop.services.intake import intake_lines
from dangjian_desktop.store.models import Enrollment, Evaluation, Round


@dataclass
class StageStatus:
    key: str
    name: str
    due: str
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0
    overdue: list[str] = field(default_factory=list)


@dataclass
class RoundStatusReport:
    round: int
    label: str
    today: str
    current_stage: str
    enrolled: int
    stages: list[StageStatus]

    def to_json(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "label": self.label,
            "today": self.today,
            "current_stage": self.current_stage,
            "enrolled": self.enrolled,
            "stages": [asdict(stage) for stage in self.stages],
        }


def _count(status: StageStatus, outcome: Timeliness, name: str) -> None:
    if outcome == Timeliness.ON_TIME:
        status.on_time += 1
    elif outcome == Timeliness.LATE:
        status.late += 1
    elif outcome == Timeliness.MISSING:
        status.missing += 1
        status.overdue.append(name)
    else:
        status.pending += 1


def round_status(session: Session, rnd: Round, today: dt.date) -> RoundStatusReport:
    dates = round_dates(rnd)
    stages: list[StageStatus] = []
    for stage in INTAKE_STAGES:
        due = dates.due(stage)
        assert due is not None
        status = StageStatus(stage.value, stage_title(stage, rnd.first_year), due.isoformat())
        for line in intake_lines(session, rnd, stage, today):
            _count(status, line.timeliness, line.branch_name)
        stages.append(status)
    # 总结评估: a branch is done when its combined score has been worked out.
    evaluated = {
        ev.enrollment_id
        for ev in session.exec(
            select(Evaluation)
            .join(Enrollment, col(Enrollment.id) == Evaluation.enrollment_id)
            .where(Enrollment.round_id == rnd.id, col(Evaluation.combined).is_not(None))
        )
    }
    evaluation = StageStatus(
        Stage.EVALUATION.value, STAGE_NAMES[Stage.EVALUATION], dates.evaluation_end.isoformat()
    )
    enrolled = enrolled_branches(session, rnd)
    for enrollment, branch in enrolled:
        if enrollment.id in evaluated:
            evaluation.on_time += 1
        elif today > dates.evaluation_end:
            evaluation.missing += 1
            evaluation.overdue.append(branch.name)
        else:
            evaluation.pending += 1
    stages.append(evaluation)
    return RoundStatusReport(
        round=rnd.first_year,
        label=label(rnd),
        today=today.isoformat(),
        current_stage=(
            "已结束" if rnd.status == "closed" else STAGE_NAMES[current_stage(dates, today)]
        ),
        enrolled=len(enrolled),
        stages=stages,
    )
