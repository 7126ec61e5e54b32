"""A country brief's sentences and chart (report.narrative.country, report.charts.country): caveats
said, missing measures said to be missing, never filled in."""

from __future__ import annotations

import dataclasses
import itertools

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from strategy_brief.analysis import countries
from strategy_brief.analysis.indicators import usage
from strategy_brief.report.charts import country as charts
from strategy_brief.report.narrative import country as text


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")  # each chart test opens one; pyplot keeps them until closed


@pytest.fixture(scope="module")
def rich() -> countries.CountryView:
    table = pd.read_csv(countries.config.processed_dir() / "country_coverage.csv")
    code = table[(table["core_indicators"] == 5) & (table["adoption"] == "own")]["iso3"].iloc[0]
    return countries.view(code, draws=50)


def test_a_pooled_value_is_never_presented_as_the_countrys_own(rich):
    pooled = dataclasses.replace(rich, adoption=rich.adoption.assign(pooled=True))
    said = text.adoption(pooled)
    assert f"**Not {rich.country}'s own estimate:**" in said and "pool" in said
    assert "(its regional pool's figure)" in text.headline(pooled)
    assert "ranks" not in said, "a pool has no rank of the country's own"
    assert "(regional pool)" in charts.adoption_data(pooled)["series"].iloc[0]


def test_absent_from_anthropics_list_is_not_zero_use(rich):
    for reach in (None, rich.reach.copy().replace({rich.reach["status"]: usage.NOT_LISTED})):
        said = text.us_reach(dataclasses.replace(rich, reach=reach))
        assert "does not list" in said and "not zero use" in said
        assert "0.0" not in said


def test_missing_measures_are_said_missing(rich):
    thin = dataclasses.replace(
        rich,
        adoption=rich.adoption.iloc[0:0],
        infrastructure=None,
        trust_undp=None,
        trust_edelman=rich.trust_edelman.iloc[0:0],
        developers=None,
    )
    assert "gives no AI user share" in text.adoption(thin)
    assert "served from abroad" in text.infrastructure(thin)
    assert text.trust(thin) == f"No trust-in-AI survey covers {text._name(thin)}."
    assert "reports no developer count" in text.developers(thin)
    assert "gives no AI user share" in text.headline(thin)
    rows = text.comparison_rows(thin)
    assert not rows["measure"].str.startswith("AI user share").any()


def test_the_undp_figure_is_labelled_a_transcription_and_kept_apart_from_edelman(rich):
    if rich.trust_undp is None:
        pytest.skip("the chosen country has no UNDP figure")
    said = text.trust(rich)
    assert "third-party transcription" in said and "not comparable with Edelman's" in said


def test_the_scenario_line_is_labelled_and_says_where_its_start_comes_from(rich):
    said = text.scenario(rich)
    assert said.startswith("**Illustrative scenario, not a forecast.**")
    own = dataclasses.replace(rich, scenario_start_regional=True)
    assert "a starting share of the region's own" in text.scenario(own)
    assert "the global starting share" in text.scenario(
        dataclasses.replace(own, scenario_start_regional=False)
    )


def test_key_figures_are_named_per_country_and_the_chart_has_its_data(rich):
    from strategy_brief.report import key_figures

    figures = text.key_figures(rich, "2026-12-05")
    assert all(key_figures.region_dependent(f["name"]) for f in figures)
    chart = charts.adoption_chart(rich)
    assert set(chart["data"]["series"]) >= {rich.country, "World median"}
    assert rich.adoption.iloc[-1]["period"] in chart["alt"]


def test_the_chart_legend_sits_below_the_plot_where_no_line_can_run_under_it(rich):
    chart = charts.adoption_chart(rich)
    fig = chart["fig"]
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    plot = ax.get_window_extent(renderer)
    assert legend.y1 < plot.y0  # below the axes, labels included: no series drawn inside can cross it
    ticks = ax.get_xaxis().get_tightbbox(renderer)
    assert legend.y1 <= ticks.y0  # and below the period labels, not over them
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(dict.fromkeys(chart["data"]["series"]))


def test_end_labels_of_lines_ending_at_one_value_do_not_overlap(rich):
    # The country at its region's median and the world just below it (Brazil in Q1 2026).
    last = rich.adoption["period"].iloc[-1]
    region = rich.adoption_region.copy()
    share = rich.adoption["user_share"].iloc[-1]
    region.loc[region["period"] == last, "median_user_share"] = [share, share - 0.006]
    chart = charts.adoption_chart(dataclasses.replace(rich, adoption_region=region))
    fig, ax = chart["fig"], chart["fig"].axes[0]
    renderer = fig.canvas.get_renderer()
    labels = [a for a in ax.texts if a.get_text().endswith("%")]
    assert len(labels) == 3
    boxes = sorted((a.get_window_extent(renderer) for a in labels), key=lambda b: b.y0)
    assert all(low.y1 <= high.y0 + 0.5 for low, high in itertools.pairwise(boxes)), boxes


def test_regions_opened_in_one_year_are_not_said_to_span_from_it_to_itself(rich):
    assert rich.infrastructure is not None
    one_year = {**rich.infrastructure, "us_regions_dated": 1, "us_first_launch_year": 2019}
    one_year["us_latest_launch_year"] = 2019
    said = text.infrastructure(dataclasses.replace(rich, infrastructure=one_year))
    assert "dated region there opened in 2019" in said and "from 2019 to 2019" not in said
    span = {**one_year, "us_regions_dated": 3, "us_latest_launch_year": 2021}
    said = text.infrastructure(dataclasses.replace(rich, infrastructure=span))
    assert "dated regions there opened from 2019 to 2021" in said
