"""Reading the branch and member registers clerks keep in Excel, into rows and problems.

Nothing here writes anything: `read_*_register` returns an `ImportPreview` with the rows that can
be imported and every problem by row and column, in Chinese. The services decide what to commit.
What a cell's words mean (总支 is 党总支, √ is 是) is in exchange/synonyms.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from dangjian_desktop import clock
from dangjian_desktop.domain import validation
from dangjian_desktop.domain.validation import invisible_characters, normalise_name
from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange.normalize import (
    BIDI_CONTROLS,
    DateParseError,
    cell_text,
    invisible_name,
    parse_date_cell,
)
from dangjian_desktop.exchange.register_columns import (
    BRANCH_COLUMNS,
    BRANCH_EXAMPLE,
    EXAMPLE_MARK,
    MEMBER_COLUMNS,
    MEMBER_EXAMPLE,
    Column,
    accepted_headers,
)
from dangjian_desktop.exchange.safety import open_workbook_safely
from dangjian_desktop.exchange.sheet_stream import (
    SheetStream,
    StreamedRow,
    hidden_sheet_notes,
)
from dangjian_desktop.exchange.synonyms import (
    compact,
    ethnicity_of,
    gender_of,
    kind_of,
    level_from_branch_name,
    level_of,
    post_of,
    sector_of,
    yes_no_of,
)

_Parsed = TypeVar("_Parsed")
_Key = TypeVar("_Key")

HEADER_SCAN_ROWS = 15
MAX_DATA_ROWS = 60_000

# Results


@dataclass
class Problem:
    sheet: str
    row: int  # Excel row number (1-based); 0 for the file as a whole
    column: str  # the header as written in the file, or the template's name
    message: str  # complete sentence, e.g. 第12行“出生日期”：无法识别“2005年13月”，请写成…
    blocking: bool = True


@dataclass
class BranchRow:
    row: int
    name: str
    level: str
    parent_name: str
    sector: str
    ethnic_area: bool
    secretary: str
    phone: str
    founded: dt.date | None
    remark: str
    updates_existing: bool = False  # set by check_against_existing


@dataclass
class MemberRow:
    row: int
    name: str
    gender: str
    ethnicity: str
    birth_date: dt.date | None
    joined_on: dt.date | None
    kind: str
    post: str
    branch_name: str
    phone: str
    updates_existing: bool = False  # set by check_against_existing


@dataclass
class ImportPreview:
    kind: Literal["branches", "members"]
    sheet: str
    rows_read: int
    accepted: list[Any] = field(default_factory=list)  # BranchRow or MemberRow
    problems: list[Problem] = field(default_factory=list)
    header_row: int = 0
    headers: dict[str, str] = field(default_factory=dict)  # column key -> header as written
    # What the clerk cannot see in Excel (each also noted among the problems):
    hidden_sheets: list[str] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)  # headers of the columns read
    invisible_rows: list[int] = field(default_factory=list)  # white on white, or ";;;"

    def unseen(self) -> str:
        """'隐藏的工作表1个、隐藏行2行' — what Excel does not show, or ""."""
        parts = []
        if self.hidden_sheets:
            parts.append(f"隐藏的工作表{len(self.hidden_sheets)}个")
        if self.hidden_rows:
            parts.append(f"隐藏行{len(self.hidden_rows)}行")
        if self.hidden_columns:
            parts.append(f"隐藏列{len(self.hidden_columns)}列")
        if self.invisible_rows:
            parts.append(f"白底白字的行{len(self.invisible_rows)}行")
        return "、".join(parts)

    def header(self, key: str, default: str) -> str:
        """The column's header as the file writes it (problems name the column the clerk sees)."""
        return self.headers.get(key) or default

    @property
    def blocking(self) -> bool:
        return any(problem.blocking for problem in self.problems)

    @property
    def blocking_rows(self) -> set[int]:
        return {p.row for p in self.problems if p.blocking and p.row}


# Text helpers

_PAREN = re.compile(r"[（(【\[].*?[）)】\]]")
_TOTAL = re.compile(r"^(合计|总计|小计|共计)([:：].*|\d+.*)?$")


def clean_name(value: str) -> str:
    """A name as stored: NFKC, invisible characters gone, full-width folded, inner spaces dropped
    ("张  三" -> "张三") except one between Latin words (domain/validation.py)."""
    return normalise_name(value)


def _header_key(value: object) -> str:
    text = compact(cell_text(value))
    text = _PAREN.sub("", text)
    return text.strip("*＊:：").lower()


