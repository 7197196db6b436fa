"""The one number formatter: never an exponent, never trailing zeros."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dangjian_desktop.domain.numbers import percent, plain, points, weight_percent


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("20.00"), "20"),
        (Decimal("2E+1"), "20"),
        (Decimal("1E+2"), "100"),
        (Decimal("8.50"), "8.5"),
        (Decimal("0.00"), "0"),
        (Decimal("-0"), "0"),
        (Decimal("0.05"), "0.05"),
        (Decimal("93.25"), "93.25"),
        (7, "7"),
    ],
)
def test_plain(value: Decimal, expected: str) -> None:
    assert plain(value) == expected


def test_weights_percent_and_points() -> None:
    assert weight_percent(Decimal("0.2")) == "20%"
    assert weight_percent(Decimal("0.80")) == "80%"
    assert weight_percent(Decimal("0.35")) == "35%"
    assert weight_percent(Decimal("1")) == "100%"
    assert percent(Decimal("2E+1")) == "20%"
    assert points(Decimal("90.0")) == "90分"
