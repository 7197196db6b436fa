"""A register read from a file, checked against what the program already holds: which rows
update an existing record, and which name a branch the program does not know."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from dangjian_desktop.exchange.importer import (
    BranchRow,
    ImportPreview,
    Problem,
    clean_name,
    sort_problems,
)


def check_against_existing(
    preview: ImportPreview,
    existing_branch_names: set[str],
    existing_member_keys: set[tuple[str, dt.date | None, str]],
    *,
    pending_branch_names: Iterable[str] = (),
) -> ImportPreview:
    """A copy of `preview` with rows that will update an existing record marked (and noted), and
    references to unknown branches flagged as blocking. `pending_branch_names` are branches
    about to be imported in the same operation (a branch register read alongside)."""
    result = dataclasses.replace(preview, accepted=[], problems=list(preview.problems))
    existing = {clean_name(n) for n in existing_branch_names}
    members = {(clean_name(n), b, clean_name(br)) for n, b, br in existing_member_keys}
    pending = {clean_name(n) for n in pending_branch_names}

    known = existing | pending
    in_file = {r.name for r in preview.accepted} if preview.kind == "branches" else set()
    for row in preview.accepted:
        if isinstance(row, BranchRow):
            refused = bool(row.parent_name) and row.parent_name not in known | in_file
            refusal = (
                "parent_name",
                "上级党组织",
                f"“{row.parent_name}”既不在程序中，也不在本表中。请先录入这个党总支，或改正名称。",
            )
            updates = row.name in existing
            update = ("name", "党组织名称", f"“{row.name}”已在程序中，导入时将更新它的信息。")
        else:
            refused = row.branch_name not in known
            refusal = (
                "branch_name",
                "所在党组织",
                f"“{row.branch_name}”不在程序的党组织中。请先导入党组织名册，"
                "或把名称改成与程序中一致。",
            )
            updates = (row.name, row.birth_date, row.branch_name) in members
            update = (
                "name",
                "姓名",
                f"“{row.name}”已在程序中（出生日期和所在党组织相同），导入时将更新其信息。",
            )
        if refused or updates:
            key, label, text = refusal if refused else update
            column = preview.header(key, label)
            result.problems.append(
                Problem(preview.sheet, row.row, column, f"第{row.row}行“{column}”：{text}", refused)
            )
        if not refused:
            result.accepted.append(dataclasses.replace(row, updates_existing=updates))
    sort_problems(result)
    return result
