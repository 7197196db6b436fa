"""Several county clerks at once: two program instances on one database, a row edited by one
and then by the other is refused with a clear message, never silently overwritten."""

from __future__ import annotations

from typing import Any

import pytest

from dangjian_desktop.errors import UserError
from dangjian_desktop.services import county_outputs, county_view
from dangjian_desktop.services.county_audit import CountyActor
from dangjian_desktop.services.county_receive import receive_package
from dangjian_desktop.store.county_db import CountyDatabase

ZHAO, QIAN = CountyActor("赵县"), CountyActor("钱丽")


def test_two_instances_never_overwrite_each_other(
    county: CountyDatabase, second_instance: CountyDatabase, county_demo: Any
) -> None:
    year = county_demo.first_year
    receive_package(county, county_demo.packages[2], actor=ZHAO)
    with second_instance.reading() as conn:  # the other instance sees the package at once
        honour = county_outputs.recommended_to_county(conn, year)[0]
    county_outputs.recommend(second_instance, year, honour, "州", actor=QIAN)

    with county.reading() as conn:
        mine = county_outputs.recommendations(conn, year)[0]
    with second_instance.reading() as conn:
        theirs = county_outputs.recommendations(conn, year)[0]
    assert mine == theirs

    saved = county_outputs.change_recommendation(county, mine, actor=ZHAO, level="省")
    assert saved.version == mine.version + 1
    with pytest.raises(county_outputs.EditConflict, match="另一位同事修改"):
        county_outputs.change_recommendation(second_instance, theirs, actor=QIAN, note="改写")
    with pytest.raises(county_outputs.EditConflict):
        county_outputs.withdraw_recommendation(second_instance, theirs, actor=QIAN, reason="重复")
    with second_instance.reading() as conn:
        now = county_outputs.recommendations(conn, year)[0]
    assert (now.level, now.note, now.version) == ("省", "", saved.version)

    # the same honour recommended twice is refused, not doubled
    with pytest.raises(UserError, match="已经在推荐名单里"):
        county_outputs.recommend(county, year, honour, "州", actor=ZHAO)
    with county.reading() as conn:
        assert len(county_outputs.recommendations(conn, year)) == 1
        assert county_view.years(conn) == [year]
