"""Processing steps on small synthetic inputs, and the processed-table writer and schemas."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.data import processed, schemas
from strategy_brief.data.steps import cloud, ecosystems, hardware


def cloud_doc():
    def csp(name, code, in_service=True):
        return {"name": name, "cloud_region": code, "in_service": in_service, "cloud_region_name": code}

    return {
        "name": "Cloud Regions",
        "cloud_regions": [
            {
                "metro_area": "Lagos",
                "country": "Nigeria",
                "cloud_service_providers": [csp("Huawei Cloud", "af-lagos")],
            },
            # One region listed under two metros: counted once.
            {
                "metro_area": "Jakarta",
                "country": "Indonesia",
                "cloud_service_providers": [csp("Amazon Web Services", "ap-3")],
            },
            {
                "metro_area": "Jakarta 2",
                "country": "Indonesia",
                "cloud_service_providers": [csp("Amazon Web Services", "ap-3")],
            },
            {
                "metro_area": "Jakarta",
                "country": "Indonesia",
                "cloud_service_providers": [
                    csp("Alibaba Cloud", "id-1"),
                    csp("Alibaba Cloud", "id-2", False),
                ],
            },
        ],
    }


def test_cloud_regions_are_deduplicated_and_classified():
    table = cloud.regions_by_provider_country(cloud.flatten(cloud_doc()))
    rows = {(r.provider, r.country): r for r in table.itertuples()}
    assert rows[("Amazon Web Services", "Indonesia")].regions == 1
    assert rows[("Alibaba Cloud", "Indonesia")].regions == 2
    assert rows[("Alibaba Cloud", "Indonesia")].in_service == 1
    assert rows[("Huawei Cloud", "Nigeria")].provider_bloc == "China"
    assert rows[("Huawei Cloud", "Nigeria")].world_region == "Sub-Saharan Africa"
    assert rows[("Amazon Web Services", "Indonesia")].provider_bloc == "United States"
    schemas.validate("cloud_regions_by_origin_country", table, "synthetic")


def test_hardware_by_maker_year():
    frame = pd.DataFrame(
        {
            "Manufacturer": ["NVIDIA", "NVIDIA", "Huawei", ""],
            "Release date": ["2022-03-22", "2022-11-01", "2023-08-01", "2020-01-01"],
            hardware.PERFORMANCE: ["989000000000000", "", "376000000000000", "1"],
        }
    )
    table = hardware.hardware_by_maker_year(frame)
    assert list(table["manufacturer"]) == ["Huawei", "NVIDIA"]
    nvidia = table[table["manufacturer"] == "NVIDIA"].iloc[0]
    assert (nvidia["year"], nvidia["chips"], nvidia["best_fp16_tflops"], nvidia["bloc"]) == (
        2022,
        2,
        989.0,
        "United States",
    )
    assert table[table["manufacturer"] == "Huawei"].iloc[0]["bloc"] == "China"


def test_unknown_hardware_maker_is_named():
    frame = pd.DataFrame(
        {"Manufacturer": ["Acme"], "Release date": ["2024-01-01"], hardware.PERFORMANCE: [""]}
    )
    with pytest.raises(LookupError, match=r"hardware_makers\.csv: no row for manufacturer 'Acme'"):
        hardware.hardware_by_maker_year(frame)


def test_derivatives_count_non_base_models_by_architecture_family():
    frame = pd.DataFrame(
        {
            "model_type": ["fine-tuned", "basemerges", "pretrained", "chatmodels", "fine-tuned"],
            "model_architecture": [
                "Qwen2ForCausalLM",
                "Qwen2ForCausalLM",
                "Qwen2ForCausalLM",
                "LlamaForCausalLM",
                "WeirdForCausalLM",
            ],
        }
    )
    table = ecosystems.derivative_counts(frame)
    counts = {(r.family, r.bloc): r.derivative_models for r in table.itertuples()}
    assert counts == {("Qwen", "China"): 2, ("Llama", "United States"): 1, ("Other", "Unattributed"): 1}


def test_tidy_sorts_and_refuses_duplicate_keys():
    frame = pd.DataFrame({"k": ["b", "a"], "v": [1, 2]})
    assert list(processed.tidy(frame, ("k",))["k"]) == ["a", "b"]
    with pytest.raises(ValueError, match="duplicate key"):
        processed.tidy(pd.DataFrame({"k": ["a", "a"]}), ("k",))


def test_write_all_swaps_the_folder_and_keeps_other_files(tmp_path):
    target = tmp_path / "processed"
    target.mkdir()
    (target / ".gitkeep").write_text("")
    (target / "old.csv").write_text("stale\n")
    processed.write_all({"t": (pd.DataFrame({"a": [1]}), {"table": "t"})}, target)
    assert sorted(p.name for p in target.iterdir()) == [".gitkeep", "t.csv", "t.meta.yml"]
    assert (target / "t.csv").read_text() == "a\n1\n"
    assert not list(tmp_path.glob(".processed-*"))


def test_schema_errors_name_row_column_value_and_rule():
    bad = pd.DataFrame(
        {
            "provider": ["Amazon Web Services"],
            "provider_bloc": ["Atlantis"],
            "country": ["X"],
            "world_region": ["Y"],
            "regions": [1],
            "in_service": [1],
        }
    )
    with pytest.raises(schemas.ValidationError) as err:
        schemas.validate("cloud_regions_by_origin_country", bad, "file.csv")
    message = str(err.value)
    assert "file.csv" in message and "row 2" in message and "'provider_bloc'" in message
    assert "'Atlantis'" in message and "isin" in message


def test_curated_schema_names_file_row_and_rule(tmp_path):
    frame = pd.DataFrame({"country": ["China", "China"], "bloc": ["China", "Mars"]})
    with pytest.raises(schemas.ValidationError) as err:
        schemas.validate_curated("classification/country_blocs.csv", frame, "country_blocs.csv")
    message = str(err.value)
    assert "country_blocs.csv" in message and "'Mars'" in message and "isin" in message
    assert "uniqueness" in message


def test_upstream_schema_rejects_a_non_numeric_score():
    frame = pd.DataFrame(
        {"Model version": ["a", "b"], "ECI Score": ["150.2", "high"], "Release date": ["", "2025-01-01"]}
    )
    with pytest.raises(schemas.ValidationError, match=r"row 3, column 'ECI Score', value 'high'"):
        schemas.validate_upstream("epoch_capabilities_index", frame, "eci.csv")


def test_models_by_bloc_year_openness_uses_the_lead_organization():
    from strategy_brief.data.steps import models

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
    from strategy_brief.data.steps import models

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


def test_lmarena_best_by_bloc_and_by_licence():
    from strategy_brief.data.steps import leaderboards

    panel = pd.DataFrame(
        {
            "leaderboard_version": ["2025-01-01"] * 4 + ["2025-02-01"] * 2,
            "model": [
                "GPT-4o-2024-05-13",
                "DeepSeek-R1",
                "Qwen2.5-Max",
                "X-open",
                "GPT-4o-2024-05-13",
                "DeepSeek-R1",
            ],
            "arena_score": ["1300", "1350", "1330", "1200", "1301", "1290"],
            "organization": ["OpenAI", "DeepSeek", "Alibaba", "Mistral AI", "OpenAI", "DeepSeek"],
            "license": ["Proprietary", "MIT", "Proprietary", "Apache 2.0", "Proprietary", "MIT"],
        }
    )
    rows = leaderboards.classify_rows(panel)
    by_bloc = leaderboards.best_by_bloc(rows)
    first = by_bloc[by_bloc["leaderboard_version"] == "2025-01-01"].set_index("bloc")
    assert first.loc["China", "best_model"] == "DeepSeek-R1" and first.loc["China", "best_score"] == 1350
    assert first.loc["United States", "best_score"] == 1300 and first.loc["Europe", "best_model"] == "X-open"
    second = by_bloc[by_bloc["leaderboard_version"] == "2025-02-01"].set_index("bloc")
    assert second.loc["United States", "best_score"] > second.loc["China", "best_score"]
    by_licence = leaderboards.best_by_licence(rows)
    first = by_licence[by_licence["leaderboard_version"] == "2025-01-01"].set_index("openness_class")
    assert first.loc["open_unrestricted", "best_model"] == "DeepSeek-R1"
    assert bool(first.loc["open_unrestricted", "open_weights"]) and not first.loc["api", "open_weights"]
    assert first.loc["api", "best_model"] == "Qwen2.5-Max"  # a closed Chinese model is still closed


def test_stacked_versions_take_the_snapshot_date_and_drop_repeats(tmp_path):
    from strategy_brief.data.snapshot import Snapshot
    from strategy_brief.data.steps import leaderboards

    columns = "model,arena_score,organization,license\n"
    panel = tmp_path / "panel.csv"
    panel.write_text(
        "leaderboard_version," + columns + "2025-08-04,A,1,OpenAI,MIT\n2025-07-01,A,2,OpenAI,MIT\n"
    )
    single = tmp_path / "single.csv"
    single.write_text(columns + "A,3,OpenAI,MIT\n")
    snaps = [
        Snapshot("lmarena_text", "2025-08-01", panel, "", 0, ""),
        Snapshot("lmarena_text", "2025-08-04", single, "", 0, ""),
    ]
    stacked = leaderboards.stack_versions(snaps).sort_values("leaderboard_version")
    assert list(zip(stacked["leaderboard_version"], stacked["arena_score"], strict=True)) == [
        ("2025-07-01", "2"),
        ("2025-08-04", "3"),
    ]


def test_price_rows_use_the_developer_bloc_and_skip_what_is_not_a_token_price():
    from strategy_brief.data.steps import prices

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
    from strategy_brief.data.steps import prices

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


def test_installed_package_source_is_versioned_not_dated(tmp_path):
    from strategy_brief.data import genai_export, snapshot, sources

    source = sources.load("genai_prices")
    staging = snapshot.Staging(tmp_path)
    [snap] = snapshot.acquire(source, staging)
    staging.commit()
    assert snap.date == genai_export.version() and snap.origin.startswith("installed:genai-prices==")


def test_elo_history_is_long_listed_only_and_explains_unmapped_names():
    from strategy_brief.data.steps import leaderboards

    wide = pd.DataFrame(
        {
            "": [20230508, 20250227],
            "gpt-4-0314": [1200.0, 1186.4],
            "deepseek-r1": [0.0, 1362.7],
            "gpt-4": [1250.0, 0.0],
        }
    )
    long = leaderboards.elo_history_long(wide)
    assert list(zip(long["leaderboard_date"], long["model"], long["bloc"], strict=True)) == [
        ("2023-05-08", "gpt-4-0314", "United States"),
        ("2025-02-27", "gpt-4-0314", "United States"),
        ("2025-02-27", "deepseek-r1", "China"),
    ]  # 0 = not yet listed; 'gpt-4' is an explained aggregate
    with pytest.raises(LookupError, match="no lmarena_elo_history alias for \\['mystery-bot'\\]"):
        leaderboards.elo_history_long(wide.assign(**{"mystery-bot": [1000.0, 0.0]}))
