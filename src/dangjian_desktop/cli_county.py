"""The county's commands (`dangjian-desktop --county --data-dir DIR county …`): receive the
townships' packages, see the county at a glance, search the registers, write the county workbook.
`--database postgresql+psycopg://…` uses the county's server instead of the folder's SQLite file."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from typing import Any

from dangjian_desktop.errors import UserError

EXIT_OK, EXIT_PROBLEM = 0, 1


def _actor() -> Any:
    from dangjian_desktop.services.county_audit import CountyActor

    return CountyActor(os.environ.get("DANGJIAN_OPERATOR", "命令行"))


def open_county(args: argparse.Namespace) -> Any:
    from dangjian_desktop.store.county_db import open_county_database

    return open_county_database(args.data.root, getattr(args, "database", None))


def cmd_receive(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.county_receive import find_packages, receive_package

    refused = 0
    with open_county(args) as db:
        for package in find_packages(args.folders):
            try:
                done = receive_package(
                    db, package, actor=_actor(), confirm_reason=args.reason or ""
                )
            except UserError as exc:
                refused += 1
                print(f"拒收 {package}：{exc}", file=sys.stderr)
                continue
            what = "重新报送，已替换上次的材料" if done.replaced else "已接收"
            print(
                f"{done.township}{done.round_label}：{what}（{done.members}名党员，{done.attachments}份文书）"
            )
            if done.replaced:
                for line in done.changes.lines():
                    print(f"  {line}")
    return EXIT_PROBLEM if refused else EXIT_OK


def cmd_overview(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from dangjian_desktop.services import county_view

    with open_county(args) as db, db.reading() as conn:
        year = county_view.require_year(conn, args.round)
        rows = county_view.overview(conn, year)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{year}—{year + 1}年度 各乡镇报送情况")
    for r in rows:
        stages = "  ".join(f"{k}:{v}" for k, v in r.stages.items())
        print(
            f"{r.township}\t{r.punctuality}\t{r.submitted or '—'}\t重报{r.resubmissions}次\t"
            f"先进{r.advanced}/名额{r.quota}\t荣誉{r.honours}（撤销{r.revoked}）\t{stages}"
        )
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import county_view

    with open_county(args) as db, db.reading() as conn:
        hits = county_view.search_members(conn, args.name)
    for h in hits:
        print(f"{h.township}\t{h.name}\t{h.gender}\t{h.ethnicity}\t{h.kind}\t{h.post}\t{h.branch}")
    print(
        f"共{len(hits)}人" + ("（只列出前500人）" if len(hits) >= county_view.SEARCH_LIMIT else "")
    )
    return EXIT_OK


def cmd_workbook(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import county_view
    from dangjian_desktop.services.county_outputs import write_county_summary

    with open_county(args) as db:
        with db.reading() as conn:
            year = county_view.require_year(conn, args.round)
        path = write_county_summary(db, year, args.to)
    print(f"全县汇总工作簿已写好：{path}")
    return EXIT_OK


def cmd_due(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.county_view import set_county_due

    with open_county(args) as db:
        set_county_due(db, args.round, args.date, actor=_actor())
    print(f"{args.round}—{args.round + 1}年度报送截止日期：{args.date}")
    return EXIT_OK


def cmd_name(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.county_receive import set_county_name

    with open_county(args) as db:
        set_county_name(db, args.name, actor=_actor())
    print(f"本县名称：{args.name}")
    return EXIT_OK


def cmd_county_demo(args: argparse.Namespace) -> int:
    """`demo --county N`: N townships' packages in DIR/演示U盘, the county folder set up."""
    from dangjian_desktop.services.county_demo import PACKAGES_DIR, build_county_demo
    from dangjian_desktop.services.county_receive import set_county_name
    from dangjian_desktop.services.county_view import set_county_due

    demo = build_county_demo(
        args.data.root,
        args.county_townships,
        seed=args.seed,
        progress=lambda msg: print(f"… {msg}", file=sys.stderr),
    )
    with open_county(args) as db:
        set_county_name(db, demo.county, actor=_actor())
        set_county_due(db, demo.first_year, demo.due, actor=_actor())
    print(
        f"已生成{demo.county}{args.county_townships}个乡镇的报送材料（其中{len(demo.late)}个逾期、"
        f"1个重新报送）：{args.data.root / PACKAGES_DIR}\n"
        f"接收：dangjian-desktop --county --data-dir {args.data.root} county receive "
        f"{args.data.root / PACKAGES_DIR}"
    )
    return EXIT_OK


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，而不是“{text}”") from exc


def register(sub: Any) -> None:
    county = sub.add_parser("county", help="县委组织部：接收各乡镇报送材料、全县汇总")
    commands = county.add_subparsers(dest="county_command", metavar="COMMAND", required=True)

    receive = commands.add_parser("receive", help="接收U盘上的报送材料（可给多个文件夹）")
    receive.add_argument("folders", nargs="+", metavar="FOLDER")
    receive.add_argument(
        "--reason", help="材料与上次收到的不衔接时，确认接收的原因（记入操作日志）"
    )
    receive.set_defaults(func=cmd_receive)

    overview = commands.add_parser("status", help="各乡镇各阶段的报送情况、先进名额、荣誉")
    overview.add_argument("--round", type=int, metavar="Y")
    overview.add_argument("--json", action="store_true")
    overview.set_defaults(func=cmd_overview)

    search = commands.add_parser("search", help="在全县党员名册中按姓名查找")
    search.add_argument("name")
    search.set_defaults(func=cmd_search)

    workbook = commands.add_parser("workbook", help="导出全县汇总工作簿")
    workbook.add_argument("--round", type=int, metavar="Y")
    workbook.add_argument("--to", required=True, metavar="FILE.xlsx")
    workbook.set_defaults(func=cmd_workbook)

    due = commands.add_parser("due", help="设定某年度报送材料的截止日期")
    due.add_argument("round", type=int, metavar="Y")
    due.add_argument("date", type=_date, metavar="YYYY-MM-DD")
    due.set_defaults(func=cmd_due)

    name = commands.add_parser("name", help="设定本县名称（别县的材料会被拒收）")
    name.add_argument("name")
    name.set_defaults(func=cmd_name)
