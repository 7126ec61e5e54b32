"""analysis.indicators.usage on synthetic frames: pools counted once, the South–North gap and its
trend, economy ranks, Claude's reach beside all AI use, and a bloc's OpenRouter top-10 share."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import usage

PERIODS = (("H1 2025", "2025-06-30"), ("H2 2025", "2025-12-31"), ("Q1 2026", "2026-03-31"))


def share_table(economies):
    """economies: (iso3, name, world_region, pool or '', (share per period))."""
    rows = []
    for iso3, name, region, pool, shares in economies:
        for (period, end), share in zip(PERIODS, shares, strict=True):
            rows.append(
                {
                    "economy": name,
                    "iso3": iso3,
                    "world_region": region,
                    "period": period,
                    "period_end": end,
                    "user_share": share,
                    "pooled": bool(pool),
                    "pool": pool or float("nan"),  # blank reads back as missing
                }
            )
    return pd.DataFrame(rows)


SSA, EUR, SAS = "Sub-Saharan Africa", "Europe", "Southern Asia"
ECONOMIES = [
    # a pool of three West African economies: one estimate
    ("NGA", "Nigeria", SSA, "wa", (0.08, 0.09, 0.10)),
    ("GHA", "Ghana", SSA, "wa", (0.08, 0.09, 0.10)),
    ("BEN", "Benin", SSA, "wa", (0.08, 0.09, 0.10)),
    ("KEN", "Kenya", SSA, "", (0.06, 0.07, 0.08)),
    ("ZAF", "South Africa", SSA, "", (0.20, 0.21, 0.22)),
    ("IND", "India", SAS, "", (0.14, 0.16, 0.18)),
    ("DEU", "Germany", EUR, "", (0.26, 0.29, 0.31)),
    ("FRA", "France", EUR, "", (0.40, 0.44, 0.48)),
    ("USA", "United States", "Northern America", "", (0.26, 0.28, 0.31)),
]


def test_region_medians_count_a_pool_once():
    table = usage.user_share_by_region(share_table(ECONOMIES))
    ssa = table[(table["world_region"] == SSA) & (table["period"] == "Q1 2026")].iloc[0]
    # estimates: 0.10 (the pool, once), 0.08, 0.22
    assert ssa["estimates"] == 3 and ssa["economies_listed"] == 5 and ssa["pooled_economies"] == 3
    assert ssa["median_user_share"] == pytest.approx(0.10)
    assert bool(ssa["indication"])
    world = table[(table["world_region"] == "Global") & (table["period"] == "H1 2025")].iloc[0]
    assert world["estimates"] == 7 and world["economies_listed"] == 9
    assert list(table["world_region"].unique())[:2] == ["Global", SSA]


def test_a_large_pool_does_not_pull_the_median():
    economies = [
        *ECONOMIES,
        ("TGO", "Togo", SSA, "wa", (0.08, 0.09, 0.10)),
        ("MLI", "Mali", SSA, "wa", (0.08, 0.09, 0.10)),
        ("ZMB", "Zambia", SSA, "", (0.15, 0.16, 0.17)),
    ]
    table = usage.user_share_by_region(share_table(economies))
    ssa = table[(table["world_region"] == SSA) & (table["period"] == "Q1 2026")].iloc[0]
    # estimates 0.08, 0.10, 0.17, 0.22 → 0.135; counting each of the five members would give 0.10
    assert ssa["median_user_share"] == pytest.approx(0.135)


def test_south_north_gap_and_its_trend():
    gap = usage.south_north_gap(share_table(ECONOMIES))
    q1 = gap.set_index("period").loc["Q1 2026"]
    # South: 0.10 (pool), 0.08, 0.22, 0.18 → 0.14; North: 0.31, 0.48, 0.31 → 0.31
    assert q1["south_median"] == pytest.approx(0.14) and q1["south_estimates"] == 4
    assert q1["north_median"] == pytest.approx(0.31) and q1["north_estimates"] == 3
    assert q1["gap_pp"] == pytest.approx(17.0)
    trend = usage.gap_trend(gap)
    h1 = gap.set_index("period").loc["H1 2025"]
    assert (trend.first_period, trend.last_period) == ("H1 2025", "Q1 2026")
    assert trend.south_change_pp == pytest.approx((0.14 - h1["south_median"]) * 100)
    assert trend.gap_change_pp == pytest.approx(17.0 - h1["gap_pp"])


def test_gap_trend_needs_two_periods():
    gap = usage.south_north_gap(share_table(ECONOMIES))
    with pytest.raises(ValueError, match="at least two periods"):
        usage.gap_trend(gap.iloc[:1])


def test_economy_profile_ranks_with_a_pool_counted_once():
    profile = usage.economy_profile(share_table(ECONOMIES)).set_index(["iso3", "period"])
    q1 = profile.xs("Q1 2026", level="period")
    assert q1.loc["ZAF", "rank_in_region"] == 1
    assert q1.loc["NGA", "rank_in_region"] == q1.loc["BEN", "rank_in_region"] == 2
    assert q1.loc["KEN", "rank_in_region"] == 3  # not 5: the pool is one estimate
    assert q1.loc["KEN", "estimates_in_region"] == 3
    assert q1.loc["IND", "change_pp"] == pytest.approx(4.0)
    assert profile.loc[("IND", "H1 2025"), "change_pp"] == pytest.approx(4.0)
    assert q1.loc["GHA", "pooled"] and q1.loc["GHA", "pool"] == "wa"


def test_a_pooled_row_without_pool_is_refused():
    table = share_table(ECONOMIES)
    table.loc[0, "pool"] = float("nan")
    with pytest.raises(ValueError, match="pool must be given exactly for pooled economies"):
        usage.economy_profile(table)


def claude_table(rows):
    """rows: (iso3, month, usage share, per-capita index)."""
    return pd.DataFrame(rows, columns=["iso3", "month", "usage_share", "usage_per_capita_index"])


def test_claude_reach_relative_to_the_median_and_not_listed():
    shares = share_table(ECONOMIES)
    claude = claude_table(
        [
            ("USA", "2025-09-01", 0.30, 4.0),
            ("DEU", "2025-09-01", 0.05, 1.0),
            ("FRA", "2025-09-01", 0.05, 1.0),
            ("IND", "2025-09-01", 0.06, 0.1),
            ("KEN", "2025-09-01", 0.01, 1.0),
            ("NGA", "2025-09-01", 0.01, 0.2),
            ("ZAF", "2025-09-01", 0.01, 0.5),
            ("ZAF", "2025-08-01", 0.01, 0.5),
            ("GHA", "2025-08-01", 0.01, 0.5),  # listed in an earlier month only
        ]
    )
    reach = usage.claude_reach(shares, claude).set_index("iso3")
    assert set(reach["period"]) == {"Q1 2026"} and set(reach["claude_month"]) == {"2025-09-01"}
    # Listed by both: USA .31, DEU .31, FRA .48, IND .18, KEN .08, NGA .10 (pool), ZAF .22 → median .22;
    # indexes 4, 1, 1, .1, 1, .2, .5 → median 1.
    assert reach.loc["KEN", "ai_relative"] == pytest.approx(0.08 / 0.22)
    assert reach.loc["KEN", "reach_ratio"] == pytest.approx(1.0 / (0.08 / 0.22))
    assert reach.loc["KEN", "status"] == usage.OVER_REACH
    assert reach.loc["IND", "reach_ratio"] == pytest.approx(0.1 / (0.18 / 0.22))
    assert reach.loc["IND", "status"] == usage.UNDER_REACH
    assert reach.loc["DEU", "status"] == usage.IN_LINE
    for absent in ("GHA", "BEN"):
        assert reach.loc[absent, "status"] == usage.NOT_LISTED
        assert pd.isna(reach.loc[absent, "reach_ratio"]) and pd.isna(
            reach.loc[absent, "usage_per_capita_index"]
        )
    assert reach.loc["GHA", "months_listed"] == 1 and reach.loc["BEN", "months_listed"] == 0
    assert reach.loc["NGA", "pooled"]


def test_claude_reach_without_any_listed_economy_is_refused():
    claude = claude_table([("JPN", "2025-09-01", 0.02, 0.8)])
    with pytest.raises(ValueError, match="no economy of the user-share table is listed"):
        usage.claude_reach(share_table(ECONOMIES), claude)


def weekly_table(weeks):
    """weeks: {week: {bloc: (tokens, free tokens, models)}}, rows_in_week the sum of models."""
    rows = []
    for week, blocs in weeks.items():
        rows_in_week = sum(m for _, _, m in blocs.values())
        for bloc, (tokens, free, models) in blocs.items():
            rows.append(
                {
                    "week_ending": week,
                    "developer_bloc": bloc,
                    "tokens": tokens,
                    "share_of_top10": 0.0,
                    "models": models,
                    "free_variant_tokens": free,
                    "rows_in_week": rows_in_week,
                }
            )
    return pd.DataFrame(rows)


WEEKS = {
    "2025-09-14": {"United States": (600, 0, 6), "China": (300, 100, 3), "Undisclosed": (100, 100, 1)},
    "2025-09-07": {"United States": (800, 0, 7), "China": (200, 0, 2)},
}


def test_china_share_with_and_without_free_variants():
    shares = usage.bloc_top10_share(weekly_table(WEEKS)).set_index("week_ending")
    assert list(shares.index) == ["2025-09-07", "2025-09-14"]
    assert shares.loc["2025-09-14", "share"] == pytest.approx(0.3)
    assert shares.loc["2025-09-14", "paid_share"] == pytest.approx(200 / 800)
    assert shares.loc["2025-09-14", "free_share_of_top10"] == pytest.approx(0.2)
    assert shares.loc["2025-09-07", "rows_in_week"] == 9
    summary = usage.summarise_share(usage.bloc_top10_share(weekly_table(WEEKS)))
    assert (summary.first_week, summary.last_week, summary.weeks) == ("2025-09-07", "2025-09-14", 2)
    assert summary.first_share == pytest.approx(0.2) and summary.last_share == pytest.approx(0.3)
    assert summary.mean_share == pytest.approx(0.25)
    assert summary.mean_paid_share == pytest.approx((0.2 + 0.25) / 2)


def test_a_bloc_absent_from_a_week_has_share_zero():
    shares = usage.bloc_top10_share(weekly_table(WEEKS), "Europe")
    assert shares["share"].tolist() == [0.0, 0.0] and set(shares["bloc"]) == {"Europe"}


def test_a_listed_economy_with_zero_user_share_has_no_ratio():
    economies = [*ECONOMIES, ("LSO", "Lesotho", SSA, "", (0.0, 0.0, 0.0))]
    claude = claude_table([("USA", "2025-09-01", 0.3, 4.0), ("LSO", "2025-09-01", 0.001, 0.2)])
    reach = usage.claude_reach(share_table(economies), claude).set_index("iso3")
    assert reach.loc["LSO", "status"] == usage.NO_RATIO and pd.isna(reach.loc["LSO", "reach_ratio"])
    assert reach.loc["USA", "status"] == usage.IN_LINE
