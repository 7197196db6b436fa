"""宣传报道: a branch's publicity in 报刊、广播、电视、网络 (the seed's 注重宣传)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import (
    Actor,
    ensure_writable,
    get_branch,
    get_round,
    label,
    log,
)
from dangjian_desktop.store.models import Branch, MediaReport, Round

MEDIA = ("报刊", "广播", "电视", "网络")


def add_media_report(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    branch_id: int,
    published_on: dt.date,
    medium: str,
    title: str,
    outlet: str = "",
) -> MediaReport:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    branch = get_branch(session, branch_id)
    if medium not in MEDIA:
        raise UserError(f"媒体类别只能是：{'、'.join(MEDIA)}。")
    if not title.strip():
        raise UserError("请填写报道标题。")
    if published_on > clock.today():
        raise UserError("刊播日期不能晚于今天。")
    report = MediaReport(
        round_id=rnd.id,  # type: ignore[arg-type]
        branch_id=branch_id,
        published_on=published_on,
        medium=medium,
        outlet=outlet.strip(),
        title=title.strip(),
    )
    session.add(report)
    session.flush()
    log(
        session,
        actor,
        "create",
        report,
        f"登记{branch.name}的宣传报道（{medium}）：{title.strip()}",
        new={"medium": medium, "outlet": outlet.strip(), "title": title.strip()},
    )
    return report


def delete_media_report(session: Session, *, actor: Actor, report_id: int) -> MediaReport:
    report = session.get(MediaReport, report_id)
    if report is None or report.deleted_at is not None:
        raise UserError("找不到这条宣传报道。")
    rnd = session.get(Round, report.round_id)
    assert rnd is not None
    ensure_writable(rnd)
    report.deleted_at = clock.now()
    session.add(report)
    log(session, actor, "delete", report, f"删除{label(rnd)}宣传报道：{report.title}")
    return report


def media_reports(session: Session, rnd: Round) -> list[MediaReport]:
    return list(
        session.exec(
            select(MediaReport)
            .where(MediaReport.round_id == rnd.id, col(MediaReport.deleted_at).is_(None))
            .order_by(col(MediaReport.published_on))
        )
    )


@dataclass(frozen=True)
class MediaLine:
    id: int
    published_on: dt.date
    branch_name: str
    medium: str
    outlet: str
    title: str


def media_lines(session: Session, first_year: int) -> list[MediaLine]:
    rnd = get_round(session, first_year)
    lines = []
    for report in media_reports(session, rnd):
        assert report.id is not None
        branch = session.get(Branch, report.branch_id)
        lines.append(
            MediaLine(
                id=report.id,
                published_on=report.published_on,
                branch_name=branch.name if branch else "",
                medium=report.medium,
                outlet=report.outlet,
                title=report.title,
            )
        )
    return lines
