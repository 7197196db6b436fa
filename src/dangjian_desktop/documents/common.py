"""What every builder shares: safe writing, colours, and CJK line breaking by width."""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from reportlab.lib.colors import Color

from dangjian_desktop.documents.fonts import text_width
from dangjian_desktop.errors import UserError

RED = Color(0.82, 0.06, 0.08)  # 公文 red header, certificate border
GOLD = Color(0.78, 0.6, 0.2)
DARK_RED = Color(0.62, 0.04, 0.06)
BLACK = Color(0, 0, 0)
GREY = Color(0.45, 0.45, 0.45)
WATERMARK = Color(0.55, 0.55, 0.55, alpha=0.28)  # 样稿 across a draft

# 避头: may not start a line. 避尾: may not end a line.
NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】〉…—·%‰℃,.;:?!)]}")
NO_LINE_END = frozenset("（《「『“‘〔【〈([{")


@contextlib.contextmanager
def atomic_output(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one step.

    A crash or an exception (including a cancelled batch) leaves any older file untouched and
    removes the partial one.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        yield temp
        os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()


def is_wide(char: str) -> bool:
    """Characters that take a full CJK cell (ideographs, full-width punctuation, kana …)."""
    code = ord(char)
    return (
        code >= 0x1100
        and not (0x2000 <= code <= 0x206F and char not in "—…‘’“”")
        and not (0xFF61 <= code <= 0xFFDC)
    )


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Break `text` into lines no wider than `width` points, by character, with 避头/避尾.

    Latin words and numbers are kept together when they fit on a line. Punctuation that may not
    start a line takes the character before it down with it (nothing ever overflows). A newline
    in `text` forces a break.
    """
    return list(_wrap(text, font, size, round(width, 3)))


@functools.lru_cache(maxsize=4096)
def _wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    lines: list[str] = []
    for hard_line in text.split("\n"):
        current: list[str] = []
        widths: list[float] = []
        pieces: list[str] = []
        for token in _tokens(hard_line):  # a word wider than the line is broken anywhere
            too_wide = len(token) > 1 and text_width(token, font, size) > width
            pieces.extend(token if too_wide else [token])
        for token in pieces:
            token_width = text_width(token, font, size)
            if not current or sum(widths) + token_width <= width + 0.01:
                current.append(token)
                widths.append(token_width)
                continue
            carry: list[str] = []
            if token[0] in NO_LINE_START:
                while len(current) > 1:
                    carry.insert(0, current.pop())
                    widths.pop()
                    if carry[0][0] not in NO_LINE_START:
                        break
            while len(current) > 1 and current[-1][-1] in NO_LINE_END:
                carry.insert(0, current.pop())
                widths.pop()
            lines.append("".join(current))
            current = [*carry, token]
            widths = [text_width(t, font, size) for t in current]
        lines.append("".join(current))
    return tuple(lines)


class Cancelled(UserError):
    """The clerk cancelled a batch; the file at the target path was left as it was."""

    def __init__(self) -> None:
        super().__init__("已取消生成，原有文件未作改动。")


def _tokens(text: str) -> list[str]:
    """Wide characters one by one; runs of narrow characters (words, numbers) together."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if is_wide(char) or char.isspace():
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def fit_size(text: str, font: str, size: float, width: float, min_size: float) -> float:
    """The largest size ≤ `size` (in 0.5 pt steps, not below `min_size`) at which text fits."""
    natural = text_width(text, font, size)
    if natural <= width:
        return size
    fitted = size * width / natural
    return max(min_size, int(fitted * 2) / 2)
