"""data.steps.leaderboards: LMArena best by bloc and licence, stacked versions, the Elo history."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.data.steps import leaderboards


def test_lmarena_best_by_bloc_and_by_licence():
    panel = pd.DataFrame(
        {
            "leaderboard_version": ["2025-01-01"] * 4 + ["2025-02-01"] * 2,
            "model": [
                "GPT-4o-2024-05-13",
                "DeepSeek-R1",
                "Qwen2.5-Max",
                "X-open",
                "GPT-4o-2024-05-13",
                "DeepSeek-R1",
            ],
            "arena_score": ["1300", "1350", "1330", "1200", "1301", "1290"],
            "organization": ["OpenAI", "DeepSeek", "Alibaba", "Mistral AI", "OpenAI", "DeepSeek"],
            "license": ["Proprietary", "MIT", "Proprietary", "Apache 2.0", "Proprietary", "MIT"],
        }
    )
    rows = leaderboards.classify_rows(panel)
    by_bloc = leaderboards.best_by_bloc(rows)
    first = by_bloc[by_bloc["leaderboard_version"] == "2025-01-01"].set_index("bloc")
    assert first.loc["China", "best_model"] == "DeepSeek-R1" and first.loc["China", "best_score"] == 1350
    assert first.loc["United States", "best_score"] == 1300 and first.loc["Europe", "best_model"] == "X-open"
    second = by_bloc[by_bloc["leaderboard_version"] == "2025-02-01"].set_index("bloc")
    assert second.loc["United States", "best_score"] > second.loc["China", "best_score"]
    by_licence = leaderboards.best_by_licence(rows)
    first = by_licence[by_licence["leaderboard_version"] == "2025-01-01"].set_index("openness_class")
    assert first.loc["open_unrestricted", "best_model"] == "DeepSeek-R1"
    assert bool(first.loc["open_unrestricted", "open_weights"]) and not first.loc["api", "open_weights"]
    assert first.loc["api", "best_model"] == "Qwen2.5-Max"  # a closed Chinese model is still closed


def test_stacked_versions_take_the_snapshot_date_and_drop_repeats(tmp_path):
    from strategy_brief.data.snapshot import Snapshot
    from strategy_brief.data.steps import leaderboards

    columns = "model,arena_score,organization,license\n"
    panel = tmp_path / "panel.csv"
    panel.write_text(
        "leaderboard_version," + columns + "2025-08-04,A,1,OpenAI,MIT\n2025-07-01,A,2,OpenAI,MIT\n"
    )
    single = tmp_path / "single.csv"
    single.write_text(columns + "A,3,OpenAI,MIT\n")
    snaps = [
        Snapshot("lmarena_text", "2025-08-01", panel, "", 0, ""),
        Snapshot("lmarena_text", "2025-08-04", single, "", 0, ""),
    ]
    stacked = leaderboards.stack_versions(snaps).sort_values("leaderboard_version")
    assert list(zip(stacked["leaderboard_version"], stacked["arena_score"], strict=True)) == [
        ("2025-07-01", "2"),
        ("2025-08-04", "3"),
    ]


def test_elo_history_is_long_listed_only_and_explains_unmapped_names():
    wide = pd.DataFrame(
        {
            "": [20230508, 20250227],
            "gpt-4-0314": [1200.0, 1186.4],
            "deepseek-r1": [0.0, 1362.7],
            "gpt-4": [1250.0, 0.0],
        }
    )
    long = leaderboards.elo_history_long(wide)
    assert list(zip(long["leaderboard_date"], long["model"], long["bloc"], strict=True)) == [
        ("2023-05-08", "gpt-4-0314", "United States"),
        ("2025-02-27", "gpt-4-0314", "United States"),
        ("2025-02-27", "deepseek-r1", "China"),
    ]  # 0 = not yet listed; 'gpt-4' is an explained aggregate
    with pytest.raises(LookupError, match="no lmarena_elo_history alias for \\['mystery-bot'\\]"):
        leaderboards.elo_history_long(wide.assign(**{"mystery-bot": [1000.0, 0.0]}))
