"""The county at a glance: townships × stages, honours and their dynamic management, ranking and
quota use, and the registers searched across townships. Plain values for the window."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, insert, select, update

from dangjian_desktop.domain.calendar import days_late, late_text
from dangjian_desktop.domain.scoring import quota_for
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.county_audit import CountyActor, record
from dangjian_desktop.store.county_db import CountyDatabase
from dangjian_desktop.store.county_models import (
    county_honour,
    county_member,
    county_result,
    county_setting,
    county_sheet_header,
    county_sheet_row,
    county_submission,
    county_township,
)

STAGE_SHEETS = (
    ("申报与实施方案", "方案"),
    ("半年书面汇报", "半年汇报"),
    ("创建工作材料", "创建材料"),
)
ADVANCED = "先进"
REVOKED = "已撤销"


def _due_key(first_year: int) -> str:
    return f"due:{first_year}"


def county_due(conn: Connection, first_year: int) -> dt.date | None:
    value = conn.execute(
        select(county_setting.c.value).where(county_setting.c.key == _due_key(first_year))
    ).scalar()
    return dt.date.fromisoformat(value) if value else None


def set_county_due(
    db: CountyDatabase, first_year: int, due: dt.date, *, actor: CountyActor
) -> None:
    """The day by which the townships hand in the round's package."""
    key = _due_key(first_year)
    with db.transaction() as conn:
        before = county_due(conn, first_year)
        if before == due:
            return
        if before is None:
            conn.execute(insert(county_setting).values(key=key, value=due.isoformat(), version=1))
        else:
            conn.execute(
                update(county_setting)
                .where(county_setting.c.key == key)
                .values(value=due.isoformat(), version=county_setting.c.version + 1)
            )
        record(
            conn,
            actor,
            "county_due",
            f"{first_year}—{first_year + 1}年度报送截止日期：{before or '未定'} → {due}",
        )


def years(conn: Connection) -> list[int]:
    rows = conn.execute(
        select(county_submission.c.first_year).distinct().order_by(county_submission.c.first_year)
    )
    return [int(r[0]) for r in rows]


@dataclass(frozen=True)
class TownshipRow:
    township: str
    submitted: str  # 报送时间 (the township's export), "" when missing
    received: str
    punctuality: str  # 按时 / 逾期N天 / 未报送 / 截止日期未定
    resubmissions: int
    stages: dict[str, str]  # stage -> "按时x 逾期y 未报z"
    enrolled: int
    advanced: int
    quota: int
    honours: int
    revoked: int


def stage_summary(sheets: dict[str, list[list[Any]]]) -> dict[str, str]:
    """Each stage's 报送情况 in a package's workbook: "按时x 逾期y 未报z" (read once, on receipt)."""
    out: dict[str, str] = {}
    for sheet, stage in STAGE_SHEETS:
        rows = sheets.get(sheet) or []
        headers = [str(h) for h in rows[0]] if rows else []
        if "报送情况" not in headers:
            out[stage] = "—"
            continue
        at = headers.index("报送情况")
        counts: Counter[str] = Counter()
        for values in rows[1:]:
            state = str(values[at]) if at < len(values) and values[at] else ""
            counts["逾期" if state.startswith("逾期") else state] += 1
        parts = [f"{k}{counts[k]}" for k in ("按时", "逾期", "未报", "未到期") if counts[k]]
        out[stage] = " ".join(parts) or "无"
    return out


def _punctuality(created: str, due: dt.date | None) -> str:
    if not created:
        return "未报送"
    if due is None:
        return "截止日期未定"
    day = dt.date.fromisoformat(created[:10])
    return "按时" if day <= due else late_text(days_late(due, day))


def current_of(first_year: int) -> ColumnElement[bool]:
    """The townships' current packages of the round (a package received again replaces one)."""
    return and_(county_submission.c.current.is_(True), county_submission.c.first_year == first_year)


def _current_rows(
    conn: Connection, table: Any, first_year: int, columns: tuple[str, ...]
) -> list[tuple[Any, ...]]:
    """`columns` of `table` in the round's current packages, each row led by its township's
    name, townships and rows in the order they came."""
    query = (
        select(county_township.c.name, *(table.c[name] for name in columns))
        .select_from(table.join(county_submission).join(county_township))
        .where(current_of(first_year))
        .order_by(county_township.c.id, table.c.id)
    )
    return [tuple(row) for row in conn.execute(query)]


def _counted(conn: Connection, owner: Any, value: Any, first_year: int) -> dict[int, Counter[str]]:
    """value counts per current submission of the year, in one grouped query."""
    out: dict[int, Counter[str]] = {}
    rows = conn.execute(
        select(owner, value, func.count())
        .join(county_submission, county_submission.c.id == owner)
        .where(current_of(first_year))
        .group_by(owner, value)
    )
    for sid, key, n in rows:
        out.setdefault(sid, Counter())[str(key)] = int(n)
    return out