def _shown(text: str) -> str:
    return text if len(text) <= 30 else text[:30] + "…"


def _choices(options: Iterable[str]) -> str:
    return "、".join(f"“{o}”" for o in options)


# Finding the header


@dataclass
class _Layout:
    sheet: SheetStream
    header_row: int  # the row holding the header text
    data_start: int  # first data row (after a header merged over several rows)
    columns: dict[str, int]  # column key -> 1-based column index
    headers: dict[str, str]  # column key -> header text as written
    score: int


def _match_header(
    values: list[object], spec: tuple[Column, ...]
) -> tuple[dict[str, int], dict[str, str]]:
    by_name: dict[str, Column] = {}
    for column in spec:
        for synonym in column.synonyms:
            by_name.setdefault(_header_key(synonym), column)
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for index, value in enumerate(values, start=1):
        key = _header_key(value)
        found = by_name.get(key)
        if found is not None and found.key not in columns:
            columns[found.key] = index
            headers[found.key] = cell_text(value)
    return columns, headers


def _sheet_layout(stream: SheetStream, spec: tuple[Column, ...]) -> _Layout | None:
    """The best header row among the sheet's first rows (merged cells filled in)."""
    best: _Layout | None = None
    for row in stream.rows(1, HEADER_SCAN_ROWS):
        columns, headers = _match_header(row.values, spec)
        score = len(columns)
        if score >= 2 and (best is None or score > best.score):
            bottom = row.number
            for merged in stream.merges:
                if merged.min_row == row.number:
                    bottom = max(bottom, merged.max_row)
            best = _Layout(stream, row.number, bottom + 1, columns, headers, score)
    if best is not None and stream.hidden_sheet:
        best.score -= 1  # a hidden sheet loses a tie against a visible one
    return best


def _streams(wb: Any) -> list[SheetStream]:
    return [SheetStream(ws) for ws in wb.worksheets if hasattr(ws, "_get_source")]


def _find_layout(
    streams: list[SheetStream], spec: tuple[Column, ...]
) -> tuple[_Layout | None, list[_Layout]]:
    candidates = [layout for s in streams if (layout := _sheet_layout(s, spec)) is not None]
    if not candidates:
        return None, []
    chosen = max(candidates, key=lambda layout: layout.score)  # first of the best on a tie
    others = [c for c in candidates if c is not chosen and "name" in c.columns]
    return chosen, others


# Reading rows


