"""Shared steps for the 公示与表彰 and 动态管理 page tests: a scored current round, clicking rows."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PySide6.QtCore import Qt
from typing_helpers import type_text  # noqa: F401  (re-exported for the tests)

from dangjian_desktop.services import evaluation, rounds
from dangjian_desktop.services.common import Actor, get_round, ident
from dangjian_desktop.services.enrolment import enrolled_branches
from dangjian_desktop.services.operators import sign_in

YEAR = 2026
DEMO_TODAY = dt.date(2027, 3, 1)  # the demo fixture's day (tests/gui/conftest.py)


def score_current_round(ctx: Any, *, tie: bool = False) -> list[int]:
    """Score every enrolled branch of 2026 (single entry) and compute the results.

    Branches get falling quality, so the first few reach 先进; with `tie` six eligible branches
    reach 90 and the fifth and sixth of them score the same, across the quota line of 5 (the
    demo's third branch is ineligible). Returns the branch ids in order.
    """
    actor = ctx.actor
    with ctx.db.transaction() as s:
        rounds.update_settings(s, actor=actor, first_year=YEAR, double_entry=False)
        rnd = get_round(s, YEAR)
        branches = [b for _e, b in enrolled_branches(s, rnd)]
        items = rounds.rubric(s, rnd)
        assessors = [
            evaluation.add_assessor(s, actor=actor, first_year=YEAR, name=name, unit="镇党委")
            for name in ("张建国", "杨正华", "普学文")
        ]
        quality = {ident(b): Decimal("0.99") - Decimal("0.02") * i for i, b in enumerate(branches)}
        if tie:
            for i, q in enumerate(("0.99", "0.98", "0.97", "0.96", "0.95", "0.94", "0.94")):
                quality[ident(branches[i])] = Decimal(q)

        def score(points: Decimal, q: Decimal) -> Decimal:
            return (points * q).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

        for b in branches:
            evaluation.save_self_scores(
                s,
                actor=actor,
                first_year=YEAR,
                branch_id=ident(b),
                scores={i.code: score(i.points, quality[ident(b)]) for i in items},
            )
        for a in assessors:
            evaluation.save_sheet(
                s,
                actor=actor,
                first_year=YEAR,
                assessor_id=ident(a),
                scores={
                    (ident(b), i.code): score(i.points, quality[ident(b)])
                    for b in branches
                    for i in items
                },
            )
        evaluation.compute_results(s, actor=actor, first_year=YEAR)
        return [ident(b) for b in branches]


def sign_in_as(ctx: Any, name: str) -> Actor:
    with ctx.db.session() as s:
        actor = sign_in(s, name)
    ctx.set_actor(actor)
    return actor


def click_row(qtbot: Any, table: Any, row: int, *, add: bool = False) -> None:
    """Click a row of a SearchableTable with the mouse (Ctrl held to add it to the selection)."""
    click_view_row(qtbot, table.view, row, add=add)


def click_view_row(qtbot: Any, view: Any, row: int, *, add: bool = False) -> None:
    rect = view.visualRect(view.model().index(row, 1))
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def row_of(table: Any, predicate: Any) -> int:
    from dangjian_desktop.gui.models import ROW_ROLE

    for r in range(table.proxy.rowCount()):
        if predicate(table.proxy.data(table.proxy.index(r, 0), ROW_ROLE)):
            return r
    raise AssertionError("no such row")


def click(qtbot: Any, button: Any) -> None:
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def record_previews(monkeypatch: Any) -> list[tuple[Any, str]]:
    """Replace the PDF preview: each (path, title) it would show is recorded instead."""
    from pathlib import Path

    from dangjian_desktop.gui.pdf_preview import PdfPreview

    shown: list[tuple[Any, str]] = []

    def show_file(cls: Any, parent: Any, path: Any, title: str = "") -> None:
        shown.append((Path(path), title))

    monkeypatch.setattr(PdfPreview, "show_file", classmethod(show_file))
    return shown


def pdf_pages(path: Any) -> int:
    import re
    from pathlib import Path

    return len(re.findall(rb"/Type\s*/Page(?!s)", Path(path).read_bytes()))


def pdf_text(path: Any) -> str:
    """All the text of a PDF, lines joined, as a reader would search it."""
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(path).pages).replace("\n", "")
