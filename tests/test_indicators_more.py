"""Adoption, reach, investment and embodied indicators on small hand-computed examples, plus structure
checks on the committed tables and facts."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_brief.analysis.indicators import adoption, embodied, investment, reach
from strategy_brief.curated import facts as facts_module
from strategy_brief.curated import regions
from strategy_brief.data import processed

FACT_COLUMNS = facts_module.COLUMNS


def facts(*rows: dict) -> pd.DataFrame:
    """A facts table with every column; each row gives what it needs, the rest is empty."""
    defaults = {c: "" for c in FACT_COLUMNS} | {"qualifier": "exact", "primary_source": "Source A"}
    table = pd.DataFrame([defaults | row for row in rows], columns=FACT_COLUMNS)
    table["value"] = table["value"].astype(float)
    return table


def year_fact(fact_id, indicator, country, value, unit, year, **extra):
    return {
        "fact_id": fact_id,
        "indicator": indicator,
        "actor": country,
        "country": country,
        "value": value,
        "unit": unit,
        "as_of_start": f"{year}-01-01",
        "as_of_end": f"{year}-12-31",
    } | extra


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


# --- reach: cloud presence, trust groups, coverage ------------------------------------------------


CLOUD = pd.DataFrame(
    {
        "provider": ["P US", "P CN", "P CN", "P CN"],
        "provider_bloc": ["United States", "China", "China", "China"],
        "country": ["Germany", "Germany", "Kenya", "China"],
        "world_region": ["Europe", "Europe", "Sub-Saharan Africa", "Eastern Asia & Oceania"],
        "regions": [3, 1, 2, 4],
        "in_service": [2, 1, 0, 4],
    }
)


def test_cloud_presence_by_hand():
    out = reach.cloud_presence(CLOUD).set_index("world_region")
    # Europe: 3 US + 1 Chinese region, China's share 1/4; Africa only Chinese (2/2); Global 7 of 3 + 7.
    assert out.loc["Europe", ["us_regions", "china_regions"]].tolist() == [3, 1]
    assert out.loc["Europe", "china_share"] == 0.25 and out.loc["Sub-Saharan Africa", "china_share"] == 1.0
    assert out.loc["Global", "china_share"] == 0.7
    assert math.isnan(out.loc["Southern Asia", "china_share"])  # no region at all: no share
    assert list(out.index) == [*regions.REPORTING_REGIONS, regions.GLOBAL]
    # In service only: Kenya's 2 are not, so Africa has none; Europe 2 US + 1 CN → 1/3.
    live = reach.cloud_presence(CLOUD, in_service_only=True).set_index("world_region")
    assert math.isnan(live.loc["Sub-Saharan Africa", "china_share"])
    assert live.loc["Europe", "china_share"] == pytest.approx(1 / 3)
    # Abroad only: the Chinese provider's 4 regions in China drop out; Global 3 US vs 3 CN → 0.5.
    abroad = reach.cloud_presence(CLOUD, abroad_only=True).set_index("world_region")
    assert abroad.loc["Global", "china_share"] == 0.5


def test_cloud_presence_refuses_bad_tables():
    with pytest.raises(ValueError, match="empty input"):
        reach.cloud_presence(CLOUD.iloc[0:0])
    with pytest.raises(ValueError, match="in_service"):
        reach.cloud_presence(CLOUD.drop(columns="in_service"))
    with pytest.raises(ValueError, match="Atlantis"):
        reach.cloud_presence(CLOUD.assign(world_region="Atlantis"))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), st.sampled_from(["Europe", "Southern Asia"]), st.integers(0, 50)), min_size=1
    )
)
def test_cloud_china_share_is_a_share(rows):
    table = pd.DataFrame(
        {
            "provider": [f"P{i}" for i in range(len(rows))],
            "provider_bloc": ["China" if cn else "United States" for cn, _, _ in rows],
            "country": ["Germany" if r == "Europe" else "India" for _, r, _ in rows],
            "world_region": [r for _, r, _ in rows],
            "regions": [n for _, _, n in rows],
            "in_service": [n for _, _, n in rows],
        }
    )
    share = reach.cloud_presence(table)["china_share"].dropna()
    assert share.between(0, 1).all()


def trust(fact_id, country, value, qualifier="exact", source="Survey S"):
    return {"fact_id": fact_id, "indicator": "trust_in_ai", "actor": country, "country": country,
            "value": value, "unit": "percent", "qualifier": qualifier, "primary_source": source}  # fmt: skip


TRUST = facts(
    trust("F101", "United States", 30),
    trust("F102", "Germany", 20),
    trust("F103", "India", 70),
    trust("F104", "Nigeria", 80),
    trust("F105", "China", 90),
    trust("F106", "United Kingdom", 25, "at_most"),  # "<25%": a bound, left out
    trust("F107", "World", 50),  # an aggregate, left out
    trust("F108", "India", 10, source="Survey T"),  # another survey: ignored
)


def test_trust_groups_by_hand():
    out = reach.trust_by_group(TRUST, "Survey S").set_index("country")
    # West (US, Germany): (30 + 20) / 2 = 25; Global South (India, Nigeria): (70 + 80) / 2 = 75; China alone.
    assert out.loc["United States", "group_mean_pct"] == 25 and out.loc["India", "group_mean_pct"] == 75
    assert out.loc["China", "group"] == "China" and out.loc["China", "group_mean_pct"] == 90
    assert out.loc["United Kingdom", "group"] == "West" and not out.loc["United Kingdom", "in_mean"]
    assert "bound" in out.loc["United Kingdom", "left_out_reason"]
    assert pd.isna(out.loc["World", "group"]) and "aggregate" in out.loc["World", "left_out_reason"]
    means = reach.trust_group_means(out.reset_index()).set_index("group")
    assert means.loc["West", "mean_trust_pct"] == 25 and means.loc["West", "countries"] == 2
    assert means.loc["West", "left_out_countries"] == "United Kingdom"
    assert means.loc["Global South", "in_mean_countries"] == "India; Nigeria"


def test_trust_group_rule():
    assert reach.country_group("Australia") == "West" and reach.country_group("Japan") == "Other high-income"
    assert reach.country_group("Hong Kong") == "China" and reach.country_group("Brazil") == "Global South"
    assert reach.country_group("World") is None
    assert set(reach.REGION_GROUPS) == set(regions.REPORTING_REGIONS)  # every region has a group
    assert set(reach.REGION_GROUPS.values()) | set(reach.COUNTRY_GROUPS.values()) <= set(reach.GROUPS)


def test_trust_refuses():
    with pytest.raises(ValueError, match="unknown survey 'Survey Z'"):
        reach.trust_by_group(TRUST, "Survey Z")
    with pytest.raises(ValueError, match="indicator 'trust_in_x'"):
        reach.trust_by_group(TRUST, "Survey S", indicator="trust_in_x")
    with pytest.raises(ValueError, match="empty input"):
        reach.trust_by_group(TRUST.iloc[0:0], "Survey S")
    with pytest.raises(ValueError, match="several Survey S figures"):
        reach.trust_by_group(facts(trust("F1", "India", 1), trust("F2", "India", 2)), "Survey S")


def test_region_coverage_by_hand():
    out = reach.region_coverage(reach.trust_by_group(TRUST, "Survey S"), reach.cloud_presence(CLOUD))
    out = out.set_index("world_region")
    # Southern Asia: India's trust figure but no cloud region of either side.
    assert out.loc["Southern Asia", "has_trust"] and not out.loc["Southern Asia", "has_cloud"]
    assert out.loc["Southern Asia", "gaps"] == "no US cloud region; no Chinese cloud region"
    # Europe: Germany in the mean, the UK only as a bound; both clouds present.
    assert out.loc["Europe", ["trust_countries", "trust_bounded"]].tolist() == [1, 1]
    assert out.loc["Europe", "gaps"] == ""
    assert out.loc["Latin America & Caribbean", "gaps"].startswith("no trust figure")
    assert out.loc["Global", "trust_countries"] == 5  # the aggregate row is not a country
    with pytest.raises(ValueError, match="presence"):
        reach.region_coverage(reach.trust_by_group(TRUST, "Survey S"), CLOUD.iloc[0:0])


# --- investment -----------------------------------------------------------------------------------


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


# --- embodied -------------------------------------------------------------------------------------


ROBOTS = facts(
    year_fact("F301", "industrial_robot_installations", "China", 500, "count", 2023),
    year_fact("F302", "industrial_robot_installations", "United States", 100, "count", 2023),
    year_fact("F303", "industrial_robot_installations", "World", 1000, "count", 2023),
    year_fact("F304", "industrial_robot_installation_share", "China", 51, "percent", 2023),
    year_fact("F305", "robot_density", "China", 400, "robots per 10,000 workers", 2024),
)


def test_robot_installations_by_hand():
    out = embodied.robot_installations(ROBOTS)
    shares = out[out["measure"] == "share_of_global"].set_index(["country", "basis"])["value"]
    # Computed: China 500 / 1,000 = 50%, US 100 / 1,000 = 10%; the reported 51% is kept beside it.
    assert shares.to_dict() == {
        ("China", "computed"): 50.0,
        ("China", "reported"): 51.0,
        ("United States", "computed"): 10.0,
    }
    assert out.loc[out["basis"] == "computed", "fact_ids"].tolist() == ["F301;F303", "F302;F303"]


def test_robot_data_gaps_by_hand():
    gaps = embodied.data_gaps(embodied.robot_installations(ROBOTS))
    listed = set(zip(gaps["country"], gaps["measure"], gaps["gap"], strict=True))
    assert ("United States", "density", "no density figure in any year") in listed
    assert ("China", "density", "no density figure for 2023") in listed
    assert ("China", "installations", "installations for 2023 only: no trend") in listed
    assert (
        "United States",
        "share_of_global",
        "share not reported: computed from installation counts",
    ) in listed


def test_robots_refuse():
    with pytest.raises(ValueError, match="no facts for indicators"):
        embodied.robot_installations(INVESTMENT)
    with pytest.raises(ValueError, match="empty input"):
        embodied.robot_installations(ROBOTS.iloc[0:0])
    with pytest.raises(ValueError, match=r"F304 is in 'count', not 'percent'"):
        embodied.robot_installations(ROBOTS.assign(unit="count"))
    with pytest.raises(ValueError, match="'basis'"):
        embodied.data_gaps(pd.DataFrame({"country": ["China"], "year": [2023], "measure": ["density"]}))


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


def test_reach_on_the_committed_data(real_facts):
    presence = reach.cloud_presence(processed.read("cloud_regions_by_origin_country"))
    assert list(presence["world_region"]) == [*regions.REPORTING_REGIONS, regions.GLOBAL]
    assert presence["china_share"].dropna().between(0, 1).all()
    trust = reach.trust_by_group(real_facts)
    assert set(trust["group"].dropna()) <= set(reach.GROUPS)
    assert not trust.loc[trust["qualifier"].isin(adoption.BOUNDS), "in_mean"].any()
    coverage = reach.region_coverage(trust, presence)
    assert len(coverage) == len(regions.REPORTING_REGIONS) + 1 and coverage["has_trust"].dtype == bool


def test_investment_on_the_committed_data(real_facts):
    gap = investment.investment_gap(real_facts)
    assert not gap.empty and (gap["us_to_china_ratio"].dropna() > 0).all()
    chips = investment.accelerators(processed.read("hardware_by_maker"))
    assert not chips.duplicated(["year", "bloc"]).any() and (chips["chips"] > 0).all()


def test_embodied_on_the_committed_data(real_facts):
    robots = embodied.robot_installations(real_facts)
    assert set(robots["measure"]) <= set(embodied.MEASURES) and set(robots["basis"]) <= {
        "reported",
        "computed",
    }
    gaps = embodied.data_gaps(robots)
    assert list(gaps.columns) == ["country", "year", "measure", "gap"]


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
