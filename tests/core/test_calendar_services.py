"""The working calendar as the office uses it: built-in holidays, years typed in by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import col, select

from dangjian_desktop.errors import UserError
from dangjian_desktop.services import calendar as cal
from dangjian_desktop.services import rounds
from dangjian_desktop.services.common import Actor
from dangjian_desktop.store.db import Database
from dangjian_desktop.store.models import AuditEntry

D = dt.date
CLERK = Actor("王芳", "clerk")


def test_built_in_years_know_duanwu_2026(db: Database) -> None:
    with db.transaction() as session:
        calendar = cal.work_calendar(session)
        assert calendar.knows(2026)
        assert calendar.day_off_name(D(2026, 6, 19)) == "端午节"
        assert calendar.is_working_day(D(2026, 5, 9))  # 劳动节调休, a Saturday
        assert calendar.add_working_days(D(2026, 6, 15), 5) == D(2026, 6, 22)
        year = cal.holiday_year(session, 2026)
        assert year.source == "built_in"
        assert (D(2026, 2, 14), "春节调休上班") in year.workdays
        assert cal.holiday_year(session, 2031).source == "none"


def test_a_year_typed_by_the_clerk_is_used_and_audited(db: Database) -> None:
    with db.transaction() as session:
        assert not cal.work_calendar(session).knows(2031)
        cal.save_holiday_year(
            session,
            actor=CLERK,
            year=2031,
            days_off={D(2031, 1, 1): "元旦", D(2031, 1, 2): "元旦"},
            workdays={D(2031, 1, 4): "元旦调休上班"},  # a Saturday
        )
    with db.transaction() as session:
        calendar = cal.work_calendar(session)
        assert calendar.knows(2031)
        assert not calendar.is_working_day(D(2031, 1, 2))
        assert calendar.is_working_day(D(2031, 1, 4))
        entry = session.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc())).first()
        assert entry is not None
        assert "2031年节假日安排" in entry.summary
        assert entry.operator == "王芳"
        cal.clear_holiday_year(session, actor=CLERK, year=2031)
    with db.transaction() as session:
        assert not cal.work_calendar(session).knows(2031)


def test_an_entered_year_replaces_the_built_in_one(db: Database) -> None:
    with db.transaction() as session:
        cal.save_holiday_year(session, actor=CLERK, year=2026, days_off={}, workdays={})
        calendar = cal.work_calendar(session)
        assert calendar.is_working_day(D(2026, 6, 19))  # the office said: no holidays that year
        assert cal.holiday_year(session, 2026).source == "entered"


@pytest.mark.parametrize(
    ("days_off", "workdays", "message"),
    [
        ({D(2030, 1, 1): "元旦"}, {}, "不在2031年"),
        ({D(2031, 1, 1): "  "}, {}, "还没有填写名称"),
        ({}, {D(2031, 1, 6): "调休"}, "本来就上班"),  # a Monday
        ({D(2031, 1, 4): "元旦"}, {D(2031, 1, 4): "调休"}, "不能既放假又调休上班"),
    ],
)
def test_wrong_entries_are_refused_with_the_reason(
    db: Database, days_off: dict[D, str], workdays: dict[D, str], message: str
) -> None:
    with db.transaction() as session, pytest.raises(UserError, match=message):
        cal.save_holiday_year(session, actor=CLERK, year=2031, days_off=days_off, workdays=workdays)


def test_due_dates_on_days_off_are_found_and_moved(db: Database) -> None:
    from dangjian_desktop.services import township

    admin = Actor("管理员", "admin")
    with db.transaction() as session:
        township.save_township(session, actor=admin, name="石龙镇")
        rounds.create_round(session, actor=admin, first_year=2026)
        found = {item.field: item for item in cal.due_dates_on_days_off(session, 2026)}
        # 2027-06-30 is a Wednesday; 2026-12-31 a Thursday; 2026-08-25 a Tuesday;
        # 2027-05-10 a Monday; 2027-05-31 a Monday; 2027-05-11 a Tuesday: none is off.
        assert found == {}
        rounds.update_settings(
            session, actor=admin, first_year=2026, dates={"materials_due": D(2027, 5, 9)}
        )
        found = {item.field: item for item in cal.due_dates_on_days_off(session, 2026)}
        assert found["materials_due"].why == "星期日"
        assert found["materials_due"].next_working_day == D(2027, 5, 10)
        assert cal.years_without_holidays(session, 2026) == [2027]
        assert cal.move_due_dates_to_working_days(session, actor=admin, first_year=2026) == 1
        assert cal.due_dates_on_days_off(session, 2026) == []
