"""Issuing documents from the database: numbering, registry, files, and the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from demo_folders import build_demo_folder, copy_demo
from pdf_readback import assert_all_embedded
from pypdf import PdfReader
from sqlmodel import select

from dangjian_desktop.cli import main as cli
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import documents
from dangjian_desktop.services.common import SYSTEM
from dangjian_desktop.store.db import open_database
from dangjian_desktop.store.models import Honour, Notice

TODAY = dt.date(2027, 3, 1)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_folder(
        tmp_path_factory.mktemp("docs-demo"), today=TODAY, branches=14, members=70
    )


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> DataDir:
    return copy_demo(demo_template, tmp_path / "d", today=TODAY)


def _text(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_every_notice_kind_is_numbered_recorded_and_written(demo: DataDir) -> None:
    db = open_database(demo)
    issued = []
    sequences: dict[tuple[str, int], list[int | None]] = {}
    for kind in documents.NOTICE_KINDS:
        with db.transaction() as s:
            year = 2026 if kind in ("plan-call", "reminder", "report-call") else 2025
            notice = documents.issue_notice(
                s, db.data_dir, actor=SYSTEM, first_year=year, kind=kind
            )
            issued.append((kind, notice.number, notice.file_path, notice.sha256))
            if notice.number:
                sequences.setdefault((notice.prefix, notice.year), []).append(notice.serial)
                year = notice.signed_on.year
                assert notice.number == f"{notice.prefix}〔{year}〕{notice.serial}号"
    assert all(not n for kind, n, _, _ in issued if kind in ("recommendation", "announcement"))
    # each organ numbers its own documents from 1 in each year of signing
    assert all(serials == list(range(1, len(serials) + 1)) for serials in sequences.values())
    offices = {kind: n for kind, n, _, _ in issued if n.startswith("石党创办")}
    assert set(offices) == {"reminder", "report-call"}
    for kind, number, relative, sha in issued:
        path = demo.root / relative
        assert path.exists() and sha, kind
        text = _text(path)
        if number:
            assert number.replace("〔", "").replace("〕", "")[:3] in text.replace("〔", "").replace(
                "〕", ""
            )
    with db.session() as s:
        honours = s.exec(select(Honour)).all()
        decision = next(n for n in s.exec(select(Notice)) if n.kind == "decision")
    decision_text = _text(demo.root / decision.file_path)
    named = [h for h in honours if h.round_id and h.state != "revoked" and h.kind == "member"]
    for honour in named:
        assert json.loads(honour.snapshot)["name"] in decision_text.replace("\n", "")
    db.close()


def test_a_refused_notice_does_not_use_up_a_number(demo: DataDir) -> None:
    db = open_database(demo)
    with db.transaction() as s, pytest.raises(UserError, match="没有逾期未报"):
        documents.issue_notice(s, db.data_dir, actor=SYSTEM, first_year=2025, kind="reminder")
    with db.transaction() as s:
        notice = documents.issue_notice(
            s, db.data_dir, actor=SYSTEM, first_year=2026, kind="reminder"
        )
    assert notice.number == "石党创办〔2027〕1号"  # the office's reminder, the office's number
    text = _text(demo.root / notice.file_path).replace("\n", "")
    assert "催报" in text
    db.close()


def test_certificates_skip_revoked_honours_and_are_recorded(demo: DataDir) -> None:
    db = open_database(demo)
    with db.transaction() as s:
        notice = documents.print_certificates(s, db.data_dir, actor=SYSTEM, first_year=2025)
        live = [h for h in s.exec(select(Honour)) if h.state != "revoked"]
        revoked = [h for h in s.exec(select(Honour)) if h.state == "revoked"]
    pdf = demo.root / notice.file_path
    assert len(PdfReader(pdf).pages) == len(live)
    text = _text(pdf)
    for honour in live:
        assert honour.certificate_number in text
    for honour in revoked:
        assert honour.certificate_number not in text
    db.close()


def test_forms_are_written(demo: DataDir) -> None:
    db = open_database(demo)
    with db.transaction() as s:
        sheets = documents.print_score_sheets(s, db.data_dir, actor=SYSTEM, first_year=2025)
        results = documents.print_results_table(s, db.data_dir, actor=SYSTEM, first_year=2025)
        summary = documents.print_work_summary(s, db.data_dir, actor=SYSTEM, first_year=2025)
    assert "统一考核评分表" in _text(demo.root / sheets.file_path)
    table_text = _text(demo.root / results.file_path).replace("\n", "")
    assert "综合评价汇总表" in table_text
    assert "评分人数达到5人的先去掉一个最高分和一个最低分" in table_text
    assert "工作总结" in _text(demo.root / summary.file_path).replace("\n", "")
    db.close()


def test_cli_notice_and_certificates(
    demo: DataDir, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    base = ["--data-dir", str(demo.root), "--today", TODAY.isoformat()]
    assert cli([*base, "certificates", "--round", "2025", "--to", str(out / "证书.pdf")]) == 0
    assert (
        cli([*base, "certificates", "--round", "2025", "--overlay", "--to", str(out / "套打.pdf")])
        == 0
    )
    assert cli([*base, "notice", "decision", "--round", "2025", "--to", str(out)]) == 0
    assert cli([*base, "notice", "reminder", "--round", "2025", "--to", str(out)]) == 1
    err = capsys.readouterr().err
    assert "没有逾期未报" in err
    assert_all_embedded(out / "证书.pdf")
    # a changed document file is found by `check`
    assert cli(["--data-dir", str(demo.root), "check"]) == 0
    pdf = next(demo.documents.rglob("*决定*.pdf"))
    pdf.write_bytes(pdf.read_bytes() + b"%tampered")
    assert cli(["--data-dir", str(demo.root), "check"]) == 1
    assert "改动" in capsys.readouterr().err


def test_cli_does_not_overwrite_a_file(
    demo: DataDir, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(demo.root), "--today", TODAY.isoformat()]
    target = tmp_path / "决定"
    assert cli([*base, "notice", "decision", "--round", "2025", "--to", str(target)]) == 0
    assert (tmp_path / "决定.pdf").exists()
    assert cli([*base, "notice", "decision", "--round", "2025", "--to", str(target)]) == 1
    assert "已经存在" in capsys.readouterr().err
    assert (
        cli([*base, "notice", "decision", "--round", "2025", "--to", str(target), "--force"]) == 0
    )


def test_cli_notice_draft_and_date(
    demo: DataDir, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    base = ["--data-dir", str(demo.root), "--today", TODAY.isoformat()]
    assert cli([*base, "notice", "schedule", "--round", "2025", "--draft", "--to", str(out)]) == 0
    assert "样稿" in capsys.readouterr().out
    db = open_database(demo)
    with db.session() as s:
        assert not [n for n in s.exec(select(Notice)) if n.kind == "schedule"]
    db.close()
    args = ["notice", "schedule", "--round", "2025", "--date", "2026-04-28", "--to", str(out)]
    assert cli([*base, *args]) == 0
    assert "石党发〔2026〕1号" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli([*base, "notice", "schedule", "--round", "2025", "--date", "4月28日", "--to", str(out)])
    assert "请写成 2026-06-28" in capsys.readouterr().err
