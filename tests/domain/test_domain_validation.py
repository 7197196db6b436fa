import datetime as dt

import pytest

from dangjian_desktop.domain.validation import (
    ETHNICITIES,
    GENDERS,
    LEVEL_NAMES,
    LEVELS,
    MEMBER_KINDS,
    POSTS,
    SECTORS,
    BranchLevel,
    level_from_name,
    normalise_phone,
    normalise_text,
    validate_member_dates,
    validate_name,
    validate_phone,
)

D = dt.date


def test_fixed_lists() -> None:
    assert len(ETHNICITIES) == 56 and len(set(ETHNICITIES)) == 56
    assert all(e.endswith("族") for e in ETHNICITIES)
    assert {"汉族", "彝族", "白族", "哈尼族", "傣族", "基诺族", "珞巴族"} <= set(ETHNICITIES)
    assert len(SECTORS) == 9 and "事业单位-卫生" in SECTORS
    assert LEVELS == ("党总支", "党支部")
    assert LEVEL_NAMES[BranchLevel.GENERAL] == "党总支"
    assert level_from_name(" 党支部 ") is BranchLevel.BRANCH
    assert level_from_name("支部") is None
    assert POSTS == ("书记", "副书记", "委员", "党员")
    assert GENDERS == ("男", "女") and MEMBER_KINDS == ("正式党员", "预备党员")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  张　三 ", "张三"),
        ("ＡＢＣ１２３", "ABC123"),
        ("John   Smith", "John Smith"),
        ("云南 ABC 公司", "云南ABC公司"),
        ("第一\u200b党支部", "第一党支部"),
        ("\t\n", ""),
    ],
)
def test_normalise_text(raw: str, clean: str) -> None:
    assert normalise_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("138 0871 2345", "13808712345"),
        ("１３８０８７１２３４５", "13808712345"),
        ("+86 138-0871-2345", "13808712345"),
        ("0871－1234567", "0871-1234567"),
        ("(0871)1234567", "08711234567"),
    ],
)
def test_normalise_phone(raw: str, clean: str) -> None:
    assert normalise_phone(raw) == clean


@pytest.mark.parametrize(
    "phone", ["13808712345", "0871-1234567", "08711234567", "010-12345678", " ", "0871-1234567-8"]
)
def test_valid_phones(phone: str) -> None:
    assert validate_phone(phone) is None


@pytest.mark.parametrize("phone", ["1380871234", "23808712345", "12345", "电话", "871-1234567"])
def test_invalid_phones(phone: str) -> None:
    message = validate_phone(phone)
    assert message is not None and "格式不对" in message


def test_validate_name() -> None:
    assert validate_name("大村党支部") is None
    assert validate_name("  ", "党组织名称") == "请填写党组织名称。"
    assert validate_name("党" * 50) is None
    message = validate_name("党" * 51)
    assert message is not None and "51" in message


def test_member_dates() -> None:
    today = D(2026, 3, 1)
    assert validate_member_dates(D(1980, 5, 1), D(2005, 7, 1), today) is None
    assert validate_member_dates(D(1980, 5, 1), D(1998, 5, 1), today) is None  # exactly 18
    assert "未满18周岁" in (validate_member_dates(D(1980, 5, 1), D(1998, 4, 30), today) or "")
    assert "今天之后" in (validate_member_dates(D(1980, 5, 1), D(2026, 3, 2), today) or "")
    assert "今天之后" in (validate_member_dates(D(2027, 1, 1), None, today) or "")
    assert "1900" in (validate_member_dates(D(1890, 1, 1), None, today) or "")
    assert validate_member_dates(None, None, today) is None
    # born 29 February: 18th birthday counted from 1 March
    assert validate_member_dates(D(2000, 2, 29), D(2018, 2, 28), today) is not None
    assert validate_member_dates(D(2000, 2, 29), D(2018, 3, 1), today) is None
