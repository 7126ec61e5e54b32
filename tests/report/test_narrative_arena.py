"""report.narrative.arena: sentences on the LMArena gap from synthetic gap rows."""

from __future__ import annotations

import pandas as pd

from strategy_brief.analysis.indicators import arena
from strategy_brief.report.narrative import arena as text

US, CN = "United States", "China"


def best(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        [(d, a, b, m, r, r - h, r + h) for d, a, b, m, r, h in rows],
        columns=["date", "arena", "bloc", "model", "rating", "ci_lower", "ci_upper"],
    )


GAPS = arena.gap(
    best(
        ("2025-11-02", "text-style-control", US, "us-b", 1460.0, 6.0),
        ("2025-11-02", "text-style-control", CN, "cn-c", 1432.0, 6.0),
        ("2025-11-02", "text", US, "us-b", 1450.0, 6.0),
        ("2025-11-02", "text", CN, "cn-c", 1455.0, 6.0),
        ("2025-11-02", "chinese", US, "us-b", 1470.0, 20.0),
        ("2025-11-02", "chinese", CN, "cn-c", 1458.0, 18.0),
        ("2025-11-02", "english", US, "us-b", 1462.0, 6.0),
        ("2025-11-02", "english", CN, "cn-d", 1421.0, 6.0),
    )
)


def test_newest_gap_outside_the_intervals():
    sentence = text.newest_gap(arena.newest(GAPS, "text-style-control"))
    assert sentence == (
        "In the style-controlled text arena of LMArena's leaderboard of 2 November 2025, the best US model, "
        "us-b, rates 1,460 (95% interval 1,454–1,466) and the best Chinese model, cn-c, 1,432 (95% interval "
        "1,426–1,438): a lead of 28 points (16 to 40 from the two intervals), outside the leaderboard's "
        "own 95% intervals."
    )


def test_a_gap_inside_the_intervals_says_so_and_a_china_lead_is_turned_round():
    sentence = text.newest_gap(arena.newest(GAPS, "text"))
    assert "the best Chinese model, cn-c, rates 1,455 (95% interval 1,449–1,461)" in sentence
    assert "the best US model, us-b, 1,450" in sentence
    # The US-minus-China interval is -17 to 7: China's lead reads -7 to 17.
    assert (
        "a lead of 5 points (-7 to 17 from the two intervals), within the leaderboard's own 95% intervals"
        in sentence
    )
    assert sentence.endswith("so the leaderboard itself does not separate them.")


def test_chinese_against_english():
    sentence = text.languages(arena.language_gap(GAPS))
    assert sentence == (
        "On 2 November 2025, the US lead in the Chinese-language arena is 12 points (-26 to 50 from the "
        "two intervals), within the leaderboard's own 95% intervals (us-b against cn-c), smaller than the US "
        "lead in the English-language arena: 41 points (29 to 53 from the two intervals), outside the "
        "leaderboard's own 95% intervals (us-b against cn-d)."
    )


def test_opposite_leads_in_the_two_languages_are_said_as_such():
    record = arena.language_gap(GAPS).copy()
    record["language_gap"], record["language_gap_lower"], record["language_gap_upper"] = -12.0, -50.0, 26.0
    sentence = text.languages(record)
    assert sentence.startswith(
        "On 2 November 2025, the Chinese lead in the Chinese-language arena is 12 points (-26 to 50"
    )
    assert "(cn-c against us-b), while the US side leads in the English-language arena: 41 points" in sentence


def test_percent_measure_cites_published_figures_when_given():
    row = arena.newest(GAPS, "text-style-control")
    assert text.percent_measure(row) == (
        "As a share of the ratings, the gap in the style-controlled text arena on 2 November 2025 is 1.92% "
        "of the best US rating and 1.96% of the best Chinese one."
    )
    published = pd.DataFrame(
        [
            {
                "fact_id": "F900",
                "value": 4.5,
                "unit": "percent",
                "qualifier": "exact",
                "as_of_start": "2024-01-01",
                "as_of_end": "2024-01-31",
                "primary_source": "Some Index",
            }
        ]
    )
    cited = text.percent_measure(row, published)
    assert "older Chatbot Arena leaderboard: 4.5% (Jan 2024, Some Index; F900)." in cited


def test_method_reports_days_with_several_versions():
    table = pd.DataFrame(
        {
            "date": ["2025-05-27", "2025-05-27", "2025-06-10"],
            "leaderboard": ["text", "text-style-control", "text"],
            "versions_on_date": [5, 3, 1],
        }
    )
    sentence = text.method(table)
    assert "give 2 leaderboard dates from 27 May 2025 to 10 June 2025" in sentence
    assert (
        "(27 May 2025: 5 versions of the text file and 3 versions of the text-style-control file)" in sentence
    )
    single = text.method(table.iloc[[2]])
    assert "several versions" not in single and "no vote counts" in single


def test_key_figures_are_computed():
    figures = text.key_figures(arena.newest(GAPS, "text-style-control"), arena.language_gap(GAPS))
    assert figures[0]["name"] == "lmarena_catalog_gap_text_style_control" and figures[0]["value"] == 28.0
    assert figures[1]["value"] == 12.0 - 41.0 and figures[1]["as_of"] == "2025-11-02"


def test_no_versions_names_the_date():
    assert "no version dated on or before 1 February 2025" in text.no_versions("2025-02-01")