class _RowReader:
    def __init__(self, layout: _Layout, spec: tuple[Column, ...], problems: list[Problem]):
        self.layout = layout
        self.spec = {column.key: column for column in spec}
        self.problems = problems
        self.sheet_title = str(layout.sheet.title)

    def header(self, key: str) -> str:
        return self.layout.headers.get(key) or self.spec[key].label

    def problem(self, row: int, key: str, text: str, *, blocking: bool = True) -> None:
        header = self.header(key)
        self.problems.append(
            Problem(self.sheet_title, row, header, f"第{row}行“{header}”：{text}", blocking)
        )

    def rows(self) -> Iterator[tuple[StreamedRow, dict[str, object], list[object]]]:
        """The rows holding a value below the header, read as a stream; more than
        MAX_DATA_ROWS of them is refused as soon as the one too many is read."""
        width = max(self.layout.columns.values())
        for count, row in enumerate(self.layout.sheet.rows(self.layout.data_start), start=1):
            if count > MAX_DATA_ROWS:
                raise UserError(
                    f"工作表“{self.sheet_title}”的数据超过了{MAX_DATA_ROWS}行的上限"
                    f"（读到第{row.number}行时停下，后面的没有读）。请拆成几个文件后分别导入。"
                )
            values = (row.values + [None] * width)[:width]
            by_key = {key: values[index - 1] for key, index in self.layout.columns.items()}
            yield row, by_key, values

    def date(
        self, row: int, key: str, raw: object, *, required: bool, future_check: bool = True
    ) -> dt.date | None:
        try:
            value = parse_date_cell(raw)
        except DateParseError as exc:
            self.problem(row, key, f"{exc.message}")
            return None
        if value is None:
            if required:
                self.problem(row, key, "没有填写，请补上（例如2005年7月或2005-07-01）。")
            return None
        if future_check and value > clock.today():
            self.problem(row, key, f"{value:%Y年%m月%d日}晚于今天，请核对后改正。")
            return None
        return value

    def name(self, row: int, key: str, raw: object, *, required: bool, what: str) -> str:
        if isinstance(raw, str) and not self.visible_text(row, key, raw):
            return ""
        value = clean_name(cell_text(raw))
        if not value:
            if required:
                self.problem(row, key, f"没有填写{what}，请补上或删除这一行。")
            return ""
        message = validation.validate_name(value, what)
        if message:
            self.problem(row, key, message)
        return value

    def reference(self, row: int, key: str, raw: object) -> str:
        """The name of another record (a parent or the member's branch), cleaned like a name;
        invisible characters in it are noted (direction controls as blocking)."""
        if isinstance(raw, str):
            self.visible_text(row, key, raw)
        return clean_name(cell_text(raw))

    def visible_text(self, row: int, key: str, raw: str) -> bool:
        """False (a blocking problem noted) when the text holds direction controls, which make
        Excel show other words than those stored; other invisible characters are dropped with
        a note."""
        found = invisible_characters(raw)
        if not found:
            return True
        if any(ch in BIDI_CONTROLS for ch in found):
            self.problem(
                row,
                key,
                "含有改变文字显示方向的控制字符，表格里看到的文字与实际存的不同。"
                "请在Excel中清空这个单元格、重新输入后再导入。",
            )
            return False
        shown = "、".join(dict.fromkeys(invisible_name(ch) for ch in found))
        self.problem(
            row,
            key,
            f"含有看不见的字符（{shown}），已去掉，按“{_shown(clean_name(raw))}”导入。",
            blocking=False,
        )
        return True

    def phone(self, row: int, key: str, raw: object) -> str:
        text = cell_text(raw)
        if not compact(text):
            return ""
        message = validation.validate_phone(text)
        if message:
            if (
                isinstance(raw, int | float)
                and not text.startswith("1")
                and len(text) in (9, 10, 11)
            ):
                message += "（看起来是区号前的0被Excel去掉了，请把这一列设为文本后重新输入。）"
            self.problem(
                row,
                key,
                f"{message}这个号码不会导入，请改正后重新导入，或以后在程序中补填。",
                blocking=False,
            )
            return ""
        return validation.normalise_phone(text)


def _is_blank(values: list[object]) -> bool:
    return all(not compact(cell_text(v)) for v in values)


def _is_total(values: list[object]) -> bool:
    return any(_TOTAL.match(compact(cell_text(v))) for v in values if isinstance(v, str))


def _is_example(values: list[object], by_key: dict[str, object], example: tuple[str, ...]) -> bool:
    first = next((cell_text(v) for v in values if compact(cell_text(v))), "")
    if first.startswith(EXAMPLE_MARK) or cell_text(by_key.get("name")).startswith(EXAMPLE_MARK):
        return True
    texts = [cell_text(v) for v in values]
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts) == tuple(t for t in example[: len(texts)]) and len(texts) > 1


def _is_repeated_header(by_key: dict[str, object], spec: tuple[Column, ...]) -> bool:
    name_column = next(c for c in spec if c.key == "name")
    return _header_key(by_key.get("name")) in {_header_key(s) for s in name_column.synonyms}


def _read_file(path: Path | str, read: Callable[[Any], ImportPreview]) -> ImportPreview:
    """`read` the file opened for streaming (openpyxl's read-only mode), closed afterwards.
    Raises UserError only when the file itself cannot be opened (or holds more than
    MAX_DATA_ROWS rows)."""
    wb = open_workbook_safely(path, read_only=True, max_rows=MAX_DATA_ROWS)
    try:
        return read(wb)
    finally:
        wb.close()


