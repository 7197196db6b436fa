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
