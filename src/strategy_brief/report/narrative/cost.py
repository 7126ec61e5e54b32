"""The cost section's sentences, computed from a cost_view.PriceView (US as leader, China as follower)."""

from __future__ import annotations

import math

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import cost, cost_openness, cost_view
from strategy_brief.analysis.indicators.cost import PRICE
from strategy_brief.analysis.indicators.cost_openness import CLOSED, OPEN
from strategy_brief.analysis.indicators.cost_view import PriceView
from strategy_brief.curated.classify import CN, US

FEW_MODELS = 10  # a median of fewer models says "only"

# How each openness group reads: "closed US models", "Chinese open-weight models".
_GROUP_WORDS = {
    cost_openness.CLOSED: "closed",
    cost_openness.OPEN: "open-weight",
    cost_openness.ALL_MODELS: "",
}
_ADJECTIVE = {US: "US", CN: "Chinese"}


def fold(value: float, missing: str = "n/a") -> str:
    """A ratio to two significant figures below 1 ('0.25×', '0.068×') and one decimal above ('4.2×')."""
    if pd.isna(value):
        return missing
    digits = 1 if value >= 1 or value <= 0 else 1 - math.floor(math.log10(value))
    return fmt.times(value, digits)


def fold_range(low: float, high: float, missing: str = "n/a") -> str:
    """'4–4.4×', each end to fold's precision; `missing` when either end is missing."""
    if pd.isna(low) or pd.isna(high):
        return missing
    return f"{fold(low).removesuffix('×')}–{fold(high)}"


def group_name(bloc: str, openness: str) -> str:
    """'closed US models', 'Chinese open-weight models', 'US models'."""
    words = [_GROUP_WORDS[openness], _ADJECTIVE.get(bloc, bloc), "models"]
    if openness == cost_openness.OPEN:
        words = [_ADJECTIVE.get(bloc, bloc), _GROUP_WORDS[openness], "models"]
    return " ".join(w for w in words if w)


def counted(n: int, bloc: str, openness: str) -> str:
    """'110 closed US models', 'only 2 US open-weight models' (fewer than FEW_MODELS), 'no ...'."""
    name = group_name(bloc, openness)
    if n == 0:
        return f"no {name}"
    if n == 1:
        return f"only 1 {name.removesuffix('s')}"
    return f"{'only ' if n < FEW_MODELS else ''}{n} {name}"


def sensitivity(row: pd.Series) -> str:
    """'4–4.4× when any one model is left out, 2–8.4× in 95% of resampled model lists' for a
    cost_view.openness_comparisons row, leaving out what too few models cannot give."""
    parts = []
    if not pd.isna(row["loo_low"]):
        parts.append(f"{fold_range(row['loo_low'], row['loo_high'])} when any one model is left out")
    if not pd.isna(row["boot_low"]):
        parts.append(f"{fold_range(row['boot_low'], row['boot_high'])} in 95% of resampled model lists")
    return ", ".join(parts)


def _like_for_like(view: PriceView, lead: str, follow: str) -> str:
    """'the median closed US model costs 8.6× the median Chinese open-weight model', or the data gap."""
    row = view.comparison(lead, follow)
    if pd.isna(row["ratio"]):
        missing = [
            group_name(bloc, group)
            for bloc, group, n in ((US, lead, row["n_leader"]), (CN, follow, row["n_follower"]))
            if n == 0
        ]
        return f"no {fmt.listed(missing)} carry a price (a data gap)"
    return f"the median of {group_name(US, lead)} is {fold(row['ratio'])} that of {group_name(CN, follow)}"


def blend_text(share: float) -> str:
    """'75% input and 25% output tokens': the blend as the captions and notes state it."""
    return f"{fmt.percent(share * 100)} input and {fmt.percent((1 - share) * 100)} output tokens"


