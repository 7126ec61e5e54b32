"""The LMArena and open-weight gaps of the capability section (capability.arena_gap, openness_gap)."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import capability

US, CN = "United States", "China"


def test_arena_gap_is_per_leaderboard_version_not_cumulative():
    arena = pd.DataFrame(
        {
            "leaderboard_version": ["2025-01-01", "2025-01-01", "2025-02-01", "2025-02-01"],
            "bloc": [US, CN, US, CN],
            "best_score": [1300.0, 1250.0, 1280.0, 1270.0],  # the US rating is re-estimated lower
        }
    )
    out = capability.arena_gap(arena, US, CN)
    assert out["gap_points"].tolist() == [50.0, 10.0]
    assert capability.latest(out)["leader_best"] == 1280.0


def test_openness_gap_compares_the_best_closed_and_open_weight_models_and_skips_unknown_openness():
    eci = pd.DataFrame(
        {
            "release_date": ["2024-01-01", "2024-06-01", "2024-09-01", "2025-01-01"],
            "eci_score": [130.0, 120.0, 150.0, 125.0],
            "openness_class": ["api", "open_unrestricted", "unknown", "open_restricted"],
        }
    )
    last = capability.latest(capability.openness_gap(eci))
    assert (last["leader"], last["follower"]) == (capability.CLOSED, capability.OPEN)
    assert (last["leader_best"], last["follower_best"]) == (130.0, 125.0)  # the unknown 150 is left out
    assert last["gap_points"] == pytest.approx(5.0)
