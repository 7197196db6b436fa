"""考核组: assessors chosen from the member register or entered as outside people, and who must
step aside (回避) from which branch.

Conflicts are worked out from the register as it stands whenever scores are keyed, shown or
combined — never frozen when the assessor was added: a member who moved branch stands aside from
his new branch (its parent 党总支 and its sub-branches), no longer from the old one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.eligibility import TreeNode, assessor_recusal
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import (
    Actor,
    ensure_writable,
    get_branch,
    get_member,
    get_round,
    label,
    log,
)
from dangjian_desktop.services.enrolment import enrolled_branches
from dangjian_desktop.store.models import Assessment, Assessor, Branch, Enrolment, Member, Round


@dataclass(frozen=True)
class Person:
    """Who sits on the 考核组: a member of the register (`member_id`), or an outside person by
    name and unit, optionally with a branch of ours he must stand aside from (`branch_id`)."""

    member_id: int | None = None
    name: str = ""
    unit: str = ""
    branch_id: int | None = None


def _node(branch: Branch) -> TreeNode:
    assert branch.id is not None
    return TreeNode(branch.id, branch.name, branch.parent_id)


def own_branch(session: Session, assessor: Assessor) -> Branch | None:
    """The assessor's own branch now: a register member's current branch (None once he left the
    register), an outside person's declared branch (usually none)."""
    if assessor.member_id is not None:
        member = session.get(Member, assessor.member_id)
        if member is None or member.deleted_at is not None:
            return None
        branch_id: int | None = member.branch_id
    else:
        branch_id = assessor.branch_id
    return session.get(Branch, branch_id) if branch_id is not None else None


def assessor_name(session: Session, assessor: Assessor) -> str:
    """A register member's name as the register spells it now; an outside person's as typed."""
    if assessor.member_id is not None:
        member = session.get(Member, assessor.member_id)
        if member is not None:
            return member.name
    return assessor.name


def recusal_reason(session: Session, assessor: Assessor, branch: Branch) -> str | None:
    """Why `assessor` may not score `branch` now (own branch, its parent 党总支, its sub-branches)."""
    own = own_branch(session, assessor)
    return assessor_recusal(
        assessor_name(session, assessor), _node(own) if own else None, _node(branch)
    )


def list_assessors(session: Session, rnd: Round) -> list[Assessor]:
    return list(
        session.exec(
            select(Assessor)
            .where(Assessor.round_id == rnd.id, col(Assessor.deleted_at).is_(None))
            .order_by(col(Assessor.id))
        )
    )


def _check_person(session: Session, rnd: Round, person: Person, leaving: int | None) -> Person:
    """The person with name and unit settled; a UserError when he cannot join the 考核组."""
    others = [a for a in list_assessors(session, rnd) if a.id != leaving]
    if person.member_id is not None:
        member = get_member(session, person.member_id)
        if any(a.member_id == member.id for a in others):
            raise UserError(f"{member.name}已经在考核组里了。")
        return Person(member_id=member.id, name=member.name, unit=person.unit.strip())
    name = person.name.strip()
    if not name:
        raise UserError("请填写外单位人员的姓名，或从党员名册中选择考核组成员。")
    if person.branch_id is not None:
        get_branch(session, person.branch_id)
    if any(a.member_id is None and a.name == name for a in others):
        raise UserError(f"考核组里已经有{name}了。同名的请在姓名后加单位区分。")
    return Person(name=name, unit=person.unit.strip(), branch_id=person.branch_id)


def _describe(session: Session, person: Person) -> dict[str, object]:
    """The person as the audit log records him."""
    branch = session.get(Branch, person.branch_id) if person.branch_id is not None else None
    return {
        "name": person.name,
        "unit": person.unit,
        "from_register": person.member_id is not None,
        "member_id": person.member_id,
        "declared_branch": branch.name if branch else None,
    }


def _insert(session: Session, rnd: Round, person: Person) -> Assessor:
    assessor = Assessor(
        round_id=rnd.id,  # type: ignore[arg-type]
        name=person.name,
        unit=person.unit,
        member_id=person.member_id,
        branch_id=person.branch_id,  # an outside person's declared branch only
    )
    session.add(assessor)
    session.flush()
    return assessor


