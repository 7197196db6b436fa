"""荣誉证书: a full design on plain A4 landscape, or text only on pre-printed certificate paper."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from dangjian_desktop.documents.common import (
    BLACK,
    DARK_RED,
    GOLD,
    GREY,
    RED,
    Cancelled,
    atomic_output,
    fit_size,
    wrap_text,
)
from dangjian_desktop.documents.data import CertificateData, OverlayCalibration, OverlayField
from dangjian_desktop.documents.fonts import (
    WENKAI,
    WENKAI_BOLD,
    draw_text,
    load_faces,
    text_width,
)
from dangjian_desktop.domain.text import chinese_date

Progress = Callable[[int, int], None]

PAGE_W, PAGE_H = landscape(A4)
# The frame, from the paper's edge (mm): red rule, thin red rule, gold band.
OUTER, SECOND, GOLD_OUTER, GOLD_INNER = 9.0, 11.5, 14.5, 16.0
TEXT_LEFT = 40 * mm
TEXT_RIGHT = PAGE_W - 40 * mm
SEAL_CENTRE = (PAGE_W - 74 * mm, 52 * mm)  # where the red seal will be stamped (left blank)
SEAL_RADIUS = 22 * mm


def recipient_line(cert: CertificateData) -> str:
    """The addressed party as written at the head of the certificate."""
    if cert.recipient_kind == "member":
        return f"{cert.recipient}同志："
    return f"{cert.recipient}："


def reason_text(cert: CertificateData) -> str:
    """The commendation sentence (without 特发此证)."""
    campaign = f"{cert.round_label}创建基层党组织建设先进单位活动"
    if cert.recipient_kind == "member":
        member_of = f"作为{cert.branch_name}党员，" if cert.branch_name else ""
        return f"你{member_of}在{campaign}中表现突出，被评为“{cert.title}”。"
    return f"在{campaign}中成绩突出，被评为“{cert.title}”。"


CLOSING = "特发此证，以资鼓励。"


def build_certificates(
    certs: Sequence[CertificateData],
    path: Path | str,
    *,
    overlay: OverlayCalibration | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """One PDF, one page per certificate. With `overlay`, only the text, at the calibrated
    positions, on the calibration's paper size. Raises `Cancelled` (the old file stays) when
    `cancelled()` turns true between pages."""
    load_faces(WENKAI, WENKAI_BOLD)  # fallback faces load if a name needs them
    target = Path(path)
    if overlay is None:
        size = (PAGE_W, PAGE_H)
    else:
        size = (overlay.paper_width_mm * mm, overlay.paper_height_mm * mm)
    total = len(certs)
    with atomic_output(target) as temp:
        canvas = Canvas(str(temp), pagesize=size, pageCompression=1, initialFontName=WENKAI)
        canvas.setTitle("荣誉证书")
        canvas.setCreator("党建先进单位创建管理")
        if certs:
            canvas.setAuthor(certs[0].issuer.organ)
        for index, cert in enumerate(certs):
            if cancelled is not None and cancelled():
                raise Cancelled()
            if overlay is None:
                _full_page(canvas, cert)
            else:
                _overlay_page(canvas, cert, overlay)
            canvas.showPage()
            if progress is not None:
                progress(index + 1, total)
        if not certs:
            canvas.showPage()
        canvas.save()
    return target


# -- the full design ---------------------------------------------------------------------------


def draw_frame(c: Any) -> None:
    """The full design's double red and gold frame with its corner ornaments."""

    def box(inset_mm: float, width: float, colour: Any) -> None:
        c.setStrokeColor(colour)
        c.setLineWidth(width)
        inset = inset_mm * mm
        c.rect(inset, inset, PAGE_W - 2 * inset, PAGE_H - 2 * inset, stroke=1, fill=0)

    box(OUTER, 3.2, RED)
    box(SECOND, 0.8, RED)
    box(GOLD_OUTER, 1.4, GOLD)
    box(GOLD_INNER, 0.5, GOLD)
    # corner ornaments: a gold square set diagonally, with a red centre, and short returns
    c.setLineWidth(0.8)
    for cx, cy in (
        (GOLD_OUTER, GOLD_OUTER),
        (GOLD_OUTER, PAGE_H / mm - GOLD_OUTER),
        (PAGE_W / mm - GOLD_OUTER, GOLD_OUTER),
        (PAGE_W / mm - GOLD_OUTER, PAGE_H / mm - GOLD_OUTER),
    ):
        x, y = cx * mm, cy * mm
        sx = 1 if cx < PAGE_W / mm / 2 else -1
        sy = 1 if cy < PAGE_H / mm / 2 else -1
        c.setStrokeColor(GOLD)
        for step in (4, 7):
            d = step * mm
            c.line(x + sx * d, y + sy * 1.5 * mm, x + sx * d, y + sy * d)
            c.line(x + sx * 1.5 * mm, y + sy * d, x + sx * d, y + sy * d)
        c.saveState()
        c.translate(x, y)
        c.rotate(45)
        c.setFillColor(GOLD)
        c.rect(-2.6 * mm, -2.6 * mm, 5.2 * mm, 5.2 * mm, stroke=0, fill=1)
        c.setFillColor(RED)
        c.rect(-1.3 * mm, -1.3 * mm, 2.6 * mm, 2.6 * mm, stroke=0, fill=1)
        c.restoreState()


