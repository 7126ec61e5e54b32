"""Charts of the scenario section (report.charts.scenario): what each draws from an Outlook, and the data
and alt text that travel with it."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from strategy_brief import fmt
from strategy_brief.analysis import scenario as model
from strategy_brief.curated import regions
from strategy_brief.report import style
from strategy_brief.report.charts import scenario as charts
from strategy_brief.report.narrative import scenario as story

ALL = list(regions.REPORTING_REGIONS)


@pytest.fixture(scope="module")
def base() -> pd.DataFrame:
    return model.load_assumptions()


@pytest.fixture(scope="module")
def scenarios() -> dict:
    return model.load_scenarios()


@pytest.fixture(scope="module")
def everywhere(base, scenarios) -> model.Outlook:
    return model.run(scenario="status_quo", region=regions.GLOBAL, draws=200, base=base, scenarios=scenarios)


@pytest.fixture(scope="module")
def tightened(base, scenarios) -> model.Outlook:
    return model.run(scenario="controls_tighten", region="Europe", draws=200, base=base, scenarios=scenarios)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_global_paths_draw_every_region_and_highlight_the_focus(everywhere):
    chart = charts.share_paths(everywhere)
    ax = chart.fig.axes[0]
    assert len(ax.lines) == len(ALL)
    [highlighted] = [line for line in ax.lines if line.get_linewidth() == 2.2]
    assert to_hex(highlighted.get_color()) == style.bloc_colour("China").lower()
    low, focus = everywhere.end["share_china_median"].idxmin(), everywhere.focus
    top = fmt.share(everywhere.end.loc[focus, "share_china_median"])
    assert style.figure_title(chart.fig).endswith(f"in {low} to {top} in {focus}")
    assert all(f"{r} {fmt.share(everywhere.end.loc[r, 'share_china_median'])}" in chart.alt for r in ALL)
    assert list(chart.data.columns) == [
        "region",
        "year",
        "share_china_p10",
        "share_china_median",
        "share_china_p90",
        "scenario",
    ]
    assert len(chart.data) == len(everywhere.paths) and set(chart.data["scenario"]) == {"status_quo"}
    assert set(chart.columns) == set(chart.data.columns)


def test_a_regions_paths_add_the_status_quo_dashed_only_under_another_scenario(base, scenarios, tightened):
    chart = charts.share_paths(tightened)
    ax = chart.fig.axes[0]
    styles = sorted(line.get_linestyle() for line in ax.lines)
    assert styles == ["-", "--"]
    status_quo = tightened.reference_end.loc["Europe", "share_china_median"]
    assert chart.alt.endswith(f"the status quo's median ends at {fmt.share(status_quo)}.")
    assert ("rises" in style.figure_title(chart.fig)) == (
        tightened.headline["share_china_median"] >= tightened.start_share
    )
    plain = charts.share_paths(
        model.run(scenario="status_quo", region="Europe", draws=50, base=base, scenarios=scenarios)
    )
    assert [line.get_linestyle() for line in plain.fig.axes[0].lines] == ["-"]
    assert "status quo" not in plain.alt


def test_swings_draw_the_largest_bars_labelled_and_coloured_by_stack(everywhere):
    top = 6
    chart = charts.swings(everywhere, top)
    ax = chart.fig.axes[0]
    head = everywhere.swings.head(top)
    assert len(ax.patches) == 2 * top  # low and high end of each assumption
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert [t.split(" (")[0] for t in ticks] == [story.label(p) for p in head["parameter"][::-1]]
    by_label = dict(zip(ticks, range(len(ticks)), strict=True))
    for row in head.itertuples():
        bloc = model.stack_of(row.parameter)
        [y] = [y for t, y in by_label.items() if t.startswith(story.label(row.parameter) + " (")]
        bars = [p for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - y) < 1e-9]
        assert to_hex(bars[0].get_facecolor()) == (style.bloc_colour(bloc) if bloc else style.NEUTRAL).lower()
        assert len(bars) == 2 and (bars[0].get_hatch() or "") == style.BLOC_HATCHES.get(bloc, "")
    assert f"{top} largest of {len(everywhere.swings)}" in " ".join(t.get_text() for t in chart.fig.texts)
    assert chart.alt.count(" at its high end") == top
    assert set(chart.data["focus_region"]) == {everywhere.focus} and len(chart.data) == len(everywhere.swings)


def test_against_reference_says_cuts_raises_or_moves(tightened):
    chart = charts.against_reference(tightened, model.against_reference(tightened))
    assert style.figure_title(chart.fig).startswith('"Export controls tighten" cuts the 2030 median by')
    [bold] = [t.get_text() for t in chart.fig.axes[0].get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == "Europe"
    mixed = pd.DataFrame(
        {
            "region": ["Europe", "Southern Asia"],
            "status_quo_median": [0.2, 0.2],
            "scenario_median": [0.17, 0.25],
            "change": [-0.03, 0.05],
        }
    )
    chart = charts.against_reference(tightened, mixed)
    assert style.figure_title(chart.fig).endswith("moves the 2030 median by -3 to +5 percentage points")
    assert list(chart.data.columns) == [
        "region",
        "status_quo_median",
        "scenario_median",
        "change",
        "year",
        "scenario",
    ]
    assert chart.alt.endswith("Europe 20% to 17%; Southern Asia 20% to 25%.")


def test_across_scenarios_marks_this_edition(everywhere, scenarios):
    compare = model.across_scenarios(everywhere)
    chart = charts.across_scenarios(everywhere, compare)
    ticks = [t.get_text() for t in chart.fig.axes[0].get_yticklabels()]
    assert "Status quo (this edition)" in ticks and len(ticks) == len(scenarios)
    assert ticks == [
        story.title(s) + (" (this edition)" if s == "status_quo" else "") for s in compare["scenario"]
    ]
    assert list(chart.data.columns) == [
        "region",
        "year",
        "scenario",
        "share_china_p10",
        "share_china_median",
        "share_china_p90",
    ]
    lo, hi = compare["share_china_median"].iloc[[0, -1]]
    span = f"span {fmt.share(lo)} to {fmt.share(hi)} by {everywhere.horizon}"
    assert style.figure_title(chart.fig) == f"In {everywhere.focus}, the named scenarios {span}"


def test_show_hands_the_chart_and_its_note_to_record(monkeypatch, tightened):
    shown = {}
    monkeypatch.setattr(charts.record, "show_figure", lambda fig, **kw: shown.update(fig=fig, **kw))
    chart = charts.share_paths(tightened)
    charts.show(chart, "Source: test.")
    assert shown["fig"] is chart.fig and shown["source_note"] == "Source: test."
    assert shown["alt"] == chart.alt and shown["data"] is chart.data and shown["columns"] == chart.columns
