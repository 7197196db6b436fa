"""The wording of each kind of notice, assembled from plain facts (pure functions).

The register is that of a township party committee: 镇党委 issues, the leading group's office
(镇党委创先争优活动领导小组办公室) receives and answers. Rules quoted in the texts are the seed's
(创建基层党组织建设先进单位实施方案).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from dangjian_desktop.documents.data import (
    Annex,
    IssuedBy,
    Issuer,
    NoticeData,
    RecommendationData,
    TableBlock,
)
from dangjian_desktop.domain.calendar import Stage
from dangjian_desktop.domain.rubric import AREAS
from dangjian_desktop.domain.text import arabic_date

PLAN_NAME = "创建基层党组织建设先进单位实施方案"
CAMPAIGN = "创建基层党组织建设先进单位活动"
ALL_BRANCHES = "各党总支、党支部："
CHINESE_ORDINALS = "一二三四五六七八九十"
BRANCH_TITLES = "“基层党组织建设先进党支部（总支）”"


def _ordinal(n: int) -> str:
    """1 -> 一, 12 -> 十二 (enough for list numbering)."""
    if n <= 10:
        return CHINESE_ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return (
        ("" if tens == 1 else CHINESE_ORDINALS[tens - 1])
        + "十"
        + (CHINESE_ORDINALS[ones - 1] if ones else "")
    )


def _plan(issuer: Issuer) -> str:
    return f"《{issuer.organ}{PLAN_NAME}》"


def _office_short(issuer: Issuer) -> str:
    return "镇党委创先争优活动领导小组办公室"


def _contact(contact: str, phone: str) -> list[str]:
    if not (contact or phone):
        return []
    parts = [f"联系人：{contact}" if contact else "", f"联系电话：{phone}" if phone else ""]
    return ["，".join(p for p in parts if p) + "。"]


def _join(names: Sequence[str]) -> str:
    return "、".join(names)


def _you(branch_name: str) -> str:
    """How a notice addresses one branch: 你支部 / 你总支."""
    return "你总支" if branch_name.endswith("总支") else "你支部"


def _to_all_branches(
    kind: str,
    number: str,
    title: str,
    paragraphs: Sequence[str],
    signed_on: dt.date,
    *,
    circulated_by: Issuer | None = None,
    tables: Sequence[TableBlock] = (),
    annexes: Sequence[Annex] = (),
    issued_by: IssuedBy = "committee",
) -> NoticeData:
    """A notice to 各党总支、党支部; `circulated_by` adds the 抄送 (county) and 印发 lines."""
    return NoticeData(
        kind=kind,
        number=number,
        title=title,
        addressee=ALL_BRANCHES,
        paragraphs=paragraphs,
        tables=tables,
        annexes=annexes,
        signed_on=signed_on,
        issued_by=issued_by,
        cc=f"{circulated_by.county}委组织部" if circulated_by and circulated_by.county else "",
        printed_by=circulated_by.office if circulated_by else "",
        printed_on=signed_on if circulated_by else None,
    )


def half_year(stage: Stage, first_year: int) -> str:
    """The half year a progress report covers: 2025年下半年 / 2026年上半年."""
    if stage is Stage.REPORT_H2:
        return f"{first_year}年下半年"
    return f"{first_year + 1}年上半年"


def overdue_item(stage: Stage, round_label: str, first_year: int) -> str:
    """What a branch owes at `stage`, as a noun phrase that reads inside a sentence."""
    if stage is Stage.PLAN:
        return f"{round_label}创建工作实施方案"
    if stage in (Stage.REPORT_H2, Stage.REPORT_H1):
        return f"{half_year(stage, first_year)}创建工作进展情况书面汇报"
    if stage is Stage.MATERIALS:
        return f"{round_label}创建工作材料"
    raise ValueError(f"no hand-in at stage {stage}")


_LEAD_IN = re.compile(r"^(经(?:查|核查|调查|核实|查实|群众举报并核实))[，,：:]?")
_THIS_BRANCH = re.compile(r"该(?:党总支|党支部|总支|支部|党组织)")


def _this_branch(branch_name: str) -> str:
    """How the text refers back to a branch: 该党总支 / 该党支部 / 该党组织, as what it is."""
    if branch_name.endswith("总支"):
        return "该党总支"
    if branch_name.endswith("支部"):
        return "该党支部"
    return "该党组织"


def split_lead_in(text: str) -> tuple[str, str]:
    """('经查', the rest) when a clerk's reason text opens with its own lead-in, else ('', text)."""
    text = text.strip().rstrip("。；;")
    found = _LEAD_IN.match(text)
    if not found:
        return "", text
    return found.group(1), text[found.end() :].lstrip("，,：: ")


