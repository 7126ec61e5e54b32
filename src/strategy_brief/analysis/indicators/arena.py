"""The US–China gap on LMArena's own leaderboard files (lmarena_catalog_best_by_bloc), with the
95% intervals LMArena publishes: per date and arena, the newest gap, and the Chinese-language arena
against the English one.

The gap's interval is conservative: from the US model's lower bound minus the Chinese model's upper
bound to the US upper bound minus the Chinese lower bound. It contains zero exactly when the two
models' intervals overlap (`inside_intervals`): the leaderboard itself cannot then tell them apart.
"""

from __future__ import annotations

import pandas as pd

from strategy_brief.analysis.indicators._checks import require
from strategy_brief.curated.classify import CN, US

COLUMNS = ("date", "arena", "bloc", "model", "rating", "ci_lower", "ci_upper")
# The curated facts' indicator for the AI Index's published lead of the best US over the best Chinese model.
PUBLISHED_LEAD = "arena_lead_top_us_over_top_china"
TEXT, TEXT_STYLE_CONTROL = "text", "text-style-control"
STYLE_SUFFIX = "-style-control"


def _checked(best: pd.DataFrame, caller: str) -> pd.DataFrame:
    """The table's rows, refused when a key repeats or an interval does not hold its rating."""
    require(best, COLUMNS, caller, "lmarena_catalog_best_by_bloc")
    duplicated = best.duplicated(["date", "arena", "bloc"], keep=False)
    if duplicated.any():
        row = best[duplicated].iloc[0]
        raise ValueError(
            f"{caller}: several rows for {row['date']}, arena {row['arena']!r}, bloc {row['bloc']!r}"
        )
    bad = ~((best["ci_lower"] <= best["rating"]) & (best["rating"] <= best["ci_upper"]))
    if bad.any():
        row = best[bad].iloc[0]
        raise ValueError(
            f"{caller}: rating {row['rating']} of {row['model']!r} ({row['date']}, {row['arena']}) outside "
            f"its interval [{row['ci_lower']}, {row['ci_upper']}]"
        )
    return best


def gap(best: pd.DataFrame, leader: str = US, follower: str = CN) -> pd.DataFrame:
    """Per date and arena where both blocs have a model: each side's best model, rating and interval,
    the gap (leader − follower), its conservative interval (gap_lower, gap_upper), whether the two
    intervals overlap (inside_intervals), and the gap in percent of the leader's rating
    (gap_percent_of_leader) and of the follower's (gap_percent_of_follower). Sorted by arena, date."""
    rows = _checked(best, "arena.gap")
    sides = []
    for bloc, prefix in ((leader, "leader"), (follower, "follower")):
        side = rows[rows["bloc"] == bloc][["date", "arena", "model", "rating", "ci_lower", "ci_upper"]]
        if side.empty:
            raise ValueError(f"arena.gap: no rows for bloc {bloc!r}")
        sides.append(
            side.rename(columns={c: f"{prefix}_{c}" for c in ("model", "rating", "ci_lower", "ci_upper")})
        )
    out = sides[0].merge(sides[1], on=["date", "arena"], how="inner")
    if out.empty:
        raise ValueError(f"arena.gap: no date and arena with a model of both {leader!r} and {follower!r}")
    out["gap"] = out["leader_rating"] - out["follower_rating"]
    out["gap_lower"] = out["leader_ci_lower"] - out["follower_ci_upper"]
    out["gap_upper"] = out["leader_ci_upper"] - out["follower_ci_lower"]
    out["inside_intervals"] = (out["gap_lower"] <= 0) & (out["gap_upper"] >= 0)
    out["gap_percent_of_leader"] = 100 * out["gap"] / out["leader_rating"]
    out["gap_percent_of_follower"] = 100 * out["gap"] / out["follower_rating"]
    out["date"] = pd.to_datetime(out["date"])
    out = out.assign(leader=leader, follower=follower)
    return out.sort_values(["arena", "date"]).reset_index(drop=True)


