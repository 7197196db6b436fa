"""Rubric: shape, points, refusals, and every text checked against the seed."""

import dataclasses
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian_desktop.domain.rubric import (
    AREAS,
    TEMPLATE,
    Area,
    RubricItemSpec,
    ensure_rubric_editable,
    parse_score,
    validate_rubric,
)
from dangjian_desktop.errors import UserError

# The seed's section 二、创建内容和目标 verbatim (page artefacts and all), so the rubric texts
# can be checked without the shared folder; compared with the seed file when that is present.
SEED_PATH = "/work/shared/seed/000_8fab55bd815fa8e2.txt"

CONTENT_AND_GOALS = """\
二、创建内容和目标
(一)领导班子坚强有力。

镇村领导班子和领导干
部公信度调查得分高于全省平均水平,处于全县前列。

1、执行力强。

坚决贯彻执行党的路线方针政策、国家法律法规和各级党委的决策部署;工作责任主体明确、责任体系完备,敢抓敢管、敢于负责;各项工作有部署、有检查、有落实,令行禁止、政令畅通,各级领导班子领导核心作用得到充分发挥。

2、创新力强。

学习型领导班子建设成效明显,思想解放、开拓进取,善于运用创新的理念、创新的思路、创新的方法破解难题,创造性地抓好各项工作。

3、凝聚力强。

严格按照民主科学决策的议事规则和决策程序办事,民主集中制得到有效贯彻落实。

公开选拔、竞争上岗等竞争性选拔领导干部方式得到有效落实。

选人用人公信度明显提高,用人上不正之风得到有效遏制。

班子成员作风优良,切实做到“个人形象一面旗、工作热情一团火、谋事布局一盘棋”,形成凝心聚力抓发展的良好局面。

(二)党建责任落实到位。

全面完成基层党建工作各项任务,党组织书记抓党建工作责任制年度考核得分处于全县前列。

1、基本队伍坚强。

创新组织设置,党组织和党的工作实现全社会覆盖。

以党组织书记为重点的干部队伍、党员队伍、大学生“村官”队伍建设不断加强。

发展、教育、管理和服务党员的长效机制健全完善,党员队伍充满生机活
力。

2、基本阵地健全。

农村组织活动场所全面完成。

农民服务站、农民服务点、党员服务中心全覆盖,联系和服务党员群众的体系健全。

3、基本制度完善。

“三会一课”等基本制度有效落实,先进性教育活动和深入学习实践科学发展观活动长效机制建立健全。

“四议两公开”工作法全面推行,党领导下的村民自治机制健全完善。

4、基本载体有效。

“三个一”主题实践活动、“五好五带头”、“三级联创”、“云岭先锋”工程和基层党建示范点建设深入推进。

农村、机关、学校、事业单位、少数民族聚居地区等不同领域、不同行业创先争优的主题实践活动特色鲜明、内容丰富、成效明显。

5、基本保障有力。

以财政投入为主、党费留存补助为辅、社会筹集为补充的基层党组织建设工作经费保障机制建立健全。

发展壮大农村集体经济,不断增强基层党组织服务党员和群众的实力。

(三)基层组织作用突出。

全面完成基层党组织和党员目标管理任务,考核全部合格。

1、基层党组织战斗堡垒作用充分发挥。

基层党组织做到“五个好”(领导班子好、党员队伍好、工作机制好、工作业绩好、群众反映好)。

农村要管理制度健全,在新农
3/ 7
村建设中作用发挥更加明显;机关要切实改进机关作风,提高机关效能,建设学习型机关、服务型队伍、效能型部门;学校要努力做到政治坚定方向明确、教学科研创一流、为人师表当楷模、培养人才见成效;文化、卫生等事业单位要结合本系统、本单位实际,在职业道德建设、提升服务质量、促进发展上成效明显。

2、党员队伍先锋模范作用充分发挥。

党员做到“五带头”(带头学习提高、带头争创佳绩、带头服务群众、带头遵纪守法、带头弘扬正气)。

在农村,党员要成为宣传政策、遵纪守法、带头致富、带领致富的模范;在机关,党员要成为顾全大局、爱岗敬业、开拓创新、服务群众、公道正派的模范;在学校,党员要成为党性强、师德好、业务精的模范;在文化、卫生等事业单位,党员要成为诚信公正、热情为民的模范。

(四)科学发展成效显著。

全镇年度综合考核得分处于全县前列。

1、经济科学发展。

全镇国内生产总值、地方财政收入、农民人均纯收入等主要指标处于全县前列。

2、社会和谐稳定。

基层党组织在排查和化解矛盾纠纷中作用突出,各种突发事件、群体事件得到及时妥善解决。

社会治安稳定、风气良好,人民群众安全感增强。

全面落实党的民族宗教政策,防范打击各种渗透破坏活动和“禁
毒防艾”工作成效明显。

3、人民群众满意。

模范执行党的群众路线,认真倾听群众呼声、反映群众意愿、关心群众疾苦,及时帮助群众解决生产生活实际困难,人民群众收入水平增加,生活质量提高,党群干群关系密切。
"""


_FOLD = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})


def _squash(text: str) -> str:
    """Drop page markers like '3/ 7' and all whitespace; unify punctuation width."""
    text = re.sub(r"\n\d+/ \d+\n", "", text)
    return re.sub(r"\s+", "", text).translate(_FOLD)


SEED = _squash(CONTENT_AND_GOALS)


def test_embedded_excerpt_matches_seed_file() -> None:
    path = Path(SEED_PATH)
    if not path.exists():
        pytest.skip("shared seed file not present")
    assert CONTENT_AND_GOALS in path.read_text(encoding="utf-8")