def key_finding(view: PriceView) -> str:
    """Medians with how much their ratio depends on the model set, the like-for-like ratios by openness,
    then the price ratio at the capability of China's best priced model."""
    med, parity, head = view.medians["median_blended_usd_per_mtok"], view.parity, view.headline
    closed_open, open_open = (
        view.comparison(cost_openness.CLOSED, cost_openness.OPEN),
        view.comparison(cost_openness.OPEN, cost_openness.OPEN),
    )
    spread = sensitivity(head)
    counts = fmt.listed(
        [
            counted(closed_open["n_leader"], US, cost_openness.CLOSED),
            counted(open_open["n_leader"], US, cost_openness.OPEN),
            counted(closed_open["n_follower"], CN, cost_openness.OPEN),
        ]
    )
    if pd.isna(parity["ratio"]):
        clause = "no US model in the price list reaches that level"
    else:
        clause = (
            f"the cheapest US model at that level ({parity['leader_model_id']}) costs "
            f"{fmt.ratio(parity['ratio'])} the cheapest Chinese one"
        )
    return (
        f"The median Chinese model lists at {fmt.usd_price(med[CN])} per million tokens against "
        f"{fmt.usd_price(med[US])} for the median US model ({fold(view.median_ratio)} as much"
        + (f"; {spread}" if spread else "")
        + "), but that median mixes closed and open-weight models. Like for like, "
        f"{_like_for_like(view, CLOSED, OPEN)}, while {_like_for_like(view, OPEN, OPEN)} "
        f"({counts}). At the capability of China's best priced model ({parity['follower_model_id']}, "
        f"ECI {fmt.number(parity['level'])}) {clause} ({pd.Timestamp(view.latest):%B %Y} price list)."
    )


def key_figures(view: PriceView) -> list[dict]:
    """The section's headline numbers as record.key_figure arguments; the parity ratio only when some US
    model reaches China's best level."""
    med, ratio, latest = view.medians["median_blended_usd_per_mtok"], view.parity["ratio"], view.latest
    figures = []
    if not pd.isna(ratio):
        figures.append(
            {
                "name": "price_ratio_at_parity",
                "value": round(float(ratio), 3),
                "unit": "ratio",
                "label": "US ÷ China cheapest price at China's best ECI level, any host",
                "as_of": latest,
                "source": "api_prices, eci_by_model",
            }
        )
    for lead, follow in (
        (cost_openness.CLOSED, cost_openness.OPEN),
        (cost_openness.OPEN, cost_openness.OPEN),
    ):
        row = view.comparison(lead, follow)
        if not pd.isna(row["ratio"]):
            figures.append(
                {
                    "name": f"median_price_ratio_{lead}_us_{follow}_china",
                    "value": round(float(row["ratio"]), 3),
                    "unit": "ratio",
                    "label": f"Median price of {group_name(US, lead)} ÷ median of {group_name(CN, follow)}, "
                    "any host",
                    "as_of": latest,
                    "source": "api_prices",
                }
            )
    for bloc, name, adjective in ((US, "us", "US"), (CN, "china", "Chinese")):
        figures.append(
            {
                "name": f"median_price_{name}_latest",
                "value": round(float(med[bloc]), 4),
                "unit": "USD per million tokens (blended)",
                "label": f"Median blended list price of {adjective} models",
                "as_of": latest,
                "source": "api_prices",
            }
        )
    return figures


def medians(view: PriceView) -> str:
    """How many models the medians count, and the medians on the developers' own APIs."""
    med, med_fp = view.medians, view.medians_fp
    price = "median_blended_usd_per_mtok"
    return (
        f"In the {pd.Timestamp(view.latest):%B %Y} list, {med.loc[US, 'n_models']} US and "
        f"{med.loc[CN, 'n_models']} Chinese models carry a price; each counts once, at its cheapest host. "
        f"Counting only the developers' own APIs, the medians are {fmt.usd_price(med_fp.loc[US, price])} "
        f"for the {med_fp.loc[US, 'n_models']} US models and {fmt.usd_price(med_fp.loc[CN, price])} for the "
        f"{med_fp.loc[CN, 'n_models']} Chinese ones "
        f"({fmt.times(med_fp.loc[US, price] / med_fp.loc[CN, price])}). A median over a changing list moves "
        "when models are added or dropped, not only when prices change, and it mixes small and frontier "
        "models: the sections below compare prices at the same capability."
    )


