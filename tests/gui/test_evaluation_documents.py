"""The evaluation page prints its forms through the documents service: registered and audited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlmodel import select

from dangjian_desktop.gui.pdf_preview import PdfPreview
from dangjian_desktop.store.models import AuditEntry, Notice


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    seen: list[tuple[Path, str]] = []
    monkeypatch.setattr(
        PdfPreview,
        "show_file",
        classmethod(lambda cls, parent, path, title="": seen.append((path, title))),
    )
    return seen


def test_score_sheets_results_and_summary_are_registered(
    window: Any, ctx: Any, qtbot: Any, answers: Any, shown: list[Any]
) -> None:
    window.round_combo.setCurrentIndex(window.round_combo.findData(2025))
    page = window.show_page("evaluation")
    answers.choices.append("全部考核组成员（每人一套）")
    page.tabs.setCurrentWidget(page.scoring)
    page.scoring.print_blank_sheets()
    qtbot.waitUntil(lambda: page.scoring.task is not None and page.scoring.task.done, timeout=30000)
    page.tabs.setCurrentWidget(page.results)
    ranking = page.results.ranking
    page.results.inner.setCurrentWidget(ranking)
    ranking.print_table()
    qtbot.waitUntil(lambda: ranking.task is not None and ranking.task.done, timeout=30000)
    summary = page.results.summary
    page.results.inner.setCurrentWidget(summary)
    summary.editor.setPlainText("综合评价按自检自查占20%、统一考核占80%计算。")
    summary.print_summary()
    qtbot.waitUntil(lambda: summary.task is not None and summary.task.done, timeout=30000)
    with ctx.db.session() as s:
        kinds = [
            n.kind
            for n in s.exec(select(Notice))
            if n.kind in ("score-sheets", "results", "work-summary")
        ]
        audited = [e.summary for e in s.exec(select(AuditEntry)) if e.object_type == "notice"]
    assert sorted(kinds) == ["results", "score-sheets", "work-summary"]
    assert (
        sum("统一考核评分表" in a or "综合评价汇总表" in a or "工作总结" in a for a in audited) >= 3
    )
    text = "".join(p.extract_text() or "" for p in PdfReader(shown[-1][0]).pages)
    assert "自检自查占20%、统一考核占80%" in text.replace("\n", "")
