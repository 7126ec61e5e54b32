"""Processing steps on small synthetic inputs, and the processed-table writer and schemas."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief import processed, schemas
from strategy_brief.steps import cloud, ecosystems, hardware


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
