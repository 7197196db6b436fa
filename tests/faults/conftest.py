"""The fault suite's tally: each fault test reports what it tried and what was lost."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class Tally:
    tried: list[str] = field(default_factory=list)
    survived: list[str] = field(default_factory=list)
    lost: int = 0

    def record(self, name: str, *, survived: bool, lost: int = 0) -> None:
        self.tried.append(name)
        if survived:
            self.survived.append(name)
        self.lost += lost


TALLY = Tally()


@pytest.fixture
def tally() -> Tally:
    return TALLY


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TALLY.tried:
        terminalreporter.write_line(
            f"故障测试：尝试 {len(TALLY.tried)} 种故障，挺过 {len(TALLY.survived)} 种，"
            f"丢失已提交记录 {TALLY.lost} 条"
        )
