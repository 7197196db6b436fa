"""Turn what a clerk typed into an Excel cell into plain values. Pure: no files, no openpyxl."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from dangjian_desktop.domain.validation import normalise_text

# Excel serial numbers that can be a date in a register: 1908-03-19 … 2100-12-31. Whole numbers
# 1900…2100 are read as a year someone typed, not as a serial (serial 2005 is 1905-06-27).
_SERIAL_MIN = 3000
_SERIAL_MAX = 73415
_YEAR_MIN = 1900
_YEAR_MAX = 2100

_HINT = "请写成2005年7月或2005-07-01"


class DateParseError(ValueError):
    """A cell that cannot be read as a date. The message is Chinese and says how to write it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


_SPACES = re.compile(r"\s+")
# 2005年7月, 2005年7月1日, 2005年07月01号
_CHINESE = re.compile(r"^(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号]?)?$")
# 2005.7, 2005.07.01, 2005/7/1, 2005-7-1, 2005-07 (a trailing separator is tolerated)
_SEPARATED = re.compile(r"^(\d{4})([./\-、])(\d{1,2})(?:\2(\d{1,2}))?\.?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
_STAMP = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_YEAR_ONLY = re.compile(r"^(\d{4})年?$")
_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "―": "-", "‐": "-", "﹣": "-"})


# Direction controls (embeddings, overrides, isolates and marks): Excel shows other words.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_INVISIBLE_NAMES = {
    "\u00ad": "软连字符",
    "\u200b": "零宽空格",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\u2060": "零宽不换行符",
    "\ufeff": "零宽不换行空格",
    "\u2061": "不可见运算符",
    "\u2062": "不可见运算符",
    "\u2063": "不可见分隔符",
    "\u2064": "不可见运算符",
}


def invisible_name(ch: str) -> str:
    """What a clerk may call an invisible character: 软连字符, 不可见分隔符, or its code."""
    return _INVISIBLE_NAMES.get(ch) or f"不可见字符U+{ord(ch):04X}"


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _build(year: int, month: int, day: int | None, original: object) -> dt.date:
    shown = _shown(original)
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        raise DateParseError(f"无法识别“{shown}”：年份{year}不合理，{_HINT}。")
    if not 1 <= month <= 12:
        raise DateParseError(f"无法识别“{shown}”：没有{month}月，{_HINT}。")
    try:
        return dt.date(year, month, day if day is not None else 1)
    except ValueError:
        raise DateParseError(
            f"无法识别“{shown}”：{year}年{month}月没有{day}日，{_HINT}。"
        ) from None


def _from_serial(serial: float, original: object) -> dt.date:
    # Excel's 1900 date system (with its phantom 1900-02-29, irrelevant in this range).
    day = int(serial)
    if not _SERIAL_MIN <= day <= _SERIAL_MAX:
        raise DateParseError(f"无法识别“{_shown(original)}”，{_HINT}。")
    return dt.date(1899, 12, 30) + dt.timedelta(days=day)


def _from_number(value: int | float | Decimal) -> dt.date:
    if (
        not math.isfinite(value)
        if isinstance(value, float)
        else (isinstance(value, Decimal) and not value.is_finite())
    ):
        raise DateParseError(f"无法识别“{value}”，{_HINT}。")
    if value == int(value):
        whole = int(value)
        digits = str(abs(whole))
        if len(digits) in (6, 8):  # 200507 or 20050701 typed as a number
            return _from_text(digits, value)
        if _YEAR_MIN <= whole <= _YEAR_MAX:
            raise DateParseError(f"“{whole}”只有年份，请写到月份，例如{whole}年7月。")
        return _from_serial(whole, value)
    # A number with a fraction: 2005.7 typed into a number cell, or a serial with a time part.
    if _YEAR_MIN <= value < _YEAR_MAX + 1:
        text = f"{value}"
        year_text, _, month_text = text.partition(".")
        if month_text == "1":
            raise DateParseError(
                f"“{text}”无法确定是1月还是10月（Excel把2005.10存成了2005.1），"
                f"请把单元格设为文本后写成{year_text}.10，或写成{year_text}年10月。"
            )
        if len(month_text) <= 2:
            return _build(int(year_text), int(month_text), None, value)
        raise DateParseError(f"无法识别“{text}”，{_HINT}。")
    return _from_serial(float(value), value)


def _from_text(text: str, original: object) -> dt.date:
    cleaned = _SPACES.sub("", normalise_text(text)).translate(_DASHES)
    if not cleaned:
        raise DateParseError(f"无法识别“{_shown(original)}”，{_HINT}。")
    for pattern in (_CHINESE, _SEPARATED, _COMPACT):
        match = pattern.match(cleaned)
        if match is None:
            continue
        groups = [g for g in match.groups() if g is not None and not _is_separator(g)]
        year, month = int(groups[0]), int(groups[1])
        day = int(groups[2]) if len(groups) > 2 else None
        return _build(year, month, day, original)
    # "2005-07-01 00:00:00" — a date pasted from another program with a time part.
    stamp = _STAMP.match(normalise_text(text).strip().translate(_DASHES))
    if stamp:
        return _build(int(stamp[1]), int(stamp[2]), int(stamp[3]), original)
    year_only = _YEAR_ONLY.match(cleaned)
    if year_only:
        raise DateParseError(f"“{_shown(original)}”只有年份，请写到月份，例如{year_only[1]}年7月。")
    raise DateParseError(f"无法识别“{_shown(original)}”，{_HINT}。")


def _is_separator(group: str) -> bool:
    return group in {".", "/", "-", "、"}


def parse_date_cell(value: object) -> dt.date | None:
    """A cell as a date, or None when it is empty. Month-only values mean the 1st of the month.

    Accepts Excel dates, Excel serial numbers, and text such as 2005年7月, 2005年7月1日, 2005.7,
    2005.07.01, 2005/7/1, 2005-7-1, 20050701, 200507, with full-width digits and stray spaces.
    Raises DateParseError (a ValueError) with a Chinese message for anything else.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _build(value.year, value.month, value.day, value.date().isoformat())
    if isinstance(value, dt.date):
        return _build(value.year, value.month, value.day, value.isoformat())
    if isinstance(value, bool):
        raise DateParseError(f"无法识别“{value}”，{_HINT}。")
    if isinstance(value, int | float | Decimal):
        return _from_number(value)
    if isinstance(value, str):
        if not _SPACES.sub("", value):
            return None
        return _from_text(value.strip(), value)
    raise DateParseError(f"无法识别“{_shown(value)}”，{_HINT}。")


def _number_text(value: int | float | Decimal) -> str:
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value == int(value) and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        return format(value.normalize(), "f")
    return str(value)


def cell_text(value: object) -> str:
    """A cell as trimmed text: None -> "", 13800000000.0 -> "13800000000", full-width folded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | Decimal):
        return _number_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return normalise_text(str(value)).strip()
