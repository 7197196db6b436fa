import datetime as dt

import pytest

from dangjian_desktop.domain.calendar import (
    INTAKE_STAGES,
    STAGE_NAMES,
    TIMELINESS_NAMES,
    RoundDates,
    Stage,
    Timeliness,
    WorkCalendar,
    add_working_days,
    current_stage,
    days_late,
    days_overdue,
    default_dates,
    late_text,
    round_year_for,
    stage_title,
    timeline,
    timeliness,
)
from dangjian_desktop.errors import UserError

D = dt.date


def test_default_dates_follow_the_seed() -> None:
    d = default_dates(2025)
    assert d.opens == D(2025, 8, 1)
    assert d.plan_due == D(2025, 8, 25)
    assert d.report_h2_due == D(2025, 12, 31)
    assert d.report_h1_due == D(2026, 6, 30)
    assert d.materials_due == D(2026, 5, 10)
    assert (d.evaluation_start, d.evaluation_end) == (D(2026, 5, 11), D(2026, 5, 31))
    assert d.naming_end == D(2026, 6, 30)
    assert d.commendation_due == D(2026, 6, 30)
    assert d.announcement_days == 5
    assert d.problems() == []


def test_stage_names_and_titles() -> None:
    assert set(STAGE_NAMES) == set(Stage)
    assert stage_title(Stage.REPORT_H2, 2025) == "2025年下半年书面汇报"
    assert stage_title(Stage.REPORT_H1, 2025) == "2026年上半年书面汇报"
    assert stage_title(Stage.PLAN, 2025) == "制定方案（实施方案）"
    assert INTAKE_STAGES == (Stage.PLAN, Stage.REPORT_H2, Stage.REPORT_H1, Stage.MATERIALS)


def test_due_dates() -> None:
    d = default_dates(2025)
    assert d.due(Stage.PLAN) == D(2025, 8, 25)
    assert d.due(Stage.REPORT_H2) == D(2025, 12, 31)
    assert d.due(Stage.REPORT_H1) == D(2026, 6, 30)
    assert d.due(Stage.MATERIALS) == D(2026, 5, 10)
    assert d.due(Stage.EVALUATION) == D(2026, 5, 31)
    assert d.due(Stage.NAMING) == D(2026, 6, 30)
    assert d.due(Stage.COMMENDATION) == D(2026, 6, 30)
    # 2026-06-30 is a Tuesday: the 公示 ends Monday 29th and starts 5 working days earlier.
    assert d.announcement_window() == (D(2026, 6, 23), D(2026, 6, 29))
    assert d.due(Stage.ANNOUNCEMENT) == D(2026, 6, 29)


def test_overrides_validate_order() -> None:
    d = default_dates(2025)
    later = d.with_overrides(plan_due=D(2025, 9, 10))
    assert later.plan_due == D(2025, 9, 10)
    assert d.plan_due == D(2025, 8, 25)  # frozen original unchanged
    with pytest.raises(UserError) as err:
        d.with_overrides(evaluation_start=D(2026, 6, 5))
    assert "总结评估开始日期" in err.value.message
    assert "总结评估结束日期" in err.value.message
    with pytest.raises(UserError) as err:
        d.with_overrides(plan_due=D(2025, 7, 20))
    assert "创建年度开始日期" in err.value.message and "2025年7月20日" in err.value.message
    with pytest.raises(UserError):
        d.with_overrides(commendation_due=D(2026, 5, 20))
    with pytest.raises(UserError):
        d.with_overrides(announcement_days=0)
    # the same day is fine where the order is "not later than"
    same = d.with_overrides(evaluation_start=D(2026, 5, 31))
    assert same.evaluation_start == same.evaluation_end


def test_shifted_handles_29_february() -> None:
    d = default_dates(2027).with_overrides(materials_due=D(2028, 2, 29))
    moved = d.shifted()
    assert moved.materials_due == D(2029, 2, 28)
    assert moved.opens == D(2028, 8, 1)
    assert moved.commendation_due == D(2029, 6, 30)
    assert default_dates(2025).shifted(1) == default_dates(2026)
    assert default_dates(2025).shifted(-1) == default_dates(2024)


