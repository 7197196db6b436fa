"""Registers: party organisations (党组织) and members (党员).

Nothing that was used in a round is ever hard-deleted: a branch is merged or dissolved and keeps
its history; a removed row gets `deleted_at` and can be restored from the recycle view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import func, insert
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.validation import (
    BRANCH_STATUS_NAMES,
    ETHNICITIES,
    GENDERS,
    LEVEL_NAMES,
    MEMBER_KINDS,
    POSTS,
    SECTORS,
    BranchLevel,
    BranchStatus,
    normalise_name,
    normalise_text,
    validate_member_dates,
    validate_name,
    validate_phone,
)
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import (
    Actor,
    changes,
    get_branch,
    get_member,
    log,
    snapshot,
)
from dangjian_desktop.store import audit
from dangjian_desktop.store.models import Branch, Enrolment, Member

BRANCH_FIELDS = (
    "name",
    "level",
    "parent_id",
    "sector",
    "ethnic_area",
    "secretary",
    "phone",
    "founded",
    "remark",
)
MEMBER_FIELDS = (
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "joined_on",
    "kind",
    "post",
    "branch_id",
    "phone",
    "remark",
)
STATUS_NAMES = BRANCH_STATUS_NAMES


@dataclass
class BranchInput:
    name: str
    level: str = BranchLevel.BRANCH.value
    sector: str = "农村"
    parent_id: int | None = None
    ethnic_area: bool = False
    secretary: str = ""
    phone: str = ""
    founded: dt.date | None = None
    remark: str = ""


@dataclass
class MemberInput:
    name: str
    gender: str
    ethnicity: str
    branch_id: int
    birth_date: dt.date | None = None
    joined_on: dt.date | None = None
    kind: str = "正式党员"
    post: str = "党员"
    phone: str = ""
    remark: str = ""


def _clean_branch(session: Session, data: BranchInput, own_id: int | None) -> dict[str, Any]:
    name = normalise_name(data.name)
    if problem := validate_name(name, "党组织名称"):
        raise UserError(problem)
    if data.level not in {level.value for level in BranchLevel}:
        raise UserError("层级只能是党总支或党支部。")
    if data.sector not in SECTORS:
        raise UserError(f"领域“{data.sector}”不在列表里，请从：{'、'.join(SECTORS)} 中选择。")
    clash = session.exec(
        select(Branch).where(Branch.name == name, col(Branch.deleted_at).is_(None))
    ).first()
    if clash is not None and clash.id != own_id:
        raise UserError(f"已经有一个叫“{name}”的党组织了。名称不能重复，请检查是否重复录入。")
    if data.parent_id is not None:
        parent = get_branch(session, data.parent_id)
        if parent.level != BranchLevel.GENERAL.value:
            raise UserError(f"上级党组织“{parent.name}”不是党总支，党支部只能挂在党总支下面。")
        if data.level == BranchLevel.GENERAL.value:
            raise UserError("党总支不能再挂在别的党总支下面，请把上级党组织留空。")
        if parent.id == own_id:
            raise UserError("党组织不能是它自己的上级。")
    phone = normalise_text(data.phone)
    if phone and (problem := validate_phone(phone)):
        raise UserError(problem)
    if data.founded and data.founded > clock.today():
        raise UserError("成立时间不能晚于今天，请检查。")
    return {
        "name": name,
        "level": data.level,
        "parent_id": data.parent_id,
        "sector": data.sector,
        "ethnic_area": bool(data.ethnic_area),
        "secretary": normalise_name(data.secretary),
        "phone": phone,
        "founded": data.founded,
        "remark": data.remark.strip(),
    }


def add_branch(session: Session, *, actor: Actor, data: BranchInput) -> Branch:
    values = _clean_branch(session, data, None)
    branch = Branch(**values, created_at=clock.now())
    session.add(branch)
    session.flush()
    log(
        session,
        actor,
        "create",
        branch,
        f"新增党组织{branch.name}",
        new=snapshot(branch, BRANCH_FIELDS),
    )
    return branch


def update_branch(session: Session, *, actor: Actor, branch_id: int, data: BranchInput) -> Branch:
    branch = get_branch(session, branch_id)
    if branch.status != BranchStatus.ACTIVE:
        raise UserError(f"{branch.name}{STATUS_NAMES[branch.status]}，不能再修改。")
    values = _clean_branch(session, data, branch_id)
    if values["level"] == BranchLevel.BRANCH.value and branch.level == BranchLevel.GENERAL.value:
        children = _children(session, branch_id)
        if children:
            raise UserError(f"{branch.name}下面还有{len(children)}个党支部，不能改为党支部。")
    before = snapshot(branch, BRANCH_FIELDS)
    for key, value in values.items():
        setattr(branch, key, value)
    old, new = changes(before, snapshot(branch, BRANCH_FIELDS))
    if new:
        session.add(branch)
        log(session, actor, "update", branch, f"修改党组织{branch.name}", old=old, new=new)
    return branch


def _children(session: Session, branch_id: int) -> list[Branch]:
    return list(
        session.exec(
            select(Branch).where(
                Branch.parent_id == branch_id,
                Branch.status == BranchStatus.ACTIVE,
                col(Branch.deleted_at).is_(None),
            )
        )
    )


def branch_used(session: Session, branch_id: int) -> bool:
    """Used in a round (enrolled, honoured …): then it can never be hard-deleted."""
    used = session.exec(
        select(func.count()).select_from(Enrolment).where(Enrolment.branch_id == branch_id)
    ).one()
    return bool(used)


def merge_branch(
    session: Session, *, actor: Actor, branch_id: int, into_id: int, on: dt.date | None = None
) -> Branch:
    """Merge a branch into another: its members move; it keeps its history as 已合并."""
    branch = get_branch(session, branch_id)
    target = get_branch(session, into_id)
    if branch.id == target.id:
        raise UserError("不能把党组织合并到它自己。")
    if branch.status != BranchStatus.ACTIVE or target.status != BranchStatus.ACTIVE:
        raise UserError("只能合并两个状态正常的党组织。")
    if _children(session, branch_id):
        raise UserError(f"{branch.name}下面还有党支部，请先把它们调整到别的党总支。")
    moved = list(
        session.exec(
            select(Member).where(Member.branch_id == branch_id, col(Member.deleted_at).is_(None))
        )
    )
    for member in moved:
        member.branch_id = into_id
        session.add(member)
    branch.status = BranchStatus.MERGED
    branch.merged_into_id = into_id
    branch.remark = (
        branch.remark + f"（{(on or clock.today()).isoformat()}并入{target.name}）"
    ).strip()
    session.add(branch)
    log(
        session,
        actor,
        "merge",
        branch,
        f"{branch.name}并入{target.name}，转入党员{len(moved)}名",
        old={"status": "active"},
        new={
            "status": BranchStatus.MERGED.value,
            "merged_into_id": into_id,
            "members_moved": len(moved),
        },
    )
    return branch


def dissolve_branch(session: Session, *, actor: Actor, branch_id: int, reason: str) -> Branch:
    branch = get_branch(session, branch_id)
    if branch.status != BranchStatus.ACTIVE:
        raise UserError(f"{branch.name}已经{STATUS_NAMES[branch.status]}。")
    if _children(session, branch_id):
        raise UserError(f"{branch.name}下面还有党支部，请先撤销或调整它们。")
    members = session.exec(
        select(func.count())
        .select_from(Member)
        .where(Member.branch_id == branch_id, col(Member.deleted_at).is_(None))
    ).one()
    if members:
        raise UserError(f"{branch.name}还有{members}名党员，请先把他们转到其他党组织。")
    if not reason.strip():
        raise UserError("撤销党组织要写明原因。")
    branch.status = BranchStatus.DISSOLVED
    session.add(branch)
    log(
        session,
        actor,
        "dissolve",
        branch,
        f"撤销党组织{branch.name}",
        old={"status": "active"},
        new={"status": BranchStatus.DISSOLVED.value},
        reason=reason.strip(),
    )
    return branch


def delete_branch(session: Session, *, actor: Actor, branch_id: int) -> Branch:
    """Move an unused branch to the recycle view. A branch used in any round cannot go."""
    branch = get_branch(session, branch_id)
    if branch_used(session, branch_id):
        raise UserError(
            f"{branch.name}已参加过创建活动，不能删除，只能合并或撤销，以保留历史记录。"
        )
    if _children(session, branch_id):
        raise UserError(f"{branch.name}下面还有党支部，不能删除。")
    has_members = session.exec(
        select(func.count())
        .select_from(Member)
        .where(Member.branch_id == branch_id, col(Member.deleted_at).is_(None))
    ).one()
    if has_members:
        raise UserError(f"{branch.name}还有党员，不能删除。请先把党员转到其他党组织。")
    branch.deleted_at = clock.now()
    session.add(branch)
    log(session, actor, "delete", branch, f"删除党组织{branch.name}（可在回收站恢复）")
    return branch


def restore_branch(session: Session, *, actor: Actor, branch_id: int) -> Branch:
    branch = session.get(Branch, branch_id)
    if branch is None or branch.deleted_at is None:
        raise UserError("这个党组织不在回收站里。")
    clash = session.exec(
        select(Branch).where(Branch.name == branch.name, col(Branch.deleted_at).is_(None))
    ).first()
    if clash is not None:
        raise UserError(f"已经有同名的党组织“{branch.name}”，请先改名再恢复。")
    branch.deleted_at = None
    session.add(branch)
    log(session, actor, "restore", branch, f"从回收站恢复党组织{branch.name}")
    return branch


def list_branches(session: Session, *, include_inactive: bool = True) -> list[Branch]:
    query = select(Branch).where(col(Branch.deleted_at).is_(None)).order_by(col(Branch.id))
    if not include_inactive:
        query = query.where(Branch.status == BranchStatus.ACTIVE)
    return list(session.exec(query))


def branch_choices(session: Session, *, include_inactive: bool = False) -> list[tuple[int, str]]:
    """(id, name) of the branches in the register, for a list to pick from."""
    return [
        (branch.id, branch.name)
        for branch in list_branches(session, include_inactive=include_inactive)
        if branch.id is not None
    ]


def has_active_branches(session: Session) -> bool:
    """Whether the township has registered a branch yet (the first day's first step)."""
    query = (
        sa_select(col(Branch.id))
        .where(col(Branch.deleted_at).is_(None), col(Branch.status) == BranchStatus.ACTIVE)
        .limit(1)
    )
    return session.execute(query).first() is not None


def deleted_branches(session: Session) -> list[Branch]:
    return list(session.exec(select(Branch).where(col(Branch.deleted_at).is_not(None))))


def _clean_member(session: Session, data: MemberInput) -> dict[str, Any]:
    name = normalise_name(data.name)
    if problem := validate_name(name, "姓名"):
        raise UserError(problem)
    if data.gender not in GENDERS:
        raise UserError("性别只能填“男”或“女”。")
    if data.ethnicity not in ETHNICITIES:
        raise UserError(f"民族“{data.ethnicity}”不对，请写全称，如“汉族”“彝族”。")
    if data.kind not in MEMBER_KINDS:
        raise UserError("党员类别只能是正式党员或预备党员。")
    if data.post not in POSTS:
        raise UserError(f"职务只能是：{'、'.join(POSTS)}。")
    branch = get_branch(session, data.branch_id)
    if branch.status != BranchStatus.ACTIVE:
        raise UserError(f"{branch.name}{STATUS_NAMES[branch.status]}，不能再往里添加党员。")
    if problem := validate_member_dates(data.birth_date, data.joined_on, clock.today()):
        raise UserError(problem)
    phone = normalise_text(data.phone)
    if phone and (problem := validate_phone(phone)):
        raise UserError(problem)
    return {
        "name": name,
        "gender": data.gender,
        "ethnicity": data.ethnicity,
        "birth_date": data.birth_date,
        "joined_on": data.joined_on,
        "kind": data.kind,
        "post": data.post,
        "branch_id": data.branch_id,
        "phone": phone,
        "remark": data.remark.strip(),
    }


def find_member(
    session: Session, name: str, birth_date: dt.date | None, branch_id: int
) -> Member | None:
    return session.exec(
        select(Member).where(
            Member.name == name,
            Member.birth_date == birth_date,
            Member.branch_id == branch_id,
            col(Member.deleted_at).is_(None),
        )
    ).first()


def add_member(session: Session, *, actor: Actor, data: MemberInput) -> Member:
    values = _clean_member(session, data)
    if find_member(session, values["name"], values["birth_date"], values["branch_id"]):
        raise UserError(f"本支部已有同名、同出生日期的党员{values['name']}，请勿重复录入。")
    member = Member(**values, created_at=clock.now())
    session.add(member)
    session.flush()
    log(
        session,
        actor,
        "create",
        member,
        f"新增党员{member.name}",
        new=snapshot(member, MEMBER_FIELDS),
    )
    return member


def add_members(session: Session, *, actor: Actor, rows: Sequence[MemberInput]) -> int:
    """Many new members at once (a county register, the demo): each row checked exactly as
    `add_member` checks it, one bad row saves nothing, and ONE audit entry sums up the batch
    (per-member entries would be 30,000 rows of noise). Returns how many were added."""
    if not rows:
        return 0
    values = [_clean_member(session, data) for data in rows]
    branch_ids = {v["branch_id"] for v in values}
    taken = {
        (name, birth, branch_id)
        for name, birth, branch_id in session.execute(
            sa_select(col(Member.name), col(Member.birth_date), col(Member.branch_id)).where(
                col(Member.branch_id).in_(branch_ids), col(Member.deleted_at).is_(None)
            )
        )
    }
    for v in values:
        key = (v["name"], v["birth_date"], v["branch_id"])
        if key in taken:
            raise UserError(f"本支部已有同名、同出生日期的党员{v['name']}，请勿重复录入。")
        taken.add(key)
    now = clock.now()
    session.flush()
    session.execute(insert(Member), [{**v, "created_at": now} for v in values])
    audit.record(
        session,
        actor=actor.name,
        action="create",
        object_type=Member.__tablename__,  # type: ignore[arg-type]
        object_id=None,
        summary=f"批量新增党员{len(values)}名",
        new={
            "count": len(values),
            "branches": len(branch_ids),
            "names": [v["name"] for v in values[:20]],
        },
    )
    return len(values)


def update_member(session: Session, *, actor: Actor, member_id: int, data: MemberInput) -> Member:
    member = get_member(session, member_id)
    values = _clean_member(session, data)
    before = snapshot(member, MEMBER_FIELDS)
    for key, value in values.items():
        setattr(member, key, value)
    old, new = changes(before, snapshot(member, MEMBER_FIELDS))
    if new:
        session.add(member)
        log(session, actor, "update", member, f"修改党员{member.name}", old=old, new=new)
    return member


def delete_member(session: Session, *, actor: Actor, member_id: int, reason: str = "") -> Member:
    member = get_member(session, member_id)
    member.deleted_at = clock.now()
    session.add(member)
    log(session, actor, "delete", member, f"删除党员{member.name}（可在回收站恢复）", reason=reason)
    return member


def restore_member(session: Session, *, actor: Actor, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.deleted_at is None:
        raise UserError("这名党员不在回收站里。")
    member.deleted_at = None
    session.add(member)
    log(session, actor, "restore", member, f"从回收站恢复党员{member.name}")
    return member


def list_members(session: Session, *, branch_id: int | None = None) -> list[Member]:
    query = select(Member).where(col(Member.deleted_at).is_(None)).order_by(col(Member.id))
    if branch_id is not None:
        query = query.where(Member.branch_id == branch_id)
    return list(session.exec(query))


def deleted_members(session: Session) -> list[Member]:
    return list(session.exec(select(Member).where(col(Member.deleted_at).is_not(None))))


@dataclass(frozen=True)
class BranchRow:
    """A branch as the registers page lists it: names resolved, members counted."""

    id: int
    name: str
    level: str
    level_name: str
    parent_id: int | None
    parent_name: str
    sector: str
    ethnic_area: bool
    secretary: str
    phone: str
    founded: dt.date | None
    status: str
    status_name: str
    member_count: int
    remark: str
    deleted_at: dt.datetime | None = None


def _branch_rows(session: Session, *, deleted: bool) -> list[BranchRow]:
    # One query of plain columns: parent's name and member count joined in, no ORM objects.
    parent = aliased(Branch)
    counts = (
        sa_select(col(Member.branch_id).label("branch_id"), func.count().label("members"))
        .where(col(Member.deleted_at).is_(None))
        .group_by(col(Member.branch_id))
        .subquery()
    )
    deleted_at = col(Branch.deleted_at)
    query = (
        sa_select(
            col(Branch.id),
            col(Branch.name),
            col(Branch.level),
            col(Branch.parent_id),
            col(parent.name),
            col(Branch.sector),
            col(Branch.ethnic_area),
            col(Branch.secretary),
            col(Branch.phone),
            col(Branch.founded),
            col(Branch.status),
            counts.c.members,
            col(Branch.remark),
            deleted_at,
        )
        .outerjoin(parent, col(parent.id) == Branch.parent_id)
        .outerjoin(counts, counts.c.branch_id == Branch.id)
        .where(deleted_at.is_not(None) if deleted else deleted_at.is_(None))
        .order_by(col(Branch.id))
    )
    levels = {level.value: LEVEL_NAMES[level] for level in BranchLevel}
    rows: list[Any] = list(session.connection().execute(query))
    return [
        BranchRow(
            id=b_id,
            name=name,
            level=level,
            level_name=levels[level],
            parent_id=parent_id,
            parent_name=(parent_name or "") if parent_id else "",
            sector=sector,
            ethnic_area=ethnic_area,
            secretary=secretary,
            phone=phone,
            founded=founded,
            status=status,
            status_name=STATUS_NAMES.get(status, status),
            member_count=members or 0,
            remark=remark,
            deleted_at=deleted_on,
        )
        for (
            b_id,
            name,
            level,
            parent_id,
            parent_name,
            sector,
            ethnic_area,
            secretary,
            phone,
            founded,
            status,
            members,
            remark,
            deleted_on,
        ) in rows
    ]


def branch_rows(session: Session) -> list[BranchRow]:
    """Every branch not in the recycle view (any status), with parent name and member count."""
    return _branch_rows(session, deleted=False)


def deleted_branch_rows(session: Session) -> list[BranchRow]:
    return _branch_rows(session, deleted=True)


class MemberRow(NamedTuple):
    """A member as the registers page lists it, with the branch's name.

    A named tuple, not a dataclass: the page lists a county's 30,000 members, and a tuple is
    built from a result row in one step (a frozen dataclass sets its fields one by one) and is
    one object for Python's garbage collector to track instead of two (object and __dict__).
    """

    id: int
    name: str
    gender: str
    ethnicity: str
    birth_date: dt.date | None
    joined_on: dt.date | None
    kind: str
    post: str
    branch_id: int
    branch_name: str
    phone: str
    remark: str
    deleted_at: dt.datetime | None = None


def _member_rows(
    session: Session,
    *,
    deleted: bool,
    branch_id: int | None = None,
    ids: Collection[int] | None = None,
) -> list[MemberRow]:
    # One query of plain columns, in MemberRow's order: no ORM objects, no query per row.
    query = (
        sa_select(
            col(Member.id),
            col(Member.name),
            col(Member.gender),
            col(Member.ethnicity),
            col(Member.birth_date),
            col(Member.joined_on),
            col(Member.kind),
            col(Member.post),
            col(Member.branch_id),
            col(Branch.name),
            col(Member.phone),
            col(Member.remark),
        )
        .join(Branch, col(Branch.id) == Member.branch_id)
        .order_by(col(Member.id))
    )
    if branch_id is not None:
        query = query.where(col(Member.branch_id) == branch_id)
    if ids is not None:
        query = query.where(col(Member.id).in_(list(ids)))
    deleted_at = col(Member.deleted_at)
    if deleted:
        query = query.add_columns(deleted_at).where(deleted_at.is_not(None))
    else:  # deleted_at is None for all of them: MemberRow's default, not read per row
        query = query.where(deleted_at.is_(None))
    # Through the Core connection: the ORM's row loading would cost more than the query.
    # A value that repeats from member to member (gender, 民族, kind, post, branch, a date) is
    # kept once, not once per member: a third less memory for a county's 30,000.
    once: dict[Any, Any] = {}
    same = once.setdefault
    return [
        MemberRow(
            member_id,
            name,
            same(gender, gender),
            same(ethnicity, ethnicity),
            same(born, born),
            same(joined, joined),
            same(kind, kind),
            same(post, post),
            branch,
            same(branch_name, branch_name),
            phone,
            remark,
            *deleted_on,
        )
        for (
            member_id,
            name,
            gender,
            ethnicity,
            born,
            joined,
            kind,
            post,
            branch,
            branch_name,
            phone,
            remark,
            *deleted_on,
        ) in session.connection().execute(query)
    ]


def member_rows(
    session: Session, *, branch_id: int | None = None, ids: Collection[int] | None = None
) -> list[MemberRow]:
    """Every member not in the recycle view (or those of one branch, or the members `ids` of
    them: a page replacing the rows of the members just edited), with the branch's name."""
    return _member_rows(session, deleted=False, branch_id=branch_id, ids=ids)


def deleted_member_rows(session: Session) -> list[MemberRow]:
    return _member_rows(session, deleted=True)
