"""备份与恢复 from the window: back up to a folder, change something, restore, the change is gone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dangjian_desktop.gui.backup_dialog import BackupDialog
from dangjian_desktop.services import registers
from dangjian_desktop.store.backup import list_backups


def _names(ctx: Any) -> set[str]:
    return ctx.read(lambda s: {b.name for b in registers.list_branches(s)})


def test_backup_then_restore(
    ctx: Any, qtbot: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "U盘"
    usb.mkdir()
    monkeypatch.setattr(BackupDialog, "ask_folder", classmethod(lambda cls, parent: usb))
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog)
    task = dialog.backup_now()
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    made = list(usb.glob("*.zip"))
    assert len(made) == 1 and any("已备份到" in i for i in answers.infos)

    ctx.act(
        lambda s: registers.add_branch(
            s, actor=ctx.actor, data=registers.BranchInput(name="备份后新建党支部")
        )
    )
    assert "备份后新建党支部" in _names(ctx)

    monkeypatch.setattr(BackupDialog, "ask_backup_file", classmethod(lambda cls, parent: made[0]))
    answers.confirms.append(True)
    with qtbot.waitSignal(ctx.sig_data_changed):
        assert dialog.restore_other() == made[0]
    assert "备份后新建党支部" not in _names(ctx)
    assert any("恢复前" in b.path.name for b in list_backups(ctx.db.data_dir))
    dialog.refresh()
    assert dialog.table.model.rowCount() >= 1


def test_a_bad_file_is_refused_and_nothing_changes(
    ctx: Any, qtbot: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bogus = tmp_path / "坏的.zip"
    bogus.write_bytes(b"not a backup")
    monkeypatch.setattr(BackupDialog, "ask_backup_file", classmethod(lambda cls, parent: bogus))
    before = _names(ctx)
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.restore_other() is None
    assert answers.warnings and "不是本程序的备份文件" in answers.warnings[-1]
    assert _names(ctx) == before
