"""The columns of the two registers: the template's header, every header accepted for it, and
the example rows the templates carry (the importer skips them)."""

from __future__ import annotations

from dataclasses import dataclass

EXAMPLE_MARK = "示例"


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the name the template uses
    synonyms: tuple[str, ...]  # every accepted header, label first
    required: bool = False


BRANCH_COLUMNS: tuple[Column, ...] = (
    Column(
        "name", "党组织名称", ("党组织名称", "组织名称", "支部名称", "单位名称", "党组织"), True
    ),
    Column(
        "level", "层级", ("层级", "类别", "组织类别", "党组织类型", "党组织类别", "组织类型"), True
    ),
    Column("parent_name", "上级党组织", ("上级党组织", "所属党总支", "上级组织", "隶属党总支")),
    Column("sector", "领域", ("领域", "行业", "所属领域", "所属行业"), True),
    Column(
        "ethnic_area",
        "少数民族聚居地区",
        ("少数民族聚居地区", "民族地区", "是否少数民族聚居地区", "少数民族聚居"),
    ),
    Column("secretary", "书记", ("书记", "书记姓名", "党组织书记", "支部书记")),
    Column("phone", "联系电话", ("联系电话", "电话", "手机", "手机号码", "手机号", "联系方式")),
    Column("founded", "成立时间", ("成立时间", "成立日期", "建立时间", "组建时间")),
    Column("remark", "备注", ("备注", "说明")),
)

MEMBER_COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", ("姓名", "党员姓名"), True),
    Column("gender", "性别", ("性别",), True),
    Column("ethnicity", "民族", ("民族",)),
    Column("birth_date", "出生日期", ("出生日期", "出生年月", "生日", "出生年月日"), True),
    Column("joined_on", "入党时间", ("入党时间", "入党日期", "入党年月"), True),
    Column("kind", "党员类别", ("党员类别", "类别", "党员身份", "人员类别")),
    Column("post", "职务", ("职务", "党内职务")),
    Column(
        "branch_name",
        "所在党组织",
        ("所在党组织", "所在支部", "党支部", "所在党支部", "所属党组织", "所属支部"),
        True,
    ),
    Column("phone", "联系电话", ("联系电话", "电话", "手机", "手机号码", "手机号", "联系方式")),
)

# Example rows the templates carry; the importer skips them. Order follows the columns above.
BRANCH_EXAMPLE: tuple[str, ...] = (
    "示例：红星村党支部",
    "党支部",
    "",
    "农村",
    "否",
    "李明",
    "13800000000",
    "2005-07-01",
    "示例行不会被导入",
)
MEMBER_EXAMPLE: tuple[str, ...] = (
    "示例：张三",
    "男",
    "汉族",
    "1985-03-01",
    "2010-07-01",
    "正式党员",
    "党员",
    "红星村党支部",
    "13800000000",
)


def accepted_headers(column: Column) -> str:
    return "、".join(f"“{name}”" for name in column.synonyms)
