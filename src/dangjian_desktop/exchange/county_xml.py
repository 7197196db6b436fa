"""The county workbook's rows as sheet XML, written and read back without a cell object each.

openpyxl builds an element tree for every cell it writes and parses one for every cell it reads;
at county scale (half a million cells) that was most of the export's time. Here the rows of a
sheet are turned into the `<row>` text of the sheet part directly, cells as openpyxl would
write them (inline strings, the same style ids, Excel serial dates), while openpyxl still writes
everything around them (the sheet's properties, views, columns, filter, page setup, the
workbook and its styles). The read-back check streams the written file's sheet parts through
expat and gives each row's values as `read_county_workbook` would.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import IO, Any
from xml.etree import ElementTree
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel, to_excel

from dangjian_desktop.exchange.safe_write import read_text

_DATE_FORMAT = "yyyy-mm-dd"
_READ_CHUNK = 256 * 1024
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def escape(text: str) -> str:
    """Text as XML element content."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _inline(text: str, style: int | None) -> str:
    """The tail of an inline-string cell (after `<c r="A1"`) holding `text` as stored."""
    space = ' xml:space="preserve"' if text.strip() and text != text.strip() else ""
    styled = "" if style is None else f' s="{style}"'
    return f'{styled} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def _number(value: Any) -> str | None:
    """A number as the text of `<v>`; None for NaN and infinities, which have no cell value."""
    if type(value) is int:
        return str(value)
    number = float(value)
    return repr(number) if math.isfinite(number) else None


def cell_tail(cell: Any) -> str | None:
    """The tail of an openpyxl WriteOnlyCell's XML, as openpyxl writes it; None when the cell
    writes nothing (no value and no style)."""
    value = cell._value
    style = cell.style_id if cell.has_style else None
    styled = "" if style is None else f' s="{style}"'
    if value is None or value == "":
        return None if style is None else f"{styled}/>"
    kind = cell.data_type
    if kind == "s":
        return _inline(str(value), style)
    if kind == "d":
        return f'{styled} t="n"><v>{_number(to_excel(value))}</v></c>'
    if kind == "b":
        return f'{styled} t="b"><v>{int(bool(value))}</v></c>'
    text = _number(value) if isinstance(value, int | float | Decimal) else str(value)
    return f'{styled} t="n"><v>{text or ""}</v></c>'


class RowWriter:
    """Row values into `<row>` XML text. Plain text, numbers and dates are turned into XML
    here; any other value goes through `make_cell` (an openpyxl WriteOnlyCell, or the value
    itself for a plain number) and `cell_tail`."""

    def __init__(
        self,
        plain: Callable[[str], bool],
        make_cell: Callable[[Any], Any],
        date_style: int,
    ) -> None:
        self.plain = plain
        self.make_cell = make_cell
        self.date_style = date_style
        self.letters: list[str] = []
        self.texts: dict[str, str] = {}
        self.dates: dict[dt.date, str] = {}

    def _letter(self, index: int) -> str:
        while len(self.letters) <= index:
            self.letters.append(get_column_letter(len(self.letters) + 1))
        return self.letters[index]

    def _text(self, value: str) -> str | None:
        tail = self.texts.get(value)
        if tail is None:
            tail = _inline(value, None) if self.plain(value) else self._other(value) or ""
            self.texts[value] = tail
        return tail or None

    def _date(self, value: dt.date) -> str:
        tail = self.dates.get(value)
        if tail is None:
            tail = self.dates[value] = (
                f' s="{self.date_style}" t="n"><v>{_number(to_excel(value))}</v></c>'
            )
        return tail

    def _other(self, value: Any) -> str | None:
        cell = self.make_cell(value)
        if cell is None:
            return None
        if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
            number = _number(cell)
            return None if number is None else f' t="n"><v>{number}</v></c>'
        return cell_tail(cell)

    def row(self, number: int, values: list[Any]) -> str:
        parts = [f'<row r="{number}">']
        suffix = str(number)
        for index, value in enumerate(values):
            kind = type(value)
            if value is None:
                continue
            if kind is str:
                tail = self._text(value) if value else None
            elif kind is int or kind is float or kind is Decimal:
                number_text = _number(value)
                tail = None if number_text is None else f' t="n"><v>{number_text}</v></c>'
            elif kind is dt.date:
                tail = self._date(value)
            else:
                tail = self._other(value)
            if tail is not None:
                parts.append(f'<c r="{self._letter(index)}{suffix}"{tail}')
        parts.append("</row>")
        return "".join(parts)

    def header(self, number: int, cells: list[Any]) -> str:
        parts = [f'<row r="{number}">']
        for index, cell in enumerate(cells):
            tail = cell_tail(cell)
            if tail is not None:
                parts.append(f'<c r="{self._letter(index)}{number}"{tail}')
        parts.append("</row>")
        return "".join(parts)


