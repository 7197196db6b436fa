"""The county package (报送材料): one workbook for the round, the PDFs, a database snapshot and a
manifest of SHA-256 sums, put on the USB stick so that it is either complete and verified or not
there at all."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import gc
import io
import itertools
import json
import os
import re
import shutil
import sqlite3
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any
from xml.parsers.expat import ExpatError

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import xmlfile

from dangjian_desktop import __version__, clock
from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange.county_notes import NOTES_SHEET, anchor_problems, notes_rows
from dangjian_desktop.exchange.county_xml import (
    RowWriter,
    date_styles,
    iter_sheet_rows,
    shared_strings,
    sheet_parts,
)
from dangjian_desktop.exchange.safe_write import (
    atomic_save_workbook,
    needs_quote_prefix,
    read_text,
    safe_text,
    text_cell,
)
from dangjian_desktop.exchange.safety import MiB, open_workbook_safely
from dangjian_desktop.paths import file_sha256, fsync_dir

CellValue = str | int | float | Decimal | dt.date | None

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
DOCUMENTS_DIR = "文书"
SNAPSHOT = "数据库快照.sqlite3"
PARTIAL_PREFIX = ".部分_"
_CHUNK = 1024 * 1024
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_SHEET_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


@dataclass
class SheetSpec:
    """One sheet as declared by whoever fills it: title and headers side by side, then the rows.
    The writer and the read-back check (`_check_workbook`) both go by it."""

    title: str
    headers: list[str]
    rows: list[list[CellValue]]
    widths: list[int] | None = None


@dataclass
class CountyData:
    township: str
    round_label: str
    first_year: int
    sheets: list[SheetSpec]


@dataclass
class VerifyResult:
    ok: bool
    problems: list[str] = field(default_factory=list)
    files_checked: int = 0

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1


class ExportCancelled(UserError):
    """The clerk pressed 取消; nothing was left on the target."""

    def __init__(self) -> None:
        super().__init__("已取消导出，U盘上没有留下任何文件。")


Progress = Callable[[int, str], None]  # (percent 0…100, what is happening)


# ---------------------------------------------------------------------------------------------
# The workbook


def _safe_name(text: str) -> str:
    """A file or folder name every Windows and Linux file system accepts."""
    cleaned = _FORBIDDEN.sub("_", text).strip().rstrip(".")
    return cleaned or "未命名"


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub("_", title).strip("'")[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def _default_width(header: str, rows: list[list[CellValue]], index: int) -> int:
    # CJK characters are about two Latin widths; sample the first rows only (speed).
    def width(value: CellValue) -> int:
        if isinstance(value, dt.date):
            return 11
        text = "" if value is None else str(value)
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    longest = max([width(header)] + [width(r[index]) for r in rows[:200] if index < len(r)])
    return max(6, min(50, longest + 2))


def write_county_workbook(
    data: CountyData, path: Path | str, *, on_sheet: Callable[[int, str], None] | None = None
) -> None:
    """Write the round's workbook in write-only mode: frozen bold header, widths, filters, print
    titles; dates as Excel dates, Decimals as numbers, text protected against formulas.
    `on_sheet(index, title)` is called before each sheet (progress, and a chance to cancel)."""
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    used: set[str] = set()
    try:
        with _young_collections_only():
            for sheet_index, sheet in enumerate(data.sheets):
                if on_sheet is not None:
                    on_sheet(sheet_index, sheet.title)
                _write_sheet(wb, sheet, used, bold)
    except BaseException:
        _discard(wb)
        raise
    if not data.sheets:
        wb.create_sheet("空")
    atomic_save_workbook(wb, path)


@contextlib.contextmanager
def _young_collections_only() -> Iterator[None]:
    """No full garbage collection while the sheets are written.

    Writing half a million cells makes as many short-lived objects, which set off a full
    collection every few hundred thousand; each walks the whole heap (the round's rows, and in
    the window everything it holds) and found nothing here to free. Young objects are still
    collected; the previous thresholds come back afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], 1 << 30)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _discard(wb: Any) -> None:
    """Close and delete the temporary files of an abandoned write-only workbook."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


_SHEET_BUFFER = 8 * 1024 * 1024


class _BufferedSheetWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's sheet writer with an 8 MB file buffer instead of 8 KB.

    The export runs on a worker thread. Each time a buffer fills, the write lets go of the GIL
    and takes it straight back; done every few milliseconds, that keeps the window's thread from
    ever getting the GIL (the "convoy"), and the window froze for one to two seconds while the
    党员名册 sheet was written. Same XML, same temporary file, far fewer writes."""

    def get_stream(self) -> Any:
        with (
            open(self.out, "wb", buffering=_SHEET_BUFFER) as raw,
            io.TextIOWrapper(
                raw, encoding="utf-8", errors="xmlcharrefreplace", newline="\n"
            ) as text,
            xmlfile(text, encoding="unicode") as xf,
            xf.element("worksheet", xmlns=SHEET_MAIN_NS),
        ):
            self.text = text
            try:
                while True:
                    el = yield
                    if el is True:
                        yield xf
                    elif el is None:
                        continue
                    else:
                        xf.write(el)
            except GeneratorExit:
                pass

    def sheet_data(self, rows: Iterable[str]) -> Iterator[None]:
        """The `<sheetData>` element holding `rows` (row XML text, written as it is), in the
        part of the protocol where openpyxl's write-only sheet writes its appended rows: primed
        with next() it writes them all; the sheet's close() then ends the element."""
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            write = self.text.write
            for row in rows:
                write(row)
            with contextlib.suppress(GeneratorExit):
                yield
        self.xf.send(None)


