"""Reading PDFs back for the tests, with pip-installed readers only (no poppler, no system tools).

Words and their boxes come from PDFium (pypdfium2), the same engine browsers use; fonts from the
PDF's own objects (pypdf), the way `pdffonts` lists them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

MM = 72 / 25.4

# Two characters belong to one word when the gap between them is under this share of the font
# size (poppler's pdftotext uses the same kind of rule); CJK text set without spaces is one word
# per line.
_WORD_GAP = 0.15


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float  # mm from the left edge
    y_min: float  # mm from the top edge
    x_max: float
    y_max: float


@dataclass
class _Run:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    def word(self, page: int, height: float) -> Word:
        return Word(
            page,
            self.text,
            self.left / MM,
            (height - self.top) / MM,
            self.right / MM,
            (height - self.bottom) / MM,
        )


def _page_words(textpage: Any, number: int, height: float) -> list[Word]:
    found: list[Word] = []
    run: _Run | None = None
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if not char or char.isspace():
            if run is not None:
                found.append(run.word(number, height))
            run = None
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        size = top - bottom
        if run is not None:
            run_size = run.top - run.bottom
            same_line = abs((top + bottom) - (run.top + run.bottom)) / 2 < 0.5 * min(size, run_size)
            close = -0.5 * size <= left - run.right <= _WORD_GAP * max(size, run_size)
            if same_line and close:
                run.text += char
                run.right = max(run.right, right)
                run.top = max(run.top, top)
                run.bottom = min(run.bottom, bottom)
                continue
            found.append(run.word(number, height))
        run = _Run(char, left, top, right, bottom)
    if run is not None:
        found.append(run.word(number, height))
    return found


def words(pdf: Path) -> list[Word]:
    """Every word on every page with its box in mm from the top left corner of the page."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        found: list[Word] = []
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            textpage = page.get_textpage()
            found.extend(_page_words(textpage, number, page.get_height()))
            textpage.close()
            page.close()
        return found
    finally:
        document.close()


def text(pdf: Path) -> str:
    """The text of every page, pages separated by a form feed."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\f".join(pages)
    finally:
        document.close()


def flat(pdf: Path) -> str:
    """The text with all white space removed (CJK words are not space separated)."""
    return re.sub(r"\s+", "", text(pdf))


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type0":
        descendants = _resolve(font["/DescendantFonts"])
        return all(_embedded(_resolve(d)) for d in descendants)
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs drawn by the PDF itself
    descriptor = _resolve(font.get("/FontDescriptor"))
    if descriptor is None:
        return False
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _collect(resources: Any, into: dict[int | str, tuple[str, str]], seen: set[int]) -> None:
    resources = _resolve(resources)
    if not resources:
        return
    for ref in (_resolve(resources.get("/Font")) or {}).values():
        font = _resolve(ref)
        key: int | str = ref.idnum if isinstance(ref, IndirectObject) else id(font)
        name = str(font.get("/BaseFont", "[none]")).lstrip("/")
        into[key] = (name, "yes" if _embedded(font) else "no")
    for ref in (_resolve(resources.get("/XObject")) or {}).values():
        xobject = _resolve(ref)
        number = ref.idnum if isinstance(ref, IndirectObject) else id(xobject)
        if number in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(number)
        _collect(xobject.get("/Resources"), into, seen)


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """(font name, "yes"/"no" embedded) for every font the pages use, as `pdffonts` lists them."""
    found: dict[int | str, tuple[str, str]] = {}
    seen: set[int] = set()
    for page in PdfReader(pdf).pages:
        _collect(page.get("/Resources"), found, seen)
    return list(found.values())


def assert_all_embedded(pdf: Path) -> list[str]:
    listed = fonts(pdf)
    assert listed, "no fonts at all"
    assert all(emb == "yes" for _, emb in listed), listed
    return [name for name, _ in listed]


# -- read back with pypdf (no poppler binaries) ------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn, with its font's base name and position (points from the
    bottom-left corner of the page, as the PDF has it)."""

    page: int
    text: str
    font: str
    x: float
    y: float
    size: float = 0.0  # points


def runs(pdf: Path) -> list[Run]:
    """Every text run pypdf's extraction visits, page by page (1-based pages)."""
    from pypdf import PdfReader

    found: list[Run] = []
    for number, page in enumerate(PdfReader(pdf).pages, start=1):

        def visit(
            text: str, cm: list[float], tm: list[float], font: object, size: float, n: int = number
        ) -> None:
            if not text.strip():
                return
            name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[0] * cm[0]) or 1.0
            found.append(Run(n, text, name.split("+")[-1].lstrip("/"), x, y, size * scale))

        page.extract_text(visitor_text=visit)
    return found


def page_texts(pdf: Path) -> list[str]:
    """Each page's text with all white space removed."""
    from pypdf import PdfReader

    return [re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(pdf).pages]


def flat_text(pdf: Path) -> str:
    """The whole text, white space removed (pypdf)."""
    return "".join(page_texts(pdf))


def font_names(pdf: Path) -> set[str]:
    """Base names of every font the pages use, subset tags removed; all must be embedded."""
    from pypdf import PdfReader

    names: set[str] = set()
    for page in PdfReader(pdf).pages:
        fonts_dict = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts_dict.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
            if descriptor is not None:
                descriptor = descriptor.get_object()
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                assert embedded, f"{name} is not embedded"
            names.add(name)
    return names


def text_lines(pdf: Path) -> list[tuple[int, str]]:
    """(page, text) of every printed line, top to bottom: runs on one baseline joined left to
    right (pypdf)."""
    rows: dict[tuple[int, int], list[Run]] = {}
    for run in runs(pdf):
        rows.setdefault((run.page, round(run.y)), []).append(run)
    ordered = sorted(rows.items(), key=lambda item: (item[0][0], -item[0][1]))
    return [
        (page, "".join(r.text.strip() for r in sorted(found, key=lambda r: r.x)))
        for (page, _y), found in ordered
    ]
