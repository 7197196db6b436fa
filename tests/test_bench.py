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
    assert set(figures) == {*bench.GOALS, "spread", "raw"}
    for key in bench.GOALS:
        assert isinstance(figures[key], float) and figures[key] > 0, key
        low, middle, high = figures["spread"][key]
        assert low <= middle <= high, key
    assert figures["reopen_ok"] == 1.0  # closed with a change, relaunched 0.3 s later: it opened
    steps = figures["raw"]["script"]["steps"][0]
    assert set(steps) == {
        "every_page",
        "edit_member",
        "receive_plan",
        "key_score_sheet",
        "switch_round",
        "audit_log",
        "certificates",
        "export",
    }
    json.dumps(figures, ensure_ascii=False)  # the --json output
    raw = figures["raw"]
    assert raw["scale"]["branches"] == 20 and raw["scale"]["members"] == 200
    assert raw["member_list"]["members"] == 200
    assert raw["certificates"]["certificates"] == 20
    assert raw["audit_log"]["shown"] == min(raw["audit_log"]["entries"], 1000) > 0
    assert 0 < raw["check"]["audit_entries"] <= raw["audit_log"]["entries"]
    assert raw["startup"]["pages_shown"] == 11
    assert len(raw["startup"]["program_s"]) == len(raw["startup"]["reference_s"]) == 1
    text = bench.table(figures)
    assert "启动到主窗口" in text and ("通过" in text or "未达标" in text)


def test_bench_is_a_command() -> None:
    args = build_parser().parse_args(["bench", "--json"])
    assert args.func is bench.cmd_bench and args.json and args.scale == "county"
    assert bench.SCALES[args.scale].rounds == 10
    args = build_parser().parse_args(["bench", "--scale", "small"])
    assert bench.SCALES[args.scale].branches < bench.COUNTY.branches
