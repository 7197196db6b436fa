from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import defusedxml
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange import safety
from dangjian_desktop.exchange.safety import defusedxml_active, open_workbook_safely

OLE = safety.OLE2_MAGIC

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"""
STRINGS = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>姓名</t></si></sst>"""
BILLION_LAUGHS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol9;</t></si></sst>"""


def hand_made_xlsx(path: Path, *, strings: str = STRINGS, extra: dict[str, bytes] | None = None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET)
        archive.writestr("xl/sharedStrings.xml", strings)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def message(path: Path, **limits: int) -> str:
    with pytest.raises(UserError) as caught:
        open_workbook_safely(path, **limits)
    return caught.value.message


def test_defusedxml_is_active() -> None:
    assert defusedxml_active()
    assert openpyxl.xml.DEFUSEDXML


def test_hand_made_workbook_opens(tmp_path: Path) -> None:
    wb = open_workbook_safely(hand_made_xlsx(tmp_path / "ok.xlsx"))
    assert wb.active["A1"].value == "姓名"


def test_billion_laughs_is_refused_cleanly(tmp_path: Path) -> None:
    path = hand_made_xlsx(tmp_path / "bomb.xlsx", strings=BILLION_LAUGHS)
    assert "不安全" in message(path)


def test_billion_laughs_is_refused_by_defusedxml_itself(tmp_path: Path) -> None:
    # Without our DTD pre-check, openpyxl's own parse must still refuse to expand.
    path = hand_made_xlsx(tmp_path / "bomb.xlsx", strings=BILLION_LAUGHS)
    with pytest.raises(ValueError) as caught:
        openpyxl.load_workbook(path)
    assert isinstance(caught.value.__cause__, defusedxml.DefusedXmlException)


def test_defusedxml_refusal_becomes_a_user_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(safety, "_DTD", re.compile(rb"(?!)"))  # switch off the pre-check
    monkeypatch.setattr(safety, "_DTD_UTF16", ())
    path = hand_made_xlsx(tmp_path / "bomb.xlsx", strings=BILLION_LAUGHS)
    assert message(path) == safety.UNSAFE


def test_external_entity_is_refused(tmp_path: Path) -> None:
    xxe = STRINGS.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    ).replace("姓名", "&e;")
    assert "不安全" in message(hand_made_xlsx(tmp_path / "xxe.xlsx", strings=xxe))


def test_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "名册.xls"
    path.write_bytes(OLE + os.urandom(2000))
    assert message(path) == safety.OLD_XLS


def test_encrypted_xlsx_by_stream_name(tmp_path: Path) -> None:
    path = tmp_path / "名册.dat"
    path.write_bytes(OLE + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 500)
    assert message(path) == safety.ENCRYPTED


def test_an_ole2_xlsx_without_encryption_is_not_called_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "名册.xlsx"
    path.write_bytes(OLE + b"\0" * 1000)
    assert "密码" not in message(path)
    assert "旧格式的Office文件" in message(path) and "另存为" in message(path)


def _ole2_with(stream: str) -> bytes:
    return OLE + b"\0" * 500 + stream.encode("utf-16-le") + b"\0" * 500


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("名册.xlsx", _ole2_with("Workbook"), safety.OLD_XLS),  # a real .xls renamed .xlsx
        ("名册.xls", _ole2_with("Book"), safety.OLD_XLS),  # Excel 5/95
        ("名册.et", _ole2_with("Workbook"), safety.OLD_ET),
        ("名册.xlsx", _ole2_with("WordDocument"), "Word或WPS文字文档"),
        ("名册.xlsx", _ole2_with("EncryptedPackage"), safety.ENCRYPTED),
        ("名册.csv", "姓名,性别\n张三,男\n".encode("gb18030"), "文本格式（.csv）"),
        ("名册.xlsx", "姓名,性别\n张三,男\n".encode(), "文本格式"),
        ("名册.xls", b"<html><body><table><tr><td>1</td></tr></table>", "网页格式（HTML）"),
        (
            "名册.xml",
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
            "XML表格2003",
        ),
        ("名册.xlsx", b"%PDF-1.7\n" + b"\0" * 100, "PDF文件"),
        ("名册.rar", b"Rar!\x1a\x07\x00" + b"\0" * 100, "压缩包"),
        ("名册.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "图片"),
    ],
    ids=[
        "xls-renamed",
        "xls95",
        "et",
        "doc",
        "encrypted",
        "csv",
        "csv-renamed",
        "html",
        "xml2003",
        "pdf",
        "rar",
        "png",
    ],
)
def test_the_real_cause_is_named(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert expected in message(path)


def test_other_zip_containers_are_named(tmp_path: Path) -> None:
    import zipfile

    cases = {
        "a.ods": (
            {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"},
            ".ods表格",
        ),
        "b.odt": (
            {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
            "OpenDocument文档",
        ),
        "c.numbers": ({"Index/Document.iwa": "x"}, "Numbers"),
        "d.pptx": ({"[Content_Types].xml": "<x/>", "ppt/presentation.xml": "<x/>"}, "PowerPoint"),
        "e.zip": ({"名册.xlsx": "x"}, "压缩包"),
    }
    for name, (parts, expected) in cases.items():
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as archive:
            for part, text in parts.items():
                archive.writestr(part, text)
        assert expected in message(path), name


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(os.urandom(5000))
    assert message(path) == "文件已损坏或不是Excel文件，请检查后重新保存。"


def test_truncated_workbook(tmp_path: Path) -> None:
    good = hand_made_xlsx(tmp_path / "good.xlsx")
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[:-300])
    assert message(path) == safety.DAMAGED


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert message(path) == safety.DAMAGED


def test_empty_and_missing(tmp_path: Path) -> None:
    empty = tmp_path / "e.xlsx"
    empty.write_bytes(b"")
    assert "空文件" in message(empty)
    assert "找不到文件" in message(tmp_path / "nope.xlsx")


def test_too_big(tmp_path: Path) -> None:
    path = hand_made_xlsx(tmp_path / "ok.xlsx")
    assert "上限" in message(path, max_bytes=100)


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    path = hand_made_xlsx(tmp_path / "bomb.xlsx", extra={"xl/media/zeros.bin": b"\0" * (8 << 20)})
    assert "不安全" in message(path)


def test_zip_bomb_by_total(tmp_path: Path) -> None:
    path = hand_made_xlsx(tmp_path / "big.xlsx", extra={"xl/media/a.bin": os.urandom(300_000)})
    assert "解压后超过" in message(path, max_uncompressed=200_000)


@pytest.mark.parametrize("name", ["../evil.xml", "/abs.xml", "xl\\..\\x.xml", "C:/x.xml"])
def test_path_traversal_names(tmp_path: Path, name: str) -> None:
    path = hand_made_xlsx(tmp_path / "t.xlsx", extra={name: b"<x/>"})
    assert "不安全" in message(path)


def test_other_formats_are_named(tmp_path: Path) -> None:
    ods = tmp_path / "x.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    assert ".ods" in message(ods)
    docx = tmp_path / "x.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("word/document.xml", "<x/>")
    assert "Word" in message(docx)


def test_broken_xml_inside_is_damaged(tmp_path: Path) -> None:
    path = hand_made_xlsx(tmp_path / "b.xlsx", strings="<sst><si><t>unclosed")
    assert message(path) == safety.DAMAGED


def test_openpyxl_saved_workbook_opens(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "=1+1"
    buffer = io.BytesIO()
    wb.save(buffer)
    path = tmp_path / "f.xlsx"
    path.write_bytes(buffer.getvalue())
    assert open_workbook_safely(path).active["A1"].value is None  # data_only: no cached value


@given(st.data())
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_damaged_workbooks_only_raise_user_errors(tmp_path: Path, data: st.DataObject) -> None:
    good = bytearray(hand_made_xlsx(tmp_path / "good.xlsx").read_bytes())
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        index = data.draw(st.integers(min_value=0, max_value=len(good) - 1))
        good[index] = data.draw(st.integers(min_value=0, max_value=255))
    path = tmp_path / "mutated.xlsx"
    path.write_bytes(bytes(good))
    try:
        open_workbook_safely(path)
    except UserError as exc:
        assert exc.message