def arena_rows(gaps: pd.DataFrame, arena: str) -> pd.DataFrame:
    """The gap rows of one arena, by date; an arena the table lacks is an error naming those it has."""
    rows = gaps[gaps["arena"] == arena]
    if rows.empty:
        raise ValueError(f"arena: no gap for arena {arena!r}; arenas present: {sorted(set(gaps['arena']))}")
    return rows.sort_values("date").reset_index(drop=True)


def newest(gaps: pd.DataFrame, arena: str = TEXT_STYLE_CONTROL) -> pd.Series:
    """The gap at the newest date of one arena."""
    return arena_rows(gaps, arena).iloc[-1]


def newest_by_arena(gaps: pd.DataFrame) -> pd.DataFrame:
    """The gap at each arena's own newest date, one row per arena."""
    require(gaps, ("arena", "date"), "arena.newest_by_arena", "gap table")
    last = gaps.sort_values(["arena", "date"]).groupby("arena", sort=True).tail(1)
    return last.reset_index(drop=True)


def language_gap(
    gaps: pd.DataFrame,
    language: str = "chinese",
    reference: str = "english",
    *,
    style_control: bool = False,
) -> pd.Series:
    """The gap in one language arena against another at their newest common date: `date`, the two
    arena names, each arena's gap row (as `language_*` and `reference_*` fields: model names, ratings,
    gap, gap_lower, gap_upper, inside_intervals, gap_percent_of_leader) and `difference` (language gap −
    reference gap). With `style_control`, the style-controlled arenas."""
    suffix = STYLE_SUFFIX if style_control else ""
    names = (language + suffix, reference + suffix)
    first, second = (arena_rows(gaps, name) for name in names)
    common = sorted(set(first["date"]) & set(second["date"]))
    if not common:
        raise ValueError(f"arena.language_gap: arenas {names[0]!r} and {names[1]!r} share no date")
    date = common[-1]
    out = {"date": date, "language_arena": names[0], "reference_arena": names[1]}
    fields = (
        "leader_model",
        "leader_rating",
        "leader_ci_lower",
        "leader_ci_upper",
        "follower_model",
        "follower_rating",
        "follower_ci_lower",
        "follower_ci_upper",
        "gap",
        "gap_lower",
        "gap_upper",
        "inside_intervals",
        "gap_percent_of_leader",
    )
    for prefix, rows in (("language", first), ("reference", second)):
        row = rows[rows["date"] == date].iloc[0]
        out.update({f"{prefix}_{name}": row[name] for name in fields})
    out["difference"] = out["language_gap"] - out["reference_gap"]
    out["leader"], out["follower"] = first["leader"].iloc[0], first["follower"].iloc[0]
    return pd.Series(out)


def languages_at(gaps: pd.DataFrame, date=None, *, style_control: bool = False) -> pd.DataFrame:
    """The gap in every language arena (the overall text arena first) at one date, default the newest
    date of the overall arena; raw or style-controlled."""
    overall = TEXT_STYLE_CONTROL if style_control else TEXT
    date = pd.Timestamp(date) if date is not None else arena_rows(gaps, overall)["date"].max()
    suffix = STYLE_SUFFIX if style_control else ""
    rows = gaps[gaps["date"] == date]
    overall_rows = rows[rows["arena"] == overall]
    languages = rows[
        (rows["arena"] != TEXT)
        & (rows["arena"] != TEXT_STYLE_CONTROL)
        & (rows["arena"].str.endswith(STYLE_SUFFIX) == style_control)
    ]
    if languages.empty:
        raise ValueError(
            f"arena.languages_at: no language arena{suffix and ' (style-controlled)'} on {date:%Y-%m-%d}"
        )
    return pd.concat([overall_rows, languages.sort_values("arena")], ignore_index=True)


def published_lead(facts: pd.DataFrame) -> pd.DataFrame:
    """The curated facts of the published lead of the best US over the best Chinese model on the arena
    (the AI Index's figure), oldest first, to set beside `gap_percent_of_*`."""
    require(facts, ("indicator", "as_of_start"), "arena.published_lead", "facts")
    rows = facts[facts["indicator"] == PUBLISHED_LEAD]
    return rows.sort_values("as_of_start").reset_index(drop=True)
