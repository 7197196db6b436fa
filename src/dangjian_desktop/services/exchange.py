"""Excel registers into the database, and the round's county package out of it (DESIGN.md §6).

The reading, checking and writing of files is done by `dangjian_desktop.exchange`; this module
adds what needs the database: names and keys already there, the commit of an import (all rows or
none, each change audited by the register services), and the integrity check and audit entry
around the package, whose workbook data come from services/county_workbook.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, select

from dangjian_desktop.domain.validation import (
    BranchLevel,
    BranchStatus,
    level_from_name,
    level_name,
)
from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange.county import (
    ExportCancelled,
    Progress,
    VerifyResult,
    build_package,
)
from dangjian_desktop.exchange.importer import (
    BranchRow,
    ImportPreview,
    MemberRow,
    Problem,
    read_branch_register,
    read_member_register,
)
from dangjian_desktop.exchange.register_check import check_against_existing
from dangjian_desktop.services.common import (
    SYSTEM,
    Actor,
    get_round,
    label,
    log,
    snapshot,
)
from dangjian_desktop.services.county_workbook import county_data
from dangjian_desktop.services.integrity import check_open
from dangjian_desktop.services.registers import (
    BRANCH_FIELDS,
    MEMBER_FIELDS,
    STATUS_NAMES,
    BranchInput,
    MemberInput,
    add_branch,
    add_member,
    update_branch,
    update_member,
)
from dangjian_desktop.store.db import Database, shareable_snapshot
from dangjian_desktop.store.models import (
    Assessor,
    Branch,
    Enrolment,
    Honour,
    Materials,
    Member,
    Notice,
    Plan,
    ProgressReport,
)

EXPORT_ACTION = "export"


# ---------------------------------------------------------------------------------------------
# Import


@dataclass(frozen=True)
class ImportResult:
    inserted: int
    updated: int
    skipped: int  # rows that matched a record and changed nothing

    @property
    def message(self) -> str:
        text = f"新增{self.inserted}条，更新{self.updated}条"
        if self.skipped:
            text += f"，另有{self.skipped}条与程序中的记录相同，未改动"
        return text + "。"


_LABELS = {
    "name": "党组织名称",
    "level": "层级",
    "parent_name": "上级党组织",
    "branch_name": "所在党组织",
    "ethnicity": "民族",
}


def _note(preview: ImportPreview, row: int, key: str, text: str) -> None:
    """A blocking problem, naming the column as the file heads it."""
    column = preview.header(key, _LABELS[key])
    preview.problems.append(Problem(preview.sheet, row, column, f"第{row}行“{column}”：{text}"))


def _drop_blocked(preview: ImportPreview) -> None:
    blocked = preview.blocking_rows
    preview.accepted = [r for r in preview.accepted if r.row not in blocked]
    preview.problems.sort(key=lambda p: (p.row, not p.blocking))


def preview_branch_import(session: Session, path: Path | str) -> ImportPreview:
    """Read a 党组织名册 and check it against the database: what will be added, what updated, and
    every problem. Raises UserError only when the file cannot be opened."""
    preview = read_branch_register(path)
    branches = list(session.exec(select(Branch).where(col(Branch.deleted_at).is_(None))))
    by_name = {b.name: b for b in branches}
    in_file = {r.name: r for r in preview.accepted}
    # A branch that was merged or dissolved keeps its history and is not changed any more.
    for row in list(preview.accepted):
        found = by_name.get(row.name)
        if found is not None and found.status != BranchStatus.ACTIVE:
            _note(
                preview,
                row.row,
                "name",
                f"“{row.name}”在程序中{STATUS_NAMES[found.status]}，不能再导入修改，请删去这一行。",
            )
    # A 党总支 that still has 党支部 under it (in the database and not moved by the file).
    children: dict[int, list[str]] = defaultdict(list)
    for b in branches:
        if b.parent_id is not None and b.status == BranchStatus.ACTIVE:
            children[b.parent_id].append(b.name)
    for row in preview.accepted:
        found = by_name.get(row.name)
        if found is None or found.id is None or row.level != "党支部":
            continue
        staying = [
            name
            for name in children.get(found.id, [])
            if name not in in_file or in_file[name].parent_name in ("", row.name)
        ]
        if found.level == BranchLevel.GENERAL.value and staying:
            _note(
                preview,
                row.row,
                "level",
                f"“{row.name}”在程序中是党总支，下面还有{len(staying)}个党支部"
                f"（如{staying[0]}），不能改为党支部。请核对层级。",
            )
    # A parent that exists only in the database must be an active 党总支.
    for row in preview.accepted:
        if not row.parent_name or row.parent_name in in_file:
            continue
        parent = by_name.get(row.parent_name)
        if parent is None:
            continue  # check_against_existing reports it
        if parent.status != BranchStatus.ACTIVE:
            _note(
                preview,
                row.row,
                "parent_name",
                f"“{row.parent_name}”在程序中{STATUS_NAMES[parent.status]}，"
                "不能再作为上级党组织。请改正上级党组织。",
            )
        elif parent.level != BranchLevel.GENERAL.value:
            _note(
                preview,
                row.row,
                "parent_name",
                f"上级党组织“{row.parent_name}”在程序中是{level_name(parent.level)}，"
                "党支部只能挂在党总支下面。请核对上级党组织，或先在程序中把它改为党总支。",
            )
    _drop_blocked(preview)
    return check_against_existing(preview, set(by_name), set())


def preview_member_import(session: Session, path: Path | str) -> ImportPreview:
    """Read a 党员名册 and check it against the database (branches by name, members by name +
    birth date + branch). Raises UserError only when the file cannot be opened."""
    preview = read_member_register(path)
    branches = list(session.exec(select(Branch).where(col(Branch.deleted_at).is_(None))))
    by_name = {b.name: b for b in branches}
    for row in preview.accepted:
        found = by_name.get(row.branch_name)
        if found is not None and found.status != BranchStatus.ACTIVE:
            _note(
                preview,
                row.row,
                "branch_name",
                f"“{row.branch_name}”在程序中{STATUS_NAMES[found.status]}，不能再往里添加党员。"
                "请改成党员现在所在的党组织。",
            )
    _drop_blocked(preview)
    names = {b.id: b.name for b in branches}
    keys = {
        (name, birth, names[branch_id])
        for name, birth, branch_id in session.exec(
            select(Member.name, col(Member.birth_date), Member.branch_id).where(
                col(Member.deleted_at).is_(None)
            )
        )
        if branch_id in names
    }
    active = {b.name for b in branches if b.status == BranchStatus.ACTIVE}
    checked = check_against_existing(preview, active, keys)
    # The register needs a 民族 for every member; a blank one only keeps what is already there.
    replaced = False
    ethnicity_header = checked.header("ethnicity", "民族")
    for row in checked.accepted:
        if row.ethnicity or row.updates_existing:
            continue
        checked.problems = [
            p
            for p in checked.problems
            if not (p.row == row.row and not p.blocking and p.column == ethnicity_header)
        ]
        _note(
            checked, row.row, "ethnicity", "新录入的党员必须填写民族，请写全称，例如“汉族”“彝族”。"
        )
        replaced = True
    if replaced:
        _drop_blocked(checked)
    return checked


def _refuse_blocking(preview: ImportPreview, kind: str) -> None:
    """Only a preview of the `kind` register, and only one without problems, is imported."""
    if preview.kind != kind:
        raise ValueError(f"not a preview of the {kind} register")
    if preview.blocking:
        count = len(preview.blocking_rows) or 1
        raise UserError(
            f"表中还有{count}处必须改正的问题，没有导入任何数据。请按列出的问题改正表格后重新导入。"
        )


def _row_error(row: BranchRow | MemberRow, exc: UserError) -> UserError:
    return UserError(f"第{row.row}行“{row.name}”：{exc}没有导入任何数据，请改正后重新导入。")


_Saved = TypeVar("_Saved", Branch, Member)
_Input = TypeVar("_Input", BranchInput, MemberInput)


class _Tally:
    """Adds or updates the record each accepted row stands for, counting what happened."""

    def __init__(self) -> None:
        self.inserted = self.updated = self.skipped = 0

    def save(
        self,
        row: BranchRow | MemberRow,
        found: _Saved | None,
        fields: tuple[str, ...],
        data: _Input,
        add: Callable[[_Input], _Saved],
        update: Callable[[int, _Input], _Saved],
    ) -> _Saved:
        """`add` `data` when no record matched the row, else `update` the one `found` with it;
        a UserError becomes one that names the row."""
        try:
            if found is None:
                added = add(data)
                self.inserted += 1
                return added
            assert found.id is not None
            before = snapshot(found, fields)
            saved = update(found.id, data)
            if snapshot(saved, fields) != before:
                self.updated += 1
            else:
                self.skipped += 1
            return saved
        except UserError as exc:
            raise _row_error(row, exc) from exc

    def result(self) -> ImportResult:
        return ImportResult(self.inserted, self.updated, self.skipped)


def import_branches(session: Session, *, actor: Actor, preview: ImportPreview) -> ImportResult:
    """Add or update every accepted branch; 党总支 first so their 党支部 can name them.
    All or nothing: any UserError leaves the caller's transaction to roll back."""
    _refuse_blocking(preview, "branches")
    existing = {
        b.name: b for b in session.exec(select(Branch).where(col(Branch.deleted_at).is_(None)))
    }
    ids = {name: b.id for name, b in existing.items()}
    rows: list[BranchRow] = sorted(preview.accepted, key=lambda r: (r.level != "党总支", r.row))
    tally = _Tally()
    for row in rows:
        level = level_from_name(row.level)
        if level is None:
            raise _row_error(row, UserError("层级只能是党总支或党支部。"))
        found = existing.get(row.name)
        parent_id: int | None = None
        if row.parent_name:
            parent_id = ids.get(row.parent_name)
            if parent_id is None:
                raise _row_error(row, UserError(f"找不到上级党组织“{row.parent_name}”。"))
        elif found is not None and level is BranchLevel.BRANCH:
            parent_id = found.parent_id  # a blank cell keeps the branch where it is
        data = BranchInput(
            name=row.name,
            level=level.value,
            sector=row.sector,
            parent_id=parent_id,
            ethnic_area=row.ethnic_area,
            secretary=row.secretary or (found.secretary if found else ""),
            phone=row.phone or (found.phone if found else ""),
            founded=row.founded or (found.founded if found else None),
            remark=row.remark or (found.remark if found else ""),
        )
        branch = tally.save(
            row,
            found,
            BRANCH_FIELDS,
            data,
            lambda new: add_branch(session, actor=actor, data=new),
            lambda found_id, new: update_branch(session, actor=actor, branch_id=found_id, data=new),
        )
        ids[branch.name] = branch.id
    return tally.result()


