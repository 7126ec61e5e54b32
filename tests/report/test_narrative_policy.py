"""The policy section's prose and table cells (strategy_brief.report.narrative.policy) on small synthetic
tables: the sentences follow the numbers passed in, and clauses appear only when they apply."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import embodied, investment
from strategy_brief.curated import facts as facts_module
from strategy_brief.curated import policy as policy_events
from strategy_brief.report.narrative import findings as findings_text
from strategy_brief.report.narrative import policy as narrative

US, CN = "United States", "China"


def fact(fact_id, indicator, country, value, unit, start, end, **extra) -> dict:
    return (
        {c: "" for c in facts_module.COLUMNS}
        | {
            "fact_id": fact_id,
            "indicator": indicator,
            "actor": country,
            "country": country,
            "value": float(value),
            "unit": unit,
            "qualifier": "exact",
            "as_of": start[:4],
            "as_of_start": start,
            "as_of_end": end,
            "primary_source": "AI Index 2025",
        }
        | extra
    )


def year(fact_id, indicator, country, value, unit, y, **extra) -> dict:
    return fact(fact_id, indicator, country, value, unit, f"{y}-01-01", f"{y}-12-31", **extra)


def facts_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            year("F1", "private_ai_investment", US, 60, "USD billion", 2023, primary_source="AI Index 2024"),
            year("F2", "private_ai_investment", CN, 10, "USD billion", 2023, primary_source="AI Index 2024"),
            year("F3", "private_ai_investment", US, 100, "USD billion", 2024),
            year("F4", "private_ai_investment", CN, 8, "USD billion", 2024),
            year("F5", "ai_capex_forecast", CN, 80, "USD billion", 2025, qualifier="range_low", as_of="2025"),
            year(
                "F6", "ai_capex_forecast", CN, 100, "USD billion", 2025, qualifier="range_high", as_of="2025"
            ),
            year("F7", "industrial_robot_installations", US, 35000, "count", 2023, primary_source="IFR"),
            year("F8", "industrial_robot_installations", CN, 270000, "count", 2023, primary_source="IFR"),
            year(
                "F9", "industrial_robot_installations", "World", 540000, "count", 2023, primary_source="IFR"
            ),
            year("F10", "industrial_robot_installation_share", CN, 51, "percent", 2023, primary_source="IFR"),
            year(
                "F11",
                "industrial_robot_installation_share",
                CN,
                54,
                "percent",
                2024,
                primary_source="IFR 2025",
            ),
        ]
    )


def section_inputs(facts):
    """What the policy section's key finding and key figures read: the newest investment comparison,
    the chip comparison and China's newest robot share."""
    money = investment.investment_gap(facts)
    inv = money.dropna(subset=["us_to_china_ratio"]).iloc[-1]
    chips = investment.chip_comparison(investment.accelerators(hardware_table()))
    return inv, chips, embodied.latest_share(embodied.robot_installations(facts), CN)


def test_key_finding_and_key_figures_read_the_latest_comparable_values():
    facts = facts_table()
    inv, chips, cn_share = section_inputs(facts)
    assert narrative.key_finding(inv, chips, cn_share) == (
        "Private AI investment in the United States was 12.5× China's in 2024; among AI chips released in "
        "2025, the best US one has 11.2× the throughput of the best Chinese one. Yet China installed 54% of "
        "the world's new industrial robots in 2024."
    )
    figures = {f["name"]: f for f in narrative.key_figures(inv, chips, cn_share)}
    assert figures["us_china_investment_ratio"]["source"] == "F3, F4 (AI Index 2025)"
    assert figures["us_china_accelerator_ratio_same_year"]["as_of"] == "2025"
    assert figures["us_china_accelerator_ratio_same_year"]["value"] == 11.25  # 2,250 / 200
    assert figures["china_robot_share_latest"] == {
        "name": "china_robot_share_latest",
        "value": 54.0,
        "unit": "percent",
        "label": "China's share of the world's industrial robot installations",
        "as_of": "2024",
        "source": "F11 (IFR 2025)",
    }
    assert narrative.global_scope("Europe").endswith("including this one (Europe).")


