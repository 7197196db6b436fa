"""The bundled fonts: outlines, GB 2312 coverage, per-character fallback."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont

from dangjian_desktop.documents import fonts
from dangjian_desktop.documents.fonts import UMING, WENKAI, WENKAI_BOLD, split_runs, text_width
from dangjian_desktop.paths import fonts_dir


@functools.cache
def _faces() -> dict[str, TTFont]:
    folder = fonts_dir()
    return {
        WENKAI: TTFont(folder / "LXGWWenKai-Regular.ttf", lazy=True),
        WENKAI_BOLD: TTFont(folder / "LXGWWenKai-Bold.ttf", lazy=True),
        UMING: TTCollection(folder / "uming.ttc", lazy=True).fonts[0],
    }


def gb2312() -> set[str]:
    """Every character of GB 2312 (levels 1 and 2 and the symbol rows): all valid 2-byte codes."""
    chars = set()
    for high in range(0xA1, 0xFF):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


@pytest.mark.parametrize("name", [WENKAI, WENKAI_BOLD, UMING])
def test_each_font_has_truetype_outlines(name: str) -> None:
    face = _faces()[name]
    assert "glyf" in face, f"{name} has no glyf table: reportlab cannot embed it"
    assert "CFF " not in face


def test_gb2312_is_covered_by_the_union() -> None:
    chars = gb2312()
    assert len(chars) == 7445
    hanzi = {c for c in chars if "\u4e00" <= c <= "\u9fff"}
    assert len(hanzi) == 6763  # level 1 (3755) + level 2 (3008)
    cover = {name: set(face.getBestCmap()) for name, face in _faces().items()}
    missing = {name: sorted(c for c in chars if ord(c) not in cmap) for name, cmap in cover.items()}
    report = {
        name: f"{len(chars) - len(m)}/{len(chars)}, missing {''.join(m[:20])}"
        for name, m in missing.items()
    }
    print("GB 2312 coverage:", report)
    union = cover[WENKAI] | cover[UMING]
    in_neither = sorted(c for c in chars if ord(c) not in union)
    assert not in_neither, f"GB 2312 characters in no bundled font: {''.join(in_neither)}"
    # both faces carry every GB 2312 hanzi on their own
    assert not [c for c in hanzi if ord(c) not in cover[WENKAI] or ord(c) not in cover[UMING]]


def test_register_is_idempotent() -> None:
    fonts.register_fonts()
    fonts.register_fonts()
    assert fonts.has_glyph(WENKAI, "党")


def test_split_runs_falls_back_per_character() -> None:
    # 㐴 is only in UMing, 㐂 only in WenKai (rare characters of the kind found in names)
    assert not fonts.has_glyph(WENKAI, "㐴") and fonts.has_glyph(UMING, "㐴")
    assert fonts.has_glyph(WENKAI, "㐂") and not fonts.has_glyph(UMING, "㐂")
    assert split_runs("李㐴同志", WENKAI) == [("李", WENKAI), ("㐴", UMING), ("同志", WENKAI)]
    assert split_runs("段㐂", UMING) == [("段", UMING), ("㐂", WENKAI)]
    assert split_runs("", WENKAI) == []
    assert split_runs("王喆", WENKAI) == [("王喆", WENKAI)]
    assert text_width("李㐴", WENKAI, 10) == pytest.approx(20, abs=0.5)


def test_faces_map_their_files_and_embed_the_same_subsets_as_read_files() -> None:
    """The registered faces hold a map of the font file, not a copy of it, and the subsets they
    embed are byte for byte what reportlab makes from the file read whole."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFontFace

    fonts.register_fonts()
    text = "荣誉证书党支部李㐴同志：特发此证，以资鼓励。2026年"
    for name in (WENKAI, UMING):
        face = pdfmetrics.getFont(name).face
        assert not isinstance(face._ttf_data, bytes), f"{name} was read into memory"
        file_name, index = fonts.FONT_FILES[name]
        plain = TTFontFace(str(fonts_dir() / file_name), subfontIndex=index)
        subset = [ord(c) for c in text if ord(c) in plain.charToGlyph]
        assert len(subset) > 20
        assert face.makeSubset(subset) == plain.makeSubset(subset)
        assert face.charWidths == plain.charWidths


_FACES_LOADED = """
import sys, datetime as dt
from dangjian_desktop.documents import fonts
from dangjian_desktop.documents.certificates import build_certificates
from dangjian_desktop.documents.data import CertificateData, Issuer
issuer = Issuer(organ="中共青山镇委员会", office="", doc_prefix="青", seal_text="")
name = sys.argv[2]
cert = CertificateData("青党证〔2026〕001号", name, "member", "河东村党总支", "优秀共产党员",
                       "2025—2026年度", issuer, dt.date(2026, 6, 28))
build_certificates([cert], sys.argv[1])
print(" ".join(sorted(fonts._cmaps)))
"""


@pytest.mark.parametrize(
    ("name", "faces"),
    [
        ("王喆", {fonts.WENKAI, fonts.WENKAI_BOLD}),
        ("李㐴", {fonts.WENKAI, fonts.WENKAI_BOLD, UMING}),
    ],
)
def test_a_certificate_batch_loads_only_the_faces_it_draws_with(
    tmp_path: Path, name: str, faces: set[str]
) -> None:
    """In a fresh process: the two WenKai faces, and UMing only when a name needs it."""
    result = subprocess.run(
        [sys.executable, "-c", _FACES_LOADED, str(tmp_path / "证书.pdf"), name],
        capture_output=True,
        text=True,
        check=True,
    )
    assert set(result.stdout.split()) == faces


def test_the_document_services_load_reportlab_only_when_a_pdf_is_made() -> None:
    """Importing the document services brings no reportlab (its canvas and platypus: about 9 MB
    at every start of the window); making a document does."""
    code = (
        "import sys\n"
        "import dangjian_desktop.services.documents, dangjian_desktop.services.document_forms\n"
        "print(any(m.startswith('reportlab') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False"]