# ---------------------------------------------------------------------------------------------
# Reading back


def _part(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(title, part name) of every sheet, in the workbook's order."""
    root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PACKAGE_REL}Relationship")
    }
    found = []
    for sheet in root.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"))
        if target is None:
            raise KeyError(f"sheet {sheet.get('name')!r} has no part")
        found.append((sheet.get("name", ""), _part("xl/workbook.xml", target)))
    return found


def date_styles(archive: zipfile.ZipFile) -> dict[int, str]:
    """Style index → number format, for the styles that show a number as a date."""
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return {}
    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    for fmt in root.iter(f"{_MAIN}numFmt"):
        codes[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
    found: dict[int, str] = {}
    cell_xfs = root.find(f"{_MAIN}cellXfs")
    for index, xf in enumerate([] if cell_xfs is None else cell_xfs.iter(f"{_MAIN}xf")):
        code = codes.get(int(xf.get("numFmtId", "0")), "")
        if code and is_date_format(code):
            found[index] = code
    return found


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    try:
        root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
    except KeyError:
        return []
    return ["".join(t.text or "" for t in si.iter(f"{_MAIN}t")) for si in root.iter(f"{_MAIN}si")]


_DIGITS = "0123456789"


def _column(ref: str) -> int:
    """0-based column of a cell reference such as "AB12"."""
    index = 0
    for ch in ref.rstrip(_DIGITS):
        index = index * 26 + ord(ch) - 64
    return index - 1


class _SheetParser:
    """expat handlers that turn a sheet part into rows of values (header row first)."""

    def __init__(self, dates: dict[int, str], shared: list[str]) -> None:
        self.dates = dates
        self.shared = shared
        self.done: list[list[Any]] = []
        self.row: list[Any] | None = None
        self.kind = ""
        self.style = -1
        self.column = 0
        self.text: list[str] | None = None
        self.value: list[str] = []
        self.next_row = 1
        self.columns: dict[str, int] = {}  # cell reference without its row → column

    def start(self, name: str, attrs: dict[str, str]) -> None:
        # Element names as this module writes them: no namespace prefix.
        if name == "c":
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip(_DIGITS)
                column = self.columns.get(letters)
                if column is None:
                    column = self.columns[letters] = _column(letters)
                self.column = column
            else:
                self.column = len(self.row or [])
            self.kind = attrs.get("t", "n")
            self.style = int(attrs.get("s", "0"))
            self.value = []
        elif name == "v" or name == "t":
            self.text = self.value
        elif name == "row":
            number = attrs.get("r")
            while number and self.next_row < int(number):  # rows left out are empty ones
                self.done.append([])
                self.next_row += 1
            self.row = []

    def chars(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        if name == "v" or name == "t":
            self.text = None
        elif name == "c":
            row = self.row
            if row is None:
                raise ValueError("a cell outside a row")
            value = self._value("".join(self.value)) if self.value else None
            while len(row) < self.column:
                row.append(None)
            if len(row) == self.column:
                row.append(value)
            else:
                row[self.column] = value
        elif name == "row":
            row = self.row or []
            while row and row[-1] is None:
                row.pop()
            self.done.append(row)
            self.row = None
            self.next_row += 1

    def _value(self, text: str) -> Any:
        kind = self.kind
        if kind == "inlineStr" or kind == "str":
            return read_text(text)
        if kind == "s":
            return read_text(self.shared[int(text)])
        if kind == "b":
            return text == "1"
        if kind == "e":
            return text
        number: int | float = (
            float(text) if "." in text or "E" in text or "e" in text else int(text)
        )
        code = self.dates.get(self.style)
        if code is None:
            return number
        moment = from_excel(number)
        return moment.date() if code == _DATE_FORMAT else moment


def iter_sheet_rows(
    archive: zipfile.ZipFile, part: str, dates: dict[int, str], shared: list[str]
) -> Iterator[list[Any]]:
    """The rows of one sheet part as they are parsed, a chunk of the file at a time: text
    unescaped, date cells as dates (datetimes for a format with a time), no trailing blanks.
    Rows the file leaves out before a numbered row are given as empty ones."""
    handlers = _SheetParser(dates, shared)
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = handlers.start
    parser.EndElementHandler = handlers.end
    parser.CharacterDataHandler = handlers.chars
    source: IO[bytes]
    with archive.open(part) as source:
        while chunk := source.read(_READ_CHUNK):
            parser.Parse(chunk, False)
            if handlers.done:
                yield from handlers.done
                handlers.done = []
    parser.Parse(b"", True)
    yield from handlers.done
