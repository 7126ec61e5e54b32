"""analysis.indicators.adoption on small hand-computed examples (derivatives by family, dated
series, growth), and on the committed data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_brief.analysis.indicators import adoption
from strategy_brief.curated import facts as facts_module
from strategy_brief.data import processed
from tests.analysis.fact_rows import facts

# --- adoption: derivatives by family --------------------------------------------------------------


DERIVATIVES = pd.DataFrame(
    {
        "family": ["Llama", "Gemma", "Qwen"],
        "bloc": ["United States", "United States", "China"],
        "derivative_models": [6, 2, 2],
    }
)


def test_derivative_shares_by_hand():
    out = adoption.derivatives_by_family(DERIVATIVES).set_index("family")
    # Total 6 + 2 + 2 = 10: Llama 6/10, Gemma 2/10, Qwen 2/10.
    assert out["share"].to_dict() == pytest.approx({"Llama": 0.6, "Gemma": 0.2, "Qwen": 0.2})
    # US bloc 6 + 2 = 8: Llama 6/8 = 0.75, Gemma 2/8 = 0.25; Qwen is all of China's 2.
    assert out["share_in_bloc"].to_dict() == pytest.approx({"Llama": 0.75, "Gemma": 0.25, "Qwen": 1.0})
    assert out.loc["Gemma", "bloc_share"] == pytest.approx(0.8) and out.loc["Qwen", "bloc_share"] == 0.2
    # Llama's count is an upper bound, and so is the US total that contains it.
    assert out["upper_bound"].to_dict() == {"Llama": True, "Gemma": False, "Qwen": False}
    assert out["bloc_upper_bound"].to_dict() == {"Llama": True, "Gemma": True, "Qwen": False}
    assert "upper bound" in out.loc["Llama", "caveat"] and out.loc["Qwen", "caveat"] == ""
    assert list(out.index) == ["Llama", "Gemma", "Qwen"]  # largest first


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (DERIVATIVES.iloc[0:0], "empty input"),
        (DERIVATIVES.drop(columns="bloc"), r"lacks column\(s\) \['bloc'\]"),
        (DERIVATIVES.assign(derivative_models=0), "no derivative models"),
        (pd.concat([DERIVATIVES, DERIVATIVES.iloc[:1]]), "family listed twice"),
    ],
)
def test_derivatives_refuse_bad_tables(table, message):
    with pytest.raises(ValueError, match=message):
        adoption.derivatives_by_family(table)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["United States", "China", "Europe"]), st.integers(0, 10_000)),
        min_size=1,
        max_size=12,
    ).filter(lambda rows: sum(n for _, n in rows) > 0)
)
def test_derivative_shares_are_shares(rows):
    table = pd.DataFrame(
        {
            "family": [f"F{i}" for i in range(len(rows))],
            "bloc": [b for b, _ in rows],
            "derivative_models": [n for _, n in rows],
        }
    )
    out = adoption.derivatives_by_family(table)
    for column in ("share", "share_in_bloc", "bloc_share"):
        assert out[column].between(0, 1).all()
    assert out["share"].sum() == pytest.approx(1)
    in_bloc = out[out["bloc_models"] > 0].groupby("bloc")["share_in_bloc"].sum()
    assert in_bloc.to_numpy() == pytest.approx([1.0] * len(in_bloc))


# --- adoption: dated series and growth ------------------------------------------------------------


SERIES_FACTS = facts(
    # A calendar year: dated at its midpoint, 2023-01-01 + 364 days / 2 = 2023-07-02.
    {"fact_id": "F001", "indicator": "share_x", "actor": "China", "value": 10, "unit": "percent",
     "as_of_start": "2023-01-01", "as_of_end": "2023-12-31"},
    # The same figure from the same source twice, for overlapping periods: kept once, the narrower row.
    {"fact_id": "F002", "indicator": "share_x", "actor": "China", "value": 70, "unit": "percent",
     "as_of_start": "2026-01-01", "as_of_end": "2026-12-31"},
    {"fact_id": "F003", "indicator": "share_x", "actor": "China", "value": 70, "unit": "percent",
     "as_of_start": "2026-01-01", "as_of_end": "2026-04-30"},
    # Open-ended (no end): dated by its start.
    {"fact_id": "F004", "indicator": "share_x", "actor": "United States", "value": 5, "unit": "percent",
     "as_of_start": "2025-03-01", "as_of_end": "", "notes": "open-ended"},
    {"fact_id": "F005", "indicator": "other", "actor": "China", "value": 1, "unit": "count",
     "as_of_start": "2025-01-01", "as_of_end": "2025-01-31"},
)  # fmt: skip


def test_adoption_series_dates_and_repeats_by_hand():
    out = adoption.adoption_series(SERIES_FACTS, "share_x", "China")
    assert list(out["fact_id"]) == ["F001", "F003"]
    assert list(out["date"]) == [pd.Timestamp("2023-07-02"), pd.Timestamp("2026-03-01")]  # 119 days / 2
    assert list(out["same_figure_as"]) == ["", "F002"]
    everyone = adoption.adoption_series(SERIES_FACTS, "share_x")
    assert everyone.loc[everyone["actor"] == "United States", "date"].iloc[0] == pd.Timestamp("2025-03-01")


def test_adoption_series_names_what_is_unknown():
    with pytest.raises(ValueError, match="indicator 'nope'"):
        adoption.adoption_series(SERIES_FACTS, "nope")
    with pytest.raises(ValueError, match="actor 'Mars'"):
        adoption.adoption_series(SERIES_FACTS, "share_x", "Mars")
    with pytest.raises(ValueError, match="empty input"):
        adoption.adoption_series(SERIES_FACTS.iloc[0:0], "share_x")
    with pytest.raises(ValueError, match="primary_source"):
        adoption.adoption_series(SERIES_FACTS.drop(columns="primary_source"), "share_x")


def points(values, dates=("2020-01-01", "2024-01-01"), **extra) -> pd.DataFrame:
    n = len(values)
    return pd.DataFrame(
        {
            "indicator": "x",
            "actor": "A",
            "date": pd.to_datetime(list(dates)),
            "value": values,
            "unit": "count",
            "qualifier": "exact",
            "fact_id": [f"F{i:03d}" for i in range(1, n + 1)],
            "conflicts_with": [""] * n,
            "primary_source": "S",
        }
        | extra
    )


def test_growth_by_hand():
    # 2020-01-01 to 2024-01-01 is 1,461 days = 4.0 years of 365.25 days; 100 → 1,600 is ×16,
    # so the rate is 16 ** (1/4) - 1 = 1.0 a year (100%) and the doubling time
    # 12 × 4 × ln 2 / ln 16 = 12 months.
    row = adoption.growth(points([100.0, 1600.0])).iloc[0]
    assert row["years"] == 4.0 and row["growth_factor"] == 16.0
    assert row["cagr"] == pytest.approx(1.0) and row["doubling_months"] == pytest.approx(12.0)
    assert not row["conflict"] and row["same_source"]
    # Falling 1,600 → 100: rate 1/16 ** (1/4) - 1 = -0.5 a year, no doubling time.
    down = adoption.growth(points([1600.0, 100.0])).iloc[0]
    assert down["cagr"] == pytest.approx(-0.5) and math.isnan(down["doubling_months"])


def test_growth_flags_conflicts_and_withholds_the_rate():
    pair = points([10.0, 40.0], conflicts_with=["F002", "F001;F009"])
    row = adoption.growth(pair).iloc[0]
    assert row["conflict"] and math.isnan(row["cagr"]) and math.isnan(row["doubling_months"])
    assert row["other_conflicts"] == "F009"  # a conflict outside the pair is named, not acted on


@pytest.mark.parametrize(
    ("series", "message"),
    [
        (points([1.0, 2.0], qualifier=["exact", "at_least"]), r"bounds .*F002 \(at_least\)"),
        (points([1.0, 2.0], unit=["count", "percent"]), "mixed units"),
        (points([1.0, 2.0], dates=["2020-01-01", "2020-01-01"]), "several values on one date"),
        (points([0.0, 2.0]), "positive values"),
        (points([1.0], dates=["2020-01-01"]), "at least two dated points"),
        (points([1.0, 2.0]).iloc[0:0], "empty input"),
        (points([1.0, 2.0]).drop(columns="unit"), r"\['unit'\]"),
    ],
)
def test_growth_refuses(series, message):
    with pytest.raises(ValueError, match=message):
        adoption.growth(series)


increasing_series = st.lists(
    st.tuples(st.integers(1, 2_000), st.floats(0.01, 10.0)), min_size=1, max_size=6
).map(
    lambda steps: [
        (sum(d for d, _ in steps[:i]), 1.0 + sum(g for _, g in steps[:i])) for i in range(len(steps) + 1)
    ]
)


@settings(max_examples=50, deadline=None)
@given(increasing_series, st.floats(1e-3, 1e3))
def test_growth_is_unchanged_by_scaling_and_doubling_is_positive(steps, constant):
    dates = [pd.Timestamp("2020-01-01") + pd.Timedelta(days=d) for d, _ in steps]
    values = [v for _, v in steps]
    base = adoption.growth(points(values, dates=dates))
    scaled = adoption.growth(points([constant * v for v in values], dates=dates))
    assert scaled["cagr"].to_numpy() == pytest.approx(base["cagr"].to_numpy(), rel=1e-9)
    assert (base["doubling_months"] > 0).all()


# --- the committed data: structure only -----------------------------------------------------------


@pytest.fixture(scope="module")
def real_facts():
    return facts_module.load()


def test_adoption_on_the_committed_data(real_facts):
    out = adoption.derivatives_by_family(processed.read("derivatives_by_family"))
    assert out["share"].sum() == pytest.approx(1) and out["upper_bound"].any()
    series = adoption.adoption_series(real_facts, "openrouter_top10_open_inference_share", "China")
    assert series["date"].is_monotonic_increasing and series["unit"].nunique() == 1
    rates = adoption.growth(series)
    assert {"cagr", "doubling_months", "conflict"} <= set(rates.columns) and len(rates) == len(series) - 1


def test_growth_over_a_few_days_does_not_overflow():
    # 1 → 7 in one day: (7 ** 365.25) overflows a float; the rate is capped, not an error.
    dates = [pd.Timestamp("2020-01-01"), pd.Timestamp("2020-01-02")]
    out = adoption.growth(points([1.0, 7.0], dates=dates))
    assert np.isfinite(out["cagr"]).all() and (out["doubling_months"] > 0).all()


def test_growth_sentences_read_a_rate_only_between_comparable_points():
    def point(fact_id, indicator, value, unit, day, source="S", conflicts=""):
        return {
            "fact_id": fact_id,
            "indicator": indicator,
            "actor": "A",
            "value": value,
            "unit": unit,
            "qualifier": "exact",
            "date": pd.Timestamp(day),
            "as_of_start": day,
            "as_of_end": day,
            "primary_source": source,
            "conflicts_with": conflicts,
        }

    series = pd.DataFrame(
        [
            point("F001", "x", 100.0, "count", "2020-01-01"),
            point("F002", "x", 1600.0, "count", "2024-01-01"),
            point("F003", "x", 3200.0, "count", "2025-01-01", source="T"),
            point("F004", "y", 10.0, "percent", "2020-01-01", conflicts="F005"),
            point("F005", "y", 40.0, "percent", "2022-01-01", conflicts="F004"),
            point("F006", "z", 10.0, "percent", "2020-01-01"),
            point("F007", "z", 20.0, "percent", "2021-01-01"),
        ]
    )
    rates = adoption.growth(series)
    labels = {"x": "Things", "y": "Shares", "z": "Other shares"}
    assert adoption.growth_sentences(rates, series, labels) == [
        # 100 → 1,600 in 4.0 years: ×16, a doubling every 12 months (test_growth_by_hand).
        "Things (A): from 100 (1 Jan 2020; F001) to 1,600 (1 Jan 2024; F002), 16× in 48 months, "
        "a doubling about every 12 months.",
        # 366 days (2020 is a leap year) = 1.002 years: ×2, a doubling every 12.02 months.
        "Other shares (A): from 10% (1 Jan 2020; F006) to 20% (1 Jan 2021; F007), 2× in 12 months, "
        "a doubling about every 12 months.",
        "Things (A): 1,600 (1 Jan 2024, S; F002) against 3,200 (1 Jan 2025, T; F003). "
        "The two points come from different sources, so no rate is read from them.",
        "Shares (A): 10% (1 Jan 2020, S; F004) against 40% (1 Jan 2022, S; F005). "
        "The two figures conflict: they come from different methods and windows, "
        "so they are shown side by side and no rate is read from them.",
        "A share cannot exceed 100%: "
        "the doubling time of a share describes the past pace and cannot continue.",
    ]
    assert adoption.growth_sentences(rates.iloc[0:0], series, labels) == []
    with pytest.raises(ValueError, match="same_source"):
        adoption.growth_sentences(rates.drop(columns="same_source"), series, labels)
    with pytest.raises(KeyError):
        adoption.growth_sentences(rates, series.drop(index=0), labels)  # F001 is not in the series