def frontier(view: PriceView, unscored: pd.DataFrame | None = None) -> str:
    """Who tops the price–capability frontier and where China's models sit on it; `unscored`
    (cost_view.unscored_priced) names the newer priced models the index has not scored yet."""
    top, parity = view.frontier_top, view.parity
    cn_front = view.frontier[view.frontier["bloc"] == CN].drop_duplicates([PRICE, "eci_score"])
    text = (
        f"The frontier's most capable model is {top['model_id']} ({top['bloc']}, "
        f"ECI {fmt.number(top['eci_score'])}, {fmt.usd_price(top[PRICE])}). The Chinese models on it, "
        + ", ".join(f"{r.model_id} ({fmt.usd_price(getattr(r, PRICE))})" for r in cn_front.itertuples())
        + f", sit in its low and middle range; above ECI {fmt.number(parity['level'])}, the score of "
        f"China's best priced model ({parity['follower_model_id']}), every scored model on offer is from "
        "another bloc."
    )
    if unscored is not None and not unscored.empty:
        groups = [
            f"{fmt.listed(list(rows['display_name']))} ({bloc})"
            for bloc, rows in unscored.groupby("bloc", sort=True)
        ]
        newest = pd.to_datetime(unscored["release_date"]).min()
        text += (
            f" That reading can change: {fmt.listed(groups)} are on offer but were released from "
            f"{newest:%B %Y} on, after the newest model the index scores, and have no score yet."
        )
    return text


def first_party_gap(until: str) -> str:
    """The data gap when no Chinese model has both a first-party price and an ECI score by `until`."""
    return (
        "No Chinese model had both a first-party price and "
        f"an ECI score by {until}: the comparison on the developers' own APIs (litellm and "
        "genai-prices) cannot be made for this cut."
    )


def parity(view: PriceView) -> str:
    """How far the gap narrows at China's best level, and who sells the cheapest Chinese offer."""
    parity, parity_fp, medians_ratio = view.parity, view.parity_fp, view.median_ratio
    follower = parity["follower_model_id"]
    follower_dev = view.joined.set_index("model_id").loc[follower, "developer"]
    follower_host = view.hosts()[follower]
    own_api = cost.is_first_party(follower_dev, follower_host)
    if pd.isna(parity["ratio"]) or parity["ratio"] >= medians_ratio:
        gap_verb = "does not narrow"
    elif parity["ratio"] < 1.25:
        gap_verb = "all but closes"
    else:
        gap_verb = "narrows"
    return (
        f"At the top of China's range the price gap {gap_verb}: US ÷ China is {fmt.ratio(parity['ratio'])} "
        f"with any host (against {fmt.times(medians_ratio)} for the medians)"
        + (
            ""
            if view.first_party_gap
            else f" and {fmt.ratio(parity_fp['ratio'])} counting only the developers' own APIs"
        )
        + ". The cheapest Chinese offer comes from "
        + (f"{follower_dev}'s own API" if own_api else f"{follower_host}, not from {follower_dev}'s own API")
        + ": many hosts resell open-weight models, and a Chinese model served by a US host is still counted "
        "as Chinese here. genai-prices, a second, first-party price list, is shown as a cross-check of the "
        "litellm community table."
    )


