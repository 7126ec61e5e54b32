"""Prose of the scenario section (report.narrative.scenario): reader-facing names, and sentences computed
from an Outlook's numbers."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from strategy_brief import fmt
from strategy_brief.analysis import scenario as model
from strategy_brief.curated import regions
from strategy_brief.report.narrative import scenario as story

DRAWS = 200


@pytest.fixture(scope="module")
def scenarios() -> dict:
    return model.load_scenarios()


@pytest.fixture(scope="module")
def base() -> pd.DataFrame:
    return model.load_assumptions()


def _run(base, scenarios, scenario: str, region: str) -> model.Outlook:
    return model.run(scenario=scenario, region=region, draws=DRAWS, seed=1, base=base, scenarios=scenarios)


@pytest.fixture(scope="module")
def everywhere(base, scenarios) -> model.Outlook:
    return _run(base, scenarios, "status_quo", regions.GLOBAL)


@pytest.fixture(scope="module")
def tightened(base, scenarios) -> model.Outlook:
    """A region the trust survey covers (one country), under a scenario that changes two assumptions."""
    return _run(base, scenarios, "controls_tighten", "Sub-Saharan Africa")


@pytest.fixture(scope="module")
def uncovered(base, scenarios) -> model.Outlook:
    """A region with no country in the trust survey (survey-wide fallback)."""
    trust = base[base["name"] == "trust_in_ai"]
    region = trust.loc[trust["data_gap"], "region"].iloc[0]
    return _run(base, scenarios, "status_quo", region)


# ------------------------------------------------------------------------------------ reader-facing names


def test_every_parameter_and_named_scenario_has_a_reader_facing_name(scenarios):
    assert set(story.LABELS) == set(model.PARAMETERS)
    assert set(story.TITLES) == set(scenarios)
    assert len(set(story.LABELS.values())) == len(story.LABELS), "two parameters share a label"
    assert len(set(story.TITLES.values())) == len(story.TITLES), "two scenarios share a title"


def test_title_and_label_fall_back_to_the_key():
    assert story.title("status_quo") == "Status quo"
    assert story.title("new_case") == "New case"
    assert story.label("b_price") == "Weight on price"
    assert story.label("not_a_parameter") == "not_a_parameter"


@pytest.mark.parametrize(
    ("parameter", "values", "text"),
    [
        ("start_year", (2026.0, 2026.0, 2026.0), "2026"),
        ("inertia", (0.8, 0.8, 0.8), "0.8"),
        ("inertia", (0.8, 0.7, 0.9), "0.8 (0.7 to 0.9)"),
        ("price_china", (0.12345, 0.1, 0.2), "0.123 (0.1 to 0.2)"),
        ("cloud_regions_us", (1234.0, 1000.0, 1500.0), "1,234 (1,000 to 1,500)"),
        ("b_price", (1.0, 0.9996, 1.0004), "1"),  # a range too narrow to print is no range
    ],
)
def test_assumption_value(parameter, values, text):
    assert story.assumption_value(parameter, *values) == text


def test_where_and_the_subtitle_lines(everywhere, tightened):
    assert story.where(everywhere) == f"the {len(regions.REPORTING_REGIONS)} regions (unweighted mean)"
    assert story.where(tightened) == "Sub-Saharan Africa"
    assert (
        story.scenario_line(tightened)
        == f'\n{DRAWS} draws · scenario "Export controls tighten" · {model.LABEL}'
    )
    assert story.draws_line(everywhere) == f"\n{DRAWS} draws · {model.LABEL}"


# ------------------------------------------------------------------------------------------------ sources


def test_sources_name_the_tables_and_count_the_facts(everywhere):
    notes = story.sources(everywhere)
    facts = model.facts_behind(everywhere.assumptions)
    assert (
        notes.model
        == f"Model: strategy_brief.analysis.scenario ({model.LABEL.lower()}), {DRAWS} draws (seed 1)."
    )
    assert notes.chart.startswith(notes.model) and notes.full.startswith(notes.model)
    assert f"And {len(facts)} curated facts" in notes.chart
    assert notes.tables and all(
        everywhere.assumptions["source"].str.contains(t, regex=False).any() for t in notes.tables
    )
    assert "cloud_regions_by_origin_country" in notes.tables


# ------------------------------------------------------------------------------------------------- prose


def test_key_finding_states_the_headline_and_averages_only_for_global(everywhere, tightened):
    for o in (everywhere, tightened):
        h = o.headline
        text = story.key_finding(o)
        assert text.startswith(f'{model.LABEL}. Under the "{story.title(o.scenario)}" scenario')
        assert f"a median {fmt.share(h['share_china_median'])} of AI users in {story.where(o)}" in text
        assert f"(80% interval {fmt.share(h['share_china_p10'])} to {fmt.share(h['share_china_p90'])}" in text
        assert text.endswith(f"against {fmt.share(o.start_share)} in {o.start_year}.")
        assert ("regional bounds averaged" in text) == o.is_global


def test_key_figures_are_the_rounded_headline(tightened):
    figures = story.key_figures(tightened, "2026-12-01")
    assert [f["name"] for f in figures] == [
        f"china_stack_share_horizon_{s}" for s in ("median", "p10", "p90")
    ]
    for figure, stat in zip(figures, ("median", "p10", "p90"), strict=True):
        assert figure["value"] == round(float(tightened.headline[f"share_china_{stat}"]), 4)
        assert figure["as_of"] == "2026-12-01" and "scenario controls_tighten" in figure["label"]
    assert figures[1]["value"] <= figures[0]["value"] <= figures[2]["value"]


def test_scenario_text_lists_what_the_scenario_changes(everywhere, tightened, scenarios):
    assert "It changes no assumption." in story.scenario_text(everywhere)
    text = story.scenario_text(tightened)
    assert text.startswith(f"**Export controls tighten.** {scenarios['controls_tighten']['description']}")
    assert "Relative to the status quo it changes " in text
    for parameter in scenarios["controls_tighten"]["overrides"]:
        assert fmt.mid_sentence(story.label(parameter)) + ": " in text
    assert f"drawn {DRAWS} times" in text and f"from {tightened.start_year} to {tightened.horizon}" in text


def test_outcome_text_follows_the_direction_and_the_rank(everywhere, tightened, uncovered):
    for o in (everywhere, tightened, uncovered):
        rise = o.headline["share_china_median"] - o.start_share
        digits = story.change_digits(o.start_share, o.headline["share_china_median"])
        assert (
            f"it moves {'up' if rise >= 0 else 'down'} by "
            f"{fmt.points(round(100 * abs(rise), digits), digits)}" in story.outcome_text(o)
        )
    low = everywhere.end["share_china_median"].idxmin()
    assert f"{everywhere.focus} ends highest and {low} lowest." in story.outcome_text(everywhere)
    rank = int(tightened.end["share_china_median"].rank(ascending=False)["Sub-Saharan Africa"])
    expected = "highest" if rank == 1 else f"{fmt.ordinal(rank)}-highest"
    n = len(regions.REPORTING_REGIONS)
    assert f"Sub-Saharan Africa has the {expected} median of the {n} regions." in story.outcome_text(
        tightened
    )


def test_outcome_text_names_the_top_region_highest(base, scenarios, everywhere):
    top = _run(base, scenarios, "status_quo", everywhere.focus)
    assert f"{everywhere.focus} has the highest median" in story.outcome_text(top)


def test_swings_text_counts_the_weights_among_the_largest_swings(everywhere, tightened):
    for top in (3, story.TOP):
        swings = everywhere.swings
        weights = sum(p.startswith("b_") for p in swings.head(top)["parameter"])
        text = story.swings_text(everywhere, top)
        assert f"and {weights} of the {top} largest swings come from them" in text
        assert text.endswith(f"by less than {fmt.points(100 * swings.iloc[top]['swing'], 1)}.")
    assert story.swings_text(everywhere).startswith(f"{everywhere.focus} is shown because")
    assert story.swings_text(tightened).startswith("The bars swing around the central path")


def _compare(regions_: list[str], changes: list[float]) -> pd.DataFrame:
    sq = [0.2] * len(regions_)
    return pd.DataFrame(
        {
            "region": regions_,
            "status_quo_median": sq,
            "scenario_median": [s + c for s, c in zip(sq, changes, strict=True)],
            "change": changes,
        }
    )


def test_against_reference_text_names_the_largest_move_and_the_region(tightened):
    elsewhere = story.against_reference_text(
        tightened, _compare(["Europe", "Sub-Saharan Africa"], [-0.05, -0.01])
    )
    assert "most in Europe (" in elsewhere and "; in Sub-Saharan Africa it moves it" in elsewhere
    assert fmt.points_change(-5) in elsewhere and fmt.points_change(-1) in elsewhere
    itself = story.against_reference_text(tightened, _compare(["Europe", "Sub-Saharan Africa"], [0.01, 0.03]))
    assert "most in Sub-Saharan Africa itself (" in itself and "; in " not in itself
    assert itself.endswith("comes from the scenario's changes alone.")


def test_across_scenarios_text_says_whether_the_intervals_overlap(everywhere):
    def frame(p10, p90):
        return pd.DataFrame(
            {
                "scenario": ["us_opens_up", "status_quo"],
                "share_china_p10": p10,
                "share_china_median": [0.10, 0.20],
                "share_china_p90": p90,
            }
        )

    overlapping = story.across_scenarios_text(everywhere, frame([0.05, 0.08], [0.30, 0.40]))
    assert 'ranges from 10% ("US opens up") to 20% ("Status quo"), a spread of' in overlapping
    assert "the 80% intervals of all 2 overlap" in overlapping
    apart = story.across_scenarios_text(everywhere, frame([0.05, 0.16], [0.12, 0.40]))
    assert apart.endswith('to 20% ("Status quo").') and "overlap" not in apart


def test_data_gaps_explain_trust_per_region(everywhere, tightened, uncovered):
    trust = everywhere.assumptions[everywhere.assumptions["name"] == "trust_in_ai"]
    fallback = trust.loc[trust["data_gap"], "region"].tolist()
    first, second = story.data_gaps(everywhere)
    assert f"{fmt.listed(fallback)} have no country in the trust survey" in first
    assert f"each of the other {len(trust) - len(fallback)} regions" in first
    covered = story.data_gaps(tightened)[0]
    [detail] = trust.loc[trust["region"] == "Sub-Saharan Africa", "detail"]
    assert detail.count("(F") == 1  # one surveyed country
    assert f"rests on the survey's figure for {detail}: one country stands for the region." in covered
    missing = story.data_gaps(uncovered)[0]
    assert f"No country of {uncovered.region} is in the trust survey" in missing
    assert (
        f"(in {uncovered.region}, trust across that range moves the {uncovered.horizon} share by" in missing
    )
    judged = everywhere.table.drop_duplicates("parameter")
    assert (
        f"{(judged['source'] == 'judgement').sum()} of the {len(judged)} assumptions are judgements" in second
    )
    assert "public trust in AI" not in second  # trust is explained in the first paragraph


def test_data_gaps_name_no_trust_effect_where_the_focus_is_surveyed(tightened):
    with_focus = dataclasses.replace(tightened, focus="Sub-Saharan Africa")
    assert "trust across that range moves" not in story.data_gaps(with_focus)[0]


# ------------------------------------------------------------------------------------------- backtest


def _backtest(outlook: model.Outlook) -> pd.DataFrame:
    from strategy_brief.analysis.indicators import usage
    from strategy_brief.analysis.scenario import backtest
    from tests.analysis.test_indicators_usage import share_table

    economies = [  # Kenya grows slowly, Germany fast, India in between (one estimate each: indications)
        ("KEN", "Kenya", "Sub-Saharan Africa", "", (0.10, 0.10, 0.101)),
        ("DEU", "Germany", "Europe", "", (0.20, 0.30, 0.40)),
        ("IND", "India", "Southern Asia", "", (0.10, 0.12, 0.13)),
    ]
    return backtest.backtest(usage.user_share_by_region(share_table(economies)), outlook.base)


def test_backtest_table_shows_each_region_with_its_range_and_error(everywhere):
    from strategy_brief.analysis.scenario import backtest

    result = _backtest(everywhere)
    notes = story.sources(everywhere)
    table = story.backtest_table(result, everywhere, notes)
    cells = table["frame"].set_index("region")
    assert list(cells.index) == [
        "Sub-Saharan Africa (indication)",
        "Southern Asia (indication)",
        "Europe (indication)",
    ]
    kenya = result.set_index("region").loc["Sub-Saharan Africa"]
    assert cells.loc["Sub-Saharan Africa (indication)", "error"] == f"+{fmt.number(kenya['error_pp'], 1)} pp"
    assert cells.loc["Europe (indication)", "in_range"] == "no"
    growth = everywhere.base[everywhere.base["name"] == "adoption_growth"].iloc[0]
    assert (
        table["columns"]["range"]
        == f"Range, growth {fmt.number(growth['low'], 2)} to {fmt.number(growth['high'], 2)}"
    )
    assert table["source_note"].startswith(notes.model)
    assert backtest.summarise(result).regions == 3


def test_backtest_text_counts_the_misses_and_says_the_start_is_observed(everywhere):
    from strategy_brief.analysis.scenario import backtest

    result = _backtest(everywhere)
    summary = backtest.summarise(result)
    said = story.backtest_text(result, summary, everywhere)
    verdict = "over" if summary.over >= summary.under else "under"
    count = summary.over if verdict == "over" else summary.under
    growth = everywhere.base.loc[everywhere.base["name"] == "adoption_growth", "value"].iloc[0]
    assert (
        f"the model's central growth rate ({fmt.number(growth, 2)} a year) {verdict}-predicts the observed "
        f"median in {count} of 3 regions" in said
    )
    assert f"in {summary.in_range} of 3 regions" in said
    assert "in Europe it lies above the high-growth projection" in said
    assert (
        "A median of fewer than 5 estimates is an indication: Sub-Saharan Africa (1), Southern Asia (1) and "
        "Europe (1)." in said
    )
    starts = everywhere.table[
        (everywhere.table["parameter"] == "adoption_start") & (everywhere.table["region"] != "all")
    ]
    assert (
        "adoption start is each region's own observed median" in said
        and f"across the {len(starts)} regions" in said
    )
    [figure] = story.backtest_figures(summary, "2026-12-05")
    assert figure["value"] == round(summary.mean_abs_error_pp, 2) and figure["as_of"] == "2026-12-05"


def test_data_gaps_name_the_regions_with_their_own_starting_share(everywhere):
    first = story.data_gaps(everywhere)[0]
    own = everywhere.table[
        (everywhere.table["parameter"] == "share_start_china") & (everywhere.table["region"] != "all")
    ]
    if own.empty:
        assert "the same in every region" in first
    else:
        for r in own.itertuples():
            assert f"{r.region} has a row of its own ({fmt.share(r.value, 1)}" in first


def test_change_digits_tell_two_shares_apart():
    assert story.change_digits(0.171, 0.166) == 1  # both print as 17%
    assert story.change_digits(0.17, 0.25) == 0
    assert story.change_digits(0.17, 0.17) == 0  # no change: nothing to tell apart