def _title(c: Any) -> None:
    title = "荣誉证书"
    size = 56.0
    spacing = size * 0.55
    width = text_width(title, WENKAI_BOLD, size) + spacing * (len(title) - 1)
    x = (PAGE_W - width) / 2
    y = PAGE_H - 50 * mm
    c.setFillColor(RED)
    c.setStrokeColor(DARK_RED)
    c.setLineWidth(0.9)
    for char in title:
        x += draw_text(c, x, y, char, WENKAI_BOLD, size, mode=2) + spacing
    # a gold rule with a diamond under the title
    c.setStrokeColor(GOLD)
    c.setLineWidth(0.9)
    rule_y = y - 11 * mm
    half = 58 * mm
    c.line(PAGE_W / 2 - half, rule_y, PAGE_W / 2 - 4 * mm, rule_y)
    c.line(PAGE_W / 2 + 4 * mm, rule_y, PAGE_W / 2 + half, rule_y)
    c.saveState()
    c.translate(PAGE_W / 2, rule_y)
    c.rotate(45)
    c.setFillColor(GOLD)
    c.rect(-1.6 * mm, -1.6 * mm, 3.2 * mm, 3.2 * mm, stroke=0, fill=1)
    c.restoreState()


@dataclass(frozen=True)
class _Block:
    lines: tuple[str, ...]
    size: float


def _fit_block(
    text: str, font: str, size: float, min_size: float, width: float, max_lines: int
) -> _Block:
    """Shrink first (down to `min_size`), then wrap; at `min_size` as many lines as it takes."""
    fitted = fit_size(text, font, size, width, min_size)
    if text_width(text, font, fitted) <= width:
        return _Block((text,), fitted)
    current = size
    while current > min_size:
        lines = wrap_text(text, font, current, width)
        if len(lines) <= max_lines:
            return _Block(tuple(lines), current)
        current -= 1
    return _Block(tuple(wrap_text(text, font, min_size, width)), min_size)


def _full_page(c: Any, cert: CertificateData) -> None:
    draw_frame(c)
    _title(c)
    width = TEXT_RIGHT - TEXT_LEFT
    c.setFillColor(BLACK)
    # the recipient, large
    head = _fit_block(recipient_line(cert), WENKAI_BOLD, 28, 22, width, 1)
    if len(head.lines) > 1:  # a very long name: two lines at a smaller size
        head = _fit_block(recipient_line(cert), WENKAI_BOLD, 24, 16, width, 2)
    y = PAGE_H - 84 * mm
    for line in head.lines:
        draw_text(c, TEXT_LEFT, y, line, WENKAI_BOLD, head.size)
        y -= head.size * 1.35
    y -= 5 * mm
    # the reason: 2-character indent, as few lines as fit above the seal
    bottom = SEAL_CENTRE[1] + SEAL_RADIUS + 4 * mm
    for size in (22.0, 21.0, 20.0, 19.0, 18.0, 17.0, 16.0, 15.0, 14.0):
        indent = 2 * size
        lines = _indented(reason_text(cert), size, width, indent)
        closing = _indented(CLOSING, size, width, indent)
        leading = size * (1.75 if size >= 18 else 1.6)
        if y - leading * (len(lines) + len(closing) - 1) >= bottom or size == 14.0:
            break
    for n, line in enumerate([*lines, *closing]):
        first = n == 0 or n == len(lines)
        draw_text(c, TEXT_LEFT + (indent if first else 0), y, line, WENKAI, size)
        y -= leading
    # the issuing organ and the date, centred on where the seal goes
    cx, cy = SEAL_CENTRE
    organ_size = fit_size(cert.issuer.organ, WENKAI, 22, 2 * SEAL_RADIUS + 40 * mm, 14)
    draw_text(c, cx, cy + 3 * mm, cert.issuer.organ, WENKAI, organ_size, "center")
    draw_text(c, cx, cy - 9 * mm, chinese_date(cert.issued_on), WENKAI, 20, "center")
    # the number, small, bottom left inside the frame
    c.setFillColor(GREY)
    number = f"证书编号：{cert.number}"
    draw_text(c, 30 * mm, 26 * mm, number, WENKAI, fit_size(number, WENKAI, 12, 110 * mm, 7))
    c.setFillColor(BLACK)


