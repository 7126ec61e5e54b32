"""Charts of the US–China gap in LMArena's own leaderboard files, with the 95% intervals LMArena publishes:
the gap of one arena over time (`gap_over_time`) and the gap in each language arena at one date
(`language_gaps`). Input: the gap table of `analysis.indicators.arena.gap`.

Each function returns the keyword arguments of record.show_figure (figure, alt text, the data behind it
and its column descriptions); the notebook adds the source note (provenance.source_note). The side of
zero where the US leads is tinted in the US colour, the side where China leads in China's; a hollow
marker is a gap within the two models' intervals."""

from __future__ import annotations

import itertools

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import arena
from strategy_brief.curated.classify import CN, US
from strategy_brief.report import style

STYLE_SUFFIX = "-style-control"
_COLUMNS = {
    "date": "leaderboard date (the day the file changed in github.com/lmarena/arena-catalog)",
    "arena": "LMArena arena (text, a language; -style-control: controlled for answer length and format)",
    "leader_model": "best US model",
    "leader_rating": "its rating",
    "leader_ci_lower": "lower bound of its published 95% interval",
    "leader_ci_upper": "upper bound of its published 95% interval",
    "follower_model": "best Chinese model",
    "follower_rating": "its rating",
    "follower_ci_lower": "lower bound of its published 95% interval",
    "follower_ci_upper": "upper bound of its published 95% interval",
    "gap": "US rating minus Chinese rating (points)",
    "gap_lower": "US lower bound minus Chinese upper bound",
    "gap_upper": "US upper bound minus Chinese lower bound",
    "inside_intervals": "True when the two models' intervals overlap",
}


def label(arena_name: str) -> str:
    """'Overall', 'Overall, style control', 'Chinese', 'Chinese, style control'."""
    base = arena_name.removesuffix(STYLE_SUFFIX)
    name = "Overall" if base == "text" else base.capitalize()
    return f"{name}, style control" if arena_name.endswith(STYLE_SUFFIX) else name


def phrase(arena_name: str) -> str:
    """'the overall arena', 'the Chinese-language arena with style control', as they read mid-sentence."""
    base = arena_name.removesuffix(STYLE_SUFFIX)
    name = "the overall arena" if base == "text" else f"the {base.capitalize()}-language arena"
    return f"{name} with style control" if arena_name.endswith(STYLE_SUFFIX) else name


def _sides(ax, leader: str, follower: str, horizontal: bool) -> None:
    """Tint the side of zero where each bloc leads in its colour, named in its colour, and draw zero."""
    low, high = ax.get_ylim() if horizontal else ax.get_xlim()
    span = ax.axhspan if horizontal else ax.axvspan
    span(0, high, color=style.bloc_colour(leader), alpha=0.07, zorder=0, linewidth=0)
    span(low, 0, color=style.bloc_colour(follower), alpha=0.07, zorder=0, linewidth=0)
    line = ax.axhline if horizontal else ax.axvline
    line(0, color=style.MUTED, linewidth=0.8, zorder=1)
    names = {US: "US", CN: "China"}
    for value, bloc, align in ((high, leader, "top"), (low, follower, "bottom")):
        text = f"{names.get(bloc, bloc)} ahead"
        if horizontal:
            ax.annotate(
                text,
                (0.01, value),
                xycoords=("axes fraction", "data"),
                va=align,
                fontsize=8,
                color=style.bloc_colour(bloc),
                fontweight="bold",
            )
        else:
            ax.annotate(
                text,
                (value, 1.0),
                xycoords=("data", "axes fraction"),
                ha="right" if bloc == leader else "left",
                va="bottom",
                fontsize=8,
                color=style.bloc_colour(bloc),
                fontweight="bold",
            )
    (ax.set_ylim if horizontal else ax.set_xlim)(low, high)


def _limits(lower: pd.Series, upper: pd.Series) -> tuple[float, float]:
    """Axis limits that hold every interval and zero, with some room on both sides of zero."""
    low, high = min(float(lower.min()), 0.0), max(float(upper.max()), 0.0)
    room = 0.12 * (high - low or 1.0)
    return low - room, high + room


