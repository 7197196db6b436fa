"""Reading PDFs back with poppler (pdftotext, pdffonts) for the documents tests."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float  # mm from the left edge
    y_min: float  # mm from the top edge
    x_max: float
    y_max: float


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def words(pdf: Path) -> list[Word]:
    """Every word pdftotext finds, with its box in mm (poppler's -bbox)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found: list[Word] = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for m in _WORD.finditer(page):
            x0, y0, x1, y1 = (float(m.group(i)) / MM for i in range(1, 5))
            found.append(Word(number, m.group(5), x0, y0, x1, y1))
    return found


def text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def flat(pdf: Path) -> str:
    """The text with all white space removed (CJK words are not space separated)."""
    return re.sub(r"\s+", "", text(pdf))


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """(font name, emb) for every font pdffonts lists."""
    out = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # columns: name type [type2] encoding emb sub uni object ID
        rows.append((parts[0], parts[-5]))
    return rows


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
