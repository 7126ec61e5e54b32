"""The capability section's charts on small release-dated scores and leaderboards."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from strategy_brief.analysis.indicators import capability
from strategy_brief.report import style
from strategy_brief.report.charts import capability as charts

US, CN, EU = "United States", "China", "Europe"
ECI = pd.DataFrame(
    {
        "bloc": [US, US, CN, CN, EU],
        "release_date": ["2024-01-01", "2024-07-01", "2024-04-01", "2025-01-01", "2024-05-01"],
        "eci_score": [100.0, 120.0, 100.0, 115.0, 130.0],
    }
)
ARENA = pd.DataFrame(
    {
        "leaderboard_version": ["2025-01-01", "2025-01-01", "2025-01-01", "2025-03-01", "2025-03-01"],
        "bloc": [US, CN, EU, US, CN],
        "best_score": [1300.0, 1250.0, 1200.0, 1320.0, 1290.0],
        "best_model": ["us-a", "cn-a", "eu-a", "us-b", "cn-b"],
    }
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_eci_frontier_steps_from_the_first_date_both_blocs_have_a_model():
    gap = capability.latest(capability.gap(ECI, US, CN))
    chart = charts.eci_frontier(ECI, gap)
    # US reached China's 115 on 2024-07-01, 184 days before 2025-01-01: 6 months.
    assert style.figure_title(chart["fig"]) == "China's best model trails the US frontier by 6 months"
    assert (
        "from April 2024 to January 2025; at the end the US stands at 120 and China at 115, a lag of 6 "
        "months." in chart["alt"]
    )
    data = chart["data"]
    assert set(data["bloc"]) == {US, CN}  # Europe is not drawn
    # A step at every release date from China's first (Europe's release included), each bloc carried forward.
    assert data["release_date"].tolist()[:4] == ["2024-04-01", "2024-05-01", "2024-07-01", "2025-01-01"]
    assert data[data["bloc"] == US]["best_eci"].tolist() == [100.0, 100.0, 120.0, 120.0]
    assert data[data["bloc"] == CN]["best_eci"].tolist() == [100.0, 100.0, 100.0, 115.0]
    assert set(chart["columns"]) == set(data.columns)


def test_eci_frontier_titles_the_lag_with_its_range():
    gap = capability.latest(capability.gap(ECI, US, CN))
    lag = pd.Series({"lag_months": 6.0, "lag_shorter": 4.5, "lag_longer": 8.2, "margin": 1.0})
    chart = charts.eci_frontier(ECI, gap, lag)
    assert (
        style.figure_title(chart["fig"]) == "China's best model trails the US frontier by 6 months (4.5–8.2)"
    )
    subtitle = " ".join(t.get_text().replace("\n", " ") for t in chart["fig"].findobj(matplotlib.text.Text))
    assert "in brackets, the lag if the level to reach moves by ±1 point" in subtitle
    assert chart["alt"].endswith("a lag of 6 months (4.5 to 8.2 with the level to reach moved).")
    # On these scores the US reached 114 and 116 on the same release: the range is not drawn.
    flat = charts.eci_frontier(ECI, gap, capability.lag_sensitivity(ECI, US, CN))
    assert style.figure_title(flat["fig"]) == "China's best model trails the US frontier by 6 months"


def test_arena_ratings_keep_the_us_and_china_per_version():
    gap = capability.latest(capability.arena_gap(ARENA, US, CN))
    chart = charts.arena_ratings(ARENA, gap)
    assert style.figure_title(chart["fig"]) == "On LMArena the gap was 30 points in March 2025"
    assert (
        "from January 2025 to March 2025; at the last version the US stands at 1,320 and China at 1,290."
        in (chart["alt"])
    )
    assert chart["data"]["best_model"].tolist() == ["us-a", "cn-a", "us-b", "cn-b"]
    assert list(chart["data"].columns) == list(chart["columns"])