def test_dict_round_trip() -> None:
    d = default_dates(2025).with_overrides(announcement_days=7)
    data = d.to_dict()
    assert data["plan_due"] == "2025-08-25"
    assert data["announcement_days"] == 7
    assert RoundDates.from_dict(data) == d


@pytest.mark.parametrize(
    ("received", "today", "expected"),
    [
        (D(2025, 8, 25), D(2025, 9, 1), Timeliness.ON_TIME),  # on the due date
        (D(2025, 8, 20), D(2025, 8, 21), Timeliness.ON_TIME),
        (D(2025, 8, 28), D(2025, 9, 1), Timeliness.LATE),
        (None, D(2025, 8, 26), Timeliness.MISSING),
        (None, D(2025, 8, 25), Timeliness.PENDING),  # due today, not yet late
        (None, D(2025, 8, 1), Timeliness.PENDING),
    ],
)
def test_timeliness(received: dt.date | None, today: dt.date, expected: Timeliness) -> None:
    assert timeliness(D(2025, 8, 25), received, today) is expected


def test_timeliness_names_and_days() -> None:
    assert TIMELINESS_NAMES[Timeliness.MISSING] == "未报（已逾期）"
    assert set(TIMELINESS_NAMES) == set(Timeliness)
    assert days_late(D(2025, 8, 25), D(2025, 8, 28)) == 3
    assert days_late(D(2025, 8, 25), D(2025, 8, 20)) == 0
    assert days_overdue(D(2025, 8, 25), D(2025, 9, 4)) == 10
    assert days_overdue(D(2025, 8, 25), D(2025, 8, 1)) == 0
    assert late_text(days_late(D(2025, 8, 25), D(2025, 8, 28))) == "逾期3天"


def test_add_working_days_convention() -> None:
    monday = D(2026, 6, 22)
    assert add_working_days(monday, 1) == monday  # start counts as day 1
    assert add_working_days(monday, 5) == D(2026, 6, 26)  # Mon..Fri
    assert add_working_days(D(2026, 6, 24), 5) == D(2026, 6, 30)  # Wed..next Tue
    saturday = D(2026, 6, 20)
    assert add_working_days(saturday, 5) == D(2026, 6, 26)  # day 1 is Monday 22nd
    # 端午节 2026-06-19 (Friday) as a holiday: Thu 18, Mon 22, Tue 23, Wed 24, Thu 25
    duanwu = WorkCalendar(days_off={D(2026, 6, 19): "端午节"})
    assert add_working_days(D(2026, 6, 18), 5, duanwu) == D(2026, 6, 25)
    with pytest.raises(ValueError):
        add_working_days(monday, 0)


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (D(2025, 7, 15), Stage.ENROLMENT),
        (D(2025, 8, 1), Stage.PLAN),
        (D(2025, 8, 25), Stage.PLAN),
        (D(2025, 8, 26), Stage.REPORT_H2),
        (D(2025, 12, 31), Stage.REPORT_H2),
        (D(2026, 1, 1), Stage.MATERIALS),
        (D(2026, 5, 11), Stage.EVALUATION),
        (D(2026, 5, 31), Stage.EVALUATION),
        (D(2026, 6, 1), Stage.NAMING),
        (D(2026, 6, 22), Stage.NAMING),
        (D(2026, 6, 23), Stage.ANNOUNCEMENT),
        (D(2026, 6, 29), Stage.ANNOUNCEMENT),
        (D(2026, 6, 30), Stage.COMMENDATION),
        (D(2026, 7, 20), Stage.COMMENDATION),
    ],
)
def test_current_stage(today: dt.date, stage: Stage) -> None:
    assert current_stage(default_dates(2025), today) is stage


