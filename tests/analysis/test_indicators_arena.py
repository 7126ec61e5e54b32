"""analysis.indicators.arena: the US–China gap with the leaderboard's own intervals, on synthetic rows."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import arena

US, CN, EU = "United States", "China", "Europe"


def best(*rows) -> pd.DataFrame:
    """(date, arena, bloc, model, rating, half-width of its interval) → table rows."""
    return pd.DataFrame(
        [(d, a, b, m, r, r - h, r + h) for d, a, b, m, r, h in rows],
        columns=["date", "arena", "bloc", "model", "rating", "ci_lower", "ci_upper"],
    )


TABLE = best(
    # text: the US ahead, intervals apart; then close, intervals overlapping.
    ("2025-03-01", "text", US, "us-a", 1400.0, 5.0),
    ("2025-03-01", "text", CN, "cn-a", 1360.0, 6.0),
    ("2025-03-01", "text", EU, "eu-a", 1350.0, 6.0),
    ("2025-09-01", "text", US, "us-b", 1450.0, 8.0),
    ("2025-09-01", "text", CN, "cn-b", 1440.0, 7.0),
    # a date with no Chinese model: no gap
    ("2025-10-01", "text", US, "us-c", 1460.0, 8.0),
    # languages: China ahead in Chinese (inside), the US ahead in English (outside)
    ("2025-09-01", "chinese", US, "us-b", 1470.0, 20.0),
    ("2025-09-01", "chinese", CN, "cn-b", 1480.0, 18.0),
    ("2025-09-01", "english", US, "us-b", 1460.0, 6.0),
    ("2025-09-01", "english", CN, "cn-c", 1420.0, 6.0),
    # an older English date, and a Chinese date the English arena lacks
    ("2025-03-01", "english", US, "us-a", 1410.0, 6.0),
    ("2025-03-01", "english", CN, "cn-a", 1350.0, 6.0),
    ("2025-10-01", "chinese", US, "us-c", 1490.0, 20.0),
    ("2025-10-01", "chinese", CN, "cn-b", 1480.0, 18.0),
)


def test_gap_has_the_conservative_interval_and_the_overlap_flag():
    gaps = arena.gap(TABLE)
    text = arena.arena_rows(gaps, "text")
    assert text["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-03-01",
        "2025-09-01",
    ]  # 2025-10-01 has no China
    first, second = text.iloc[0], text.iloc[1]
    assert first["gap"] == 40.0
    assert (first["gap_lower"], first["gap_upper"]) == (1395.0 - 1366.0, 1405.0 - 1354.0)
    assert not first["inside_intervals"]
    assert first["gap_percent_of_leader"] == pytest.approx(100 * 40 / 1400)
    assert first["gap_percent_of_follower"] == pytest.approx(100 * 40 / 1360)
    assert (second["gap"], second["gap_lower"], second["gap_upper"]) == (10.0, -5.0, 25.0)
    assert second["inside_intervals"]
    assert (first["leader_model"], first["follower_model"]) == ("us-a", "cn-a")


def test_a_follower_ahead_gives_a_negative_gap():
    row = arena.arena_rows(arena.gap(TABLE), "chinese").iloc[0]
    assert row["gap"] == -10.0
    assert (row["gap_lower"], row["gap_upper"]) == (1450.0 - 1498.0, 1490.0 - 1462.0)
    assert row["inside_intervals"]


def test_intervals_that_just_touch_count_as_overlapping():
    touching = best(
        ("2025-01-01", "text", US, "u", 1420.0, 5.0), ("2025-01-01", "text", CN, "c", 1410.0, 5.0)
    )
    row = arena.gap(touching).iloc[0]
    assert row["gap_lower"] == 0.0 and row["inside_intervals"]


def test_newest_and_newest_by_arena():
    gaps = arena.gap(TABLE)
    assert arena.newest(gaps, "text")["date"] == pd.Timestamp("2025-09-01")
    by_arena = arena.newest_by_arena(gaps).set_index("arena")
    assert by_arena.loc["chinese", "date"] == pd.Timestamp("2025-10-01")
    assert by_arena.loc["english", "date"] == pd.Timestamp("2025-09-01")
    with pytest.raises(
        ValueError, match=r"no gap for arena 'french'; arenas present: \['chinese', 'english', 'text'\]"
    ):
        arena.newest(gaps, "french")


def test_language_gap_compares_at_the_newest_common_date():
    record = arena.language_gap(arena.gap(TABLE))
    assert record["date"] == pd.Timestamp("2025-09-01")  # not 2025-10-01: English has no row then
    assert record["language_gap"] == -10.0 and record["language_inside_intervals"]
    assert record["reference_gap"] == 40.0 and not record["reference_inside_intervals"]
    assert record["difference"] == -50.0
    assert record["reference_follower_model"] == "cn-c"
    with pytest.raises(ValueError, match="no gap for arena 'chinese-style-control'"):
        arena.language_gap(arena.gap(TABLE), style_control=True)


def test_languages_at_puts_the_overall_arena_first():
    rows = arena.languages_at(arena.gap(TABLE))
    assert rows["arena"].tolist() == ["text", "chinese", "english"]
    assert set(rows["date"]) == {pd.Timestamp("2025-09-01")}


def test_bad_tables_are_refused_naming_the_problem():
    with pytest.raises(
        ValueError, match=r"arena.gap: lmarena_catalog_best_by_bloc lacks column\(s\) \['ci_upper'\]"
    ):
        arena.gap(TABLE.drop(columns="ci_upper"))
    with pytest.raises(ValueError, match=r"several rows for 2025-03-01, arena 'text', bloc 'China'"):
        arena.gap(pd.concat([TABLE, TABLE.iloc[[1]]]))
    broken = TABLE.copy()
    broken.loc[0, "ci_lower"] = 1401.0
    with pytest.raises(
        ValueError, match=r"rating 1400.0 of 'us-a' \(2025-03-01, text\) outside its interval"
    ):
        arena.gap(broken)
    with pytest.raises(ValueError, match="no rows for bloc 'China'"):
        arena.gap(TABLE[TABLE["bloc"] != CN])
    apart = best(("2025-01-01", "text", US, "u", 1400.0, 5.0), ("2025-02-01", "text", CN, "c", 1390.0, 5.0))
    with pytest.raises(ValueError, match="no date and arena with a model of both"):
        arena.gap(apart)


def test_published_lead_keeps_the_ai_index_rows_oldest_first():
    facts = pd.DataFrame(
        {
            "fact_id": ["F2", "F9", "F1"],
            "indicator": [arena.PUBLISHED_LEAD, "something_else", arena.PUBLISHED_LEAD],
            "as_of_start": ["2025-02-01", "2024-01-01", "2024-01-01"],
        }
    )
    assert arena.published_lead(facts)["fact_id"].tolist() == ["F1", "F2"]
