"""data.schemas: errors name the file, row, column, value and rule."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.data import schemas


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
