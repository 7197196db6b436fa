"""Where a document's PDF goes and how it is recorded: one path for every file the program makes.

A document is registered (with its 发文字号 when it is an official document), built into the data
folder's 文书 folder, and its file and checksum recorded, all in the caller's transaction; a file
that failed half-way is removed so the registry never points at a broken document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session

from dangjian_desktop.documents.data import Issuer
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.common import Actor
from dangjian_desktop.services.notices import (
    KIND_NAMES,
    NoticeInfo,
    notice_info,
    register_notice,
    set_notice_file,
)
from dangjian_desktop.store.attachments import file_sha256
from dangjian_desktop.store.models import Round, Township

Progress = Callable[[int, int], None]
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def issuer_of(township: Township) -> Issuer:
    return Issuer(
        organ=township.organ,
        office=township.office,
        doc_prefix=township.doc_prefix,
        seal_text=township.seal_text,
        county=township.county,
        prefecture=township.prefecture,
        province=township.province,
        organ_mark=township.organ_mark,
        office_mark=township.office_mark,
        office_prefix=township.office_prefix,
        office_signature=township.office_signature,
        office_letter=township.office_letter,
    )


def file_name(stem: str) -> str:
    return _UNSAFE.sub("_", stem)[:80] + ".pdf"


def output_path(data_dir: DataDir, year: int, stem: str) -> tuple[Path, str]:
    folder = data_dir.documents / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(stem)
    counter = 2
    while path.exists():
        path = folder / file_name(f"{stem}~{counter}")
        counter += 1
    return path, path.relative_to(data_dir.root).as_posix()


def record_document(
    session: Session,
    data_dir: DataDir,
    *,
    actor: Actor,
    rnd: Round | None,
    kind: str,
    title: str,
    signed_on: dt.date,
    build: Callable[[Path], Path],
    numbered: bool,
) -> NoticeInfo:
    notice = register_notice(
        session,
        actor=actor,
        rnd=rnd,
        kind=kind,
        title=title,
        signed_on=signed_on,
        numbered=numbered,
    )
    stem = f"{notice.number}_{title}" if notice.number else f"{KIND_NAMES.get(kind, kind)}_{title}"
    path, relative = output_path(data_dir, signed_on.year, stem)
    try:
        build(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    set_notice_file(session, notice=notice, file_path=relative, sha256=file_sha256(path))
    session.flush()
    return notice_info(notice)
