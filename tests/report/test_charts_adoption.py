"""The charts of "Who uses AI, where" (report.charts.adoption) on synthetic tables."""

from __future__ import annotations

import pytest

from strategy_brief.analysis.indicators import developers as dev
from strategy_brief.analysis.indicators import usage
from strategy_brief.curated import regions
from strategy_brief.report.charts import adoption as charts
from tests.analysis.test_indicators_developers import COLLAB, DEVS
from tests.analysis.test_indicators_usage import ECONOMIES, WEEKS, share_table, weekly_table
from tests.report.figure_tools import texts


def shares():
    table = share_table(ECONOMIES)
    return usage.user_share_by_region(table), usage.south_north_gap(table)


def test_user_share_rows_put_the_two_medians_first_then_each_group_highest_first():
    rows = charts.user_share_rows(*shares())
    order = list(dict.fromkeys(rows["label"]))
    assert order == [
        "Global North (median)",
        "Global South (median)",
        "Global North regions",
        "Europe",
        "Northern America",
        "Global South regions",
        "Southern Asia",
        "Sub-Saharan Africa",
    ]
    positions = rows.drop_duplicates("label").set_index("label")["y"]
    assert positions["Global North regions"] - positions["Global South (median)"] == 1.5  # a wider gap
    assert positions["Northern America"] - positions["Europe"] == 1.0


def test_user_share_chart_has_a_headline_alt_text_and_its_data(shown):
    by_region, gap = shares()
    charts.user_share(by_region, gap, source_note="Source: synthetic.")
    [call] = shown
    title = call["fig"].texts[0].get_text().replace("\n", " ")
    assert title.startswith(
        "A median 31% of working-age people use generative AI in the Global North, 14% in the South"
    )
    assert "17 percentage points apart" in title
    assert "Global South (median) H1 2025" in call["alt"] and "Q1 2026 14%" in call["alt"]
    assert call["alt"].endswith(f"Q1 2026 {gap['gap_pp'].iloc[-1]:g} points.")
    data = call["data"]
    assert set(data["period"]) == {"H1 2025", "H2 2025", "Q1 2026"}
    assert "kind" not in data and "y" not in data
    assert data.loc[data["group_or_region"] == "Northern America", "indication"].all()
    assert "Northern America (1 estimates)" in texts(call["fig"])
    assert call["source_note"] == "Source: synthetic."


def test_openrouter_chart_draws_both_lines(shown):
    top10 = usage.bloc_top10_share(weekly_table(WEEKS))
    charts.openrouter(top10, usage.summarise_share(top10), source_note="Source: synthetic.")
    [call] = shown
    ax = call["fig"].axes[0]
    assert len(ax.get_lines()) == 2
    assert [round(y) for y in ax.get_lines()[0].get_ydata()] == [20, 30]
    assert [round(y) for y in ax.get_lines()[1].get_ydata()] == [20, 25]
    assert "went from 20% to 30% in 2 weeks" in call["fig"].texts[0].get_text().replace("\n", " ")
    assert "2025-09-14 30% (25% without free variants)" in call["alt"]
    assert list(call["data"]["share"]) == pytest.approx([0.2, 0.3])


def test_developers_chart_sets_the_base_beside_the_ties(shown):
    base = dev.developer_base_by_region(dev.developer_base(DEVS))
    ties = dev.collaboration_by_region(dev.collaboration_ties(COLLAB, quarters=2))
    charts.developers(base, ties, source_note="Source: synthetic.")
    [call] = shown
    left, right = call["fig"].axes
    # Sub-Saharan Africa, Southern Asia, Northern America and the Global South have developers here
    assert len(left.patches) == 4
    assert len(right.patches) >= 1  # the China bloc's share where a tie is reported
    drawn = texts(call["fig"])
    assert "no economy reported" in drawn  # a region without a reported economy says so, never 0
    assert "not reported" in drawn  # so does one without a reported tie
    areas = list(call["data"]["area"])
    assert areas[:5] == list(regions.GLOBAL_SOUTH) and dev.GLOBAL_SOUTH in areas
    assert call["columns"]["china_share_of_ties"].endswith("a share of activity, not of counts")