def _markers(ax, x, y, inside) -> None:
    """Filled markers for gaps outside the intervals, hollow for gaps within them."""
    for hollow in (False, True):
        keep = np.asarray(inside) == hollow
        if not keep.any():
            continue
        xs, ys = np.asarray(x)[keep], np.asarray(y)[keep]
        ax.plot(
            xs,
            ys,
            linestyle="none",
            marker="o",
            markersize=6,
            color=style.INK,
            markerfacecolor="white" if hollow else style.INK,
            markeredgewidth=1.4,
            zorder=4,
            label="gap within the two intervals" if hollow else "gap outside the two intervals",
        )


GAP_DAYS = 60  # versions further apart are not joined by a line: the catalog has none in between


def _segments(dates: pd.Series) -> list[list[int]]:
    """Positions of runs of versions no more than GAP_DAYS apart."""
    runs: list[list[int]] = []
    days = list(dates)
    for position, (previous, current) in enumerate(zip([None, *days[:-1]], days, strict=True)):
        if previous is None or (current - previous).days > GAP_DAYS:
            runs.append([])
        runs[-1].append(position)
    return runs


def _lead(gap: float) -> str:
    return "the US" if gap >= 0 else "China"


def gap_over_time(gaps: pd.DataFrame, arena_name: str = arena.TEXT_STYLE_CONTROL) -> dict:
    """The gap between the best US and best Chinese rating in one arena at each leaderboard version, with a
    band from the two models' published 95% intervals."""
    rows = arena.arena_rows(gaps, arena_name)
    last = rows.iloc[-1]
    leader, follower = last["leader"], last["follower"]
    within = " (within the leaderboard's own 95% intervals)" if last["inside_intervals"] else ""
    fig, ax = style.new_figure(
        f"On LMArena, {_lead(last['gap'])} led by {fmt.number(abs(last['gap']), 0)} points in "
        f"{last['date']:%B %Y}{within}",
        f"Best US minus best Chinese rating in {phrase(arena_name)}, per leaderboard version; band: "
        "the gap's range from the two models' published 95% intervals; hollow: the intervals overlap",
    )
    segments = _segments(rows["date"])
    for number, part in enumerate(segments):
        piece = rows.iloc[part]
        ax.fill_between(
            piece["date"],
            piece["gap_lower"],
            piece["gap_upper"],
            color=style.NEUTRAL,
            alpha=0.55,
            linewidth=0,
            zorder=2,
            label="range from the 95% intervals" if number == 0 else None,
        )
        ax.plot(piece["date"], piece["gap"], color=style.INK, linewidth=1.6, zorder=3)
    for before, after in itertools.pairwise(segments):  # no version in between: a dotted bridge
        ends = rows.iloc[[before[-1], after[0]]]
        ax.plot(ends["date"], ends["gap"], color=style.MUTED, linewidth=1, linestyle=":", zorder=3)
    _markers(ax, rows["date"], rows["gap"], rows["inside_intervals"])
    ax.set_ylim(*_limits(rows["gap_lower"], rows["gap_upper"]))
    _sides(ax, leader, follower, horizontal=True)
    ax.set_ylabel("Points, US minus China")
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 3, 5, 7, 9, 11)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="y", visible=True)
    ax.grid(axis="x", visible=False)
    ax.legend(loc="lower center", fontsize=8, frameon=False)
    inside = int(rows["inside_intervals"].sum())
    first, newest = rows["date"].min(), rows["date"].max()
    low, high = (fmt.number(rows["gap"].agg(f), 0) for f in ("min", "max"))
    alt = (
        "Line of the gap between the best US and the best Chinese model's LMArena rating in "
        f"{phrase(arena_name)} at {len(rows)} leaderboard versions from {first:%B %Y} to {newest:%B %Y}, "
        f"with a band for its range from the two models' 95% intervals. The gap runs from {low} to {high} "
        f"points; at the last version {_lead(last['gap'])} leads by {fmt.number(abs(last['gap']), 0)} points "
        f"({last['leader_model']} against {last['follower_model']}), with a range of "
        f"{fmt.number(last['gap_lower'], 0)} to {fmt.number(last['gap_upper'], 0)}. "
        f"{_how_many(inside, len(rows))} within the two intervals."
        + (
            f" A dotted line joins versions more than {GAP_DAYS} days apart, with none in between."
            if len(_segments(rows["date"])) > 1
            else ""
        )
    )
    return {"fig": fig, "alt": alt, "data": _data(rows), "columns": _COLUMNS}


