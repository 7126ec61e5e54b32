"""A small price list and ECI table whose PriceView is worked out by hand (shared by the cost tests of
analysis and report).

Blended at 3:1 (0.75 × input + 0.25 × output). January: us-big 15 on OpenAI, 12 on Azure (a reseller);
us-small 1.5; cn-big 3 on DeepSeek, 1.25 on Together (a reseller). June: us-big 6, us-small 0.6, us-open
(Meta's open weights, no first-party API) 0.3 on Together, cn-big 1.25 and cn-new 0.5 on DeepSeek.
ECI: us-big 152, cn-new 145, cn-big 140, us-open 135, us-small 130.
"""

from __future__ import annotations

import pandas as pd

from strategy_brief.analysis.indicators import cost_view

US, CN = "United States", "China"
JAN, JUN = "2025-01-15", "2025-06-15"
COLUMNS = [
    "snapshot_date",
    "host_provider",
    "model_id",
    "developer",
    "bloc",
    "openness_class",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
]
ROWS = [
    (JAN, "openai", "us-big", "OpenAI", US, "api", 10.0, 30.0),
    (JAN, "azure_ai", "us-big", "OpenAI", US, "api", 8.0, 24.0),
    (JAN, "openai", "us-small", "OpenAI", US, "api", 1.0, 3.0),
    (JAN, "deepseek", "cn-big", "DeepSeek", CN, "open_unrestricted", 2.0, 6.0),
    (JAN, "together_ai", "cn-big", "DeepSeek", CN, "open_unrestricted", 1.0, 2.0),
    (JUN, "openai", "us-big", "OpenAI", US, "api", 4.0, 12.0),
    (JUN, "openai", "us-small", "OpenAI", US, "api", 0.4, 1.2),
    (JUN, "together_ai", "us-open", "Meta", US, "open_restricted", 0.2, 0.6),
    (JUN, "deepseek", "cn-big", "DeepSeek", CN, "open_unrestricted", 1.0, 2.0),
    (JUN, "deepseek", "cn-new", "DeepSeek", CN, "open_unrestricted", 0.4, 0.8),
]
SCORES = {"us-big": 152.0, "cn-new": 145.0, "cn-big": 140.0, "us-open": 135.0, "us-small": 130.0}
LEVELS = [130.0, 140.0, 150.0]


def prices(rows=ROWS) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.assign(price_key=frame["host_provider"] + "/" + frame["model_id"])


def eci(scores=SCORES) -> pd.DataFrame:
    return pd.DataFrame({"model_id": list(scores), "eci_score": list(scores.values())})


def view(rows=ROWS, scores=SCORES, **kw) -> cost_view.PriceView:
    return cost_view.price_view(
        prices(rows), eci(scores), capability_levels=kw.pop("capability_levels", LEVELS), **kw
    )
