"""analysis.indicators.openness on small hand-computed examples."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import openness


def test_open_weight_share_by_hand():
    models = pd.DataFrame(
        {
            "year": [2025, 2025, 2025, 2025],
            "bloc": ["China", "China", "United States", "United States"],
            "openness_class": ["open_unrestricted", "api", "api", "unknown"],
            "models": [3, 1, 4, 10],
        }
    )
    out = openness.open_weight_share(models).set_index("bloc")
    assert out.loc["China", "open_share"] == 0.75
    assert out.loc["United States", "open_share"] == 0.0 and out.loc["United States", "known_models"] == 4
    with pytest.raises(ValueError, match="lacks column"):
        openness.open_weight_share(models.drop(columns=["models"]))


def test_open_weight_share_carries_its_wilson_interval_and_as_percent_scales_it():
    models = pd.DataFrame(
        {
            "year": [2025, 2025, 2025, 2025],
            "bloc": ["China", "China", "United States", "United States"],
            "openness_class": ["open_unrestricted", "api", "open_unrestricted", "api"],
            "models": [3, 1, 60, 60],
        }
    )
    out = openness.open_weight_share(models).set_index("bloc")
    # 3 of 4 by the closed formula, z = 1.96: centre (p + z²/2n) / (1 + z²/n), half-width
    # z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).
    z, n, p = 1.959963984540054, 4, 0.75
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * (p * (1 - p) / n + z**2 / (4 * n**2)) ** 0.5 / (1 + z**2 / n)
    china = out.loc["China"]
    assert (china["open_share_low"], china["open_share_high"]) == pytest.approx(
        (centre - half, centre + half)
    )
    assert bool(china["needs_interval"]) and not out.loc["United States", "needs_interval"]  # 120 models
    pct = openness.as_percent(openness.open_weight_share(models)).set_index("bloc")
    assert pct.loc["China", "open_share"] == 75.0
    assert pct.loc["China", "open_share_low"] == pytest.approx(100 * (centre - half))
    assert pct.loc["China", "known_models"] == 4  # counts are not scaled


def test_licence_mix_shares_sum_to_one_per_version():
    top = pd.DataFrame(
        {
            "leaderboard_version": ["v1", "v1", "v1", "v2"],
            "bloc": ["United States", "China", "China", "China"],
            "openness_class": ["api", "open_unrestricted", "api", "open_unrestricted"],
            "models": [3, 1, 1, 5],
            "top_n": [5, 5, 5, 5],
        }
    )
    mix = openness.licence_mix(top).set_index(["leaderboard_version", "openness_class"])
    assert mix.loc[("v1", "api"), "share"] == 0.8 and mix.loc[("v1", "open_unrestricted"), "share"] == 0.2
    assert mix.loc[("v2", "open_unrestricted"), "share"] == 1.0
    by_bloc = openness.licence_mix(top, by_bloc=True)
    assert by_bloc.groupby("leaderboard_version")["share"].sum().tolist() == [1.0, 1.0]
