"""Files attached to a record: copied into the data folder under their SHA-256, logged."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from dangjian_desktop import clock
from dangjian_desktop.services.common import Actor, log
from dangjian_desktop.store import attachments as attachment_store
from dangjian_desktop.store.models import Attachment


def add_attachment(
    session: Session,
    actor: Actor,
    *,
    owner: str,
    owner_id: int,
    source: Path,
    store_root: Path,
    what: str,
) -> Attachment:
    """Copy `source` into the store and attach it to the owner; `what` names the record in the
    log ('石龙村党总支的实施方案')."""
    sha, size = attachment_store.store_file(store_root, source)
    attachment = Attachment(
        owner_type=owner,
        owner_id=owner_id,
        sha256=sha,
        original_name=source.name,
        size=size,
        added_at=clock.now(),
    )
    session.add(attachment)
    session.flush()
    log(
        session,
        actor,
        "attach",
        attachment,
        f"{what}附加文件{source.name}",
        new={"sha256": sha, "size": size, "name": source.name},
    )
    return attachment
