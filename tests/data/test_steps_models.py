"""data.steps.models: notable models and ECI scores by bloc and openness."""

from __future__ import annotations

import pandas as pd

from strategy_brief.data.steps import models


def test_models_by_bloc_year_openness_uses_the_lead_organization():
    frame = pd.DataFrame(
        {
            "Organization": ["OpenAI", "DeepSeek", "DeepSeek,OpenAI", "Alibaba", "", "Mistral AI"],
            "Publication date": ["2024-05-13", "2025-01-20", "2025-03-01", "2025-04-29", "2025-01-01", ""],
            "Model accessibility": [
                "API access",
                "Open weights (unrestricted)",
                "Open weights (unrestricted)",
                "Open weights (unrestricted)",
                "API access",
                "API access",
            ],
        }
    )
    table = models.models_by_bloc_year_openness(frame)
    counts = {(r.year, r.bloc, r.openness_class): r.models for r in table.itertuples()}
    # Rows without organization or date are left out; a joint model counts for its first organization.
    assert counts == {
        (2024, "United States", "api"): 1,
        (2025, "China", "open_unrestricted"): 3,
    }


def test_eci_by_model_maps_models_and_prefers_the_crosswalk_openness():
    frame = pd.DataFrame(
        {
            "Model version": ["gpt-4o-2024-05-13", "unscored-model", "mystery-model"],
            "ECI Score": ["130.5", "", "101.25"],
            "Release date": ["2024-05-13", "2024-01-01", ""],
            "Organization": ["OpenAI", "OpenAI", "DeepSeek"],
            "Model accessibility": ["", "", "Open weights (unrestricted)"],
            "Display name": ["GPT-4o", "x", "Mystery"],
        }
    )
    table = models.eci_by_model(frame)
    assert list(table["model_version"]) == ["gpt-4o-2024-05-13", "mystery-model"]
    gpt = table.iloc[0]
    assert (gpt["model_id"], gpt["bloc"], gpt["openness_class"], gpt["eci_score"]) == (
        "gpt-4o-2024-05-13",
        "United States",
        "api",  # from the crosswalk: the source's field is blank
        130.5,
    )
    mystery = table.iloc[1]
    assert mystery["model_id"] is None and mystery["openness_class"] == "open_unrestricted"
    assert mystery["bloc"] == "China" and pd.isna(mystery["release_date"])
