"""The cost section's view: every number it shows, computed once (the price view), and the
comparisons it draws from it (who is cheaper level by level, the open-weight picks)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators import capability
from strategy_brief.analysis.indicators._checks import require
from strategy_brief.analysis.indicators.cost import (
    PRICE,
    cheapest_at_capability,
    model_price_capability,
    pareto_frontier,
    price_by_bloc,
    price_decline,
    price_ratio_at_parity,
)
from strategy_brief.analysis.indicators.cost_openness import (
    ALL_MODELS,
    CLOSED,
    OPEN,
    group_prices,
    median_by_openness,
    median_ratio_sensitivity,
    model_prices,
    model_prices_in_force,
)
from strategy_brief.curated import classify
from strategy_brief.curated.classify import CN, US


class LevelComparison(NamedTuple):
    levels_both: int  # levels both blocs offer
    follower_cheaper: int  # of those, the levels where the follower's cheapest model is the cheaper
    leader_only_from: float  # the lowest level only the leader offers; NaN when there is none


def compare_levels(cheapest: pd.DataFrame, leader: str = US, follower: str = CN) -> LevelComparison:
    """Who is cheaper, level by level, in a cheapest_at_capability table of both blocs."""
    require(cheapest, ["level", "bloc", PRICE], "compare_levels", "cheapest table")
    by_level = cheapest.pivot(index="level", columns="bloc", values=PRICE)
    both = by_level.dropna()
    leader_only = by_level[by_level[follower].isna() & by_level[leader].notna()].index
    return LevelComparison(
        levels_both=len(both),
        follower_cheaper=int((both[follower] < both[leader]).sum()),
        leader_only_from=float(leader_only.min()) if len(leader_only) else np.nan,
    )


def open_weight_picks(cheapest: pd.DataFrame, joined: pd.DataFrame, bloc: str) -> pd.DataFrame:
    """The bloc's distinct cheapest-at-a-level models (cheapest_at_capability) whose weights are open,
    judged by their openness class in `joined` (model_price_capability)."""
    picks = cheapest[cheapest["bloc"] == bloc].dropna(subset=["model_id"]).drop_duplicates("model_id")
    return picks[picks["model_id"].map(joined.set_index("model_id")["openness_class"]).str.startswith("open")]


# The like-for-like comparisons of the medians, leader's group against follower's: all models (the
# headline), then closed against open weights, open against open, closed against closed.
COMPARISONS = ((ALL_MODELS, ALL_MODELS), (CLOSED, OPEN), (OPEN, OPEN), (CLOSED, CLOSED))


def openness_comparisons(
    per_model: pd.DataFrame,
    leader: str = US,
    follower: str = CN,
    *,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """The leader's over the follower's median price for each of COMPARISONS, from one price per model
    (cost_openness.model_prices or model_prices_in_force), with how much each ratio depends on the
    model set (cost_openness.median_ratio_sensitivity, every comparison drawn from a generator seeded
    with `seed`). A group without a priced model gives a NaN ratio: a data gap."""
    require(per_model, ["model_id", "bloc", "openness", PRICE], "openness_comparisons", "model prices")
    rows = []
    for lead_group, follow_group in COMPARISONS:
        sensitivity = median_ratio_sensitivity(
            group_prices(per_model, leader, lead_group),
            group_prices(per_model, follower, follow_group),
            n_boot=n_boot,
            seed=seed,
        )
        rows.append({"leader_openness": lead_group, "follower_openness": follow_group} | sensitivity)
    return pd.DataFrame(rows).assign(leader=leader, follower=follower)


def price_list_comparisons(
    dated: pd.DataFrame,
    on: str,
    leader: str = US,
    follower: str = CN,
    *,
    blend_input_share: float = 0.75,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame | None:
    """openness_comparisons of a dated price list (genai-prices) at the prices in force on `on`
    (cost_openness.model_prices_in_force); None when no model of the list has a price in force by then."""
    models = model_prices_in_force(dated, on, blend_input_share=blend_input_share)
    if models.empty:
        return None
    return openness_comparisons(models, leader, follower, n_boot=n_boot, seed=seed)


@dataclass(frozen=True)
class PriceView:
    """Everything the cost section reports, computed once from one price list and one ECI table.

    Each comparison comes twice: with any host and (`_fp`) on the developers' own APIs only."""

    leader: str
    follower: str
    blend_input_share: float
    first: str  # first and latest price-list snapshot
    latest: str
    by_bloc: pd.DataFrame  # price_by_bloc over every snapshot
    by_bloc_fp: pd.DataFrame
    joined: pd.DataFrame  # model_price_capability in the latest snapshot
    joined_fp: pd.DataFrame
    parity: pd.Series  # price_ratio_at_parity, leader over follower
    parity_fp: pd.Series
    frontier: pd.DataFrame  # pareto_frontier of `joined`
    cheapest: pd.DataFrame  # cheapest_at_capability of both blocs at the requested levels
    first_best: pd.Series  # the follower's most capable priced model in the first snapshot
    decline: pd.DataFrame  # price_decline at first_best's ECI score
    decline_fp: pd.DataFrame
    models: (
        pd.DataFrame
    )  # cost_openness.model_prices in the latest snapshot, any host: the models behind the medians
    by_openness: pd.DataFrame  # cost_openness.median_by_openness of `models`
    comparisons: pd.DataFrame  # openness_comparisons of `models`

    @property
    def medians(self) -> pd.DataFrame:
        """The latest snapshot's price_by_bloc rows (any host), indexed by bloc."""
        return self.by_bloc[self.by_bloc["snapshot_date"] == self.latest].set_index("bloc")

    @property
    def medians_fp(self) -> pd.DataFrame:
        """The latest snapshot's price_by_bloc rows on the developers' own APIs, indexed by bloc."""
        return self.by_bloc_fp[self.by_bloc_fp["snapshot_date"] == self.latest].set_index("bloc")

    @property
    def median_ratio(self) -> float:
        """The leader's median price over the follower's in the latest snapshot, any host."""
        med = self.medians["median_blended_usd_per_mtok"]
        return med[self.leader] / med[self.follower]

    def comparison(self, leader_openness: str, follower_openness: str) -> pd.Series:
        """The row of `comparisons` for one pair of openness groups (ALL_MODELS, CLOSED or OPEN)."""
        rows = self.comparisons
        pick = (rows["leader_openness"] == leader_openness) & (rows["follower_openness"] == follower_openness)
        return rows[pick].iloc[0]

    @property
    def headline(self) -> pd.Series:
        """The all-models comparison: median_ratio with its leave-one-out range and bootstrap interval."""
        return self.comparison(ALL_MODELS, ALL_MODELS)

    @property
    def median_ratios(self) -> pd.Series:
        """The leader's median price over the follower's in each snapshot (any host), by snapshot date."""
        med = self.by_bloc.pivot(index="snapshot_date", columns="bloc", values="median_blended_usd_per_mtok")
        return (med[self.leader] / med[self.follower]).dropna()

    @property
    def frontier_top(self) -> pd.Series:
        """The most capable model on the price-capability frontier."""
        return self.frontier.sort_values("eci_score").iloc[-1]

    @property
    def first_party_gap(self) -> bool:
        """No follower model has both a first-party price and an ECI score: no own-API comparison."""
        return bool(pd.isna(self.parity_fp["level"]))

    def hosts(self, *, first_party_only: bool = False) -> pd.Series:
        """Each model's cheapest host in the latest snapshot (model_id → host_provider)."""
        joined = self.joined_fp if first_party_only else self.joined
        return joined.set_index("model_id")["host_provider"]

    def scored_models(self) -> pd.Series:
        """Models with a price and an ECI score in the latest snapshot, per bloc."""
        return self.joined.groupby("bloc")["model_id"].nunique()


