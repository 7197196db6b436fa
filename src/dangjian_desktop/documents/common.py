"""What every builder shares: safe writing, colours, and CJK line breaking by width."""

from __future__ import annotations

import contextlib
import functools
import os
import re
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


# Words a line never breaks inside (they read wrong split: "领导小/组", "成/绩突出", "以资/鼓励").
KEEP_WORDS = (
    "优秀共产党员",
    "共产党员",
    "领导小组",
    "组织部",
    "自治州",
    "办公室",
    "党总支",
    "党支部",
    "党组织",
    "成绩突出",
    "以资鼓励",
    "特发此证",
    "荣誉称号",
    "先进单位",
    "活动",  # "先进单位活/动中" on the portrait certificate insert
)
_KEEP = re.compile(
    # a number with its unit or range: 2025—2026年度, 5月11日, 20%, 3个
    r"\d+(?:\.\d+)?(?:[—–~-]\d+(?:\.\d+)?)?(?:年度|年|月|日|个|名|分|号|%|条|项|份|页|次|字|天|人|户|元|万元|小时)?"
    # a short bracketed term: （总支） （县级）
    r"|[（(][^（）()]{1,8}[）)]"
    # a person's name in a list: 、史家兴、 / ：史家兴、 / 史家兴（…
    r"|(?<=[、：:])[\u4e00-\u9fff]{2,4}(?=[、。；（(])"
    r"|^[\u4e00-\u9fff]{2,4}(?=[、（(])"
    r"|" + "|".join(KEEP_WORDS)
)


def keep_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of `text` that a line break must not split (numbers with their unit,
    short bracketed terms, names in a list, fixed words)."""
    return [(m.start(), m.end()) for m in _KEEP.finditer(text) if m.end() - m.start() > 1]


def group_pieces(pieces: list[str]) -> list[list[str]]:
    """Consecutive pieces of one text grouped so that no group boundary falls inside a
    `keep_spans` range; a break may only fall between groups."""
    text = "".join(pieces)
    inside = [False] * (len(text) + 1)  # inside[i]: no break before character i
    for start, end in keep_spans(text):
        for i in range(start + 1, end):
            inside[i] = True
    groups: list[list[str]] = []
    offset = 0
    for piece in pieces:
        if groups and inside[offset]:
            groups[-1].append(piece)
        else:
            groups.append([piece])
        offset += len(piece)
    return groups


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
        for group in group_pieces(_tokens(hard_line)):  # kept together where it fits
            token = "".join(group)
            if len(group) > 1 and text_width(token, font, size) > width:
                pieces.extend(group)
                continue
            too_wide = len(token) > 1 and text_width(token, font, size) > width
            pieces.extend(token if too_wide else [token])  # a word wider than the line
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
