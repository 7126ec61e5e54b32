"""Sentences on the US–China gap in LMArena's own leaderboard files, from the rows `analysis.indicators.arena`
computes: the newest gap of an arena (`arena.newest`), the Chinese-language arena against the English one
(`arena.language_gap`), the gap in percent, and how the versions were read.

Whenever the gap lies inside the two models' published 95% intervals the sentence says so: the
leaderboard itself cannot then tell the two models apart."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.curated import facts
from strategy_brief.curated.classify import CN, US

INSIDE = "within the leaderboard's own 95% intervals"
OUTSIDE = "outside the leaderboard's own 95% intervals"
STYLE_SUFFIX = "-style-control"
_SIDE = {US: "US", CN: "Chinese"}


def arena_label(arena: str) -> str:
    """'the text arena', 'the style-controlled text arena', 'the Chinese-language arena', ..."""
    style_controlled = arena.endswith(STYLE_SUFFIX)
    base = arena.removesuffix(STYLE_SUFFIX)
    name = "text arena" if base == "text" else f"{base.capitalize()}-language arena"
    return f"the {'style-controlled ' if style_controlled else ''}{name}"


def _side(bloc: str) -> str:
    return _SIDE.get(bloc, bloc)


def rating(value: float, lower: float, upper: float) -> str:
    """'1,492 (95% interval 1,486–1,498)'."""
    return f"{fmt.number(value, 0)} (95% interval {fmt.number(lower, 0)}–{fmt.number(upper, 0)})"


def intervals_clause(inside: bool) -> str:
    return INSIDE if inside else OUTSIDE


def gap_clause(row: pd.Series, prefix: str = "") -> str:
    """'58.8 points (48.1 to 69.5 from the two intervals), outside the leaderboard's own 95% intervals'
    for a gap row (or the `prefix`ed fields of a language_gap record), as the lead of the side ahead:
    a negative gap (the follower ahead) is read with its interval turned round."""
    gap, lower, upper = (row[f"{prefix}{k}"] for k in ("gap", "gap_lower", "gap_upper"))
    if gap < 0:
        lower, upper = -upper, -lower
    return (
        f"{fmt.number(abs(gap))} points ({fmt.number(lower)} to {fmt.number(upper)} from the two "
        f"intervals), {intervals_clause(bool(row[f'{prefix}inside_intervals']))}"
    )


def who_leads(gap: float, leader: str, follower: str) -> tuple[str, str]:
    """(the side ahead, the side behind) as adjectives: ('US', 'Chinese') when the gap is positive."""
    return (_side(leader), _side(follower)) if gap >= 0 else (_side(follower), _side(leader))


def newest_gap(row: pd.Series) -> str:
    """The gap at an arena's newest version: both models with their ratings and intervals, the gap, its
    interval and whether it lies inside the leaderboard's intervals."""
    ahead, behind = who_leads(row["gap"], row["leader"], row["follower"])
    models = {
        _side(row["leader"]): (
            row["leader_model"],
            row["leader_rating"],
            row["leader_ci_lower"],
            row["leader_ci_upper"],
        ),
        _side(row["follower"]): (
            row["follower_model"],
            row["follower_rating"],
            row["follower_ci_lower"],
            row["follower_ci_upper"],
        ),
    }
    a, b = models[ahead], models[behind]
    text = (
        f"In {arena_label(row['arena'])} of LMArena's leaderboard of {fmt.long_date(row['date'].date())}, "
        f"the best {ahead} model, {a[0]}, rates {rating(*a[1:])} and the best {behind} model, {b[0]}, "
        f"{rating(*b[1:])}: a lead of {gap_clause(row)}."
    )
    if row["inside_intervals"]:
        text += " The two models' intervals overlap, so the leaderboard itself does not separate them."
    return text