def levels(view: PriceView) -> str:
    """At how many capability levels China is cheaper, which US picks are resold open weights, and
    from which level no Chinese model qualifies."""
    compared = cost_view.compare_levels(view.cheapest, US, CN)
    us_open = cost_view.open_weight_picks(view.cheapest, view.joined, US)
    text = (
        "Where both blocs offer a level, the Chinese model is the cheaper one at "
        f"{compared.follower_cheaper} of {compared.levels_both} levels."
    )
    if not us_open.empty:
        text += (
            " The cheapest US offers there include open-weight models resold by hosts: "
            + ", ".join(f"{r.model_id} on {r.host_provider}" for r in us_open.itertuples())
            + "."
        )
    if not pd.isna(compared.leader_only_from):
        text += f" At ECI ≥ {fmt.number(compared.leader_only_from)} no Chinese model in the list qualifies."
    return text


def decline(view: PriceView) -> str:
    """How much cheaper the capability of China's best model of the first snapshot got, by basis."""
    first_dt, latest_dt, cn_first = pd.Timestamp(view.first), pd.Timestamp(view.latest), view.first_best
    offered = view.decline.dropna(subset=[PRICE])
    base, end = offered.iloc[0], offered.iloc[-1]
    end_fp = view.decline_fp.dropna(subset=[PRICE]).iloc[-1]
    if base["bloc"] == end["bloc"]:
        source = f"came from {fmt.country(base['bloc'])} in both {first_dt:%B %Y} and {latest_dt:%B %Y}."
    else:
        source = (
            f"came from {fmt.country(base['bloc'])} in {first_dt:%B %Y} "
            f"and from {fmt.country(end['bloc'])} in {latest_dt:%B %Y}."
        )
    return (
        f"In {first_dt:%B %Y} China's best priced model was {cn_first['model_id']} "
        f"(ECI {fmt.number(cn_first['eci_score'])}) at {fmt.usd_price(base[PRICE])} with any host. By "
        f"{latest_dt:%B %Y} the cheapest model at that level is {end['model_id']} ({end['bloc']}) at "
        f"{fmt.usd_price(end[PRICE])}, {fmt.times(end['fold_decline'])} less; counting the developers' own "
        f"APIs only, the price fell {fmt.times(end_fp['fold_decline'])}, to {end_fp['model_id']} "
        f"({end_fp['bloc']}) at {fmt.usd_price(end_fp[PRICE])}. The cheapest source of this capability "
        f"{source}"
    )


def about_prices(view: PriceView, eci_snapshot: str) -> str:
    """The caveats on the prices: community list, hosts, scores (dated `eci_snapshot`) and the blend."""
    med, n_scored = view.medians, view.scored_models()
    return (
        "- **Community list prices.** litellm's price table is maintained by its contributors to meter API "
        "use; it is not an official price list. This brief uses its standard input and output prices: no "
        "discounts, batch or cached-input rates.\n"
        "- **Hosts.** A model's price is its cheapest listed host. Open-weight models are resold by many "
        "hosts, so a Chinese model may be priced by a US host; it still counts as Chinese.\n"
        f"- **Scores.** The capability index snapshot is dated {eci_snapshot}. Of the models priced in the "
        f"{pd.Timestamp(view.latest):%B %Y} list, {med.loc[US, 'n_models'] - n_scored.get(US, 0)} of "
        f"{med.loc[US, 'n_models']} US and {med.loc[CN, 'n_models'] - n_scored.get(CN, 0)} of "
        f"{med.loc[CN, 'n_models']} Chinese models have no score: released after the snapshot, or listed "
        "under an alias (such as a rolling 'latest' name) that the index does not score. They count in the "
        "medians but not in the capability comparisons.\n"
        f"- **Blend.** Prices blend {blend_text(view.blend_input_share)}; output-heavy uses (reasoning, long "
        "answers) weigh output prices more and would rank some models differently."
    )


GLOBAL_PRICES = (
    "All prices are global list prices in US dollars: the same in every regional edition of this brief."
)


def no_regional_prices(region: str) -> str:
    """The data gap of a regional edition: there are no prices specific to the region."""
    return (
        f"There are no prices specific to {region}: all prices here are global list prices in US dollars, "
        "the same in every edition. Local currency, taxes, and which hosts actually serve customers in "
        f"{region} are not covered."
    )
