"""Cost: what each bloc charges per million tokens, and what a given capability costs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators._checks import require
from strategy_brief.curated.classify import BLOCS, CN, US

PRICE_COLUMNS = ("snapshot_date", "host_provider", "model_id", "developer", "bloc", "openness_class")
TOKEN_PRICES = ("input_usd_per_mtok", "output_usd_per_mtok")
PRICE = "blended_usd_per_mtok"

# The developer's own API among litellm providers. Partner listings on a cloud (Vertex AI's
# "vertex_ai-<developer>_models", Bedrock, Azure) are resellers, not first party; Google's own models
# are served both by the Gemini API and by Vertex AI. Meta and NVIDIA sell no API of their own here.
FIRST_PARTY_HOSTS = {
    "OpenAI": {"openai"},
    "Anthropic": {"anthropic"},
    "Google": {"gemini", "vertex_ai-language-models"},
    "xAI": {"xai"},
    "DeepSeek": {"deepseek"},
    "Alibaba": {"dashscope"},
    "Moonshot AI": {"moonshot"},
    "MiniMax": {"minimax"},
    "Zhipu AI": {"zai"},
    "Mistral AI": {"mistral"},
}

JOINED_COLUMNS = [
    "model_id",
    "developer",
    "bloc",
    "openness_class",
    "eci_score",
    PRICE,
    "host_provider",
    "snapshot_date",
]


def _check_share(share: float, caller: str) -> None:
    if not 0 <= share <= 1:
        raise ValueError(f"{caller}: blend_input_share must be between 0 and 1, got {share}")


def blended(prices: pd.DataFrame, blend_input_share: float = 0.75) -> pd.Series:
    """Blended USD per million tokens: the input share of input tokens, the rest output tokens."""
    return (
        blend_input_share * prices["input_usd_per_mtok"]
        + (1 - blend_input_share) * prices["output_usd_per_mtok"]
    )


def first_party(prices: pd.DataFrame) -> pd.DataFrame:
    """The price rows served by the model developer's own API (FIRST_PARTY_HOSTS)."""
    own = [
        host in FIRST_PARTY_HOSTS.get(dev, ())
        for dev, host in zip(prices["developer"], prices["host_provider"], strict=True)
    ]
    return prices[np.array(own, dtype=bool)]


def _offers(prices: pd.DataFrame, share: float, first_party_only: bool) -> pd.DataFrame:
    """Priced rows with a model id, blended at `share`, optionally first party only."""
    rows = prices.dropna(subset=["model_id", *TOKEN_PRICES])
    if first_party_only:
        rows = first_party(rows)
    return rows.assign(**{PRICE: blended(rows, share)})


