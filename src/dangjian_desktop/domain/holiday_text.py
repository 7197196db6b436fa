"""Reading a year's holiday arrangement as a clerk types it, and writing it back the same way.

One line per holiday or 调休 day, a date or a span then the name, for example::

    1月1日至3日 元旦
    2月15日至2月23日 春节
    2027-10-01至2027-10-07 国庆节
    5月9日 劳动节调休上班

Dates are 2027-02-15, 2027/2/15, 2027年2月15日 or 2月15日 (the year being edited); a span is
joined by 至, 到, —, ～, ~ or -. The end of a span may leave out the month ("1月1日至3日").
"""

from __future__ import annotations

import datetime as dt
import re

from dangjian_desktop.errors import UserError

_ONE_DAY = dt.timedelta(days=1)
_MAX_SPAN = 31

_DATE = r"(?:(?:(?P<{p}y>\d{{4}})[年\-/.])?(?P<{p}m>\d{{1,2}})[月\-/.])?(?P<{p}d>\d{{1,2}})日?"
_LINE = re.compile(
    r"^\s*"
    + _DATE.format(p="a")
    + r"(?:\s*(?:至|到|—|－|～|~|-)\s*"
    + _DATE.format(p="b")
    + r")?\s*[:：,，]?\s*(?P<name>.*?)\s*$"
)


def _make(year: int, y: str | None, m: str | None, d: str, line_no: int) -> dt.date:
    try:
        return dt.date(int(y) if y else year, int(m), int(d)) if m else dt.date(year, 1, int(d))
    except ValueError:
        raise UserError(f"第{line_no}行的日期不存在，请检查月和日。") from None


def parse_days(text: str, year: int) -> dict[dt.date, str]:
    """Every day named in `text` (see the module docstring), with its name."""
    days: dict[dt.date, str] = {}
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("　", " ").strip()
        if not line:
            continue
        match = _LINE.match(line)
        if match is None or match["am"] is None:
            raise UserError(
                f"第{line_no}行看不懂：“{line}”。请写成“2月15日至23日 春节”或“5月9日 劳动节调休上班”。"
            )
        first = _make(year, match["ay"], match["am"], match["ad"], line_no)
        last = first
        if match["bd"] is not None:
            month = match["bm"] or str(first.month)
            last = _make(first.year, match["by"], month, match["bd"], line_no)
        if last < first:
            raise UserError(f"第{line_no}行的结束日期早于开始日期，请检查。")
        if (last - first).days >= _MAX_SPAN:
            raise UserError(f"第{line_no}行的日期段超过{_MAX_SPAN}天，请检查是否写错。")
        name = match["name"].strip()
        if not name:
            raise UserError(f"第{line_no}行还没有写名称，如“春节”。")
        day = first
        while day <= last:
            if day in days and days[day] != name:
                raise UserError(
                    f"第{line_no}行：{day.month}月{day.day}日已经写在“{days[day]}”里了。"
                )
            days[day] = name
            day += _ONE_DAY
    return days


def format_days(days: dict[dt.date, str]) -> str:
    """The inverse of parse_days: consecutive days of one name become one span."""
    lines: list[str] = []
    ordered = sorted(days.items())
    i = 0
    while i < len(ordered):
        first, name = ordered[i]
        last = first
        while i + 1 < len(ordered) and ordered[i + 1] == (last + _ONE_DAY, name):
            i += 1
            last = ordered[i][0]
        span = f"{first.month}月{first.day}日"
        if last != first:
            span += f"至{last.month}月{last.day}日"
        lines.append(f"{span} {name}")
        i += 1
    return "\n".join(lines)
