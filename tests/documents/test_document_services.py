"""Documents made from the database, read back from the PDF (pypdf, no poppler)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from pdf_readback import flat_text, font_names

from dangjian_desktop import clock
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import documents
from dangjian_desktop.services.common import SYSTEM
from dangjian_desktop.services.demo import build_demo
from dangjian_desktop.store.db import _alembic_config, make_engine, open_database

TODAY = dt.date(2027, 3, 1)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("paper-demo")
    clock.set_today(TODAY)
    db = open_database(folder)
    build_demo(db, branches=14, members=70)
    db.close()
    clock.set_today(None)
    return folder


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> DataDir:
    shutil.copytree(demo_template, tmp_path / "d")
    clock.set_today(TODAY)
    return DataDir(tmp_path / "d")


def test_weights_are_written_as_percentages(demo: DataDir) -> None:
    db = open_database(demo)
    with db.transaction() as s:
        table = documents.print_results_table(s, db.data_dir, actor=SYSTEM, first_year=2025)
        summary = documents.print_work_summary(s, db.data_dir, actor=SYSTEM, first_year=2025)
    table_text = flat_text(demo.root / table.file_path)
    summary_text = flat_text(demo.root / summary.file_path)
    db.close()
    assert "综合得分＝自检自查×20%＋统一考核×80%" in table_text
    assert "自检自查占20%、统一考核占80%" in summary_text
    assert "E+" not in table_text + summary_text


def test_upgrade_repairs_summaries_stored_with_exponents(demo: DataDir) -> None:
    from alembic import command

    engine = make_engine(demo.database)
    with engine.connect() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
        conn.exec_driver_sql(
            "UPDATE round SET work_summary = '综合评价按自检自查占2E+1%、统一考核占8E+1%计算。'"
        )
        conn.commit()
    engine.dispose()
    open_database(demo).close()
    con = sqlite3.connect(demo.database)
    stored = {row[0] for row in con.execute("SELECT work_summary FROM round")}
    version = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    con.close()
    assert stored == {"综合评价按自检自查占20%、统一考核占80%计算。"}
    assert version == "0003"


def test_notices_use_fangsong_body_heiti_headings_and_a_song_title(demo: DataDir) -> None:
    db = open_database(demo)
    with db.transaction() as s:
        notice = documents.issue_notice(
            s, db.data_dir, actor=SYSTEM, first_year=2025, kind="schedule"
        )
    db.close()
    names = font_names(demo.root / notice.file_path)
    assert "ZhuqueFangsong-Regular" in names
    assert "WenQuanYiMicroHei" in names
    assert "NotoSerifCJKsc-Bold" in names
    assert not any("UMing" in n for n in names)
