"""Open-weight share by bloc in the models.dev catalogue: a cross-check of Epoch's notable-model share.

The catalogue lists models that hosts serve, not notable models, so its share answers a different
question (what is on offer through APIs) than `indicators.openness`; the two agreeing in direction is
the check. Shares from fewer than 100 models carry their Wilson 95% interval.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from strategy_brief.analysis import uncertainty
from strategy_brief.curated.classify import BLOCS

TABLE = "models_dev_open_weights_by_bloc"


def newest_full_year(table: pd.DataFrame, as_of: dt.date) -> int:
    """The newest release year that had ended by `as_of` and that the table has."""
    years = pd.to_numeric(table["release_year"], errors="coerce").dropna().astype(int)
    full = years[years < as_of.year]
    if full.empty:
        raise ValueError(f"{TABLE}: no release year before {as_of.year} (years: {sorted(set(years))})")
    return int(full.max())


def open_weight_share_by_bloc(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per bloc (and Unclassified) in `year`: models, open_weight_models, share, and the Wilson 95%
    interval (share_low, share_high) where fewer than 100 models stand behind the share (else NaN)."""
    rows = table[pd.to_numeric(table["release_year"], errors="coerce") == year]
    if rows.empty:
        raise ValueError(f"{TABLE}: no rows for release_year {year}")
    out = rows.groupby("developer_bloc", as_index=False)[["models", "open_weight_models"]].sum()
    order = {b: i for i, b in enumerate(BLOCS)}
    out = out.sort_values("developer_bloc", key=lambda s: s.map(order).fillna(len(order))).reset_index(
        drop=True
    )
    out.insert(1, "release_year", year)
    out["share"] = out["open_weight_models"] / out["models"]
    low, high = uncertainty.wilson_interval(out["open_weight_models"], out["models"])
    small = uncertainty.needs_interval(out["models"])
    out["share_low"] = np.where(small, low, np.nan)
    out["share_high"] = np.where(small, high, np.nan)
    out["coverage"] = out["models"] / out["models"].sum()  # Unclassified's row is the coverage gap
    return out


def catalogue_open_weight_share(as_of: str | dt.date | None = None) -> pd.DataFrame:
    """`open_weight_share_by_bloc` of the processed table for the newest full year before `as_of`."""
    from strategy_brief.data import processed

    day = pd.Timestamp(as_of).date() if as_of else dt.datetime.now(dt.UTC).date()
    table = processed.read(TABLE, as_of=day.isoformat())
    return open_weight_share_by_bloc(table, newest_full_year(table, day))
