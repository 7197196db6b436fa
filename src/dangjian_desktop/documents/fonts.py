"""The bundled CJK fonts, registered once with reportlab, and per-character fallback.

The faces GB/T 9704 asks for, by their open stand-ins: 仿宋 for the body (朱雀仿宋), 黑体 for
first-level headings (WenQuanYi Micro Hei), a bold 宋 for titles in place of 小标宋 (Noto Serif
CJK SC Bold converted to TrueType outlines), 楷体 (LXGW WenKai) for second-level headings and
certificates, and AR PL UMing for what the others lack. The heading and title faces are subset to
GB 2312 (installer/make_fonts.py), and rare characters in people's and places' names (Extension A,
Unicode 13 additions, …) are in one face and not the other. Text is therefore drawn in runs: each
character in the requested font when that font has it, else in the other face, so a rare name is
never printed as an empty box. Measuring and drawing go through the same runs.
"""

from __future__ import annotations

import threading
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
_registered = False
_cmaps: dict[str, dict[int, Any]] = {}


def register_fonts() -> None:
    """Register the faces with reportlab (once per process; later calls return at once)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = fonts_dir()
        for name, (file_name, index) in FONT_FILES.items():
            font = TTFont(name, str(folder / file_name), subfontIndex=index)
            pdfmetrics.registerFont(font)
            _cmaps[name] = font.face.charToGlyph
        pdfmetrics.registerFontFamily(
            WENKAI, normal=WENKAI, bold=WENKAI_BOLD, italic=WENKAI, boldItalic=WENKAI_BOLD
        )
        for name in (UMING, FANGSONG, HEITI, TITLE_SONG):
            pdfmetrics.registerFontFamily(
                name, normal=name, bold=name, italic=name, boldItalic=name
            )
        _registered = True


def has_glyph(font: str, char: str) -> bool:
    register_fonts()
    return ord(char) in _cmaps[font]


def _font_for(char: str, primary: str) -> str:
    code = ord(char)
    if code in _cmaps[primary] or char.isspace():
        return primary
    for other in _FALLBACKS.get(primary, ()):
        if code in _cmaps[other]:
            return other
    return primary  # in no face: leave it to the primary font rather than guess


def split_runs(text: str, primary: str) -> list[tuple[str, str]]:
    """Split `text` into (run, font) pairs: `primary` where it has the glyph, else a fallback."""
    register_fonts()
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