def import_members(session: Session, *, actor: Actor, preview: ImportPreview) -> ImportResult:
    """Add or update every accepted member (matched by name + birth date + branch).
    All or nothing: any UserError leaves the caller's transaction to roll back."""
    _refuse_blocking(preview, "members")
    branch_ids = {
        b.name: b.id
        for b in session.exec(
            select(Branch).where(
                col(Branch.deleted_at).is_(None), Branch.status == BranchStatus.ACTIVE
            )
        )
    }
    members = {
        (m.name, m.birth_date, m.branch_id): m
        for m in session.exec(select(Member).where(col(Member.deleted_at).is_(None)))
    }
    tally = _Tally()
    for row in preview.accepted:
        assert isinstance(row, MemberRow)
        branch_id = branch_ids.get(row.branch_name)
        if branch_id is None:
            raise _row_error(
                row, UserError(f"程序中没有党组织“{row.branch_name}”，请先导入党组织名册。")
            )
        found = members.get((row.name, row.birth_date, branch_id))
        data = MemberInput(
            name=row.name,
            gender=row.gender,
            ethnicity=row.ethnicity or (found.ethnicity if found else ""),
            branch_id=branch_id,
            birth_date=row.birth_date,
            joined_on=row.joined_on,
            kind=row.kind,
            post=row.post,
            phone=row.phone or (found.phone if found else ""),
            remark=found.remark if found else "",
        )
        member = tally.save(
            row,
            found,
            MEMBER_FIELDS,
            data,
            lambda new: add_member(session, actor=actor, data=new),
            lambda found_id, new: update_member(session, actor=actor, member_id=found_id, data=new),
        )
        members[(member.name, member.birth_date, member.branch_id)] = member
    return tally.result()