def test_investment_text_mentions_the_missing_official_figure_and_the_forecast_only_when_found():
    facts = facts_table()
    money = investment.investment_gap(facts)
    not_found = pd.DataFrame(
        {"fact_id": ["NF3"], "indicator_label": ["Official Chinese government AI spending, annual"]}
    )
    text = narrative.investment(money, facts, not_found)
    assert text.startswith("The ratio went from 6× in 2023 to 12.5× in 2024.")
    assert "(entry NF3 in data/raw/facts_not_found.csv); the nearest figure found is a forecast" in text
    assert text.endswith(
        "in 2025 of USD 80 billion to USD 100 billion (AI Index 2025; facts F5, F6), a bank's estimate and "
        "not an official budget."
    )
    no_forecast = narrative.investment(money, facts[~facts["fact_id"].isin(["F6"])], not_found)
    assert no_forecast.endswith("(entry NF3 in data/raw/facts_not_found.csv).")
    nothing = narrative.investment(money, facts, not_found.iloc[0:0])
    assert nothing.endswith("state funding is not included. ")


def hardware_table(*extra: tuple) -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("Nvidia", US, 2023, 1, 990.0),
            ("Huawei", CN, 2023, 1, 280.0),
            ("Nvidia", US, 2025, 1, 2250.0),
            ("Cambricon", CN, 2025, 1, 200.0),
            ("Biren", CN, 2025, 1, float("nan")),
            *extra,
        ],
        columns=["manufacturer", "bloc", "year", "chips", "best_fp16_tflops"],
    )


def test_chips_text_compares_one_release_year_and_says_how_old_china_best_chip_is():
    chips = investment.accelerators(hardware_table())
    series = investment.frontier_series(chips)
    comparison = investment.chip_comparison(chips)
    reporting = investment.reporting_makers(chips)
    text = narrative.chips(series, comparison, reporting, "2025-08-01", 2025)
    assert text.startswith(
        "Like for like, among chips released in 2025, the best US chip (Nvidia, 2,250 TFLOP/s) has 11.2× the "
        "throughput of the best Chinese one (Cambricon, 200 TFLOP/s). China's fastest chip in the data is "
        "Huawei's from 2023 (280 TFLOP/s), 2 years older than the fastest US chip, Nvidia's from 2025 "
        "(2,250 TFLOP/s), which has 8× its throughput. The newest chips with a reported figure are Nvidia's "
        "from 2025 (2,250 TFLOP/s) for the United States and Cambricon's from 2025 (200 TFLOP/s) for China. "
        "China's line starts in 2023"
    )
    assert (
        "2 of 3 Chinese maker-years in the data report an FP16 figure, against 2 of 2 for US makers." in text
    )
    assert text.endswith("The data end at the snapshot of 2025-08-01, so 2025 is incomplete.")
    assert narrative.chips(series, comparison, reporting, "2026-01-10", 2025).endswith("make or buy.")
    # A US chip of a later year with no Chinese one: the newest chips are of different years, said plainly.
    later = investment.accelerators(hardware_table(("Microsoft", US, 2026, 1, 1200.0)))
    text = narrative.chips(
        investment.frontier_series(later), investment.chip_comparison(later), reporting, "2026-08-01", 2026
    )
    assert "Microsoft's from 2026 (1,200 TFLOP/s) for the United States and Cambricon's from 2025" in text
    assert "China's newest is 1 year older." in text
    assert "among chips released in 2025" in text


def test_robot_rows_keep_the_compared_countries_in_year_and_measure_order():
    facts = pd.concat(
        [
            facts_table(),
            pd.DataFrame([year("F12", "industrial_robot_installations", "Japan", 44000, "count", 2023)]),
        ]
    )
    robots = embodied.robot_installations(facts)
    rows = narrative.robot_rows(robots)
    assert "Japan" not in set(rows["country"])
    assert rows[["year", "measure"]].drop_duplicates().values.tolist() == [
        [2023, "installations"],
        [2023, "share_of_global"],
        [2024, "share_of_global"],
    ]
    computed = rows[(rows["basis"] == "computed") & (rows["country"] == US)].iloc[0]
    assert (computed["shown"], computed["how"], computed["facts_cited"]) == (
        "6.5%",
        "computed from counts",
        "F7, F9",
    )
    assert set(narrative.ROBOT_COLUMNS) <= set(rows.columns)


