"""Recovery at start: never the first-start wizard over a folder that has backups or a
damaged database; the newest backup that passes its checks is offered with its date and counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dangjian_desktop.gui.app import DataOpener, recover
from dangjian_desktop.paths import DataDir
from dangjian_desktop.services.common import SYSTEM
from dangjian_desktop.services.township import get_township, save_township
from dangjian_desktop.store.backup import create_backup
from dangjian_desktop.store.db import DatabaseDamaged, open_database


def _folder_with_backup(tmp_path: Path, label: str = "手动") -> DataDir:
    data = DataDir(tmp_path / "d")
    db = open_database(data)
    with db.transaction() as session:
        save_township(session, actor=SYSTEM, name="石龙镇")
    db.close()
    create_backup(data, label=label)
    return data


def test_an_empty_database_beside_backups_gets_recovery_not_the_wizard(
    tmp_path: Path, answers: Any
) -> None:
    data = _folder_with_backup(tmp_path)
    data.database.unlink()  # say the file was replaced by an empty one
    for side in ("-wal", "-shm"):
        Path(str(data.database) + side).unlink(missing_ok=True)
    outcome = DataOpener(data)._open()
    assert outcome.db is None and outcome.problem is None  # no wizard
    answers.confirms.append(True)
    db = recover(data, outcome.problem)
    assert db is not None
    with db.session() as session:
        township = get_township(session)
        assert township is not None and township.name == "石龙镇"
    db.close()


def test_a_zero_byte_database_is_damaged_and_the_offer_names_date_and_counts(
    tmp_path: Path, answers: Any
) -> None:
    data = _folder_with_backup(tmp_path)
    data.database.write_bytes(b"")
    outcome = DataOpener(data)._open()
    assert isinstance(outcome.problem, DatabaseDamaged)
    seen: list[str] = []

    def confirm(_parent: Any, text: str, title: str = "") -> bool:
        seen.append(text)
        return False

    from dangjian_desktop.gui.dialogs import Ask

    original = Ask.confirm
    Ask.confirm = staticmethod(confirm)  # type: ignore[method-assign,assignment]
    try:
        assert recover(data, outcome.problem) is None  # the clerk declined
    finally:
        Ask.confirm = original  # type: ignore[method-assign]
    assert "0字节" in seen[0] and "手动备份" in seen[0] and "没有数据" not in seen[0]
    assert data.database.read_bytes() == b""  # declined: nothing touched


def test_no_good_backup_is_said_plainly(tmp_path: Path, answers: Any) -> None:
    data = DataDir(tmp_path / "d")
    data.ensure()
    data.database.write_bytes(b"garbage" * 100)
    (data.backups / "党建备份-20990101-000000-自动.zip").write_bytes(b"PK\x03\x04broken")
    outcome = DataOpener(data)._open()
    assert recover(data, outcome.problem) is None
    assert "没有能用的备份" in answers.warnings[-1]
    assert data.database.read_bytes() == b"garbage" * 100


def test_the_backup_dialog_refuses_a_tampered_backup_before_asking(
    ctx: Any, qtbot: Any, answers: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    import sqlite3
    import zipfile

    from dangjian_desktop.gui.backup_dialog import BackupDialog

    made = create_backup(ctx.db.data_dir, tmp_path / "备份.zip")
    tampered = tmp_path / "被改过的.zip"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(tampered, "w") as dst:
        dst.writestr("backup.json", src.read("backup.json"))
        src.extract("dangjian.sqlite3", tmp_path)
        con = sqlite3.connect(tmp_path / "dangjian.sqlite3")
        con.execute("UPDATE member SET name = '冒名顶替' WHERE id = (SELECT min(id) FROM member)")
        con.commit()
        con.close()
        dst.write(tmp_path / "dangjian.sqlite3", "dangjian.sqlite3")
    monkeypatch.setattr(BackupDialog, "ask_backup_file", classmethod(lambda cls, parent: tampered))
    before = ctx.db.path.read_bytes()
    dialog = BackupDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.restore_other() is None
    assert "不能用来恢复" in answers.warnings[-1] and "member" in answers.warnings[-1]
    assert ctx.db.path.read_bytes() == before
