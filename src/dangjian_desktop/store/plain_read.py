"""Reading the database with plain sqlite3, read-only, for the window's first paint.

The window shows the 工作台 before SQLAlchemy is imported and before the database has been
checked and opened for writing (`store.db.open_database` runs meanwhile, as always). This module
never imports SQLAlchemy or SQLModel (tests/test_layers.py checks it) and never writes: the file
is opened with `mode=ro` and `query_only`. It reads only a database whose schema is this
program's newest (`HEAD`); any other file, or any error reading it, gives None and the program
takes its normal path.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HEAD = "0007_chk_block_seals"
"""The newest migration, and the only schema this module reads. `store.db` takes its `HEAD`
from here, so the light read and the migrations cannot disagree; a test keeps it equal to
Alembic's head."""

INTAKE_TABLES = {"plan": "plan", "report_h2": "progressreport", "report_h1": "progressreport"}
"""Where each hand-in stage is kept (reports by their period); materials in `materials`."""


COUNTY_MARKER = "county.json"
"""What makes a data folder a county folder (`store.county_db.MARKER_NAME`, kept equal by a test)."""


def is_county_folder(folder: Path | str) -> bool:
    """Asked before the window is shown: without importing SQLAlchemy (`county_db` does)."""
    return (Path(folder) / COUNTY_MARKER).is_file()


class NotReadable(Exception):
    """The file is not one the light path may read (missing, empty, other schema, damaged)."""


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the database at `path` at this program's schema; NotReadable
    when there is no such database or it cannot be read as it is."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            raise NotReadable("no database")
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except (OSError, sqlite3.Error) as exc:
        raise NotReadable(str(exc)) from exc
    try:
        con.execute("PRAGMA query_only=ON")
        found = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        row = con.execute("SELECT version_num FROM alembic_version").fetchone() if found else None
        if row is None or row[0] != HEAD:
            raise NotReadable(f"schema {row[0] if row else None}, not {HEAD}")
        con.execute("BEGIN")  # one snapshot for every read below
        yield con
    except sqlite3.Error as exc:
        raise NotReadable(str(exc)) from exc
    finally:
        con.close()


def day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


@dataclass(frozen=True)
class OperatorRow:
    name: str
    has_password: bool


def operators(con: sqlite3.Connection) -> list[OperatorRow]:
    """The active operators, as sign-in lists them."""
    return [
        OperatorRow(name, bool(password))
        for name, password in con.execute(
            "SELECT name, password_hash FROM operator WHERE active ORDER BY id"
        )
    ]


def township_set_up(con: sqlite3.Connection) -> bool:
    return con.execute("SELECT 1 FROM township LIMIT 1").fetchone() is not None


def round_years(con: sqlite3.Connection) -> list[int]:
    """The first years of the rounds on file, newest first."""
    return [y for (y,) in con.execute("SELECT first_year FROM round ORDER BY first_year DESC")]


ROUND_DATES = (
    "opens",
    "plan_due",
    "report_h2_due",
    "report_h1_due",
    "materials_due",
    "evaluation_start",
    "evaluation_end",
    "naming_end",
    "commendation_due",
)


@dataclass(frozen=True)
class RoundRow:
    id: int
    first_year: int
    status: str
    approved: bool
    dates: dict[str, dt.date]
    announcement_days: int


def round_row(con: sqlite3.Connection, first_year: int) -> RoundRow | None:
    row = con.execute(
        f"SELECT id, first_year, status, approved_at, announcement_days, {', '.join(ROUND_DATES)}"
        " FROM round WHERE first_year = ?",
        (first_year,),
    ).fetchone()
    if row is None:
        return None
    dates = {name: day(value) for name, value in zip(ROUND_DATES, row[5:], strict=True)}
    return RoundRow(
        row[0],
        row[1],
        row[2],
        row[3] is not None,
        {k: v for k, v in dates.items() if v is not None},
        row[4],
    )


