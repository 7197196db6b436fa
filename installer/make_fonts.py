"""Build the subset document faces in resources/fonts/ from Debian's font packages.

Run once by a maintainer (needs fontTools, which the program itself does not):

    apt-get download fonts-wqy-microhei fonts-noto-cjk
    dpkg -x fonts-wqy-microhei_*.deb x; dpkg -x fonts-noto-cjk_*.deb x
    python installer/make_fonts.py x

- 黑体: WenQuanYi Micro Hei, face 0 of wqy-microhei.ttc (TrueType outlines already), subset.
- title (in place of 方正小标宋): Noto Serif CJK SC Bold, face 2 of NotoSerifCJK-Bold.ttc, whose
  CFF outlines reportlab cannot embed: converted to quadratic TrueType outlines (cu2qu), subset.

The subset is GB 2312 (all 7,445 characters: 6,763 hanzi, punctuation, full-width forms), ASCII
and the few marks official documents use that GB 2312 lacks (〇 of Chinese-numeral dates, 〔〕,
—, №, ℃ …). A user-typed title or heading with a character outside it is still printed: the
documents layer falls back per character to the body face and then to AR PL UMing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

OUT = Path(__file__).resolve().parents[1] / "resources" / "fonts"
EXTRA = "〇〔〕—―–…·•№℃‰“”‘’、。，：；！？（）《》【】〈〉「」『』１２３４５６７８９０"
MAX_ERR = 1.0  # font units (of 1000): invisible at 2号


def charset() -> set[int]:
    codes = set(range(0x20, 0x7F)) | {ord(c) for c in EXTRA}
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                codes.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return codes


def _subset(font: TTFont, codes: set[int]) -> None:
    options = subset.Options()
    options.layout_features = ["kern", "vert", "vrt2", "halt", "palt"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # printed documents; hints only cost bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replace CFF cubic outlines with TrueType quadratic ones (fontTools' otf2ttf recipe)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def main(root: Path) -> None:
    codes = charset()
    wqy = TTCollection(str(next(root.rglob("wqy-microhei.ttc")))).fonts[0]
    _subset(wqy, codes)
    wqy.save(str(OUT / "WenQuanYiMicroHei-GB2312.ttf"))
    noto_path = next(root.rglob("NotoSerifCJK-Bold.ttc"))
    noto = TTCollection(str(noto_path)).fonts[2]
    assert noto["name"].getDebugName(4) == "Noto Serif CJK SC Bold"
    _subset(noto, codes)
    cff_to_glyf(noto)
    noto.save(str(OUT / "NotoSerifSC-Bold-GB2312.ttf"))
    for name in ("WenQuanYiMicroHei-GB2312.ttf", "NotoSerifSC-Bold-GB2312.ttf"):
        size = (OUT / name).stat().st_size
        print(f"{name}: {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