def test_robots_text_compares_one_year_and_warns_when_china_latest_is_another_source():
    robots = embodied.robot_installations(facts_table())
    cn_share = embodied.latest_share(robots, CN)
    text = narrative.robots(robots, cn_share)
    assert text == (
        "In 2023 the United States installed 6.5% of the world's new industrial robots (computed from the "
        "counts) and China 50%, in line with the 51% the source reports; China's share was 54% in 2024 (no "
        "US figure for 2024), from a different source (IFR 2025) than the 2023 figures, so the two years are "
        "not a like-for-like trend. Installations measure robots deployed, not the AI in them."
    )
    gaps = embodied.data_gaps(robots)
    points = dict(narrative.robot_gap_points(gaps))
    assert list(points) == [US, CN] and points[US].endswith(".")
    assert "no density figure in any year" in points[US]


def test_robots_text_leaves_out_the_newer_clause_when_the_latest_year_is_the_common_year():
    facts = facts_table()
    robots = embodied.robot_installations(facts[facts["fact_id"] != "F11"])
    cn_share = embodied.latest_share(robots, CN)
    assert cn_share["year"] == embodied.common_year(robots) == 2023
    assert narrative.robots(robots, cn_share) == (
        "In 2023 the United States installed 6.5% of the world's new industrial robots (computed from the "
        "counts) and China 50%, in line with the 51% the source reports. Installations measure robots "
        "deployed, not the AI in them."
    )
    # A newer share from the same source: stated, without the warning about sources.
    same_source = embodied.robot_installations(facts.assign(primary_source="IFR"))
    text = narrative.robots(same_source, embodied.latest_share(same_source, CN))
    assert "China's share was 54% in 2024 (no US figure for 2024). Installations" in text
    assert "different source" not in text


def test_robots_text_reads_a_share_given_only_one_way():
    facts = facts_table()
    no_reported = embodied.robot_installations(facts[~facts["fact_id"].isin(["F10", "F11"])])
    assert "and China 50% (computed from the counts). " in narrative.robots(
        no_reported, embodied.latest_share(no_reported, CN)
    )
    far = facts.assign(value=facts["value"].where(facts["fact_id"] != "F10", 60.0))
    robots = embodied.robot_installations(far[far["fact_id"] != "F11"])
    assert "China 50%, against the 60% the source reports." in narrative.robots(
        robots, embodied.latest_share(robots, CN)
    )


def test_policy_and_scorecard_record_china_latest_robot_share_alike():
    facts = facts_table()
    inv, chips, cn_share = section_inputs(facts)
    [section] = [
        f for f in narrative.key_figures(inv, chips, cn_share) if f["name"] == "china_robot_share_latest"
    ]
    [scorecard] = findings_text.newer_key_figures([findings.robot_score(facts)])
    assert scorecard == section


def policy_event(event_id, day, kind="rule", **extra) -> dict:
    return (
        {c: "" for c in policy_events.COLUMNS}
        | {
            "event_id": event_id,
            "date": day,
            "jurisdiction": US,
            "kind": kind,
            "title": f"Event {event_id}",
            "source_url": f"https://www.site{event_id[-1]}.org/page",
        }
        | extra
    )


def events_table() -> pd.DataFrame:
    """A 2022 rule amended in 2023; a rule with caps (F128) rescinded by P07; a licence; a Chinese plan."""
    return pd.DataFrame(
        [
            policy_event("P01", "2017-07-20", "measure", jurisdiction=CN, figures="F150"),
            policy_event("P02", "2022-10-07", figures="F122"),
            policy_event("P03", "2023-10-17", amends="P02"),
            policy_event(
                "P05", "2025-01-13", figures="F128", rescinded_by="P07", in_force_until="2025-05-13"
            ),
            policy_event("P06", "2025-04-15", "licence"),
            policy_event("P07", "2025-05-13", "rescission", title="Commerce rescinds the rule"),
        ]
    )


