"""The house chart style (strategy_brief.report.style): deterministic SVG and PNG, headline titles, fixed US
and China colours, bar styles by bloc, month ticks."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from strategy_brief.report import style
from tests.report.figure_tools import small_figure


def test_bar_style_gives_each_bloc_its_colour_and_hatch_and_others_an_outline():
    for bloc in style.BLOC_COLOURS:
        kw = style.bar_style(bloc)
        assert kw["facecolor"] == style.BLOC_COLOURS[bloc] and kw["hatch"] == style.BLOC_HATCHES[bloc]
    outline = style.bar_style("Unattributed")
    assert (outline["facecolor"], outline["edgecolor"]) == ("white", style.MUTED) and outline["linewidth"] > 0
    fig, ax = plt.subplots()
    try:
        [bar] = ax.barh(["China"], [3], **style.bar_style("China"))
        assert to_hex(bar.get_facecolor()) == style.BLOC_COLOURS["China"].lower() and bar.get_hatch() == "///"
    finally:
        plt.close(fig)


def test_month_ticks_put_one_labelled_tick_on_each_distinct_date():
    dates = pd.to_datetime(["2025-03-04", "2025-01-10", "2025-03-04", "2025-07-20"])
    fig, ax = plt.subplots()
    try:
        ax.plot(dates, [1, 2, 3, 4])
        style.month_ticks(ax, dates)
        labels = [t.get_text() for t in ax.get_xticklabels()]
        assert labels == ["Jan 2025", "Mar 2025", "Jul 2025"]
        assert all(t.get_fontsize() == 8 for t in ax.get_xticklabels())
    finally:
        plt.close(fig)


def test_svg_is_identical_across_renders_and_carries_no_date():
    first, second = style.to_svg(small_figure(), "s"), style.to_svg(small_figure(), "s")
    assert first == second
    assert first.startswith("<svg") and "<dc:date>" not in first


def test_figure_html_has_alt_text_number_and_source_note():
    html = style.figure_html(small_figure(), number=3, alt="Two bars", source_note="Source: test.")
    assert 'aria-label="Two bars"' in html and 'id="figure-3"' in html
    assert "Figure 3." in html and "Source: test." in html


@pytest.mark.parametrize(("alt", "note"), [("", "Source: x"), ("Alt", " ")])
def test_figure_html_refuses_missing_alt_or_source(alt, note):
    with pytest.raises(ValueError, match="required"):
        style.figure_html(small_figure(), number=1, alt=alt, source_note=note)


def test_us_and_china_colours_are_fixed_and_distinct():
    assert style.bloc_colour("United States") != style.bloc_colour("China")
    assert style.BLOC_HATCHES["United States"] != style.BLOC_HATCHES["China"]


def test_png_for_slides_is_identical_across_renders():
    assert style.to_png_base64(small_figure()) == style.to_png_base64(small_figure())
    assert style.figure_title(small_figure("Headline X")) == "Headline X"


def test_long_titles_wrap_to_the_figure_and_the_axes_start_below_them():
    long = "A headline long enough that it cannot possibly fit on one line of a seven-inch chart " * 2
    fig, _ = style.new_figure(long.strip(), "Subtitle", height=3.3)
    assert "\n" in fig.texts[0].get_text()
    assert style.figure_title(fig) == long.strip()  # the recorded title reads as one line
    one, _ = style.new_figure("Short", "Subtitle", height=3.3)
    assert fig.subplotpars.top < one.subplotpars.top  # more title lines, lower axes
    assert style.wrap_text(one, "keep\nmy breaks", 9.5) == ["keep", "my breaks"]


def test_headline_starts_where_long_axis_labels_start():
    fig, ax = style.new_figure("Title", "Subtitle")
    ax.barh(["A category name far too long for the default left margin", "B"], [1, 2])
    style.to_svg(fig, "s")
    title, subtitle = fig.sb_headline
    assert title.get_position()[0] < 0 and title.get_position()[0] == subtitle.get_position()[0]
    left = fig.get_tightbbox(fig.canvas.get_renderer()).x0
    assert abs(left - title.get_position()[0] * fig.get_figwidth()) < 1e-6
    short, ax = style.new_figure("Title", "Subtitle")
    ax.bar(["A", "B"], [1, 2])
    style.to_svg(short, "s")
    assert short.sb_headline[0].get_position()[0] == 0.0


def test_spread_moves_close_labels_apart_in_order_and_leaves_others_where_they_are():
    assert style.spread([0.0, 50.0, 100.0], 10) == [0.0, 50.0, 100.0]
    assert style.spread([20.0, 20.0], 10) == [15.0, 25.0]  # a tie: centred, in the given order
    assert style.spread([30.0, 0.0, 32.0, 100.0], 10) == [26.0, 0.0, 36.0, 100.0]
    # A run pushed into its neighbour below joins it: three labels centred on their values' mean.
    assert style.spread([0.0, 12.0, 14.0], 10) == pytest.approx([-1.333, 8.667, 18.667], abs=1e-3)
    placed = style.spread([5.0, 4.0, 3.0, 2.0, 1.0], 3)
    assert sorted(placed, reverse=True) == placed
    assert min(b - a for a, b in itertools.pairwise(sorted(placed))) == pytest.approx(3)
    assert style.spread([], 3) == []
