"""The openness section's prose and table cells (strategy_brief.report.narrative.openness) on small
synthetic tables: the sentences follow the numbers passed in, and clauses appear only when they apply."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import adoption, openness
from strategy_brief.curated import facts as facts_module
from strategy_brief.report.narrative import openness as narrative

US, CN = "United States", "China"


def shares_table(part_year_blocs=(US, CN)) -> pd.DataFrame:
    rows = [
        (2023, US, "open_unrestricted", 2),
        (2023, US, "api", 8),
        (2023, CN, "open_unrestricted", 3),
        (2024, US, "api", 11),
        (2024, US, "open_restricted", 1),
        (2024, CN, "open_unrestricted", 6),
        (2024, CN, "api", 2),
    ]
    rows += [(2025, bloc, "open_unrestricted", 1) for bloc in part_year_blocs]
    models = pd.DataFrame(rows, columns=["year", "bloc", "openness_class", "models"])
    return openness.as_percent(openness.open_weight_share(models))


def places_table(us_latest: int = 0) -> pd.DataFrame:
    rows = [
        ("2025-01-06", US, "open_unrestricted", 1),
        ("2025-01-06", CN, "open_restricted", 2),
        ("2025-01-06", US, "api", 17),
        ("2025-04-07", CN, "open_unrestricted", 3),
        ("2025-04-07", US, "api", 15 - us_latest),
        ("2025-04-07", "Europe", "unreleased", 1),
        ("2025-04-07", "Rest of world", "unknown", 1),
    ]
    if us_latest:
        rows.append(("2025-04-07", US, "open_unrestricted", us_latest))
    top = pd.DataFrame(rows, columns=["leaderboard_version", "bloc", "openness_class", "models"])
    return top


def test_key_finding_and_key_figures_read_the_year_and_the_latest_leaderboard():
    shares = shares_table()
    places = openness.open_places(openness.licence_mix(places_table(), by_bloc=True))
    # Wilson 95% intervals by hand (z = 1.96): 6 of 8 gives 0.409-0.929, 1 of 12 gives 0.015-0.354.
    assert narrative.key_finding(shares, places, 2024, 20) == (
        "In 2024, 75% (95% interval 41–93%, 8 models) of China's notable models were released with open "
        "weights against 8% (95% interval 1–35%, 12 models) of American ones; "
        "on the latest LMArena leaderboard (7 April 2025) 3 of the 20 highest-rated models have open "
        "weights, 3 of them Chinese and none American."
    )
    figures = {f["name"]: f for f in narrative.key_figures(shares, places, 2024, 20)}
    assert figures["open_weight_share_china"]["value"] == 75.0
    assert figures["open_weight_share_us"]["value"] == pytest.approx(8.3333, abs=1e-4)
    assert figures["open_share_top20_latest"] == {
        "name": "open_share_top20_latest",
        "value": 15.0,
        "unit": "percent",
        "label": "Open-weight models among the 20 leading LMArena models",
        "as_of": "2025-04-07",
        "source": "lmarena_top_mix",
    }


def test_global_scope_names_a_regional_edition_only():
    assert narrative.global_scope("Global").endswith("the same in every regional edition.")
    assert narrative.global_scope("Southern Asia").endswith(
        "every regional edition, including Southern Asia."
    )


def test_open_share_caveats_name_small_samples_and_a_part_year_of_both_blocs_only():
    shares = shares_table()
    tidy = openness.bloc_share_series(shares, 2023, 2024, few_models=5)
    kwargs = {"first_year": 2023, "last_year": 2024, "few_models": 5, "cutoff": "2025-06-30"}
    text = narrative.open_share_caveats(tidy, shares, 4, **kwargs)
    assert text.startswith("The share is counted among models whose openness is known: 4 US or Chinese")
    assert "(8 against 12 in 2024)" in text
    assert "too small to read as a trend: China 2023 (3)." in text
    # Every share here rests on fewer than 100 models; the 2024 intervals (6 of 8, 1 of 12) are apart.
    assert (
        "charted with its 95% interval (Wilson), the range of rates of release with open weights that the "
        "counts are consistent with: in 2024, 41–93% for China and 1–35% for the United States, which do not "
        "overlap."
    ) in text
    assert text.endswith(
        "The data run to 30 June 2025; so far in 2025, 1 of 1 Chinese (100%, 95% interval 21–100%) and "
        "1 of 1 US notable models (100%, 95% interval 21–100%) have open weights (a part year, not charted)."
    )
    only_china = shares_table(part_year_blocs=(CN,))
    assert "so far in 2025" not in narrative.open_share_caveats(tidy, only_china, 4, **kwargs)
    large = openness.bloc_share_series(shares, 2023, 2024, few_models=2)
    assert "too small" not in narrative.open_share_caveats(large, shares, 4, **(kwargs | {"few_models": 2}))


def test_with_interval_only_below_one_hundred_items():
    assert narrative.with_interval(78.8, 62.2, 89.3, 33) == "79% (95% interval 62–89%, 33 models)"
    assert narrative.with_interval(40.0, 30.5, 50.1, 100) == "40%"
    assert (
        narrative.with_interval(10.0, 3.0, 30.0, 20, noun="places") == "10% (95% interval 3–30%, 20 places)"
    )


def test_open_share_caveats_say_when_the_intervals_overlap():
    rows = [
        (2024, US, "open_unrestricted", 2),
        (2024, US, "api", 3),
        (2024, CN, "open_unrestricted", 3),
        (2024, CN, "api", 2),
    ]
    models = pd.DataFrame(
        rows,
        columns=["year", "bloc", "openness_class", "models"],
    )
    shares = openness.as_percent(openness.open_weight_share(models))
    tidy = openness.bloc_share_series(shares, 2024, 2024, few_models=2)
    text = narrative.open_share_caveats(
        tidy, shares, 0, first_year=2024, last_year=2024, few_models=2, cutoff="2024-12-31"
    )
    assert text.endswith("which overlap: the two shares are not clearly different.")


def test_leaders_says_when_the_last_american_open_model_was_in_the_top():
    mix = openness.licence_mix(places_table(), by_bloc=True)
    text = narrative.leaders(openness.open_places(mix), mix, 20)
    assert text.startswith(
        "Open-weight models held between 3 and 3 of the 20 leading places over the 2 leaderboard versions. "
        "At the first version (January 2025) 1 of them was American and 2 Chinese; at the last, none "
        "American and 3 Chinese (the last American open-weight model in the top 20 was on the 6 January 2025 "
        "version)."
    )
    assert "are closed: 15 served only through an API, 1 of unknown openness, 1 unreleased." in text
    mix = openness.licence_mix(places_table(us_latest=2), by_bloc=True)
    text = narrative.leaders(openness.open_places(mix), mix, 20)
    assert "at the last, 2 American and 3 Chinese. The other" in text


def derivatives_table() -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "family": ["Llama", "Qwen", "Mistral"],
            "bloc": [US, CN, "Europe"],
            "derivative_models": [600, 300, 100],
        }
    )
    return adoption.derivatives_by_family(table)


def hub_fact(fact_id, actor, value, as_of, conflicts="") -> dict:
    return {c: "" for c in facts_module.COLUMNS} | {
        "fact_id": fact_id,
        "indicator": "hf_derivative_models",
        "actor": actor,
        "value": value,
        "qualifier": "at_least",
        "as_of": as_of,
        "as_of_end": f"{as_of}-28",
        "conflicts_with": conflicts,
    }


def test_derivatives_give_bloc_shares_bounds_and_the_hub_counts_of_one_date():
    hub = adoption.latest_per_actor(
        pd.DataFrame(
            [
                hub_fact("F1", "Alibaba Qwen", 90000, "2025-02", conflicts="F7;F8"),
                hub_fact("F2", "Meta Llama", 60000, "2025-02"),
            ]
        ),
        "hf_derivative_models",
    )
    text = narrative.derivatives(derivatives_table(), hub, "2025-03-13")
    assert text.startswith(
        "By bloc of the base family, the evaluated derivatives split United States at most 60%; China 30%; "
        "Europe 10%. The Llama count is an upper bound:"
    )
    assert "its final snapshot is dated 13 March 2025: derivatives published since are not counted." in text
    assert text.endswith(
        "the order reverses: at least 90,000 Qwen derivatives against at least 60,000 for Llama in 2025-02 "
        "(facts F1, F2; other counts of Qwen derivatives, F7, F8, differ in date and method)."
    )
    other_dates = hub.assign(as_of=["2025-02", "2025-01"])
    assert "Hugging Face Hub" not in narrative.derivatives(derivatives_table(), other_dates, "2025-03-13")


def adoption_fact(fact_id, indicator, value, start, end, **extra) -> dict:
    return (
        {c: "" for c in facts_module.COLUMNS}
        | {
            "fact_id": fact_id,
            "indicator": indicator,
            "actor": "Chinese open models",
            "value": float(value),
            "unit": "percent",
            "qualifier": "exact",
            "as_of": start[:7],
            "as_of_start": start,
            "as_of_end": end,
            "primary_source": "OpenRouter",
        }
        | extra
    )


def test_platform_tables_name_each_measure_once_and_add_a_note_column_when_needed():
    facts = pd.DataFrame(
        [
            adoption_fact("F1", "openrouter_token_share", 5, "2025-01-01", "2025-01-31"),
            adoption_fact("F2", "openrouter_token_share", 10, "2025-07-01", "2025-07-31"),
            adoption_fact("F3", "hf_download_share", 40, "2025-01-01", "2025-12-31", conflicts_with="F9"),
            adoption_fact("F9", "hf_download_share", 30, "2025-05-01", "2025-05-31", conflicts_with="F3"),
        ]
    )
    series = narrative.fact_cells(adoption.dated_figures(facts, narrative.MEASURES))
    rates = adoption.comparable_growth(series, narrative.MEASURES)
    router = narrative.platform_rows(series, narrative.PLATFORMS["OpenRouter"])
    assert router["measure"].tolist() == ["Share of all tokens", ""]
    assert router["shown"].tolist() == ["5%", "10%"] and router["period"].tolist() == ["Jan 2025", "Jul 2025"]
    assert "note" not in narrative.platform_columns(router)
    hub = narrative.platform_rows(series, narrative.PLATFORMS["Hugging Face"])
    assert narrative.platform_columns(hub)["note"] == "Note"
    assert hub.set_index("fact_id").loc["F3", "note"] == "conflicts with F9"
    growth = narrative.platform_growth("OpenRouter", rates, series, narrative.PLATFORMS["OpenRouter"])
    assert growth.startswith(
        "Growth on OpenRouter, where two comparable dated points exist:\n\n- Share of all tokens"
    )
    assert "2× in 6 months, a doubling about every 5.9 months." in growth  # mid-January to mid-July
    assert growth.endswith(
        "A share cannot exceed 100%: the doubling time of a share describes the past pace and cannot "
        "continue."
    )
    hub_growth = narrative.platform_growth("Hugging Face", rates, series, narrative.PLATFORMS["Hugging Face"])
    assert "no rate is read" in hub_growth


def test_users_caption_and_text_count_the_deepseek_figures():
    facts = pd.DataFrame(
        [
            adoption_fact("F1", "app_monthly_active_users", 30, "2025-01-01", "2025-01-31", actor="DeepSeek"),
            adoption_fact(
                "F2",
                "app_weekly_active_users_peak",
                90,
                "2025-02-01",
                "2025-02-07",
                actor="DeepSeek",
                conflicts_with="F3",
            ),
            adoption_fact(
                "F3",
                "app_monthly_active_users",
                60,
                "2025-02-01",
                "2025-02-28",
                actor="DeepSeek",
                conflicts_with="F2",
            ),
            adoption_fact("F4", "app_monthly_active_users", 400, "2025-02-01", "2025-02-28", actor="ChatGPT"),
        ]
    ).assign(unit="users (million)", indicator_label="monthly users")
    users = narrative.fact_cells(adoption.user_figures(facts, narrative.USER_MEASURES, narrative.USERS_OF))
    assert narrative.users_caption(users) == (
        "DeepSeek's users: 3 figures with different definitions (F2, F3 conflict with one another), and "
        "ChatGPT for scale"
    )
    assert narrative.users(users).startswith(
        "The 3 DeepSeek figures range from 30 to 90 million users within 2 months"
    )
    assert set(narrative.USER_COLUMNS) <= set(users.columns)


def test_the_catalogue_cross_check_states_its_coverage_and_small_shares_carry_intervals():
    shares = pd.DataFrame(
        {
            "developer_bloc": [US, CN, "Unclassified"],
            "release_year": [2025, 2025, 2025],
            "models": [172, 40, 300],
            "open_weight_models": [50, 30, 90],
            "share": [50 / 172, 0.75, 0.3],
            "share_low": [float("nan"), 0.6, float("nan")],
            "share_high": [float("nan"), 0.86, float("nan")],
            "coverage": [172 / 512, 40 / 512, 300 / 512],
        }
    )
    said = narrative.catalogue_cross_check(shares, "1.0.0")
    assert "models.dev catalogue (package version 1.0.0)" in said
    assert "75% (95% interval 60–86%, 40 models) of Chinese models" in said
    assert "29% (50 of 172) of US models released in 2025" in said
    assert "59% of its 2025 models could not be placed in a bloc" in said