def overview(conn: Connection, first_year: int) -> list[TownshipRow]:
    """Every township the county has heard from, with this round's package or its absence."""
    due = county_due(conn, first_year)
    counts: dict[int, int] = dict(
        conn.execute(
            select(county_submission.c.township_id, func.count())
            .where(county_submission.c.first_year == first_year)
            .group_by(county_submission.c.township_id)
        ).all()
    )
    current = {
        row.township_id: row
        for row in conn.execute(
            select(county_submission).where(
                county_submission.c.first_year == first_year,
                county_submission.c.current.is_(True),
            )
        )
    }
    grades_of = _counted(conn, county_result.c.submission_id, county_result.c.grade, first_year)
    states_of = _counted(conn, county_honour.c.submission_id, county_honour.c.state, first_year)
    rows: list[TownshipRow] = []
    for tid, name in conn.execute(
        select(county_township.c.id, county_township.c.name).order_by(county_township.c.id)
    ):
        sub = current.get(tid)
        if sub is None:
            rows.append(TownshipRow(name, "", "", "未报送", 0, {}, 0, 0, 0, 0, 0))
            continue
        grades = grades_of.get(sub.id, Counter())
        enrolled = sum(grades.values()) - grades.get("不参评", 0)
        states = states_of.get(sub.id, Counter())
        percent = Decimal(sub.quota_percent) if sub.quota_percent is not None else Decimal(20)
        rows.append(
            TownshipRow(
                township=name,
                submitted=sub.created[:16].replace("T", " "),
                received=sub.received_at.strftime("%Y-%m-%d %H:%M"),
                punctuality=_punctuality(sub.created, due),
                resubmissions=int(counts.get(tid, 1)) - 1,
                stages=json.loads(sub.stages),
                enrolled=enrolled,
                advanced=grades.get(ADVANCED, 0),
                quota=quota_for(enrolled, percent) if enrolled else 0,
                honours=sum(states.values()),
                revoked=states.get(REVOKED, 0),
            )
        )
    return rows


@dataclass(frozen=True)
class HonourRow:
    township: str
    category: str
    name: str
    branch: str
    title: str
    certificate: str
    state: str
    recommended_to: str


def honours(conn: Connection, first_year: int) -> list[HonourRow]:
    columns = ("category", "name", "branch", "title", "certificate", "state", "recommended_to")
    return [HonourRow(*row) for row in _current_rows(conn, county_honour, first_year, columns)]


def sheet_records(conn: Connection, first_year: int, sheet: str) -> list[dict[str, Any]]:
    """One sheet's rows of every township's current package, as dicts with 乡镇 first."""
    out: list[dict[str, Any]] = []
    subs = conn.execute(
        select(county_submission.c.id, county_township.c.name)
        .select_from(county_submission.join(county_township))
        .where(current_of(first_year))
        .order_by(county_township.c.id)
    ).all()
    for sid, township in subs:
        headers = conn.execute(
            select(county_sheet_header.c.headers).where(
                county_sheet_header.c.submission_id == sid, county_sheet_header.c.sheet == sheet
            )
        ).scalar()
        if headers is None:
            continue
        names = json.loads(headers)
        for (cells,) in conn.execute(
            select(county_sheet_row.c.cells)
            .where(county_sheet_row.c.submission_id == sid, county_sheet_row.c.sheet == sheet)
            .order_by(county_sheet_row.c.id)
        ):
            out.append({"乡镇": township, **dict(zip(names, json.loads(cells), strict=False))})
    return out


def dynamic_events(conn: Connection, first_year: int) -> list[dict[str, Any]]:
    """动态管理 of every township: criticisms, rectifications, revocations."""
    return sheet_records(conn, first_year, "动态管理")


@dataclass(frozen=True)
class RankRow:
    township: str
    rank: int | None
    branch: str
    total: Decimal | None
    grade: str


def ranking(conn: Connection, first_year: int) -> list[RankRow]:
    columns = ("rank", "branch", "total", "grade")
    return [RankRow(*row) for row in _current_rows(conn, county_result, first_year, columns)]


@dataclass(frozen=True)
class MemberHit:
    township: str
    name: str
    gender: str
    ethnicity: str
    kind: str
    post: str
    branch: str
    phone: str


def member_columns() -> list[Any]:
    """The member table's columns a search shows, in MemberHit's order after the township."""
    return [county_member.c[f.name] for f in fields(MemberHit)[1:]]


SEARCH_LIMIT = 500


def search_members(
    conn: Connection, text: str, *, first_year: int | None = None, limit: int = SEARCH_LIMIT
) -> list[MemberHit]:
    """Members of every township whose name starts with `text`, from each township's latest
    package. A range on the name (not LIKE) so that the index answers on SQLite and PostgreSQL
    alike: 30 townships × 30,000 members stay instant."""
    text = text.strip()
    if not text:
        return []
    where = [
        county_submission.c.current.is_(True),
        county_member.c.name >= text,
        county_member.c.name < text + "\U0010ffff",
    ]
    if first_year is not None:
        where.append(county_submission.c.first_year == first_year)
    query = (
        select(county_township.c.name, *member_columns())
        .select_from(county_member.join(county_submission).join(county_township))
        .where(*where)
        .order_by(county_member.c.name, county_member.c.id)  # the name index, rowid last
        .limit(limit)
    )
    return [MemberHit(*row) for row in conn.execute(query)]


def require_year(conn: Connection, first_year: int | None) -> int:
    known = years(conn)
    if not known:
        raise UserError("还没有收到任何乡镇的报送材料。请先接收U盘上的报送材料。")
    if first_year is None:
        return known[-1]
    if first_year not in known:
        raise UserError(f"没有{first_year}—{first_year + 1}年度的报送材料。")
    return first_year


def open_county(folder: Any, database: str | None = None) -> CountyDatabase:
    """The county folder's database (or the county's server): what the window opens."""
    from dangjian_desktop.store.county_db import open_county_database

    return open_county_database(folder, database)