def language_gaps(gaps: pd.DataFrame, date=None, *, style_control: bool = False) -> dict:
    """The gap in the overall arena and each language arena at one date (default: the overall arena's
    newest), as a dot with its range from the two intervals; the Chinese and English rows in bold."""
    rows = arena.languages_at(gaps, date, style_control=style_control)
    when = rows["date"].iloc[0]
    by_name = rows.set_index("arena")
    suffix = STYLE_SUFFIX if style_control else ""
    chinese, english = (
        by_name.loc[n] if n in by_name.index else None for n in (f"chinese{suffix}", f"english{suffix}")
    )
    if chinese is not None and english is not None:
        title = (
            f"The US–China gap was {fmt.number(abs(chinese['gap']), 0)} points in the Chinese-language "
            f"arena and {fmt.number(abs(english['gap']), 0)} in the English one in {when:%B %Y}"
        )
    else:
        title = f"The US–China gap by language arena on LMArena, {when:%B %Y}"
    fig, ax = style.new_figure(
        title,
        f"Best US minus best Chinese rating per arena{', style control' if style_control else ''}; bars: "
        "range from the two models' published 95% intervals; hollow: the intervals overlap",
        height=max(3.3, 1.4 + 0.32 * len(rows)),
    )
    y = np.arange(len(rows))[::-1]
    ax.hlines(y, rows["gap_lower"], rows["gap_upper"], color=style.NEUTRAL, linewidth=4, zorder=2)
    _markers(ax, rows["gap"], y, rows["inside_intervals"])
    ax.set_yticks(y, [label(a) for a in rows["arena"]])
    for tick, name in zip(ax.get_yticklabels(), rows["arena"], strict=True):
        if name.removesuffix(STYLE_SUFFIX) in ("chinese", "english"):
            tick.set_fontweight("bold")
    ax.set_xlim(*_limits(rows["gap_lower"], rows["gap_upper"]))
    _sides(ax, rows["leader"].iloc[0], rows["follower"].iloc[0], horizontal=False)
    ax.set_xlabel("Rating points, US minus China")
    ax.grid(axis="x", visible=True)
    ax.grid(axis="y", visible=False)
    inside = [label(a) for a, flag in zip(rows["arena"], rows["inside_intervals"], strict=True) if flag]
    alt = (
        f"Dots of the gap between the best US and the best Chinese LMArena rating in {len(rows)} arenas on "
        f"{fmt.long_date(when.date())}, each with a bar for its range from the two models' 95% intervals: "
        + "; ".join(f"{label(r.arena)} {fmt.number(r.gap, 0)}" for r in rows.itertuples())
        + f". Within the two intervals: {fmt.listed(inside, 'none')}."
    )
    return {"fig": fig, "alt": alt, "data": _data(rows), "columns": _COLUMNS}


def _how_many(inside: int, total: int) -> str:
    """'None of the 12 gaps lies', '1 of the 12 gaps lies', '3 of the 12 gaps lie'."""
    if inside == 0:
        return f"None of the {total} gaps lies"
    return f"{inside} of the {total} gaps {'lies' if inside == 1 else 'lie'}"


def _data(rows: pd.DataFrame) -> pd.DataFrame:
    data = rows[list(_COLUMNS)].copy()
    data["date"] = data["date"].dt.strftime("%Y-%m-%d")
    for name in ("gap", "gap_lower", "gap_upper"):
        data[name] = data[name].round(2)
    return data