def enrolled(con: sqlite3.Connection, round_id: int) -> list[tuple[int, int, str]]:
    """(enrolment id, branch id, branch name) of the round's branches, by branch."""
    return [
        (e, b, n)
        for e, b, n in con.execute(
            "SELECT e.id, b.id, b.name FROM enrollment e JOIN branch b ON b.id = e.branch_id"
            " WHERE e.round_id = ? AND e.withdrawn_at IS NULL ORDER BY b.id",
            (round_id,),
        )
    ]


@dataclass(frozen=True)
class Receipt:
    received_on: dt.date | None
    status: str
    remark: str


def receipts(con: sqlite3.Connection, round_id: int, stage: str) -> dict[int, Receipt]:
    """The stage's receipts of the round by enrolment (the last one read wins, as the ORM's)."""
    table = INTAKE_TABLES.get(stage, "materials")
    period = " AND r.period = ?" if table == "progressreport" else ""
    args: tuple[object, ...] = (round_id, stage) if period else (round_id,)
    return {
        enrollment_id: Receipt(day(received), status, remark)
        for enrollment_id, received, status, remark in con.execute(
            f"SELECT r.enrollment_id, r.received_on, r.status, r.remark FROM {table} r"
            " JOIN enrollment e ON e.id = r.enrollment_id"
            f" WHERE e.round_id = ? AND r.deleted_at IS NULL{period}",
            args,
        )
    }


def evaluated(con: sqlite3.Connection, round_id: int) -> set[int]:
    return {
        e
        for (e,) in con.execute(
            "SELECT v.enrollment_id FROM evaluation v JOIN enrollment e ON e.id = v.enrollment_id"
            " WHERE e.round_id = ? AND v.combined IS NOT NULL",
            (round_id,),
        )
    }


def settings_like(con: sqlite3.Connection, prefix: str) -> list[tuple[str, str]]:
    return [
        (k, v)
        for k, v in con.execute(
            "SELECT key, value FROM setting WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
        )
    ]


def reminders(con: sqlite3.Connection, round_id: int) -> list[tuple[str, dt.date]]:
    """(title, signed on) of the round's 催报通知."""
    found = []
    for title, signed in con.execute(
        "SELECT title, signed_on FROM notice WHERE round_id = ? AND kind = 'reminder'",
        (round_id,),
    ):
        signed_on = day(signed)
        if signed_on is not None:
            found.append((title, signed_on))
    return found


def has_assessors(con: sqlite3.Connection, round_id: int) -> bool:
    return (
        con.execute(
            "SELECT 1 FROM assessor WHERE round_id = ? AND deleted_at IS NULL LIMIT 1",
            (round_id,),
        ).fetchone()
        is not None
    )


def branch_exists(con: sqlite3.Connection, status: str, *, deleted_too: bool) -> bool:
    """Whether a branch of that status is on file (`deleted_too`: also one deleted)."""
    alive = "" if deleted_too else " AND deleted_at IS NULL"
    query = f"SELECT 1 FROM branch WHERE status = ?{alive} LIMIT 1"
    return con.execute(query, (status,)).fetchone() is not None


@dataclass(frozen=True)
class RectifyingRow:
    honour_id: int
    kind: str
    title: str
    state: str
    snapshot: str
    branch_name: str
    deadline: dt.date | None  # of the honour's last event that set one


def rectifying(con: sqlite3.Connection, state: str) -> list[RectifyingRow]:
    """Honours in `state` with the deadline of their last event that has one."""
    found = []
    for honour_id, kind, title, state_, snapshot, branch_name, deadline in con.execute(
        "SELECT h.id, h.kind, h.title, h.state, h.snapshot, coalesce(b.name, ''),"
        " (SELECT v.deadline FROM honorevent v WHERE v.honor_id = h.id"
        "  AND v.deadline IS NOT NULL ORDER BY v.id DESC LIMIT 1)"
        " FROM honor h LEFT JOIN branch b ON b.id = h.branch_id WHERE h.state = ? ORDER BY h.id",
        (state,),
    ):
        found.append(
            RectifyingRow(honour_id, kind, title, state_, snapshot, branch_name, day(deadline))
        )
    return found
