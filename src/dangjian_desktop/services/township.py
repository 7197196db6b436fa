"""The township's details: the issuing organ of every document."""

from __future__ import annotations

from sqlmodel import Session, select

from dangjian_desktop.domain.validation import validate_name
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import Actor, changes, log, snapshot
from dangjian_desktop.store.models import Township

FIELDS = (
    "name",
    "organ",
    "office",
    "doc_prefix",
    "seal_text",
    "county",
    "prefecture",
    "province",
    "contact_person",
    "contact_phone",
)


def get_township(session: Session) -> Township | None:
    return session.exec(select(Township)).first()


def township_values(session: Session) -> dict[str, str]:
    """The township's details as text by field name ("" for each before they are filled in)."""
    township = get_township(session)
    return {key: str(getattr(township, key)) if township else "" for key in FIELDS}


def is_set_up(session: Session) -> bool:
    return get_township(session) is not None


def require_township(session: Session) -> Township:
    township = get_township(session)
    if township is None:
        raise UserError("还没有填写本镇的基本信息。请先在“设置”里填写镇名和党委名称。")
    return township


def save_township(session: Session, *, actor: Actor, **values: str) -> Township:
    """Create or update the township's details. Unknown keys are a programming error."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown township fields: {sorted(unknown)}")
    values = {k: v.strip() for k, v in values.items()}
    township = get_township(session)
    name = values.get("name", township.name if township else "")
    if problem := validate_name(name, "镇名"):
        raise UserError(problem)
    if township is None:
        values.setdefault("organ", f"中共{name}委员会")
        values.setdefault("office", f"中共{name}委员会创先争优活动领导小组办公室")
        values.setdefault("doc_prefix", f"{name[:1]}党发")
        township = Township.model_validate(values)
        session.add(township)
        session.flush()
        log(session, actor, "create", township, f"填写本镇信息：{township.organ}", new=values)
        return township
    before = snapshot(township, FIELDS)
    for key, value in values.items():
        setattr(township, key, value)
    if not township.organ or not township.doc_prefix:
        raise UserError("党委名称和机关代字不能为空，发文字号要用到它们。")
    old, new = changes(before, snapshot(township, FIELDS))
    if new:
        session.add(township)
        log(session, actor, "update", township, "修改本镇信息", old=old, new=new)
    return township
