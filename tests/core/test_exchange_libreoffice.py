"""The county workbook opens in LibreOffice (headless conversion to CSV) with the same values."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
from pathlib import Path

from dangjian_desktop import clock
from dangjian_desktop.exchange.county import read_county_workbook, write_county_workbook
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.county_workbook import county_data
from dangjian_desktop.services.demo import build_demo
from dangjian_desktop.store.db import open_database

# Text CSV, UTF-8, every sheet to its own file (LibreOffice ≥ 7.2: the last token -1).
ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def _norm(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_county_workbook_reads_the_same_in_libreoffice(tmp_path: Path, soffice: str) -> None:
    clock.set_today(dt.date(2027, 3, 1))
    db = open_database(DataDir(tmp_path / "d"))
    build_demo(db, branches=10, members=50)
    with db.session() as session:
        data = county_data(session, 2025)
    db.close()
    workbook = tmp_path / "汇总.xlsx"
    write_county_workbook(data, workbook)
    ours = read_county_workbook(workbook)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            ALL_SHEETS,
            "--outdir",
            str(tmp_path / "csv"),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    files = sorted((tmp_path / "csv").glob("*.csv"))
    assert len(files) == len(ours), [f.name for f in files]
    for title, rows in ours.items():
        match = [f for f in files if f.stem.endswith(title)]
        assert match, f"no CSV for sheet {title}: {[f.name for f in files]}"
        with open(match[0], encoding="utf-8", newline="") as fh:
            theirs = [row for row in csv.reader(fh)]
        assert len(theirs) == len(rows), title
        for mine, lo in zip(rows, theirs, strict=True):
            expected = [_norm(v) for v in mine]
            width = len(expected)
            assert [c for c in lo[:width]] == expected, (title, mine, lo)
