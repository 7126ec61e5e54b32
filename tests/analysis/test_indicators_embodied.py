"""analysis.indicators.embodied on small hand-computed examples (industrial robots), and on the
committed data."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import embodied
from strategy_brief.curated import facts as facts_module
from tests.analysis.fact_rows import facts, year_fact
from tests.analysis.test_indicators_investment import INVESTMENT

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


def test_common_year_is_the_newest_year_both_have_a_share_and_latest_share_may_be_newer():
    newer = pd.concat(
        [
            ROBOTS,
            facts(year_fact("F306", "industrial_robot_installation_share", "China", 54, "percent", 2024)),
        ],
        ignore_index=True,
    )
    robots = embodied.robot_installations(newer)
    assert embodied.common_year(robots) == 2023  # no US share in 2024
    assert embodied.latest_share(robots, "China")[["year", "value", "fact_ids"]].tolist() == [
        2024,
        54.0,
        "F306",
    ]
    # In the common year a reported share comes before the one computed from counts (51% over 50%).
    assert embodied.share_in(robots, "China", 2023)[["value", "basis"]].tolist() == [51.0, "reported"]
    assert embodied.share_in(robots, "United States", 2023)["basis"] == "computed"
    # Without the 2024 figure the latest year is the common year.
    plain = embodied.robot_installations(ROBOTS)
    assert embodied.latest_share(plain, "China")["year"] == embodied.common_year(plain) == 2023


def test_shares_refuse_a_missing_country_or_year():
    robots = embodied.robot_installations(ROBOTS)
    with pytest.raises(ValueError, match="share_in: no share of world installations for China in 2024"):
        embodied.share_in(robots, "China", 2024)
    with pytest.raises(ValueError, match="latest_share: no share of world installations for Japan"):
        embodied.latest_share(robots, "Japan")
    with pytest.raises(ValueError, match=r"common_year: no year .* \['China', 'Japan'\]"):
        embodied.common_year(robots, ("China", "Japan"))
    with pytest.raises(ValueError, match="no countries"):
        embodied.common_year(robots, ())


# --- the committed data: structure only -----------------------------------------------------------


@pytest.fixture(scope="module")
def real_facts():
    return facts_module.load()


def test_embodied_on_the_committed_data(real_facts):
    robots = embodied.robot_installations(real_facts)
    assert set(robots["measure"]) <= set(embodied.MEASURES) and set(robots["basis"]) <= {
        "reported",
        "computed",
    }
    gaps = embodied.data_gaps(robots)
    assert list(gaps.columns) == ["country", "year", "measure", "gap"]
