"""Names that look the same are the same: NFKC, invisible format and direction characters gone."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian_desktop.domain.validation import (
    invisible_characters,
    is_invisible,
    normalise_name,
    validate_name,
)

# Every format character (Cf) Unicode defines, plus the other invisible ones the program drops.
FORMAT_CHARACTERS = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
INVISIBLE = [*FORMAT_CHARACTERS, "\u034f", "\u115f", "\u3164", "\ufe0f", "\x07"]

names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=30
)
chinese = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("红星村\u00ad党支部", "红星村党支部"),  # soft hyphen
        ("\u202e红星村党支部", "红星村党支部"),  # RLO
        ("红星\u2063村党支部", "红星村党支部"),  # invisible separator
        ("红星村\u200d党支部\ufeff", "红星村党支部"),
        ("ＡＢＣ公司党支部", "ABC公司党支部"),
        ("\u2f08\u2f09", "人儿"),  # Kangxi radicals look like the ideographs
        ("张\ufe00三", "张三"),  # variation selector
        ("\u3164张三", "张三"),  # Hangul filler
    ],
)
def test_look_alike_names_become_one(raw: str, clean: str) -> None:
    assert normalise_name(raw) == clean


@given(names)
def test_normalising_twice_changes_nothing(raw: str) -> None:
    once = normalise_name(raw)
    assert normalise_name(once) == once


@given(names)
def test_no_invisible_character_survives(raw: str) -> None:
    result = normalise_name(raw)
    assert not invisible_characters(result)
    assert result == result.strip()
    assert unicodedata.normalize("NFKC", result) == result


@given(chinese, st.lists(st.sampled_from(INVISIBLE), max_size=5), st.data())
def test_invisible_characters_anywhere_give_the_same_name(
    name: str, extra: list[str], data: st.DataObject
) -> None:
    text = name
    for ch in extra:
        at = data.draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + ch + text[at:]
    assert normalise_name(text) == normalise_name(name) == name


@given(chinese)
def test_full_width_and_half_width_digits_give_the_same_name(name: str) -> None:
    full = name + "".join(chr(ord(d) + 0xFEE0) for d in "12")
    assert normalise_name(full) == normalise_name(name + "12")


def test_every_format_character_and_control_is_invisible() -> None:
    """The ranges spelled out in domain/validation.py against Python's Unicode database."""
    missing = [f"U+{ord(ch):04X}" for ch in FORMAT_CHARACTERS if not is_invisible(ch)]
    assert not missing
    controls = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc"]
    assert [ch for ch in controls if is_invisible(ch) == ch.isspace()] == []
    assert not any(is_invisible(ch) for ch in " \t\n张A1")


def test_a_name_of_only_invisible_characters_is_empty() -> None:
    assert validate_name("\u00ad\u202e\u2063") == "请填写名称。"
