"""`--self-test`: does this installed program work on this computer? (DESIGN.md section 9)

Everything happens in a temporary data folder that is deleted afterwards; the user's own data
folder is never opened. Each check prints one line in Chinese ("✓ 数据库迁移" or "✗ …：why") and
the first failing check ends the test: 0 when all passed, 1 otherwise. Meant for the county IT
staff after installing, for the installer builds (tests/test_dist.py) and for support calls.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dangjian_desktop import APP_NAME, __version__
from dangjian_desktop.errors import UserError

Out = Callable[[str], Any]

TOWNSHIP = "自检镇"
# (name, level as the register writes it, index of the parent)
BRANCHES = (("自检村党总支", "党总支", None), ("自检村第一党支部", "党支部", 0))
SAMPLE_TEXT = "党建先进单位创建管理荣誉证书"


class CheckFailed(Exception):
    """A check found something wrong; the message says what, in Chinese."""


@dataclass
class _State:
    root: Path
    db: Any = None
    township: Any = None
    round_year: int = 0
    round_label: str = ""
    branch_names: list[str] = field(default_factory=list)
    certificate: Path | None = None


def _pdf_ok(path: Path, what: str) -> None:
    data = path.read_bytes() if path.exists() else b""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CheckFailed(f"{what}不是完整的PDF文件")
    if b"/FontFile2" not in data:
        raise CheckFailed(f"{what}里没有嵌入字体")


# ---------------------------------------------------------------- the checks


def _check_fonts(state: _State) -> str:
    from dangjian_desktop.documents.fonts import FONT_FILES, has_glyph, register_fonts
    from dangjian_desktop.paths import fonts_dir

    folder = fonts_dir()
    for file_name, _index in FONT_FILES.values():
        if not (folder / file_name).is_file():
            raise CheckFailed(f"缺少字体文件 {folder / file_name}")
    licences = sorted(p.name for p in folder.glob("*.txt")) + sorted(
        p.name for p in folder.glob("*.TXT")
    )
    if len(licences) < 2:
        raise CheckFailed(f"字体许可证文件不全（{folder}）")
    register_fonts()
    for name in FONT_FILES:
        missing = [ch for ch in SAMPLE_TEXT if not has_glyph(name, ch)]
        if missing:
            raise CheckFailed(f"字体 {name} 缺少汉字“{''.join(missing)}”")
    return f"{len(FONT_FILES)} 种字体可用，许可证齐全"


def _check_migrations(state: _State) -> str:
    from dangjian_desktop.store.db import current_revision, head_revision, open_database

    state.db = open_database(state.root)
    revision = current_revision(state.db.path)
    if revision != head_revision():
        raise CheckFailed(f"数据库结构版本是 {revision}，应为 {head_revision()}")
    return f"结构版本 {revision}"


def _check_services(state: _State) -> str:
    from dangjian_desktop import clock
    from dangjian_desktop.domain.calendar import round_year_for
    from dangjian_desktop.domain.validation import LEVEL_NAMES
    from dangjian_desktop.services import enrolment, operators, registers, rounds, township
    from dangjian_desktop.services.common import SYSTEM, Actor, get_round, label
    from dangjian_desktop.services.registers import BranchInput, MemberInput

    levels = {shown: level.value for level, shown in LEVEL_NAMES.items()}
    today = clock.today()
    with state.db.transaction() as session:
        state.township = township.save_township(
            session, actor=SYSTEM, name=TOWNSHIP, county="自检县", contact_person="王自检"
        )
        admin = operators.create_operator(session, actor=SYSTEM, name="自检管理员", role="admin")
        actor = Actor(admin.name, admin.role, admin.id)
        state.round_year = round_year_for(today)
        rnd = rounds.create_round(session, actor=actor, first_year=state.round_year)
        state.round_label = label(rnd)
        ids: list[int] = []
        for name, level, parent in BRANCHES:
            branch = registers.add_branch(
                session,
                actor=actor,
                data=BranchInput(
                    name=name,
                    level=levels[level],
                    sector="农村",
                    parent_id=ids[parent] if parent is not None else None,
                    secretary="李自检",
                ),
            )
            assert branch.id is not None
            ids.append(branch.id)
            state.branch_names.append(branch.name)
        registers.add_member(
            session,
            actor=actor,
            data=MemberInput(
                name="张自检",
                gender="女",
                ethnicity="彝族",
                branch_id=ids[-1],
                birth_date=dt.date(1980, 5, 4),
                joined_on=dt.date(2005, 7, 1),
            ),
        )
        for branch_id in ids:
            enrolment.enrol(session, actor=actor, first_year=state.round_year, branch_id=branch_id)
    with state.db.session() as session:
        count = enrolment.enrolled_count(session, get_round(session, state.round_year))
    if count != len(BRANCHES):
        raise CheckFailed(f"申报单位应有 {len(BRANCHES)} 个，实际 {count} 个")
    return f"建{TOWNSHIP}、{state.round_label}、{len(BRANCHES)} 个党组织、1 名党员并申报"


def _issuer(state: _State) -> Any:
    from dangjian_desktop.documents.data import Issuer

    t = state.township
    return Issuer(
        organ=t.organ,
        office=t.office,
        doc_prefix=t.doc_prefix,
        seal_text=getattr(t, "seal_text", "") or "",
        county=getattr(t, "county", "") or "",
    )


def _check_certificate(state: _State) -> str:
    from dangjian_desktop import clock
    from dangjian_desktop.documents.certificates import build_certificates
    from dangjian_desktop.documents.data import BRANCH_TITLE, CertificateData

    issuer = _issuer(state)
    branch = state.branch_names[-1]
    cert = CertificateData(
        number=f"{issuer.doc_prefix}证〔{state.round_year + 1}〕1号",
        recipient=branch,
        recipient_kind="branch",
        branch_name=branch,
        title=BRANCH_TITLE,
        round_label=state.round_label,
        issuer=issuer,
        issued_on=clock.today(),
    )
    target = state.root / "documents" / "自检荣誉证书.pdf"
    build_certificates([cert], target)
    _pdf_ok(target, "荣誉证书")
    state.certificate = target
    return f"生成 1 页，{target.stat().st_size // 1024} KB"


def _check_notice(state: _State) -> str:
    from dangjian_desktop import clock
    from dangjian_desktop.documents import notice_texts
    from dangjian_desktop.documents.notices import build_notice
    from dangjian_desktop.services.common import get_round, round_dates

    issuer = _issuer(state)
    with state.db.session() as session:
        dates = round_dates(get_round(session, state.round_year))
    notice = notice_texts.plan_call(
        issuer,
        f"{issuer.doc_prefix}〔{state.round_year}〕1号",
        state.round_label,
        dates.plan_due,
        clock.today(),
        contact="王自检",
    )
    target = state.root / "documents" / "自检通知.pdf"
    build_notice(notice, issuer, target)
    _pdf_ok(target, "通知")
    return f"生成公文格式通知，{target.stat().st_size // 1024} KB"


def _check_workbook(state: _State) -> str:
    from openpyxl import load_workbook

    from dangjian_desktop.exchange.importer import read_branch_register
    from dangjian_desktop.exchange.register_columns import BRANCH_COLUMNS
    from dangjian_desktop.exchange.templates import write_branch_template

    target = state.root / "自检党组织名册.xlsx"
    write_branch_template(target)
    wb = load_workbook(target)
    ws = wb.worksheets[0]
    keys = [c.key for c in BRANCH_COLUMNS]
    for offset, (name, level, parent) in enumerate(BRANCHES):
        values = {
            "name": name,
            "level": level,
            "parent_name": BRANCHES[parent][0] if parent is not None else "",
            "sector": "农村",
            "ethnic_area": "是",
            "secretary": "李自检",
            "phone": "13800000000",
            "founded": "2005-07-01",
        }
        for column, key in enumerate(keys, start=1):
            if values.get(key):
                ws.cell(row=3 + offset, column=column, value=values[key])
    wb.save(target)
    wb.close()
    preview = read_branch_register(target)
    blocking = [p.message for p in preview.problems if p.blocking]
    if blocking:
        raise CheckFailed(f"读回名册时发现问题：{blocking[0]}")
    names = [row.name for row in preview.accepted]
    if names != [name for name, _, _ in BRANCHES]:
        raise CheckFailed(f"读回的党组织是 {names}，应为 {[n for n, _, _ in BRANCHES]}")
    return f"写入并读回 {len(names)} 行"


def _check_qt(state: _State) -> str:
    """The window's pieces (Qt, the SVG icon, Chinese Qt texts, QtPdf): checked in gui/."""
    from dangjian_desktop.gui.selftest_qt import QtCheckFailed, check_qt

    try:
        return check_qt(state.certificate)
    except QtCheckFailed as exc:
        raise CheckFailed(str(exc)) from exc


