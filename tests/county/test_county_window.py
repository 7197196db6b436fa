"""The county window: receiving the whole stick, the overview, the search, a recommendation, and
a package whose history does not continue accepted only with the clerk's reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from dangjian_desktop.gui.county_window import LATE, CountyWindow
from dangjian_desktop.gui.dialogs import Ask
from dangjian_desktop.services.county_audit import CountyActor
from dangjian_desktop.services.county_view import set_county_due
from dangjian_desktop.store.county_db import open_county_database
from tests.county.conftest import DEMO_TODAY, TOWNSHIPS


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(
        Ask, "info", classmethod(lambda cls, p, text, title="": messages.append(text))
    )
    monkeypatch.setattr(
        Ask, "warn", classmethod(lambda cls, p, text, title="": messages.append(text))
    )
    return messages


def test_the_county_window(
    qtbot: QtBot, tmp_path: Path, county_demo: Any, said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dangjian_desktop import clock

    clock.set_today(DEMO_TODAY)
    db = open_county_database(tmp_path / "county")
    set_county_due(db, county_demo.first_year, county_demo.due, actor=CountyActor("赵县"))
    window = CountyWindow(db, CountyActor("赵县"))
    qtbot.addWidget(window)
    assert window.overview.rowCount() == 0

    stick = county_demo.packages[0].parent.parent
    window.receive_folders([str(stick)])
    assert "被拒收" not in said[-1], said[-1]
    assert "重新报送" in said[-1] and "已撤销" in said[-1]
    assert window.overview.rowCount() == TOWNSHIPS
    late_rows = [
        r
        for r in range(TOWNSHIPS)
        if window.overview.index(r, 2).data(0x0009) == LATE  # ForegroundRole
    ]
    assert len(late_rows) == len(county_demo.late)

    window.search_box.setText("李")
    assert window.members.rowCount() > 0
    assert all(hit.name.startswith("李") for hit in window.members.rows)
    assert "找到" in window.search_count.text()

    # recommend the first honour that is not revoked
    row = next(i for i, h in enumerate(window.honours.rows) if h.state != "已撤销")
    proxy = window.honours_view.model()
    window.honours_view.selectRow(proxy.mapFromSource(window.honours.index(row, 0)).row())
    monkeypatch.setattr(Ask, "choose", classmethod(lambda cls, *a: "省"))
    window.recommend()
    assert [r.level for r in window.recommendations.rows] == ["省"]

    # the earlier package of 石龙镇 again: its log is shorter; refused without a reason
    monkeypatch.setattr(Ask, "text", classmethod(lambda cls, *a, **k: ""))
    window.receive_folders([str(county_demo.packages[0])])
    assert "未确认接收" in said[-1]
    monkeypatch.setattr(Ask, "text", classmethod(lambda cls, *a, **k: "该镇恢复过备份"))
    window.receive_folders([str(county_demo.packages[0])])
    assert "重新报送" in said[-1]
    db.close()
