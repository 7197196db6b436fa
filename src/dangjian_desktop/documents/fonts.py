"""The bundled CJK fonts, registered once with reportlab, and per-character fallback.

The faces GB/T 9704 asks for, by their open stand-ins: 仿宋 for the body (朱雀仿宋), 黑体 for
first-level headings (WenQuanYi Micro Hei), a bold 宋 for titles in place of 小标宋 (Noto Serif
CJK SC Bold converted to TrueType outlines), 楷体 (LXGW WenKai) for second-level headings and
certificates, and AR PL UMing for what the others lack. The heading and title faces are subset to
GB 2312 (installer/make_fonts.py), and rare characters in people's and places' names (Extension A,
Unicode 13 additions, …) are in one face and not the other. Text is therefore drawn in runs: each
character in the requested font when that font has it, else in the other face, so a rare name is
never printed as an empty box. Measuring and drawing go through the same runs.

Memory: a face is parsed the first time a document needs it (a certificate batch needs the two
WenKai faces; UMing and 朱雀仿宋 only when a name has a character WenKai lacks), and its file is
mapped, not read: reportlab keeps the whole font file for subsetting, and six CJK files read
into memory were 63 MB held for the life of the program (mapped, only the pages of the tables
read and of the glyphs embedded are in memory, and they are the operating system's to drop).
"""

from __future__ import annotations

import mmap
import threading
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from dangjian_desktop.paths import fonts_dir

WENKAI = "WenKai"
WENKAI_BOLD = "WenKai-Bold"
UMING = "UMing"
FANGSONG = "ZhuqueFangsong"
HEITI = "WenQuanYiMicroHei"
TITLE_SONG = "NotoSerifSC-Bold"

FONT_FILES: dict[str, tuple[str, int]] = {
    WENKAI: ("LXGWWenKai-Regular.ttf", 0),
    WENKAI_BOLD: ("LXGWWenKai-Bold.ttf", 0),
    UMING: ("uming.ttc", 0),  # subfont 0 is "AR PL UMing CN" (simplified Chinese forms)
    FANGSONG: ("ZhuqueFangsong-Regular.ttf", 0),
    HEITI: ("WenQuanYiMicroHei-GB2312.ttf", 0),
    TITLE_SONG: ("NotoSerifSC-Bold-GB2312.ttf", 0),
}

# Where a character missing from a face is looked for next: a face of the same kind first.
_FALLBACKS: dict[str, tuple[str, ...]] = {
    WENKAI: (UMING, FANGSONG),
    WENKAI_BOLD: (WENKAI, UMING, FANGSONG),
    UMING: (WENKAI, FANGSONG),
    FANGSONG: (UMING, WENKAI),
    HEITI: (WENKAI_BOLD, UMING, WENKAI),
    TITLE_SONG: (UMING, FANGSONG, WENKAI),
}

Align = Literal["left", "center", "right"]

_lock = threading.Lock()
_cmaps: dict[str, dict[int, Any]] = {}


