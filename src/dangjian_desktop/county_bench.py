"""The county figures of `bench`, each against a reference taken in the same run:

- county_receive_ratio: 20 townships' packages received (verified, read, stored in one
  transaction each), against the raw work underneath — hashing the same files, reading the same
  workbooks with openpyxl, inserting the same rows with sqlite3's executemany;
- county_view_ratio: the county window refreshed (townships × stages, honours, ranking,
  recommendations), against raw sqlite3 reading the same rows;
- county_search_ratio: a name searched across the county's registers scaled to 30 townships ×
  30,000 members (the received members replicated in the bench's own temporary database),
  against the raw indexed SELECT of the same rows.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GOALS: dict[str, tuple[str, float]] = {
    "county_receive_ratio": ("<=", 2.0),
    "county_view_ratio": ("<=", 3.0),
    "county_search_ratio": ("<=", 4.0),
}
LABELS: dict[str, str] = {
    "county_receive_ratio": "县级：接收20个乡镇的材料 / receive 20 packages",
    "county_view_ratio": "县级：打开全县总览 / open the county view",
    "county_search_ratio": "县级：全县党员查询 / search members across the county",
}


@dataclass(frozen=True)
class CountyScale:
    townships: int = 20  # packages received
    search_townships: int = 30
    members_per_township: int = 30_000
    repeats: int = 5


COUNTY_SCALE = CountyScale()


def _reference_receive(packages: list[Path], target: Path) -> None:
    """What receiving cannot do without: hash every file, read every workbook, insert its rows."""
    import hashlib

    from openpyxl import load_workbook

    con = sqlite3.connect(target)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE IF NOT EXISTS r (package INTEGER, sheet TEXT, cells TEXT)")
    for n, package in enumerate(packages):
        for path in sorted(p for p in package.rglob("*") if p.is_file()):
            hashlib.sha256(path.read_bytes()).hexdigest()
        wb = load_workbook(next(package.glob("*.xlsx")), read_only=True)
        rows = [
            (n, ws.title, json.dumps([c for c in row], ensure_ascii=False, default=str))
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
        ]
        wb.close()
        with con:
            con.executemany("INSERT INTO r VALUES (?, ?, ?)", rows)
    con.close()


def measure_receive(packages: list[Path], work: Path) -> dict[str, Any]:
    from dangjian_desktop.services.county_audit import CountyActor
    from dangjian_desktop.services.county_receive import receive_package
    from dangjian_desktop.store.county_db import open_county_database

    db = open_county_database(work / "receive")
    started = time.perf_counter()
    for package in packages:
        receive_package(db, package, actor=CountyActor("bench"))
    program = time.perf_counter() - started
    db.close()
    started = time.perf_counter()
    _reference_receive(packages, work / "reference.sqlite3")
    reference = time.perf_counter() - started
    return {
        "packages": len(packages),
        "program_s": program,
        "reference_s": reference,
        "ratio": program / reference,
    }


def _replicate_members(db: Any, scale: CountyScale) -> int:
    """Add `search_townships` townships of `members_per_township` members each, copied from the
    received ones (in the bench's own temporary database)."""
    import datetime as dt

    from sqlalchemy import func, insert, select

    from dangjian_desktop.services.county_view import member_columns
    from dangjian_desktop.store.county_models import (
        county_member,
        county_submission,
        county_township,
    )

    with db.transaction() as conn:
        source = [dict(row._mapping) for row in conn.execute(select(*member_columns()))]
        first_year = conn.execute(select(func.max(county_submission.c.first_year))).scalar_one()
        for n in range(scale.search_townships):
            tid = conn.execute(
                insert(county_township).values(name=f"测试乡{n + 1}")
            ).inserted_primary_key[0]
            sid = conn.execute(
                insert(county_submission).values(
                    township_id=tid,
                    first_year=first_year,
                    round_label="bench",
                    created=dt.datetime.now().isoformat(),
                    received_at=dt.datetime.now(),
                    received_by="bench",
                    source="bench",
                    current=True,
                )
            ).inserted_primary_key[0]
            rows = [
                {**source[i % len(source)], "submission_id": sid}
                for i in range(scale.members_per_township)
            ]
            for start in range(0, len(rows), 10_000):
                conn.execute(insert(county_member), rows[start : start + 10_000])
        return int(conn.execute(select(func.count()).select_from(county_member)).scalar_one())


def measure_view_and_search(
    county_root: Path, scale: CountyScale, race: Callable[..., Any]
) -> dict[str, Any]:
    from dangjian_desktop.gui.county_window import CountyWindow
    from dangjian_desktop.services import county_view
    from dangjian_desktop.services.county_audit import CountyActor
    from dangjian_desktop.store.county_db import DATABASE_NAME, open_county_database

    db = open_county_database(county_root)
    window = CountyWindow(db, CountyActor("bench"))
    raw_con = sqlite3.connect(county_root / DATABASE_NAME)

    def reference_view() -> int:
        count = 0
        for query in (
            "SELECT * FROM county_submission s JOIN county_township t ON t.id = s.township_id",
            "SELECT r.cells FROM county_sheet_row r JOIN county_submission s "
            "ON s.id = r.submission_id WHERE s.current AND r.sheet IN "
            "('申报与实施方案', '半年书面汇报', '创建工作材料')",
            "SELECT * FROM county_result r JOIN county_submission s ON s.id = r.submission_id "
            "WHERE s.current",
            "SELECT * FROM county_honour h JOIN county_submission s ON s.id = h.submission_id "
            "WHERE s.current",
        ):
            rows = raw_con.execute(query).fetchall()
            if "cells" in query:
                rows = [json.loads(r[0]) for r in rows]
            count += len(rows)
        return count

    view_program, view_reference, _, view_rows = race(window.refresh, reference_view, scale.repeats)
    members = _replicate_members(db, scale)
    surnames = ["李", "王", "张", "刀", "杨"]

    def program_search() -> int:
        with db.reading() as conn:
            return sum(len(county_view.search_members(conn, s)) for s in surnames)

    def reference_search() -> int:
        return sum(
            len(
                raw_con.execute(
                    "SELECT t.name, m.name, m.gender, m.ethnicity, m.kind, m.post, m.branch, "
                    "m.phone FROM county_member m JOIN county_submission s ON s.id = "
                    "m.submission_id JOIN county_township t ON t.id = s.township_id "
                    "WHERE s.current AND m.name >= ? AND m.name < ? ORDER BY m.name, m.id LIMIT 500",
                    (s, s + "\U0010ffff"),
                ).fetchall()
            )
            for s in surnames
        )

    search_program, search_reference, hits, _ = race(
        program_search, reference_search, scale.repeats
    )
    window.close()
    raw_con.close()
    db.close()
    return {
        "view": {
            "program_s": view_program,
            "reference_s": view_reference,
            "rows": view_rows,
            "ratio": view_program / view_reference,
        },
        "search": {
            "members": members,
            "hits": hits,
            "program_s": search_program,
            "reference_s": search_reference,
            "ratio": search_program / search_reference,
        },
    }


def run_county_bench(
    work: Path,
    race: Callable[..., Any],
    scale: CountyScale = COUNTY_SCALE,
    say: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """The three county figures and their raw times; `race` is bench.race."""
    from dangjian_desktop.services.county_demo import build_county_demo

    tell = say or (lambda _m: None)
    tell(f"县级：生成{scale.townships}个乡镇的报送材料")
    demo = build_county_demo(work / "county_demo", scale.townships, progress=tell)
    tell("县级：测量接收")
    receive = measure_receive(demo.packages, work)
    tell("县级：测量全县总览和党员查询")
    view = measure_view_and_search(work / "receive", scale, race)
    return {
        "county_receive_ratio": round(receive["ratio"], 3),
        "county_view_ratio": round(view["view"]["ratio"], 3),
        "county_search_ratio": round(view["search"]["ratio"], 3),
        "raw": {"receive": receive, **view},
    }
