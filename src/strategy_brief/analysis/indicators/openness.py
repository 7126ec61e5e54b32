"""Openness: how much of each bloc's output is released with open weights."""

from __future__ import annotations

import pandas as pd

from strategy_brief.analysis import uncertainty
from strategy_brief.curated.classify import BLOCS, CN, OPEN_CLASSES, US

SHARE_COLUMNS = ("open_share", "open_share_low", "open_share_high")


def open_weight_share(models: pd.DataFrame) -> pd.DataFrame:
    """Share of notable models with open weights by bloc and year (unknown accessibility left out), with
    its Wilson 95% interval (`open_share_low`, `open_share_high`, proportions like `open_share`) and
    `needs_interval`: fewer than `uncertainty.SMALL_N` models of known openness stand behind it."""
    required = {"year", "bloc", "openness_class", "models"}
    missing = required - set(models.columns)
    if missing:
        raise ValueError(f"open_weight_share: models table lacks column(s) {sorted(missing)}")
    known = models[models["openness_class"] != "unknown"]
    if known.empty:
        raise ValueError("open_weight_share: no model with a known openness class")
    known = known.assign(open_models=known["models"].where(known["openness_class"].isin(OPEN_CLASSES), 0))
    out = known.groupby(["year", "bloc"], as_index=False)[["open_models", "models"]].sum()
    out["open_share"] = out["open_models"] / out["models"]
    out["open_share_low"], out["open_share_high"] = uncertainty.wilson_interval(
        out["open_models"], out["models"]
    )
    out["needs_interval"] = uncertainty.needs_interval(out["models"])
    return out.rename(columns={"models": "known_models"})


def as_percent(shares: pd.DataFrame) -> pd.DataFrame:
    """`open_weight_share` with the share and its interval in percent."""
    return shares.assign(**{c: 100 * shares[c] for c in SHARE_COLUMNS})


def licence_mix(top_mix: pd.DataFrame, *, by_bloc: bool = False) -> pd.DataFrame:
    """Share of each openness class among the leading models at each leaderboard version."""
    required = {"leaderboard_version", "bloc", "openness_class", "models"}
    missing = required - set(top_mix.columns)
    if missing:
        raise ValueError(f"licence_mix: top-models table lacks column(s) {sorted(missing)}")
    if top_mix.empty:
        raise ValueError("licence_mix: empty top-models table")
    keys = (
        ["leaderboard_version", "bloc", "openness_class"]
        if by_bloc
        else ["leaderboard_version", "openness_class"]
    )
    out = top_mix.groupby(keys, as_index=False)["models"].sum()
    totals = out.groupby("leaderboard_version")["models"].transform("sum")
    out["share"] = out["models"] / totals
    out["open_weights"] = out["openness_class"].isin(OPEN_CLASSES)
    return out


def through_cutoff(models: pd.DataFrame, snapshot: str, as_of: str = "") -> tuple[pd.DataFrame, str, int]:
    """The notable models a brief counts, the date the data run to (the snapshot, or `as_of` when earlier)
    and the last calendar year that date covers in full.

    A year is counted whole, so with `as_of` inside a year that year is left out (its counts run past
    `as_of`); without `as_of` every year up to the snapshot's is kept, the part year included."""
    cutoff = min(snapshot, as_of) if as_of else snapshot
    last_full_year = int(cutoff[:4]) - (0 if cutoff[5:] == "12-31" else 1)
    return models[models["year"] <= (last_full_year if as_of else int(cutoff[:4]))], cutoff, last_full_year


def bloc_share_series(
    shares: pd.DataFrame, first_year: int, last_year: int, few_models: int, blocs: tuple[str, ...] = (US, CN)
) -> pd.DataFrame:
    """The rows of `open_weight_share` for `blocs` and years `first_year`-`last_year`, each flagged
    `small_sample` when fewer than `few_models` models of known openness stand behind its share."""
    tidy = shares[shares["bloc"].isin(blocs) & shares["year"].between(first_year, last_year)].copy()
    tidy["small_sample"] = tidy["known_models"] < few_models
    return tidy


def unknown_models(
    models: pd.DataFrame, first_year: int, last_year: int, blocs: tuple[str, ...] = (US, CN)
) -> int:
    """How many notable models of `blocs` published in `first_year`-`last_year` have unknown openness
    (left out of the open-weight share)."""
    rows = models[
        (models["openness_class"] == "unknown")
        & models["bloc"].isin(blocs)
        & models["year"].between(first_year, last_year)
    ]
    return int(rows["models"].sum())


def open_places(mix: pd.DataFrame, blocs: tuple[str, ...] = BLOCS) -> pd.DataFrame:
    """Open-weight models among the leading models at each leaderboard version (rows, in date order), one
    column per bloc (0 where a bloc has none) and `all_open`, their sum; from `licence_mix(by_bloc=True)`."""
    places = (
        mix[mix["open_weights"]]
        .pivot_table(index="leaderboard_version", columns="bloc", values="models", aggfunc="sum")
        .reindex(index=sorted(mix["leaderboard_version"].unique()), columns=list(blocs))
        .fillna(0)
        .astype(int)
    )
    places["all_open"] = places.sum(axis=1)
    return places