def test_current_stage_h1_report_after_commendation() -> None:
    d = default_dates(2025).with_overrides(
        commendation_due=D(2026, 6, 20), naming_end=D(2026, 6, 20)
    )
    assert current_stage(d, D(2026, 6, 25)) is Stage.REPORT_H1


def test_timeline_covers_every_stage_in_order() -> None:
    rows = timeline(default_dates(2025))
    assert {stage for stage, _, _ in rows} == set(Stage)
    assert all(start <= end for _, start, end in rows)
    starts = [start for _, start, _ in rows]
    assert starts == sorted(starts)
    as_dict = {stage: (start, end) for stage, start, end in rows}
    assert as_dict[Stage.PLAN] == (D(2025, 8, 1), D(2025, 8, 25))
    assert as_dict[Stage.EVALUATION] == (D(2026, 5, 11), D(2026, 5, 31))
    assert as_dict[Stage.COMMENDATION] == (D(2026, 6, 30), D(2026, 6, 30))


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (D(2025, 8, 1), 2025),
        (D(2025, 12, 31), 2025),
        (D(2026, 7, 31), 2025),
        (D(2025, 7, 31), 2024),
    ],
)
def test_round_year_for(today: dt.date, year: int) -> None:
    assert round_year_for(today) == year


DUANWU_2026 = WorkCalendar(
    days_off={D(2026, 6, 19): "端午节", D(2026, 6, 20): "端午节", D(2026, 6, 21): "端午节"},
    known_years=frozenset({2026}),
)


def test_announcement_over_a_holiday_ends_on_the_next_working_day() -> None:
    # Monday 06-15, five working days: 15, 16, 17, 18, (19 端午节, 20–21 weekend) 22.
    assert DUANWU_2026.add_working_days(D(2026, 6, 15), 5) == D(2026, 6, 22)
    # Weekends only, it would wrongly end on the holiday itself.
    assert add_working_days(D(2026, 6, 15), 5) == D(2026, 6, 19)
    assert DUANWU_2026.working_days_between(D(2026, 6, 15), D(2026, 6, 22)) == 5


def test_make_up_working_days_count() -> None:
    # 2026-05-09 is a Saturday worked for 劳动节 (调休上班).
    labour = WorkCalendar(
        days_off={D(2026, 5, d): "劳动节" for d in range(1, 6)},
        workdays={D(2026, 5, 9): "劳动节调休上班"},
        known_years=frozenset({2026}),
    )
    assert labour.is_working_day(D(2026, 5, 9))
    assert not labour.is_working_day(D(2026, 5, 4))  # a Monday off
    assert labour.day_off_name(D(2026, 5, 4)) == "劳动节"
    assert labour.day_off_name(D(2026, 5, 10)) == "星期日"
    assert labour.day_off_name(D(2026, 5, 6)) == ""
    # Thursday 30 April + 5 days: 30, (1–5 off), 6, 7, 8, 9 (Saturday worked).
    assert labour.add_working_days(D(2026, 4, 30), 5) == D(2026, 5, 9)
    assert labour.next_working_day(D(2026, 5, 1)) == D(2026, 5, 6)
    assert labour.previous_working_day(D(2026, 5, 5)) == D(2026, 4, 30)


def test_unknown_years_are_named() -> None:
    assert DUANWU_2026.unknown_years(D(2026, 8, 1), D(2027, 6, 30), D(2027, 1, 1)) == [2027]
    assert DUANWU_2026.knows(2026)
    assert not DUANWU_2026.knows(2027)


def test_announcement_window_skips_holidays() -> None:
    dates = default_dates(2025)  # commendation due Tuesday 2026-06-30
    start, end = dates.announcement_window(DUANWU_2026)
    assert end == D(2026, 6, 29)
    # 29, 26, 25, 24, 23: no holiday inside; shift the due date to make one fall inside.
    moved = dates.with_overrides(commendation_due=D(2026, 6, 24), naming_end=D(2026, 6, 24))
    start, end = moved.announcement_window(DUANWU_2026)
    assert (start, end) == (D(2026, 6, 16), D(2026, 6, 23))  # 16 17 18 22 23
