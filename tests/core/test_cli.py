"""The command line on a real demo data folder: demo, status, check, backup, restore."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from dangjian_desktop.cli import build_parser, main, window_args

TODAY = "2027-03-01"  # plans and the first half-year report are past due: all outcomes appear


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert (
        main(
            [
                "--data-dir",
                str(folder),
                "--today",
                TODAY,
                "demo",
                "--branches",
                "24",
                "--members",
                "300",
            ]
        )
        == 0
    )
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_counts_add_up(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "--today", TODAY, "status", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["round"] == 2026 and report["enrolled"] > 0
    keys = [stage["key"] for stage in report["stages"]]
    assert keys[:4] == ["plan", "report_h2", "report_h1", "materials"]
    for stage in report["stages"]:
        total = stage["on_time"] + stage["late"] + stage["missing"] + stage["pending"]
        assert total == report["enrolled"], stage
        assert len(stage["overdue"]) == stage["missing"]
    plan = report["stages"][0]
    assert plan["on_time"] and plan["late"] and plan["missing"]
    report_h2 = report["stages"][1]
    assert report_h2["missing"] and report_h2["pending"] == 0


def test_previous_round_is_complete(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--data-dir", str(demo_dir), "--today", TODAY, "status", "--round", "2025", "--json"
    )
    assert code == 0
    report = json.loads(out)
    evaluation = report["stages"][-1]
    assert evaluation["on_time"] == report["enrolled"]
    con = sqlite3.connect(demo_dir / "dangjian.sqlite3")
    states = {row[0] for row in con.execute("SELECT state FROM honor")}
    con.close()
    assert {"granted", "rectifying", "revoked"} <= states


def test_status_plain_text(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "--today", TODAY, "status")
    assert code == 0 and "制定方案" in out and "已逾期未报" in out


def test_demo_refuses_a_folder_with_data(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "demo")
    assert code == 1 and "已经有数据" in err and "Traceback" not in err


def test_wrong_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["status", "--round", "not-a-year"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:  # the window's own option, mistyped: said in Chinese
        main(["--today", "2027-13-01"])
    assert exc.value.code == 2
    assert "日期“2027-13-01”格式不对" in capsys.readouterr().err


def test_a_plain_start_is_read_without_the_commands_parser(tmp_path: Path) -> None:
    """The window's start reads its options with the small parser; anything else (a command,
    help, the version, a mistake) goes to the full one, which knows every command."""
    args = window_args(["--data-dir", str(tmp_path), "--today", TODAY, "--no-crash-dialog"])
    assert args is not None and args.command is None
    assert args.data_dir == str(tmp_path) and args.today == dt.date(2027, 3, 1)
    assert args.no_crash_dialog and not args.county and args.database is None
    assert window_args([]) is not None
    for argv in (
        ["status"],
        ["--data-dir", str(tmp_path), "check", "--json"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--today", "not-a-date"],
        ["--no-such-option"],
        ["--data-dir"],
    ):
        assert window_args(argv) is None, argv
    full = build_parser().parse_args(["--data-dir", str(tmp_path), "--today", TODAY])
    small = window_args(["--data-dir", str(tmp_path), "--today", TODAY])
    assert small is not None
    assert {k: v for k, v in vars(full).items() if k != "command"} == {
        k: v for k, v in vars(small).items() if k != "command"
    }


def test_check_finds_a_missing_attachment_and_a_corrupt_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "d"
    assert (
        main(
            [
                "--data-dir",
                str(folder),
                "--today",
                TODAY,
                "demo",
                "--branches",
                "8",
                "--members",
                "40",
            ]
        )
        == 0
    )
    capsys.readouterr()
    scan = tmp_path / "方案扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    from dangjian_desktop.domain.calendar import Stage
    from dangjian_desktop.services import intake
    from dangjian_desktop.services.common import SYSTEM, get_round
    from dangjian_desktop.store.db import open_database

    db = open_database(folder)
    with db.transaction() as s:
        line = next(
            line
            for line in intake.intake_lines(s, get_round(s, 2026), Stage.PLAN, dt.date(2027, 3, 1))
            if line.receipt_id
        )
        attachment = intake.attach_file(
            s,
            actor=SYSTEM,
            stage=Stage.PLAN,
            receipt_id=line.receipt_id,
            source=scan,
            store_root=db.data_dir.attachments,
        )
    db.close()
    code, out, _ = run(capsys, "--data-dir", str(folder), "check", "--json")
    assert code == 0 and json.loads(out) == {"ok": True, "problems": []}

    stored = next(p for p in (folder / "attachments").rglob(attachment.sha256))
    stored.unlink()
    code, out, _ = run(capsys, "--data-dir", str(folder), "check", "--json")
    result = json.loads(out)
    assert code == 1 and not result["ok"]
    assert any("方案扫描件.pdf" in p for p in result["problems"])

    database = folder / "dangjian.sqlite3"
    raw = bytearray(database.read_bytes())
    raw[5000:9000] = b"\x00garbage" * 500
    database.write_bytes(bytes(raw))
    code, out, err = run(capsys, "--data-dir", str(folder), "check")
    assert code == 1 and "Traceback" not in err and err.strip()


def test_backup_then_restore_into_a_fresh_folder_gives_the_same_status(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "备份.zip"
    code, _, _ = run(capsys, "--data-dir", str(demo_dir), "backup", "--to", str(backup))
    assert code == 0 and backup.exists()
    fresh = tmp_path / "fresh"
    code, _out, _ = run(capsys, "--data-dir", str(fresh), "restore", str(backup))
    assert code == 0
    _, before, _ = run(capsys, "--data-dir", str(demo_dir), "--today", TODAY, "status", "--json")
    _, after, _ = run(capsys, "--data-dir", str(fresh), "--today", TODAY, "status", "--json")
    assert json.loads(before) == json.loads(after)
    code, _, _ = run(capsys, "--data-dir", str(fresh), "check")
    assert code == 0


def test_restore_refuses_a_non_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "x.zip"
    bogus.write_bytes(b"not a zip")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "restore", str(bogus))
    assert code == 1 and "不是本程序的备份文件" in err


def test_the_log_is_rotated_at_start_once_it_has_grown(tmp_path: Path) -> None:
    import logging

    from dangjian_desktop.cli import LOG_KEEP, LOG_MAX_BYTES, setup_logging
    from dangjian_desktop.paths import DataDir

    data = DataDir(tmp_path / "d")
    data.logs.mkdir(parents=True)
    log_file = data.logs / "dangjian.log"
    for number in range(1, LOG_KEEP + 1):  # a full set of old logs: the oldest is dropped
        (data.logs / f"dangjian.log.{number}").write_text(f"old {number}", encoding="utf-8")
    log_file.write_text("x" * LOG_MAX_BYTES, encoding="utf-8")
    try:
        setup_logging(data)
        logging.getLogger("dangjian_desktop").warning("新的一条")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert "新的一条" in log_file.read_text(encoding="utf-8")
        assert (data.logs / "dangjian.log.1").stat().st_size == LOG_MAX_BYTES
        assert (data.logs / "dangjian.log.2").read_text(encoding="utf-8") == "old 1"
        assert (data.logs / f"dangjian.log.{LOG_KEEP}").read_text(encoding="utf-8") == (
            f"old {LOG_KEEP - 1}"
        )
        assert not (data.logs / f"dangjian.log.{LOG_KEEP + 1}").exists()
        setup_logging(data)  # small now: not rotated again
        assert (data.logs / "dangjian.log.1").stat().st_size == LOG_MAX_BYTES
    finally:
        for handler in logging.getLogger().handlers:
            handler.close()
        logging.getLogger().handlers[:] = []


def test_overlay_certificates_warn_when_text_leaves_the_paper(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """套打 positions made for A4 landscape, saved for portrait paper: the command still prints
    (the clerk may know better) but says which texts fall off the sheet."""
    import dataclasses
    import shutil

    from dangjian_desktop.documents.data import OverlayCalibration
    from dangjian_desktop.services.common import SYSTEM
    from dangjian_desktop.services.documents import save_overlay
    from dangjian_desktop.store.db import open_database

    folder = tmp_path / "d"
    shutil.copytree(demo_dir, folder)
    db = open_database(folder)
    with db.transaction() as session:
        portrait = dataclasses.replace(
            OverlayCalibration(), paper_width_mm=210, paper_height_mm=297
        )
        save_overlay(session, actor=SYSTEM, calibration=portrait, printer="办公室打印机")
    db.close()
    code, out, err = run(
        capsys,
        "--data-dir",
        str(folder),
        "--today",
        TODAY,
        "certificates",
        "--round",
        "2025",
        "--overlay",
        "--printer",
        "办公室打印机",
        "--to",
        str(tmp_path / "证书.pdf"),
    )
    assert code == 0 and (tmp_path / "证书.pdf").exists() and "已生成" in out
    assert "注意：" in err and "超出纸张右边" in err

    code, out, err = run(
        capsys,
        "--data-dir",
        str(folder),
        "--today",
        TODAY,
        "certificates",
        "--round",
        "2025",
        "--overlay",
        "--to",
        str(tmp_path / "证书A4.pdf"),
    )
    assert code == 0 and err == ""  # the default A4 landscape positions fit
