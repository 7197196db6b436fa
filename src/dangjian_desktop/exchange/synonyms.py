"""What clerks write for a register's fixed choices, read as the program's words: 总支 → 党总支,
村 → 农村, √ → 是, 预备 → 预备党员. Each function returns None when the text means none of them."""

from __future__ import annotations

import re

from dangjian_desktop.domain import validation

_WS = re.compile(r"\s+")


def compact(value: str) -> str:
    """Codes and choices: full-width folded, every space removed."""
    return _WS.sub("", validation.normalise_text(value))


def level_of(text: str) -> str | None:
    key = compact(text).replace("委员会", "")
    if key in {"党总支", "总支", "党总支部", "总支部"}:
        return "党总支"
    if key in {"党支部", "支部", "联合党支部", "支委会", "党支部委"}:
        return "党支部"
    return None


def level_from_branch_name(name: str) -> str | None:
    if name.endswith(("党总支", "总支部", "党总支委员会")):
        return "党总支"
    if name.endswith(("支部", "支部委员会")):
        return "党支部"
    return None


_SECTOR_WORDS: tuple[tuple[str, str], ...] = (
    # (word found in what the clerk wrote, sector); first match wins, so specific words first
    ("非公", "非公企业"),
    ("企业", "非公企业"),
    ("社会组织", "社会组织"),
    ("协会", "社会组织"),
    ("文化", "事业单位-文化"),
    ("卫生", "事业单位-卫生"),
    ("医院", "事业单位-卫生"),
    ("医疗", "事业单位-卫生"),
    ("学校", "学校"),
    ("教育", "学校"),
    ("中学", "学校"),
    ("小学", "学校"),
    ("事业", "事业单位-其他"),
    ("社区", "社区"),
    ("居委", "社区"),
    ("农村", "农村"),
    ("村", "农村"),
    ("机关", "机关"),
)


def sector_of(text: str) -> str | None:
    key = compact(text)
    for sep in ("—", "–", "－", "-", "·", "（", "）", "(", ")", "/"):
        key = key.replace(sep, "")
    for sector in validation.SECTORS:
        if key == sector.replace("-", ""):
            return sector
    key = re.sub(r"(党总支|党支部|党组织|领域|行业|类)$", "", key)
    for word, sector in _SECTOR_WORDS:
        if word in key:
            return sector
    return None


_YES = {"是", "√", "✓", "✔", "y", "yes", "1", "true", "对", "有"}
_NO = {"否", "×", "✗", "x", "n", "no", "0", "false", "不是", "无", "-", "—", "/"}


def yes_no_of(text: str) -> bool | None:
    key = compact(text).lower()
    if key in _YES or key.startswith("是"):
        return True
    if key in _NO or key == "":
        return False
    return None


def gender_of(text: str) -> str | None:
    key = compact(text)
    return {"男": "男", "男性": "男", "女": "女", "女性": "女"}.get(key)


def ethnicity_of(text: str) -> str | None:
    key = compact(text)
    if key in validation.ETHNICITIES:
        return key
    if key + "族" in validation.ETHNICITIES:
        return key + "族"
    return None


def kind_of(text: str) -> str | None:
    key = compact(text)
    if key in {"正式党员", "正式", "党员"}:
        return "正式党员"
    if key in {"预备党员", "预备"}:
        return "预备党员"
    return None


def post_of(text: str) -> str | None:
    key = compact(text)
    if key in validation.POSTS:
        return key
    if key in {"", "无", "普通党员", "党员", "/", "-"}:
        return "党员"
    if "副书记" in key:
        return "副书记"
    if key.endswith("书记"):
        return "书记"
    if key.endswith("委员"):
        return "委员"
    return None
