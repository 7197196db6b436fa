"""The notices registry: every generated 通知、通报、决定 with its 发文字号, date and file.

Numbers come from the issuing organ's own sequence (per 机关代字) per year and are never reused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.text import document_number
from dangjian_desktop.services.common import Actor, log
from dangjian_desktop.services.township import require_township
from dangjian_desktop.store.models import Notice, Round


@dataclass(frozen=True)
class NoticeInfo:
    """A document in the registry, in plain values: its 发文字号, title, date and file."""

    id: int
    round_id: int | None
    kind: str
    year: int
    serial: int | None
    number: str
    prefix: str
    title: str
    signed_on: dt.date
    file_path: str
    """Relative to the data folder."""
    sha256: str
    created_at: dt.datetime
    body: str


def notice_info(notice: Notice) -> NoticeInfo:
    if notice.id is None:
        raise RuntimeError("the notice has no id yet: flush the session first")
    return NoticeInfo(
        id=notice.id,
        round_id=notice.round_id,
        kind=notice.kind,
        year=notice.year,
        serial=notice.serial,
        number=notice.number,
        prefix=notice.prefix,
        title=notice.title,
        signed_on=notice.signed_on,
        file_path=notice.file_path,
        sha256=notice.sha256,
        created_at=notice.created_at,
        body=notice.body,
    )


KIND_NAMES = {
    "plan-call": "关于制定创建实施方案的通知",
    "reminder": "催报通知",
    "report-call": "半年书面汇报通知",
    "schedule": "总结评估工作安排",
    "announcement": "评选结果公示",
    "decision": "表彰决定",
    "rectification": "限期整改通知书",
    "criticism": "通报批评",
    "recommendation": "推荐表",
    "certificates": "荣誉证书",
    "receipt": "签收单",
    "score-sheets": "统一考核评分表",
    "results": "综合评价汇总表",
    "work-summary": "工作总结",
}


def next_number(session: Session, year: int, prefix: str = "") -> tuple[int, str]:
    """The next 发文字号 of `prefix` (default: the committee's 代字) in `year`."""
    prefix = prefix or require_township(session).doc_prefix
    used = session.exec(
        select(func.max(Notice.serial)).where(Notice.year == year, Notice.prefix == prefix)
    ).one()
    serial = int(used or 0) + 1
    return serial, document_number(prefix, year, serial)


def register_notice(
    session: Session,
    *,
    actor: Actor,
    rnd: Round | None,
    kind: str,
    title: str,
    signed_on: dt.date,
    file_path: str = "",
    sha256: str = "",
    numbered: bool = True,
    prefix: str = "",
    body: str = "",
) -> Notice:
    """Take the next number of the year and record the document (forms get no number).

    `prefix` is the issuing organ's 代字 (default the committee's); `body` the text as issued
    (JSON), so that the same document can be printed again."""
    year = signed_on.year
    serial: int | None = None
    number = ""
    if numbered:
        prefix = prefix or require_township(session).doc_prefix
        serial, number = next_number(session, year, prefix)
    notice = Notice(
        round_id=rnd.id if rnd else None,
        kind=kind,
        year=year,
        serial=serial,
        number=number,
        prefix=prefix if numbered else "",
        title=title,
        body=body,
        signed_on=signed_on,
        file_path=file_path,
        sha256=sha256,
        created_at=clock.now(),
    )
    session.add(notice)
    session.flush()
    log(
        session,
        actor,
        "issue",
        notice,
        f"印发{number or KIND_NAMES.get(kind, kind)}：{title}",
        new={"number": number, "kind": kind},
    )
    return notice


def set_notice_file(session: Session, *, notice: Notice, file_path: str, sha256: str) -> Notice:
    """Attach the written PDF to the notice recorded in the same transaction."""
    notice.file_path = file_path
    notice.sha256 = sha256
    session.add(notice)
    return notice


def notices(session: Session, rnd: Round | None = None) -> list[Notice]:
    query = select(Notice).order_by(col(Notice.year), col(Notice.serial))
    if rnd is not None:
        query = query.where(Notice.round_id == rnd.id)
    return list(session.exec(query))
