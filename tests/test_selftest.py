"""`--self-test` (dangjian_desktop.selftest): every check passes on a sound install, and a broken
one is reported by name with exit code 1, without touching the user's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian_desktop import selftest
from dangjian_desktop.selftest import CHECKS, run_self_test

EXPECTED = ("字体", "数据库迁移", "业务流程", "荣誉证书", "通知", "Excel名册", "界面组件")


def test_self_test_passes_and_says_what_it_checked(tmp_path: Path) -> None:
    lines: list[str] = []
    assert run_self_test(out=lines.append) == 0
    ticks = [line for line in lines if line.startswith("✓ ")]
    assert [line[2:].split("（")[0] for line in ticks] == list(EXPECTED)
    assert [name for name, _ in CHECKS] == list(EXPECTED)
    assert any(line.startswith("✓ 数据库迁移") for line in lines)
    assert lines[-1].startswith("自检全部通过")
    assert not any(line.startswith("✗") for line in lines)


def test_self_test_never_uses_the_users_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_data = tmp_path / "user-data"
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(user_data))
    assert run_self_test(out=lambda _line: None) == 0
    assert not user_data.exists()


def test_a_failing_check_is_named_and_gives_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_state: object) -> str:
        raise selftest.CheckFailed("缺少字体文件 uming.ttc")

    monkeypatch.setattr(selftest, "CHECKS", (selftest.CHECKS[0], ("荣誉证书", broken)))
    lines: list[str] = []
    assert run_self_test(out=lines.append) == 1
    assert "✗ 荣誉证书：缺少字体文件 uming.ttc" in lines
    assert lines[-1] == "自检未通过。"


def test_an_unexpected_error_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(_state: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(selftest, "CHECKS", (("数据库迁移", crash),))
    lines: list[str] = []
    assert run_self_test(out=lines.append) == 1
    assert any(line.startswith("✗ 数据库迁移：RuntimeError: boom") for line in lines)
