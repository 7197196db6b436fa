"""A simulated county (`demo --county N`): N townships' packages made by the township program
itself from the demo generator — varied sizes, some handed in late, one township re-submitting
after a change (a further title revoked) — and the county folder set up to receive them."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import col, select

from dangjian_desktop import clock
from dangjian_desktop.domain.calendar import round_year_for
from dangjian_desktop.domain.honours import HonourState, RevocationReason
from dangjian_desktop.errors import UserError
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services import dynamic, township
from dangjian_desktop.services.common import SYSTEM, Actor
from dangjian_desktop.store import seal
from dangjian_desktop.store.db import open_database, sqlite_backup
from dangjian_desktop.store.models import Honour, Round

DEMO_COUNTY = "云岭县"
PACKAGES_DIR = "演示U盘"
TOWNSHIP_NAMES = [
    "石龙镇",
    "青山镇",
    "河口镇",
    "新街镇",
    "白马镇",
    "龙潭镇",
    "大坪镇",
    "松林镇",
    "金竹镇",
    "响水镇",
    "马街镇",
    "桃源镇",
    "双河镇",
    "凤凰镇",
    "太平镇",
    "永安镇",
    "三岔镇",
    "清水镇",
    "黄泥镇",
    "花桥镇",
    "长岭镇",
    "高桥镇",
    "红岩镇",
    "柳林镇",
    "小河镇",
    "沙坝镇",
    "中和镇",
    "平地镇",
    "竹园镇",
    "田坝镇",
]
SIZES = ((8, 40), (12, 70), (16, 110))  # (branches, members) of the templates
CLERK = Actor("王晓燕", "clerk", None)


@dataclass
class CountyDemo:
    county: str
    first_year: int
    due: dt.date
    packages: list[Path] = field(default_factory=list)  # one per township, in order
    late: list[str] = field(default_factory=list)  # townships that hand in after `due`
    resubmission: Path | None = None  # the second package of TOWNSHIP_NAMES[0]


def _template(root: Path, branches: int, members: int, seed: int) -> Path:
    from dangjian_desktop.services.demo import build_demo

    data = DataDir(root)
    db = open_database(data)
    try:
        build_demo(db, branches=branches, members=members, seed=seed)
    finally:
        db.close()
    return data.database


def _export(data: DataDir, year: int, target: Path, on: dt.date) -> Path:
    from dangjian_desktop.services.exchange import export_county_package

    before = clock.today()
    clock.set_today(on)
    db = open_database(data)
    try:
        return export_county_package(db, year, target)[0]
    finally:
        db.close()
        clock.set_today(before)


def _revoke_one_more(data: DataDir, year: int) -> str:
    db = open_database(data)
    try:
        with db.transaction() as session:
            rnd = session.exec(select(Round).where(Round.first_year == year)).one()
            honour = session.exec(
                select(Honour)
                .where(Honour.round_id == rnd.id, Honour.state == HonourState.GRANTED.value)
                .order_by(col(Honour.id))
            ).first()
            if honour is None or honour.id is None:
                raise UserError("演示数据里没有可以撤销的荣誉。")
            dynamic.revoke(
                session,
                actor=CLERK,
                honour_id=honour.id,
                revocation_reason=RevocationReason.FRAUD,
                reason="县委督查发现该党组织台账补记造假，撤销荣誉称号。",
            )
            return honour.title
    finally:
        db.close()


def build_county_demo(
    out: Path | str,
    count: int,
    *,
    seed: int = 2024,
    progress: Callable[[str], None] | None = None,
) -> CountyDemo:
    """Packages of `count` townships in `out`/演示U盘; the county's deadline is 15 days after
    today's, each fifth township hands in after it."""
    if not 2 <= count <= len(TOWNSHIP_NAMES):
        raise UserError(f"模拟的乡镇数要在2到{len(TOWNSHIP_NAMES)}之间。")
    say = progress or (lambda _m: None)
    out = Path(out)
    target = out / PACKAGES_DIR
    target.mkdir(parents=True, exist_ok=True)
    today = clock.today()
    year = round_year_for(today) - 1  # the round that has ended: results, honours, 动态管理
    due = today + dt.timedelta(days=15)
    demo = CountyDemo(DEMO_COUNTY, year, due)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="dangjian_county_demo_") as tmp:
        templates = []
        for i, (branches, members) in enumerate(SIZES):
            say(f"生成第{i + 1}种规模的演示乡镇（{branches}个党组织）")
            templates.append(_template(Path(tmp) / f"t{i}", branches, members, seed + i))
        for n, name in enumerate(TOWNSHIP_NAMES[:count]):
            say(f"{name}：生成数据并导出报送材料")
            data = DataDir(Path(tmp) / f"town{n}")
            data.ensure()
            template = templates[n % len(templates)]
            sqlite_backup(template, data.database)
            # The audit log's anchor goes with the file, or the export's check would miss it.
            shutil.copyfile(seal.anchor_path(template), seal.anchor_path(data.database))
            db = open_database(data)
            try:
                with db.transaction() as session:
                    township.save_township(
                        session,
                        actor=SYSTEM,
                        name=name,
                        organ=f"中共{name}委员会",
                        office=f"中共{name}委员会创先争优活动领导小组办公室",
                        doc_prefix=f"{name[:1]}党发",
                        seal_text=f"中共{name}委员会",
                        county=DEMO_COUNTY,
                    )
            finally:
                db.close()
            late = n % 5 == 4
            on = due + dt.timedelta(days=rng.randint(1, 6)) if late else today
            if late:
                demo.late.append(name)
            folder = target / f"{n + 1:02d}"
            folder.mkdir(exist_ok=True)
            demo.packages.append(_export(data, year, folder, on))
            if n == 0:
                say(f"{name}：又撤销一项荣誉后重新报送")
                _revoke_one_more(data, year)
                again = target / f"{n + 1:02d}_重报"
                again.mkdir(exist_ok=True)
                demo.resubmission = _export(data, year, again, today + dt.timedelta(days=2))
    return demo