def add_assessor(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    name: str = "",
    unit: str = "",
    branch_id: int | None = None,
    member_id: int | None = None,
) -> Assessor:
    """A 考核组 member: from the register (`member_id`; his name comes from there) or an outside
    person (`name`, `unit`, optionally a branch of ours he must stand aside from)."""
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    person = _check_person(session, rnd, Person(member_id, name, unit, branch_id), None)
    assessor = _insert(session, rnd, person)
    where = "（党员名册）" if person.member_id is not None else "（外单位人员）"
    log(
        session,
        actor,
        "create",
        assessor,
        f"{label(rnd)}考核组增加成员{person.name}{where}",
        new=_describe(session, person),
    )
    return assessor


def _round_assessor(session: Session, first_year: int, assessor_id: int) -> tuple[Round, Assessor]:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    assessor = session.get(Assessor, assessor_id)
    if assessor is None or assessor.round_id != rnd.id or assessor.deleted_at is not None:
        raise UserError("这名考核组成员不在本年度考核组里，请刷新后再试。")
    return rnd, assessor


def _scored_branches(session: Session, assessor_id: int) -> list[Branch]:
    """The branches the assessor has keyed scores for."""
    return list(
        session.exec(
            select(Branch)
            .join(Enrolment, col(Enrolment.branch_id) == Branch.id)
            .where(
                col(Enrolment.id).in_(
                    select(Assessment.enrollment_id).where(Assessment.assessor_id == assessor_id)
                )
            )
            .order_by(col(Branch.id))
        )
    )


def edit_assessor(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    assessor_id: int,
    unit: str,
    name: str | None = None,
    branch_id: int | None = None,
) -> AssessorLine:
    """Correct an assessor: the unit of anyone; the name and declared branch of an outside person
    (a register member's name and branch are the register's). A declared branch that would make
    him stand aside from a branch he has already scored is refused."""
    rnd, assessor = _round_assessor(session, first_year, assessor_id)
    if assessor.member_id is not None:
        if name is not None and name.strip() != assessor_name(session, assessor):
            raise UserError("从党员名册选的考核组成员，姓名以名册为准；请到“党员”里修改。")
        wanted = Person(member_id=assessor.member_id, unit=unit)
    else:
        wanted = Person(
            name=assessor.name if name is None else name, unit=unit, branch_id=branch_id
        )
    person = _check_person(session, rnd, wanted, assessor.id)
    before = _describe(session, _person_of(assessor))
    if person.branch_id is not None:
        declared = get_branch(session, person.branch_id)
        clashes = [
            b.name
            for b in _scored_branches(session, assessor_id)
            if assessor_recusal(person.name, _node(declared), _node(b))
        ]
        if clashes:
            raise UserError(
                f"{person.name}已经为{'、'.join(clashes)}评了分，与{declared.name}有回避关系，"
                "不能这样修改。如确属需要回避，请先清除他对这些单位的评分。"
            )
    assessor.name, assessor.unit, assessor.branch_id = person.name, person.unit, person.branch_id
    session.add(assessor)
    after = _describe(session, person)
    if after != before:
        log(
            session,
            actor,
            "update",
            assessor,
            f"修改{label(rnd)}考核组成员{person.name}",
            old=before,
            new=after,
        )
    return _line(session, rnd, assessor)


def replace_assessor(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    assessor_id: int,
    person: Person,
    reason: str,
) -> AssessorLine:
    """Another person takes an assessor's seat (he fell ill, was transferred…). Only before he
    has keyed scores: scores are the person's own and do not pass to a successor."""
    rnd, assessor = _round_assessor(session, first_year, assessor_id)
    if not reason.strip():
        raise UserError("更换考核组成员要写明原因（如：因病不能参加考核）。")
    if _scored_branches(session, assessor_id):
        raise UserError(
            f"{assessor.name}已经录入了评分，不能更换为他人。评分是本人打的，不能转给别人；"
            "如确实录错了人，请先在评分表里清除他的评分。"
        )
    checked = _check_person(session, rnd, person, assessor.id)
    before = _describe(session, _person_of(assessor))
    assessor.deleted_at = clock.now()
    session.add(assessor)
    successor = _insert(session, rnd, checked)
    log(
        session,
        actor,
        "replace",
        successor,
        f"{label(rnd)}考核组成员{assessor.name}更换为{checked.name}",
        old=before | {"assessor_id": assessor.id},
        new=_describe(session, checked) | {"assessor_id": successor.id},
        reason=reason.strip(),
    )
    return _line(session, rnd, successor)


