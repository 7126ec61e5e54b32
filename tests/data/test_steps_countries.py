"""The derived coverage table the country briefs are listed from (data.steps.countries)."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.data.steps import countries


def tables(**changes) -> dict[str, pd.DataFrame]:
    """Synthetic inputs: Nigeria with its own adoption series, Ghana in a pool, Brazil with one period."""
    share = pd.DataFrame(
        [
            ("NGA", "H1 2025", False),
            ("NGA", "Q1 2026", False),
            ("GHA", "H1 2025", True),
            ("GHA", "Q1 2026", True),
            ("BRA", "Q1 2026", False),
        ],
        columns=["iso3", "period", "pooled"],
    )
    out = {
        "ai_user_share_by_economy": share,
        "claude_usage_by_country": pd.DataFrame(
            {"iso3": ["NGA", "GHA", "BRA"], "month": ["2026-05-01", "2026-05-01", "2026-04-01"]}
        ),
        "cloud_regions_by_origin_country": pd.DataFrame({"country": ["Brazil", "World"]}),
        "cloud_region_launches": pd.DataFrame({"iso3": ["BRA"]}),
        "alibaba_cloud_openings": pd.DataFrame({"iso3": pd.Series([], dtype=str)}),
        "gpu_clusters_by_country": pd.DataFrame({"iso3": ["NGA"]}),
        "undp_trust_in_ai_by_country": pd.DataFrame({"iso3": ["BRA"]}),
        "github_developers_by_economy": pd.DataFrame(
            {"iso3": ["NGA", "GHA", "BRA"], "developers": [10.0, float("nan"), 5.0]}
        ),
    }
    return out | changes


def test_each_core_indicator_is_counted_and_caveats_do_not_count():
    table = countries.country_coverage(tables()).set_index("iso3")
    assert table.loc["NGA", "adoption"] == "own"
    assert table.loc["GHA", "adoption"] == "pooled", "a pool's value is never the country's own"
    assert table.loc["BRA", "adoption"] == "no data", "one period gives no trend"
    assert table.loc["BRA", "us_reach"] == "not listed", "only the newest month counts; absence is not zero"
    assert bool(table.loc["BRA", "cloud_compute"]) and bool(table.loc["NGA", "cloud_compute"])
    assert table.loc["BRA", "trust"] in {"undp", "both"}  # Brazil is also in an Edelman poll
    assert not table.loc["GHA", "developers"], "a count GitHub does not report is no data"
    # Nigeria: own adoption, listed, a cluster, Edelman trust (curated facts), developers.
    assert table.loc["NGA", "trust"] in {"edelman", "both"}
    assert table.loc["NGA", "core_indicators"] == 5 and table.loc["NGA", "brief"]
    assert table.loc["GHA", "core_indicators"] == 1 and not table.loc["GHA", "brief"]
    assert table.loc["BRA", "core_indicators"] == 3 and table.loc["BRA", "brief"]
    assert "World" not in set(table["country"]), "aggregates are no economy"


def test_the_coverage_spec_validates_what_it_computes():
    from strategy_brief.data import schemas

    frame = countries.country_coverage(tables())
    schemas.validate("country_coverage", frame, "synthetic")
    with pytest.raises(schemas.ValidationError, match="brief is true exactly when"):
        schemas.validate("country_coverage", frame.assign(brief=True), "synthetic")
