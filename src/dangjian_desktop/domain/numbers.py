"""The one way numbers are written for people: scores, percentages and weights.

`Decimal.normalize()` alone turns 20 into `2E+1`, which once reached paper as "自检自查×2E+1%".
Every score, percentage or weight the program shows or prints goes through these functions.
"""

from __future__ import annotations

from decimal import Decimal

Number = Decimal | int


def plain(value: Number) -> str:
    """A number as a clerk writes it: 20 -> '20', 8.50 -> '8.5', Decimal('2E+1') -> '20'.

    Never an exponent, never trailing zeros after the point, '0' for any zero.
    """
    number = Decimal(value)
    if number == 0:
        return "0"
    text = format(number.normalize(), "f")
    return text


def percent(value: Number) -> str:
    """A percentage already in percent: 20 -> '20%', 12.50 -> '12.5%'."""
    return f"{plain(value)}%"


def weight_percent(weight: Number) -> str:
    """A weight held as a fraction, as a percentage: 0.2 -> '20%', 0.35 -> '35%'."""
    return percent(Decimal(weight) * 100)


def points(value: Number) -> str:
    """A score with its unit: 9.5 -> '9.5分', 100 -> '100分'."""
    return f"{plain(value)}分"
