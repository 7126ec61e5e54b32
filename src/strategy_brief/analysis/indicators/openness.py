"""Openness: how much of each bloc's output is released with open weights."""

from __future__ import annotations

import pandas as pd

from strategy_brief.curated.classify import OPEN_CLASSES


def open_weight_share(models: pd.DataFrame) -> pd.DataFrame:
    """Share of notable models with open weights by bloc and year (unknown accessibility left out)."""
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
    return out.rename(columns={"models": "known_models"})


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
