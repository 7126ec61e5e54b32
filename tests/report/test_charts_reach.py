"""The reach-and-trust section's figures and tables (report.charts.reach) on small hand-made tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from strategy_brief.analysis.indicators import reach, trust
from strategy_brief.curated import regions
from strategy_brief.report import record
from strategy_brief.report.charts import reach as charts
from tests.analysis.reach_rows import CLOUD, FACTS
from tests.analysis.test_indicators_trust import CONFIDENCE, undp_table

SSA, LAC = "Sub-Saharan Africa", "Latin America & Caribbean"


def view(region: str) -> reach.ReachTrust:
    return reach.reach_and_trust(CLOUD, FACTS, region)


@pytest.fixture
def recorded(monkeypatch):
    """What the show_* functions hand to record: ('figure' | 'table', keyword arguments) per call."""
    calls = []

    def show_figure(fig, **kw):  # the headline kept, its wrapping undone
        calls.append(("figure", {**kw, "title": fig.sb_headline[0].get_text().replace("\n", " ")}))
        plt.close(fig)

    monkeypatch.setattr(record, "show_figure", show_figure)
    monkeypatch.setattr(
        record, "show_table", lambda table, **kw: calls.append(("table", {"table": table, **kw}))
    )
    return calls


def test_cloud_figure_draws_two_bars_per_region_and_marks_the_selected_one():
    shown = view(SSA).ranked
    everywhere = charts.cloud_figure(shown, regions.GLOBAL, title="T", subtitle="S", counted="listed regions")
    assert len(everywhere.axes[0].patches) == 2 * len(shown)
    plt.close(everywhere)
    fig = charts.cloud_figure(shown, SSA, title="T", subtitle="S", counted="listed regions")
    ax = fig.axes[0]
    assert len(ax.patches) == 2 * len(shown) + 1  # and the band behind the selected region
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels.count(f"{SSA} ◆") == 1 and len(labels) == len(regions.REPORTING_REGIONS)
    plt.close(fig)


def test_show_cloud_publishes_one_row_per_region_and_bloc(recorded):
    charts.show_cloud(view(regions.GLOBAL), "2025-01-31")
    [(kind, kw)] = recorded
    data = kw["data"]
    assert kind == "figure" and len(data) == 2 * len(regions.REPORTING_REGIONS)
    assert set(data["bloc"]) == {"United States", "China"} and data["cloud_regions"].sum() == 17
    # China 10 of 17 worldwide, with its 95% Wilson interval
    low, high = (round(100 * x) for x in reach.wilson_interval(10, 17))
    assert kw["alt"].endswith(f". Worldwide US 7, China 10 (59%; 95% interval {low}–{high}% Chinese).")
    assert "January 2025" in kw["alt"] and kw["columns"]["cloud_regions"].endswith("(listed regions)")
    shares = data.drop_duplicates("world_region").dropna(subset=["china_share"])
    assert (shares["china_share_low"] <= shares["china_share"]).all()
    assert {"china_share_low", "china_share_high"} <= set(kw["columns"])


def test_trust_layout_leaves_a_wider_gap_between_groups():
    rows = charts.trust_layout(reach.trust_by_group(FACTS), SSA)
    steps = rows["y"].diff().dropna().round(1)
    changes = (rows["group"] != rows["group"].shift()).iloc[1:]
    assert set(steps[changes]) == {1.6} and set(steps[~changes]) == {1.0}


def test_show_trust_publishes_countries_and_the_survey_wide_figure(recorded):
    charts.show_trust(view(SSA), FACTS)
    [(_, kw)] = recorded
    assert set(kw["data"]["country"]) == set(FACTS.loc[FACTS["primary_source"] == reach.BAROMETER, "country"])
    assert "Kenya at least 60% (Global South)" in kw["alt"] and kw["alt"].endswith("; World 50%.")
    # two Global South and three Western countries: the headline gives their spans, not a gap
    assert kw["title"] == (
        "Trust in AI: 70–80% in the Global South countries surveyed, 20–40% in the Western ones "
        "(2 Global South and 3 Western countries: an indication)"
    )


def test_tables_mark_the_region_and_never_combine_the_surveys(recorded):
    charts.show_two_surveys(view(LAC), FACTS)
    [(_, pair)] = recorded
    by_country = pair["table"].set_index("country")
    assert by_country.loc["Brazil ◆", "barometer"] == "no figure"
    assert (
        by_country.loc["Germany", "barometer"] == "20% (T2)"
        and by_country.loc["Germany", "flash"] == "35% (P1)"
    )
    assert pair["caption"].endswith(f"(◆ = {LAC})")


def undp():
    confidence = trust.undp_confidence(undp_table(CONFIDENCE))
    return trust.UndpTrust(
        by_country=confidence,
        by_region=trust.undp_by_region(confidence).set_index("world_region"),
        coverage=trust.trust_source_coverage(confidence, FACTS).set_index("world_region"),
    )


def test_undp_layout_groups_countries_by_region_most_confident_first():
    rows = charts.undp_layout(undp().by_country)
    assert list(rows["country"]) == [
        "Nigeria",
        "South Africa",
        "Brazil",
        "Egypt",
        "Tunisia",
        "Türkiye",
        "United States",
    ]
    steps = rows["y"].diff().dropna().round(1)
    changes = (rows["world_region"] != rows["world_region"].shift()).iloc[1:]
    assert set(steps[changes]) == {1.6} and set(steps[~changes]) == {1.0}


def test_show_undp_is_labelled_a_transcription_and_marks_the_region(recorded):
    charts.show_undp(undp(), "Middle East & North Africa", "Source: synthetic.")
    [(kind, kw)] = recorded
    assert kind == "figure"
    assert kw["title"] == (
        "Confidence in AI systems runs from 25% in Brazil to 80% in Egypt (UNDP survey, third-party "
        "transcription)"
    )
    assert (
        set(kw["data"]["survey"]) == {trust.UNDP}
        and "Egypt (Middle East & North Africa) 80%, very 40%" in kw["alt"]
    )
    assert kw["columns"]["survey"].endswith("(never mixed with Edelman's figures)")
