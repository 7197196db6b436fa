"""Command line: the same services without a window (DESIGN.md section 9).

Exit codes: 0 fine, 1 a problem was found (told on stderr in Chinese), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from dangjian_desktop import __version__, clock
from dangjian_desktop.cli_output import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, pad, print_json
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir, make_private

log = logging.getLogger("dangjian_desktop")


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese usage errors, still exiting 2."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"用法错误：{message}\n请用 --help 查看可用的命令和参数。\n")
        raise SystemExit(EXIT_USAGE)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"日期“{text}”格式不对，应写成 YYYY-MM-DD，如 2026-05-10"
        ) from exc


LOG_MAX_BYTES = 2_000_000
LOG_KEEP = 5


def _rotate_log(path: Path) -> None:
    """dangjian.log → dangjian.log.1 → … → .5 when it has grown past 2 MB. Done once at start
    (a plain FileHandler then appends) so starting the window does not import logging.handlers
    with its sockets and pickling."""
    try:
        if not path.exists() or path.stat().st_size < LOG_MAX_BYTES:
            return
        for number in range(LOG_KEEP - 1, 0, -1):
            older = path.with_name(f"{path.name}.{number}")
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{number + 1}"))
        path.replace(path.with_name(f"{path.name}.1"))
    except OSError:
        pass  # another program holds the file (Windows): keep appending to it


def setup_logging(data_dir: DataDir) -> None:
    """A log file in the data folder, rotated at start; tracebacks go there, never to the user."""
    path = data_dir.logs / "dangjian.log"
    try:
        data_dir.logs.mkdir(mode=0o700, parents=True, exist_ok=True)
        _rotate_log(path)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        make_private(path)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for previous in root.handlers:
        if isinstance(previous, logging.FileHandler):  # a data folder opened before this one
            previous.close()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def _open(args: argparse.Namespace) -> Any:
    from dangjian_desktop.store.db import open_database

    # a reading command beside the open window reads the database as it is (no upgrade)
    return open_database(args.data, migrate=not getattr(args, "beside_owner", False))


WRITING_COMMANDS = {
    "demo",
    "backup",
    "restore",
    "import-branches",
    "import-members",
    "export",
    "certificates",
    "notice",
}
"""Commands that change the data folder: each runs only as its only writer (store/folder_lock.py),
the same lock the window takes, or is refused naming who holds it."""
READING_COMMANDS = {"status", "check"}
"""Commands that only read: beside the window they run without upgrading the database."""


def _round_year(session: Any, wanted: int | None) -> int:
    from dangjian_desktop.domain.calendar import round_year_for
    from dangjian_desktop.services.common import get_round, latest_round

    if wanted is not None:
        return get_round(session, wanted).first_year
    year = round_year_for(clock.today())
    from sqlmodel import select

    from dangjian_desktop.store.models import Round

    if session.exec(select(Round).where(Round.first_year == year)).first() is not None:
        return year
    latest = latest_round(session)
    if latest is None:
        raise UserError("还没有任何创建年度。请先运行程序填写本镇信息并新建年度，或运行 demo。")
    return int(latest.first_year)


# ---------------------------------------------------------------- commands


def cmd_demo(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.demo import build_demo

    if args.county_townships:
        from dangjian_desktop import cli_county

        return cli_county.cmd_county_demo(args)
    with _open(args) as db:
        summary = build_demo(
            db,
            branches=args.branches,
            members=args.members,
            seed=args.seed,
            progress=lambda msg: print(f"… {msg}", file=sys.stderr),
        )
    print(
        f"演示数据已建好：{summary.township}，{summary.branches}个党组织，{summary.members}名党员，"
        f"年度 {', '.join(str(y) for y in summary.rounds)}。数据文件夹：{args.data.root}"
    )
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.common import get_round
    from dangjian_desktop.services.status import round_status

    with _open(args) as db, db.session() as session:
        year = _round_year(session, args.round)
        report = round_status(session, get_round(session, year), clock.today())
    if args.json:
        print_json(report.to_json())
        return EXIT_OK
    print(
        f"{report.label}　今天 {report.today}　当前阶段：{report.current_stage}　申报单位 {report.enrolled} 个"
    )
    columns = (("按时", 6), ("逾期报送", 10), ("未报", 6), ("未到期", 8))
    print(pad("阶段", 40) + pad("截止", 12) + "".join(pad(n, w, right=True) for n, w in columns))
    for stage in report.stages:
        counts = (stage.on_time, stage.late, stage.missing, stage.pending)
        print(
            pad(stage.name, 40)
            + pad(stage.due, 12)
            + "".join(pad(str(c), w, right=True) for c, (_, w) in zip(counts, columns, strict=True))
        )
        if stage.overdue:
            print(f"　　已逾期未报：{'、'.join(stage.overdue)}")
    for step in report.milestones:
        print(pad(step.name, 40) + pad(step.due, 12) + step.state)
        if step.warning:
            print(f"　　注意：{step.warning}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.integrity import check_folder

    # a reading command beside the open window reads the database as it is (no upgrade)
    problems = check_folder(args.data, migrate=not getattr(args, "beside_owner", False))
    if args.json:
        print_json({"ok": not problems, "problems": problems})
    elif problems:
        for problem in problems:
            print(f"问题：{problem}", file=sys.stderr)
    else:
        print(
            "检查完毕：数据库完好，附件和文书齐全，操作日志未被改动，各表数据与校验值和锚点相符。"
        )
    return EXIT_PROBLEM if problems else EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from dangjian_desktop.store.backup import create_backup, read_backup_info

    db = _open(args)  # runs migrations, refuses a damaged file
    db.close()
    path = create_backup(args.data, Path(args.to) if args.to else None)
    print(f"已备份到：{path}")
    info = read_backup_info(path)
    if info.problem:
        print(
            f"注意：备份已写好，但数据本身有问题（{info.problem}）。请运行 check 查看。",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from dangjian_desktop.store.backup import chain_warning, check_backup, restore_backup

    source = Path(args.file)
    if not source.is_file():
        raise UserError(f"找不到备份文件：{source}")
    info = check_backup(source)
    print(f"将恢复：{info.describe()}，文件 {source.name}")
    warning = chain_warning(args.data, info)
    if warning:
        print(warning, file=sys.stderr)
    safety = restore_backup(args.data, source)
    db = _open(args)  # upgrade an older backup to the current schema
    db.close()
    if safety:
        print(f"已恢复。恢复前的数据另存为：{safety}")
    else:
        print("已恢复。")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from dangjian_desktop.gui.app import run
    from dangjian_desktop.winmutex import hold_windows_mutex

    hold_windows_mutex()  # the Windows installer refuses to run while this mutex exists

    # not from store.county_db: that imports SQLAlchemy, a second before the window shows
    from dangjian_desktop.store.plain_read import is_county_folder

    if args.county or is_county_folder(args.data.root):
        from dangjian_desktop.gui.county_window import run_county

        return run_county(args.data, args.database, crash_dialog=not args.no_crash_dialog)
    code = run(args.data, crash_dialog=not args.no_crash_dialog)
    if code == 0 and is_county_folder(args.data.root):  # the wizard chose 县委组织部
        from dangjian_desktop.gui.county_window import run_county

        return run_county(args.data, args.database, crash_dialog=not args.no_crash_dialog)
    return code


# ---------------------------------------------------------------- parser


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="数据文件夹（默认在用户数据目录，也可用 DANGJIAN_DATA_DIR）",
    )
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", type=_date, help="把今天当作这一天（培训、测试用）"
    )
    parser.add_argument(
        "--county", action="store_true", help="县委组织部：打开县级数据文件夹（接收各乡镇报送材料）"
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="县级数据库服务器，如 postgresql+psycopg://用户@服务器/数据库（默认用数据文件夹里的文件）",
    )
    parser.add_argument("--no-crash-dialog", action="store_true", help="出错时不弹窗（测试用）")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="检查安装好的程序能否正常工作（在临时文件夹中进行，不动数据）",
    )


class _NotTheWindow(Exception):
    """The command line asks for more than the window (a command, help, or a mistake)."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise _NotTheWindow(message)


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a plain start of the window, read without building every command's parser
    (about 15 ms of the window's first paint); None when `argv` names a command, asks for help or
    the version, or has a mistake: the full parser (`build_parser`) reads it then, and says so."""
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return None
    parser = _WindowParser(prog="dangjian-desktop", add_help=False)
    _global_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotTheWindow:
        return None
    if rest:
        return None
    args.command = None
    return args


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dangjian-desktop",
        description="党建先进单位创建管理。不带命令时打开程序窗口。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", help="在空的数据文件夹里建一个演示用的镇")
    demo.add_argument("--branches", type=int, default=40, help="党组织数（默认40）")
    demo.add_argument("--members", type=int, default=1200, help="党员数（默认1200）")
    demo.add_argument("--seed", type=int, default=2024, help="随机种子")
    demo.add_argument(
        "--county",
        type=int,
        metavar="N",
        dest="county_townships",
        help="模拟一个县：生成N个乡镇的报送材料（县级演示）",
    )
    demo.set_defaults(func=cmd_demo)

    status = sub.add_parser("status", help="本年度各阶段的报送情况")
    status.add_argument(
        "--round", type=int, metavar="Y", help="年度的第一年，如 2025 表示2025—2026年度"
    )
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=cmd_status)

    check = sub.add_parser("check", help="检查数据库、附件和操作日志是否完好")
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=cmd_check)

    backup = sub.add_parser("backup", help="备份数据（数据库和附件）")
    backup.add_argument(
        "--to", metavar="FILE", help="备份文件或文件夹（默认在数据文件夹的 backups 里）"
    )
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser("restore", help="从备份恢复（会先备份现有数据）")
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(func=cmd_restore)

    for register in extra_commands():
        register(sub)
    return parser


def extra_commands() -> list[Callable[[Any], None]]:
    """Later layers (documents, exchange, county, bench) add their commands here; imported when
    the full parser is built (argparse only at their import), never for a plain start."""
    from dangjian_desktop import bench, cli_county, cli_documents, cli_exchange

    return [cli_documents.register, cli_exchange.register, cli_county.register, bench.register]


def _as_only_writer(args: argparse.Namespace, func: Callable[[argparse.Namespace], int]) -> int:
    """Run a command holding the data folder when it writes (or, reading, when nobody else
    holds it); the window takes the same lock itself."""
    from dangjian_desktop.store.folder_lock import FolderBusy, FolderLock

    command = getattr(args, "command", None)
    if command not in WRITING_COMMANDS | READING_COMMANDS:
        return func(args)
    lock = FolderLock(args.data.root)
    owner = lock.try_acquire()
    if owner is not None:
        if command in WRITING_COMMANDS:
            raise FolderBusy(args.data.root, owner)
        args.beside_owner = True
    try:
        return func(args)
    finally:
        lock.release()


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = window_args(arguments) or build_parser().parse_args(arguments)
    if args.self_test:  # before DataDir: the user's data folder is never created or touched
        from dangjian_desktop.selftest import run_self_test

        return run_self_test()
    args.data = DataDir(args.data_dir)
    clock.set_today(args.today)
    setup_logging(args.data)
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", cmd_gui)
    try:
        return _as_only_writer(args, func)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except BrokenPipeError:  # output piped into `head` and the like: not a problem
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_PROBLEM
    except Exception:
        log.exception("unexpected error in command %s", getattr(args, "command", None))
        print(
            f"程序内部出错，操作没有完成，数据没有改动。详细情况已记入日志：{args.data.logs / 'dangjian.log'}",
            file=sys.stderr,
        )
        return EXIT_PROBLEM


if __name__ == "__main__":
    raise SystemExit(main())