def _open_and_locate(
    wb: Any, spec: tuple[Column, ...], kind: Literal["branches", "members"]
) -> tuple[_Layout | None, ImportPreview]:
    streams = _streams(wb)
    layout, others = _find_layout(streams, spec)
    what = "党组织名册" if kind == "branches" else "党员名册"
    if layout is None:
        required = "".join(f"“{c.label}”" for c in spec if c.required)
        preview = ImportPreview(kind, "", 0)
        preview.problems.append(
            Problem(
                "",
                0,
                "",
                f"在文件的前{HEADER_SCAN_ROWS}行中没有找到{what}的表头（应有{required}等列）。"
                f"请确认选择的是{what}，或使用程序提供的模板。",
            )
        )
        return None, preview
    title = str(layout.sheet.title)
    preview = ImportPreview(
        kind, title, 0, header_row=layout.header_row, headers=dict(layout.headers)
    )
    for column in spec:
        if column.required and column.key not in layout.columns:
            preview.problems.append(
                Problem(
                    title,
                    layout.header_row,
                    column.label,
                    f"工作表“{title}”第{layout.header_row}行的表头中缺少“{column.label}”列。"
                    f"可用的表头名称：{accepted_headers(column)}。请在表头中加上这一列后再导入。",
                )
            )
    for other in others:
        preview.problems.append(
            Problem(
                str(other.sheet.title),
                0,
                "",
                f"工作表“{other.sheet.title}”也像是{what}，但这次只读取了工作表“{title}”。"
                "如需一起导入，请把它们合并到一个工作表中。",
                blocking=False,
            )
        )
    preview.hidden_sheets = [s.title for s in streams if s.hidden_sheet]
    hidden = layout.sheet.hidden_columns
    preview.hidden_columns = [
        layout.headers[key] for key, index in layout.columns.items() if index in hidden
    ]
    preview.problems += [
        Problem(
            title,
            layout.header_row,
            h,
            f"“{h}”列在Excel中是隐藏的（看不到），也会读取。请取消隐藏后核对这一列。",
            blocking=False,
        )
        for h in preview.hidden_columns
    ]
    preview.problems += [
        Problem(sheet, 0, "", text, blocking=False)
        for sheet, text in hidden_sheet_notes(streams, layout.sheet)
        if sheet not in {str(o.sheet.title) for o in others}
    ]
    if any(p.blocking for p in preview.problems):
        return None, preview
    return layout, preview


def _open_reader(
    wb: Any, spec: tuple[Column, ...], kind: Literal["branches", "members"]
) -> tuple[_RowReader | None, ImportPreview]:
    """A reader of the register's data rows, or None when the file has no usable header (the
    preview then says why)."""
    layout, preview = _open_and_locate(wb, spec, kind)
    if layout is None:
        return None, preview
    return _RowReader(layout, spec, preview.problems), preview


def _parsed_rows(
    reader: _RowReader,
    preview: ImportPreview,
    example: tuple[str, ...],
    parse: Callable[[int, dict[str, object]], _Parsed],
) -> list[_Parsed]:
    """Every data row parsed; a row in which a blocking problem was noted is left out."""
    parsed: list[_Parsed] = []
    spec = tuple(reader.spec.values())
    for row, by_key in _data_rows(reader, preview, spec, example):
        before = len(preview.problems)
        one = parse(row, by_key)
        if not _blocked_since(preview, before):
            parsed.append(one)
    return parsed


def _note_repeat(
    reader: _RowReader, seen: dict[_Key, int], key: _Key, row: int, says: Callable[[int], str]
) -> None:
    """Note a row that repeats one read before (`says` words it from that row's number)."""
    if key in seen:
        reader.problem(row, "name", says(seen[key]))
    else:
        seen[key] = row


# Branch register


def _data_rows(
    reader: _RowReader, preview: ImportPreview, spec: tuple[Column, ...], example: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, object]]]:
    """The rows that hold data, each counted as read: blank rows, totals, the template's example
    row and a header repeated further down are passed over."""
    for streamed, by_key, values in reader.rows():
        if _is_blank(values) or _is_total(values) or _is_example(values, by_key, example):
            continue
        if _is_repeated_header(by_key, spec):
            continue
        preview.rows_read += 1
        row = streamed.number
        if streamed.hidden:
            preview.hidden_rows.append(row)
            _note_row(preview, reader, row, "在Excel中是隐藏行（看不到）")
        if streamed.invisible:
            preview.invisible_rows.append(row)
            _note_row(preview, reader, row, "的文字是白底白字（或设置为不显示），在Excel中看不到")
        yield row, by_key


def _note_row(preview: ImportPreview, reader: _RowReader, row: int, what: str) -> None:
    text = f"第{row}行{what}，也会导入。如不该导入，请删除这一行。"
    preview.problems.append(Problem(reader.sheet_title, row, "", text, blocking=False))


def read_branch_register(path: Path | str) -> ImportPreview:
    """Read a 党组织名册; UserError only when the file cannot be opened or holds too many rows."""
    return _read_file(path, _read_branches)


def _read_branches(wb: Any) -> ImportPreview:
    reader, preview = _open_reader(wb, BRANCH_COLUMNS, "branches")
    if reader is None:
        return preview
    seen: dict[str, int] = {}
    rows = _parsed_rows(
        reader,
        preview,
        BRANCH_EXAMPLE,
        lambda row, by_key: _branch_row(reader, row, by_key, seen),
    )
    preview.accepted = _without_branches_under_branches(reader, rows)
    sort_problems(preview)
    return preview