def _write_sheet(wb: Any, sheet: SheetSpec, used: set[str], bold: Font) -> None:
    ws: Any = wb.create_sheet(_sheet_title(sheet.title, used))
    columns = max([len(sheet.headers)] + [len(r) for r in sheet.rows[:1]])
    for index in range(columns):
        letter = get_column_letter(index + 1)
        if sheet.widths and index < len(sheet.widths):
            width = sheet.widths[index]
        else:
            header = sheet.headers[index] if index < len(sheet.headers) else ""
            width = _default_width(header, sheet.rows, index)
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # What ws.append() would do on its first call, with the buffered writer; after the sheet's
    # properties, which write_top() writes out. The rows then go in as XML text (sheet_data).
    ws._writer = _BufferedSheetWriter(ws)
    ws._writer.write_top()
    header_cells = []
    for title in sheet.headers:
        cell = text_cell(ws, title, font=bold)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header_cells.append(cell)
    date_cell = WriteOnlyCell(ws, dt.date(2000, 1, 1))
    date_cell.number_format = "yyyy-mm-dd"
    # Most cells are ordinary text that repeats (党组织, 民族, 党员类别): its XML is made once
    # per distinct text (county_xml.RowWriter).
    rows = RowWriter(_plain_text, lambda value: _cell(ws, value), date_cell.style_id)
    lines = itertools.chain(
        [rows.header(1, header_cells)],
        (rows.row(number, row) for number, row in enumerate(sheet.rows, 2)),
    )
    ws._rows = ws._writer.sheet_data(lines)
    next(ws._rows)
    width = max(columns, 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(width)}{len(sheet.rows) + 1}"


def _plain_text(value: str) -> bool:
    """True for ordinary text, which openpyxl writes as a string as it is."""
    return not needs_quote_prefix(value) and safe_text(value) == value and value[:1] != "#"


def _cell(ws: Any, value: CellValue) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return value if _plain_text(value) else text_cell(ws, value)
    if isinstance(value, bool):
        return text_cell(ws, "是" if value else "否")
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(ws, value.replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, int | float | Decimal):
        return value
    return text_cell(ws, str(value))


