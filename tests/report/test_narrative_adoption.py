"""The sentences and table cells of "Who uses AI, where" (report.narrative.adoption) on synthetic tables."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis import uncertainty
from strategy_brief.analysis.indicators import deepseek, usage
from strategy_brief.analysis.indicators import developers as dev
from strategy_brief.curated import regions
from strategy_brief.report.narrative import adoption as text
from tests.analysis.test_indicators_deepseek import FACTS as DEEPSEEK_FACTS
from tests.analysis.test_indicators_developers import COLLAB, DEVS
from tests.analysis.test_indicators_usage import ECONOMIES, WEEKS, claude_table, share_table, weekly_table

SSA = "Sub-Saharan Africa"


def shares():
    table = share_table(ECONOMIES)
    return usage.user_share_by_region(table), usage.south_north_gap(table)


def test_user_share_states_the_gap_its_trend_and_the_range_of_regions():
    by_region, gap = shares()
    trend = usage.gap_trend(gap)
    said = text.user_share(by_region, gap, trend, regions.GLOBAL)
    # Q1 2026: South 0.10 (pool once), 0.08, 0.22, 0.18 → 14%; North 0.31, 0.48, 0.31 → 31%; 17 points.
    assert said.startswith(
        "In Q1 2026, a median 14% of working-age people used generative AI in the economies of the Global "
        "South, against 31% in the Global North: 17 percentage points apart"
    )
    assert f"than in H1 2025 ({trend.gap_first_pp:g} percentage points)" in said
    assert "wider" in said if trend.gap_change_pp > 0 else "narrower" in said
    # regions of the synthetic table: SSA 10% lowest, Europe 39.5% highest; every region rose
    assert "from 10% in Sub-Saharan Africa to 39.5% in Europe" in said
    assert "it rose in all 4 regions" in said


def test_user_share_names_the_region_and_calls_a_thin_median_an_indication():
    by_region, gap = shares()
    said = text.user_share(by_region, gap, usage.gap_trend(gap), SSA)
    assert said.endswith(
        "In Sub-Saharan Africa it was 10%, against 22% across all economies (3 estimates: an indication)."
    )


def test_one_period_has_no_trend():
    table = share_table(ECONOMIES)
    one = table[table["period"] == "H1 2025"]
    by_region, gap = usage.user_share_by_region(one), usage.south_north_gap(one)
    said = text.user_share(by_region, gap, None, regions.GLOBAL)
    assert "With one period only, the data show no trend yet." in said and "rose in" not in said
    assert [f["name"] for f in text.user_share_figures(gap, None)] == [
        "ai_user_share_gap_north_minus_south_pp",
        "ai_user_share_south_median",
    ]


def test_pools_count_once_and_the_thin_medians_are_named():
    by_region, gap = shares()
    said = text.pools(by_region, gap)
    assert "Microsoft gives 3 of its 9 economies only the shared estimate of a regional pool" in said
    assert (
        "the medians rest on 7 independent estimates (4 in the Global South, 3 in the Global North)" in said
    )
    assert (
        "Pools weigh most in Sub-Saharan Africa: 3 of its 5 economies are pooled, leaving 3 estimates."
        in said
    )
    assert said.endswith(
        "A median of fewer than 5 estimates is an indication, not a regional figure: Sub-Saharan Africa (3), "
        "Southern Asia (1), Europe (2) and Northern America (1)."
    )


def test_user_share_key_figures_carry_the_newest_gap():
    _, gap = shares()
    figures = {f["name"]: f for f in text.user_share_figures(gap, usage.gap_trend(gap))}
    assert figures["ai_user_share_gap_north_minus_south_pp"]["value"] == pytest.approx(17.0)
    assert figures["ai_user_share_gap_north_minus_south_pp"]["as_of"] == "2026-03-31"
    assert figures["ai_user_share_south_median"]["value"] == pytest.approx(0.14)


CLAUDE = claude_table(
    [
        ("USA", "2025-09-01", 0.30, 4.0),
        ("DEU", "2025-09-01", 0.05, 1.0),
        ("FRA", "2025-09-01", 0.05, 1.0),
        ("IND", "2025-09-01", 0.06, 0.1),
        ("KEN", "2025-09-01", 0.01, 1.0),
        ("NGA", "2025-09-01", 0.01, 0.2),
        ("ZAF", "2025-09-01", 0.01, 0.5),
    ]
)


def reach():
    return usage.claude_reach(share_table(ECONOMIES), CLAUDE)


def test_reach_counts_keep_not_listed_apart_and_carry_wilson_intervals():
    counts = text.reach_counts(reach()).set_index("world_region")
    ssa = counts.loc[SSA]
    # SSA ratios: NGA .2/(.10/.22) = .44 under; KEN over; ZAF .5/(.22/.22) = .5 in line; GHA, BEN not listed
    assert ssa["economies"] == 5 and ssa[usage.NOT_LISTED] == 2 and ssa["rated"] == 3
    assert ssa[usage.UNDER_REACH] == 1 and ssa[usage.OVER_REACH] == 1
    low, high = uncertainty.wilson_interval(1, 3)
    assert (
        ssa["under_cell"]
        == f"1 of 3 (33%; 95% interval {round(100 * float(low))}–{round(100 * float(high))}%)"
    )
    world = counts.loc[regions.GLOBAL]
    assert world["economies"] == 9 and world[usage.NOT_LISTED] == 2
    assert list(counts.index) == [SSA, "Southern Asia", "Europe", "Northern America", regions.GLOBAL]


def test_reach_table_and_sentence():
    table = text.reach_table(reach(), "Source: synthetic.")
    assert "September 2025 (Claude) and Q1 2026 (AI user share)" in table["caption"]
    assert table["columns"][usage.NOT_LISTED] == "Not listed (no figure)"
    said = text.claude(reach())
    assert "lists 7 of the 9 economies that have an AI user share; the other 2 are not listed" in said
    assert "never zero use" in said
    # one under-reaching economy in each of three regions: the first in the regions' order is named
    assert "Under-reach is most common in Sub-Saharan Africa: 1 of 3 (33%; 95% interval" in said
    assert "It under-reaches in 3 of 7 (43%; 95% interval" in said
    assert "2 of the 2 economies not listed are in Sub-Saharan Africa." in said
    assert "For the 3 pooled economies" in said
    figures = {f["name"]: f["value"] for f in text.claude_figures(reach())}
    assert figures == {"claude_under_reach_economies": 3, "claude_not_listed_economies": 2}


def test_openrouter_first_last_mean_and_caveats():
    top10 = usage.bloc_top10_share(weekly_table(WEEKS))
    summary = usage.summarise_share(top10)
    said = text.openrouter(top10, summary)
    assert said.startswith(
        "In the week to 7 September 2025, models of Chinese developers had 20% of the tokens of OpenRouter's "
        "ten most-used models; in the week to 14 September 2025, 30%, or 25% without free promotional "
        "variants."
    )
    assert (
        "averaged 25% (22% without free variants) and peaked at 30% in the week to 14 September 2025" in said
    )
    # free variants: 20% of the second week's tokens, not more than FREE_HEAVY (20%): not named
    assert "Free promotional variants held" not in said
    assert said.endswith("In 1 week the list names fewer than 10 models.")
    figures = {f["name"]: f["value"] for f in text.openrouter_figures(summary)}
    assert figures["china_openrouter_top10_share_latest"] == pytest.approx(0.3)


def test_deepseek_names_each_fact_and_the_regions_without_one():
    shares_, by_region, statements = (
        deepseek.deepseek_share_by_country(DEEPSEEK_FACTS),
        deepseek.deepseek_by_region(DEEPSEEK_FACTS),
        deepseek.deepseek_region_statements(DEEPSEEK_FACTS),
    )
    said = text.deepseek(shares_, by_region, statements)
    assert (
        "labels DeepSeek's market share on its map for 4 economies: Algeria 62% (S2), Kenya 31% (S1)" in said
    )
    assert "4 of the 8 regions have none" in said
    assert "3 to 5 times that in other regions (facts S5a, S5b): “usage 3 to 5 times other regions”" in said
    assert text.deepseek_fact_ids(shares_, statements) == ["S1", "S2", "S3", "S4", "S5a", "S5b"]
    table = text.deepseek_table(shares_, "Source: synthetic.")
    assert list(table["frame"]["shown"]) == ["62%", "31%", "12.5%", "7%"]


def test_developers_are_weights_not_counts():
    base = dev.developer_base_by_region(dev.developer_base(DEVS))
    ties = dev.collaboration_by_region(dev.collaboration_ties(COLLAB, quarters=2))
    said = text.developers(base, ties)
    south = base.set_index("area").loc[dev.GLOBAL_SOUTH]
    assert f"{round(100 * south['share_of_global'])}% of them" in said
    assert "**Weights, not counts.**" in said and "carry no Wilson interval" in said
    share = ties.set_index("area").loc[dev.GLOBAL_SOUTH, "china_share_of_ties"]
    assert (
        f"the China bloc (mainland China, Hong Kong and Macao) had {100 * share:.1f}%".replace(".0%", "%")
        in said
    )


def test_no_data_names_the_source_and_the_date():
    assert text.no_data(usage.USER_SHARE, "2025-02-14").startswith(
        "No figure from Microsoft's AI diffusion series (AI user share by economy) is dated on or before "
        "14 February 2025"
    )
    assert "in this edition" in text.no_data(usage.OPENROUTER, "")


def test_tables_have_their_columns():
    cells = text.reach_counts(reach())
    assert {"under_share", "under_share_low", "under_share_high"} <= set(cells.columns)
    assert isinstance(cells, pd.DataFrame)


def test_developers_without_a_year_earlier_say_so_instead_of_a_growth():
    recent = DEVS[DEVS["quarter_end"] == "2025-06-30"]
    base = dev.developer_base_by_region(dev.developer_base(recent))
    ties = dev.collaboration_by_region(dev.collaboration_ties(COLLAB, quarters=2))
    said = text.developers(base, ties)
    assert "no count of the same quarter a year earlier gives their growth" in said and "nan" not in said
