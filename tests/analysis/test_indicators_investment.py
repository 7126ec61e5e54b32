"""analysis.indicators.investment on small hand-computed examples (the investment gap,
accelerators), and on the committed data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import investment
from strategy_brief.curated import facts as facts_module
from strategy_brief.data import processed
from tests.analysis.fact_rows import facts, year_fact

US, CN = "United States", "China"

INVESTMENT = facts(
    year_fact("F201", "private_ai_investment", "United States", 100, "USD billion", 2023),
    year_fact("F202", "private_ai_investment", "China", 20, "USD billion", 2023),
    # Source B: the US in USD million (120,000 million = 120 billion), China in billions, and a revised 2023.
    year_fact(
        "F203", "private_ai_investment", "United States", 120000, "USD million", 2024, primary_source="B"
    ),
    year_fact("F204", "private_ai_investment", "China", 30, "USD billion", 2024, primary_source="B"),
    year_fact("F205", "private_ai_investment", "China", 25, "USD billion", 2023, primary_source="B"),
    year_fact("F206", "private_ai_investment", "United Kingdom", 5, "USD billion", 2023),
)


def test_investment_gap_by_hand():
    out = investment.investment_gap(INVESTMENT).set_index(["year", "primary_source"])
    # 2023, source A: 100 / 20 = 5; 2024, source B: 120 / 30 = 4.
    assert out.loc[(2023, "Source A"), "us_to_china_ratio"] == 5.0
    assert out.loc[(2024, "B"), ["us_usd_bn", "us_to_china_ratio"]].tolist() == [120.0, 4.0]
    # B's revised China 2023 has no US figure from B: not compared with A's US figure.
    assert math.isnan(out.loc[(2023, "B"), "us_to_china_ratio"])
    assert out.loc[(2023, "B"), "note"] == "one country only in this source"
    assert out.loc[(2023, "Source A"), ["us_fact", "china_fact"]].tolist() == ["F201", "F202"]


def test_investment_gap_refuses():
    bound = facts(
        year_fact("F1", "private_ai_investment", "United States", 100, "USD billion", 2023),
        year_fact("F2", "private_ai_investment", "China", 20, "USD billion", 2023, qualifier="at_least"),
    )
    assert math.isnan(investment.investment_gap(bound)["us_to_china_ratio"].iloc[0])
    with pytest.raises(ValueError, match="'public_ai'"):
        investment.investment_gap(INVESTMENT, indicator="public_ai")
    with pytest.raises(ValueError, match="empty input"):
        investment.investment_gap(INVESTMENT.iloc[0:0])
    with pytest.raises(ValueError, match="expected USD"):
        investment.investment_gap(INVESTMENT.assign(unit="CNY billion"))
    twice = pd.concat([INVESTMENT, INVESTMENT.iloc[:1].assign(fact_id="F299")])
    with pytest.raises(ValueError, match="several United States figures for 2023"):
        investment.investment_gap(twice)


HARDWARE = pd.DataFrame(
    {
        "manufacturer": ["NV", "AM", "HU", "NV", "HU"],
        "bloc": ["United States", "United States", "China", "United States", "China"],
        "year": [2022, 2022, 2022, 2023, 2023],
        "chips": [2, 1, 1, 1, 3],
        "best_fp16_tflops": [1000.0, None, 500.0, 2000.0, None],
    }
)


def test_accelerators_by_hand():
    out = investment.accelerators(HARDWARE).set_index(["year", "bloc"])
    # 2022: US 2 + 1 chips, best 1,000 (AM reports none); China 500: ratio 1,000 / 500 = 2.
    assert out.loc[(2022, "United States"), ["chips", "best_fp16_tflops", "makers_with_fp16"]].tolist() == [
        3,
        1000.0,
        1,
    ]
    assert out.loc[(2022, "China"), "us_china_best_ratio"] == 2.0
    # 2023: China reports no figure: no ratio for the year's best;
    # its best so far stays 500 → 2,000 / 500 = 4.
    assert math.isnan(out.loc[(2023, "China"), "us_china_best_ratio"])
    assert out.loc[(2023, "China"), "frontier_fp16_tflops"] == 500.0
    assert out.loc[(2023, "United States"), "us_china_frontier_ratio"] == 4.0
    assert out.loc[(2023, "United States"), "best_maker"] == "NV"


def test_accelerators_refuse():
    with pytest.raises(ValueError, match="empty input"):
        investment.accelerators(HARDWARE.iloc[0:0])
    with pytest.raises(ValueError, match="chips"):
        investment.accelerators(HARDWARE.drop(columns="chips"))


def test_chip_comparison_sets_chips_of_one_release_year_against_each_other():
    # China's fastest chip (Biren 1,000, 2022) is older than the US's (NV 2,500, 2025); in 2025, the newest
    # year both have a figure, the best of each are NV 2,500 and HU 800; the US's newest figure is 2026.
    hardware = pd.DataFrame(
        [
            ("NV", US, 2022, 1, 900.0),
            ("Biren", CN, 2022, 1, 1000.0),
            ("HU", CN, 2024, 1, float("nan")),
            ("NV", US, 2025, 1, 2500.0),
            ("AM", US, 2025, 1, 2000.0),
            ("HU", CN, 2025, 1, 800.0),
            ("MS", US, 2026, 1, 1200.0),
        ],
        columns=["manufacturer", "bloc", "year", "chips", "best_fp16_tflops"],
    )
    out = investment.chip_comparison(investment.accelerators(hardware))
    same = out.loc["same_year"]
    assert same[["year", "maker", "fp16_tflops"]].values.tolist() == [
        [2025, "NV", 2500.0],
        [2025, "HU", 800.0],
    ]
    assert same.loc[US, "us_china_ratio"] == 2500 / 800 and same.loc[US, "years_apart"] == 0
    best = out.loc["best_so_far"]
    assert (best.loc[CN, "year"], best.loc[CN, "maker"]) == (2022, "Biren")
    assert best.loc[US, "us_china_ratio"] == 2.5 and best.loc[US, "years_apart"] == 3
    newest = out.loc["newest"]
    assert newest["year"].tolist() == [2026, 2025] and newest.loc[US, "maker"] == "MS"
    assert newest.loc[US, "years_apart"] == 1
    assert list(out.index.get_level_values("comparison").unique()) == list(investment.COMPARISONS)


def test_chip_comparison_refuses_when_no_year_has_both_blocs():
    hardware = pd.DataFrame(
        [("NV", US, 2024, 1, 2000.0), ("HU", CN, 2023, 1, 500.0), ("HU", CN, 2024, 1, float("nan"))],
        columns=["manufacturer", "bloc", "year", "chips", "best_fp16_tflops"],
    )
    with pytest.raises(ValueError, match="no release year in which both"):
        investment.chip_comparison(investment.accelerators(hardware))
    with pytest.raises(ValueError, match="needs US and Chinese chips"):
        investment.chip_comparison(investment.accelerators(hardware[hardware["bloc"] == US]))


# --- the committed data: structure only -----------------------------------------------------------


@pytest.fixture(scope="module")
def real_facts():
    return facts_module.load()


def test_investment_on_the_committed_data(real_facts):
    gap = investment.investment_gap(real_facts)
    assert not gap.empty and (gap["us_to_china_ratio"].dropna() > 0).all()
    chips = investment.accelerators(processed.read("hardware_by_maker"))
    assert not chips.duplicated(["year", "bloc"]).any() and (chips["chips"] > 0).all()
    same = investment.chip_comparison(chips).loc["same_year"]
    assert same["year"].nunique() == 1 and (same["fp16_tflops"] > 0).all()
