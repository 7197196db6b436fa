"""Attachments (scans, Word files) live in the data folder under their SHA-256."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from dangjian_desktop.errors import UserError, os_reason
from dangjian_desktop.paths import file_sha256 as file_sha256

CHUNK = 1 << 20
MAX_ATTACHMENT_BYTES = 500 * 1024 * 1024


def stored_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256


def store_file(root: Path, source: Path) -> tuple[str, int]:
    """Copy `source` into the attachment store; returns (sha256, size). Idempotent."""
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise UserError(f"找不到要附加的文件：{source}。请确认文件还在原处。") from exc
    if size > MAX_ATTACHMENT_BYTES:
        raise UserError(f"文件 {source.name} 超过 500 MB，太大了。请压缩或分开后再附加。")
    sha = file_sha256(source)
    target = stored_path(root, sha)
    if target.exists() and target.stat().st_size == size:
        return sha, size
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, CHUNK)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"附件没有保存成功（{os_reason(exc)}）。请检查磁盘空间后重试。") from exc
    return sha, size


def check_file(root: Path, sha256: str) -> str | None:
    """None when the stored file exists with the right content, else what is wrong (Chinese)."""
    path = stored_path(root, sha256)
    if not path.exists():
        return "文件不见了"
    if file_sha256(path) != sha256:
        return "文件内容被改动或损坏"
    return None