# ---------------------------------------------------------------------------------------------
# The package


@dataclass(frozen=True)
class ExportSummary:
    """What a package of the round will hold, for the 报送县委 page before it starts."""

    round_label: str
    branches: int
    members: int
    receipts: int
    scores: int
    honours: int
    pdfs: int


def round_pdfs(session: Session, data_root: Path, first_year: int) -> list[Path]:
    """Every PDF issued in the round (notices, forms, decisions) that has a file."""
    rnd = get_round(session, first_year)
    notices = session.exec(
        select(Notice)
        .where(Notice.round_id == rnd.id, Notice.file_path != "")
        .order_by(col(Notice.signed_on), col(Notice.id))
    )
    return [data_root / n.file_path for n in notices]


def export_summary(session: Session, data_root: Path, first_year: int) -> ExportSummary:
    rnd = get_round(session, first_year)

    def count(query: Any) -> int:
        return int(session.exec(query).one())

    def receipts(model: Any) -> int:
        return count(
            select(func.count())
            .select_from(model)
            .join(Enrolment, col(Enrolment.id) == model.enrollment_id)
            .where(
                Enrolment.round_id == rnd.id,
                col(Enrolment.withdrawn_at).is_(None),
                col(model.deleted_at).is_(None),
            )
        )

    from dangjian_desktop.store.models import Assessment

    return ExportSummary(
        round_label=label(rnd),
        branches=count(
            select(func.count()).select_from(Branch).where(col(Branch.deleted_at).is_(None))
        ),
        members=count(
            select(func.count()).select_from(Member).where(col(Member.deleted_at).is_(None))
        ),
        receipts=receipts(Plan) + receipts(ProgressReport) + receipts(Materials),
        scores=count(
            select(func.count())
            .select_from(Assessment)
            .join(Assessor, col(Assessor.id) == Assessment.assessor_id)
            .where(
                Assessor.round_id == rnd.id,
                col(Assessor.deleted_at).is_(None),
                Assessment.entry == 1,
            )
        ),
        honours=count(select(func.count()).select_from(Honour).where(Honour.round_id == rnd.id)),
        pdfs=len(round_pdfs(session, data_root, first_year)),
    )


