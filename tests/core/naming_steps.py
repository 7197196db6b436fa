"""The naming steps a round needs before its 公示, as the leading group would record them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dangjian_desktop.domain.scoring import Grade
from dangjian_desktop.services import evaluation, naming
from dangjian_desktop.services.common import Actor, get_round
from dangjian_desktop.store.db import Database

GROUP = "镇党委副书记刘志强、组织委员杨梅"


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
    failed = set(failed)
    with db.transaction() as s:
        rnd = get_round(s, year)
        for line in naming.review_lines(s, rnd, on):
            naming.record_review(
                s,
                actor=actor,
                first_year=year,
                branch_id=line.branch_id,
                passed=line.branch_id not in failed,
                checked_by=GROUP,
                checked_on=on,
                findings="缺创建工作材料" if line.branch_id in failed else "",
            )
        saved = evaluation.stored_results(s, rnd)
        for result in saved.lines if saved else []:
            if result.grade == Grade.ADVANCED.value:
                naming.record_verification(
                    s,
                    actor=actor,
                    first_year=year,
                    branch_id=result.branch_id,
                    checked_by=GROUP,
                    checked_on=on,
                    findings="实地查看台账，情况属实。",
                )
        if (tie := naming.current_tie(s, rnd)) is not None:
            naming.record_tie_decision(
                s,
                actor=actor,
                first_year=year,
                chosen=tie[0][: tie[1]],
                decided_on=on,
                decided_by="镇创先争优活动领导小组会议",
            )
        for member_id in members:
            naming.nominate(
                s,
                actor=actor,
                first_year=year,
                member_id=member_id,
                deeds="带头致富，带领群众发展产业。",
                nominated_on=on,
            )
        naming.fix_list(s, actor=actor, first_year=year)
