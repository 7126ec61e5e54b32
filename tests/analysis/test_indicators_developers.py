"""analysis.indicators.developers on synthetic processed tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from strategy_brief.analysis.indicators import developers as dev

SSA, SA, NAM, EAO = "Sub-Saharan Africa", "Southern Asia", "Northern America", "Eastern Asia & Oceania"
PLACES = {
    "NGA": ("Nigeria", SSA),
    "KEN": ("Kenya", SSA),
    "IND": ("India", SA),
    "USA": ("United States", NAM),
    "CHN": ("China", EAO),
    "HKG": ("Hong Kong", EAO),
}


def devs(*rows) -> pd.DataFrame:
    """github_developers_by_economy rows: (iso3, quarter_end, developers)."""
    return pd.DataFrame(
        [
            {
                "iso3": iso3,
                "economy": PLACES[iso3][0],
                "world_region": PLACES[iso3][1],
                "quarter_end": q,
                "developers": n,
                "repositories": np.nan if n is np.nan else 3 * n,
            }
            for iso3, q, n in rows
        ]
    )


DEVS = devs(
    ("NGA", "2024-06-30", 100.0),
    ("NGA", "2025-03-31", 140.0),
    ("NGA", "2025-06-30", 150.0),
    ("KEN", "2025-06-30", 50.0),  # no quarter a year earlier
    ("IND", "2024-06-30", 800.0),
    ("IND", "2025-06-30", 1000.0),
    ("USA", "2024-06-30", 2000.0),
    ("USA", "2025-06-30", 2200.0),
)


def test_developer_base_reads_the_newest_quarter_and_the_same_quarter_a_year_earlier():
    base = dev.developer_base(DEVS).set_index("iso3")
    assert set(base["quarter_end"]) == {"2025-06-30"} and set(base["year_earlier"]) == {"2024-06-30"}
    assert base.at["NGA", "growth"] == pytest.approx(0.5)
    assert np.isnan(base.at["KEN", "growth"])  # not reported a year earlier: no growth, not zero
    older = dev.developer_base(DEVS, quarter_end="2025-03-31")
    assert list(older["iso3"]) == ["NGA"] and np.isnan(older["growth"].iloc[0])
    with pytest.raises(ValueError, match="quarter_end '2023-12-31' not in the table"):
        dev.developer_base(DEVS, quarter_end="2023-12-31")


def test_developer_base_by_region_counts_growth_on_economies_reported_both_times():
    regions_ = dev.developer_base_by_region(dev.developer_base(DEVS)).set_index("area")
    africa = regions_.loc[SSA]
    assert (africa["economies"], africa["developers"], africa["economies_both_years"]) == (2, 200, 1)
    assert africa["growth"] == pytest.approx(150 / 100 - 1)  # Kenya has no year-earlier figure
    assert regions_.loc["Global", "developers"] == 3400
    assert regions_.loc[dev.GLOBAL_SOUTH, "share_of_global"] == pytest.approx(1200 / 3400)
    assert regions_.loc["Europe", "economies"] == 0 and np.isnan(regions_.loc["Europe", "growth"])


def collab(*rows) -> pd.DataFrame:
    """github_collaboration_us_china rows: (iso3, quarter_end, to_us, from_us, to_china, from_china,
    to_mainland_china, from_mainland_china, outbound_total, inbound_total)."""
    names = list(dev.WEIGHTS)
    return pd.DataFrame(
        [
            {
                "iso3": iso3,
                "economy": PLACES[iso3][0],
                "world_region": PLACES[iso3][1],
                "quarter_end": q,
                **dict(zip(names, values, strict=True)),
            }
            for iso3, q, *values in rows
        ]
    )


NA = np.nan
COLLAB = collab(
    ("NGA", "2025-03-31", 90, 30, NA, NA, NA, NA, 200, 60),
    ("NGA", "2025-06-30", 100, 40, 20, NA, NA, NA, 220, 70),  # the China tie is with Hong Kong
    ("KEN", "2025-06-30", 50, NA, NA, NA, NA, NA, 80, NA),
    ("IND", "2024-12-31", 999, 999, 999, 999, 999, 999, 9999, 9999),  # outside a two-quarter window
    ("IND", "2025-06-30", 500, 200, 60, 40, 45, 40, 1500, 600),
    ("USA", "2025-06-30", NA, NA, 3000, 2000, 2500, 1500, 20000, 15000),
    ("HKG", "2025-06-30", 300, 100, 900, 800, 900, 800, 2500, 2000),
)


def test_collaboration_ties_sum_the_window_and_leave_unreported_sides_empty():
    ties = dev.collaboration_ties(COLLAB, quarters=2).set_index("iso3")
    nigeria = ties.loc["NGA"]
    assert (nigeria["with_us"], nigeria["with_china"]) == (260, 20)
    assert (nigeria["us_reported"], nigeria["china_reported"], nigeria["directions_possible"]) == (4, 1, 4)
    assert nigeria["china_share_of_ties"] == pytest.approx(20 / 280)
    assert nigeria["us_share_of_total"] == pytest.approx(260 / 550)
    assert np.isnan(nigeria["with_mainland_china"]) and np.isnan(nigeria["mainland_share_of_ties"])
    assert ties.loc["IND", "mainland_share_of_ties"] == pytest.approx(85 / 785)
    kenya = ties.loc["KEN"]
    assert np.isnan(kenya["with_china"]) and np.isnan(kenya["china_share_of_ties"])  # not reported, not 0
    assert ties.loc["IND", "with_us"] == 700  # the 2024 quarter is outside the window
    assert ties.loc["USA", "is_side"] and ties.loc["HKG", "is_side"] and not nigeria["is_side"]
    assert set(ties["period_start"]) == {"2025-03-31"} and "no Wilson interval" in nigeria["share_kind"]
    with pytest.raises(ValueError, match="quarters must be at least 1"):
        dev.collaboration_ties(COLLAB, quarters=0)


def test_collaboration_by_region_sums_third_economies_only():
    ties = dev.collaboration_ties(COLLAB, quarters=2)
    regions_ = dev.collaboration_by_region(ties).set_index("area")
    africa = regions_.loc[SSA]
    assert (africa["economies"], africa["economies_china_reported"]) == (2, 1)
    assert (africa["with_us"], africa["with_china"]) == (310, 20)
    assert africa["china_share_of_ties"] == pytest.approx(20 / 330)
    world = regions_.loc["Global"]
    assert world["economies"] == 3  # the United States and Hong Kong (China bloc) are the sides
    assert world["with_china"] == 20 + 100
    assert world["with_mainland_china"] == 85
    assert world["mainland_share_of_ties"] == pytest.approx(85 / (310 + 700 + 85))


def test_economy_ties_finds_an_economy_by_name_or_code_and_refuses_an_absent_one():
    ties = dev.collaboration_ties(COLLAB, quarters=1)
    assert dev.economy_ties(ties, "Nigeria")["to_us"] == 100
    assert dev.economy_ties(ties, "IND")["from_china"] == 40
    with pytest.raises(ValueError, match="no reported collaboration for 'Chad'"):
        dev.economy_ties(ties, "Chad")
