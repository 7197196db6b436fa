"""Rounds (创建年度): creating one (or copying the last), its dates, quota, weights and rubric."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlmodel import Session, col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import RoundDates
from dangjian_desktop.domain.rounds import (
    MAX_SELF_WEIGHT,
    RoundSettings,
    RoundStatus,
    default_settings,
    next_round_settings,
)
from dangjian_desktop.domain.rubric import (
    AREAS,
    TEMPLATE,
    RubricItemSpec,
    ensure_rubric_editable,
    validate_rubric,
)
from dangjian_desktop.domain.scoring import Weights
from dangjian_desktop.domain.text import round_label
from dangjian_desktop.errors import UserError
from dangjian_desktop.services.common import (
    Actor,
    changes,
    ensure_writable,
    find_round,
    get_round,
    label,
    latest_round,
    log,
    round_dates,
    round_settings,
    snapshot,
)
from dangjian_desktop.services.enrolment import enrolled_count
from dangjian_desktop.store.models import Round, RubricItem

DATE_FIELDS = tuple(f.name for f in dataclasses.fields(RoundDates) if f.name != "announcement_days")
SETTING_FIELDS = (
    *DATE_FIELDS,
    "announcement_days",
    "quota_percent",
    "self_weight",
    "assessment_weight",
    "advanced_min",
    "pass_min",
    "double_entry",
    "member_quota",
    "member_quota_per_branch",
)


def _apply_settings(rnd: Round, settings: RoundSettings) -> None:
    for name in DATE_FIELDS:
        setattr(rnd, name, getattr(settings.dates, name))
    rnd.announcement_days = settings.dates.announcement_days
    rnd.quota_percent = settings.quota_percent
    rnd.self_weight = settings.weights.self_check
    rnd.assessment_weight = settings.weights.assessment
    rnd.advanced_min = settings.advanced_min
    rnd.pass_min = settings.pass_min


def _copy_rubric(session: Session, rnd: Round, items: list[RubricItem] | None) -> None:
    areas = {area.code: area for area in AREAS}
    if items is None:
        for sort, spec in enumerate(TEMPLATE):
            area = areas[spec.area_code]
            session.add(
                RubricItem(
                    round_id=rnd.id,  # type: ignore[arg-type]
                    code=spec.code,
                    area_code=spec.area_code,
                    area_name=area.name,
                    area_points=area.points,
                    area_indicator=area.indicator,
                    name=spec.name,
                    points=spec.points,
                    description=spec.description,
                    sort=sort,
                )
            )
        return
    for item in items:
        data = item.model_dump(exclude={"id"})
        data["round_id"] = rnd.id
        session.add(RubricItem.model_validate(data))


def _new_round(first_year: int, settings: RoundSettings, **copied: Any) -> Round:
    """A Round row carrying `settings` (dates, 公示 days, quota, weights, grade lines)."""
    rnd = Round(
        first_year=first_year,
        created_at=clock.now(),
        **copied,
        **{name: getattr(settings.dates, name) for name in DATE_FIELDS},
        quota_percent=settings.quota_percent,
        self_weight=settings.weights.self_check,
        assessment_weight=settings.weights.assessment,
        advanced_min=settings.advanced_min,
        pass_min=settings.pass_min,
    )
    rnd.announcement_days = settings.dates.announcement_days
    return rnd


def create_round(
    session: Session, *, actor: Actor, first_year: int, settings: RoundSettings | None = None
) -> Round:
    """A new round with the seed's default dates (or `settings`) and the template rubric."""
    if session.exec(select(Round).where(Round.first_year == first_year)).first():
        raise UserError(f"{first_year}—{first_year + 1}年度已经存在。")
    if not 2000 <= first_year <= 2100:
        raise UserError("年度不对，请填写四位年份，如2025。")
    settings = settings or default_settings(first_year)
    rnd = _new_round(first_year, settings)
    session.add(rnd)
    session.flush()
    _copy_rubric(session, rnd, None)
    session.flush()
    log(session, actor, "create", rnd, f"新建{label(rnd)}", new=snapshot(rnd, SETTING_FIELDS))
    return rnd


