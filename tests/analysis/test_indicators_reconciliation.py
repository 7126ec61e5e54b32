"""analysis.indicators.reconciliation: published figures recomputed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import reconciliation


def facts_frame(rows):
    columns = ["fact_id", "value", "as_of", "as_of_start", "as_of_end"]
    return pd.DataFrame(rows, columns=columns)


def test_reconciliation_by_hand():
    facts = facts_frame(
        [
            ("F029", 65.7, "2023", "2023-01-01", "2023-12-31"),
            ("F173", 30.0, "2025-07", "2025-07-01", "2025-07-31"),
            ("F174", 100.0, "2025-07", "2025-07-01", "2025-07-31"),
            ("F028", 24.2, "2023", "2023-01-01", "2023-12-31"),
        ]
    )
    models = pd.DataFrame(
        {
            "year": [2023, 2023, 2023, 2024],
            "bloc": ["China", "United States", "United States", "China"],
            "openness_class": ["open_unrestricted", "api", "unknown", "api"],
            "models": [1, 3, 5, 4],
        }
    )
    eci = pd.DataFrame(
        {
            "release_date": ["2023-03-01", "2023-07-01", "2024-05-01"],
            "eci_score": [110.0, 100.0, 130.0],
            "openness_class": ["api", "open_unrestricted", "open_unrestricted"],
        }
    )
    table = reconciliation.reconcile(facts, models, eci).set_index("fact_id")
    assert table.loc["F029", "recomputed"] == 25.0  # 1 open of 4 known models in 2023
    assert table.loc["F173;F174", "published"] == 30.0
    assert table.loc["F173;F174", "recomputed"] == round(100 * 5 / 13, 1)  # China 1 + 4 of all 13
    assert table.loc["F028", "recomputed"] == 10.0  # 110 vs 100 at the end of 2023, not the 2024 model
    assert table["why_they_differ"].str.len().min() > 20
    with pytest.raises(ValueError, match=r"fact F029 not in facts\.csv"):
        reconciliation.reconcile(facts[facts["fact_id"] != "F029"], models, eci)


def test_reconciliation_says_why_a_figure_cannot_be_recomputed():
    facts = facts_frame([("F034", 280.0, "2022-11 to 2024-10", "2022-11-01", "2024-10-31")])
    eci = pd.DataFrame({"model_version": ["gpt-4o-2024-05-13"], "eci_score": [130.0]})
    prices = pd.DataFrame({"snapshot_date": ["2025-02-06", "2026-07-24"]})
    row = reconciliation.price_decline_at_gpt35_level(facts, eci, prices)
    assert math.isnan(row["recomputed"]) and row["recomputed_from"] == "not recomputable"
    assert "start 2025-02-06, after 2022-11-01" in row["why_they_differ"]
    assert "no GPT-3.5 model" in row["why_they_differ"]