def refer_to_branch(text: str, name: str) -> str:
    """The clerk's 该党支部 / 该支部 … replaced by what the branch is."""
    return _THIS_BRANCH.sub(name, text)


def goals_paragraphs() -> list[str]:
    """The seed's four 创建内容和目标, one paragraph each."""
    return [f"（{_ordinal(i + 1)}）{area.name}。{area.indicator}。" for i, area in enumerate(AREAS)]


def plan_call(
    issuer: Issuer,
    number: str,
    round_label: str,
    due: dt.date,
    signed_on: dt.date,
    *,
    contact: str = "",
    phone: str = "",
) -> NoticeData:
    """制定实施方案的通知: every branch surveys itself and hands in its plan by `due`."""
    office = _office_short(issuer)
    paragraphs = [
        f"为深入开展创先争优活动，扎实推进{round_label}{CAMPAIGN}，根据{_plan(issuer)}"
        "要求，现就各党支部（总支）制定创建工作实施方案有关事项通知如下。",
        "一、创建内容和目标",
        "各党支部（总支）要以创建“基层党组织建设先进党支部（总支）”为主要内容，围绕"
        "“领导班子坚强有力、党建责任落实到位、基层组织作用突出、科学发展成效显著”的目标，"
        "结合本单位实际确定创建目标。",
        *goals_paragraphs(),
        "二、方案主要内容",
        "各党支部（总支）要认真进行摸底调查，分析研究本单位基层党建工作现状，对照上述目标逐项"
        "制定实施方案。方案应当包括以下内容：本单位基本情况和创建基础；创建目标和具体措施，"
        "与上述四个方面逐项对应；工作步骤和时间安排；责任分工，明确党组织书记为第一责任人；"
        "保障措施。方案要实事求是、具体可行，避免照搬照抄。",
        "三、报送要求",
        f"各党支部（总支）务必于{arabic_date(due)}前将实施方案纸质版一式两份（经党组织书记审签并"
        f"加盖党组织印章）及电子文档报送{office}。逾期未报送的，镇党委将予以催报，并在全镇通报。",
        "四、工作要求",
        "各党支部（总支）要提高认识，把创建工作摆上重要议事日程，党组织书记要切实履行第一责任人"
        "的职责，在抓好本单位创建工作的同时，指导好党员参与创建工作。对因领导不重视、工作不得力、"
        "措施不具体而影响创建工作的，镇党委将追究相关责任人的责任。",
        *_contact(contact, phone),
    ]
    return _to_all_branches(
        "plan_call", number, f"关于制定{round_label}{PLAN_NAME}的通知", paragraphs, signed_on
    )


