"""The county figures of `bench` at a tiny scale: the measuring works and has its keys. Speed is
measured by `dangjian-desktop bench`, never asserted here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dangjian_desktop import bench, county_bench

TINY = county_bench.CountyScale(
    townships=2, search_townships=4, members_per_township=300, repeats=1
)


def test_county_bench_at_a_tiny_scale(qapp: Any, tmp_path: Path) -> None:
    figures = county_bench.run_county_bench(tmp_path, bench.race, TINY)
    assert set(figures) == {*county_bench.GOALS, "raw"}
    for key in county_bench.GOALS:
        assert isinstance(figures[key], float) and figures[key] > 0, key
        assert key in bench.GOALS and key in bench.LABELS
    raw = figures["raw"]
    assert raw["receive"]["packages"] == 2
    assert raw["search"]["members"] > 4 * 300  # the received townships and 4 × 300 copies
    assert raw["search"]["hits"] > 0
    assert raw["view"]["rows"] > 0


def test_the_county_scale_follows_the_township_scale() -> None:
    assert bench.COUNTY.county.townships == 20
    assert (
        bench.COUNTY.county.search_townships * bench.COUNTY.county.members_per_township == 900_000
    )
