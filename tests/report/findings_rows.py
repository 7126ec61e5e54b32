"""Hand-made scores and region views for the findings' and the executive brief's narrative tests."""

from __future__ import annotations

import math

import pandas as pd

from strategy_brief.analysis import findings
from strategy_brief.curated.classify import CN, US


def score(key: str, us: float, china: float, favours: str, unit: str = "percent", **kw) -> findings.Score:
    return findings.Score(key, "D", f"measure {key}", us, china, unit, "2025-08-04", "t", favours, **kw)


def scores(*, cap_us=150.0, cap_cn=140.0, price_us=2.0, price_cn=0.5) -> list[findings.Score]:
    cap_fav = US if cap_us > cap_cn else CN
    return [
        score(
            "eci_best",
            cap_us,
            cap_cn,
            cap_fav,
            "ECI points",
            note=f"{'China' if cap_fav == US else 'US'} 3 months behind",
        ),
        score("open_weight_share", 10, 80, CN),
        score("open_models_in_top", 0, 6, CN, "models"),
        score(
            "median_price", price_us, price_cn, CN if price_cn < price_us else US, "USD per million tokens"
        ),
        score("private_investment", 100, 10, US, "USD billion"),
        score("best_chip", 2000, 1000, US, "FP16 TFLOP/s"),
        score("robot_share", 7, 51, CN),
    ]


def view(
    region="Sub-Saharan Africa", trust=((("Nigeria", 76.0),)), scenario="status_quo"
) -> findings.RegionView:
    table = pd.DataFrame(list(trust), columns=["country", "trust_pct"])
    return findings.RegionView(
        region=region,
        cloud_us=5,
        cloud_china=1,
        china_cloud_share=1 / 6,
        cloud_as_of="2025-01-01",
        trust=table,
        trust_mean=table["trust_pct"].mean() if len(table) else math.nan,
        trust_us=32.0,
        trust_china=72.0,
        trust_survey="Survey",
        trust_as_of="2025",
        scenario_start=0.14,
        scenario_start_regional=False,
        scenario_median=0.11,
        scenario_p10=0.04,
        scenario_p90=0.23,
        scenario_years=(2026, 2030),
        scenario_name=scenario,
        scenario_paths=pd.DataFrame(),
    )
