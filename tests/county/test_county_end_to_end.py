"""20 townships' packages received by the county — one re-submitted with a change, one tampered
and refused — then the county view, the search, the county workbook and the county's own
papers checked; on SQLite always and on a real PostgreSQL server."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from dangjian_desktop.exchange.county import MANIFEST, SNAPSHOT, read_county_workbook
from dangjian_desktop.services import county_outputs, county_view
from dangjian_desktop.services.county_audit import CountyActor, chain_problems
from dangjian_desktop.services.county_receive import (
    HistoryNotContinued,
    PackageRefused,
    receive_package,
    set_county_name,
)
from dangjian_desktop.store.county_db import CountyDatabase
from dangjian_desktop.store.county_models import county_audit, county_submission
from tests.county.conftest import TOWNSHIPS

CLERK = CountyActor("赵县")


def _submissions(db: CountyDatabase) -> int:
    with db.reading() as conn:
        return int(conn.execute(select(func.count()).select_from(county_submission)).scalar_one())


def _copy(package: Path, where: Path) -> Path:
    target = where / package.name
    shutil.copytree(package, target)
    return target


def test_a_county_of_twenty_townships(
    county: CountyDatabase, county_demo: Any, tmp_path: Path
) -> None:
    db = county
    year = county_demo.first_year
    county_view.set_county_due(db, year, county_demo.due, actor=CLERK)

    # one package tampered on the way: its workbook changed by a byte, refused, nothing stored
    tampered = _copy(county_demo.packages[7], tmp_path / "tampered")
    workbook = next(tampered.glob("*.xlsx"))
    data = bytearray(workbook.read_bytes())
    data[len(data) // 2] ^= 0x01
    workbook.write_bytes(bytes(data))
    with pytest.raises(PackageRefused, match="被改动过"):
        receive_package(db, tampered, actor=CLERK)
    assert _submissions(db) == 0

    received = [receive_package(db, p, actor=CLERK) for p in county_demo.packages]
    assert len({r.township for r in received}) == TOWNSHIPS
    assert not any(r.replaced for r in received)
    assert _submissions(db) == TOWNSHIPS

    with db.reading() as conn:
        before = {r.township: r.revoked for r in county_view.overview(conn, year)}
    # the re-submission replaces the first and says what changed: a title revoked since
    again = receive_package(db, county_demo.resubmission, actor=CLERK)
    assert again.replaced
    assert any("已撤销" in line for line in again.changes.honours_changed)
    assert _submissions(db) == TOWNSHIPS + 1

    with db.reading() as conn:
        rows = {r.township: r for r in county_view.overview(conn, year)}
        assert len(rows) == TOWNSHIPS
        first = rows[received[0].township]
        assert first.resubmissions == 1
        assert first.revoked == before[first.township] + 1
        for name in county_demo.late:
            assert rows[name].punctuality.startswith("逾期"), rows[name]
        on_time = [r for r in rows.values() if r.township not in county_demo.late]
        assert all(r.punctuality == "按时" for r in on_time)
        assert all(r.stages["方案"] != "—" for r in rows.values())
        assert all(0 < r.advanced <= r.enrolled for r in rows.values())
        assert all(r.quota > 0 for r in rows.values())

        revoked = [h for h in county_view.honours(conn, year) if h.state == "已撤销"]
        assert len(revoked) == sum(r.revoked for r in rows.values()) == sum(before.values()) + 1
        events = county_view.dynamic_events(conn, year)
        revoking = {e["乡镇"] for e in events if "撤销" in str(e["事项"])}
        assert revoking == {name for name, r in rows.items() if r.revoked}

        ranking = county_view.ranking(conn, year)
        assert len({r.township for r in ranking}) == TOWNSHIPS

        # a member searched across the county: every township's members with that surname
        members = county_view.sheet_records(conn, year, "党员名册")
        name = members[0]["姓名"]
        hits = county_view.search_members(conn, name[:1], first_year=year)
        expected = {m["乡镇"] for m in members if m["姓名"].startswith(name[:1])}
        assert {h.township for h in hits} == expected
        assert all(h.name.startswith(name[:1]) for h in hits)
        assert county_view.search_members(conn, "不存在的名字") == []
        recommended = county_outputs.recommended_to_county(conn, year)
        assert recommended
        assert chain_problems(conn) == []

    # the county workbook: an overview sheet, then each subject with every township's rows
    path = county_outputs.write_county_summary(db, year, tmp_path / "全县汇总.xlsx")
    sheets = read_county_workbook(path)
    assert next(iter(sheets)) == "各乡镇报送情况"
    assert len(sheets["各乡镇报送情况"]) == TOWNSHIPS + 1
    assert sheets["党员名册"][0][0] == "乡镇"
    assert len(sheets["党员名册"]) - 1 == len(members)
    for package in county_demo.packages[1:]:
        own = read_county_workbook(next(package.glob("*.xlsx")))
        township = json.loads((package / MANIFEST).read_text("utf-8"))["township"]
        county_rows = [row[1:] for row in sheets["党组织名册"][1:] if row[0] == township]
        assert county_rows == own["党组织名册"][1:]

    # the county's recommendation on to 州/省, printed as 推荐表 and a notice
    county_outputs.recommend(db, year, recommended[0], "州", actor=CLERK, note="事迹突出。")
    forms = county_outputs.print_recommendation_forms(db, year, tmp_path / "推荐表", actor=CLERK)
    assert len(forms) == 1
    form_text = "".join("".join(p.extract_text().split()) for p in PdfReader(forms[0]).pages)
    assert recommended[0].name in form_text
    assert "县委组织部意见" in form_text and "州委组织部意见" in form_text
    assert "镇党委意见" not in form_text and "中共州委" not in form_text
    notice = county_outputs.print_county_notice(db, year, tmp_path / "通知.pdf", actor=CLERK)
    text = "".join(p.extract_text() for p in PdfReader(notice).pages)
    assert "推荐" in text and recommended[0].township in text


def test_history_that_does_not_continue_needs_a_reason(
    county: CountyDatabase, county_demo: Any
) -> None:
    db = county
    # the later package first, then the earlier one: its audit log is shorter
    receive_package(db, county_demo.resubmission, actor=CLERK)
    with pytest.raises(HistoryNotContinued, match="日志被删除过"):
        receive_package(db, county_demo.packages[0], actor=CLERK)
    assert _submissions(db) == 1
    done = receive_package(
        db, county_demo.packages[0], actor=CLERK, confirm_reason="该镇从备份恢复过数据，电话核实。"
    )
    assert done.replaced
    with db.reading() as conn:
        last = conn.execute(select(county_audit).order_by(county_audit.c.id.desc())).first()
    assert last is not None and last.reason == "该镇从备份恢复过数据，电话核实。"


def test_another_county_and_a_newer_program_are_refused(
    county: CountyDatabase, county_demo: Any, tmp_path: Path
) -> None:
    db = county
    newer = _copy(county_demo.packages[1], tmp_path / "newer")
    manifest = json.loads((newer / MANIFEST).read_text("utf-8"))
    manifest["program"] = "99.0"
    (newer / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    with pytest.raises(PackageRefused, match="更新版本"):
        receive_package(db, newer, actor=CLERK)

    set_county_name(db, "青峰县", actor=CLERK)
    with pytest.raises(PackageRefused, match="不是本县（青峰县）"):
        receive_package(db, county_demo.packages[1], actor=CLERK)
    assert _submissions(db) == 0
    assert (county_demo.packages[1] / SNAPSHOT).is_file()  # the stick is never changed