def _indented(text: str, size: float, width: float, indent: float) -> list[str]:
    """Wrap with the first line shorter by `indent` (a paragraph's 2-character indent)."""
    first = wrap_text(text, WENKAI, size, width - indent)
    if len(first) == 1:
        return first
    rest = wrap_text(text[len(first[0]) :], WENKAI, size, width)
    return [first[0], *rest]


# -- pre-printed paper -------------------------------------------------------------------------


def _field_origin(cal: OverlayCalibration, field: OverlayField) -> tuple[float, float]:
    """PDF coordinates of a field's anchor with the printer offsets applied."""
    x = (field.x_mm + cal.offset_x_mm) * mm
    y = (cal.paper_height_mm - field.y_mm - cal.offset_y_mm) * mm
    return x, y


@dataclass(frozen=True)
class PlacedLine:
    """One line of a 套打 field as it will be printed: baseline start in PDF points."""

    x: float  # left edge
    y: float  # baseline, from the bottom of the paper
    text: str
    size: float
    width: float


def layout_field(
    cal: OverlayCalibration, field: OverlayField, text: str, *, indent_chars: int = 0
) -> list[PlacedLine]:
    """Where each line of a field goes (shrunk, then wrapped, never clipped); drawing, the
    calibration preview and the paper check all use this."""
    x, y = _field_origin(cal, field)
    width = field.width_mm * mm
    placed: list[PlacedLine] = []
    if indent_chars:
        size = field.size_pt
        while True:
            indent = indent_chars * size
            lines = _indented(text, size, width, indent)
            if len(lines) <= 3 or size <= field.min_size_pt:
                break
            size -= 1
        for n, line in enumerate(lines):
            left = x + (indent if n == 0 else 0)
            line_w = text_width(line, WENKAI, size)
            placed.append(PlacedLine(left, y - n * size * 1.7, line, size, line_w))
        return placed
    block = _fit_block(text, WENKAI, field.size_pt, field.min_size_pt, width, 2)
    for n, line in enumerate(block.lines):
        line_w = text_width(line, WENKAI, block.size)
        left = {"left": x, "center": x - line_w / 2}.get(field.align, x - line_w)
        placed.append(PlacedLine(left, y - n * block.size * 1.3, line, block.size, line_w))
    return placed


def overlay_texts(cert: CertificateData) -> dict[str, tuple[str, int]]:
    """Each field's text on pre-printed paper, with its first-line indent in characters."""
    return {
        "recipient": (recipient_line(cert), 0),
        "reason": (reason_text(cert) + CLOSING, 2),
        "organ": (cert.issuer.organ, 0),
        "date": (chinese_date(cert.issued_on), 0),
        "number": (f"证书编号：{cert.number}", 0),
    }


def layout_certificate(
    cert: CertificateData, cal: OverlayCalibration
) -> dict[str, list[PlacedLine]]:
    return {
        name: layout_field(cal, getattr(cal, name), text, indent_chars=indent)
        for name, (text, indent) in overlay_texts(cert).items()
    }


def overflow(cert: CertificateData, cal: OverlayCalibration) -> list[tuple[str, str]]:
    """(field, how far and which edge) for each field of `cert` that would print off the paper."""
    w, h = cal.paper_width_mm * mm, cal.paper_height_mm * mm
    found: list[tuple[str, str]] = []
    for name, lines in layout_certificate(cert, cal).items():
        if not lines:
            continue
        left = min(line.x for line in lines)
        right = max(line.x + line.width for line in lines)
        top = max(line.y + 0.88 * line.size for line in lines)
        bottom = min(line.y - 0.12 * line.size for line in lines)
        edges = [
            ("左边", -left),
            ("右边", right - w),
            ("上边", top - h),
            ("下边", -bottom),
        ]
        worst = max(edges, key=lambda e: e[1])
        if worst[1] > 0.5:
            found.append((name, f"超出纸张{worst[0]}{worst[1] / mm:.0f}毫米"))
    return found


