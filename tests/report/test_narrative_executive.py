"""The executive brief's sentences and key figures (report.narrative.executive), from hand-made views."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd

from strategy_brief.curated import regions
from strategy_brief.report.narrative import executive as narrative
from tests.report.findings_rows import scores, view


def test_key_figures_record_both_sides_and_skip_what_a_region_lacks():
    names = [f["name"] for f in narrative.key_figures(scores(), view(), "2026-01-15")]
    assert {"eci_best_us", "eci_best_china", "us_china_investment_ratio", "trust_region_mean"} <= set(names)
    assert len(names) == 2 * len(scores()) + 4
    bare = dataclasses.replace(
        view(),
        cloud_us=0,
        cloud_china=0,
        china_cloud_share=math.nan,
        trust_mean=math.nan,
        trust=pd.DataFrame(),
    )
    left = {f["name"] for f in narrative.key_figures(scores(), bare, "2026-01-15")}
    assert "china_cloud_share_region" not in left and "trust_region_mean" not in left
    ratio = next(
        f
        for f in narrative.key_figures(scores(), view(), "2026-01-15")
        if f["name"] == "us_china_investment_ratio"
    )
    assert ratio["value"] == 10.0


def test_reach_says_cloud_and_trust_or_the_gap():
    said = narrative.reach(view())
    assert said.startswith(
        "In the January 2025 map of public-cloud regions, US providers run 5 and Chinese providers 1"
    )
    assert "Trust in AI (Survey) is 76% in Nigeria, the region's only surveyed country, against 32%" in said
    nothing = dataclasses.replace(
        view(), cloud_us=0, cloud_china=0, trust=pd.DataFrame(columns=["country", "trust_pct"])
    )
    assert narrative.reach(nothing).startswith(
        "Neither US nor Chinese providers list a public-cloud region in"
    )
    assert narrative.no_trust(nothing).startswith(
        "No country of Sub-Saharan Africa has a figure in the Survey or the UNDP survey"
    )
    assert narrative.no_trust(nothing).endswith("would fill this gap.")
    assert narrative.no_trust(view()) == ""
    # A region the UNDP transcription covers has a trust figure: no gap, and the figure is labelled.
    undp = pd.DataFrame({"country": ["Brazil"], "confident": [0.23], "world_region": ["Sub-Saharan Africa"]})
    covered = dataclasses.replace(nothing, undp=undp)
    assert narrative.no_trust(covered) == ""
    said = narrative.undp_trust(covered)
    assert "(a third-party transcription)" in said and "23% in Brazil" in said
    assert "this is the region's only trust figure" in said
    assert "not compared" in narrative.undp_trust(dataclasses.replace(view(), undp=undp))
    world = narrative.reach(view(region=regions.GLOBAL, trust=(("India", 77.0), ("Germany", 30.0))))
    assert (
        f"across the {len(regions.REPORTING_REGIONS)} world regions" in world
        and "ranges from 30% to 77%" in world
    )


def test_scenario_averages_regional_bounds_only_worldwide():
    assert "11% of AI users in Sub-Saharan Africa" in narrative.scenario(view())
    # A global starting share is never read as the region's own observation; a regional one says so.
    assert (
        "against the global starting share of 14% in 2026 (no figure of the region's own"
        in narrative.scenario(view())
    )
    own = dataclasses.replace(view(), scenario_start_regional=True)
    assert "against 14% in 2026, the region's own starting share" in narrative.scenario(own)
    assert "against 14% in 2026 (the regions' mean" in narrative.scenario(view(region=regions.GLOBAL))
    assert ", regional bounds averaged" not in narrative.scenario(view())
    assert ", regional bounds averaged (80% interval 4% to 23%)" in narrative.scenario(
        view(region=regions.GLOBAL)
    )


def test_headings_scorecard_and_gaps():
    assert narrative.reach_heading("Sub-Saharan Africa") == "## What it means for Sub-Saharan Africa"
    assert narrative.gaps_heading(regions.GLOBAL) == "## Data gaps"
    assert narrative.scorecard_intro(scores()).endswith("The United States leads on d; China on d.")
    gaps = narrative.gaps(dataclasses.replace(view(), gaps=["no trust figure"]))
    assert gaps == ["No trust figure.", *narrative.STANDING_GAPS]
    assert narrative.gaps(view())[0] == "None in the reach and trust data."


def test_adoption_and_compute_of_the_region_say_their_caveats():
    adoption = pd.DataFrame(
        {
            "world_region": ["Sub-Saharan Africa", "Sub-Saharan Africa", regions.GLOBAL],
            "period": ["H1 2025", "Q1 2026", "Q1 2026"],
            "period_end": ["2025-06-30", "2026-03-31", "2026-03-31"],
            "median_user_share": [0.10, 0.12, 0.18],
            "estimates": [7, 7, 90],
        }
    )
    developers = pd.Series({"developers": 4.2e6, "share_of_global": 0.03, "growth": 0.4})
    compute = pd.Series(
        {"clusters": 3, "us_owned": 1, "china_owned": 2, "china_owned_cloud_openings": 2.0}
        | {"other_owned": 0, "owner_unknown": 0}
    )
    v = dataclasses.replace(
        view(),
        adoption=adoption,
        reach_counts={"in line": 5, "under-reach": 2, "not listed": 3},
        developers=developers,
        compute=compute,
    )
    said = narrative.adoption(v)
    assert said.startswith(
        "In Q1 2026 a median 12% of working-age people in Sub-Saharan Africa used generative AI"
    )
    assert "up 2 percentage points since H1 2025" in said and "against 18% worldwide" in said
    assert "listed in 7 of its 10 economies" in said and "not zero" in said
    assert "4.2 million developers" in said
    assert "2 of them Alibaba Cloud openings, not supercomputers" in narrative.compute(v)
    assert "hosted elsewhere" in narrative.compute(dataclasses.replace(v, compute=None))
    assert narrative.adoption(dataclasses.replace(v, adoption=adoption.iloc[0:0])) == ""
