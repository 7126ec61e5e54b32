"""data.steps.prices: price rows from LiteLLM and genai-prices."""

from __future__ import annotations

import pytest

from strategy_brief.data.steps import prices


def test_price_rows_use_the_developer_bloc_and_skip_what_is_not_a_token_price():
    doc = {
        "sample_spec": {"mode": "chat"},
        "gpt-4o": {
            "mode": "chat",
            "litellm_provider": "openai",
            "input_cost_per_token": 2.5e-06,
            "output_cost_per_token": 1e-05,
        },
        "together_ai/deepseek-ai/DeepSeek-V3": {
            "mode": "chat",
            "litellm_provider": "together_ai",
            "input_cost_per_token": 1.25e-06,
            "output_cost_per_token": 1.25e-06,
        },
        "deepseek/deepseek-chat": {
            "mode": "chat",
            "litellm_provider": "deepseek",
            "input_cost_per_token": 0.0,
            "output_cost_per_token": 0.0,
        },
        "text-embedding-3-small": {
            "mode": "embedding",
            "input_cost_per_token": 2e-08,
            "output_cost_per_token": 0.0,
        },
        "unknown-model": {"mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06},
        "per-second-model": {"mode": "chat"},
    }
    table = prices.price_rows(doc, "2026-01-01").set_index("price_key")
    assert sorted(table.index) == ["gpt-4o", "together_ai/deepseek-ai/DeepSeek-V3"]
    gpt = table.loc["gpt-4o"]
    assert (gpt["input_usd_per_mtok"], gpt["output_usd_per_mtok"], gpt["blended_usd_per_mtok"]) == (
        2.5,
        10.0,
        4.375,
    )
    hosted = table.loc["together_ai/deepseek-ai/DeepSeek-V3"]
    assert (hosted["bloc"], hosted["developer"], hosted["host_provider"]) == (
        "China",
        "DeepSeek",
        "together_ai",
    )
    with pytest.raises(ValueError, match="key 'gpt-4o': non-numeric price"):
        prices.price_rows({"gpt-4o": {**doc["gpt-4o"], "input_cost_per_token": "cheap"}}, "2026-01-01")


def test_genai_rows_keep_dated_prices_and_map_the_developer_bloc():
    doc = {
        "package": "genai-prices",
        "version": "9.9.9",
        "prices": [
            {
                "provider_id": "openai",
                "model_id": "gpt-4o",
                "valid_from": None,
                "note": "",
                "input_usd_per_mtok": 2.5,
                "output_usd_per_mtok": 10.0,
                "model_name": "",
                "provider_name": "",
            },
            {
                "provider_id": "openai",
                "model_id": "gpt-4o",
                "valid_from": "2024-10-01",
                "note": "",
                "input_usd_per_mtok": 2.0,
                "output_usd_per_mtok": 8.0,
                "model_name": "",
                "provider_name": "",
            },
            {
                "provider_id": "nobody",
                "model_id": "unmapped",
                "valid_from": None,
                "note": "",
                "input_usd_per_mtok": 1.0,
                "output_usd_per_mtok": 1.0,
                "model_name": "",
                "provider_name": "",
            },
        ],
    }
    table = prices.genai_rows(doc)
    assert list(table["valid_from"]) == ["", "2024-10-01"]
    assert set(table["bloc"]) == {"United States"} and set(table["package_version"]) == {"9.9.9"}
    assert list(table["blended_usd_per_mtok"]) == [4.375, 3.5]
