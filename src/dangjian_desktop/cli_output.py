"""What every command shares: exit codes and JSON output (kept import-light for `--help`)."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def pad(text: str, width: int, *, right: bool = False) -> str:
    """Pad to a display width: a Chinese character takes two columns in a terminal."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    filler = " " * max(0, width - shown)
    return filler + text if right else text + filler
