"""Documents made from the database, read back from the PDF (pypdf, no poppler)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest
from demo_folders import build_demo_folder, copy_demo
from pdf_readback import flat_text, font_names, page_texts
from sqlmodel import select

from dangjian_desktop.domain.text import arabic_date
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import documents
from dangjian_desktop.services.common import SYSTEM
from dangjian_desktop.store.db import HEAD, _alembic_config, make_engine, open_database
from dangjian_desktop.store.models import AuditEntry, Notice, NoticeDraft, Round

TODAY = dt.date(2027, 3, 1)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_folder(
        tmp_path_factory.mktemp("paper-demo"), today=TODAY, branches=14, members=70
    )


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> DataDir:
    return copy_demo(demo_template, tmp_path / "d", today=TODAY)


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
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # as the program's own upgrades run
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
    assert version == HEAD


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


def _notices(db: object) -> list[Notice]:
    with db.session() as s:  # type: ignore[attr-defined]
        return list(s.exec(select(Notice)))


def test_preview_is_a_watermarked_draft_and_uses_no_number(demo: DataDir) -> None:
    db = open_database(demo)
    for _ in range(2):
        with db.transaction() as s:
            path = documents.preview_notice(s, db.data_dir, first_year=2026, kind="report-call")
    assert _notices(db) == [n for n in _notices(db) if n.kind != "report-call"]
    text = flat_text(path)
    assert "样稿" in text and "未印发" in text
    assert "石党创办〔2027〕号" in text  # where the number will go, without one
    assert "现就报送2027年上半年创建工作进展情况书面汇报有关事项通知如下" in text
    with db.transaction() as s:
        issued = documents.issue_notice(
            s, db.data_dir, actor=SYSTEM, first_year=2026, kind="report-call"
        )
    assert issued.number == "石党创办〔2027〕1号"
    assert "样稿" not in flat_text(demo.root / issued.file_path)
    db.close()


def test_edited_text_and_chosen_date_are_what_is_issued(demo: DataDir) -> None:
    db = open_database(demo)
    with db.session() as s:
        draft = documents.draft_notice(s, first_year=2026, kind="schedule")
    edited = [*draft.paragraphs[:-1], "各党支部（总支）要按时报送，不得拖延。"]
    with db.transaction() as s:
        saved = documents.save_draft(
            s,
            actor=SYSTEM,
            first_year=2026,
            kind="schedule",
            signed_on=dt.date(2027, 4, 20),
            paragraphs=edited,
        )
    assert saved.edited and saved.signed_on == dt.date(2027, 4, 20)
    with db.transaction() as s:
        notice = documents.issue_notice(
            s, db.data_dir, actor=SYSTEM, first_year=2026, kind="schedule"
        )
        audit = [e.summary for e in s.exec(select(AuditEntry))]
        drafts = list(s.exec(select(NoticeDraft)))
    text = flat_text(demo.root / notice.file_path)
    assert "各党支部（总支）要按时报送，不得拖延。" in text
    assert "2027年4月20日" in text and notice.signed_on == dt.date(2027, 4, 20)
    assert json.loads(notice.body)[-1] == "各党支部（总支）要按时报送，不得拖延。"
    assert drafts == []
    assert any("保存总结评估工作安排样稿" in a and "正文已修改" in a for a in audit)
    # printed again: the same file, the same number
    with db.session() as s:
        again = documents.reprint_path(s, db.data_dir, notice_id=notice.id or 0)
    assert again == demo.root / notice.file_path
    assert len([n for n in _notices(db) if n.kind == "schedule"]) == 1
    db.close()


def test_a_past_stage_is_not_dated_today(demo: DataDir) -> None:
    db = open_database(demo)
    with db.session() as s:
        draft = documents.draft_notice(s, first_year=2025, kind="plan-call")
        rnd = s.exec(select(Round).where(Round.first_year == 2025)).one()
    assert draft.signed_on == rnd.opens  # not 2027-03-01
    assert draft.signed_on < rnd.plan_due
    with db.transaction() as s:
        notice = documents.issue_notice(
            s, db.data_dir, actor=SYSTEM, first_year=2025, kind="plan-call"
        )
    text = flat_text(demo.root / notice.file_path)
    assert notice.number == f"石党发〔{rnd.opens.year}〕1号"
    assert arabic_date(rnd.opens) in text
    db.close()


def test_each_organ_signs_what_it_heads(demo: DataDir) -> None:
    db = open_database(demo)
    with db.transaction() as s:
        reminder = documents.issue_notice(
            s, db.data_dir, actor=SYSTEM, first_year=2026, kind="reminder"
        )
        decision = documents.issue_notice(
            s, db.data_dir, actor=SYSTEM, first_year=2025, kind="decision"
        )
    office = "中共石龙镇委员会创先争优活动领导小组办公室"
    text = flat_text(demo.root / reminder.file_path)
    assert text.startswith(office + "石党创办〔")  # 信函格式: the office's name, its number
    assert "中共石龙镇委员会文件" not in text
    assert re.search(office + r"\d{4}年\d+月\d+日", text)
    pages = page_texts(demo.root / decision.file_path)
    assert pages[0].startswith("中共石龙镇委员会文件石党发〔")
    assert re.search(r"中共石龙镇委员会\d{4}年\d+月\d+日", "".join(pages))
    db.close()


def test_organ_settings_are_audited_and_used(demo: DataDir) -> None:
    db = open_database(demo)
    with db.transaction() as s, pytest.raises(UserError, match="不能与镇党委"):
        documents.save_issuing_organs(
            s,
            actor=SYSTEM,
            organ_mark="",
            office_mark="",
            office_prefix="石党发",
            office_signature="",
            office_letter=True,
        )
    with db.transaction() as s:
        documents.save_issuing_organs(
            s,
            actor=SYSTEM,
            organ_mark="",
            office_mark="石龙镇创先争优活动领导小组办公室文件",
            office_prefix="石创办",
            office_signature="石龙镇创先争优活动领导小组办公室",
            office_letter=False,
        )
        notice = documents.issue_notice(
            s, db.data_dir, actor=SYSTEM, first_year=2026, kind="report-call"
        )
        audit = [e.summary for e in s.exec(select(AuditEntry))]
    assert "修改发文机关（版头、代字、署名）" in audit
    text = flat_text(demo.root / notice.file_path)
    assert text.startswith("石龙镇创先争优活动领导小组办公室文件石创办〔")
    assert re.search(r"石龙镇创先争优活动领导小组办公室\d{4}年\d+月\d+日", text)
    db.close()


def test_criticism_does_not_repeat_the_lead_in(demo: DataDir) -> None:
    db = open_database(demo)
    with db.transaction() as s:
        notice = documents.issue_notice(
            s, db.data_dir, actor=SYSTEM, first_year=2025, kind="criticism"
        )
    text = flat_text(demo.root / notice.file_path)
    db.close()
    assert text.count("经查") == 1
    assert "该党支部" not in text and "该党总支" not in text


def test_imprint_is_on_an_even_last_page(demo: DataDir) -> None:
    db = open_database(demo)
    with db.transaction() as s:
        decision = documents.issue_notice(
            s, db.data_dir, actor=SYSTEM, first_year=2025, kind="decision"
        )
        criticism = documents.issue_notice(
            s, db.data_dir, actor=SYSTEM, first_year=2025, kind="criticism"
        )
    db.close()
    for notice in (decision, criticism):
        pages = page_texts(demo.root / notice.file_path)
        assert len(pages) % 2 == 0, notice.title
        assert "印发" in pages[-1] and "抄送" in pages[-1]
        assert all("印发" not in p for p in pages[:-1])


def test_receipts_are_numbered_per_round_and_stage_with_copies(demo: DataDir) -> None:
    from dangjian_desktop.domain.calendar import Stage
    from dangjian_desktop.store.models import Enrolment, Plan

    db = open_database(demo)
    with db.session() as s:
        current = s.exec(select(Round).where(Round.first_year == 2026)).one()
        plans = s.exec(
            select(Plan)
            .join(Enrolment, Enrolment.id == Plan.enrollment_id)
            .where(Enrolment.round_id == current.id)
            .order_by(Plan.id)
        ).all()
        numbers = [documents.receipt_number(s, Stage.PLAN, p.id or 0) for p in plans]
    assert plans and plans[0].id and plans[0].id > 1  # rows of the earlier round come first
    assert numbers == [f"2026方案{i:03d}" for i in range(1, len(plans) + 1)]
    with db.transaction() as s:
        slip = documents.print_receipt(
            s, db.data_dir, actor=SYSTEM, stage=Stage.PLAN, receipt_id=plans[0].id or 0
        )
    text = flat_text(demo.root / slip.file_path)
    db.close()
    assert "编号：2026方案001" in text
    assert "份数纸质版一式两份" in text or "份数电子文档一份" in text