def _branch_row(
    reader: _RowReader, row: int, by_key: dict[str, object], seen: dict[str, int]
) -> BranchRow:
    """One 党组织名册 row read, every problem in it noted; `seen` holds the names read so far."""
    name = reader.name(row, "name", by_key.get("name"), required=True, what="党组织名称")
    level = _branch_level(reader, row, cell_text(by_key.get("level")), name)
    parent = reader.reference(row, "parent_name", by_key.get("parent_name"))
    if parent and parent == name:
        reader.problem(row, "parent_name", "上级党组织不能是它自己，请改正或留空。")
    if parent and level == "党总支":
        reader.problem(
            row, "parent_name", "党总支不能再隶属于其他党总支，请核对层级或把上级党组织留空。"
        )
    sector = _branch_sector(reader, row, cell_text(by_key.get("sector")))
    area_text = cell_text(by_key.get("ethnic_area"))
    ethnic_area = yes_no_of(area_text)
    if ethnic_area is None:
        reader.problem(
            row, "ethnic_area", f"无法识别“{_shown(area_text)}”，请填“是”或“否”（不是可留空）。"
        )
    secretary = reader.name(row, "secretary", by_key.get("secretary"), required=False, what="书记")
    phone = reader.phone(row, "phone", by_key.get("phone"))
    founded = reader.date(row, "founded", by_key.get("founded"), required=False)
    remark = cell_text(by_key.get("remark"))
    if name:
        _note_repeat(
            reader,
            seen,
            name,
            row,
            lambda first: f"“{name}”与第{first}行重复，请删除重复的一行或改正名称。",
        )
    return BranchRow(
        row=row,
        name=name,
        level=level or "",
        parent_name=parent,
        sector=sector or "",
        ethnic_area=bool(ethnic_area),
        secretary=secretary,
        phone=phone,
        founded=founded,
        remark=remark,
    )


def _branch_level(reader: _RowReader, row: int, text: str, name: str) -> str | None:
    """党总支 or 党支部; a blank cell is judged by the name (…党总支, …支部) where it can be."""
    level = level_of(text)
    if level is None and not compact(text):
        level = level_from_branch_name(name)
        if level is not None:
            reader.problem(row, "level", f"没有填写，按名称判断为“{level}”。", blocking=False)
        else:
            reader.problem(row, "level", "没有填写，请填“党总支”或“党支部”。")
    elif level is None:
        reader.problem(row, "level", f"无法识别“{_shown(text)}”，只能填“党总支”或“党支部”。")
    return level


def _branch_sector(reader: _RowReader, row: int, text: str) -> str | None:
    sector = sector_of(text)
    if sector is None:
        allowed = _choices(validation.SECTORS)
        if compact(text):
            reader.problem(row, "sector", f"无法识别“{_shown(text)}”，请从{allowed}中选择一个。")
        else:
            reader.problem(row, "sector", f"没有填写，请从{allowed}中选择一个。")
    return sector


def _without_branches_under_branches(reader: _RowReader, rows: list[BranchRow]) -> list[BranchRow]:
    """A parent named in the file must be a 党总支: the rows under a 党支部 are refused."""
    levels = {r.name: r.level for r in rows}
    kept: list[BranchRow] = []
    for branch in rows:
        if branch.parent_name and levels.get(branch.parent_name) == "党支部":
            reader.problem(
                branch.row,
                "parent_name",
                f"上级党组织“{branch.parent_name}”在本表中是党支部，党支部不能下设党支部。"
                "请核对层级或上级党组织。",
            )
            continue
        kept.append(branch)
    return kept


# Member register


def read_member_register(path: Path | str) -> ImportPreview:
    """Read a 党员名册; UserError only when the file cannot be opened or holds too many rows."""
    return _read_file(path, _read_members)


def _read_members(wb: Any) -> ImportPreview:
    reader, preview = _open_reader(wb, MEMBER_COLUMNS, "members")
    if reader is None:
        return preview
    layout = reader.layout
    if "kind" not in layout.columns:
        preview.problems.append(
            Problem(
                preview.sheet,
                layout.header_row,
                "党员类别",
                "表中没有“党员类别”列，全部按正式党员导入；如有预备党员，请加上这一列"
                "（填“正式党员”或“预备党员”）。",
                blocking=False,
            )
        )
    seen: dict[tuple[str, dt.date | None, str], int] = {}
    today = clock.today()
    preview.accepted = _parsed_rows(
        reader,
        preview,
        MEMBER_EXAMPLE,
        lambda row, by_key: _member_row(reader, row, by_key, seen, today),
    )
    sort_problems(preview)
    return preview