def create_next_round(session: Session, *, actor: Actor) -> Round:
    """Copy the last round's settings: dates shifted a year, rubric and quota copied, no results."""
    last = latest_round(session)
    if last is None:
        raise UserError("还没有任何创建年度可以复制，请直接新建。")
    settings = next_round_settings(round_settings(last))
    if session.exec(select(Round).where(Round.first_year == settings.first_year)).first():
        raise UserError(f"{settings.first_year}—{settings.first_year + 1}年度已经存在。")
    rnd = _new_round(
        settings.first_year,
        settings,
        double_entry=last.double_entry,
        member_quota=last.member_quota,
        member_quota_per_branch=last.member_quota_per_branch,
    )
    session.add(rnd)
    session.flush()
    _copy_rubric(session, rnd, rubric(session, last))
    session.flush()
    log(
        session,
        actor,
        "create",
        rnd,
        f"按{label(last)}的设置新建{label(rnd)}（日期顺延一年，不含结果）",
        new=snapshot(rnd, SETTING_FIELDS),
    )
    return rnd


def list_rounds(session: Session) -> list[Round]:
    return list(session.exec(select(Round).order_by(col(Round.first_year).desc())))


@dataclass(frozen=True)
class RoundLine:
    """A round as the window lists it, newest first."""

    first_year: int
    status: str
    scoring_started: bool
    approved_at: dt.datetime | None
    created_at: dt.datetime

    @property
    def label(self) -> str:
        return round_label(self.first_year)


def round_lines(session: Session) -> list[RoundLine]:
    return [
        RoundLine(r.first_year, r.status, r.scoring_started, r.approved_at, r.created_at)
        for r in list_rounds(session)
    ]


def round_years(session: Session) -> list[int]:
    """The first years of the rounds on file, newest first."""
    return [r.first_year for r in list_rounds(session)]


def rubric(session: Session, rnd: Round) -> list[RubricItem]:
    return list(
        session.exec(
            select(RubricItem).where(RubricItem.round_id == rnd.id).order_by(col(RubricItem.sort))
        )
    )


def _decimal(value: str | Decimal | float | int, what: str) -> Decimal:
    try:
        return Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise UserError(f"{what}要填数字。") from exc


def update_settings(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    dates: dict[str, dt.date] | None = None,
    announcement_days: int | None = None,
    quota_percent: str | Decimal | None = None,
    self_weight: str | Decimal | None = None,
    advanced_min: str | Decimal | None = None,
    pass_min: str | Decimal | None = None,
    double_entry: bool | None = None,
    member_quota: int | None = None,
    member_quota_per_branch: int | None = None,
    member_quota_default: bool = False,
) -> Round:
    """Change a round's settings; `member_quota_default` puts the 优秀共产党员 township quota
    back to "as many as the branch places"."""
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    current = round_settings(rnd)
    new_dates = _changed_dates(current.dates, dates, announcement_days)
    weights = _changed_weights(rnd, current.weights, self_weight)
    quota, adv, pas = _changed_thresholds(rnd, current, quota_percent, advanced_min, pass_min)
    before = snapshot(rnd, SETTING_FIELDS)
    _apply_settings(
        rnd,
        dataclasses.replace(
            current,
            dates=new_dates,
            weights=weights,
            quota_percent=quota,
            advanced_min=adv,
            pass_min=pas,
        ),
    )
    _apply_entry_and_member_rules(
        rnd, double_entry, member_quota, member_quota_per_branch, member_quota_default
    )
    old, new = changes(before, snapshot(rnd, SETTING_FIELDS))
    if new:
        session.add(rnd)
        log(session, actor, "update", rnd, f"修改{label(rnd)}的设置", old=old, new=new)
    return rnd


def _changed_dates(
    dates: RoundDates, changed: dict[str, dt.date] | None, announcement_days: int | None
) -> RoundDates:
    if changed:
        unknown = set(changed) - set(DATE_FIELDS)
        if unknown:
            raise TypeError(f"unknown date fields {unknown}")
        dates = dates.with_overrides(**changed)
    if announcement_days is not None:
        if not 1 <= announcement_days <= 30:
            raise UserError("公示天数应在1到30个工作日之间（通常为5个工作日）。")
        dates = dataclasses.replace(dates, announcement_days=announcement_days)
    return dates


