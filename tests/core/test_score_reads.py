"""The evaluation pages' reads of a round's scores come straight from SQLite as plain values (a
county round has over a hundred thousand cells); they must give exactly what the ORM rows say."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.services import evaluation as ev
from dangjian_desktop.services.common import get_round
from dangjian_desktop.services.evaluation.common import round_self_scores
from dangjian_desktop.services.rounds import list_rounds
from dangjian_desktop.store.db import Database, open_database
from dangjian_desktop.store.models import Assessment, Assessor, Enrolment, Round, SelfAssessment
from tests.steps.demo_folders import copy_demo

TODAY = dt.date(2025, 6, 20)


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dangjian_desktop.services.demo import build_demo

    folder = tmp_path_factory.mktemp("scored") / "data"
    clock.set_today(TODAY)
    db = open_database(folder)
    try:
        build_demo(db, branches=8, members=40, round_count=2, score_current=True)
    finally:
        db.close()
        clock.set_today(None)
    return folder


@pytest.fixture
def db(scored: Path, tmp_path: Path) -> Database:
    data = copy_demo(scored, tmp_path / "copy", today=TODAY)
    return open_database(data)


def _round(session: Session) -> Round:
    return get_round(session, list_rounds(session)[-1].first_year)


def _agreed_from_orm(session: Session, rnd: Round) -> dict[tuple[int, int, int], Decimal]:
    """What counts, computed the plain way from every Assessment object of the round."""
    entries: dict[tuple[int, int, int], dict[int, Decimal]] = defaultdict(dict)
    for row in session.exec(
        select(Assessment)
        .join(Assessor, col(Assessor.id) == Assessment.assessor_id)
        .where(Assessor.round_id == rnd.id, col(Assessor.deleted_at).is_(None))
    ):
        entries[(row.assessor_id, row.enrollment_id, row.item_id)][row.entry] = row.score
    if not rnd.double_entry:
        return {cell: keyed[1] for cell, keyed in entries.items() if 1 in keyed}
    return {
        cell: keyed[1]
        for cell, keyed in entries.items()
        if 1 in keyed and 2 in keyed and keyed[1] == keyed[2]
    }


def _second_entries(session: Session) -> list[Assessment]:
    return list(session.exec(select(Assessment).where(Assessment.entry == 2).limit(3)))


def test_agreed_scores_are_what_the_rows_say_with_number_text_and_blanks(db: Database) -> None:
    with db.transaction() as session:
        rnd = _round(session)
        assert rnd.double_entry
        same_text, differs, dropped = (
            (row.id, (row.assessor_id, row.enrollment_id, row.item_id))
            for row in _second_entries(session)
        )
        raw = session.connection()
        # "8" against "8.0": the same number keyed in other words still agrees
        first = session.exec(
            select(Assessment).where(
                Assessment.assessor_id == same_text[1][0],
                Assessment.enrollment_id == same_text[1][1],
                Assessment.item_id == same_text[1][2],
                Assessment.entry == 1,
            )
        ).one()
        raw.exec_driver_sql("UPDATE assessment SET score = '3' WHERE id = ?", (first.id,))
        raw.exec_driver_sql("UPDATE assessment SET score = '3.0' WHERE id = ?", (same_text[0],))
        raw.exec_driver_sql("UPDATE assessment SET score = '0.5' WHERE id = ?", (differs[0],))
        raw.exec_driver_sql("DELETE FROM assessment WHERE id = ?", (dropped[0],))
        session.expire_all()
    with db.session() as session:
        rnd = _round(session)
        agreed = ev.agreed_scores(session, rnd)
        assert agreed == _agreed_from_orm(session, rnd)
        assert agreed[same_text[1]] == 3
        assert differs[1] not in agreed
        assert dropped[1] not in agreed
        assert len(agreed) > 100  # the demo's round is scored: the comparison is not of empties


def test_single_entry_counts_the_first_entry(db: Database) -> None:
    with db.transaction() as session:
        rnd = _round(session)
        rnd.double_entry = False
        session.add(rnd)
    with db.session() as session:
        rnd = _round(session)
        agreed = ev.agreed_scores(session, rnd)
        assert agreed == _agreed_from_orm(session, rnd)
        assert agreed


def test_self_scores_and_keyed_counts_match_the_rows(db: Database) -> None:
    with db.session() as session:
        rnd = _round(session)
        expected = {
            (row.enrollment_id, row.item_id): row.score
            for row in session.exec(
                select(SelfAssessment)
                .join(Enrolment, col(Enrolment.id) == SelfAssessment.enrollment_id)
                .where(Enrolment.round_id == rnd.id)
            )
        }
        assert expected and round_self_scores(session, rnd) == expected
        cells: dict[int, set[tuple[int, int]]] = defaultdict(set)
        for row in session.exec(select(Assessment)):
            cells[row.assessor_id].add((row.enrollment_id, row.item_id))
        lines = ev.assessor_lines(session, rnd.first_year)
        assert lines
        assert {line.assessor_id: line.scores_entered for line in lines} == {
            line.assessor_id: len(cells.get(line.assessor_id, set())) for line in lines
        }


def test_the_results_read_no_score_as_an_orm_object(db: Database) -> None:
    """The ranking reads the round's cells as plain rows: no Assessment nor SelfAssessment
    object is built (a county round would build over a hundred thousand)."""
    built: list[str] = []

    def loaded(target: object, _context: object) -> None:
        built.append(type(target).__name__)

    event.listen(Assessment, "load", loaded)
    event.listen(SelfAssessment, "load", loaded)
    try:
        with db.session() as session:
            rnd = _round(session)
            results, _saved = ev.results_view(session, rnd.first_year)
            ev.self_check_lines(session, rnd.first_year)
            ev.assessor_lines(session, rnd.first_year)
    finally:
        event.remove(Assessment, "load", loaded)
        event.remove(SelfAssessment, "load", loaded)
    assert results is not None and results.lines
    assert any(line.assessment_total is not None for line in results.lines)
    assert built == []
