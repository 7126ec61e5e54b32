"""data.steps.hardware: accelerators by maker and year."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.data.steps import hardware


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
