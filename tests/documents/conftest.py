"""Fixtures for the documents tests (read-back helpers are in pdf_readback.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian_desktop.documents.data import Issuer


@pytest.fixture
def issuer() -> Issuer:
    return Issuer(
        organ="中共青山镇委员会",
        office="中共青山镇委员会创先争优活动领导小组办公室",
        doc_prefix="青党发",
        seal_text="中共青山镇委员会",
        county="青山县",
        prefecture="大理白族自治州",
        province="云南省",
    )


@pytest.fixture
def signed_on() -> dt.date:
    return dt.date(2026, 6, 28)
