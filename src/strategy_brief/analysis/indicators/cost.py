"""Cost: what each bloc charges per million tokens, and what a given capability costs."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators._checks import require
from strategy_brief.curated.classify import BLOCS

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
