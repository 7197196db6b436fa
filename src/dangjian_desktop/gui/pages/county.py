"""报送县委: put the round's package on a USB stick, verified, and check a package already there."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.text import round_label
from dangjian_desktop.errors import UserError
from dangjian_desktop.exchange.county import VerifyResult, verify_package
from dangjian_desktop.gui import file_dialogs
from dangjian_desktop.gui.context import AppContext, Area, Change
from dangjian_desktop.gui.models import Column
from dangjian_desktop.gui.pages.base import Page
from dangjian_desktop.gui.widgets import SearchableTable, page_header
from dangjian_desktop.gui.worker import Task, run_task
from dangjian_desktop.services import exchange

MiB = 1024 * 1024
DRIVE_REMOVABLE = 2


@dataclass(frozen=True)
class Drive:
    path: Path
    kind: str  # 可移动磁盘 / 其他文件夹
    free: int | None  # bytes; None when it cannot be read

    @property
    def free_text(self) -> str:
        if self.free is None:
            return "无法读取"
        if self.free >= 1024 * MiB:
            return f"{self.free / 1024 / MiB:.1f} GB"
        return f"{self.free / MiB:.0f} MB"


def _free(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def _windows_removable() -> list[Path]:
    import ctypes

    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 - absent outside Windows
    mask = kernel32.GetLogicalDrives()
    found = []
    for index in range(26):
        if mask & (1 << index):
            root = f"{chr(ord('A') + index)}:\\"
            if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == DRIVE_REMOVABLE:
                found.append(Path(root))
    return found


def _flag(value: object) -> bool:
    """lsblk gives RM/HOTPLUG as true/false (util-linux 2.33+) or "1"/"0" (older)."""
    return value is True or value in ("1", 1, "true")


def removable_mounts_from_lsblk(tree: dict[str, Any]) -> list[Path]:
    """The mount points of removable media in `lsblk -J -o NAME,RM,HOTPLUG,TRAN,MOUNTPOINT`.

    A partition of a USB stick inherits being removable from its disk: some lsblk versions mark
    only the disk RM=1, and a USB hard disk is RM=0 but HOTPLUG=1 or TRAN=usb.
    """
    found: list[Path] = []

    def walk(nodes: list[dict[str, Any]], removable: bool) -> None:
        for node in nodes:
            here = (
                removable
                or _flag(node.get("rm"))
                or _flag(node.get("hotplug"))
                or node.get("tran") == "usb"
            )
            points = node.get("mountpoints") or [node.get("mountpoint")]
            if here:
                found.extend(Path(p) for p in points if p and p != "[SWAP]")
            walk(node.get("children") or [], here)

    walk(tree.get("blockdevices") or [], False)
    return found


def _linux_lsblk() -> list[Path] | None:
    """Removable media as lsblk sees them; None when lsblk is missing or fails."""
    import json
    import subprocess

    try:
        done = subprocess.run(
            ["lsblk", "-J", "-o", "NAME,RM,HOTPLUG,TRAN,MOUNTPOINT"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
        return removable_mounts_from_lsblk(json.loads(done.stdout))
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def _linux_sysfs() -> list[Path]:
    """Without lsblk: mounted /dev devices whose disk says removable=1 in /sys/block."""
    found: list[Path] = []
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return found
    for line in mounts:
        parts = line.split()
        if len(parts) < 2 or not parts[0].startswith("/dev/"):
            continue
        device = Path("/sys/class/block") / Path(parts[0]).name
        try:
            disk = device.resolve()
            if (disk / "partition").exists():
                disk = disk.parent
            if (disk / "removable").read_text().strip() == "1":
                found.append(Path(parts[1].replace("\\040", " ")))
        except OSError:
            continue
    return found


def _linux_mounts() -> list[Path]:
    paths = _linux_lsblk()
    if paths is None:
        paths = _linux_sysfs()
    return [p for p in paths if p.is_dir() and os.access(p, os.W_OK)]


def removable_drives() -> list[Drive]:
    """USB sticks and other removable media the clerk can write the package to: never a folder
    merely because it sits under /mnt or /media."""
    try:
        paths = _windows_removable() if sys.platform == "win32" else _linux_mounts()
    except OSError:
        paths = []
    return [Drive(p, "可移动磁盘", _free(p)) for p in paths]


def export_task(
    ctx: AppContext, year: int, target: Path
) -> Callable[[Any, Any], tuple[Path, VerifyResult]]:
    """The worker task of 开始报送: the package written to `target`, then read back and checked
    (the bench runs the same task)."""
    db, actor = ctx.db, ctx.actor

    def work(progress: Any, cancelled: Any) -> tuple[Path, VerifyResult]:
        # The package is read back from the target and checked before this returns; that
        # check's result is the one shown.
        return exchange.export_county_package(
            db,
            year,
            target,
            progress=lambda percent, text: progress(percent, 100, text),
            cancelled=cancelled,
            actor=actor,
        )

    return work


class CountyPage(Page):
    title = "报送县委"
    key = "county"
    watches = Area.ALL - {Area.AUDIT}
    round_scoped = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.task: Task | None = None
        self.other: list[Drive] = []
        self.last_folder: Path | None = None
        self.last_result: VerifyResult | None = None

        self.round_label = QLabel()
        self.round_label.setObjectName("countyRound")
        summary_box = self._build_summary()
        target_box = self._build_target()
        self.export_button = QPushButton("开始报送(&S)")
        self.export_button.setObjectName("primaryButton")
        self.export_button.setProperty("primary", True)  # the page's one main action, in red
        self.export_button.setToolTip("检查数据、生成报送材料、写入所选位置并核对（Ctrl+E）")
        self.export_button.clicked.connect(self.start_export)
        QShortcut(QKeySequence("Ctrl+E"), self, self.start_export)
        self.verify_button = QPushButton("校验已有报送包(&V)…")
        self.verify_button.setToolTip("选择U盘上的报送材料文件夹，核对每个文件（Ctrl+K）")
        self.verify_button.clicked.connect(self.verify_existing)
        QShortcut(QKeySequence("Ctrl+K"), self, self.verify_existing)
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.verify_button)

        result_box = QGroupBox("结果")
        self.result_label = QLabel("还没有报送。")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        QVBoxLayout(result_box).addWidget(self.result_label)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(summary_box)
        left.addWidget(result_box, 1)
        columns.addLayout(left, 1)
        columns.addWidget(target_box, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(
            page_header(
                "报送县委",
                "把本年度的全部材料写到U盘，交县委组织部。写完后程序会逐个文件读回核对，"
                "核对无误才算完成；U盘拔出或空间不足时，不会留下看似完整的材料。",
            )
        )
        top = QHBoxLayout()
        top.addWidget(self.round_label)
        top.addStretch(1)
        top.addLayout(actions)
        layout.addLayout(top)
        layout.addLayout(columns, 1)

    def _build_summary(self) -> QGroupBox:
        """将要报送的内容: what the package will hold, counted."""
        summary_box = QGroupBox("将要报送的内容")
        self.summary_form = QFormLayout(summary_box)
        self.summary_labels: dict[str, QLabel] = {}
        for key, caption in (
            ("branches", "党组织"),
            ("members", "党员"),
            ("receipts", "收到的方案、汇报和材料"),
            ("scores", "统一考核评分"),
            ("honours", "荣誉称号"),
            ("pdfs", "已印发的文书（PDF）"),
        ):
            label = QLabel()
            self.summary_labels[key] = label
            self.summary_form.addRow(f"{caption}：", label)
        note = QLabel(
            "报送材料包含一份汇总表（党组织和党员名册、申报与实施方案、半年书面汇报、创建工作材料、"
            "评分明细、综合评价结果、荣誉与推荐、动态管理、宣传报道）、本年度印发的全部文书、"
            "一份数据库快照和校验清单（manifest.json）。"
        )
        note.setWordWrap(True)
        self.summary_form.addRow(note)
        return summary_box

    def _build_target(self) -> QGroupBox:
        """写到哪里: the USB drives found, and another folder."""
        target_box = QGroupBox("写到哪里")
        self.drives: SearchableTable[Drive] = SearchableTable(
            [
                Column("位置", lambda d: str(d.path), 270),
                Column("类别", lambda d: d.kind, 100),
                Column("可用空间", lambda d: d.free_text, 100, numeric=True),
            ],
            self,
            placeholder="在位置中搜索…",
        )
        self.drives.view.setMinimumHeight(150)
        self.drives.sig_selection_changed.connect(self._update_buttons)
        self.drives.sig_activated.connect(lambda _drive: self.start_export())
        self.refresh_button = QPushButton("刷新U盘列表(&R)")
        self.refresh_button.setToolTip("插上U盘后刷新（F5）")
        self.refresh_button.clicked.connect(self.refresh_drives)
        QShortcut(QKeySequence("F5"), self, self.refresh_drives)
        self.other_button = QPushButton("选择其他文件夹(&O)…")
        self.other_button.setToolTip("写到不在列表中的文件夹（Ctrl+O）")
        self.other_button.clicked.connect(self.choose_other)
        QShortcut(QKeySequence("Ctrl+O"), self, self.choose_other)
        self.no_drive = QLabel("没有找到U盘。请插上U盘后点“刷新U盘列表”，或选择其他文件夹。")
        self.no_drive.setWordWrap(True)
        target_buttons = QHBoxLayout()
        target_buttons.addWidget(self.refresh_button)
        target_buttons.addWidget(self.other_button)
        target_buttons.addStretch(1)
        target_layout = QVBoxLayout(target_box)
        target_layout.addWidget(self.drives, 1)
        target_layout.addWidget(self.no_drive)
        target_layout.addLayout(target_buttons)
        return target_box

    # ----------------------------------------------------------- wrapped dialogs
    @classmethod
    def choose_folder(cls, parent: QWidget | None, title: str) -> Path | None:
        name = file_dialogs.existing_directory(parent, title, str(Path.home()))
        return Path(name) if name else None

    # ----------------------------------------------------------- showing
    def refresh(self) -> None:
        year = self.ctx.year
        if year is None:
            self.round_label.setText("还没有创建年度，请先在“设置”里新建。")
            for label in self.summary_labels.values():
                label.setText("")
        else:
            self.round_label.setText(f"报送年度：{round_label(year)}")
            root = self.ctx.db.data_dir.root
            try:
                summary = self.ctx.read(lambda s: exchange.export_summary(s, root, year))
            except UserError as exc:
                self.round_label.setText(str(exc))
            else:
                for key, unit in (
                    ("branches", "个"),
                    ("members", "名"),
                    ("receipts", "份"),
                    ("scores", "个"),
                    ("honours", "项"),
                    ("pdfs", "份"),
                ):
                    self.summary_labels[key].setText(f"{getattr(summary, key)}{unit}")
        self.refresh_drives()

    def refresh_drives(self) -> None:
        chosen = self.target()
        found = removable_drives()
        known = {d.path for d in found}
        rows = found + [d for d in self.other if d.path not in known]
        self.drives.set_rows(rows)
        self.no_drive.setVisible(not rows)
        if chosen is not None:
            self.drives.select_where(lambda d: d.path == chosen)
        elif len(rows) == 1:
            self.drives.view.selectRow(0)
        self._update_buttons()

    def target(self) -> Path | None:
        drive = self.drives.current()
        return drive.path if drive is not None else None

    def _update_buttons(self) -> None:
        busy = self.task is not None and not self.task.done
        self.export_button.setEnabled(
            self.target() is not None and self.ctx.year is not None and not busy
        )
        self.verify_button.setEnabled(not busy)

    def choose_other(self) -> None:
        folder = self.choose_folder(self, "选择报送材料写到哪个文件夹")
        if folder is None:
            return
        self.other = [d for d in self.other if d.path != folder]
        self.other.append(Drive(folder, "其他文件夹", _free(folder)))
        self.refresh_drives()
        self.drives.select_where(lambda d: d.path == folder)

    def _show(self, text: str, ok: bool) -> None:
        self.result_label.setStyleSheet("color: #1b5e20;" if ok else "color: #b71c1c;")
        self.result_label.setText(text)

    # ----------------------------------------------------------- exporting
    def start_export(self) -> None:
        target, year = self.target(), self.ctx.year
        if target is None or year is None or (self.task is not None and not self.task.done):
            return
        work = export_task(self.ctx, year, target)
        self._show(f"正在报送到“{target}”…", True)
        self.task = self.ctx.act(
            work,
            self,
            what=Change.of(year, Area.COUNTY),  # an export and its audit entry
            background=True,
            title="报送县委",
            on_done=self._export_done,
            on_error=self._failed,
        )
        self.task.sig_finished.connect(self._update_buttons)
        self._update_buttons()

    def _export_done(self, outcome: tuple[Path, VerifyResult]) -> None:
        folder, result = outcome
        self.last_folder, self.last_result = folder, result
        if result.ok:
            self._show(
                f"报送材料已写入并核对无误。\n位置：{folder}\n"
                f"已校验：共{result.files_checked}个文件，与清单（manifest.json）完全一致。"
                "现在可以安全地拔下U盘。",
                True,
            )
        else:
            self._show(self._problems_text(folder, result), False)
        self.refresh_drives()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self._show(f"没有完成：{exc}", False)
        self.refresh_drives()

    @staticmethod
    def _problems_text(folder: Path, result: VerifyResult) -> str:
        shown = "\n".join(f"· {p}" for p in result.problems[:20])
        more = f"\n……共{len(result.problems)}处" if len(result.problems) > 20 else ""
        return (
            f"校验未通过：{folder}\n已核对{result.files_checked}个文件，"
            f"发现{len(result.problems)}处问题：\n{shown}{more}\n"
            "这份材料不能报送，请重新导出。"
        )

    # ----------------------------------------------------------- verifying
    def verify_existing(self) -> None:
        if self.task is not None and not self.task.done:
            return
        folder = self.choose_folder(self, "选择要校验的报送材料文件夹")
        if folder is None:
            return

        def work(progress: Any, cancelled: Any) -> tuple[Path, VerifyResult]:
            progress(0, 0, f"正在核对“{folder.name}”中的每个文件…")
            return folder, verify_package(folder)

        self.task = run_task(self, "校验报送材料", work, self._verify_done, self._failed)
        self.task.sig_finished.connect(self._update_buttons)
        self._update_buttons()

    def _verify_done(self, outcome: tuple[Path, VerifyResult]) -> None:
        folder, result = outcome
        self.last_folder, self.last_result = folder, result
        if result.ok:
            self._show(
                f"校验通过：{folder}\n共{result.files_checked}个文件，与清单完全一致。", True
            )
        else:
            self._show(self._problems_text(folder, result), False)