def reminder(
    issuer: Issuer,
    number: str,
    round_label: str,
    first_year: int,
    stage: Stage,
    due: dt.date,
    missing_branches: Sequence[str],
    new_deadline: dt.date,
    signed_on: dt.date,
    *,
    contact: str = "",
    phone: str = "",
) -> NoticeData:
    """催报通知 from the office to the branches that have not handed in what `stage` asks for."""
    office = _office_short(issuer)
    item = overdue_item(stage, round_label, first_year)
    short = {
        Stage.PLAN: "实施方案",
        Stage.REPORT_H2: "书面汇报",
        Stage.REPORT_H1: "书面汇报",
        Stage.MATERIALS: "创建工作材料",
    }[stage]
    paragraphs = [
        f"按照{_plan(issuer)}和镇党委有关工作安排，各党支部（总支）应于{arabic_date(due)}前将"
        f"{item}报送{office}。截至{arabic_date(signed_on)}，"
        f"仍有以下{len(missing_branches)}个党组织未按时报送：",
        _join(missing_branches) + "。",
        f"请上述党组织高度重视，认真查找原因，抓紧完善相关材料，务必于{arabic_date(new_deadline)}"
        f"前将{short}报送{office}。逾期仍未报送的，镇党委将在全镇范围内予以通报，并按照"
        "《实施方案》有关规定，对因领导不重视、工作不得力而影响创建工作的，追究相关责任人的责任。",
        *_contact(contact, phone),
    ]
    return NoticeData(
        kind="reminder",
        number=number,
        title=f"关于催报{item}的通知",
        addressee=_join(missing_branches) + "："
        if len(missing_branches) <= 3
        else "有关党总支、党支部：",
        paragraphs=paragraphs,
        signed_on=signed_on,
        issued_by="office",
    )


def report_call(
    issuer: Issuer,
    number: str,
    round_label: str,
    period_label: str,  # the half year: 2026年上半年
    due: dt.date,
    signed_on: dt.date,
    *,
    contact: str = "",
    phone: str = "",
) -> NoticeData:
    """半年书面汇报通知: each branch reports its progress in writing once every half year."""
    office = _office_short(issuer)
    paragraphs = [
        f"根据{_plan(issuer)}“各党支部（总支）每半年向镇党委深入开展创先争优活动领导小组书面汇报"
        "一次创建工作进展情况”的要求，为及时掌握各党组织创建工作进展，确保创建工作有序推进，"
        f"现就报送{period_label}创建工作进展情况书面汇报有关事项通知如下。",
        "一、汇报内容",
        "（一）创建工作开展情况。包括组织领导、工作部署、主要措施和工作载体等。",
        "（二）取得的阶段性成效。对照领导班子坚强有力、党建责任落实到位、基层组织作用突出、"
        "科学发展成效显著四个方面目标，逐项说明进展情况，用事实和数据说话。",
        "（三）存在的问题和不足。实事求是查找差距，分析原因。",
        "（四）下一步工作打算。针对存在的问题，提出具体的改进措施和时间安排。",
        "二、报送要求",
        f"书面汇报经党组织书记审签后，于{arabic_date(due)}前报送{office}，纸质版一份，"
        "同时报送电子文档。汇报材料要重点突出、简明扼要，字数一般不超过3000字，并可附相关"
        "图片、会议记录等佐证材料。",
        *_contact(contact, phone),
    ]
    return _to_all_branches(
        "report_call",
        number,
        f"关于报送{period_label}创建基层党组织建设先进单位工作进展情况书面汇报的通知",
        paragraphs,
        signed_on,
        issued_by="office",
    )


def _span(start: dt.date, end: dt.date) -> str:
    if start == end:
        return arabic_date(start)
    if start.year == end.year:
        return f"{arabic_date(start)}至{end.month}月{end.day}日"
    return f"{arabic_date(start)}至{arabic_date(end)}"


