"""Checks and clean-ups of what a clerk types or imports: names, phones, dates, fixed lists."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum


class BranchStatus(StrEnum):
    ACTIVE = "active"
    MERGED = "merged"
    DISSOLVED = "dissolved"


BRANCH_STATUS_NAMES: dict[str, str] = {
    BranchStatus.ACTIVE: "正常",
    BranchStatus.MERGED: "已合并",
    BranchStatus.DISSOLVED: "已撤销",
}

SECTORS: tuple[str, ...] = (
    "农村",
    "社区",
    "机关",
    "学校",
    "事业单位-文化",
    "事业单位-卫生",
    "事业单位-其他",
    "非公企业",
    "社会组织",
)


class BranchLevel(StrEnum):
    GENERAL = "general_branch"
    BRANCH = "branch"


LEVEL_NAMES: dict[BranchLevel, str] = {
    BranchLevel.GENERAL: "党总支",
    BranchLevel.BRANCH: "党支部",
}
LEVELS: tuple[str, ...] = ("党总支", "党支部")


def level_name(level: str) -> str:
    """'general' -> '党总支'; a value that is no level is shown as it is stored."""
    try:
        return LEVEL_NAMES[BranchLevel(level)]
    except ValueError:
        return level


def level_from_name(name: str) -> BranchLevel | None:
    """'党总支' -> BranchLevel.GENERAL; None when the text is neither level."""
    text = normalise_text(name)
    for level, label in LEVEL_NAMES.items():
        if text == label:
            return level
    return None


POSTS: tuple[str, ...] = ("书记", "副书记", "委员", "党员")
GENDERS: tuple[str, ...] = ("男", "女")
MEMBER_KINDS: tuple[str, ...] = ("正式党员", "预备党员")
ETHNICITIES: tuple[str, ...] = (
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
)

MAX_NAME_LENGTH = 50
# Characters that show nothing yet make two names differ: every format character (Cf: soft
# hyphen, zero-width space and joiners, bidi controls such as RLO, U+2063 …), controls (Cc) that
# are not whitespace, variation selectors, the combining grapheme joiner and the Hangul fillers.
# Spelled out as ranges (scanning the Unicode database at start would cost a quarter second);
# tests/domain/test_domain_names.py checks the list against the database Python ships.
_INVISIBLE = re.compile(
    "["
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\U000e0100-\U000e01ef"
    "]"
)


def is_invisible(ch: str) -> bool:
    """True for a character that shows nothing and is not whitespace (see above)."""
    return _INVISIBLE.fullmatch(ch) is not None


def invisible_characters(s: str) -> list[str]:
    """The invisible characters in `s`, in order (see `is_invisible`)."""
    return _INVISIBLE.findall(s)


def _visible(s: str) -> str:
    return _INVISIBLE.sub("", s)


_HALF_WIDTH = {0x3000: " ", **{c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}}


def fold_width(s: str) -> str:
    """Full-width ASCII (Ａ１，) and the ideographic space to their half-width forms."""
    return s if s.isascii() else s.translate(_HALF_WIDTH)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def normalise_text(s: str) -> str:
    """Trim, fold full-width ASCII, drop invisible characters and squeeze inner whitespace.

    A run of whitespace between two Latin letters or digits becomes one space ('John  Smith');
    any other run disappears ('张　三' -> '张三', '云南 ABC 公司' -> '云南ABC公司').
    """
    words = fold_width(_visible(s)).split()
    if not words:
        return ""
    out = [words[0]]
    for word in words[1:]:
        if _latin(out[-1][-1]) and _latin(word[0]):
            out.append(" ")
        out.append(word)
    return "".join(out)


def normalise_name(s: str) -> str:
    """A name as stored and compared: `normalise_text` after Unicode NFKC, so that two names
    that look the same are the same (look-alike compatibility forms folded, invisible format
    and direction characters gone). Idempotent."""
    text = s
    for _ in range(4):  # NFKC and the squeeze of spaces can each expose work for the other
        again = normalise_text(unicodedata.normalize("NFKC", _visible(text)))
        if again == text:
            break
        text = again
    return text


_DASHES = re.compile(r"[-‐‑‒–—―−－]+")
_MOBILE = re.compile(r"1\d{10}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")


def normalise_phone(s: str) -> str:
    """Half-width digits, no spaces or brackets, one kind of dash, no +86 before a mobile."""
    text = fold_width(_visible(s))
    text = re.sub(r"[\s()（）]", "", text)
    text = _DASHES.sub("-", text).strip("-")
    digits = text.replace("-", "")
    for prefix in ("", "+86", "0086", "86"):
        rest = digits.removeprefix(prefix)
        if digits.startswith(prefix) and _MOBILE.fullmatch(rest):
            return rest  # mobiles are stored as 11 bare digits
    return text


def validate_phone(s: str) -> str | None:
    """None when the phone is usable (blank is allowed: the caller decides if it is required).

    Accepted: an 11-digit mobile number starting with 1, or a landline with area code,
    such as 0871-1234567 or 08711234567 (an extension -123 may follow).
    """
    text = normalise_phone(s)
    if not text:
        return None
    if _MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text):
        return None
    shown = text if len(text) <= 30 else text[:30] + "…"
    return (
        f"电话号码“{shown}”格式不对：手机号应为以1开头的11位数字，"
        "固定电话应为区号加号码，如0871-1234567。"
    )


def validate_name(s: str, what: str = "名称") -> str | None:
    """None when the (normalised) name is non-empty and at most 50 characters."""
    text = normalise_name(s)
    if not text:
        return f"请填写{what}。"
    if len(text) > MAX_NAME_LENGTH:
        return f"{what}太长（{len(text)}个字），最多{MAX_NAME_LENGTH}个字，请缩短。"
    return None


EARLIEST_BIRTH_YEAR = 1900
MIN_JOINING_AGE = 18


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # born on 29 February
        return day.replace(year=day.year + years, month=3, day=1)


def validate_member_dates(
    birth: dt.date | None, joined: dt.date | None, today: dt.date
) -> str | None:
    """None when birth and joining dates are plausible; a missing date is not checked here.

    Birth: from 1900 to today. Joining: not in the future and at least 18 years after birth
    (a Party member joins at 18 or older).
    """
    if birth is not None:
        if birth > today:
            return f"出生日期{birth.isoformat()}在今天之后，请核对。"
        if birth.year < EARLIEST_BIRTH_YEAR:
            return f"出生日期{birth.isoformat()}早于{EARLIEST_BIRTH_YEAR}年，请核对。"
    if joined is not None:
        if joined > today:
            return f"入党日期{joined.isoformat()}在今天之后，请核对。"
        if birth is not None and joined < _years_after(birth, MIN_JOINING_AGE):
            return (
                f"入党日期{joined.isoformat()}时未满{MIN_JOINING_AGE}周岁"
                f"（出生日期{birth.isoformat()}），请核对。"
            )
    return None
