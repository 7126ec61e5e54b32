"""Cost by openness: one price per model with its openness group (closed or open weights), medians
by bloc and group, and how much a median ratio depends on which models are in the list."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators._checks import require
from strategy_brief.analysis.indicators.cost import (
    PRICE,
    PRICE_COLUMNS,
    TOKEN_PRICES,
    _cheapest,
    _check_share,
    _latest,
    _offers,
    prices_in_force,
)
from strategy_brief.curated.classify import BLOCS, OPEN_CLASSES

# Openness groups: a closed model is sold only through an API (openness class "api"); an open-weight
# model is any of classify.OPEN_CLASSES. Any other class (none today) is in neither group.
CLOSED, OPEN = "closed", "open"
ALL_MODELS = "all"


def openness_group(openness_class: pd.Series) -> pd.Series:
    """'closed' for the api class, 'open' for classify.OPEN_CLASSES, NaN otherwise."""
    group = pd.Series(np.nan, index=openness_class.index, dtype=object)
    group[openness_class == "api"] = CLOSED
    group[openness_class.isin(OPEN_CLASSES)] = OPEN
    return group


def model_prices(
    prices: pd.DataFrame,
    *,
    snapshot_date: object = None,
    blend_input_share: float = 0.75,
    first_party_only: bool = False,
) -> pd.DataFrame:
    """One row per priced model of one snapshot (default latest) at its cheapest host, with its bloc,
    openness class and openness group (openness_group): the models behind price_by_bloc's medians."""
    caller = "model_prices"
    require(prices, PRICE_COLUMNS + TOKEN_PRICES, caller, "prices table")
    _check_share(blend_input_share, caller)
    when = _latest(prices["snapshot_date"]) if snapshot_date is None else snapshot_date
    in_snapshot = pd.to_datetime(prices["snapshot_date"]) == pd.Timestamp(when)
    if not in_snapshot.any():
        raise ValueError(f"{caller}: no price snapshot dated {when}")
    offers = _offers(prices[in_snapshot], blend_input_share, first_party_only)
    per_model = _cheapest(offers, ["model_id"])
    columns = ["model_id", "developer", "bloc", "openness_class", PRICE, "host_provider"]
    out = per_model[columns].assign(openness=openness_group(per_model["openness_class"]))
    return out.sort_values(["bloc", PRICE, "model_id"], kind="mergesort").reset_index(drop=True)


def model_prices_in_force(dated: pd.DataFrame, on: str, *, blend_input_share: float = 0.75) -> pd.DataFrame:
    """The dated price list (genai-prices) as model_prices: each model at its cheapest price in force on
    `on` (prices_in_force), with the bloc and openness class the classification gave its model id."""
    require(dated, ["model_id", "bloc", "openness_class"], "model_prices_in_force", "price list")
    price = prices_in_force(dated, on, blend_input_share=blend_input_share)
    about = dated.dropna(subset=["model_id"]).drop_duplicates("model_id").set_index("model_id")
    out = pd.DataFrame({"model_id": price.index, PRICE: price.to_numpy()})
    out = out.assign(
        bloc=out["model_id"].map(about["bloc"]),
        openness_class=out["model_id"].map(about["openness_class"]),
    )
    out = out.assign(openness=openness_group(out["openness_class"]))
    return out.sort_values(["bloc", PRICE, "model_id"], kind="mergesort").reset_index(drop=True)


def group_prices(per_model: pd.DataFrame, bloc: str, openness: str = ALL_MODELS) -> pd.Series:
    """The prices (model_id → blended price) of a bloc's models, all of them or one openness group."""
    rows = per_model[per_model["bloc"] == bloc]
    if openness != ALL_MODELS:
        rows = rows[rows["openness"] == openness]
    return rows.set_index("model_id")[PRICE]


def median_by_openness(per_model: pd.DataFrame, blocs: Iterable[str] = BLOCS) -> pd.DataFrame:
    """Per bloc and openness group (closed, open, and all models), how many models carry a price, their
    median and minimum: every requested group is listed, one without a priced model with n_models 0 and
    missing prices (a data gap, never filled)."""
    require(per_model, ["model_id", "bloc", "openness", PRICE], "median_by_openness", "model prices")
    rows = []
    for bloc in blocs:
        for group in (CLOSED, OPEN, ALL_MODELS):
            price = group_prices(per_model, bloc, group)
            rows.append(
                {
                    "bloc": bloc,
                    "openness": group,
                    "n_models": len(price),
                    "median_blended_usd_per_mtok": price.median() if len(price) else np.nan,
                    "min_blended_usd_per_mtok": price.min() if len(price) else np.nan,
                }
            )
    return pd.DataFrame(rows)


def _median_ratio(leader: np.ndarray, follower: np.ndarray) -> float:
    if not len(leader) or not len(follower):
        return np.nan
    return float(np.median(leader) / np.median(follower))


def median_ratio_sensitivity(
    leader: pd.Series,
    follower: pd.Series,
    *,
    n_boot: int = 2000,
    seed: int = 0,
    confidence: float = 0.95,
) -> dict:
    """How much the ratio of two medians (leader's over follower's, each a model_id → price series)
    depends on which models are listed.

    `loo_low`/`loo_high`: the smallest and largest ratio when any one model of either side is left out
    (`loo_low_model`/`loo_high_model` the model whose removal gives it); NaN when a side has fewer than
    two models. `boot_low`/`boot_high`: the percentile interval at `confidence` of the ratio when each
    side's models are resampled with replacement (`n_boot` draws from a generator seeded with `seed`);
    NaN when a side has no model. With no model on a side the ratio itself is NaN: a data gap.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"median_ratio_sensitivity: confidence must be between 0 and 1, got {confidence}")
    if n_boot < 1:
        raise ValueError(f"median_ratio_sensitivity: n_boot must be at least 1, got {n_boot}")
    lead, follow = leader.dropna(), follower.dropna()
    a, b = lead.to_numpy(dtype=float), follow.to_numpy(dtype=float)
    out = {
        "n_leader": len(a),
        "n_follower": len(b),
        "leader_median": float(np.median(a)) if len(a) else np.nan,
        "follower_median": float(np.median(b)) if len(b) else np.nan,
        "ratio": _median_ratio(a, b),
        "loo_low": np.nan,
        "loo_high": np.nan,
        "loo_low_model": None,
        "loo_high_model": None,
        "boot_low": np.nan,
        "boot_high": np.nan,
    }
    if len(a) >= 2 and len(b) >= 2:
        drops = [(m, _median_ratio(np.delete(a, i), b)) for i, m in enumerate(lead.index)] + [
            (m, _median_ratio(a, np.delete(b, i))) for i, m in enumerate(follow.index)
        ]
        low = min(drops, key=lambda d: d[1])
        high = max(drops, key=lambda d: d[1])
        out |= {"loo_low": low[1], "loo_high": high[1], "loo_low_model": low[0], "loo_high_model": high[0]}
    if len(a) and len(b):
        rng = np.random.default_rng(seed)
        boot_a = np.median(a[rng.integers(0, len(a), size=(n_boot, len(a)))], axis=1)
        boot_b = np.median(b[rng.integers(0, len(b), size=(n_boot, len(b)))], axis=1)
        tail = (1 - confidence) / 2
        low, high = np.quantile(boot_a / boot_b, [tail, 1 - tail])
        out |= {"boot_low": float(low), "boot_high": float(high)}
    return out