def schedule(
    issuer: Issuer,
    number: str,
    round_label: str,
    signed_on: dt.date,
    *,
    materials_due: dt.date,
    self_check: tuple[dt.date, dt.date],
    assessment: tuple[dt.date, dt.date],
    evaluation: tuple[dt.date, dt.date],
    summary_due: dt.date,
) -> NoticeData:
    """总结评估工作安排: 自检自查、统一考核、综合评价、形成工作总结, with dates and a table."""
    office = _office_short(issuer)
    paragraphs = [
        f"根据{_plan(issuer)}，镇党委将结合年度党建工作考核，对{round_label}创建基层党组织建设"
        "先进单位工作进行总结评估。现将有关事项通知如下。",
        "一、材料报送",
        f"各党支部（总支）于{arabic_date(materials_due)}前形成创建工作材料，报送{office}。"
        "创建工作材料包括创建工作总结、自检自查评分情况及相关佐证材料。",
        "二、评估程序",
        f"（一）自检自查。{_span(*self_check)}，各党支部（总支）对照考核指标逐项开展自检自查，"
        "如实填写自检自查评分表，经支部委员会研究后报镇党委。",
        f"（二）统一考核。{_span(*assessment)}，镇党委组织考核组，采取听取汇报、查阅资料、"
        "实地查看、走访党员群众等方式，对各党支部（总支）进行统一考核评分。考核组成员与被考核"
        "党组织有隶属关系或利害关系的，应当回避。",
        f"（三）综合评价。{_span(*evaluation)}，镇党委创先争优活动领导小组按照自检自查和统一考核"
        "得分，结合年度党建工作考核情况进行综合评价，初步确定评估结果，报镇党委审批。",
        f"（四）形成工作总结。{arabic_date(summary_due)}前，{office}形成全镇创建工作总结，"
        "报镇党委。",
        "三、工作要求",
        "各党支部（总支）要严格对照考核指标，实事求是开展自检自查，确保材料真实、准确、完整。"
        "凡发现在评选中弄虚作假的，撤销其荣誉称号并给予通报批评。考核组成员要坚持原则、"
        "客观公正，严格遵守工作纪律。",
    ]
    table = TableBlock(
        title="总结评估工作时间安排表",
        header=["序号", "工作步骤", "时间", "责任主体"],
        rows=[
            ["1", "报送创建工作材料", f"{arabic_date(materials_due)}前", "各党支部（总支）"],
            ["2", "自检自查", _span(*self_check), "各党支部（总支）"],
            ["3", "统一考核", _span(*assessment), "镇党委考核组"],
            ["4", "综合评价", _span(*evaluation), "镇党委创先争优活动领导小组"],
            ["5", "形成工作总结", f"{arabic_date(summary_due)}前", office],
        ],
    )
    return _to_all_branches(
        "schedule",
        number,
        f"关于做好{round_label}创建基层党组织建设先进单位总结评估工作的通知",
        paragraphs,
        signed_on,
        tables=[table],
    )


def announcement(
    issuer: Issuer,
    number: str,
    round_label: str,
    branches: Sequence[str],
    members: Sequence[tuple[str, str]],
    period_start: dt.date,
    period_end: dt.date,
    phone: str,
    signed_on: dt.date,
    *,
    address: str = "",
) -> NoticeData:
    """公示 of the preliminary list; `members` are (name, branch) pairs."""
    office = _office_short(issuer)
    paragraphs = [
        f"根据{_plan(issuer)}，经各党支部（总支）自检自查、镇党委统一考核和综合评价，"
        f"镇党委创先争优活动领导小组审验核实，拟对{len(branches)}个基层党组织和{len(members)}名"
        f"共产党员予以表彰。为广泛听取党员群众意见，现将拟表彰对象予以公示。",
        f"一、{round_label}基层党组织建设先进党支部（总支）拟表彰对象（{len(branches)}个）",
        _join(branches) + "。" if branches else "无。",
        f"二、{round_label}优秀共产党员拟表彰对象（{len(members)}名）",
        _join([f"{name}（{branch}）" for name, branch in members]) + "。" if members else "无。",
        f"公示时间：{_span(period_start, period_end)}。",
        f"公示期间，任何单位和个人对公示对象有异议的，可通过来电、来信、来访等方式向{office}"
        "反映。反映问题应当实事求是、客观公正，以单位名义反映的须加盖单位公章，以个人名义反映的"
        "须署真实姓名并提供联系方式，我们将严格为反映人保密。匿名反映或超出公示期限反映的问题，"
        "原则上不予受理。",
        f"联系电话：{phone}" + (f"；来信来访地址：{address}。" if address else "。"),
    ]
    return NoticeData(
        kind="announcement",
        number=number,
        title=f"关于{round_label}基层党组织建设先进党支部（总支）和优秀共产党员拟表彰对象的公示",
        addressee="",
        paragraphs=paragraphs,
        signed_on=signed_on,
        red_header=False,
        issued_by="office",
    )