def remove_assessor(session: Session, *, actor: Actor, assessor_id: int) -> Assessor:
    assessor = session.get(Assessor, assessor_id)
    if assessor is None or assessor.deleted_at is not None:
        raise UserError("找不到这名考核组成员。")
    rnd = session.get(Round, assessor.round_id)
    assert rnd is not None
    ensure_writable(rnd)
    if _scored_branches(session, assessor_id):
        raise UserError(f"{assessor.name}已经录入了评分，不能移出考核组。")
    assessor.deleted_at = clock.now()
    session.add(assessor)
    log(session, actor, "delete", assessor, f"考核组移出{assessor.name}")
    return assessor


def _person_of(assessor: Assessor) -> Person:
    return Person(assessor.member_id, assessor.name, assessor.unit, assessor.branch_id)


@dataclass(frozen=True)
class AssessorLine:
    """A member of the round's 考核组, with the branches he must step aside from (回避) now."""

    assessor_id: int
    name: str
    unit: str
    from_register: bool
    member_id: int | None
    branch_id: int | None
    branch_name: str
    recused_from: list[str]
    recusal_reasons: list[str]
    scores_entered: int
    left_register: bool = False
    """A register member no longer in the register (transferred out): no conflict is known."""


def _line(
    session: Session, rnd: Round, assessor: Assessor, counts: dict[int, int] | None = None
) -> AssessorLine:
    enrolled = [b for _, b in enrolled_branches(session, rnd)]
    return _line_among(session, assessor, enrolled, counts)


def _line_among(
    session: Session,
    assessor: Assessor,
    enrolled: list[Branch],
    counts: dict[int, int] | None,
) -> AssessorLine:
    assert assessor.id is not None
    own = own_branch(session, assessor)
    reasons = [(b.name, recusal_reason(session, assessor, b)) for b in enrolled]
    if counts is None:
        counts = _score_counts(session, [assessor.id])
    member = session.get(Member, assessor.member_id) if assessor.member_id is not None else None
    return AssessorLine(
        assessor_id=assessor.id,
        name=assessor_name(session, assessor),
        unit=assessor.unit,
        from_register=assessor.member_id is not None,
        member_id=assessor.member_id,
        branch_id=own.id if own else None,
        branch_name=own.name if own else "",
        recused_from=[name for name, why in reasons if why],
        recusal_reasons=[why for _name, why in reasons if why],
        scores_entered=counts.get(assessor.id, 0),
        left_register=member is not None and member.deleted_at is not None,
    )


def _score_counts(session: Session, assessor_ids: list[int]) -> dict[int, int]:
    """How many cells each assessor has keyed (a cell keyed twice under 双人录入 counts once):
    counted by SQLite, not by loading the round's hundred thousand cells."""
    if not assessor_ids:
        return {}
    marks = ", ".join("?" for _ in assessor_ids)
    session.flush()
    rows = session.connection().exec_driver_sql(
        "SELECT assessor_id, COUNT(*) FROM (SELECT DISTINCT assessor_id, enrollment_id, item_id"
        f" FROM assessment WHERE assessor_id IN ({marks})) GROUP BY assessor_id",
        tuple(assessor_ids),
    )
    return {assessor_id: count for assessor_id, count in rows}


def assessor_lines(session: Session, first_year: int) -> list[AssessorLine]:
    rnd = get_round(session, first_year)
    assessors = list_assessors(session, rnd)
    enrolled = [b for _, b in enrolled_branches(session, rnd)]
    counts = _score_counts(session, [a.id for a in assessors if a.id is not None])
    return [_line_among(session, a, enrolled, counts) for a in assessors]


@dataclass(frozen=True)
class MemberChoice:
    """A member of the register as the 考核组 picker lists him."""

    member_id: int
    name: str
    gender: str
    post: str
    branch_name: str


def member_choices(session: Session) -> list[MemberChoice]:
    """Every member in the register, by branch and name, for choosing assessors."""
    rows = session.exec(
        select(Member, Branch)
        .join(Branch, col(Branch.id) == Member.branch_id)
        .where(col(Member.deleted_at).is_(None))
        .order_by(col(Branch.id), col(Member.id))
    )
    return [
        MemberChoice(m.id, m.name, m.gender, m.post, b.name)  # type: ignore[arg-type]
        for m, b in rows
    ]
