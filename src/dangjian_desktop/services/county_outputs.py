"""The county's own outputs: the county workbook (all townships, one sheet per subject, written by
the township's writer so the Excel conventions are the same), the list of branches and members
the townships recommended to the county, and the county's own recommendation of some of them to
州/省 — kept in a versioned table that several clerks may edit — printed as 推荐表 and a notice."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Delete, Update, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from dangjian_desktop import clock
from dangjian_desktop.domain.honours import HONOUR_STATE_NAMES, HonourState
from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange.county import CellValue, CountyData, SheetSpec, write_county_workbook
from dangjian_desktop.services.county_audit import CountyActor, record
from dangjian_desktop.services.county_receive import county_name
from dangjian_desktop.services.county_view import (
    HonourRow,
    current_of,
    honours,
    overview,
    sheet_records,
)
from dangjian_desktop.store.county_db import CountyDatabase
from dangjian_desktop.store.county_models import (
    county_recommendation,
    county_sheet_header,
    county_submission,
)

LEVELS = ("州", "省")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _label(first_year: int) -> str:
    return f"{first_year}—{first_year + 1}年度"


def _cell(value: Any) -> CellValue:
    """Back from the JSON the sheets are stored in: ISO dates are dates again."""
    if isinstance(value, str) and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, bool):
        return "是" if value else "否"
    return value  # type: ignore[no-any-return]


def _sheet_titles(conn: Connection, first_year: int) -> list[str]:
    rows = conn.execute(
        select(county_sheet_header.c.sheet, county_sheet_header.c.position)
        .select_from(county_sheet_header.join(county_submission))
        .where(current_of(first_year))
    )
    order: dict[str, int] = {}
    for sheet, position in rows:
        order[sheet] = min(order.get(sheet, position), position)
    return sorted(order, key=lambda s: order[s])


def _overview_sheet(conn: Connection, first_year: int) -> SheetSpec:
    rows: list[list[CellValue]] = []
    for t in overview(conn, first_year):
        rows.append(
            [
                t.township,
                t.submitted or None,
                t.punctuality,
                t.resubmissions,
                *(t.stages.get(stage) for stage in ("方案", "半年汇报", "创建材料")),
                t.enrolled,
                t.advanced,
                t.quota,
                t.honours,
                t.revoked,
            ]
        )
    return SheetSpec(
        "各乡镇报送情况",
        [
            "乡镇",
            "报送时间",
            "是否按时",
            "重报次数",
            "方案",
            "半年汇报",
            "创建材料",
            "参评党组织",
            "评为先进",
            "先进名额",
            "荣誉",
            "已撤销",
        ],
        rows,
    )


def county_workbook_data(conn: Connection, first_year: int) -> CountyData:
    """The county's workbook: the townships' overview, then each subject with 乡镇 first."""
    sheets = [_overview_sheet(conn, first_year)]
    for title in _sheet_titles(conn, first_year):
        records = sheet_records(conn, first_year, title)
        headers: list[str] = ["乡镇"]
        for rec in records:  # the 评分明细 has one column per assessor: the union, in order
            headers += [h for h in rec if h not in headers]
        if len(headers) == 1:
            headers += _headers_of(conn, first_year, title)
        sheets.append(
            SheetSpec(title, headers, [[_cell(rec.get(h)) for h in headers] for rec in records])
        )
    return CountyData(
        township=county_name(conn) or "本县",
        round_label=_label(first_year),
        first_year=first_year,
        sheets=sheets,
    )


def _headers_of(conn: Connection, first_year: int, title: str) -> list[str]:
    import json

    value = conn.execute(
        select(county_sheet_header.c.headers)
        .select_from(county_sheet_header.join(county_submission))
        .where(current_of(first_year), county_sheet_header.c.sheet == title)
        .limit(1)
    ).scalar()
    return [str(h) for h in json.loads(value)] if value else []


def write_county_summary(db: CountyDatabase, first_year: int, path: Path | str) -> Path:
    with db.reading() as conn:
        data = county_workbook_data(conn, first_year)
    write_county_workbook(data, path)
    with db.transaction() as conn:
        record(
            conn,
            CountyActor("系统"),
            "county_workbook",
            f"导出全县{_label(first_year)}汇总工作簿：{path}",
        )
    return Path(path)


# ---------------------------------------------------------------------------------------------
# Recommendations


def recommended_to_county(conn: Connection, first_year: int) -> list[HonourRow]:
    """Branches and members the townships recommended to the county (not revoked since)."""
    return [
        h
        for h in honours(conn, first_year)
        if h.recommended_to in ("县", "州", "省") and h.state != "已撤销"
    ]


@dataclass(frozen=True)
class Recommendation:
    id: int
    township: str
    category: str
    name: str
    branch: str
    level: str
    note: str
    version: int


def recommendations(conn: Connection, first_year: int) -> list[Recommendation]:
    rows = conn.execute(
        select(county_recommendation)
        .where(county_recommendation.c.first_year == first_year)
        .order_by(county_recommendation.c.id)
    )
    return [
        Recommendation(r.id, r.township, r.category, r.name, r.branch, r.level, r.note, r.version)
        for r in rows
    ]


class EditConflict(UserError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"“{name}”的推荐刚被另一位同事修改或删除过，您的修改没有保存。"
            "请刷新后看一看最新的内容，再决定是否重新修改。"
        )


def _unless_changed(conn: Connection, statement: Update | Delete, rec: Recommendation) -> None:
    """Run the update or delete of `rec` only if nobody changed it since it was read."""
    done = conn.execute(
        statement.where(
            county_recommendation.c.id == rec.id,
            county_recommendation.c.version == rec.version,
        )
    ).rowcount
    if done != 1:
        raise EditConflict(rec.name)


def recommend(
    db: CountyDatabase,
    first_year: int,
    honour: HonourRow,
    level: str,
    *,
    actor: CountyActor,
    note: str = "",
) -> int:
    """The county recommends a township's recommended branch or member on to 州 or 省."""
    if level not in LEVELS:
        raise UserError("县委组织部只能向州、省推荐。")
    if honour.state == HONOUR_STATE_NAMES[HonourState.REVOKED]:
        raise UserError(f"“{honour.name}”的荣誉称号已被撤销，不能再向上推荐。")
    try:
        with db.transaction() as conn:
            rid = conn.execute(
                insert(county_recommendation).values(
                    township=honour.township,
                    first_year=first_year,
                    category=honour.category,
                    name=honour.name,
                    branch=honour.branch,
                    level=level,
                    note=note,
                    version=1,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            record(
                conn,
                actor,
                "county_recommend",
                f"推荐{honour.township}{honour.name}（{honour.category}）至{level}",
            )
    except IntegrityError as exc:
        raise UserError(f"“{honour.name}”已经在推荐名单里了。") from exc
    return int(rid)


def change_recommendation(
    db: CountyDatabase,
    rec: Recommendation,
    *,
    actor: CountyActor,
    level: str | None = None,
    note: str | None = None,
) -> Recommendation:
    """Save a clerk's edit only if nobody changed the row since `rec` was read."""
    values: dict[str, Any] = {}
    if level is not None:
        if level not in LEVELS:
            raise UserError("县委组织部只能向州、省推荐。")
        values["level"] = level
    if note is not None:
        values["note"] = note
    if not values:
        return rec
    with db.transaction() as conn:
        _unless_changed(
            conn, update(county_recommendation).values(**values, version=rec.version + 1), rec
        )
        record(
            conn,
            actor,
            "county_recommend_edit",
            f"修改{rec.township}{rec.name}的推荐：{values}",
            detail={"before": {"level": rec.level, "note": rec.note}, "after": values},
        )
    return Recommendation(
        rec.id,
        rec.township,
        rec.category,
        rec.name,
        rec.branch,
        values.get("level", rec.level),
        values.get("note", rec.note),
        rec.version + 1,
    )


def withdraw_recommendation(
    db: CountyDatabase, rec: Recommendation, *, actor: CountyActor, reason: str
) -> None:
    if not reason.strip():
        raise UserError("撤回推荐要写明原因。")
    with db.transaction() as conn:
        _unless_changed(conn, delete(county_recommendation), rec)
        record(
            conn,
            actor,
            "county_recommend_withdraw",
            f"撤回对{rec.township}{rec.name}的推荐",
            reason=reason.strip(),
        )


# ---------------------------------------------------------------------------------------------
# Paper


def county_issuer(conn: Connection) -> Any:
    from dangjian_desktop.documents.data import Issuer

    county = county_name(conn) or "本县"
    organ = f"中共{county}委组织部"
    return Issuer(
        organ=organ,
        office=organ,
        doc_prefix=f"{county[:1]}组通",
        seal_text=organ,
        county=county,
        organ_mark=f"{organ}文件",
    )


def print_recommendation_forms(
    db: CountyDatabase, first_year: int, folder: Path | str, *, actor: CountyActor
) -> list[Path]:
    """One 推荐表 per county recommendation."""
    from dangjian_desktop.documents.data import RecipientKind, RecommendationData
    from dangjian_desktop.documents.forms import build_recommendation_form

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with db.reading() as conn:
        recs = recommendations(conn, first_year)
        issuer = county_issuer(conn)
    if not recs:
        raise UserError("推荐名单是空的。请先在“推荐至州、省”中选定推荐对象。")
    paths = []
    for rec in recs:
        kind: RecipientKind = "member" if rec.category == "优秀共产党员" else "branch"
        data = RecommendationData(
            kind=kind,
            level=f"{rec.level}级",
            round_label=_label(first_year),
            name=rec.name,
            fields=[("所在乡镇", rec.township), ("所在党组织", rec.branch or rec.name)],
            deeds=rec.note or "（见该乡镇报送材料）",
            committee_opinion="同意推荐。",
            issuer=issuer,
            signed_on=clock.today(),
            # the county database does not hold the 州's or 省's own name: "州委组织部"
            recipient_organ=f"{rec.level}委组织部",
            recommended_by="县委组织部",
        )
        paths.append(
            build_recommendation_form(data, folder / f"推荐表_{rec.township}_{rec.name}.pdf")
        )
    with db.transaction() as conn:
        record(conn, actor, "county_print", f"打印推荐表{len(paths)}份：{folder}")
    return paths


def print_county_notice(
    db: CountyDatabase, first_year: int, path: Path | str, *, actor: CountyActor, number: int = 1
) -> Path:
    """The county's notice of its recommendations to 州/省, GB/T 9704 like the township's."""
    from dangjian_desktop.documents.data import NoticeData, TableBlock
    from dangjian_desktop.documents.notices import build_notice

    with db.reading() as conn:
        recs = recommendations(conn, first_year)
        issuer = county_issuer(conn)
        county = county_name(conn) or "本县"
    if not recs:
        raise UserError("推荐名单是空的。请先在“推荐至州、省”中选定推荐对象。")
    today = clock.today()
    notice = NoticeData(
        kind="county_recommendation",
        number=f"{issuer.doc_prefix}〔{today.year}〕{number}号",
        title=f"关于推荐{_label(first_year)}基层党组织建设先进党组织和优秀共产党员的通知",
        addressee="各乡镇党委：",
        paragraphs=[
            f"根据各乡镇报送的{_label(first_year)}创建材料，经{county}委组织部审核，"
            f"决定向州、省推荐以下{len(recs)}个先进党组织和优秀共产党员。",
            "请各乡镇党委督促被推荐对象继续发挥示范作用，如有变化及时报告。",
        ],
        tables=[
            TableBlock(
                "推荐名单",
                ["序号", "乡镇", "类别", "名称", "推荐至"],
                [[str(i + 1), r.township, r.category, r.name, r.level] for i, r in enumerate(recs)],
            )
        ],
        signature_organ=issuer.organ,
        signed_on=today,
    )
    out = build_notice(notice, issuer, path)
    with db.transaction() as conn:
        record(conn, actor, "county_print", f"印发推荐通知：{out}")
    return out