def _open_written(path: Path | str, *, unpack: bool = False) -> Any:
    """The county workbook opened read-only for reading back, rows read to the end of each sheet
    without sizing it first (the caller closes it). `unpack` inflates every part in one go
    first (safety._stored_copy): for reading every sheet; a look at one small sheet (the 说明
    sheet's anchor) reads its part straight from the file instead of inflating them all."""
    return open_workbook_safely(
        path,
        max_bytes=500 * MiB,
        max_uncompressed=4000 * MiB,
        read_only=True,
        unpack=unpack,
        unsized=True,
    )


def _row_values(row: Any) -> list[Any]:
    """One read-back row as written: text unescaped, date cells as dates, no trailing blanks."""
    values: list[Any] = []
    for cell in row:
        value = cell.value
        if isinstance(value, str):
            value = read_text(value)
        elif isinstance(value, dt.datetime) and cell.number_format == "yyyy-mm-dd":
            value = value.date()
        values.append(value)
    while values and values[-1] is None:
        values.pop()
    return values


def read_county_workbook(path: Path | str) -> dict[str, list[list[Any]]]:
    """Every sheet's rows (header first) as written: text unescaped, date cells as dates."""
    wb = _open_written(path, unpack=True)
    try:
        return {ws.title: [_row_values(row) for row in ws.iter_rows()] for ws in wb.worksheets}
    finally:
        wb.close()


# ---------------------------------------------------------------------------------------------
# The package


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def _relative(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def _write_manifest(folder: Path, data: CountyData) -> None:
    files = []
    for path in _files_under(folder):
        rel = _relative(path, folder)
        if rel == MANIFEST:
            continue
        files.append({"path": rel, "size": path.stat().st_size, "sha256": file_sha256(path)})
    manifest = {
        "format": MANIFEST_FORMAT,
        "program": __version__,  # the county refuses a package from a newer program
        "township": data.township,
        "round": data.round_label,
        "first_year": data.first_year,
        "created": clock.now().isoformat(timespec="seconds"),
        "files": files,
    }
    chain = audit_log_anchor(folder / SNAPSHOT)
    if chain is not None:  # the anchor of the township's audit log (store/seal.py)
        manifest["audit_log"] = chain
        manifest["workbook_notes"] = NOTES_SHEET  # the workbook carries it too
    text = json.dumps(manifest, ensure_ascii=False, indent=2)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def audit_log_anchor(snapshot: Path) -> dict[str, Any] | None:
    """The length and last hash of the audit log in a package's database snapshot."""
    if not snapshot.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
        try:
            entries = int(con.execute("SELECT count(*) FROM auditentry").fetchone()[0])
            head = con.execute("SELECT hash FROM auditentry ORDER BY id DESC LIMIT 1").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None
    return {"entries": entries, "head": str(head[0]) if head else ""}


def _hash_at(snapshot: Path, position: int) -> str | None:
    con = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT hash FROM auditentry ORDER BY id LIMIT 1 OFFSET ?", (position - 1,)
        ).fetchone()
    finally:
        con.close()
    return None if row is None else str(row[0])


def chain_problems(folder: Path, earlier: Path) -> list[str]:
    """Does this package's audit log continue the one of a package received earlier from the
    same township? A shortened or rewritten log does not."""
    try:
        before = json.loads((earlier / MANIFEST).read_text(encoding="utf-8")).get("audit_log")
    except (OSError, ValueError, AttributeError):
        return [f"读不出早先那份报送材料的{MANIFEST}：{earlier}"]
    if not isinstance(before, dict) or not isinstance(before.get("entries"), int):
        return ["早先那份报送材料没有记载操作日志的锚点，无法比较。"]
    now = audit_log_anchor(folder / SNAPSHOT)
    if now is None:
        return ["这份报送材料的数据库快照读不出操作日志。"]
    entries, head = before["entries"], str(before.get("head", ""))
    if now["entries"] < entries:
        return [
            f"这份材料的操作日志只有{now['entries']}条，比早先那份的{entries}条还少：日志被删除过。"
        ]
    if entries and _hash_at(folder / SNAPSHOT, entries) != head:
        return [f"这份材料的操作日志第{entries}条与早先那份不同：之前的日志被改写过。"]
    return []


