"""The naming steps before a 公示, as the leading group records them, shared by the service tests
(tests/core) and the window tests (tests/gui, which set up through the services and leave the
window's own path to test_e2e_naming)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Literal

from dangjian_desktop.domain.scoring import Grade
from dangjian_desktop.services import evaluation, naming
from dangjian_desktop.services.common import Actor, get_round
from dangjian_desktop.store.db import Database

GROUP = "镇党委副书记刘志强、组织委员杨梅"
DEEDS = "带头致富，带领群众发展产业。"
VERIFIED = "实地查看党员活动室和台账，情况属实。"


def review(
    db: Database,
    actor: Actor,
    year: int,
    on: dt.date,
    *,
    failed: Mapping[int, str] | None = None,
    verify: Literal["all", "advanced", "none"] = "advanced",
) -> None:
    """审验 of every enrolled branch (those in `failed` fail, with the finding given), then
    检查核实 of every branch (`all`), of each 先进 in the saved results (`advanced`) or none."""
    failed = failed or {}
    with db.transaction() as s:
        rnd = get_round(s, year)
        branch_ids = [line.branch_id for line in naming.review_lines(s, rnd, on)]
        for branch_id in branch_ids:
            naming.record_review(
                s,
                actor=actor,
                first_year=year,
                branch_id=branch_id,
                passed=branch_id not in failed,
                checked_by=GROUP,
                checked_on=on,
                findings=failed.get(branch_id, ""),
            )
        if verify == "advanced":
            saved = evaluation.stored_results(s, rnd)
            lines = saved.lines if saved else []
            branch_ids = [r.branch_id for r in lines if r.grade == Grade.ADVANCED.value]
        for branch_id in branch_ids if verify != "none" else []:
            naming.record_verification(
                s,
                actor=actor,
                first_year=year,
                branch_id=branch_id,
                checked_by=GROUP,
                checked_on=on,
                findings=VERIFIED,
            )


def nominate(
    db: Database,
    actor: Actor,
    year: int,
    member_id: int,
    on: dt.date,
    *,
    deeds: str = DEEDS,
    discipline: str = "",
) -> None:
    """A branch nominates one of its members as 优秀共产党员."""
    with db.transaction() as s:
        naming.nominate(
            s,
            actor=actor,
            first_year=year,
            member_id=member_id,
            deeds=deeds,
            discipline=discipline,
            nominated_on=on,
        )


def fix_candidates(
    db: Database,
    actor: Actor,
    year: int,
    on: dt.date,
    *,
    members: Iterable[int] = (),
    failed: Iterable[int] = (),
) -> None:
    """审验 every enrolled branch (those in `failed` fail), 检查核实 each 先进, the first tied
    branches kept, `members` nominated, and the list fixed."""
    review(db, actor, year, on, failed={b: "缺创建工作材料" for b in failed})
    with db.transaction() as s:
        if (tie := naming.current_tie(s, get_round(s, year))) is not None:
            naming.record_tie_decision(
                s,
                actor=actor,
                first_year=year,
                chosen=tie[0][: tie[1]],
                decided_on=on,
                decided_by="镇创先争优活动领导小组会议",
            )
    for member_id in members:
        nominate(db, actor, year, member_id, on)
    with db.transaction() as s:
        naming.fix_list(s, actor=actor, first_year=year)
