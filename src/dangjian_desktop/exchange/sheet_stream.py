"""A worksheet read as a stream: rows as they come, never the whole sheet in memory at once.

openpyxl's read-only mode parses a sheet's XML row by row, but leaves out what a register's
reader needs besides the values: merged cells (they come after the rows in the file, so they are
found first by a cheap byte scan of the sheet part), hidden rows and what a cell looks like
(white text on a white ground, the ";;;" format that shows nothing). `SheetStream` gives the rows
with merged cells filled from their top-left cell, and says which rows a clerk cannot see.

Only rows holding a value count: borders or colours drawn down to row 70,000 are not rows.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser

MAX_COLUMNS = 200
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?)"')
_CHUNK = 1024 * 1024
_OVERLAP = 256
_WHITE_TINT = -0.15  # "白色，背景1，深色5%" is still white to the eye; 15 % darker is not


@dataclass(frozen=True)
class Merge:
    min_row: int
    min_col: int
    max_row: int
    max_col: int


@dataclass
class StreamedRow:
    number: int  # the Excel row number
    values: list[object]  # by column, 1..width, merged cells filled from their top-left
    hidden: bool = False  # the row is hidden (or inside a collapsed outline)
    invisible: bool = False  # every value is white on white or formatted to show nothing


def _true(value: object) -> bool:
    return str(value).lower() in ("1", "true")


def scan_merges(ws: Any) -> list[Merge]:
    """The merged ranges of a read-only worksheet, from its part's bytes (bounded columns)."""
    merges: list[Merge] = []
    tail = b""
    with ws._get_source() as source:
        while True:
            chunk = source.read(_CHUNK)
            if not chunk:
                break
            data = tail + chunk
            cut = max(len(data) - _OVERLAP, 0)
            for match in _MERGE.finditer(data):
                if match.end() > cut and chunk:
                    continue  # may be cut short: seen again with the next chunk
                merges.append(_merge(match.group(1).decode("ascii")))
            tail = data[cut:]
        for match in _MERGE.finditer(tail):
            merges.append(_merge(match.group(1).decode("ascii")))
    return merges


def _merge(ref: str) -> Merge:
    min_col, min_row, max_col, max_row = range_boundaries(ref.upper())
    return Merge(min_row or 1, min_col or 1, max_row or 1, min(max_col or 1, MAX_COLUMNS))


@dataclass
class _Looks:
    """Which cell styles show nothing on a white page, decided once per style."""

    wb: Any
    cache: dict[int, bool] = field(default_factory=dict)

    def invisible(self, style_id: int) -> bool:
        found = self.cache.get(style_id)
        if found is None:
            found = self.cache[style_id] = self._decide(style_id)
        return found

    def _decide(self, style_id: int) -> bool:
        try:
            style = self.wb._cell_styles[style_id]
        except (IndexError, TypeError):
            return False
        number_format = ""
        if style.numFmtId >= 164:
            formats = self.wb._number_formats
            index = style.numFmtId - 164
            number_format = formats[index] if 0 <= index < len(formats) else ""
        if number_format.replace(" ", "") == ";;;":
            return True
        try:
            font = self.wb._fonts[style.fontId]
            fill = self.wb._fills[style.fillId]
        except (IndexError, TypeError):
            return False
        return _white(getattr(font, "color", None)) and _white_ground(fill)


def _white(color: Any) -> bool:
    if color is None:
        return False
    if color.type == "rgb" and isinstance(color.rgb, str):
        return color.rgb.upper().endswith("FFFFFF")
    if color.type == "theme":  # theme 0 is 背景1 (lt1), white in every stock theme
        return color.theme == 0 and (color.tint or 0) > _WHITE_TINT
    return False