def decision(
    issuer: Issuer,
    number: str,
    round_label: str,
    branches: Sequence[str],
    members: Sequence[tuple[str, str]],
    signed_on: dt.date,
    *,
    recommend_upward: bool = True,
) -> NoticeData:
    """表彰决定 with the two name lists as attachments; `members` are (name, branch) pairs."""
    upward = []
    for level in (issuer.province, issuer.prefecture, issuer.county):
        if level:
            upward.append(level)
    upward_text = "、".join(upward) if upward else "省、州、县"
    first_branch = f"{branches[0]}等{len(branches)}个党组织" if branches else ""
    first_member = f"{members[0][0]}等{len(members)}名同志" if members else ""
    grants = []
    if branches:
        grants.append(f"授予{first_branch}{BRANCH_TITLES}荣誉称号")
    if members:
        grants.append(f"授予{first_member}“优秀共产党员”荣誉称号")
    paragraphs = [
        f"{round_label}，全镇各级党组织和广大党员深入开展创先争优活动，以创建“基层党组织建设"
        "先进单位”为主要内容，围绕“领导班子坚强有力、党建责任落实到位、基层组织作用突出、"
        "科学发展成效显著”的目标，扎实推进基层党建各项工作，涌现出一批先进基层党组织和优秀"
        "共产党员。",
        "为树立典型、表彰先进，经各党支部（总支）自检自查、镇党委统一考核、综合评价和公示，"
        f"镇党委研究决定，{'，'.join(grants)}。",
        "希望受到表彰的党组织和党员珍惜荣誉、戒骄戒躁，充分发挥示范带动作用，再接再厉，"
        "争创新的佳绩。全镇各级党组织和广大党员要以受表彰的先进集体和个人为榜样，以党员的优秀"
        "实现党支部（总支）的先进，以党支部（总支）的先进实现党委的先进，为推动全镇经济社会"
        "又好又快发展作出新的更大贡献。",
    ]
    if recommend_upward:
        paragraphs.append(
            f"镇党委将从受表彰的先进党组织和优秀共产党员中择优向{upward_text}推荐。"
            f"获得{BRANCH_TITLES}荣誉称号的党组织实行动态管理，新一轮评选时需重新申报。"
        )
    annexes = [
        Annex(
            title=f"{round_label}基层党组织建设先进党支部（总支）名单",
            tables=[
                TableBlock(
                    "", ["序号", "党组织名称"], [[str(i + 1), b] for i, b in enumerate(branches)]
                )
            ],
        ),
        Annex(
            title=f"{round_label}优秀共产党员名单",
            tables=[
                TableBlock(
                    "",
                    ["序号", "姓名", "所在党组织"],
                    [[str(i + 1), name, branch] for i, (name, branch) in enumerate(members)],
                )
            ],
        ),
    ]
    return _to_all_branches(
        "decision",
        number,
        f"关于表彰{round_label}基层党组织建设先进党支部（总支）和优秀共产党员的决定",
        paragraphs,
        signed_on,
        annexes=annexes,
        circulated_by=issuer,
    )


