import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian_desktop.domain.holiday_text import format_days, parse_days
from dangjian_desktop.errors import UserError

D = dt.date


def test_a_state_council_arrangement_as_typed() -> None:
    days = parse_days(
        "1月1日至3日 元旦\n2月15日至2月23日　春节\n\n2027-10-01至2027-10-07 国庆节\n"
        "2027/5/9 劳动节调休上班\n2027年4月5日：清明节",
        2027,
    )
    assert days[D(2027, 1, 3)] == "元旦"
    assert len([d for d, n in days.items() if n == "春节"]) == 9
    assert days[D(2027, 10, 7)] == "国庆节"
    assert days[D(2027, 5, 9)] == "劳动节调休上班"
    assert days[D(2027, 4, 5)] == "清明节"
    assert len(days) == 3 + 9 + 7 + 1 + 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2月30日 春节", "日期不存在"),
        ("春节放假", "看不懂"),
        ("2月15日至2月10日 春节", "早于开始日期"),
        ("1月1日至3月1日 元旦", "超过31天"),
        ("1月1日", "还没有写名称"),
        ("1月1日 元旦\n1月1日 春节", "已经写在“元旦”里"),
    ],
)
def test_mistakes_are_named_with_the_line(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_days(text, 2027)


names = st.sampled_from(["元旦", "春节", "清明节", "劳动节调休上班", "国庆节"])
days_of_2027 = st.dates(min_value=D(2027, 1, 1), max_value=D(2027, 12, 31))


@given(st.dictionaries(days_of_2027, names, max_size=40))
def test_format_then_parse_gives_the_same_days(days: dict[dt.date, str]) -> None:
    assert parse_days(format_days(days), 2027) == days


@given(st.text(max_size=60))
def test_any_text_is_read_or_refused_with_a_message(text: str) -> None:
    try:
        parse_days(text, 2027)
    except UserError as exc:
        assert str(exc)