def package_folder_name(data: CountyData) -> str:
    return _safe_name(f"{data.township}_{data.round_label}_报送材料")


def workbook_name(data: CountyData) -> str:
    return _safe_name(f"{data.township}{data.round_label}创建工作汇总.xlsx")


def _unique_pdf_names(pdfs: list[Path]) -> list[str]:
    names: list[str] = []
    used: set[str] = set()
    for pdf in pdfs:
        stem, suffix = _safe_name(pdf.stem), pdf.suffix or ".pdf"
        candidate, n = f"{stem}{suffix}", 2
        while candidate.lower() in used:
            candidate, n = f"{stem} ({n}){suffix}", n + 1
        used.add(candidate.lower())
        names.append(candidate)
    return names


def _comparable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value == int(value):
        return int(value)
    if value == "":
        return None
    return value


def _trimmed(values: Any) -> list[Any]:
    out = [_comparable(v) for v in values]
    while out and out[-1] is None:
        out.pop()
    return out


def _check_workbook(data: CountyData, path: Path) -> None:
    """Read the workbook back and compare every cell with what was meant to be written.

    The sheet parts are streamed out of the file and parsed a chunk at a time, each row
    compared as it is read (county_xml.iter_sheet_rows): neither the file, nor its inflated
    parts, nor the read-back rows are ever held whole, and no cell objects are built.
    A file that does not open, inflate or parse is a UserError; a cell that differs, a
    RuntimeError naming the sheet."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = sheet_parts(archive)
            if len(parts) != max(len(data.sheets), 1):
                raise RuntimeError("county workbook: sheet count differs after writing")
            dates, shared = date_styles(archive), shared_strings(archive)
            for sheet, (_title, part) in zip(data.sheets, parts, strict=False):
                expected = itertools.chain([sheet.headers], sheet.rows)
                got_rows = iter_sheet_rows(archive, part, dates, shared)
                for want, got in itertools.zip_longest(expected, got_rows):
                    # A row missing from the file reads as an empty one; a row too many differs.
                    if want is None or _trimmed(want) != _trimmed([] if got is None else got):
                        raise RuntimeError(
                            f"county workbook: sheet {sheet.title!r} differs after writing"
                        )
    except (
        OSError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        ValueError,
        ExpatError,
    ) as exc:
        raise UserError(
            f"刚写好的汇总表读回时打不开或已损坏（{type(exc).__name__}），没有导出报送材料。"
            "请检查电脑的磁盘空间后重新导出。"
        ) from exc


def _copy_file(source: Path, target: Path) -> None:
    with open(source, "rb") as src, open(target, "xb") as dst:
        shutil.copyfileobj(src, dst, _CHUNK)
        dst.flush()
        os.fsync(dst.fileno())


def _copy_tree(source: Path, target: Path, cancelled: Callable[[], bool] | None) -> None:
    target.mkdir()
    # The manifest goes last: a folder holding a manifest has everything else already.
    paths = sorted(source.rglob("*"), key=lambda p: (p == source / MANIFEST, p.as_posix()))
    for path in paths:
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir()
        else:
            _copy_file(path, dest)
    for folder in sorted({p.parent for p in target.rglob("*")} | {target}, reverse=True):
        fsync_dir(folder)


def _free_name(target_dir: Path, name: str) -> Path:
    candidate, n = target_dir / name, 2
    while candidate.exists():
        candidate, n = target_dir / f"{name} ({n})", n + 1
    return candidate


def _target_error(exc: OSError, target_dir: Path) -> UserError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return UserError(
            f"U盘空间不足，报送材料没有写完（已删除写了一半的文件）。"
            f"请清理“{target_dir}”上的空间或换一个U盘后重新导出。"
        )
    return UserError(
        f"U盘已拔出或无法写入（{exc.strerror or exc}），报送材料没有写完。"
        f"请检查“{target_dir}”是否插好、是否写保护，然后重新导出。"
    )


def _build_local(
    data: CountyData,
    pdfs: list[Path],
    sqlite_snapshot_writer: Callable[[Path], None],
    local: Path,
    step: Callable[[int, str], None],
) -> None:
    """The package in a local folder: the workbook read back and checked, the PDFs, the snapshot
    and the manifest (steps 5 to 65 of the progress)."""
    (local / DOCUMENTS_DIR).mkdir(parents=True)
    step(5, "正在生成数据库快照…")
    sqlite_snapshot_writer(local / SNAPSHOT)
    if not (local / SNAPSHOT).is_file():
        raise RuntimeError("the snapshot writer did not create the snapshot file")
    # The workbook's 说明 sheet carries the snapshot's audit-log anchor (exchange/county_notes.py)
    headers, rows = notes_rows(
        data.township,
        data.round_label,
        f"{clock.now():%Y-%m-%d %H:%M}",
        __version__,
        audit_log_anchor(local / SNAPSHOT),
    )
    data = dataclasses.replace(
        data, sheets=[*data.sheets, SheetSpec(NOTES_SHEET, headers, rows, [24, 90])]
    )
    workbook = local / workbook_name(data)
    sheets = len(data.sheets)
    write_county_workbook(
        data,
        workbook,
        on_sheet=lambda i, title: step(10 + 25 * i // sheets, f"正在生成汇总表“{title}”…"),
    )
    step(35, "正在核对汇总表…")
    _check_workbook(data, workbook)
    for index, (pdf, pdf_name) in enumerate(zip(pdfs, _unique_pdf_names(pdfs), strict=True)):
        step(40 + 25 * index // max(len(pdfs), 1), f"正在复制文书“{pdf_name}”…")
        shutil.copyfile(pdf, local / DOCUMENTS_DIR / pdf_name)
    step(65, "正在计算校验值…")
    _write_manifest(local, data)


def _ensure_room(local: Path, target_dir: Path) -> None:
    """Refuse before copying when the target has not room for the package (and 1 MiB more)."""
    needed = sum(p.stat().st_size for p in _files_under(local)) + 1 * MiB
    try:
        free = shutil.disk_usage(target_dir).free
    except OSError as exc:
        raise _target_error(exc, target_dir) from exc
    if free < needed:
        raise UserError(
            f"U盘空间不足：报送材料约需{needed / MiB:.1f} MB，“{target_dir}”只剩"
            f"{free / MiB:.1f} MB。请清理U盘或换一个U盘后重新导出。"
        )


EXPORT_PREFIX = "dangjian_export_"


def sweep_stale_exports() -> list[Path]:
    """Remove the working folders of exports whose program was killed (their process is gone):
    they hold a whole database snapshot and would otherwise stay in the temporary folder."""
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(f"{EXPORT_PREFIX}*_*"):
        pid_text = folder.name[len(EXPORT_PREFIX) :].split("_", 1)[0]
        if not pid_text.isdigit() or _process_alive(int(pid_text)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _process_alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # never guess on Windows: leave the folder
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def build_package(
    data: CountyData,
    pdfs: list[Path],
    sqlite_snapshot_writer: Callable[[Path], None],
    target_dir: Path,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Path, VerifyResult]:
    """Build the package locally, copy it to `target_dir` under a temporary name, rename it, and
    verify the copy. Returns the final folder and that verification (shown as it is, without
    reading the whole package back a second time); raises UserError (ExportCancelled on
    cancel)."""

    def step(percent: int, message: str) -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        if progress is not None:
            progress(percent, message)

    target_dir = Path(target_dir)
    if not target_dir.is_dir():
        raise UserError(f"找不到“{target_dir}”。U盘已拔出或无法写入，请插好U盘后重新选择位置。")
    for pdf in pdfs:
        if not Path(pdf).is_file():
            raise UserError(f"找不到要报送的文书“{Path(pdf).name}”，请重新生成后再导出。")
    name = package_folder_name(data)
    sweep_stale_exports()
    local_root = Path(tempfile.mkdtemp(prefix=f"{EXPORT_PREFIX}{os.getpid()}_"))
    partial: Path | None = None
    try:
        local = local_root / name
        _build_local(data, pdfs, sqlite_snapshot_writer, local, step)
        step(70, "正在写入U盘…")
        _ensure_room(local, target_dir)
        partial = target_dir / f"{PARTIAL_PREFIX}{name}_{uuid.uuid4().hex[:8]}"
        try:
            _copy_tree(local, partial, cancelled)
            final = _free_name(target_dir, name)
            os.rename(partial, final)
            partial = final  # from here on, a failure removes the renamed folder
            fsync_dir(target_dir)
        except OSError as exc:
            raise _target_error(exc, target_dir) from exc

        step(90, "正在核对U盘上的文件…")
        try:
            result = verify_package(final)
        except OSError as exc:
            raise _target_error(exc, target_dir) from exc
        if not result.ok:
            listed = "；".join(result.problems[:10])
            raise UserError(
                f"写入U盘后核对不一致：{listed}。已删除这份不完整的材料，请换一个U盘后重新导出。"
            )
        partial = None
        if progress is not None:
            progress(100, "导出完成，已核对无误。")
        return final, result
    finally:
        if partial is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(partial)
        shutil.rmtree(local_root, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Verification


def verify_package(folder: Path | str, *, after: Path | str | None = None) -> VerifyResult:
    """Check every file against manifest.json: missing, extra and changed files are named; the
    snapshot's audit log against the manifest's anchor; with `after` (a package received
    earlier from the same township), that this one's audit log continues that one's."""
    root = Path(folder)
    if not root.is_dir():
        return VerifyResult(False, [f"找不到文件夹“{root}”。"], 0)
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return VerifyResult(False, [f"缺少{MANIFEST}，这不是完整的报送材料。"], 0)
    except (OSError, ValueError) as exc:
        return VerifyResult(False, [f"{MANIFEST}无法读取或已损坏（{exc}）。"], 0)
    entries = manifest.get("files") if isinstance(manifest, dict) else None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != MANIFEST_FORMAT
        or not isinstance(entries, list)
    ):
        return VerifyResult(False, [f"{MANIFEST}的格式不认识，可能是其他版本的程序生成的。"], 0)
    problems: list[str] = []
    listed: set[str] = set()
    checked = 0
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            problems.append(f"{MANIFEST}中有一条记录格式不正确。")
            continue
        rel = entry["path"]
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts or "\\" in rel or ":" in rel:
            problems.append(f"{MANIFEST}中的路径“{rel}”不安全，已拒绝。")
            continue
        listed.add(rel)
        path = root / pure
        if not path.is_file():
            problems.append(f"缺少文件：{rel}")
            continue
        checked += 1
        size = path.stat().st_size
        if size != entry.get("size") or file_sha256(path) != entry.get("sha256"):
            problems.append(f"文件已改变（校验值不符）：{rel}")
    for path in _files_under(root):
        rel = _relative(path, root)
        if rel != MANIFEST and rel not in listed:
            problems.append(f"多出的文件（清单中没有）：{rel}")
    recorded = manifest.get("audit_log")
    if (
        recorded is not None
        and SNAPSHOT in listed
        and audit_log_anchor(root / SNAPSHOT) != recorded
    ):
        problems.append(f"数据库快照的操作日志与{MANIFEST}记载的锚点不符。")
    if manifest.get("workbook_notes") is not None and not problems:  # files as listed
        problems += anchor_problems(root, recorded if isinstance(recorded, dict) else None)
    if after is not None:
        problems += chain_problems(root, Path(after))
    return VerifyResult(not problems, problems, checked)