def check_overlay(certs: Sequence[CertificateData], cal: OverlayCalibration) -> list[str]:
    """Every field that would fall off the paper, one line per field and kind of problem, in
    words for the clerk (empty when everything fits)."""
    problems: dict[tuple[str, str], list[str]] = {}
    for cert in certs:
        for name, what in overflow(cert, cal):
            problems.setdefault((name, what), []).append(cert.recipient)
    messages = []
    for (name, what), who in problems.items():
        names = "、".join(who[:3]) + (f"等{len(who)}份" if len(who) > 3 else "")
        messages.append(f"“{FIELD_LABELS[name]}”{what}（{names}）")
    return messages


def _overlay_page(c: Any, cert: CertificateData, cal: OverlayCalibration) -> None:
    c.setFillColor(BLACK)
    for lines in layout_certificate(cert, cal).values():
        for line in lines:
            draw_text(c, line.x, line.y, line.text, WENKAI, line.size)


FIELD_LABELS = {
    "recipient": "受表彰对象",
    "reason": "表彰事由",
    "organ": "发证机关",
    "date": "发证日期",
    "number": "证书编号",
}


def build_calibration_page(calibration: OverlayCalibration, path: Path | str) -> Path:
    """A test page for the certificate paper: mm rulers along the edges and a crosshair at each
    field's anchor (offsets applied). Print it on a blank certificate, measure how far the
    crosshairs are from where the text belongs, and enter that as the offsets."""
    load_faces(WENKAI, WENKAI_BOLD)  # fallback faces load if a name needs them
    target = Path(path)
    cal = calibration
    w, h = cal.paper_width_mm * mm, cal.paper_height_mm * mm
    with atomic_output(target) as temp:
        c = Canvas(str(temp), pagesize=(w, h), initialFontName=WENKAI)
        c.setTitle("证书套打校准页")
        c.setStrokeColor(BLACK)
        c.setFillColor(BLACK)
        # rulers: a tick every mm, longer every 5, numbered every 10, along top and left edges
        for x_mm in range(int(cal.paper_width_mm) + 1):
            length = 6 if x_mm % 10 == 0 else 4 if x_mm % 5 == 0 else 2
            c.setLineWidth(0.3)
            c.line(x_mm * mm, h, x_mm * mm, h - length * mm)
            if x_mm % 10 == 0 and 0 < x_mm < cal.paper_width_mm:
                draw_text(c, x_mm * mm, h - 9 * mm, str(x_mm), WENKAI, 6, "center")
        for y_mm in range(int(cal.paper_height_mm) + 1):
            length = 6 if y_mm % 10 == 0 else 4 if y_mm % 5 == 0 else 2
            c.line(0, h - y_mm * mm, length * mm, h - y_mm * mm)
            if y_mm % 10 == 0 and 0 < y_mm < cal.paper_height_mm:
                draw_text(c, 7.5 * mm, h - y_mm * mm - 2, str(y_mm), WENKAI, 6)
        for name, label in FIELD_LABELS.items():
            field: OverlayField = getattr(cal, name)
            x, y = _field_origin(cal, field)
            c.setStrokeColor(RED)
            c.setLineWidth(0.4)
            c.line(x - 6 * mm, y, x + 6 * mm, y)
            c.line(x, y - 6 * mm, x, y + 6 * mm)
            c.circle(x, y, 1.5 * mm, stroke=1, fill=0)
            left = {"left": x, "center": x - field.width_mm * mm / 2}.get(
                field.align, x - field.width_mm * mm
            )
            c.setDash(2, 2)
            c.setStrokeColor(GREY)
            c.line(left, y - 1.2 * mm, left + field.width_mm * mm, y - 1.2 * mm)
            c.setDash()
            c.setFillColor(RED)
            note = f"{label}（x={field.x_mm:g}，y={field.y_mm:g} 毫米）"
            draw_text(c, x + 2.5 * mm, y + 2 * mm, note, WENKAI, 8)
        c.setFillColor(BLACK)
        lines = [
            "证书套打校准页",
            f"纸张 {cal.paper_width_mm:g}×{cal.paper_height_mm:g} 毫米；"
            f"当前偏移：水平 {cal.offset_x_mm:+g} 毫米，垂直 {cal.offset_y_mm:+g} 毫米。",
            "请将本页打印在空白证书纸上，量出各十字线中心与应印位置的距离，",
            "填入“水平偏移”“垂直偏移”（向右、向下为正），再打印一次核对。",
        ]
        y = h - 20 * mm
        for n, line in enumerate(lines):
            size = 12 if n == 0 else 9
            draw_text(c, w / 2, y, line, WENKAI_BOLD if n == 0 else WENKAI, size, "center")
            y -= size * 1.6
        c.showPage()
        c.save()
    return target
