"""The rubric (考核指标): four areas, thirteen items, 100 points, texts from the seed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dangjian_desktop.domain.numbers import plain
from dangjian_desktop.errors import UserError

TOTAL_POINTS = Decimal(100)
ONE_DECIMAL = Decimal("0.1")

_CN_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


def _cn(text: str) -> str:
    """The seed as extracted has ASCII punctuation inside Chinese text; show it full-width."""
    return text.translate(_CN_PUNCT)


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    points: Decimal
    indicator: str


@dataclass(frozen=True)
class RubricItemSpec:
    code: str
    area_code: str
    name: str
    points: Decimal
    description: str


AREAS: tuple[Area, ...] = (
    Area(
        "1",
        "领导班子坚强有力",
        Decimal(25),
        _cn("镇村领导班子和领导干部公信度调查得分高于全省平均水平,处于全县前列"),
    ),
    Area(
        "2",
        "党建责任落实到位",
        Decimal(30),
        _cn("全面完成基层党建工作各项任务,党组织书记抓党建工作责任制年度考核得分处于全县前列"),
    ),
    Area(
        "3",
        "基层组织作用突出",
        Decimal(25),
        _cn("全面完成基层党组织和党员目标管理任务,考核全部合格"),
    ),
    Area("4", "科学发展成效显著", Decimal(20), _cn("全镇年度综合考核得分处于全县前列")),
)

TEMPLATE: tuple[RubricItemSpec, ...] = (
    RubricItemSpec(
        "1.1",
        "1",
        "执行力强",
        Decimal(9),
        _cn(
            "坚决贯彻执行党的路线方针政策、国家法律法规和各级党委的决策部署;工作责任主体明确、"
            "责任体系完备,敢抓敢管、敢于负责;各项工作有部署、有检查、有落实,令行禁止、政令畅通,"
            "各级领导班子领导核心作用得到充分发挥。"
        ),
    ),
    RubricItemSpec(
        "1.2",
        "1",
        "创新力强",
        Decimal(8),
        _cn(
            "学习型领导班子建设成效明显,思想解放、开拓进取,善于运用创新的理念、创新的思路、"
            "创新的方法破解难题,创造性地抓好各项工作。"
        ),
    ),
    RubricItemSpec(
        "1.3",
        "1",
        "凝聚力强",
        Decimal(8),
        _cn(
            "严格按照民主科学决策的议事规则和决策程序办事,民主集中制得到有效贯彻落实。"
            "公开选拔、竞争上岗等竞争性选拔领导干部方式得到有效落实。"
            "选人用人公信度明显提高,用人上不正之风得到有效遏制。"
            "班子成员作风优良,切实做到“个人形象一面旗、工作热情一团火、谋事布局一盘棋”,"
            "形成凝心聚力抓发展的良好局面。"
        ),
    ),
    RubricItemSpec(
        "2.1",
        "2",
        "基本队伍坚强",
        Decimal(6),
        _cn(
            "创新组织设置,党组织和党的工作实现全社会覆盖。"
            "以党组织书记为重点的干部队伍、党员队伍、大学生“村官”队伍建设不断加强。"
            "发展、教育、管理和服务党员的长效机制健全完善,党员队伍充满生机活力。"
        ),
    ),
    RubricItemSpec(
        "2.2",
        "2",
        "基本阵地健全",
        Decimal(6),
        _cn(
            "农村组织活动场所全面完成。"
            "农民服务站、农民服务点、党员服务中心全覆盖,联系和服务党员群众的体系健全。"
        ),
    ),
    RubricItemSpec(
        "2.3",
        "2",
        "基本制度完善",
        Decimal(6),
        _cn(
            "“三会一课”等基本制度有效落实,先进性教育活动和深入学习实践科学发展观活动长效机制建立健全。"
            "“四议两公开”工作法全面推行,党领导下的村民自治机制健全完善。"
        ),
    ),
    RubricItemSpec(
        "2.4",
        "2",
        "基本载体有效",
        Decimal(6),
        _cn(
            "“三个一”主题实践活动、“五好五带头”、“三级联创”、“云岭先锋”工程和基层党建示范点建设深入推进。"
            "农村、机关、学校、事业单位、少数民族聚居地区等不同领域、不同行业创先争优的主题实践活动"
            "特色鲜明、内容丰富、成效明显。"
        ),
    ),
    RubricItemSpec(
        "2.5",
        "2",
        "基本保障有力",
        Decimal(6),
        _cn(
            "以财政投入为主、党费留存补助为辅、社会筹集为补充的基层党组织建设工作经费保障机制建立健全。"
            "发展壮大农村集体经济,不断增强基层党组织服务党员和群众的实力。"
        ),
    ),
    RubricItemSpec(
        "3.1",
        "3",
        "战斗堡垒作用（五个好）",
        Decimal(13),
        _cn(
            "基层党组织战斗堡垒作用充分发挥。"
            "基层党组织做到“五个好”(领导班子好、党员队伍好、工作机制好、工作业绩好、群众反映好)。"
            "农村要管理制度健全,在新农村建设中作用发挥更加明显;机关要切实改进机关作风,"
            "提高机关效能,建设学习型机关、服务型队伍、效能型部门;学校要努力做到政治坚定方向明确、"
            "教学科研创一流、为人师表当楷模、培养人才见成效;文化、卫生等事业单位要结合本系统、"
            "本单位实际,在职业道德建设、提升服务质量、促进发展上成效明显。"
        ),
    ),
    RubricItemSpec(
        "3.2",
        "3",
        "先锋模范作用（五带头）",
        Decimal(12),
        _cn(
            "党员队伍先锋模范作用充分发挥。"
            "党员做到“五带头”(带头学习提高、带头争创佳绩、带头服务群众、带头遵纪守法、带头弘扬正气)。"
            "在农村,党员要成为宣传政策、遵纪守法、带头致富、带领致富的模范;在机关,党员要成为"
            "顾全大局、爱岗敬业、开拓创新、服务群众、公道正派的模范;在学校,党员要成为党性强、"
            "师德好、业务精的模范;在文化、卫生等事业单位,党员要成为诚信公正、热情为民的模范。"
        ),
    ),
    RubricItemSpec(
        "4.1",
        "4",
        "经济科学发展",
        Decimal(7),
        _cn("全镇国内生产总值、地方财政收入、农民人均纯收入等主要指标处于全县前列。"),
    ),
    RubricItemSpec(
        "4.2",
        "4",
        "社会和谐稳定",
        Decimal(7),
        _cn(
            "基层党组织在排查和化解矛盾纠纷中作用突出,各种突发事件、群体事件得到及时妥善解决。"
            "社会治安稳定、风气良好,人民群众安全感增强。"
            "全面落实党的民族宗教政策,防范打击各种渗透破坏活动和“禁毒防艾”工作成效明显。"
        ),
    ),
    RubricItemSpec(
        "4.3",
        "4",
        "人民群众满意",
        Decimal(6),
        _cn(
            "模范执行党的群众路线,认真倾听群众呼声、反映群众意愿、关心群众疾苦,"
            "及时帮助群众解决生产生活实际困难,人民群众收入水平增加,生活质量提高,党群干群关系密切。"
        ),
    ),
)


def format_points(value: Decimal) -> str:
    """Decimal as the clerk writes it: 9 -> '9', 8.50 -> '8.5', 100 -> '100'."""
    return plain(value)


def validate_rubric(items: Sequence[RubricItemSpec], areas: Sequence[Area] = AREAS) -> None:
    """Refuse a rubric that does not add up (UserError with the first problem found)."""
    duplicates = sorted(code for code, n in Counter(i.code for i in items).items() if n > 1)
    if duplicates:
        raise UserError(f"考核指标编号“{duplicates[0]}”重复，请修改编号。")
    area_codes = {a.code for a in areas}
    for item in items:
        if item.area_code not in area_codes:
            raise UserError(
                f"考核指标“{item.name}”所属的类别“{item.area_code}”不存在，请重新选择。"
            )
        if item.points <= 0:
            raise UserError(f"考核指标“{item.name}”的分值必须大于0，请修改。")
        if item.points != item.points.quantize(ONE_DECIMAL):
            raise UserError(f"考核指标“{item.name}”的分值最多保留一位小数，请修改。")
    for area in areas:
        subtotal = sum((i.points for i in items if i.area_code == area.code), Decimal(0))
        if subtotal != area.points:
            raise UserError(
                f"“{area.name}”应为{format_points(area.points)}分，"
                f"其下各项合计{format_points(subtotal)}分，请调整各项分值。"
            )
    grand = sum((i.points for i in items), Decimal(0))
    if grand != TOTAL_POINTS:
        raise UserError(f"考核指标合计应为100分，现在是{format_points(grand)}分，请调整分值。")


_FULL_WIDTH = str.maketrans(
    {**{chr(0xFF10 + d): str(d) for d in range(10)}, "．": ".", "。": ".", "－": "-", "＋": "+"}
)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def parse_score(
    value: str | Decimal | float | int, points: Decimal, *, item_name: str = ""
) -> Decimal:
    """A score as typed or read from Excel -> Decimal with one decimal, within 0..points.

    Full-width digits, spaces and a trailing “分” are accepted. Refusals are UserError.
    """
    label = f"“{item_name}”" if item_name else "该项"
    limit = format_points(points)
    if isinstance(value, bool):
        raise UserError(f"{label}的分数不是数字，请填写0到{limit}之间的数。")
    if isinstance(value, Decimal | int | float):
        shown = str(value)[:20]
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise UserError(f"{label}的分数不是数字，请填写0到{limit}之间的数。")
    else:
        text = "".join(str(value).translate(_FULL_WIDTH).split()).removesuffix("分")
        shown = text if len(text) <= 20 else text[:20] + "…"
        if not text:
            raise UserError(f"{label}没有填写分数，请填写0到{limit}之间的数。")
        if not _NUMBER.fullmatch(text):
            raise UserError(
                f"{label}的分数“{shown}”不是数字，请填写0到{limit}之间的数，最多一位小数。"
            )
        number = Decimal(text)
    if number < 0:
        raise UserError(f"{label}的分数不能是负数，请填写0到{limit}之间的数。")
    if number > points:
        raise UserError(f"{label}最高{limit}分，不能填{shown}分。")
    if number != number.quantize(ONE_DECIMAL):
        raise UserError(f"{label}的分数最多保留一位小数，不能填{shown}分。")
    result = number.quantize(ONE_DECIMAL)
    return result if result else Decimal("0.0")  # never "-0.0"


def ensure_rubric_editable(scoring_started: bool) -> None:
    if scoring_started:
        raise UserError("已开始评分，考核指标已冻结，不能再修改。")
