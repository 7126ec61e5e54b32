"""Verdicts the claims ledger computes: the 'fraction of the cost' check on the hand-worked price list of
tests/analysis/price_view_rows.py."""

from __future__ import annotations

import math

import pytest

from strategy_brief.analysis import claims_checks
from tests.analysis.price_view_rows import JAN, JUN, ROWS, eci, prices, view


@pytest.mark.parametrize(
    ("first", "latest", "verdict"),
    [
        (27.0, 3.0, "supported"),
        (2.0, 1.05, "held then, not current"),
        (1.5, 1.05, "contested"),
        (math.nan, 1.05, "contested"),
        (27.0, math.nan, None),
    ],
)
def test_fraction_of_cost_verdict(first, latest, verdict):
    assert claims_checks.fraction_of_cost_verdict(first, latest) == verdict


def test_cost_parity_on_the_hand_worked_price_list():
    # January: China's best priced model is cn-big (ECI 140), cheapest 1.25 on Together; the cheapest US
    # model at 140 is us-big, 12 on Azure: 9.6. June: us-big 6 against cn-new 0.5 at 145: 12.
    parity = claims_checks.cost_parity(view(), prices(), eci())
    assert (parity.first, parity.latest) == (JAN, JUN)
    assert parity.first_ratio == pytest.approx(9.6) and parity.latest_ratio == pytest.approx(12.0)
    assert parity.first_models == ("us-big", "cn-big") and parity.latest_models == ("us-big", "cn-new")
    assert parity.verdict == "supported"


def test_cost_parity_held_then_when_the_us_price_falls_to_near_parity():
    # us-big in June at 0.6 in / 1.2 out: 0.75 blended against cn-new's 0.5, 1.5×.
    rows = [r if (r[0], r[2]) != (JUN, "us-big") else (*r[:6], 0.6, 1.2) for r in ROWS]
    parity = claims_checks.cost_parity(view(rows), prices(rows), eci())
    assert parity.latest_ratio == pytest.approx(1.5)
    assert parity.verdict == "held then, not current"