def _white_ground(fill: Any) -> bool:
    pattern = getattr(fill, "patternType", None)
    if not pattern:
        return True  # no fill: the page is white
    if pattern == "solid":
        return _white(getattr(fill, "fgColor", None))
    return False


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class SheetStream:
    """Rows of one read-only worksheet, in order, from `first` on (see the module's text)."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.title = str(ws.title)
        self.hidden_sheet = getattr(ws, "sheet_state", "visible") != "visible"
        self.merges = scan_merges(ws)
        self.hidden_columns: set[int] = set()  # known once rows() has started
        self._looks = _Looks(ws.parent)

    def rows(self, first: int = 1, last: int | None = None) -> Iterator[StreamedRow]:
        """Rows from `first` to `last` (all when None) that hold a value, each filled out to
        the widest column seen (at most 200 columns)."""
        wb = self.ws.parent
        pending = sorted((m for m in self.merges if m.max_row >= first), key=lambda m: m.min_row)
        tops = {(m.min_row, m.min_col) for m in pending}
        top_values: dict[tuple[int, int], object] = {}
        active: list[Merge] = []
        next_merge = 0
        with self.ws._get_source() as source, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # extensions openpyxl does not read
            parser = WorkSheetParser(
                source,
                self.ws._shared_strings,
                data_only=True,
                epoch=wb.epoch,
                date_formats=wb._date_formats,
                timedelta_formats=wb._timedelta_formats,
            )
            for number, cells in parser.parse():
                if not self.hidden_columns and parser.column_dimensions:
                    self.hidden_columns = _hidden_columns(parser.column_dimensions)
                if last is not None and number > last:
                    break
                for cell in cells:
                    if (number, cell["column"]) in tops:
                        top_values[(number, cell["column"])] = cell["value"]
                while next_merge < len(pending) and pending[next_merge].min_row <= number:
                    active.append(pending[next_merge])
                    next_merge += 1
                if active:
                    active = [m for m in active if m.max_row >= number]
                if number < first:
                    continue
                row = self._row(number, cells, parser.row_dimensions.pop(str(number), None))
                if active:
                    _fill_merged(row, active, top_values)
                if all(_blank(v) for v in row.values):
                    continue
                yield row

    def _row(self, number: int, cells: list[dict[str, Any]], attrs: Any) -> StreamedRow:
        width = max((c["column"] for c in cells if c["column"] <= MAX_COLUMNS), default=0)
        values: list[object] = [None] * width
        shown = False
        for cell in cells:
            column = cell["column"]
            if column > MAX_COLUMNS:
                continue
            values[column - 1] = cell["value"]
            if not _blank(cell["value"]) and not self._looks.invisible(cell["style_id"] or 0):
                shown = True
        has_value = any(not _blank(v) for v in values)
        hidden = bool(attrs) and _true(attrs.get("hidden", "0"))
        return StreamedRow(number, values, hidden=hidden, invisible=has_value and not shown)


def _hidden_columns(dimensions: dict[str, dict[str, str]]) -> set[int]:
    """Column numbers (1-based, at most MAX_COLUMNS) that `<col hidden="1">` hides."""
    hidden: set[int] = set()
    for attrs in dimensions.values():
        if not _true(attrs.get("hidden", "0")):
            continue
        try:
            first, last = int(attrs["min"]), int(attrs.get("max", attrs["min"]))
        except (KeyError, ValueError):
            continue
        hidden.update(range(max(first, 1), min(last, MAX_COLUMNS) + 1))
    return hidden


def _fill_merged(
    row: StreamedRow, active: list[Merge], top_values: dict[tuple[int, int], object]
) -> None:
    for merge in active:
        if not merge.min_row <= row.number <= merge.max_row:
            continue
        value = top_values.get((merge.min_row, merge.min_col))
        if value is None:
            continue
        if len(row.values) < merge.max_col:
            row.values.extend([None] * (merge.max_col - len(row.values)))
        for column in range(merge.min_col, merge.max_col + 1):
            if (row.number, column) != (merge.min_row, merge.min_col):
                row.values[column - 1] = value


def hidden_sheet_notes(streams: list[SheetStream], chosen: SheetStream) -> list[tuple[str, str]]:
    """(sheet, note) for each hidden sheet: the one read, or one left unread."""
    notes = []
    for stream in streams:
        if not stream.hidden_sheet:
            continue
        very = stream.ws.sheet_state == "veryHidden"
        how = "深度隐藏的（Excel的“取消隐藏”里也看不到）" if very else "隐藏的"
        if stream is chosen:
            text = f"读取的工作表“{stream.title}”在Excel中是{how}，请确认这正是要导入的名册。"
        else:
            text = (
                f"文件里还有一个{how}工作表“{stream.title}”，没有读取。"
                "如其中有要导入的内容，请把它复制到可见的工作表中。"
            )
        notes.append((stream.title, text))
    return notes
