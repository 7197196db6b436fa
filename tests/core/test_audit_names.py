"""The audit log as a clerk reads it: Chinese action and field names, objects by their names."""

from __future__ import annotations

import datetime as dt
import json

from dangjian_desktop.services import audit_log
from dangjian_desktop.services.audit_log import AuditLine


def _line(
    action: str, object_type: str, object_id: int | None, new: dict[str, object]
) -> AuditLine:
    return AuditLine(
        id=1,
        at=dt.datetime(2027, 5, 20, 9, 0),
        operator="李丽华",
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary="",
        reason="",
        old="",
        new=json.dumps(new, ensure_ascii=False),
    )


def test_objects_are_named_not_numbered() -> None:
    notice = _line("issue", "notice", 2, {"number": "石党发〔2026〕1号", "title": "关于…的通知"})
    assert notice.object_name == "文书 石党发〔2026〕1号"
    branch = _line("update", "branch", 7, {"name": "石龙村党总支"})
    assert branch.object_name == "党组织 石龙村党总支"
    bare = _line("update", "setting", 3, {"points": 5})
    assert bare.object_name == "设置（编号3）"
    plan = AuditLine(
        1, dt.datetime(2027, 5, 20), "李丽华", "receive", "materials", 70,
        "收到镇卫生院党支部的创建工作材料（2027-05-08）", "", "", "{}",
    )  # fmt: skip
    assert plan.object_name == "创建工作材料 镇卫生院党支部"
    copied = AuditLine(
        2, dt.datetime(2027, 5, 20), "李丽华", "create", "round", 2,
        "按2025—2026年度的设置新建2026—2027年度（日期顺延一年，不含结果）", "", "", "{}",
    )  # fmt: skip
    assert copied.object_name == "创建年度 2026—2027年度"


def test_no_english_code_reaches_the_clerk() -> None:
    assert _line("export", "round", None, {}).action_name == "导出报送材料"
    assert audit_log.action_name("some_new_code") == "其他操作"
    assert audit_log.object_type_name("somethingnew") == "其他"
    assert audit_log.field_name("event_id") == "动态管理记录序号"
    assert audit_log.field_name("基本阵地健全") == "基本阵地健全"
    assert audit_log.field_name("unknown_key") == "其他项目"
    changes = audit_log.readable_change("", json.dumps({"state": "revoked", "event_id": 4}))
    assert all(name.isascii() is False for name, _old, _new in changes)
