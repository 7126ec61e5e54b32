"""Small figures and helpers shared by the report tests."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.text

from strategy_brief.report import style


def small_figure(title: str = "Headline"):
    """A two-bar house figure (United States, China) with a headline title and a subtitle."""
    fig, ax = style.new_figure(title, "Subtitle")
    ax.bar(
        ["United States", "China"],
        [1, 2],
        color=[style.bloc_colour("United States"), style.bloc_colour("China")],
    )
    return fig


def texts(fig) -> list[str]:
    """Every text a figure draws (titles, labels, annotations)."""
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
