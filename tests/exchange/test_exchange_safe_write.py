from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangjian_desktop.exchange.safe_write import (
    atomic_save_workbook,
    needs_quote_prefix,
    read_text,
    safe_text,
    set_text,
    text_cell,
)

INJECTIONS = [
    "=1+2",
    "+86",
    "-5",
    "@SUM(A1)",
    "\tX",
    "\rY",
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "＝1+2",
    "#N/A",
    "a\r\nb",
    "_x000D_ literal",
    "plain 文本",
]


def _cells_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_injection_strings_round_trip_as_text(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row, value in enumerate(INJECTIONS, start=1):
        set_text(ws.cell(row=row, column=1), value)
    path = tmp_path / "inj.xlsx"
    atomic_save_workbook(wb, path)

    xml = _cells_xml(path)
    assert "<f>" not in xml  # no formula anywhere
    back = openpyxl.load_workbook(path)  # not data_only: a formula would show as "=…"
    for row, value in enumerate(INJECTIONS, start=1):
        cell = back.active.cell(row=row, column=1)
        assert cell.data_type == "s"
        assert read_text(cell.value) == value
        assert cell.quotePrefix == needs_quote_prefix(value)


def test_write_only_cells_round_trip(tmp_path: Path) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("x")
    for value in INJECTIONS:
        ws.append([text_cell(ws, value)])
    path = tmp_path / "wo.xlsx"
    atomic_save_workbook(wb, path)
    assert "<f>" not in _cells_xml(path)
    back = openpyxl.load_workbook(path, read_only=True)
    assert [read_text(r[0]) for r in back["x"].iter_rows(values_only=True)] == INJECTIONS
    back.close()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
@settings(max_examples=60, deadline=None)
def test_any_text_round_trips(value: str) -> None:
    assert read_text(safe_text(value)) == value


def test_atomic_save_leaves_old_file_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"old")

    class Broken:
        def save(self, handle: object) -> None:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic_save_workbook(Broken(), path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]


def test_atomic_save_replaces(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"old")
    wb = openpyxl.Workbook()
    wb.active["A1"] = "新"
    atomic_save_workbook(wb, path)
    assert openpyxl.load_workbook(path).active["A1"].value == "新"
    assert len(os.listdir(tmp_path)) == 1


def test_libreoffice_shows_injection_as_text(tmp_path: Path, soffice: str) -> None:
    values = ["=1+2", "+86", "-5", "@SUM(A1)", "=cmd|' /C calc'!A0"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B1"] = 7
    for row, value in enumerate(values, start=1):
        set_text(ws.cell(row=row, column=1), value)
    path = tmp_path / "inj.xlsx"
    atomic_save_workbook(wb, path)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    lines = (tmp_path / "inj.csv").read_text(encoding="utf-8").splitlines()
    shown = [line.rsplit(",", 1)[0].strip('"') for line in lines]
    assert shown[0] == "=1+2"
    assert shown[1:] == values[1:]
