"""荣誉证书: text read back, fonts embedded, batches, long and rare names, overlay, cancel."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from pdf_readback import assert_all_embedded, flat, runs, words
from pypdf import PdfReader

from dangjian_desktop.documents.certificates import (
    GOLD_INNER,
    build_calibration_page,
    build_certificates,
    check_overlay,
)
from dangjian_desktop.documents.common import Cancelled
from dangjian_desktop.documents.data import (
    BRANCH_TITLE,
    MEMBER_TITLE,
    PAPER_PRESETS,
    CertificateData,
    Issuer,
    OverlayCalibration,
)
from dangjian_desktop.documents.fonts import WENKAI, text_width

ROUND = "2025—2026年度"


def branch_cert(issuer: Issuer, n: int, name: str = "城关社区党支部") -> CertificateData:
    return CertificateData(
        f"青党证〔2026〕{n:03d}号",
        name,
        "branch",
        name,
        BRANCH_TITLE,
        ROUND,
        issuer,
        dt.date(2026, 6, 28),
    )


def member_cert(issuer: Issuer, n: int, name: str, branch: str = "河东村党总支") -> CertificateData:
    return CertificateData(
        f"青党证〔2026〕{n:03d}号",
        name,
        "member",
        branch,
        MEMBER_TITLE,
        ROUND,
        issuer,
        dt.date(2026, 6, 28),
    )


def test_full_design_text(tmp_path: Path, issuer: Issuer) -> None:
    pdf = build_certificates(
        [branch_cert(issuer, 1), member_cert(issuer, 2, "王喆")], tmp_path / "证书.pdf"
    )
    assert len(PdfReader(pdf).pages) == 2
    body = flat(pdf)
    for expected in (
        "荣誉证书",
        "城关社区党支部：",
        "在2025—2026年度创建基层党组织建设先进单位活动中成绩突出，被评为“基层党组织建设先进党支部”。",
        "特发此证，以资鼓励。",
        "王喆同志：",
        "作为河东村党总支党员",
        "“优秀共产党员”",
        "中共青山镇委员会",
        "二〇二六年六月二十八日",
        "证书编号：青党证〔2026〕001号",
        "证书编号：青党证〔2026〕002号",
    ):
        assert expected in body, expected
    assert_all_embedded(pdf)


def test_batch_of_200_has_200_pages_and_unique_numbers(tmp_path: Path, issuer: Issuer) -> None:
    certs = [branch_cert(issuer, n, f"第{n}社区党支部") for n in range(1, 201)]
    seen: list[tuple[int, int]] = []
    pdf = build_certificates(
        certs, tmp_path / "批量.pdf", progress=lambda d, t: seen.append((d, t))
    )
    reader = PdfReader(pdf)
    assert len(reader.pages) == 200
    numbers = []
    for page in reader.pages:
        found = re.findall(r"青党证〔2026〕\d{3}号", page.extract_text().replace(" ", ""))
        assert len(found) == 1
        numbers.extend(found)
    assert len(set(numbers)) == 200
    assert seen[-1] == (200, 200) and len(seen) == 200


@pytest.mark.parametrize(
    "name",
    [
        "中共青山镇柳树湾村委会第三村民小组暨青山生态农业专业合作社联合党支部",
        "中共青山镇人民政府机关暨青山镇农业农村服务中心、林业和草原服务中心、"
        "水务服务中心、文化和旅游广播电视体育服务中心联合党总支部委员会第二党支部",
    ],
)
def test_long_names_stay_inside_the_border(tmp_path: Path, issuer: Issuer, name: str) -> None:
    pdf = build_certificates([branch_cert(issuer, 1, name)], tmp_path / "长.pdf")
    inside = GOLD_INNER + 2
    page_w, page_h = 297, 210
    found = words(pdf)
    assert name in "".join(w.text for w in found)
    for w in found:
        assert w.x_min >= inside and w.x_max <= page_w - inside, w
        assert w.y_min >= inside and w.y_max <= page_h - inside, w


def test_rare_characters_come_from_the_other_font(tmp_path: Path, issuer: Issuer) -> None:
    # 㐴 is missing from WenKai (the certificate face): it must come from UMing, not a box
    pdf = build_certificates([member_cert(issuer, 1, "李㐴")], tmp_path / "生僻字.pdf")
    names = assert_all_embedded(pdf)
    assert any("WenKai" in n for n in names) and any("UMing" in n for n in names)
    assert "李㐴同志" in flat(pdf)


def test_overlay_prints_text_only_at_calibrated_places(tmp_path: Path, issuer: Issuer) -> None:
    base = OverlayCalibration()
    shifted = OverlayCalibration(offset_x_mm=3, offset_y_mm=-2)
    one = build_certificates([member_cert(issuer, 7, "杨珺")], tmp_path / "a.pdf", overlay=base)
    two = build_certificates([member_cert(issuer, 7, "杨珺")], tmp_path / "b.pdf", overlay=shifted)
    page = PdfReader(one).pages[0]
    assert float(page.mediabox.width) == pytest.approx(297 * 72 / 25.4, abs=0.1)
    body = flat(one)
    assert "杨珺同志：" in body and "荣誉证书" not in body  # the title is pre-printed
    assert "二〇二六年六月二十八日" in body and "青党证〔2026〕007号" in body
    a = next(w for w in words(one) if w.text.startswith("杨珺"))
    b = next(w for w in words(two) if w.text.startswith("杨珺"))
    assert b.x_min - a.x_min == pytest.approx(3, abs=0.05)
    assert b.y_min - a.y_min == pytest.approx(-2, abs=0.05)
    assert a.x_min == pytest.approx(base.recipient.x_mm, abs=0.3)
    assert_all_embedded(one)


def test_overlay_custom_paper_and_settings_round_trip(tmp_path: Path, issuer: Issuer) -> None:
    cal = OverlayCalibration(paper_width_mm=285, paper_height_mm=210, offset_x_mm=1.5)
    assert OverlayCalibration.from_dict(cal.as_dict()) == cal
    pdf = build_certificates([branch_cert(issuer, 1)], tmp_path / "c.pdf", overlay=cal)
    assert float(PdfReader(pdf).pages[0].mediabox.width) == pytest.approx(285 * 72 / 25.4, abs=0.1)


def test_calibration_page(tmp_path: Path) -> None:
    pdf = build_calibration_page(OverlayCalibration(offset_y_mm=2), tmp_path / "校准.pdf")
    body = flat(pdf)
    for label in ("受表彰对象", "表彰事由", "发证机关", "发证日期", "证书编号", "垂直+2"):
        assert label in body
    assert_all_embedded(pdf)


def test_cancel_keeps_the_old_file(tmp_path: Path, issuer: Issuer) -> None:
    target = tmp_path / "证书.pdf"
    target.write_bytes(b"old")
    calls = iter([False, False, True])
    with pytest.raises(Cancelled):
        build_certificates(
            [branch_cert(issuer, n) for n in range(5)], target, cancelled=lambda: next(calls)
        )
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["证书.pdf"]


def _long_certs(issuer: Issuer) -> list[CertificateData]:
    day = dt.date(2026, 6, 28)
    return [
        CertificateData(
            "2025-001",
            "勐海县勐海镇曼短村民委员会第三村民小组党支部",
            "branch",
            "勐海县勐海镇曼短村民委员会第三村民小组党支部",
            "基层党组织建设先进党支部",
            "2025—2026年度",
            issuer,
            day,
        ),
        CertificateData(
            "2025-002",
            "欧阳史家兴",
            "member",
            "城关社区党总支",
            "优秀共产党员",
            "2025—2026年度",
            issuer,
            day,
        ),
    ]


def test_landscape_positions_on_portrait_paper_are_reported(issuer: Issuer) -> None:
    moved = dataclasses.replace(OverlayCalibration(), paper_width_mm=210, paper_height_mm=297)
    problems = check_overlay(_long_certs(issuer), moved)
    assert any("超出纸张右边" in p for p in problems)
    assert any("发证机关" in p for p in problems)


@pytest.mark.parametrize("preset", list(PAPER_PRESETS))
def test_every_preset_fits_its_paper(tmp_path: Path, issuer: Issuer, preset: str) -> None:
    width, height = PAPER_PRESETS[preset]
    cal = OverlayCalibration.for_paper(width, height)
    certs = _long_certs(issuer)
    assert check_overlay(certs, cal) == []
    pdf = build_certificates(certs, tmp_path / "套打.pdf", overlay=cal)
    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(width * 72 / 25.4, abs=0.5)
    assert float(box.height) == pytest.approx(height * 72 / 25.4, abs=0.5)
    found = runs(pdf)
    assert "".join(r.text for r in found).count("特发此证") == 2
    for run in found:
        right = run.x + text_width(run.text.strip(), WENKAI, run.size)
        assert run.x >= 0 and right <= float(box.width) + 0.5, run
        assert 0 <= run.y <= float(box.height), run