def languages(record: pd.Series) -> str:
    """The gap in the Chinese-language arena against the English one at their newest common date."""
    language, reference = record["language_arena"], record["reference_arena"]
    ahead, _ = who_leads(record["language_gap"], record["leader"], record["follower"])
    ref_ahead, _ = who_leads(record["reference_gap"], record["leader"], record["follower"])
    same = ahead == ref_ahead
    smaller = abs(record["language_gap"]) < abs(record["reference_gap"])
    comparison = (
        f"{'smaller' if smaller else 'larger'} than the {ref_ahead} lead in {arena_label(reference)}"
        if same
        else f"while the {ref_ahead} side leads in {arena_label(reference)}"
    )
    return (
        f"On {fmt.long_date(record['date'].date())}, the {ahead} lead in {arena_label(language)} is "
        f"{gap_clause(record, 'language_')} ({_pair(record, 'language_')}), {comparison}: "
        f"{gap_clause(record, 'reference_')} ({_pair(record, 'reference_')})."
    )


def _pair(record: pd.Series, prefix: str) -> str:
    """'model ahead against model behind' for one arena of a language_gap record."""
    models = (record[f"{prefix}leader_model"], record[f"{prefix}follower_model"])
    ahead, behind = models if record[f"{prefix}gap"] >= 0 else models[::-1]
    return f"{ahead} against {behind}"


def percent_measure(row: pd.Series, published: pd.DataFrame | None = None) -> str:
    """The gap in percent of the best US rating and of the best Chinese one; with `published` (curated fact
    rows of the AI Index's figure) the published values cited beside it for comparison."""
    text = (
        f"As a share of the ratings, the gap in {arena_label(row['arena'])} on "
        f"{fmt.long_date(row['date'].date())} is {fmt.percent(abs(row['gap_percent_of_leader']), 2)} of "
        f"the best {_side(row['leader'])} rating and {fmt.percent(abs(row['gap_percent_of_follower']), 2)} "
        f"of the best {_side(row['follower'])} one."
    )
    if published is not None and not published.empty:
        cited = fmt.listed(facts.cite(fact, source=True) for _, fact in published.iterrows())
        text += (
            f" Published figures for the lead on the older Chatbot Arena leaderboard: {cited}. Ratings are "
            "re-estimated at each version and the leaderboards differ, so the percentages compare in size, "
            "not exactly."
        )
    return text


def method(table: pd.DataFrame) -> str:
    """How the versions were read, from the table itself: the dates, the days with several versions, and
    what the files do not publish."""
    dates = sorted(set(table["date"]))
    several = table.drop_duplicates(["date", "leaderboard"])
    several = several[several["versions_on_date"] > 1]
    days = "; ".join(
        f"{fmt.long_date(day)}: "
        + fmt.listed(f"{r.versions_on_date} versions of the {r.leaderboard} file" for r in rows.itertuples())
        for day, rows in several.groupby("date", sort=True)
    )
    text = (
        f"LMArena's own leaderboard files (github.com/lmarena/arena-catalog) give {len(dates)} leaderboard "
        f"dates from {fmt.long_date(dates[0])} to {fmt.long_date(dates[-1])}, each the day the file changed "
        "in the repository, which is not necessarily the day LMArena published it. Every rating comes with "
        "LMArena's 95% interval; the files publish no vote counts."
    )
    if days:
        text += f" Where one day has several versions ({days}), the one rating the most models is kept."
    return text


def no_versions(as_of: str) -> str:
    """The data gap when no version of LMArena's own files is dated on or before the brief's as-of date."""
    return (
        "LMArena's own leaderboard files (github.com/lmarena/arena-catalog) have no version dated on or "
        f"before {fmt.long_date(as_of)}, so the gap with the leaderboard's intervals cannot be shown for "
        "this date."
    )


def key_figures(row: pd.Series, record: pd.Series) -> list[dict]:
    """The newest gap of an arena and the Chinese against English gaps as record.key_figure arguments."""
    source = "lmarena_catalog_best_by_bloc"
    return [
        {
            "name": f"lmarena_catalog_gap_{row['arena'].replace('-', '_')}",
            "value": round(float(row["gap"]), 1),
            "unit": "arena points",
            "label": f"LMArena gap, US minus China, {arena_label(row['arena']).removeprefix('the ')}",
            "as_of": f"{row['date']:%Y-%m-%d}",
            "source": source,
        },
        {
            "name": "lmarena_catalog_gap_chinese_minus_english",
            "value": round(float(record["difference"]), 1),
            "unit": "arena points",
            "label": "LMArena gap in the Chinese-language arena minus the gap in the English arena",
            "as_of": f"{record['date']:%Y-%m-%d}",
            "source": source,
        },
    ]