def test_template_shape_and_points() -> None:
    assert [a.code for a in AREAS] == ["1", "2", "3", "4"]
    assert [a.points for a in AREAS] == [Decimal(25), Decimal(30), Decimal(25), Decimal(20)]
    assert len(TEMPLATE) == 13
    assert sum(i.points for i in TEMPLATE) == Decimal(100)
    points = {i.name: i.points for i in TEMPLATE}
    assert points["执行力强"] == 9
    assert points["战斗堡垒作用（五个好）"] == 13
    assert points["先锋模范作用（五带头）"] == 12
    assert points["人民群众满意"] == 6
    assert [i.code for i in TEMPLATE if i.area_code == "2"] == ["2.1", "2.2", "2.3", "2.4", "2.5"]
    validate_rubric(TEMPLATE)


@pytest.mark.parametrize("item", TEMPLATE, ids=lambda i: i.code)
def test_item_description_comes_from_seed(item: RubricItemSpec) -> None:
    assert item.description.strip()
    assert "3/ 7" not in item.description and "\n" not in item.description
    assert _squash(item.description) in SEED


@pytest.mark.parametrize("area", AREAS, ids=lambda a: a.code)
def test_area_indicator_and_name_come_from_seed(area: Area) -> None:
    assert _squash(area.indicator) in SEED
    assert area.name in SEED


def test_description_is_complete_for_cohesion_item() -> None:
    cohesion = next(i for i in TEMPLATE if i.code == "1.3")
    assert cohesion.description.startswith("严格按照民主科学决策")
    assert cohesion.description.endswith("形成凝心聚力抓发展的良好局面。")
    bastion = next(i for i in TEMPLATE if i.code == "3.1")
    assert "在新农村建设中" in bastion.description  # page break repaired


def _replace(target: str, **changes: Any) -> list[RubricItemSpec]:
    return [dataclasses.replace(i, **changes) if i.code == target else i for i in TEMPLATE]


def test_validate_rubric_refusals() -> None:
    with pytest.raises(UserError, match="合计"):
        validate_rubric(_replace("1.1", points=Decimal(10)))
    with pytest.raises(UserError, match="大于0"):
        validate_rubric(_replace("1.1", points=Decimal(0)))
    with pytest.raises(UserError, match="重复"):
        validate_rubric(_replace("1.2", code="1.1"))
    # moving points between areas keeps the total at 100 but breaks both areas
    moved = _replace("1.1", points=Decimal(8))
    moved = [
        RubricItemSpec(i.code, i.area_code, i.name, Decimal(7), i.description)
        if i.code == "4.3"
        else i
        for i in moved
    ]
    assert sum(i.points for i in moved) == 100
    with pytest.raises(UserError, match="领导班子坚强有力"):
        validate_rubric(moved)
    # areas changed consistently are fine, as long as the total stays 100
    areas = (
        Area("1", "甲", Decimal(60), ""),
        Area("2", "乙", Decimal(40), ""),
    )
    items = [
        RubricItemSpec("1.1", "1", "a", Decimal("59.5"), "x"),
        RubricItemSpec("1.2", "1", "b", Decimal("0.5"), "x"),
        RubricItemSpec("2.1", "2", "c", Decimal(40), "x"),
    ]
    validate_rubric(items, areas)
    with pytest.raises(UserError, match="100分"):
        validate_rubric(items[:2], areas[:1])


def test_parse_score_accepts_what_clerks_type() -> None:
    nine = Decimal(9)
    assert parse_score("８.５", nine) == Decimal("8.5")
    assert parse_score(" 8 ", nine) == Decimal("8.0")
    assert parse_score("８．５分", nine) == Decimal("8.5")
    assert parse_score("8.50", nine) == Decimal("8.5")
    assert parse_score("9", nine) == Decimal("9.0")
    assert parse_score("0", nine) == Decimal("0.0")
    assert parse_score(7, nine) == Decimal("7.0")
    assert parse_score(7.5, nine) == Decimal("7.5")
    assert parse_score(Decimal("6.5"), nine) == Decimal("6.5")
    assert str(parse_score("-0", nine)) == "0.0"


def test_parse_score_refusals() -> None:
    nine = Decimal(9)
    with pytest.raises(UserError) as err:
        parse_score("9.5", nine, item_name="执行力强")
    assert err.value.message == "“执行力强”最高9分，不能填9.5分。"
    with pytest.raises(UserError, match="不是数字"):
        parse_score("八", nine, item_name="执行力强")
    with pytest.raises(UserError, match="负数"):
        parse_score("-1", nine)
    with pytest.raises(UserError, match="一位小数"):
        parse_score("8.25", nine)
    with pytest.raises(UserError, match="没有填写"):
        parse_score("  ", nine)
    with pytest.raises(UserError):
        parse_score(float("nan"), nine)
    with pytest.raises(UserError):
        parse_score(True, nine)
    with pytest.raises(UserError):
        parse_score("1e1", nine)


@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789.-+ ０１２３４５６７８９．分e"),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.decimals(allow_nan=True, allow_infinity=True),
    ),
    st.sampled_from([i.points for i in TEMPLATE]),
)
def test_parse_score_never_crashes(value: object, points: Decimal) -> None:
    try:
        result = parse_score(value, points)  # type: ignore[arg-type]
    except UserError as err:
        assert err.message
        return
    assert Decimal(0) <= result <= points
    assert result == result.quantize(Decimal("0.1"))
    assert result.as_tuple().exponent == -1


def test_rubric_freezes_once_scoring_starts() -> None:
    ensure_rubric_editable(False)
    with pytest.raises(UserError) as err:
        ensure_rubric_editable(True)
    assert err.value.message == "已开始评分，考核指标已冻结，不能再修改。"
