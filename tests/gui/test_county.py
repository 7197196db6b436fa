"""报送县委: export to a folder through the page, the verification shown, a changed file named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlmodel import select

from dangjian_desktop.exchange import county as exchange_county
from dangjian_desktop.exchange.county import verify_package
from dangjian_desktop.gui.pages import county
from dangjian_desktop.gui.pages.county import CountyPage, Drive
from dangjian_desktop.store.models import AuditEntry


@pytest.fixture
def page(ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> CountyPage:
    monkeypatch.setattr(county, "removable_drives", lambda: [])
    widget = CountyPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def choose(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(CountyPage, "choose_folder", classmethod(lambda cls, p, title: folder))


def click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_export_through_the_page_ends_with_the_verification(
    page: CountyPage,
    ctx: Any,
    qtbot: Any,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: Any,
) -> None:
    assert page.round_label.text() == "报送年度：2026—2027年度"
    assert page.summary_labels["branches"].text() == "24个"
    assert page.summary_labels["members"].text() == "240名"
    assert page.no_drive.isVisible() and not page.export_button.isEnabled()

    stick = tmp_path / "U盘"
    stick.mkdir()
    choose(monkeypatch, stick)
    click(qtbot, page.other_button)
    qtmodeltester.check(page.drives.model)
    assert page.target() == stick and page.export_button.isEnabled()
    hashed: list[Path] = []  # each file on the stick is read back and hashed once
    real_hash = exchange_county.file_sha256

    def counted(path: Path) -> str:
        if stick in path.parents:
            hashed.append(path)
        return real_hash(path)

    monkeypatch.setattr(exchange_county, "file_sha256", counted)
    click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=60000)
    assert len(hashed) == len(set(hashed)) == 2  # the workbook and the snapshot, once each

    folder = page.last_folder
    assert folder is not None and folder.parent == stick
    text = page.result_label.text()
    assert "已写入并核对无误" in text and str(folder) in text
    assert "已校验：共2个文件" in text
    assert verify_package(folder).ok
    entries = ctx.read(
        lambda s: s.exec(select(AuditEntry).where(AuditEntry.action == "export")).all()
    )
    assert len(entries) == 1 and "报送县委" in entries[0].summary
    assert entries[0].operator == "李丽华"

    # 校验已有报送包: one changed byte is named.
    workbook = next(folder.glob("*.xlsx"))
    data = bytearray(workbook.read_bytes())
    data[100] ^= 0x01
    workbook.write_bytes(bytes(data))
    choose(monkeypatch, folder)
    page.last_result = None
    click(qtbot, page.verify_button)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=30000)
    text = page.result_label.text()
    assert "校验未通过" in text and f"文件已改变（校验值不符）：{workbook.name}" in text
    assert answers.warnings == []


def test_a_removed_stick_is_told_plainly(
    page: CountyPage, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "拔出的U盘"
    stick.mkdir()
    choose(monkeypatch, stick)
    click(qtbot, page.other_button)
    stick.rmdir()  # pulled out before 开始报送
    click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: "没有完成" in page.result_label.text(), timeout=30000)
    assert "U盘已拔出" in page.result_label.text()
    assert page.export_button.isEnabled()  # the clerk can try again


def test_removable_drives_are_listed_and_picked(
    ctx: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mounted = tmp_path / "media" / "KINGSTON"
    mounted.mkdir(parents=True)
    monkeypatch.setattr(county, "_linux_mounts", lambda: [mounted])
    monkeypatch.setattr(county.sys, "platform", "linux")
    drives = county.removable_drives()
    assert drives == [Drive(mounted, "可移动磁盘", drives[0].free)] and drives[0].free
    widget = CountyPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.target() == mounted and widget.export_button.isEnabled()
    assert not widget.no_drive.isVisible()
    mounted.rmdir()
    monkeypatch.setattr(county, "_linux_mounts", lambda: [])
    click(qtbot, widget.refresh_button)
    assert widget.target() is None and not widget.export_button.isEnabled()


def test_only_removable_media_count_as_removable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lsblk's RM/HOTPLUG/TRAN decide, not the folder a thing is mounted under."""
    stick, usb_disk = tmp_path / "stick", tmp_path / "usb-disk"
    stick.mkdir()
    usb_disk.mkdir()
    tree = {
        "blockdevices": [
            {"name": "sda", "rm": False, "hotplug": False, "tran": "sata", "mountpoint": None,
             "children": [{"name": "sda1", "rm": False, "hotplug": False, "mountpoint": "/mnt"}]},
            # old lsblk: "1"/"0", only the disk marked, the partition mounted
            {"name": "sdb", "rm": "1", "hotplug": "1", "tran": "usb", "mountpoint": None,
             "children": [{"name": "sdb1", "rm": "0", "hotplug": "0",
                           "mountpoint": str(stick)}]},
            # a USB hard disk is not RM but is hot-pluggable (util-linux 2.37 mountpoints list)
            {"name": "sdc", "rm": False, "hotplug": True, "tran": "usb",
             "mountpoints": [str(usb_disk)]},
            {"name": "sr0", "rm": True, "hotplug": False, "mountpoint": None},
        ]
    }  # fmt: skip
    assert county.removable_mounts_from_lsblk(tree) == [stick, usb_disk]
    monkeypatch.setattr(county, "_linux_lsblk", lambda: [stick, tmp_path / "gone"])
    assert county._linux_mounts() == [stick]  # a mount point that vanished is left out
