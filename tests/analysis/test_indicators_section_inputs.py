"""The indicator helpers the openness and policy sections call (openness, adoption, investment, embodied),
on small hand-computed examples."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import adoption, embodied, investment, openness
from strategy_brief.curated import facts as facts_module

US, CN = "United States", "China"


def models_table() -> pd.DataFrame:
    rows = [
        (2023, US, "open_unrestricted", 2),
        (2023, US, "api", 8),
        (2023, CN, "open_unrestricted", 3),
        (2023, CN, "unknown", 4),
        (2024, US, "api", 9),
        (2024, US, "open_restricted", 1),
        (2024, US, "unknown", 2),
        (2024, CN, "open_unrestricted", 4),
        (2024, CN, "api", 1),
        (2025, US, "api", 3),
        (2025, CN, "open_unrestricted", 2),
    ]
    return pd.DataFrame(rows, columns=["year", "bloc", "openness_class", "models"])


@pytest.mark.parametrize(
    ("as_of", "cutoff", "last_full_year", "years"),
    [
        ("", "2025-06-30", 2024, [2023, 2024, 2025]),  # no cut: the part year is kept (not charted)
        ("2025-03-01", "2025-03-01", 2024, [2023, 2024]),  # a cut inside a year leaves that year out
        ("2024-12-31", "2024-12-31", 2024, [2023, 2024]),  # a cut on 31 December keeps the year whole
        ("2026-01-15", "2025-06-30", 2024, [2023, 2024]),  # a cut after the snapshot: the snapshot rules
    ],
)
def test_through_cutoff_counts_whole_years_only_under_an_as_of(as_of, cutoff, last_full_year, years):
    kept, to, last = openness.through_cutoff(models_table(), "2025-06-30", as_of)
    assert (to, last) == (cutoff, last_full_year)
    assert sorted(kept["year"].unique()) == years
    assert last == findings.last_full_year("2025-06-30", as_of)  # the scorecard reads the same year


def test_bloc_share_series_flags_small_samples_within_the_years_asked():
    shares = openness.open_weight_share(models_table())
    tidy = openness.bloc_share_series(shares, 2024, 2025, few_models=6).set_index(["year", "bloc"])
    assert sorted(tidy.index.get_level_values("year").unique()) == [2024, 2025]
    assert tidy.loc[(2024, US), "known_models"] == 10 and not tidy.loc[(2024, US), "small_sample"]
    assert tidy.loc[(2024, CN), "known_models"] == 5 and tidy.loc[(2024, CN), "small_sample"]
    assert tidy.loc[(2025, CN), "small_sample"] and tidy.loc[(2025, US), "small_sample"]


def test_unknown_models_counts_the_blocs_and_years_asked():
    models = pd.concat(
        [models_table(), pd.DataFrame([(2024, "Europe", "unknown", 7)], columns=models_table().columns)]
    )
    assert openness.unknown_models(models, 2023, 2025) == 6
    assert openness.unknown_models(models, 2024, 2024) == 2
    assert openness.unknown_models(models, 2024, 2024, blocs=("Europe",)) == 7


def test_open_places_pivots_open_models_by_bloc_with_zeros_for_none():
    top = pd.DataFrame(
        {
            "leaderboard_version": ["2025-02-01", "2025-02-01", "2025-01-01", "2025-01-01", "2025-01-01"],
            "bloc": [CN, US, CN, US, "Europe"],
            "openness_class": ["open_unrestricted", "api", "open_restricted", "open_unrestricted", "api"],
            "models": [3, 17, 1, 2, 17],
            "top_n": [20] * 5,
        }
    )
    places = openness.open_places(openness.licence_mix(top, by_bloc=True))
    assert list(places.index) == ["2025-01-01", "2025-02-01"]
    assert list(places.columns) == [US, CN, "Europe", "Rest of world", "all_open"]
    assert places.loc["2025-01-01"].tolist() == [2, 1, 0, 0, 3]
    assert places.loc["2025-02-01"].tolist() == [0, 3, 0, 0, 3]


def fact(fact_id, indicator, actor, value, start, end, **extra) -> dict:
    row = {c: "" for c in facts_module.COLUMNS} | {
        "fact_id": fact_id,
        "indicator": indicator,
        "actor": actor,
        "country": actor,
        "value": float(value),
        "unit": "percent",
        "qualifier": "exact",
        "as_of": start[:7],
        "as_of_start": start,
        "as_of_end": end,
        "primary_source": "Tracker",
        "indicator_label": f"{indicator} label",
    }
    return row | extra


def test_dated_figures_and_comparable_growth_skip_bounds_and_single_points():
    table = pd.DataFrame(
        [
            fact("F1", "share_a", "Qwen", 10, "2025-01-01", "2025-01-31"),
            fact("F2", "share_a", "Qwen", 20, "2026-01-01", "2026-01-31"),
            fact("F3", "share_b", "Qwen", 5, "2025-01-01", "2025-01-31"),
            fact("F4", "share_b", "Qwen", 50, "2025-06-01", "2025-06-30", qualifier="at_least"),
        ]
    )
    series = adoption.dated_figures(table, ["share_b", "missing", "share_a"])
    assert list(series["indicator"].unique()) == ["share_b", "share_a"]
    rates = adoption.comparable_growth(series, ["share_b", "share_a"])
    assert len(rates) == 1 and rates.iloc[0]["from_fact"] == "F1" and rates.iloc[0]["to_fact"] == "F2"
    assert rates.iloc[0]["doubling_months"] == pytest.approx(12, rel=0.01)
    none = adoption.comparable_growth(series[series["indicator"] == "share_b"], ["share_b"])
    assert none.empty and {"indicator", "doubling_months"} <= set(none.columns)


def test_latest_per_actor_and_user_figures():
    table = pd.DataFrame(
        [
            fact("F1", "users", "ChatGPT", 400, "2025-02-01", "2025-02-28"),
            fact("F2", "users", "DeepSeek", 30, "2025-03-01", "2025-03-31"),
            fact("F3", "users", "DeepSeek", 20, "2025-01-01", "2025-01-31"),
            fact("F4", "peak", "DeepSeek", 90, "2025-02-01", "2025-02-07"),
        ]
    )
    latest = adoption.latest_per_actor(table, "users")
    assert latest.loc["DeepSeek", "fact_id"] == "F2" and latest.loc["ChatGPT", "fact_id"] == "F1"
    users = adoption.user_figures(table, ["users", "peak"], first="DeepSeek")
    assert users["fact_id"].tolist() == ["F3", "F4", "F2", "F1"]  # DeepSeek first, by date
    assert users.set_index("fact_id").loc["F4", "definition"] == "peak label"


def money_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2023, 2024, 2025],
            "primary_source": ["AI Index 2024", "AI Index 2025", "AI Index 2026"],
            "us_usd_bn": [60.0, 100.0, float("nan")],
            "china_usd_bn": [10.0, 10.0, 12.0],
            "us_to_china_ratio": [6.0, 10.0, float("nan")],
            "us_fact": ["F1", "F3", ""],
            "china_fact": ["F2", "F4", "F5"],
        }
    )


def test_by_country_puts_the_us_first_and_drops_missing_figures():
    tidy = investment.by_country(money_table())
    assert list(tidy.columns) == ["year", "bloc", "usd_bn", "primary_source", "fact_id"]
    assert tidy["bloc"].tolist() == [US, US, CN, CN, CN]
    assert tidy["fact_id"].tolist() == ["F1", "F3", "F2", "F4", "F5"]


def hardware_table() -> pd.DataFrame:
    rows = [
        ("Nvidia", US, 2022, 1, 990.0),
        ("Huawei", CN, 2022, 1, float("nan")),
        ("Huawei", CN, 2023, 1, 280.0),
        ("Nvidia", US, 2024, 1, 2250.0),
        ("Cambricon", CN, 2024, 1, 200.0),
        ("Biren", CN, 2024, 1, float("nan")),
    ]
    return pd.DataFrame(rows, columns=["manufacturer", "bloc", "year", "chips", "best_fp16_tflops"])


def test_chip_helpers_pick_the_newest_comparable_year_and_the_best_chip():
    chips = investment.accelerators(hardware_table())
    year, rows = investment.latest_comparable(chips)
    assert year == 2024
    assert rows.loc[US, "frontier_fp16_tflops"] == 2250 and rows.loc[CN, "frontier_fp16_tflops"] == 280
    series = investment.frontier_series(chips)
    assert set(series["year"][series["bloc"] == CN]) == {2023, 2024}  # no Chinese figure yet in 2022
    best = investment.best_chip(series, CN)
    assert (best["year"], best["best_maker"]) == (2023, "Huawei")  # 2024's Cambricon is slower
    reporting = investment.reporting_makers(chips)
    assert reporting.loc[CN].tolist() == [4, 2] and reporting.loc[US].tolist() == [2, 2]


def test_latest_share_prefers_the_reported_share_of_the_newest_year():
    robots = pd.DataFrame(
        {
            "country": [CN, CN, CN, US],
            "year": [2023, 2023, 2024, 2023],
            "measure": ["share_of_global"] * 4,
            "value": [51.0, 51.1, 54.0, 7.0],
            "basis": ["reported", "computed", "reported", "computed"],
        }
    )
    assert embodied.shares_of(robots, US)["value"].tolist() == [7.0]
    assert embodied.latest_share(robots, CN)["value"] == 54.0
    older = robots[robots["year"] == 2023]
    assert embodied.latest_share(older, CN)["basis"] == "reported"
