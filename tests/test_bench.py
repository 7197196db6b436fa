"""`bench` at a tiny scale: the measuring works and the JSON has its exact keys.

Speed is measured by `dangjian-desktop bench`, never asserted here."""

from __future__ import annotations

import json
from typing import Any

from dangjian_desktop import bench
from dangjian_desktop.cli import build_parser

TINY = bench.Scale(branches=20, members=200, certificates=20, runs=1)


def test_bench_machinery_at_a_tiny_scale(qapp: Any) -> None:
    figures = bench.run_bench(TINY)
    assert set(figures) == {*bench.GOALS, "raw"}
    for key in bench.GOALS:
        assert isinstance(figures[key], float) and figures[key] > 0, key
    json.dumps(figures, ensure_ascii=False)  # the --json output
    raw = figures["raw"]
    assert raw["scale"]["branches"] == 20 and raw["scale"]["members"] == 200
    assert raw["member_list"]["members"] == 200
    assert raw["certificates"]["certificates"] == 20
    assert raw["audit_log"]["shown"] == min(raw["audit_log"]["entries"], 5000) > 0
    assert raw["startup"]["pages_shown"] == 11
    assert len(raw["startup"]["program_s"]) == len(raw["startup"]["reference_s"]) == 1
    text = bench.table(figures)
    assert "启动到主窗口" in text and ("通过" in text or "未达标" in text)


def test_bench_is_a_command() -> None:
    args = build_parser().parse_args(["bench", "--json"])
    assert args.func is bench.cmd_bench and args.json
