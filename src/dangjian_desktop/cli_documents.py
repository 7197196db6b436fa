"""Command line for documents: `certificates` and `notice` (DESIGN.md section 9)."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path
from typing import Any

from dangjian_desktop.documents.kinds import NOTICE_KINDS
from dangjian_desktop.errors import UserError


def _copy_out(data_root: Path, relative: str, target: Path, *, force: bool = False) -> Path:
    if target.is_dir():
        target = target / Path(relative).name
    elif target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    if target.exists() and not force:
        raise UserError(
            f"{target} 已经存在，没有覆盖。文书已登记在程序里；换一个文件名，或加 --force 覆盖。"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        shutil.copyfile(data_root / relative, partial)
        partial.replace(target)
    except OSError as exc:
        raise UserError(f"文件没有写成功（{exc.strerror}）：{target}。请换一个位置。") from exc
    return target


def cmd_certificates(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.common import COMMAND_LINE
    from dangjian_desktop.services.documents import (
        get_overlay,
        overlay_problems,
        print_certificates,
    )
    from dangjian_desktop.store.db import open_database

    with open_database(args.data) as db, db.transaction() as session:
        overlay = get_overlay(session, args.printer) if args.overlay else None
        if overlay is not None:
            for problem in overlay_problems(session, first_year=args.round, calibration=overlay):
                print(f"注意：{problem}（请在程序的“套打位置”里调整）", file=sys.stderr)
        notice = print_certificates(
            session, db.data_dir, actor=COMMAND_LINE, first_year=args.round, overlay=overlay
        )
        relative = notice.file_path
        title = notice.title
    target = _copy_out(args.data.root, relative, Path(args.to), force=args.force)
    print(f"已生成{title}：{target}")
    return 0


def cmd_notice(args: argparse.Namespace) -> int:
    from dangjian_desktop.domain.calendar import Stage
    from dangjian_desktop.services.common import COMMAND_LINE
    from dangjian_desktop.services.documents import issue_notice, preview_notice
    from dangjian_desktop.store.db import open_database

    stage = Stage(args.stage) if args.stage else None
    with open_database(args.data) as db:
        if args.draft:  # a 样稿: watermarked, no number taken, nothing recorded
            with db.session() as session:
                path = preview_notice(
                    session,
                    db.data_dir,
                    first_year=args.round,
                    kind=args.kind,
                    stage=stage,
                    honour_id=args.honour,
                )
            relative, number, title = path.relative_to(args.data.root).as_posix(), "", "样稿"
        else:
            with db.transaction() as session:
                notice = issue_notice(
                    session,
                    db.data_dir,
                    actor=COMMAND_LINE,
                    first_year=args.round,
                    kind=args.kind,
                    stage=stage,
                    honour_id=args.honour,
                    signed_on=args.date,
                )
                relative, number, title = notice.file_path, notice.number, notice.title
    target = _copy_out(args.data.root, relative, Path(args.to), force=args.force)
    print(f"已生成{number + ' ' if number else ''}{title}：{target}")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”不对，请写成 2026-06-28 这样。") from None


def register(sub: Any) -> None:
    certificates = sub.add_parser("certificates", help="打印本年度荣誉证书（一个PDF）")
    certificates.add_argument("--round", type=int, required=True, metavar="Y")
    certificates.add_argument("--to", required=True, metavar="FILE", help="PDF文件或文件夹")
    certificates.add_argument(
        "--overlay", action="store_true", help="套打：只印文字，用于印好的证书纸"
    )
    certificates.add_argument("--printer", default="默认打印机", help="套打用哪台打印机的校准位置")
    certificates.add_argument("--force", action="store_true", help="覆盖已有的同名文件")
    certificates.set_defaults(func=cmd_certificates)

    notice = sub.add_parser("notice", help="生成通知、通报、决定等文书（PDF）")
    notice.add_argument("kind", choices=NOTICE_KINDS, metavar="KIND", help="、".join(NOTICE_KINDS))
    notice.add_argument("--round", type=int, required=True, metavar="Y")
    notice.add_argument("--to", required=True, metavar="FILE", help="PDF文件或文件夹")
    notice.add_argument(
        "--stage",
        choices=("plan", "report_h2", "report_h1", "materials"),
        help="催报或半年汇报通知针对哪个阶段（默认自动判断）",
    )
    notice.add_argument(
        "--honour", type=int, metavar="ID", help="整改通知、通报批评、推荐表针对哪项荣誉"
    )
    notice.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="成文日期（默认：阶段进行中用今天，阶段已过用该阶段的日期）",
    )
    notice.add_argument(
        "--draft", action="store_true", help="只出样稿（带“样稿”水印，不编发文字号、不登记）"
    )
    notice.add_argument("--force", action="store_true", help="覆盖已有的同名文件")
    notice.set_defaults(func=cmd_notice)