def _changed_weights(rnd: Round, weights: Weights, self_weight: str | Decimal | None) -> Weights:
    if self_weight is None:
        return weights
    if rnd.scoring_started:
        raise UserError("已开始评分，自检自查和统一考核的权重不能再改。")
    sw = _decimal(self_weight, "自检自查权重")
    if not Decimal(0) <= sw <= MAX_SELF_WEIGHT:
        raise UserError("自检自查权重应在0到0.5之间（如0.2表示20%）：自评不能压过统一考核的分量。")
    return Weights(self_check=sw, assessment=Decimal(1) - sw)


def _changed_thresholds(
    rnd: Round,
    current: RoundSettings,
    quota_percent: str | Decimal | None,
    advanced_min: str | Decimal | None,
    pass_min: str | Decimal | None,
) -> tuple[Decimal, Decimal, Decimal]:
    """The quota and the two score lines; frozen once scoring has started."""
    decides_results = (quota_percent, advanced_min, pass_min)
    if rnd.scoring_started and any(
        v is not None and _decimal(v, "设置") != old
        for v, old in zip(
            decides_results,
            (current.quota_percent, current.advanced_min, current.pass_min),
            strict=True,
        )
    ):
        raise UserError("已开始评分，名额比例和分数线已冻结，不能再改（改了会让已评的结果变样）。")
    quota = current.quota_percent
    if quota_percent is not None:
        quota = _decimal(quota_percent, "名额比例")
        if not Decimal(1) <= quota <= Decimal(100):
            raise UserError("名额比例应在1%到100%之间（默认20%），例如填20表示20%。")
    adv = _decimal(advanced_min, "先进分数线") if advanced_min is not None else current.advanced_min
    pas = _decimal(pass_min, "合格分数线") if pass_min is not None else current.pass_min
    if not Decimal(0) <= pas <= adv <= Decimal(100):
        raise UserError("分数线应满足：0 ≤ 合格线 ≤ 先进线 ≤ 100。")
    return quota, adv, pas


def _apply_entry_and_member_rules(
    rnd: Round,
    double_entry: bool | None,
    member_quota: int | None,
    member_quota_per_branch: int | None,
    member_quota_default: bool,
) -> None:
    if double_entry is not None:
        if rnd.scoring_started and double_entry != rnd.double_entry:
            raise UserError("已开始评分，不能再改双人录入方式。")
        rnd.double_entry = double_entry
    if member_quota is not None:
        if not 1 <= member_quota <= 200:
            raise UserError("优秀共产党员全镇名额应在1到200名之间。")
        rnd.member_quota = member_quota
    if member_quota_default:
        rnd.member_quota = None
    if member_quota_per_branch is not None:
        if not 1 <= member_quota_per_branch <= 10:
            raise UserError("每个党组织可提名的优秀共产党员应在1到10名之间（通常为1名）。")
        rnd.member_quota_per_branch = member_quota_per_branch


def update_rubric(
    session: Session,
    *,
    actor: Actor,
    first_year: int,
    edits: Mapping[str, tuple[str | Decimal | None, str | None]],
) -> list[RubricItem]:
    """Several items at once, {code: (points, description)} (None keeps a value): points can
    only move between the items of an area, which takes two items changed together."""
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    ensure_rubric_editable(rnd.scoring_started)
    items = rubric(session, rnd)
    by_code = {i.code: i for i in items}
    before = {code: snapshot(item, ("points", "description")) for code, item in by_code.items()}
    for code, (points, description) in edits.items():
        item = by_code.get(code)
        if item is None:
            raise UserError(f"没有编号为{code}的考核指标。")
        if points is not None:
            value = _decimal(points, f"“{item.name}”的分值")
            if value <= 0:
                raise UserError(f"“{item.name}”的分值应大于0。")
            item.points = value
        if description is not None:
            item.description = description.strip()
    validate_rubric(
        [RubricItemSpec(i.code, i.area_code, i.name, i.points, i.description) for i in items]
    )
    changed = []
    for code, item in by_code.items():
        old, new = changes(before[code], snapshot(item, ("points", "description")))
        if new:
            session.add(item)
            log(
                session,
                actor,
                "update",
                item,
                f"修改{label(rnd)}考核指标“{item.name}”",
                old=old,
                new=new,
            )
            changed.append(item)
    return changed


