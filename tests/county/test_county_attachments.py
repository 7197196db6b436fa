"""The package's PDFs are kept in the county folder as attachments, byte for byte; a package
whose 文书 folder gained a file not in its manifest is refused."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dangjian_desktop.exchange.county import DOCUMENTS_DIR, MANIFEST
from dangjian_desktop.services.county_audit import CountyActor
from dangjian_desktop.services.county_receive import PackageRefused, receive_package
from dangjian_desktop.store.county_db import CountyDatabase
from dangjian_desktop.store.county_models import county_attachment

PDF = b"%PDF-1.4\n% a township notice\n%%EOF\n"


def _with_pdf(package: Path, where: Path, *, listed: bool) -> Path:
    target = where / package.name
    shutil.copytree(package, target)
    (target / DOCUMENTS_DIR).mkdir(exist_ok=True)
    (target / DOCUMENTS_DIR / "表彰决定.pdf").write_bytes(PDF)
    if listed:
        manifest = json.loads((target / MANIFEST).read_text("utf-8"))
        manifest["files"].append(
            {
                "path": f"{DOCUMENTS_DIR}/表彰决定.pdf",
                "size": len(PDF),
                "sha256": hashlib.sha256(PDF).hexdigest(),
            }
        )
        (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    return target


def test_pdfs_are_kept(county: CountyDatabase, county_demo: Any, tmp_path: Path) -> None:
    actor = CountyActor("赵县")
    extra = _with_pdf(county_demo.packages[3], tmp_path / "extra", listed=False)
    with pytest.raises(PackageRefused, match="多出的文件"):
        receive_package(county, extra, actor=actor)

    package = _with_pdf(county_demo.packages[3], tmp_path / "ok", listed=True)
    done = receive_package(county, package, actor=actor)
    assert done.attachments == 1
    with county.reading() as conn:
        row = conn.execute(select(county_attachment)).one()
    stored = county.folder / row.stored
    assert stored.read_bytes() == PDF and row.sha256 == hashlib.sha256(PDF).hexdigest()