class _MappedFont:
    """A font file handed to reportlab as a file object whose `read()` gives a read-only memory
    map of it instead of its bytes: the parser and the subsetter only slice and index the data,
    which a map does as bytes do."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)  # reportlab records it as the face's file name, as for a path
        with open(path, "rb") as fh:
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)

    def read(self) -> mmap.mmap:
        return self._map


class _TableWindow:
    """One table of a mapped font, sliced on demand: the subsetter takes each embedded glyph out
    of the glyph table, which reportlab would otherwise copy whole (15 MB for WenKai) first."""

    def __init__(self, data: mmap.mmap, offset: int, length: int) -> None:
        self._data, self._offset, self._length = data, offset, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, part: slice) -> bytes:
        start, stop, step = part.indices(self._length)
        assert step == 1
        return self._data[self._offset + start : self._offset + stop]


def _glyphs_windowed(face: Any) -> None:
    """Give `face` a `get_table` that returns the glyph table as a window on the map."""
    whole_table = face.get_table

    def get_table(tag: str) -> Any:
        if tag != "glyf":
            return whole_table(tag)
        offset, length = face.get_table_pos(tag)
        return _TableWindow(face._ttf_data, offset, length)

    face.get_table = get_table


def _load(name: str) -> dict[int, Any]:
    """Parse face `name` and register it with reportlab (once); its character map."""
    found = _cmaps.get(name)
    if found is not None:
        return found
    with _lock:
        if name not in _cmaps:
            file_name, index = FONT_FILES[name]
            # shapable=False: HarfBuzz shaping (not installed, and not needed for Chinese) is the
            # only reader of the glyph→characters table and of the raw data as one bytes object
            font = TTFont(
                name, _MappedFont(fonts_dir() / file_name), subfontIndex=index, shapable=False
            )
            font.face.glyphToChar = {}  # 3 MB per face, read only by shaping
            _glyphs_windowed(font.face)
            pdfmetrics.registerFont(font)
            family = _FAMILIES.get(name)
            if family is not None:
                pdfmetrics.registerFontFamily(name, **family)
            _cmaps[name] = font.face.charToGlyph
    return _cmaps[name]


_FAMILIES: dict[str, dict[str, str]] = {
    WENKAI: {"normal": WENKAI, "bold": WENKAI_BOLD, "italic": WENKAI, "boldItalic": WENKAI_BOLD},
    **{
        face: {"normal": face, "bold": face, "italic": face, "boldItalic": face}
        for face in (UMING, FANGSONG, HEITI, TITLE_SONG)
    },
}


def load_faces(*names: str) -> None:
    """Register these faces with reportlab (each once per process). A document drawn only with
    `draw_text` needs just its own faces: fallback faces load when a character needs them."""
    for name in names:
        _load(name)


def register_fonts() -> None:
    """Register every face with reportlab (once per process; later calls return at once): for
    documents whose paragraphs and tables name faces directly."""
    load_faces(*FONT_FILES)


def has_glyph(font: str, char: str) -> bool:
    return ord(char) in _load(font)


def _font_for(char: str, primary: str) -> str:
    code = ord(char)
    if code in _cmaps[primary] or char.isspace():
        return primary
    for other in _FALLBACKS.get(primary, ()):
        if code in _load(other):
            return other
    return primary  # in no face: leave it to the primary font rather than guess


def split_runs(text: str, primary: str) -> list[tuple[str, str]]:
    """Split `text` into (run, font) pairs: `primary` where it has the glyph, else a fallback."""
    _load(primary)
    runs: list[tuple[str, str]] = []
    current_font = primary
    start = 0
    for i, char in enumerate(text):
        font = _font_for(char, primary)
        if font != current_font:
            if i > start:
                runs.append((text[start:i], current_font))
            start, current_font = i, font
    if len(text) > start:
        runs.append((text[start:], current_font))
    return runs


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of `text` as `draw_text` draws it (fallback runs included)."""
    return float(sum(pdfmetrics.stringWidth(r, face, size) for r, face in split_runs(text, font)))


def draw_text(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    align: Align = "left",
    *,
    mode: int | None = None,
) -> float:
    """Draw `text` with its baseline at y; x is the left edge, centre or right edge. Returns width.

    `mode` is the PDF text render mode: 2 (fill and stroke, with the canvas line width) gives a
    heavier face for titles.
    """
    runs = split_runs(text, font)
    widths = [float(pdfmetrics.stringWidth(run, face, size)) for run, face in runs]
    total = sum(widths)
    if align == "center":
        x -= total / 2
    elif align == "right":
        x -= total
    for (run, face), width in zip(runs, widths, strict=True):
        canvas.setFont(face, size)
        canvas.drawString(x, y, run, mode=mode)
        x += width
    return total


def markup(text: str, font: str) -> str:
    """`text` as reportlab Paragraph markup in `font`, with fallback runs wrapped in <font>."""
    parts = []
    for run, face in split_runs(text, font):
        escaped = escape(run).replace("\n", "<br/>")
        parts.append(escaped if face == font else f'<font face="{face}">{escaped}</font>')
    return "".join(parts)