WEIGHTS_FROZEN = "已开始评分，权重和录入方式已冻结"
RUBRIC_FROZEN = "已开始评分，考核指标已冻结"


@dataclass(frozen=True)
class Locks:
    """Why parts of a round's settings cannot be changed now ("" when they can)."""

    closed: str
    weights: str
    rubric: str
    close: str  # why the round cannot be closed yet


def locks(rnd: Round) -> Locks:
    closed = (
        f"{label(rnd)}已结束，数据只能查看，不能修改。" if rnd.status == RoundStatus.CLOSED else ""
    )
    return Locks(
        closed=closed,
        weights=closed or (WEIGHTS_FROZEN if rnd.scoring_started else ""),
        rubric=closed or (RUBRIC_FROZEN if rnd.scoring_started else ""),
        close=closed
        or (
            f"{label(rnd)}的评估结果还没有审批，不能结束本年度。" if rnd.approved_at is None else ""
        ),
    )


@dataclass(frozen=True)
class RoundForm:
    """A round's settings as the settings page shows them, with what cannot be changed now."""

    first_year: int
    closed: bool
    dates: RoundDates
    quota_percent: Decimal
    self_weight: Decimal
    advanced_min: Decimal
    pass_min: Decimal
    double_entry: bool
    member_quota: int | None
    member_quota_per_branch: int
    locks: Locks


def round_form(session: Session, first_year: int | None) -> RoundForm | None:
    """None when no year is chosen or there is no such round."""
    rnd = find_round(session, first_year)
    if rnd is None:
        return None
    return RoundForm(
        first_year=rnd.first_year,
        closed=rnd.status == RoundStatus.CLOSED,
        dates=round_dates(rnd),
        quota_percent=rnd.quota_percent,
        self_weight=rnd.self_weight,
        advanced_min=rnd.advanced_min,
        pass_min=rnd.pass_min,
        double_entry=rnd.double_entry,
        member_quota=rnd.member_quota,
        member_quota_per_branch=rnd.member_quota_per_branch,
        locks=locks(rnd),
    )


def round_locks(session: Session, first_year: int | None) -> Locks | None:
    rnd = find_round(session, first_year)
    return locks(rnd) if rnd is not None else None


@dataclass(frozen=True)
class RubricLine:
    code: str
    area_code: str
    area_name: str
    area_points: Decimal
    name: str
    points: Decimal
    description: str


def rubric_lines(session: Session, first_year: int | None) -> tuple[list[RubricLine], Locks] | None:
    """The round's items in plain values and its locks (None when there is no such round)."""
    rnd = find_round(session, first_year)
    if rnd is None:
        return None
    lines = [
        RubricLine(i.code, i.area_code, i.area_name, i.area_points, i.name, i.points, i.description)
        for i in rubric(session, rnd)
    ]
    return lines, locks(rnd)


def close_round(session: Session, *, actor: Actor, first_year: int) -> Round:
    rnd = get_round(session, first_year)
    ensure_writable(rnd)
    # A round nobody enrolled in has nothing to approve and must still be closable.
    if rnd.approved_at is None and enrolled_count(session, rnd) > 0:
        raise UserError(f"{label(rnd)}的评估结果还没有审批，不能结束本年度。")
    rnd.status = RoundStatus.CLOSED
    rnd.closed_at = clock.now()
    session.add(rnd)
    log(
        session,
        actor,
        "close",
        rnd,
        f"结束{label(rnd)}，数据转为只读",
        old={"status": "open"},
        new={"status": "closed"},
    )
    return rnd