def price_view(
    prices: pd.DataFrame,
    eci: pd.DataFrame,
    *,
    blend_input_share: float = 0.75,
    capability_levels: Iterable[float] = (120.0, 130.0, 140.0, 145.0, 150.0),
    leader: str = US,
    follower: str = CN,
    n_boot: int = 2000,
    seed: int = 0,
) -> PriceView:
    """The cost section's PriceView: medians (by bloc, and by openness with their like-for-like ratios
    and sensitivity to the model set: `n_boot` bootstrap draws seeded with `seed`), the latest join with
    its frontier, parity and cheapest model per level, and the price decline at the level of the
    follower's best priced model of the first snapshot."""
    share = blend_input_share
    # In the order the section reads them, so an early as_of cut fails on the first thing it lacks.
    by_bloc = price_by_bloc(prices, blend_input_share=share)
    by_bloc_fp = price_by_bloc(prices, blend_input_share=share, first_party_only=True)
    joined = model_price_capability(prices, eci, blend_input_share=share)
    joined_fp = model_price_capability(prices, eci, blend_input_share=share, first_party_only=True)
    parity = price_ratio_at_parity(joined, leader, follower).iloc[0]
    parity_fp = price_ratio_at_parity(joined_fp, leader, follower).iloc[0]
    frontier = pareto_frontier(joined)
    cheapest = cheapest_at_capability(joined, capability_levels, blocs=[leader, follower])
    first, latest = min(prices["snapshot_date"]), max(prices["snapshot_date"])
    first_joined = model_price_capability(prices, eci, snapshot_date=first, blend_input_share=share)
    first_best = first_joined[first_joined["bloc"] == follower].sort_values("eci_score").iloc[-1]
    level = first_best["eci_score"]
    models = model_prices(prices, snapshot_date=latest, blend_input_share=share)
    return PriceView(
        leader=leader,
        follower=follower,
        blend_input_share=share,
        first=first,
        latest=latest,
        by_bloc=by_bloc,
        by_bloc_fp=by_bloc_fp,
        joined=joined,
        joined_fp=joined_fp,
        parity=parity,
        parity_fp=parity_fp,
        frontier=frontier,
        cheapest=cheapest,
        first_best=first_best,
        decline=price_decline(prices, eci, level, blend_input_share=share),
        decline_fp=price_decline(prices, eci, level, blend_input_share=share, first_party_only=True),
        models=models,
        by_openness=median_by_openness(models),
        comparisons=openness_comparisons(models, leader, follower, n_boot=n_boot, seed=seed),
    )


def unscored_priced(prices: pd.DataFrame, eci: pd.DataFrame, until: str = "") -> pd.DataFrame:
    """The models in the latest price list released after the newest model the ECI scores, with no
    score yet: a frontier read from the index ('above this level every model is from another bloc')
    cannot count them. Columns: model_id, display_name, bloc, release_date."""
    latest = prices[prices["snapshot_date"] == prices["snapshot_date"].max()]
    newer = capability.unscored_since(eci, classify.crosswalk().reset_index(), until)
    priced = newer[newer["model_id"].isin(set(latest["model_id"].dropna()))]
    return priced[["model_id", "display_name", "bloc", "release_date"]].reset_index(drop=True)