def _member_row(
    reader: _RowReader,
    row: int,
    by_key: dict[str, object],
    seen: dict[tuple[str, dt.date | None, str], int],
    today: dt.date,
) -> MemberRow:
    """One 党员名册 row read, every problem in it noted; `seen` holds the members read so far."""
    name = reader.name(row, "name", by_key.get("name"), required=True, what="姓名")
    gender = _member_gender(reader, row, cell_text(by_key.get("gender")))
    ethnicity = _member_ethnicity(reader, row, cell_text(by_key.get("ethnicity")))
    birth = reader.date(
        row, "birth_date", by_key.get("birth_date"), required=True, future_check=False
    )
    joined = reader.date(
        row, "joined_on", by_key.get("joined_on"), required=True, future_check=False
    )
    birth_message = validation.validate_member_dates(birth, None, today)
    if birth_message:
        reader.problem(row, "birth_date", birth_message)
    joined_message = validation.validate_member_dates(
        None if birth_message else birth, joined, today
    )
    if joined_message:
        reader.problem(row, "joined_on", joined_message)
    kind = _member_kind(reader, row, cell_text(by_key.get("kind")))
    post = _member_post(reader, row, cell_text(by_key.get("post")))
    branch = reader.reference(row, "branch_name", by_key.get("branch_name"))
    if not branch:
        reader.problem(row, "branch_name", "没有填写所在党组织，请补上。")
    phone = reader.phone(row, "phone", by_key.get("phone"))
    if name and birth and branch:
        _note_repeat(
            reader,
            seen,
            (name, birth, branch),
            row,
            lambda first: (
                f"“{name}”（{birth:%Y-%m-%d}，{branch}）与第{first}行重复，请删除重复的一行。"
            ),
        )
    return MemberRow(
        row=row,
        name=name,
        gender=gender or "",
        ethnicity=ethnicity or "",
        birth_date=birth,
        joined_on=joined,
        kind=kind or "",
        post=post,
        branch_name=branch,
        phone=phone,
    )


def _member_gender(reader: _RowReader, row: int, text: str) -> str | None:
    gender = gender_of(text)
    if gender is None:
        shown = f"无法识别“{_shown(text)}”" if compact(text) else "没有填写"
        reader.problem(row, "gender", f"{shown}，请填“男”或“女”。")
    return gender


def _member_ethnicity(reader: _RowReader, row: int, text: str) -> str | None:
    """The 民族's full name; "" when blank (a warning where the file has the column)."""
    ethnicity = ethnicity_of(text) if compact(text) else ""
    if ethnicity is None:
        reader.problem(
            row,
            "ethnicity",
            f"无法识别“{_shown(text)}”，请写民族全称，例如“汉族”“彝族”“蒙古族”。",
        )
    elif not ethnicity and "ethnicity" in reader.layout.columns:
        reader.problem(row, "ethnicity", "没有填写民族，以后可在程序中补填。", blocking=False)
    return ethnicity


def _member_kind(reader: _RowReader, row: int, text: str) -> str | None:
    """正式党员 or 预备党员; a blank cell is 正式党员 (a warning where the file has the column)."""
    if compact(text):
        kind = kind_of(text)
        if kind is None:
            reader.problem(row, "kind", f"无法识别“{_shown(text)}”，请填“正式党员”或“预备党员”。")
        return kind
    if "kind" in reader.layout.columns:
        reader.problem(row, "kind", "没有填写，按正式党员导入。", blocking=False)
    return "正式党员"


def _member_post(reader: _RowReader, row: int, text: str) -> str:
    """The 党内职务; what is none of them is imported as 党员, with a warning."""
    post = post_of(text)
    if post is None:
        reader.problem(
            row,
            "post",
            f"“{_shown(text)}”不是党内职务（可填{_choices(validation.POSTS)}），按“党员”导入。",
            blocking=False,
        )
        post = "党员"
    return post


def _blocked_since(preview: ImportPreview, start: int) -> bool:
    """A blocking problem was noted after the first `start` ones (the row being read)."""
    return any(problem.blocking for problem in preview.problems[start:])


def sort_problems(preview: ImportPreview) -> None:
    preview.problems.sort(key=lambda p: (p.row, not p.blocking))
