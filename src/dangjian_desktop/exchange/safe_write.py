"""Writing workbooks that cannot be half-written and whose text is never run as a formula.

Formula injection: in an .xlsx a cell is a formula only when it is stored as one (`<f>`); a
string cell (`t="s"` or `t="inlineStr"`) is shown as text by Excel, WPS and LibreOffice whatever
it starts with. openpyxl, however, turns any assigned string that starts with "=" into a formula,
so every text cell is written through `set_text` / `text_cell`, which force the string type
after assignment. Text that starts with = + - @ (or tab / CR) also gets the cell's `quotePrefix`
flag — what Excel itself stores when someone types '=1+2 — so that it stays text even when a
user edits the cell and presses Enter. Unlike the CSV advice (prefix a "'"), the stored text is
unchanged: reading the cell back gives exactly the original string.

XML cannot carry a bare CR, and OOXML escapes control characters as _xHHHH_. `safe_text` applies
that escape (and protects a literal "_x0041_" by escaping its underscore), `read_text` undoes it.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from openpyxl.cell import WriteOnlyCell

from dangjian_desktop.paths import fsync_dir

# Characters that make a spreadsheet treat typed text as a formula (OWASP CSV injection list),
# plus their full-width forms, which Chinese IMEs produce and some programs fold.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_LITERAL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def needs_quote_prefix(text: str) -> bool:
    """True when a spreadsheet would evaluate this text if it were typed into a cell."""
    return text.startswith(_FORMULA_START)


def safe_text(value: str) -> str:
    """The form in which `value` is stored in a text cell so that it reads back unchanged.

    The protection against evaluation is the cell type, set by `set_text` / `text_cell`;
    never assign the result to `cell.value` alone.
    """
    escaped = _LITERAL_ESCAPE.sub("_x005F_", value)
    return _CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", escaped)


def read_text(value: str) -> str:
    """Undo `safe_text` (the OOXML _xHHHH_ escape) on text read back with openpyxl."""
    if "_x" not in value:
        return value
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)


def set_text(cell: Any, value: str) -> None:
    """Store `value` in an openpyxl cell as text that no spreadsheet evaluates."""
    cell.value = safe_text(value)
    cell.data_type = "s"  # after assignment: openpyxl makes "=…" a formula on assignment
    if needs_quote_prefix(value):
        cell.quotePrefix = True


def text_cell(ws: Any, value: str, *, font: Any = None) -> WriteOnlyCell:
    """A write-only-mode cell holding `value` as protected text."""
    cell = WriteOnlyCell(ws)
    set_text(cell, value)
    if font is not None:
        cell.font = font
    return cell


def atomic_save_workbook(wb: Any, path: Path | str) -> None:
    """Save `wb` to `path` so that `path` is either the old file or the complete new one."""
    target = Path(path)
    folder = target.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            wb.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