def rectification(
    issuer: Issuer,
    number: str,
    round_label: str,
    branch_name: str,
    problems: Sequence[str],
    deadline: dt.date,
    signed_on: dt.date,
) -> NoticeData:
    """限期整改通知书 to one branch: what is wrong and by when it must be put right."""
    you = _you(branch_name)
    office = _office_short(issuer)
    found = [refer_to_branch(split_lead_in(p)[1], you).rstrip("。；;") for p in problems]
    # several problems are numbered （一）（二）…; a single one is not numbered
    listed = (
        [f"{found[0]}。"]
        if len(found) == 1
        else [
            f"（{_ordinal(i + 1)}）{p}{'。' if i == len(found) - 1 else '；'}"
            for i, p in enumerate(found)
        ]
    )
    paragraphs = [
        f"经镇党委创先争优活动领导小组检查核实，{you}在{round_label}{CAMPAIGN}中存在以下问题：",
        *listed,
        f"根据{_plan(issuer)}“对评选出的‘基层党组织建设先进党支部（总支）’实行动态管理，因工作"
        "滑坡或发生严重问题的，视情况给予批评和限期整改”的规定，经镇党委研究，现责令"
        f"{you}限期整改。",
        f"请{you}高度重视，认真查找原因，制定整改措施，明确整改责任人和完成时限，于"
        f"{arabic_date(deadline)}前完成整改，并将整改情况书面报告{office}。镇党委将对整改情况"
        "进行检查验收。逾期未完成整改或整改不到位的，镇党委将按照有关规定作出进一步处理，"
        "并追究相关责任人的责任。",
    ]
    return NoticeData(
        kind="rectification",
        number=number,
        title="限期整改通知书",
        addressee=f"{branch_name}：",
        paragraphs=paragraphs,
        signed_on=signed_on,
    )


def criticism(
    issuer: Issuer,
    number: str,
    round_label: str,
    branch_name: str,
    facts: str,
    revoked_title: str,
    signed_on: dt.date,
) -> NoticeData:
    """通报批评: the branch committed fraud (弄虚作假); its title is revoked."""
    lead, facts = split_lead_in(facts)
    facts = refer_to_branch(facts, _this_branch(branch_name))
    if facts.startswith(_this_branch(branch_name)):  # "经查，该党支部在…" names the branch
        opening = f"{lead or '经查'}，{branch_name}{facts[len(_this_branch(branch_name)) :]}"
    else:
        opening = f"{lead or '经查'}，{branch_name}在{round_label}{CAMPAIGN}中，{facts}"
    paragraphs = [
        f"{opening}。上述行为违反了创建活动有关规定，违背了实事求是的原则，性质恶劣，影响严重。",
        f"根据{_plan(issuer)}“凡发现在评选中弄虚作假的，撤销其荣誉称号并给予通报批评”的规定，"
        f"经镇党委研究决定，撤销{branch_name}“{revoked_title}”荣誉称号，收回荣誉证书，"
        "并在全镇范围内予以通报批评。",
        f"{branch_name}要深刻反思，认真整改，并向镇党委作出书面检查。各党组织要引以为戒、"
        "举一反三，坚持实事求是，严格按照创建标准和程序开展工作，确保各项材料真实准确。"
        "镇党委将进一步加强对创建工作的监督检查，对弄虚作假行为发现一起、查处一起，"
        "决不姑息。",
    ]
    return _to_all_branches(
        "criticism",
        number,
        f"关于对{branch_name}在{CAMPAIGN}中弄虚作假问题的通报",
        paragraphs,
        signed_on,
        circulated_by=issuer,
    )


def recommendation(
    issuer: Issuer,
    kind: str,
    level: str,
    round_label: str,
    name: str,
    fields: Sequence[tuple[str, str]],
    deeds: str,
    signed_on: dt.date,
    *,
    opinion: str = "",
    recipient_organ: str = "",
) -> RecommendationData:
    """推荐表 for 县级/州级/省级: a one-page form (see forms.build_recommendation_form)."""
    if not opinion:
        honour = "基层党组织建设先进党组织" if kind == "branch" else "优秀共产党员"
        opinion = f"经镇党委研究，同意推荐{name}为{level}{honour}。"
    return RecommendationData(
        kind="branch" if kind == "branch" else "member",
        level=level,
        round_label=round_label,
        name=name,
        fields=list(fields),
        deeds=deeds,
        committee_opinion=opinion,
        issuer=issuer,
        signed_on=signed_on,
        recipient_organ=recipient_organ,
    )
