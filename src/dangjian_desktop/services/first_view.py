"""The 工作台 for the window's first paint, read with plain sqlite3 before the ORM is loaded.

`first_view(database, today)` gives the same figures as the 工作台's own read
(`status.round_overview`, `dynamic.overdue_rectifications`, `registers.has_active_branches`, the
round `start_context` picks), worked out by the same functions (`services.round_figures`); a test
compares the two on real data. It reads read-only (`store.plain_read`) and says None where the
program must take its normal path first: no database or one of another schema, an unreadable
file, a folder not set up yet (the first-start wizard), or sign-in that needs a password before
anything is shown. Importing this module never imports SQLAlchemy or SQLModel; it also gives
the window the file's `quick_check`, which runs while the data layer is being imported.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from dangjian_desktop.domain.calendar import (
    INTAKE_STAGES,
    RoundDates,
    Stage,
    Timeliness,
    round_year_for,
    timeliness,
)
from dangjian_desktop.domain.honours import HonourKind, HonourState, rectification_overdue
from dangjian_desktop.domain.rounds import RoundStatus
from dangjian_desktop.domain.validation import BranchStatus
from dangjian_desktop.services.round_figures import (
    OverdueRectification,
    RoundFacts,
    RoundOverview,
    overview_of,
    reminders_of,
)
from dangjian_desktop.services.work_days import KEY_PREFIX, calendar_of, parse_entered
from dangjian_desktop.store import plain_read
from dangjian_desktop.store.plain_read import NotReadable
from dangjian_desktop.store.sqlite_file import DatabaseDamaged as DatabaseDamaged
from dangjian_desktop.store.sqlite_file import quick_check as quick_check

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FirstView:
    """What the 工作台 shows at start, in plain values."""

    year: int | None  # the round shown: this year's, else the newest
    years: list[int]  # every round, newest first (the round selector)
    overview: RoundOverview | None  # None: no round yet
    rectifications: list[OverdueRectification]
    branches: bool  # the township has an active branch


class _Line(NamedTuple):  # a tuple: thousands are made while the first figures wait
    branch_id: int
    branch_name: str
    due: dt.date
    timeliness: Timeliness
    status: str | None
    remark: str


def first_view(database: Path, today: dt.date) -> FirstView | None:
    """The 工作台's figures read straight from the file, or None (see the module's text)."""
    try:
        with plain_read.reading(database) as con:
            return _read(con, today)
    except NotReadable as why:
        log.info("first paint from the normal path: %s", why)
        return None


def _read(con: sqlite3.Connection, today: dt.date) -> FirstView | None:
    if not plain_read.township_set_up(con):
        return None  # the first-start wizard, or the recovery of an emptied database
    operators = plain_read.operators(con)
    if not operators or all(op.has_password for op in operators):
        return None  # nothing is shown before a password is given
    years = plain_read.round_years(con)
    wanted = round_year_for(today)
    year = wanted if wanted in years else (years[0] if years else None)
    rectifications = _rectifications(con, today)
    branches = plain_read.branch_exists(con, BranchStatus.ACTIVE, deleted_too=False)
    found = plain_read.round_row(con, year) if year is not None else None
    overview = None
    if found is not None:
        overview = overview_of(_facts(con, found, today, rectifications), today)
    return FirstView(year, years, overview, rectifications, branches)


def _facts(
    con: sqlite3.Connection,
    rnd: plain_read.RoundRow,
    today: dt.date,
    rectifications: list[OverdueRectification],
) -> RoundFacts:
    dates = RoundDates(**rnd.dates, announcement_days=rnd.announcement_days)
    enrolled = plain_read.enrolled(con, rnd.id)
    lines: dict[Stage, list[_Line]] = {}
    for stage in INTAKE_STAGES:
        due = dates.due(stage)
        assert due is not None
        receipts = plain_read.receipts(con, rnd.id, stage.value)
        not_in = timeliness(due, None, today)  # the same for every branch without a receipt
        stage_lines = []
        for enrollment_id, branch_id, branch_name in enrolled:
            got = receipts.get(enrollment_id)
            if got is None:
                stage_lines.append(_Line(branch_id, branch_name, due, not_in, None, ""))
                continue
            stage_lines.append(
                _Line(
                    branch_id,
                    branch_name,
                    due,
                    timeliness(due, got.received_on, today),
                    got.status,
                    got.remark,
                )
            )
        lines[stage] = stage_lines
    return RoundFacts(
        first_year=rnd.first_year,
        closed=rnd.status == RoundStatus.CLOSED,
        approved=rnd.approved,
        dates=dates,
        lines=lines,
        enrolled=enrolled,
        evaluated=plain_read.evaluated(con, rnd.id),
        calendar=calendar_of(parse_entered(plain_read.settings_like(con, KEY_PREFIX))),
        active_branches=plain_read.branch_exists(con, BranchStatus.ACTIVE, deleted_too=True),
        reminders=reminders_of(plain_read.reminders(con, rnd.id), rnd.first_year),
        has_assessors=plain_read.has_assessors(con, rnd.id),
        rectifications=rectifications,
    )


def _rectifications(con: sqlite3.Connection, today: dt.date) -> list[OverdueRectification]:
    found = []
    for row in plain_read.rectifying(con, HonourState.RECTIFYING.value):
        if row.deadline is None:
            continue
        if rectification_overdue(HonourState(row.state), row.deadline, today):
            if row.kind == HonourKind.MEMBER:
                data = json.loads(row.snapshot or "{}")
                name = f"{data.get('branch', '')}{data.get('name', '')}"
            else:
                name = row.branch_name
            found.append(
                OverdueRectification(
                    honour_id=row.honour_id,
                    name=name,
                    title=row.title,
                    deadline=row.deadline,
                    days_over=(today - row.deadline).days,
                )
            )
    return found
