"""Reconciliation: published headline figures recomputed from the project's data, side by side,
with the reason they differ."""

from __future__ import annotations

import pandas as pd

from strategy_brief.analysis.indicators import capability, openness

COLUMNS = [
    "fact_id",
    "figure",
    "published",
    "recomputed",
    "unit",
    "published_as_of",
    "recomputed_from",
    "why_they_differ",
]


def _fact(facts: pd.DataFrame, fact_id: str) -> pd.Series:
    rows = facts[facts["fact_id"] == fact_id]
    if rows.empty:
        raise ValueError(f"reconciliation: fact {fact_id} not in facts.csv")
    return rows.iloc[0]


def open_share_of_new_models(facts: pd.DataFrame, models: pd.DataFrame) -> dict:
    """AI Index: share of new foundation models released open (2023) vs Epoch notable models."""
    fact = _fact(facts, "F029")
    year = int(fact["as_of_start"][:4])
    share = openness.open_weight_share(models)
    year_rows = share[share["year"] == year]
    if year_rows.empty:
        raise ValueError(f"reconciliation: no notable models in {year}")
    recomputed = 100 * year_rows["open_models"].sum() / year_rows["known_models"].sum()
    return {
        "fact_id": fact["fact_id"],
        "figure": f"Share of new models released with open weights, {year}",
        "published": fact["value"],
        "recomputed": round(recomputed, 1),
        "unit": "percent",
        "published_as_of": fact["as_of"],
        "recomputed_from": f"models_by_bloc_year_accessibility ({int(year_rows['known_models'].sum())})",
        "why_they_differ": (
            "inclusion rules: the AI Index counts foundation models (many small releases); "
            "Epoch counts notable models (state of the art, highly cited or widely used), "
            "which skews to large closed models"
        ),
    }


def china_share_of_models(facts: pd.DataFrame, models: pd.DataFrame) -> dict:
    """CAICT: China's share of the world's large models (cumulative, mid-2025) vs Epoch notable models."""
    china, world = _fact(facts, "F173"), _fact(facts, "F174")
    last_year = int(china["as_of_end"][:4])
    upto = models[models["year"] <= last_year]
    recomputed = 100 * upto.loc[upto["bloc"] == "China", "models"].sum() / upto["models"].sum()
    return {
        "fact_id": f"{china['fact_id']};{world['fact_id']}",
        "figure": "China's share of AI models released (cumulative)",
        "published": round(100 * china["value"] / world["value"], 1),
        "recomputed": round(recomputed, 1),
        "unit": "percent",
        "published_as_of": china["as_of"],
        "recomputed_from": f"models_by_bloc_year_accessibility, all years to {last_year}",
        "why_they_differ": (
            "the published count includes every registered large model in China; Epoch's notable models "
            "start in 1950 and select for influence, so decades of US research models weigh in; "
            "multi-country models count for their first-listed organization"
        ),
    }


def closed_open_gap(facts: pd.DataFrame, eci: pd.DataFrame) -> dict:
    """AI Index: closed vs open performance gap (2023) vs the ECI gap at the end of that year."""
    fact = _fact(facts, "F028")
    end = pd.Timestamp(fact["as_of_end"])
    gaps = capability.gap(capability.by_openness(eci), capability.CLOSED, capability.OPEN, group_col="group")
    at_end = gaps[gaps["date"] <= end]
    if at_end.empty:
        recomputed, source = float("nan"), f"eci_by_model has no open and closed scores by {end.date()}"
    else:
        recomputed = round(float(at_end.iloc[-1]["gap_percent"]), 1)
        source = f"eci_by_model, best closed vs best open model released by {end.date()}"
    return {
        "fact_id": fact["fact_id"],
        "figure": "Closed vs open model performance gap",
        "published": fact["value"],
        "recomputed": recomputed,
        "unit": "percent",
        "published_as_of": fact["as_of"],
        "recomputed_from": source,
        "why_they_differ": (
            "metric: the AI Index takes the median gap across individual benchmarks; the ECI combines "
            "benchmarks into one scale and compares the two best models"
        ),
    }


def price_decline_at_gpt35_level(facts: pd.DataFrame, eci: pd.DataFrame, prices: pd.DataFrame) -> dict:
    """AI Index: 280-fold fall in the price of GPT-3.5-level inference; recomputed only where the data
    reaches back to the published window and scores a GPT-3.5 model."""
    fact = _fact(facts, "F034")
    first_snapshot = str(prices["snapshot_date"].min())
    gpt35 = eci[eci["model_version"].str.contains("gpt-3.5", case=False, na=False)]
    missing = []
    if first_snapshot > fact["as_of_start"]:
        missing.append(f"the price snapshots start {first_snapshot}, after {fact['as_of_start']}")
    if gpt35.empty:
        missing.append("the capabilities index scores no GPT-3.5 model, so the level is undefined")
    return {
        "fact_id": fact["fact_id"],
        "figure": "Fall in the price of GPT-3.5-level inference",
        "published": fact["value"],
        "recomputed": float("nan"),
        "unit": "fold",
        "published_as_of": fact["as_of"],
        "recomputed_from": "api_prices, eci_by_model" if not missing else "not recomputable",
        "why_they_differ": "; ".join(missing) if missing else "window and model set differ",
    }


def reconcile(
    facts: pd.DataFrame, models: pd.DataFrame, eci: pd.DataFrame, prices: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every published figure the data can recompute (or says why not), side by side."""
    rows = [
        open_share_of_new_models(facts, models),
        china_share_of_models(facts, models),
        closed_open_gap(facts, eci),
    ]
    if prices is not None:
        rows.append(price_decline_at_gpt35_level(facts, eci, prices))
    return pd.DataFrame(rows, columns=COLUMNS)
