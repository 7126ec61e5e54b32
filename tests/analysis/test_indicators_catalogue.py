"""analysis.indicators.catalogue: open-weight share by bloc for the newest full year."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import catalogue


def frame():
    return pd.DataFrame(
        {
            "developer_bloc": ["United States", "China", "Unclassified", "China", "China"],
            "release_year": pd.array([2025, 2025, 2025, 2026, None], dtype="Int64"),
            "models": [200, 40, 60, 9, 3],
            "open_weight_models": [50, 30, 6, 9, 1],
        }
    )


def test_newest_full_year_is_before_as_of():
    assert catalogue.newest_full_year(frame(), dt.date(2026, 3, 1)) == 2025
    with pytest.raises(ValueError, match="no release year before 2025"):
        catalogue.newest_full_year(frame(), dt.date(2025, 3, 1))


def test_shares_with_intervals_only_below_100_models():
    out = catalogue.open_weight_share_by_bloc(frame(), 2025).set_index("developer_bloc")
    assert list(out.index) == ["United States", "China", "Unclassified"]
    assert out.loc["United States", "share"] == pytest.approx(0.25)
    assert math.isnan(out.loc["United States", "share_low"])
    assert out.loc["China", "share_low"] < 0.75 < out.loc["China", "share_high"]
    assert out["coverage"].sum() == pytest.approx(1)
    assert out.loc["Unclassified", "coverage"] == pytest.approx(0.2)


def test_missing_year_is_an_error():
    with pytest.raises(ValueError, match="release_year 2019"):
        catalogue.open_weight_share_by_bloc(frame(), 2019)
