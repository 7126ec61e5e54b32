"""The executive brief's charts (report.charts.executive): the trust chart's input and the figures shown."""

import pandas as pd
import pytest

from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import reach
from strategy_brief.curated import facts as facts_mod
from strategy_brief.report import record
from strategy_brief.report.charts import executive


def synthetic_facts(rows, qualifiers=None):
    cols = ["fact_id", "indicator", "country", "value", "unit", "as_of", "primary_source", "source_url"]
    table = pd.DataFrame(rows, columns=cols)
    return table.assign(actor=table["country"], qualifier=qualifiers or ["exact"] * len(table))


def test_trust_by_country_flags_region_and_aggregates():
    table = synthetic_facts(
        [
            ("A", "trust_in_ai", "Nigeria", 76.0, "percent", "2025", "S", "https://x"),
            ("B", "trust_in_ai", "United States", 32.0, "percent", "2025", "S", "https://x"),
            ("C", "trust_in_ai", "World", 49.0, "percent", "2025", "S", "https://x"),
            ("D", "trust_in_ai", "China", 87.0, "percent", "2025", "Other survey", "https://x"),
        ]
    )
    out = executive.trust_by_country(table, "Sub-Saharan Africa", survey="S")
    assert list(out["country"]) == ["Nigeria", "World", "United States"]
    assert list(out["in_region"]) == [True, False, False]
    assert list(out["is_aggregate"]) == [False, True, False]
    assert list(out["bloc"]) == ["Rest of world", "Rest of world", "United States"]


def test_trust_leaves_out_bounds_and_needs_the_survey():
    table = synthetic_facts(
        [
            ("A", "trust_in_ai", "China", 72.0, "percent", "2025", "S", "https://x"),
            ("B", "trust_in_ai", "Germany", 30.0, "percent", "2025", "S", "https://x"),
        ],
        qualifiers=["exact", "at_most"],
    )
    assert list(executive.trust_by_country(table, "Global", survey="S")["country"]) == ["China"]
    with pytest.raises(ValueError, match="trust_by_country: unknown survey 'Nope'"):
        executive.trust_by_country(table, "Global", survey="Nope")
    with pytest.raises(LookupError, match="only bounds"):
        executive.trust_by_country(table.iloc[1:], "Global", survey="S")


def test_trust_by_country_reads_the_same_wave_as_the_trust_groups():
    """One reader of a survey wave: the chart's bars are the trust groups' figures in the mean, plus the
    survey-wide aggregate, on the committed facts."""
    curated = facts_mod.load()
    chart = executive.trust_by_country(curated, "Global")
    groups = reach.trust_by_group(curated)
    shown = groups[groups["in_mean"] | groups["group"].isna()]
    assert set(chart["fact_id"]) == set(shown["fact_id"])
    with pytest.raises(ValueError, match="several S figures for one country"):
        executive.trust_by_country(
            synthetic_facts(
                [
                    ("A", "trust_in_ai", "India", 70.0, "percent", "2025", "S", "https://x"),
                    ("B", "trust_in_ai", "India", 71.0, "percent", "2025", "S", "https://x"),
                ]
            ),
            "Global",
            survey="S",
        )


@pytest.fixture
def shown(monkeypatch):
    """The figures a show_* function records: (alt, source note, data) per call."""
    calls = []
    monkeypatch.setattr(
        record,
        "show_figure",
        lambda fig, *, alt, source_note, data, columns=None: calls.append((alt, source_note, data, columns)),
    )
    return calls


def test_show_trust_marks_the_region_and_publishes_the_bars(shown):
    curated = facts_mod.load()
    trust = executive.trust_by_country(curated, "Sub-Saharan Africa")
    executive.show_trust(trust, "Sub-Saharan Africa", curated)
    [(alt, note, data, columns)] = shown
    inside = trust[trust["in_region"] & ~trust["is_aggregate"]]
    assert not inside.empty and alt.endswith(
        f". Countries in Sub-Saharan Africa: {', '.join(inside['country'])}."
    )
    assert list(data["fact_id"]) == list(trust["fact_id"]) and "in_region" in columns
    assert reach.BAROMETER in note


def test_show_scenario_draws_the_region_path_or_every_region_range(shown):
    for region in ("Sub-Saharan Africa", "Global"):
        executive.show_scenario(findings.region_view(region, draws=100), draws=100, seed=0)
    (regional, _, paths, _), (everywhere, note, _, _) = shown
    assert regional.startswith("Line and band of the Chinese-stack share of AI users in Sub-Saharan")
    assert (
        everywhere.startswith("Dot-and-bar chart")
        and f"for each of the {paths['region'].nunique()} regions" in everywhere
    )
    assert "status quo, 100 draws (seed 0)" in note