def policy_facts() -> pd.DataFrame:
    return pd.DataFrame(
        [
            fact("F150", "plan", CN, 13, "count", "2025-07-26", "2025-07-26", indicator_label="Actions"),
            fact(
                "F122", "fdp", "US/BIS", 28, "count", "2022-10-07", "2022-10-07", indicator_label="Entities"
            ),
            fact(
                "F128",
                "tier1",
                "US/BIS",
                18,
                "count",
                "2025-01-13",
                "2025-01-13",
                indicator_label="Exempt allies",
            ),
        ]
    )


def test_timeline_never_shows_a_rescinded_rule_in_force():
    timeline = narrative.timeline(events_table(), policy_facts(), "2026-12-01").set_index("event_id")
    assert timeline.loc["P05", "status_shown"] == "Rescinded on 13 May 2025 by P07"
    assert not timeline.loc["P05", "status_shown"].startswith("In force")
    assert timeline.loc["P07", "status_shown"] == "Rescinds P05"
    assert timeline.loc["P02", "status_shown"] == "In force; amended by P03 (17 October 2023)"
    assert timeline.loc["P06", "status_shown"] == "In force"
    assert timeline.loc["P01", "status_shown"] == "Issued"
    # The rows shown in force: the amended rule, its amendment and the licence, never the rescinded rule.
    in_force = timeline[timeline["status_shown"].str.startswith("In force")].index
    assert set(in_force) == {"P02", "P03", "P06"}
    assert timeline.loc["P05", "figures_shown"] == "Exempt allies: 18 (F128)"
    assert timeline.loc["P06", "figures_shown"] == "" and timeline.loc["P02", "source_site"] == "site2.org"
    intro = narrative.timeline_intro(timeline.reset_index(), "2026-12-01")
    assert intro.startswith(
        "The table lists the 6 policy events dated up to this edition (1 December 2026) in the curated "
        "events file, 5 of the United States and 1 of China"
    )
    assert (
        "P05, dated 13 January 2025, was rescinded on 13 May 2025 by P07 (Commerce rescinds the rule): the "
        "figures it set no longer apply." in intro
    )
    assert intro.endswith("The newest event in the file is dated 13 May 2025.")


def test_timeline_at_an_earlier_edition_shows_the_rule_in_force_and_leaves_later_events_out():
    timeline = narrative.timeline(events_table(), policy_facts(), "2025-03-01")
    assert timeline["event_id"].tolist() == ["P01", "P02", "P03", "P05"]
    assert timeline.set_index("event_id").loc["P05", "status_shown"] == "In force"
    assert "rescinded" not in narrative.timeline_intro(timeline, "2025-03-01")


def test_timeline_refuses_figures_missing_from_the_facts_and_words_its_gaps_and_sources():
    events = events_table()
    with pytest.raises(ValueError, match="figures not in the curated facts: F122, F128"):
        narrative.timeline(events, policy_facts().iloc[:1], "2026-12-01")
    timeline = narrative.timeline(events, policy_facts(), "2026-12-01")
    points = dict(narrative.timeline_gap_points(timeline))
    assert points[US].startswith("No US rule, licence, rescission or reversal dated after 13 May 2025")
    assert "later licence decisions after P06 (15 April 2025)" in points[US]
    assert points[CN].startswith("The curated sources record 1 Chinese plans")
    note = narrative.timeline_source_note(timeline, policy_facts())
    assert note.startswith("Source: policy events in data/raw/policy_events.csv (P01–P03, P05–P07)")
    assert "read on site1.org, site2.org, site3.org, site5.org, site6.org, site7.org." in note
    assert note.endswith("(facts F122, F128, F150).")
    assert list(narrative.TIMELINE_COLUMNS)[:2] == ["date", "jurisdiction"]
    assert set(narrative.TIMELINE_COLUMNS) <= set(timeline.columns)
