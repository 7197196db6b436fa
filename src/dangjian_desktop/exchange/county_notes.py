"""The workbook's 说明 sheet: what the package is, and the anchor of the township's audit log.

The anchor (entry count and the last entry's hash, store/seal.py) is written three times into a
package: in the database snapshot itself, in manifest.json, and here, in the workbook the
township signs off and the county prints and files. A package whose log was shortened or
recomputed after the workbook went out disagrees with the workbook; `anchor_problems` says so,
both when the township reads its package back and when the county verifies it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dangjian_desktop.errors import UserError

NOTES_SHEET = "说明"
ENTRIES = "操作日志条数"
HEAD = "操作日志最后一条的校验值"
_HEADERS = ["项目", "内容"]


def notes_rows(
    township: str, round_label: str, created: str, program: str, anchor: dict[str, Any] | None
) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows of the 说明 sheet (written like every other sheet of the workbook)."""
    rows: list[list[Any]] = [
        ["乡镇", township],
        ["年度", round_label],
        ["导出时间", created],
        ["生成程序版本", program],
    ]
    if anchor is not None:
        rows += [
            [ENTRIES, int(anchor["entries"])],
            [HEAD, str(anchor["head"]) or "（无）"],
            ["锚点的用途", "以上两项记下导出时本镇操作日志的长度和最后一条的校验值。"],
            ["", "县里接收时与数据库快照、manifest.json核对，日志被删减或改写过就对不上。"],
            ["", "请勿改动本表。"],
        ]
    return list(_HEADERS), rows


def read_anchor(workbook: Path) -> dict[str, Any] | None:
    """The anchor written in a package workbook's 说明 sheet; None when the sheet or the two
    rows are missing. UserError when the workbook cannot be opened."""
    from dangjian_desktop.exchange.county import _open_written, _row_values

    wb = _open_written(workbook)
    try:
        if NOTES_SHEET not in wb.sheetnames:
            return None
        found: dict[str, Any] = {}
        for row in wb[NOTES_SHEET].iter_rows(max_col=2):
            values = _row_values(row)
            if len(values) == 2 and values[0] in (ENTRIES, HEAD):
                found[str(values[0])] = values[1]
    finally:
        wb.close()
    if ENTRIES not in found or HEAD not in found:
        return None
    try:
        entries = int(found[ENTRIES])
    except (TypeError, ValueError):
        return None
    head = "" if found[HEAD] == "（无）" else str(found[HEAD] or "")
    return {"entries": entries, "head": head}


def anchor_problems(root: Path, recorded: dict[str, Any] | None) -> list[str]:
    """Does the workbook's 说明 sheet carry the anchor the manifest records?"""
    if recorded is None:
        return []
    workbooks = sorted(p for p in root.glob("*.xlsx") if not p.name.startswith("."))
    if len(workbooks) != 1:
        return ["报送材料里应当正好有一个汇总工作簿。"]
    try:
        written = read_anchor(workbooks[0])
    except UserError as exc:
        return [f"汇总工作簿打不开：{exc}"]
    if written is None:
        return [f"汇总工作簿的“{NOTES_SHEET}”表里没有操作日志的锚点（条数和校验值）。"]
    if written != {"entries": recorded.get("entries"), "head": recorded.get("head")}:
        return [
            f"汇总工作簿“{NOTES_SHEET}”表记载的操作日志（{written['entries']}条，校验值"
            f"{str(written['head'])[:12]}…）与数据库快照和清单记载的（{recorded.get('entries')}条，"
            f"校验值{str(recorded.get('head'))[:12]}…）不一致：材料在导出后被改动过。"
        ]
    return []