def integrity_problems(db: Database) -> list[str]:
    """The full check the county package needs first: the file, references, attachments,
    issued documents and the audit chain; the file's own integrity check runs beside the
    contents and, when it finds damage, only the damage is reported."""
    return check_open(db)


def export_county_package(
    db: Database,
    first_year: int,
    target_dir: Path | str,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    actor: Actor = SYSTEM,
) -> tuple[Path, VerifyResult]:
    """Check the database in full, then build, copy and verify the round's package in
    `target_dir`; audit it as 报送县委. Returns the package folder and the verification of the
    package as it was read back from there (every file against the manifest, the audit-log
    anchors). UserError on any problem (ExportCancelled when `cancelled()` turned true): then
    nothing complete-looking is left."""
    if not Path(target_dir).is_dir():  # said at once, not after the long checks
        raise UserError(f"找不到“{target_dir}”。U盘已拔出或无法写入，请插好U盘后重新选择位置。")
    if progress is not None:
        progress(0, "正在全面检查数据库…")
    problems = integrity_problems(db)
    if problems:
        listed = "\n".join(f"· {p}" for p in problems[:10])
        more = f"\n……共{len(problems)}处" if len(problems) > 10 else ""
        raise UserError(
            f"数据检查发现问题，没有导出报送材料：\n{listed}{more}\n"
            "请先处理这些问题（可从备份恢复），再重新导出。"
        )
    if cancelled is not None and cancelled():
        raise ExportCancelled()
    if progress is not None:
        progress(2, "正在读取本年度的数据…")
    with db.session() as session:
        data = county_data(session, first_year)
        pdfs = round_pdfs(session, db.data_dir.root, first_year)
    folder, verified = build_package(
        data,
        pdfs,
        lambda target: shareable_snapshot(db.path, target),  # no password hashes
        Path(target_dir),
        progress=progress,
        cancelled=cancelled,
    )
    with db.transaction() as session:
        rnd = get_round(session, first_year)
        log(
            session,
            actor,
            EXPORT_ACTION,
            rnd,
            f"报送县委：{label(rnd)}报送材料已导出并核对，位置：{folder}",
            new={"folder": str(folder), "pdfs": len(pdfs)},
        )
    return folder, verified
