"""The registers page's listings (one Core query each) say what the ORM objects say."""

from __future__ import annotations

import datetime as dt

from dangjian_desktop.domain.validation import LEVEL_NAMES, BranchLevel
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import registers
from dangjian_desktop.services.common import SYSTEM
from dangjian_desktop.store.db import open_database


def _expected_branches(session, deleted: bool) -> list[registers.BranchRow]:  # type: ignore[no-untyped-def]
    """The listing worked out the slow way, from ORM objects."""
    branches = registers.deleted_branches(session) if deleted else registers.list_branches(session)
    every = {b.id: b.name for b in registers.list_branches(session)}
    every.update({b.id: b.name for b in registers.deleted_branches(session)})
    members = registers.list_members(session)
    return [
        registers.BranchRow(
            id=b.id,
            name=b.name,
            level=b.level,
            level_name=LEVEL_NAMES[BranchLevel(b.level)],
            parent_id=b.parent_id,
            parent_name=every.get(b.parent_id, "") if b.parent_id else "",
            sector=b.sector,
            ethnic_area=b.ethnic_area,
            secretary=b.secretary,
            phone=b.phone,
            founded=b.founded,
            status=b.status,
            status_name=registers.STATUS_NAMES[b.status],
            member_count=sum(1 for m in members if m.branch_id == b.id),
            remark=b.remark,
            deleted_at=b.deleted_at,
        )
        for b in sorted(branches, key=lambda b: b.id or 0)
    ]


def test_branch_and_member_rows_match_the_registers(data_dir: DataDir) -> None:
    db = open_database(data_dir)
    B = registers.BranchInput
    with db.transaction() as session:
        general = registers.add_branch(
            session,
            actor=SYSTEM,
            data=B(
                name="石龙村党总支",
                level="general_branch",
                secretary="王芳",
                founded=dt.date(1965, 10, 1),
                ethnic_area=True,
            ),
        ).id
        assert general is not None
        one = registers.add_branch(
            session, actor=SYSTEM, data=B(name="一组党支部", parent_id=general)
        )
        two = registers.add_branch(
            session, actor=SYSTEM, data=B(name="二组党支部", parent_id=general)
        )
        spare = registers.add_branch(session, actor=SYSTEM, data=B(name="录错的党支部"))
        assert one.id and two.id and spare.id
        people = [
            registers.MemberInput(
                name=name,
                gender="女",
                ethnicity="彝族",
                branch_id=branch,
                birth_date=dt.date(1980, 1, i + 1),
                joined_on=dt.date(2005, 7, 1) if i % 2 else None,
                phone="13800000000" if i == 0 else "",
                remark="备注" if i == 1 else "",
            )
            for i, (name, branch) in enumerate(
                [("李娜", one.id), ("张伟", one.id), ("王强", two.id), ("赵敏", general)]
            )
        ]
        ids = [registers.add_member(session, actor=SYSTEM, data=p).id for p in people]
        assert all(ids)
    with db.transaction() as session:
        registers.delete_member(session, actor=SYSTEM, member_id=ids[1] or 0)
        registers.delete_branch(session, actor=SYSTEM, branch_id=spare.id)
        registers.merge_branch(session, actor=SYSTEM, branch_id=two.id, into_id=one.id)
    with db.session() as session:
        assert registers.branch_rows(session) == _expected_branches(session, deleted=False)
        assert registers.deleted_branch_rows(session) == _expected_branches(session, deleted=True)
        counts = {b.name: b.member_count for b in registers.branch_rows(session)}
        assert counts == {"石龙村党总支": 1, "一组党支部": 2, "二组党支部": 0}
        names = {b.id: b.name for b in registers.branch_rows(session)}
        for rows, members in (
            (registers.member_rows(session), registers.list_members(session)),
            (registers.deleted_member_rows(session), registers.deleted_members(session)),
        ):
            assert rows == [
                registers.MemberRow(
                    m.id or 0,
                    m.name,
                    m.gender,
                    m.ethnicity,
                    m.birth_date,
                    m.joined_on,
                    m.kind,
                    m.post,
                    m.branch_id,
                    names[m.branch_id],
                    m.phone,
                    m.remark,
                    m.deleted_at,
                )
                for m in sorted(members, key=lambda m: m.id or 0)
            ]
        deleted = registers.deleted_member_rows(session)
        assert [m.name for m in deleted] == ["张伟"] and deleted[0].deleted_at is not None
        listed = registers.member_rows(session)
        assert listed[0].deleted_at is None
        # a value the members share is one object in the list, not one per member
        assert len(listed) == 3 and listed[0].branch_name == listed[1].branch_name
        assert listed[0].branch_name is listed[1].branch_name
        assert {id(row.gender) for row in listed} == {id(listed[0].gender)}
        assert {id(row.ethnicity) for row in listed} == {id(listed[0].ethnicity)}
    db.close()
