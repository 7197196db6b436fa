"""Chinese text conventions used in documents and on screen."""

from __future__ import annotations

import datetime as dt

_DIGITS = "〇一二三四五六七八九"


def round_label(first_year: int) -> str:
    """2025 -> '2025—2026年度' (a round runs from August of Y to July of Y+1)."""
    return f"{first_year}—{first_year + 1}年度"


def _small_number(n: int) -> str:
    """1..31 in Chinese as written in dates: 十, 十一, 二十, 二十八, 三十一."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def chinese_date(day: dt.date) -> str:
    """2026-06-28 -> '二〇二六年六月二十八日' (certificates write dates this way)."""
    year = "".join(_DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{_small_number(day.month)}月{_small_number(day.day)}日"


def arabic_date(day: dt.date) -> str:
    """2026-06-28 -> '2026年6月28日' (GB/T 9704 成文日期 uses Arabic numerals, no leading zero)."""
    return f"{day.year}年{day.month}月{day.day}日"


def document_number(prefix: str, year: int, serial: int) -> str:
    """('×党发', 2026, 3) -> '×党发〔2026〕3号'."""
    return f"{prefix}〔{year}〕{serial}号"