CHECKS: tuple[tuple[str, Callable[[_State], str]], ...] = (
    ("字体", _check_fonts),
    ("数据库迁移", _check_migrations),
    ("业务流程", _check_services),
    ("荣誉证书", _check_certificate),
    ("通知", _check_notice),
    ("Excel名册", _check_workbook),
    ("界面组件", _check_qt),
)


def run_self_test(out: Out = print) -> int:
    """Run every check in a temporary data folder; 0 when all passed, 1 at the first failure."""
    out(f"{APP_NAME} {__version__} 自检")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dangjian-selftest-") as temp:
        state = _State(root=Path(temp) / "data")
        try:
            for name, check in CHECKS:
                try:
                    detail = check(state)
                except (CheckFailed, UserError) as exc:
                    out(f"✗ {name}：{exc}")
                    out("自检未通过。")
                    return 1
                except Exception as exc:  # a bug or a broken install: say which check
                    out(f"✗ {name}：{type(exc).__name__}: {exc}")
                    for line in traceback.format_exc().rstrip().splitlines()[-6:]:
                        out(f"    {line}")
                    out("自检未通过。")
                    return 1
                out(f"✓ {name}（{detail}）" if detail else f"✓ {name}")
        finally:
            if state.db is not None:
                state.db.close()
    out(f"自检全部通过，用时 {time.monotonic() - started:.1f} 秒。")
    return 0
