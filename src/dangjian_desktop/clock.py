"""The program's one idea of today. `--today YYYY-MM-DD` sets it for tests and training."""

from __future__ import annotations

import datetime as dt

_fixed: dt.date | None = None


def today() -> dt.date:
    return _fixed if _fixed is not None else dt.date.today()


def now() -> dt.datetime:
    """Aware local time; on a fixed day the time of day is kept so ordering still works."""
    current = dt.datetime.now().astimezone()
    if _fixed is None:
        return current
    return dt.datetime.combine(_fixed, current.timetz())


def local(moment: dt.datetime) -> dt.datetime:
    """A stored (UTC) time as the office's local time, for display."""
    return moment.astimezone() if moment.tzinfo else moment


def set_today(day: dt.date | None) -> None:
    global _fixed
    _fixed = day
