"""Opening an .xlsx someone handed over: checked before openpyxl sees a byte of it.

The file is read once into memory (it is at most `max_bytes`), checked as a zip container —
sizes, compression ratios, entry names, no DTDs — and only then given to openpyxl, which parses
its XML with defusedxml when that is installed (`defusedxml_active`).
"""

from __future__ import annotations

import io
import logging
import re
import threading
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import openpyxl
import openpyxl.xml
from defusedxml import DefusedXmlException

from dangjian_desktop.errors import UserError

log = logging.getLogger(__name__)

MiB = 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_MAX_ENTRIES = 10_000
# Ratio checks apply to entries big enough to matter: small XML parts compress very well.
_RATIO_FLOOR = 1 * MiB
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DTD_UTF16 = ("<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))

DAMAGED = "文件已损坏或不是Excel文件，请检查后重新保存。"
SAVE_AS = "请在Excel或WPS中打开它，“另存为”Excel工作簿（.xlsx）后再导入。"
OLD_XLS = "这是旧版Excel（.xls）文件，请在Excel或WPS中“另存为”.xlsx格式后再导入。"
OLD_ET = "这是WPS表格的.et文件，请在WPS中“另存为”Excel工作簿（.xlsx）后再导入。"
ENCRYPTED = "文件设置了打开密码，请先取消密码再导入。"
UNSAFE = "文件中含有不安全的内容（可能是恶意构造的文件），已拒绝打开。请在Excel或WPS中另存为新的.xlsx文件后再导入。"


def defusedxml_active() -> bool:
    """True when openpyxl parses XML through defusedxml (entity expansion and DTDs refused)."""
    return bool(openpyxl.xml.DEFUSEDXML) and bool(getattr(openpyxl, "DEFUSEDXML", False))


def _caused_by_defusedxml(exc: BaseException) -> bool:
    # openpyxl wraps parse errors in its own ValueError; look down the chain.
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, DefusedXmlException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _stream_named(data: bytes, name: str) -> bool:
    # OLE2 directory entry names are UTF-16LE, so a stream's name is findable in the raw bytes.
    return name.encode("utf-16-le") in data


def _ole2_cause(data: bytes, path: Path) -> str:
    """What an OLE2 compound file is: a password-protected .xlsx, an old .xls, WPS's .et,
    a Word or WPS document."""
    suffix = path.suffix.lower()
    if _ENCRYPTION_STREAM in data or _stream_named(data, "EncryptedPackage"):
        return ENCRYPTED
    if _stream_named(data, "WordDocument"):
        return "这是Word或WPS文字文档，不是表格。请选择.xlsx格式的名册。"
    if suffix in {".et", ".ett"}:
        return OLD_ET
    if _stream_named(data, "Workbook") or _stream_named(data, "Book") or suffix == ".xls":
        return OLD_XLS
    return f"这个文件（{path.name}）的内容是旧格式的Office文件，不是.xlsx。{SAVE_AS}"


_TEXT_STARTS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _plain_cause(data: bytes, path: Path) -> str:
    """What a file that is neither zip nor OLE2 is, said so a clerk can act on it."""
    suffix = path.suffix.lower()
    head = data[:2048]
    lowered = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF"):
        return "这是PDF文件，不是Excel表格。请选择.xlsx格式的名册。"
    if head.startswith((b"Rar!", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")):
        return "这是压缩包，请先解压，再选择其中的.xlsx文件。"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")):
        return "这是图片，不是Excel表格。请选择.xlsx格式的名册。"
    if b"urn:schemas-microsoft-com:office:spreadsheet" in head.lower():
        return f"这是“XML表格2003”格式的文件，不是.xlsx。{SAVE_AS}"
    if lowered.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")):
        return f"这是网页格式（HTML）的表格，只是扩展名像Excel文件。{SAVE_AS}"
    if suffix in {".csv", ".txt", ".tsv"} or _looks_like_text(head):
        return f"这是文本格式（{suffix or 'CSV'}）的表格，不是.xlsx。{SAVE_AS}"
    return DAMAGED


def _looks_like_text(head: bytes) -> bool:
    if head.startswith(_TEXT_STARTS):
        return True
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return all(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return False


def _check_name(name: str) -> None:
    posix = PurePosixPath(name.replace("\\", "/"))
    if (
        name.startswith(("/", "\\"))
        or "\\" in name
        or ".." in posix.parts
        or re.match(r"^[A-Za-z]:", name)
        or "\x00" in name
    ):
        raise UserError(UNSAFE)


def _check_zip(
    archive: zipfile.ZipFile, *, max_uncompressed: int, max_ratio: float, display: str
) -> None:
    infos = archive.infolist()
    if len(infos) > _MAX_ENTRIES:
        raise UserError(UNSAFE)
    total = 0
    for info in infos:
        _check_name(info.filename)
        total += info.file_size
        if total > max_uncompressed:
            raise UserError(
                f"“{display}”解压后超过{max_uncompressed // MiB} MB，内容过多或是恶意构造的文件。"
                "请删去无关的工作表、图片后另存为新的.xlsx文件再导入。"
            )
        if info.file_size > _RATIO_FLOOR and info.file_size > max_ratio * max(
            info.compress_size, 1
        ):
            raise UserError(UNSAFE)
    names = {info.filename for info in infos}
    if "mimetype" in names and "content.xml" in names:
        mimetype = archive.read("mimetype")[:200]
        if b"spreadsheet" not in mimetype:
            raise UserError("这是OpenDocument文档（如.odt），不是表格。请选择.xlsx格式的名册。")
        raise UserError("这是WPS或LibreOffice的.ods表格，请“另存为”.xlsx格式后再导入。")
    if "xl/workbook.bin" in names:
        raise UserError("这是Excel二进制工作簿（.xlsb），请“另存为”.xlsx格式后再导入。")
    if "word/document.xml" in names:
        raise UserError("这是Word文件，不是Excel表格。请选择.xlsx文件。")
    if "ppt/presentation.xml" in names:
        raise UserError("这是PowerPoint演示文稿，不是Excel表格。请选择.xlsx文件。")
    if "Index/Document.iwa" in names:
        raise UserError("这是苹果Numbers表格，请“导出为”Excel（.xlsx）格式后再导入。")
    if "[Content_Types].xml" not in names and display.lower().endswith(".zip"):
        raise UserError("这是一个压缩包（.zip），不是Excel表格。请先解压，再选择其中的.xlsx文件。")
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UserError(DAMAGED)
    # Spreadsheet XML never needs a DTD; one is how entity bombs and external entities come in.
    for info in infos:
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as member:
            head = member.read(4096)
        if _DTD.search(head) or any(marker in head for marker in _DTD_UTF16):
            raise UserError(UNSAFE)


_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)>")
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_HEADING_ROWS = 20  # titles and headers above the data, allowed beyond max_rows


def _rows_with_values(member: Any, stop_after: int) -> int:
    """Rows of a sheet part holding a value (`<v>` or an inline string), counted on the raw
    bytes as they inflate; stops once past `stop_after`. Rows that only carry borders or
    colours do not count."""
    count = 0
    tail = b""
    while count <= stop_after:
        chunk = member.read(1024 * 1024)
        if not chunk:
            break
        data = tail + chunk
        start = 0
        for end in _ROW_END.finditer(data):
            if _HAS_VALUE.search(data, start, end.start()):
                count += 1
            start = end.end()
        tail = data[start:]
    return count


def _check_rows(archive: zipfile.ZipFile, max_rows: int, display: str) -> None:
    for info in archive.infolist():
        if not _SHEET_PART.match(info.filename):
            continue
        with archive.open(info) as member:
            if _rows_with_values(member, max_rows + _HEADING_ROWS) > max_rows + _HEADING_ROWS:
                raise UserError(
                    f"“{display}”中有工作表的数据超过了{max_rows}行的上限，没有读取。"
                    "请拆成几个文件后分别导入，或删去不需要的工作表。"
                )


def _stored_copy(buffer: io.BytesIO) -> io.BytesIO:
    """The same archive with every part stored, inflated by one call per part.

    openpyxl inflates a part in small pieces as it parses; each zlib call lets go of the GIL and
    takes it straight back, which on a worker thread starves the window's thread (the window
    froze for up to a second while the export read its workbook back). Only for archives that
    passed `_check_zip`, whose inflated size is bounded."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    out.seek(0)
    return out


_LOADING = threading.Lock()
"""One workbook loaded at a time: `_loading` swaps the class openpyxl's reader makes sheets of."""


@contextmanager
def _loading(*, unsized: bool) -> Iterator[None]:
    """Load with openpyxl; `unsized`: its read-only sheets are not sized. A sheet written
    write-only has no <dimension>, and openpyxl parsed the whole sheet once only to look for it
    (8.6 s of reading back a county workbook); the caller then reads rows to the end and never
    asks for `max_row`."""
    from openpyxl.reader import excel
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class UnsizedWorksheet(ReadOnlyWorksheet):  # type: ignore[misc]
        def _get_size(self) -> None:
            """Not sized: rows are read to the end of the sheet."""

    with _LOADING:
        if not unsized:
            yield
            return
        excel.ReadOnlyWorksheet = UnsizedWorksheet
        try:
            yield
        finally:
            excel.ReadOnlyWorksheet = ReadOnlyWorksheet


def _read_source(source: Path, max_bytes: int) -> bytes:
    """The file's bytes, at most `max_bytes`; UserError saying why not."""
    display = source.name
    try:
        size = source.stat().st_size
        if size > max_bytes:
            raise UserError(
                f"“{display}”有{size / MiB:.1f} MB，超过了{max_bytes // MiB} MB的上限。"
                "请删去无关的工作表和图片后再导入。"
            )
        data = source.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到文件“{display}”，请确认文件还在原处（U盘是否已拔出）。") from None
    except IsADirectoryError:
        raise UserError(f"“{display}”是文件夹，请选择一个.xlsx文件。") from None
    except PermissionError:
        raise UserError(
            f"没有权限读取“{display}”，请先在Excel或WPS中关闭它，或复制到桌面后再导入。"
        ) from None
    except OSError as exc:
        raise UserError(
            f"读取“{display}”时出错（{exc.strerror or exc}），请复制到本机后再导入。"
        ) from None
    if len(data) > max_bytes:  # grew between stat and read
        raise UserError(
            f"“{display}”超过了{max_bytes // MiB} MB的上限。请删去无关的工作表和图片后再导入。"
        )
    if not data:
        raise UserError(f"“{display}”是空文件（0字节），请检查后重新保存。")
    return data


def open_workbook_safely(
    path: Path | str,
    *,
    max_bytes: int = 20 * MiB,
    max_uncompressed: int = 200 * MiB,
    max_ratio: float = 100,
    read_only: bool = False,
    unpack: bool = False,
    max_rows: int | None = None,
    unsized: bool = False,
) -> Any:
    """Open an .xlsx for reading values (data_only=True) after checking it is safe to parse.

    With read_only=True the caller must call `close()` on the result. With unpack=True the
    parts are inflated in one go before openpyxl reads them (see `_stored_copy`). With
    max_rows (rows of data; 20 more for titles and headers), a sheet holding more rows with
    values is refused before openpyxl parses anything
    (a count on the raw bytes, seconds for 200,000 rows; the reader counts exactly as it reads).
    With unsized=True read-only sheets are not sized (`_loading`).

    Raises UserError with a Chinese message for a missing, too large, old-format, encrypted,
    damaged or hostile file.
    """
    if not defusedxml_active():
        # An installation fault, not something the clerk can fix.
        raise RuntimeError("defusedxml is not active in openpyxl; refusing to parse untrusted XML")
    source = Path(path)
    display = source.name
    data = _read_source(source, max_bytes)
    if data.startswith(OLE2_MAGIC):
        raise UserError(_ole2_cause(data, source))
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise UserError(_plain_cause(data, source))
    try:
        with zipfile.ZipFile(buffer) as archive:
            _check_zip(
                archive, max_uncompressed=max_uncompressed, max_ratio=max_ratio, display=display
            )
            if max_rows is not None:
                _check_rows(archive, max_rows, display)
    except UserError:
        raise
    except Exception:
        # BadZipFile, zlib.error, NotImplementedError (odd compression), RuntimeError (an
        # encrypted entry), EOFError …: a damaged container, whatever the exception type.
        log.warning("zip check failed for %s", source, exc_info=True)
        raise UserError(DAMAGED) from None
    buffer.seek(0)
    if unpack:
        try:
            buffer = _stored_copy(buffer)
        except Exception:  # a part that does not inflate or fails its CRC: damaged
            log.warning("could not unpack %s", source, exc_info=True)
            raise UserError(DAMAGED) from None
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it ignores (slicers, conditional formats …).
            warnings.simplefilter("ignore")
            with _loading(unsized=unsized and read_only):
                return openpyxl.load_workbook(buffer, read_only=read_only, data_only=True)
    except Exception as exc:
        # openpyxl fails on malformed parts with arbitrary exception types; every one of them
        # means the same thing to the clerk. DefusedXmlException is among them.
        log.warning("openpyxl could not load %s", source, exc_info=True)
        if _caused_by_defusedxml(exc):
            raise UserError(UNSAFE) from None
        raise UserError(DAMAGED) from None
