"""report.charts.arena: the gap with its interval band, and the gap by language arena, on synthetic gaps."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from strategy_brief.analysis.indicators import arena
from strategy_brief.report import style
from strategy_brief.report.charts import arena as charts
from tests.report.figure_tools import texts

US, CN = "United States", "China"


def best(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        [(d, a, b, m, r, r - h, r + h) for d, a, b, m, r, h in rows],
        columns=["date", "arena", "bloc", "model", "rating", "ci_lower", "ci_upper"],
    )


GAPS = arena.gap(
    best(
        ("2025-03-01", "text-style-control", US, "us-a", 1400.0, 5.0),
        ("2025-03-01", "text-style-control", CN, "cn-a", 1350.0, 5.0),
        ("2025-03-20", "text-style-control", US, "us-a", 1405.0, 5.0),
        ("2025-03-20", "text-style-control", CN, "cn-b", 1395.0, 8.0),  # inside
        ("2025-11-02", "text-style-control", US, "us-b", 1460.0, 6.0),  # months later: not joined by a line
        ("2025-11-02", "text-style-control", CN, "cn-c", 1432.0, 6.0),
        ("2025-11-02", "text", US, "us-b", 1450.0, 6.0),
        ("2025-11-02", "text", CN, "cn-c", 1455.0, 6.0),  # China ahead, inside
        ("2025-11-02", "chinese", US, "us-b", 1470.0, 20.0),
        ("2025-11-02", "chinese", CN, "cn-c", 1458.0, 18.0),
        ("2025-11-02", "english", US, "us-b", 1462.0, 6.0),
        ("2025-11-02", "english", CN, "cn-d", 1421.0, 6.0),
    )
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def hollow_and_filled(fig) -> tuple[int, int]:
    """Markers drawn hollow (white face) and filled, counted point by point."""
    hollow = filled = 0
    for line in fig.axes[0].get_lines():
        if line.get_marker() in ("None", None, ""):
            continue
        n = len(line.get_xdata())
        if line.get_markerfacecolor() == "white":
            hollow += n
        else:
            filled += n
    return hollow, filled


def test_gap_over_time_titles_the_newest_gap_and_marks_overlaps():
    chart = charts.gap_over_time(GAPS)
    assert style.figure_title(chart["fig"]) == "On LMArena, the US led by 28 points in November 2025"
    assert hollow_and_filled(chart["fig"]) == (1, 2)
    assert "US ahead" in texts(chart["fig"]) and "China ahead" in texts(chart["fig"])
    assert chart["alt"].startswith(
        "Line of the gap between the best US and the best Chinese model's LMArena rating in the overall "
        "arena with style control at 3 leaderboard versions from March 2025 to November 2025"
    )
    assert "The gap runs from 10 to 50 points" in chart["alt"]
    assert "the US leads by 28 points (us-b against cn-c), with a range of 16 to 40." in chart["alt"]
    assert "1 of the 3 gaps lies within the two intervals." in chart["alt"]
    assert "A dotted line joins versions more than 60 days apart" in chart["alt"]
    data = chart["data"]
    assert data["date"].tolist() == ["2025-03-01", "2025-03-20", "2025-11-02"]
    assert data["inside_intervals"].tolist() == [False, True, False]
    assert set(chart["columns"]) == set(data.columns)


def test_gap_over_time_bands_break_where_the_catalog_has_no_version():
    chart = charts.gap_over_time(GAPS)
    collections = chart["fig"].axes[0].collections
    filled = [c for c in collections if type(c).__name__ in ("PolyCollection", "FillBetweenPolyCollection")]
    assert len(filled) == 2  # March run and November run
    dotted = [line for line in chart["fig"].axes[0].get_lines() if line.get_linestyle() == ":"]
    assert len(dotted) == 1


def test_a_gap_within_the_intervals_says_so_in_the_title_and_a_china_lead_is_named():
    chart = charts.gap_over_time(GAPS, "text")
    assert style.figure_title(chart["fig"]) == (
        "On LMArena, China led by 5 points in November 2025 (within the leaderboard's own 95% intervals)"
    )
    assert "None of the 1 gaps" not in chart["alt"] and "1 of the 1 gaps lies" in chart["alt"]
    assert "dotted" not in chart["alt"]


def test_language_gaps_compare_chinese_and_english():
    chart = charts.language_gaps(GAPS)
    assert style.figure_title(chart["fig"]) == (
        "The US–China gap was 12 points in the Chinese-language arena and 41 in the English one in "
        "November 2025"
    )
    labels = [t.get_text() for t in chart["fig"].axes[0].get_yticklabels()]
    assert labels == ["Overall", "Chinese", "English"]  # the overall arena on top
    bold = {t.get_text() for t in chart["fig"].axes[0].get_yticklabels() if t.get_fontweight() == "bold"}
    assert bold == {"Chinese", "English"}
    assert hollow_and_filled(chart["fig"]) == (2, 1)  # Overall and Chinese inside
    assert chart["alt"].endswith(
        "Overall -5; Chinese 12; English 41. Within the two intervals: Overall and Chinese."
    )
    assert chart["data"]["arena"].tolist() == ["text", "chinese", "english"]
    bars = chart["fig"].axes[0].collections[0].get_segments()
    chinese = [tuple(np.round(s[:, 0], 1)) for s in bars][1]
    assert chinese == ((1470.0 - 20) - (1458.0 + 18), (1470.0 + 20) - (1458.0 - 18))
