"""Chart helpers shared by the notebooks (strategy_brief.report.style): bar styles by bloc, month ticks."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.colors import to_hex

from strategy_brief.report import style


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
