from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian_desktop.exchange.normalize import DateParseError, cell_text, parse_date_cell

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2005, 7, 1, 0, 0), D(2005, 7, 1)),
        (D(2005, 7, 1), D(2005, 7, 1)),
        (38534, D(2005, 7, 1)),  # Excel serial
        (38534.75, D(2005, 7, 1)),  # serial with a time of day
        ("2005年7月", D(2005, 7, 1)),
        ("2005年7月1日", D(2005, 7, 1)),
        ("2005年07月01号", D(2005, 7, 1)),
        ("2005.7", D(2005, 7, 1)),
        ("2005.07.01", D(2005, 7, 1)),
        ("2005/7/1", D(2005, 7, 1)),
        ("2005-7-1", D(2005, 7, 1)),
        ("2005-07", D(2005, 7, 1)),
        ("20050701", D(2005, 7, 1)),
        ("200507", D(2005, 7, 1)),
        (20050701, D(2005, 7, 1)),
        (200507, D(2005, 7, 1)),
        ("１９８５年３月", D(1985, 3, 1)),
        ("２００５．７．１", D(2005, 7, 1)),
        (" 2005 年 7 月 ", D(2005, 7, 1)),
        ("2005—7—1", D(2005, 7, 1)),
        ("2005-07-01 00:00:00", D(2005, 7, 1)),
        (2005.7, D(2005, 7, 1)),  # typed into a number cell
        (2005.11, D(2005, 11, 1)),
        ("2005.10", D(2005, 10, 1)),  # text keeps the zero
        ("2005.1", D(2005, 1, 1)),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_dates_clerks_write(value: object, expected: D | None) -> None:
    assert parse_date_cell(value) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2005年13月", "没有13月"),
        ("2005-02-30", "没有30日"),
        ("1985", "只有年份"),
        (1985, "只有年份"),
        ("不详", "无法识别“不详”"),
        (2005.1, "1月还是10月"),
        (12, "无法识别"),
        (True, "无法识别"),
        ("1800-01-01", "年份1800不合理"),
        (float("nan"), "无法识别"),
        (dt.time(10, 0), "无法识别"),
    ],
)
def test_nonsense_gets_a_chinese_message(value: object, fragment: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date_cell(value)
    assert fragment in str(caught.value)
    assert isinstance(caught.value, ValueError)


@given(st.dates(min_value=D(1910, 1, 1), max_value=D(2099, 12, 31)))
def test_every_written_form_of_a_date_parses_back(day: D) -> None:
    forms = [
        day,
        dt.datetime.combine(day, dt.time()),
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}.{day.month:02d}.{day.day:02d}",
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}-{day.month}-{day.day}",
        f"{day:%Y%m%d}",
        int(day.strftime("%Y%m%d")),
        (day - D(1899, 12, 30)).days,
    ]
    for form in forms:
        assert parse_date_cell(form) == day, form
    assert parse_date_cell(f"{day.year}年{day.month}月") == day.replace(day=1)


@given(
    st.one_of(
        st.none(),
        st.text(max_size=20),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.decimals(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.datetimes(),
        st.dates(),
    )
)
def test_parse_date_never_crashes(value: object) -> None:
    try:
        result = parse_date_cell(value)
    except DateParseError as exc:
        assert exc.message
    else:
        assert result is None or isinstance(result, D)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (13800000000.0, "13800000000"),
        (13800000000, "13800000000"),
        (2.5, "2.5"),
        (Decimal("93.50"), "93.5"),
        (Decimal("90.00"), "90"),
        ("  １３８００ ", "13800"),
        ("张\u3000三", "张三"),
        (dt.datetime(2005, 7, 1), "2005-07-01"),
        (True, "是"),
    ],
)
def test_cell_text(value: object, expected: str) -> None:
    assert cell_text(value) == expected


@given(st.one_of(st.none(), st.text(), st.integers(), st.floats(), st.decimals(), st.dates()))
def test_cell_text_is_always_trimmed_text(value: object) -> None:
    text = cell_text(value)
    assert isinstance(text, str)
    assert text == text.strip()
