"""Verdicts the claims ledger computes from the sections' own numbers rather than types in.

A claim names its check in the ledger's `computed_by` column (curated.claims.COMPUTED_CHECKS); each check
here returns the numbers and the verdict, and report.narrative.claims words the reason."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators import cost
from strategy_brief.analysis.indicators.cost_view import PriceView

# "A fraction of the cost": the Chinese model costs at most half the US one of the same capability, i.e.
# US ÷ China at the parity level of at least 2.
FRACTION_OF_COST = 2.0


class CostParity(NamedTuple):
    """US ÷ China price at the capability of China's best priced model, in the first and latest price list
    (the cost section's price_ratio_at_parity), and the verdict it gives a 'fraction of the cost' claim."""

    first: str  # snapshot dates
    latest: str
    first_ratio: float
    latest_ratio: float
    first_models: tuple[str, str]  # (US model, Chinese model) compared
    latest_models: tuple[str, str]
    verdict: str | None  # None: no comparison today (keep the ledger's own verdict)


def fraction_of_cost_verdict(first_ratio: float, latest_ratio: float, threshold: float = FRACTION_OF_COST):
    """supported while the Chinese model still costs a fraction; held then, not current when it did in
    the first price list only; contested when it never did; None when today's ratio cannot be computed."""
    if pd.isna(latest_ratio):
        return None
    if latest_ratio >= threshold:
        return "supported"
    if not pd.isna(first_ratio) and first_ratio >= threshold:
        return "held then, not current"
    return "contested"


def cost_parity(view: PriceView, prices: pd.DataFrame, eci: pd.DataFrame) -> CostParity:
    """The parity ratio of the cost section's view (the latest price list) and of the first price list,
    computed the same way (same blend), and the verdict of a 'fraction of the cost' claim."""
    first_joined = cost.model_price_capability(
        prices, eci, snapshot_date=view.first, blend_input_share=view.blend_input_share
    )
    then = cost.price_ratio_at_parity(first_joined, view.leader, view.follower).iloc[0]
    now = view.parity
    first_ratio = float(then["ratio"]) if not pd.isna(then["ratio"]) else np.nan
    latest_ratio = float(now["ratio"]) if not pd.isna(now["ratio"]) else np.nan
    return CostParity(
        first=view.first,
        latest=view.latest,
        first_ratio=first_ratio,
        latest_ratio=latest_ratio,
        first_models=(then["leader_model_id"], then["follower_model_id"]),
        latest_models=(now["leader_model_id"], now["follower_model_id"]),
        verdict=fraction_of_cost_verdict(first_ratio, latest_ratio),
    )
