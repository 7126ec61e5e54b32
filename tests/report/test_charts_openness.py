"""The openness section's charts (strategy_brief.report.charts.openness) on small synthetic tables: what
each draws, and the alt text and data it publishes with the figure."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection

from strategy_brief.analysis.indicators import adoption, openness
from strategy_brief.report import style
from strategy_brief.report.charts import openness as charts
from tests.report.figure_tools import texts

US, CN = "United States", "China"


def share_series(few_models: int = 5) -> pd.DataFrame:
    rows = [
        (2023, US, "open_unrestricted", 2),
        (2023, US, "api", 8),
        (2023, CN, "open_unrestricted", 3),
        (2024, US, "api", 9),
        (2024, US, "open_restricted", 1),
        (2024, CN, "open_unrestricted", 6),
        (2024, CN, "api", 2),
    ]
    models = pd.DataFrame(rows, columns=["year", "bloc", "openness_class", "models"])
    shares = openness.as_percent(openness.open_weight_share(models))
    return openness.bloc_share_series(shares, 2023, 2024, few_models)


def test_open_share_titles_the_last_year_and_marks_small_samples(shown):
    tidy = share_series(few_models=5)
    charts.open_share(tidy, first_year=2023, last_year=2024, few_models=5, source_note="Source: S")
    [call] = shown
    fig = call["fig"]
    assert (
        style.figure_title(fig) == "In 2024, 75% of China's notable models had open weights, 10% of the US's"
    )
    # China's 2023 (3 models) is the only small sample: one hollow marker, labelled with its count.
    hollow = [line for line in fig.axes[0].get_lines() if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1 and list(hollow[0].get_xdata()) == [2023]
    assert "n=3" in texts(fig)
    assert fig.axes[0].get_ylim() == (0, 100)
    # Every share rests on fewer than 100 models: each carries its Wilson interval (by hand: 2 of 10 gives
    # 0.057-0.510, 1 of 10 0.018-0.404, 3 of 3 0.438-1, 6 of 8 0.409-0.929).
    assert call["alt"].endswith(
        "United States: 2023 20% of 10 (95% interval 6–51%), 2024 10% of 10 (95% interval 2–40%); "
        "China: 2023 100% of 3 (95% interval 44–100%), 2024 75% of 8 (95% interval 41–93%)."
    )
    bars = [c for c in fig.axes[0].containers if isinstance(c, matplotlib.container.ErrorbarContainer)]
    assert len(bars) == 2  # one set of interval bars per bloc
    for container, bloc in zip(bars, (US, CN), strict=True):
        [segments] = container.lines[2]
        rows = tidy[tidy["bloc"] == bloc]
        lows = sorted(min(seg[:, 1]) for seg in segments.get_segments())
        highs = sorted(max(seg[:, 1]) for seg in segments.get_segments())
        assert lows == pytest.approx(sorted(rows["open_share_low"]))
        assert highs == pytest.approx(sorted(rows["open_share_high"]))
    assert any("bars: 95% interval" in t for t in texts(fig))
    data = call["data"]
    assert data["needs_interval"].all()
    assert (data["open_share_low"] <= data["open_share"]).all() and (
        data["open_share"] <= data["open_share_high"]
    ).all()
    assert "Wilson" in call["columns"]["open_share_low"]
    assert call["data"]["small_sample"].tolist() == tidy["small_sample"].tolist()
    assert "fewer than 5 models" in call["columns"]["small_sample"]
    assert call["source_note"] == "Source: S"


def places_table() -> pd.DataFrame:
    top = pd.DataFrame(
        {
            "leaderboard_version": ["2025-01-06", "2025-01-06", "2025-04-07", "2025-04-07", "2025-04-07"],
            "bloc": [US, CN, US, CN, "Europe"],
            "openness_class": [
                "open_unrestricted",
                "open_restricted",
                "api",
                "open_unrestricted",
                "open_restricted",
            ],
            "models": [1, 2, 16, 3, 1],
            "top_n": [20] * 5,
        }
    )
    return openness.open_places(openness.licence_mix(top, by_bloc=True))


def test_open_places_stacks_the_blocs_and_publishes_one_row_per_version_and_bloc(shown):
    places = places_table()
    charts.open_places(places, top_n=20, source_note="Source: S")
    [call] = shown
    fig = call["fig"]
    assert (
        style.figure_title(fig)
        == "4 of the top 20 LMArena models had open weights in April 2025, 3 of them Chinese"
    )
    areas = [c for c in fig.axes[0].collections if isinstance(c, PolyCollection)]
    assert len(areas) == 4  # one per bloc, in the stack order
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == charts.STACK
    assert len(call["data"]) == 2 * 4 and set(call["data"]["top_n"]) == {20}
    assert call["data"].groupby("leaderboard_version")["open_weight_models"].sum().tolist() == [3, 4]
    assert "At the first version: China 2, United States 1, Europe 0, Rest of world 0" in call["alt"]
    assert call["alt"].endswith("The total ranged from 3 to 4.")
    assert fig.axes[0].get_ylim() == (0, 10)


def test_derivatives_marks_upper_bounds_and_outlines_unattributed_families(shown):
    table = pd.DataFrame(
        {
            "family": ["Llama", "Qwen", "Other"],
            "bloc": [US, CN, "Unattributed"],
            "derivative_models": [1200, 900, 40],
        }
    )
    derivatives = adoption.derivatives_by_family(table)
    charts.derivatives(derivatives, source_note="Source: S")
    [call] = shown
    fig = call["fig"]
    assert style.figure_title(fig).startswith(
        "Llama (at most 1,200) and Qwen (900) have the most derivatives"
    )
    assert " ≤ 1,200 (upper bound)" in texts(fig) and " 900" in texts(fig)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == [US, CN, "Unattributed"]
    outline = fig.axes[0].patches[0]  # bars are drawn from the smallest family up
    assert outline.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    assert "Llama (United States) at most 1,200, Qwen (China) 900, Other (Unattributed) 40." in call["alt"]
    assert call["data"]["upper_bound"].tolist() == [True, False, False]
