"""The made-up township of the demo: names, villages, branches and the ethnic mix of Yunnan.

Only data and the random choices made from it; `services/demo.py` puts it through the services.
"""

from __future__ import annotations

import random

from dangjian_desktop.domain.validation import BranchLevel

SURNAMES = (
    "李王张刘陈杨赵黄周吴徐孙马朱胡郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程"
    "魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵"
    "普岩刀玉者李字"
)
GIVEN = [
    "建国",
    "建华",
    "国强",
    "志强",
    "晓明",
    "海燕",
    "丽华",
    "秀英",
    "桂英",
    "玉兰",
    "文华",
    "永平",
    "家富",
    "正荣",
    "春梅",
    "红梅",
    "云华",
    "德明",
    "光明",
    "学文",
    "雪梅",
    "玉芬",
    "建平",
    "国华",
    "少华",
    "文才",
    "福林",
    "金花",
    "绍华",
    "开明",
    "兴华",
    "琼芬",
    "丽萍",
    "艳红",
    "晓燕",
    "志华",
    "春林",
    "国荣",
    "有才",
    "成林",
    "树林",
    "自强",
    "天明",
    "世荣",
    "卫东",
    "红艳",
    "美玲",
    "丽琼",
    "正华",
    "朝兴",
    "应华",
    "绍林",
    "会芬",
    "光荣",
    "永华",
    "家兴",
    "德华",
    "玉梅",
    "永昌",
    "兰芬",
    "顺德",
    "开荣",
    "仕林",
    "清华",
    "丽",
    "敏",
    "芳",
    "静",
    "强",
    "勇",
    "军",
    "伟",
    "涛",
    "磊",
    "燕",
    "娟",
    "岩温",
    "岩罕",
    "玉香",
    "玉罕",
    "依香",
    "扎约",
    "阿普",
    "阿妹",
    "沙玛",
    "拉努",
]
# A Yunnan mountain township: Han and Yi most, then Hani, Dai, Bai, Miao, Hui, Zhuang, Yao, Lahu.
ETHNIC_MIX = (
    ("汉族", 52),
    ("彝族", 18),
    ("哈尼族", 9),
    ("傣族", 6),
    ("白族", 4),
    ("苗族", 4),
    ("回族", 3),
    ("壮族", 2),
    ("瑶族", 1),
    ("拉祜族", 1),
)
VILLAGES = [
    "石龙",
    "大箐",
    "小河",
    "龙潭",
    "新寨",
    "松林",
    "海子",
    "马鹿塘",
    "团山",
    "三家",
    "白岩",
    "青龙",
    "大平掌",
    "落水洞",
    "凤凰",
    "南山",
    "木瓜",
    "竹园",
    "红岩",
    "黑龙潭",
    "麦地",
    "大坪",
    "石门坎",
    "清水",
]
HAMLETS = ["上寨", "下寨", "中寨", "新村", "老村", "大村", "小村", "坡头", "岔河", "河边"]
OTHER_BRANCHES = (
    ("镇机关第一党支部", "机关"),
    ("镇机关第二党支部", "机关"),
    ("镇人大政协机关党支部", "机关"),
    ("石龙社区党总支", "社区"),
    ("镇中心学校党总支", "学校"),
    ("镇第一中学党支部", "学校"),
    ("镇中心幼儿园党支部", "学校"),
    ("镇综合文化站党支部", "事业单位-文化"),
    ("镇卫生院党支部", "事业单位-卫生"),
    ("镇农业农村综合服务中心党支部", "事业单位-其他"),
    ("镇林业和草原服务中心党支部", "事业单位-其他"),
    ("云岭茶业有限公司党支部", "非公企业"),
    ("石龙建材有限责任公司党支部", "非公企业"),
    ("镇茶叶种植协会党支部", "社会组织"),
    ("镇个体劳动者协会党支部", "社会组织"),
)
MEDIA_TITLES = (
    "{b}：党员带头发展特色产业",
    "{b}开展“五好五带头”主题实践活动",
    "{b}“三会一课”制度落地见效",
    "{b}党员服务中心打通服务群众“最后一公里”",
    "{b}创建先进党组织纪实",
)


def phone_number(rng: random.Random) -> str:
    return "1" + rng.choice("35789") + "".join(rng.choice("0123456789") for _ in range(9))


def person_name(rng: random.Random, ethnicity: str) -> str:
    if ethnicity == "傣族" and rng.random() < 0.6:
        return rng.choice(("岩", "玉", "刀", "依")) + rng.choice(
            ("温", "罕", "香", "光", "叫", "坎", "应")
        )
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def pick_ethnicity(rng: random.Random) -> str:
    names = [name for name, _ in ETHNIC_MIX]
    weights = [weight for _, weight in ETHNIC_MIX]
    return rng.choices(names, weights)[0]


def branch_plan(n: int, rng: random.Random) -> list[tuple[str, str, str, int | None]]:
    """(name, level, sector, index of parent) for n branches: villages first, then the rest."""
    plan: list[tuple[str, str, str, int | None]] = []
    others = list(OTHER_BRANCHES)
    villages = iter(VILLAGES)
    # roughly two thirds rural: each village a 党总支 with 1–3 党支部 under it
    while len(plan) < max(1, n * 2 // 3):
        try:
            village = next(villages)
        except StopIteration:
            break
        plan.append((f"{village}村党总支", BranchLevel.GENERAL.value, "农村", None))
        parent = len(plan) - 1
        for hamlet in rng.sample(HAMLETS, rng.randint(1, 3)):
            if len(plan) >= n * 2 // 3:
                break
            plan.append((f"{village}村{hamlet}党支部", BranchLevel.BRANCH.value, "农村", parent))
    for name, sector in others:
        if len(plan) >= n:
            break
        level = BranchLevel.GENERAL.value if name.endswith("党总支") else BranchLevel.BRANCH.value
        plan.append((name, level, sector, None))
        if level == BranchLevel.GENERAL.value and len(plan) < n:
            parent = len(plan) - 1
            for k in ("第一", "第二"):
                if len(plan) >= n:
                    break
                plan.append(
                    (name.replace("党总支", f"{k}党支部"), BranchLevel.BRANCH.value, sector, parent)
                )
    extra = 1
    while len(plan) < n:  # larger demo townships: more village branches
        plan.append((f"新建第{extra}党支部", BranchLevel.BRANCH.value, "农村", None))
        extra += 1
    return plan[:n]