def _cheapest(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The cheapest row per key; ties go to the higher ECI (when known), then by name, for stable output."""
    order = [PRICE] + (["eci_score"] if "eci_score" in rows else []) + ["model_id", "host_provider"]
    ascending = [True] + ([False] if "eci_score" in rows else []) + [True, True]
    ranked = rows.sort_values(order, ascending=ascending, kind="mergesort")
    return ranked.drop_duplicates(keys, keep="first")


def price_by_bloc(
    prices: pd.DataFrame, *, blend_input_share: float = 0.75, first_party_only: bool = False
) -> pd.DataFrame:
    """Median and minimum blended price per million tokens by snapshot and bloc, over models."""
    require(prices, PRICE_COLUMNS + TOKEN_PRICES, "price_by_bloc", "prices table")
    _check_share(blend_input_share, "price_by_bloc")
    offers = _offers(prices, blend_input_share, first_party_only)
    if offers.empty:
        raise ValueError("price_by_bloc: no priced model left (first_party_only filters every row)")
    # One price per model (its cheapest host), so a model listed by many resellers counts once.
    per_model = _cheapest(offers, ["snapshot_date", "model_id"])
    grouped = per_model.groupby(["snapshot_date", "bloc"])
    out = grouped.agg(
        n_models=("model_id", "nunique"),
        median_blended_usd_per_mtok=(PRICE, "median"),
        min_blended_usd_per_mtok=(PRICE, "min"),
    ).reset_index()
    cheapest = per_model.drop_duplicates(["snapshot_date", "bloc"], keep="first")
    out = out.merge(
        cheapest[["snapshot_date", "bloc", "model_id"]].rename(columns={"model_id": "cheapest_model_id"}),
        on=["snapshot_date", "bloc"],
    )
    return out.assign(blend_input_share=blend_input_share, first_party_only=first_party_only)


def _best_eci(eci: pd.DataFrame, caller: str) -> pd.Series:
    require(eci, ["model_id", "eci_score"], caller, "ECI table")
    scored = eci.dropna(subset=["model_id", "eci_score"])
    if scored.empty:
        raise ValueError(f"{caller}: no ECI row has both a model_id and a score")
    return scored.groupby("model_id")["eci_score"].max()


def _latest(dates: pd.Series) -> object:
    return dates.iloc[pd.to_datetime(dates).argmax()]


def _join(offers: pd.DataFrame, best: pd.Series) -> pd.DataFrame:
    """Each scored model of `offers` (one snapshot) at its cheapest host, with its best ECI score."""
    scored = offers[offers["model_id"].isin(best.index)]
    scored = scored.assign(eci_score=scored["model_id"].map(best))
    return _cheapest(scored, ["model_id"])[JOINED_COLUMNS].sort_values(PRICE, kind="mergesort")


def model_price_capability(
    prices: pd.DataFrame,
    eci: pd.DataFrame,
    *,
    snapshot_date: object = None,
    blend_input_share: float = 0.75,
    first_party_only: bool = False,
) -> pd.DataFrame:
    """Each model with an ECI score and a price in one snapshot (default latest), at its cheapest host."""
    caller = "model_price_capability"
    require(prices, PRICE_COLUMNS + TOKEN_PRICES, caller, "prices table")
    _check_share(blend_input_share, caller)
    best = _best_eci(eci, caller)
    when = _latest(prices["snapshot_date"]) if snapshot_date is None else snapshot_date
    in_snapshot = pd.to_datetime(prices["snapshot_date"]) == pd.Timestamp(when)
    if not in_snapshot.any():
        raise ValueError(f"{caller}: no price snapshot dated {when}")
    joined = _join(_offers(prices[in_snapshot], blend_input_share, first_party_only), best)
    if joined.empty:
        raise ValueError(f"{caller}: no model has both an ECI score and a price in snapshot {when}")
    return joined.assign(blend_input_share=blend_input_share).reset_index(drop=True)


def cheapest_at_capability(
    joined: pd.DataFrame, levels: Iterable[float], *, blocs: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per capability level and bloc, the cheapest model scoring at least that level (NaN when none)."""
    require(
        joined,
        ["model_id", "bloc", "eci_score", PRICE, "host_provider"],
        "cheapest_at_capability",
        "joined table",
    )
    levels = [float(level) for level in levels]
    if not levels:
        raise ValueError("cheapest_at_capability: no capability level given")
    blocs = sorted(joined["bloc"].unique()) if blocs is None else list(blocs)
    grid = pd.DataFrame([(level, bloc) for level in levels for bloc in blocs], columns=["level", "bloc"])
    # Every model paired with every level it reaches, then the cheapest per level and bloc.
    pairs = grid.drop(columns="bloc").drop_duplicates().merge(joined, how="cross")
    reached = pairs[pairs["eci_score"] >= pairs["level"]]
    best = _cheapest(reached, ["level", "bloc"])[
        ["level", "bloc", "model_id", "eci_score", PRICE, "host_provider"]
    ]
    return grid.merge(best, on=["level", "bloc"], how="left")


def _frontier(group: pd.DataFrame) -> pd.DataFrame:
    """Rows no other row dominates: sweep prices upwards, keeping what beats all cheaper rows."""
    keep, best_cheaper = [], -np.inf
    for _, same_price in group.groupby(PRICE, sort=True):
        top = same_price["eci_score"].max()
        if top > best_cheaper:
            keep.append(same_price[same_price["eci_score"] == top])
            best_cheaper = top
    return pd.concat(keep)


def pareto_frontier(joined: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """Models no other is both cheaper-or-equal and as capable, one strictly; per `by` group if given."""
    require(
        joined, ["model_id", "eci_score", PRICE] + ([by] if by else []), "pareto_frontier", "joined table"
    )
    rows = joined.dropna(subset=["eci_score", PRICE])
    if rows.empty:
        raise ValueError("pareto_frontier: no model has both a price and an ECI score")
    if by is None:
        return _frontier(rows).sort_values([PRICE, "model_id"], kind="mergesort").reset_index(drop=True)
    parts = [_frontier(group) for _, group in rows.groupby(by, sort=True)]
    return pd.concat(parts).sort_values([by, PRICE, "model_id"], kind="mergesort").reset_index(drop=True)


def price_ratio_at_parity(
    joined: pd.DataFrame,
    leader: str = "United States",
    follower: str = "China",
    *,
    level: float | None = None,
) -> pd.DataFrame:
    """Leader's over follower's cheapest price for the follower's best ECI (or a given level), one row.

    By default the level is the follower's best score, so the follower always offers it; when the
    leader has no model that good its price and model are missing and the ratio is NaN. Swapping
    leader and follower inverts the ratio whenever both blocs offer the level: always with a fixed
    `level`; with the default, only when both blocs' best models score the same, since otherwise the
    swapped level (the other bloc's best) is beyond one of them and one of the two ratios is NaN.
    When the follower has no scored, priced model and no level is given, level, both models, both
    prices and the ratio are NaN: check `pd.isna(row["level"])` before reporting a comparison.
    """
    require(
        joined,
        ["model_id", "bloc", "eci_score", PRICE, "host_provider"],
        "price_ratio_at_parity",
        "joined table",
    )
    if leader == follower:
        raise ValueError(f"price_ratio_at_parity: leader and follower are both {leader!r}")
    for bloc in (leader, follower):
        if bloc not in BLOCS:
            raise ValueError(f"price_ratio_at_parity: unknown bloc {bloc!r}; one of {', '.join(BLOCS)}")
    follower_scores = joined.loc[joined["bloc"] == follower, "eci_score"].dropna()
    if level is None:
        # No scored, priced follower model (an early as_of cut): no parity level, so an all-NaN row.
        level = float(follower_scores.max()) if not follower_scores.empty else np.nan
    cheapest = cheapest_at_capability(joined, [level], blocs=[leader, follower]).set_index("bloc")
    lead, follow = cheapest.loc[leader], cheapest.loc[follower]
    return pd.DataFrame(
        [
            {
                "leader": leader,
                "follower": follower,
                "level": level,
                "leader_model_id": lead["model_id"],
                "leader_usd_per_mtok": lead[PRICE],
                "follower_model_id": follow["model_id"],
                "follower_usd_per_mtok": follow[PRICE],
                "ratio": lead[PRICE] / follow[PRICE],
            }
        ]
    )


def price_decline(
    prices: pd.DataFrame,
    eci: pd.DataFrame,
    level: float,
    *,
    blend_input_share: float = 0.75,
    first_party_only: bool = False,
) -> pd.DataFrame:
    """Cheapest price of an ECI level in each snapshot and its fold decline since it was first offered.

    `fold_decline` is the price in the first snapshot offering the level (`base_snapshot_date`) over
    the price in this one; the last row holds the decline from first to last snapshot. NaN where the
    level is not offered.
    """
    caller = "price_decline"
    require(prices, PRICE_COLUMNS + TOKEN_PRICES, caller, "prices table")
    _check_share(blend_input_share, caller)
    best = _best_eci(eci, caller)
    offers = _offers(prices, blend_input_share, first_party_only)
    rows = []
    for when in sorted(prices["snapshot_date"].unique(), key=pd.Timestamp):
        joined = _join(offers[offers["snapshot_date"] == when], best)
        reached = joined[joined["eci_score"] >= level]
        top = reached.iloc[0] if not reached.empty else pd.Series(dtype=object)  # _join sorts by price
        rows.append(
            {"snapshot_date": when, "level": float(level)}
            | top.drop("snapshot_date", errors="ignore").to_dict()
        )
    out = pd.DataFrame(rows).reindex(columns=["snapshot_date", "level", *JOINED_COLUMNS[:-1]])
    offered = out[PRICE].notna()
    base = out.loc[offered].iloc[0] if offered.any() else None
    out["base_snapshot_date"] = base["snapshot_date"] if base is not None else None
    out["fold_decline"] = (base[PRICE] if base is not None else np.nan) / out[PRICE]
    return out.assign(blend_input_share=blend_input_share)


def prices_in_force(dated: pd.DataFrame, on: str, *, blend_input_share: float = 0.75) -> pd.Series:
    """Cheapest blended price per model_id of a dated price list (genai-prices) on a day.

    Each price key counts at the price in force on `on` (its latest `valid_from` on or before it; an
    empty `valid_from` is the standing price), recomputed at the blend; a key with no price in force yet
    is left out.
    """
    caller = "prices_in_force"
    require(dated, ["price_key", "valid_from", "model_id", *TOKEN_PRICES], caller, "price list")
    _check_share(blend_input_share, caller)
    since = dated["valid_from"].fillna("")
    in_force = dated[since <= on].assign(_since=since)
    in_force = in_force.sort_values("_since", kind="mergesort").drop_duplicates("price_key", keep="last")
    return in_force.assign(**{PRICE: blended(in_force, blend_input_share)}).groupby("model_id")[PRICE].min()


def reprice_parity(parity: pd.Series, prices: pd.Series) -> pd.Series:
    """A price_ratio_at_parity row with both models priced from another list (model_id → price), and the
    ratio recomputed; a model the list does not price gets NaN, and so does the ratio."""
    out = parity.copy()
    for side in ("leader", "follower"):
        model = parity[f"{side}_model_id"]
        out[f"{side}_usd_per_mtok"] = np.nan if pd.isna(model) else prices.get(model, np.nan)
    out["ratio"] = out["leader_usd_per_mtok"] / out["follower_usd_per_mtok"]
    return out


def is_first_party(developer: str, host: str) -> bool:
    """Whether `host` is the developer's own API (FIRST_PARTY_HOSTS)."""
    return host in FIRST_PARTY_HOSTS.get(developer, set())


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
) -> PriceView:
    """The cost section's PriceView: medians, the latest join with its frontier, parity and cheapest
    model per level, and the price decline at the level of the follower's best priced model of the first
    snapshot."""
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
    )
