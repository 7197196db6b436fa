"""Commands of the exchange layer: register import, the county package and its check, templates.

Registered by `cli.extra_commands`. Importing this module stays cheap (argparse only); the work
modules are imported when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dangjian_desktop.cli_output import EXIT_OK, EXIT_PROBLEM, print_json

BRANCH_TEMPLATE = "党组织名册模板.xlsx"
MEMBER_TEMPLATE = "党员名册模板.xlsx"


def _actor() -> Any:
    from dangjian_desktop.services.common import COMMAND_LINE

    return COMMAND_LINE


# ---------------------------------------------------------------- import


def _problem_json(problem: Any) -> dict[str, Any]:
    return {
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "message": problem.message,
        "blocking": problem.blocking,
    }


def _print_preview(preview: Any, what: str) -> None:
    where = f"工作表“{preview.sheet}”" if preview.sheet else "文件"
    print(f"{what}：{where}读取{preview.rows_read}行，可导入{len(preview.accepted)}行。")
    if not preview.problems:
        return
    print("问题清单（按行排列）：")
    for problem in preview.problems:
        mark = "必须改正" if problem.blocking else "提示"
        print(f"  [{mark}] {problem.message}")


def _run_import(args: argparse.Namespace, kind: str) -> int:
    from dangjian_desktop.services import exchange
    from dangjian_desktop.store.db import open_database

    what = "党组织名册" if kind == "branches" else "党员名册"
    preview_fn = (
        exchange.preview_branch_import if kind == "branches" else exchange.preview_member_import
    )
    import_fn = exchange.import_branches if kind == "branches" else exchange.import_members
    with open_database(args.data) as db:
        with db.session() as session:
            preview = preview_fn(session, Path(args.file))
        blocking = preview.blocking
        result = None
        if not blocking and not args.dry_run:
            with db.transaction() as session:
                result = import_fn(session, actor=_actor(), preview=preview)
    new = sum(1 for row in preview.accepted if not row.updates_existing)
    if args.json:
        data: dict[str, Any] = {
            "rows_read": preview.rows_read,
            "accepted": len(preview.accepted),
            "inserted": result.inserted if result else 0,
            "updated": result.updated if result else 0,
            "problems": [_problem_json(p) for p in preview.problems],
        }
        if args.dry_run:
            data["dry_run"] = True
            data["would_insert"] = 0 if blocking else new
            data["would_update"] = 0 if blocking else len(preview.accepted) - new
        print_json(data)
    else:
        _print_preview(preview, what)
    if blocking:
        count = len(preview.blocking_rows) or 1
        print(
            f"有{count}处问题必须改正，没有导入任何数据。请改正表格后重新导入。",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    if not args.json:
        if args.dry_run:
            print(
                f"试导入（--dry-run）：将新增{new}条，更新{len(preview.accepted) - new}条；"
                "没有改动任何数据。"
            )
        elif result is not None:
            print(f"已导入{what}：{result.message}")
    return EXIT_OK


def cmd_import_branches(args: argparse.Namespace) -> int:
    return _run_import(args, "branches")


def cmd_import_members(args: argparse.Namespace) -> int:
    return _run_import(args, "members")


# ---------------------------------------------------------------- county package


def cmd_export(args: argparse.Namespace) -> int:
    from dangjian_desktop.cli import _round_year
    from dangjian_desktop.services.exchange import export_county_package
    from dangjian_desktop.store.db import open_database

    with open_database(args.data) as db:
        with db.session() as session:
            year = _round_year(session, args.round)
        folder, result = export_county_package(
            db,
            year,
            Path(args.to),
            progress=lambda _percent, text: print(f"… {text}", file=sys.stderr),
            actor=_actor(),
        )
    print(f"报送材料已写入：{folder}")
    if not result.ok:  # the copy as read back from the target
        for problem in result.problems:
            print(f"问题：{problem}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"已校验，共{result.files_checked}个文件。")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from dangjian_desktop.exchange.county import verify_package

    result = verify_package(Path(args.dir), after=Path(args.after) if args.after else None)
    if args.json:
        print_json(
            {"ok": result.ok, "files_checked": result.files_checked, "problems": result.problems}
        )
    elif result.ok:
        print(f"校验通过：共{result.files_checked}个文件，与清单完全一致。")
    else:
        print(
            f"校验未通过（已核对{result.files_checked}个文件），发现{len(result.problems)}处问题：",
            file=sys.stderr,
        )
        for problem in result.problems:
            print(f"  {problem}", file=sys.stderr)
    return result.exit_code


# ---------------------------------------------------------------- templates


def write_templates(folder: Path) -> list[Path]:
    from dangjian_desktop.errors import UserError
    from dangjian_desktop.exchange.templates import write_branch_template, write_member_template

    try:
        folder.mkdir(parents=True, exist_ok=True)
        branch, member = folder / BRANCH_TEMPLATE, folder / MEMBER_TEMPLATE
        write_branch_template(branch)
        write_member_template(member)
    except OSError as exc:
        raise UserError(
            f"无法在“{folder}”写入模板（{exc.strerror or exc}）。"
            "如果模板正在Excel或WPS中打开，请先关闭；或换一个文件夹。"
        ) from exc
    return [branch, member]


def cmd_templates(args: argparse.Namespace) -> int:
    for path in write_templates(Path(args.to)):
        print(f"已写入空白模板：{path}")
    return EXIT_OK


# ---------------------------------------------------------------- parser


def register(sub: Any) -> None:
    """Add the exchange commands to the main parser's subcommands."""
    for name, kind, func in (
        ("import-branches", "党组织名册", cmd_import_branches),
        ("import-members", "党员名册", cmd_import_members),
    ):
        command = sub.add_parser(name, help=f"从Excel导入{kind}（全部导入或全不导入）")
        command.add_argument("file", metavar="FILE", help=f"{kind}的.xlsx文件")
        command.add_argument("--dry-run", action="store_true", help="只检查、列出问题，不导入")
        command.add_argument("--json", action="store_true")
        command.set_defaults(func=func)

    export = sub.add_parser("export", help="把本年度的报送材料导出到U盘或文件夹，并核对")
    export.add_argument(
        "--round", type=int, metavar="Y", help="年度的第一年，如 2025 表示2025—2026年度"
    )
    export.add_argument("--to", required=True, metavar="DIR", help="U盘或目标文件夹")
    export.set_defaults(func=cmd_export)

    verify = sub.add_parser("verify", help="核对一份报送材料：缺少、多出或改动的文件")
    verify.add_argument("dir", metavar="DIR", help="报送材料文件夹（含manifest.json）")
    verify.add_argument(
        "--after",
        metavar="EARLIER",
        help="早先收到的同一个镇的报送材料：核对这份材料的操作日志是否接着那份往下记",
    )
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(func=cmd_verify)

    templates = sub.add_parser("templates", help="写出空白的党组织名册和党员名册模板")
    templates.add_argument("--to", required=True, metavar="DIR", help="保存模板的文件夹")
    templates.set_defaults(func=cmd_templates)
