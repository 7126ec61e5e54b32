"""analysis.indicators.reconciliation: published figures recomputed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import reconciliation


def facts_frame(rows):
    columns = ["fact_id", "value", "as_of", "as_of_start", "as_of_end"]
    return pd.DataFrame(rows, columns=columns)


def test_reconciliation_by_hand():
    facts = facts_frame(
        [
            ("F029", 65.7, "2023", "2023-01-01", "2023-12-31"),
            ("F173", 30.0, "2025-07", "2025-07-01", "2025-07-31"),
            ("F174", 100.0, "2025-07", "2025-07-01", "2025-07-31"),
            ("F028", 24.2, "2023", "2023-01-01", "2023-12-31"),
        ]
    )
    models = pd.DataFrame(
        {
            "year": [2023, 2023, 2023, 2024],
            "bloc": ["China", "United States", "United States", "China"],
            "openness_class": ["open_unrestricted", "api", "unknown", "api"],
            "models": [1, 3, 5, 4],
        }
    )
    eci = pd.DataFrame(
        {
            "release_date": ["2023-03-01", "2023-07-01", "2024-05-01"],
            "eci_score": [110.0, 100.0, 130.0],
            "openness_class": ["api", "open_unrestricted", "open_unrestricted"],
        }
    )
    table = reconciliation.reconcile(facts, models, eci).set_index("fact_id")
    assert table.loc["F029", "recomputed"] == 25.0  # 1 open of 4 known models in 2023
    assert table.loc["F173;F174", "published"] == 30.0
    assert table.loc["F173;F174", "recomputed"] == round(100 * 5 / 13, 1)  # China 1 + 4 of all 13
    assert table.loc["F028", "recomputed"] == 10.0  # 110 vs 100 at the end of 2023, not the 2024 model
    assert table["why_they_differ"].str.len().min() > 20
    with pytest.raises(ValueError, match=r"fact F029 not in facts\.csv"):
        reconciliation.reconcile(facts[facts["fact_id"] != "F029"], models, eci)


def test_reconciliation_says_why_a_figure_cannot_be_recomputed():
    facts = facts_frame([("F034", 280.0, "2022-11 to 2024-10", "2022-11-01", "2024-10-31")])
    eci = pd.DataFrame({"model_version": ["gpt-4o-2024-05-13"], "eci_score": [130.0]})
    prices = pd.DataFrame({"snapshot_date": ["2025-02-06", "2026-07-24"]})
    row = reconciliation.price_decline_at_gpt35_level(facts, eci, prices)
    assert math.isnan(row["recomputed"]) and row["recomputed_from"] == "not recomputable"
    assert "start 2025-02-06, after 2022-11-01" in row["why_they_differ"]
    assert "no GPT-3.5 model" in row["why_they_differ"]


# ── The mechanism: published figures through the curated mapping ──────────────────────────────────────


def published(fact_id, indicator, value, unit, start, end, *, actor="", country="", on="2025-04-10"):
    return {
        "fact_id": fact_id,
        "indicator": indicator,
        "indicator_label": indicator.replace("_", " "),
        "actor": actor,
        "country": country,
        "value": value,
        "unit": unit,
        "qualifier": "exact",
        "as_of": start[:7] if start[:7] == end[:7] else start[:4],
        "as_of_start": start,
        "as_of_end": end,
        "publication_date": on,
    }


def mapping(*rows):
    table = pd.DataFrame(rows, columns=["fact_id", "indicator", "method", "function", "args", "reason"])
    return table


MODELS_ARGS = {"table": "counts", "rule": "any_organization"}
COUNTS = pd.DataFrame(
    {
        "snapshot_date": ["2025-03-01", "2025-03-01", "2025-12-01", "2025-12-01", "2025-12-01", "2025-12-01"],
        "counting_rule": ["any_organization", "first_listed", "any_organization", "first_listed"] * 1
        + ["any_organization", "any_organization"],
        "year": [2024, 2024, 2024, 2024, 2024, 2025],
        "bloc": ["China", "China", "China", "China", "United States", "China"],
        "models": [3, 2, 5, 4, 9, 7],
    }
)
ELO = pd.DataFrame(
    {
        "day": ["2024-01-05", "2024-01-05", "2024-01-20", "2024-01-20", "2024-02-02", "2024-02-02"],
        "bloc": ["United States", "China"] * 3,
        "elo": [1100.0, 1000.0, 1210.0, 1100.0, 1300.0, 1000.0],
        "model": ["us-a", "cn-a", "us-b", "cn-b", "us-c", "cn-a"],
    }
)
ELO_ARGS = {"table": "elo", "date": "day", "group": "bloc", "score": "elo", "model": "model"}
ELO_ARGS |= {"leader": "United States", "rival": "China"}


def test_notable_models_at_the_publications_vintage_and_today_by_counting_rule():
    facts = pd.DataFrame(
        [published("F002", "models_made", 4.0, "models", "2024-01-01", "2024-12-31", country="China")]
    )
    rows = mapping(
        ("", "models_made", "any", "notable_models", MODELS_ARGS, "rule {rule}, {bloc} {year}; {vintage}"),
        ("", "models_made", "first", "notable_models", MODELS_ARGS | {"rule": "first_listed"}, "{vintage}"),
    )
    table = reconciliation.reconcile_published(facts, rows, {"counts": COUNTS}).set_index("method")
    # published 2025-04-10: the 2025-03-01 snapshot is of its vintage; today's is 2025-12-01
    assert (
        table.loc["any", "recomputed_at_vintage"] == 3
        and table.loc["any", "vintage_snapshot"] == "2025-03-01"
    )
    assert table.loc["any", "recomputed_today"] == 5 and table.loc["any", "today_snapshot"] == "2025-12-01"
    assert table.loc["any", "difference"] == 1
    assert table.loc["first", "recomputed_at_vintage"] == 2 and table.loc["first", "recomputed_today"] == 4
    assert table.loc["any", "reason"].startswith(
        "rule any organization, China 2024; vintage: at the publication"
    )
    assert "(snapshot 2025-03-01) 3 models, today (2025-12-01) 5 models" in table.loc["any", "reason"]


def test_a_new_fact_of_a_mapped_indicator_needs_only_its_fact_row():
    rows = mapping(("", "models_made", "any", "notable_models", MODELS_ARGS, "{vintage}"))
    facts = pd.DataFrame(
        [
            published("F002", "models_made", 4.0, "models", "2024-01-01", "2024-12-31", country="China"),
            published(
                "F900", "models_made", 6.0, "models", "2025-01-01", "2025-12-31", country="China", on="n.d."
            ),
        ]
    )
    table = reconciliation.reconcile_published(facts, rows, {"counts": COUNTS}).set_index("fact_id")
    assert table.loc["F900", "recomputed_today"] == 7 and table.loc["F900", "status"] == "recomputed"
    # an undated publication has no vintage; the earliest snapshot has no 2025 models at all
    assert table.loc["F900", "vintage_snapshot"] == "" and math.isnan(
        table.loc["F900", "recomputed_at_vintage"]
    )
    assert "the publication is undated" in table.loc["F900", "reason"]


def test_score_lead_is_computed_day_by_day_and_read_at_the_end_of_the_period():
    facts = pd.DataFrame(
        [
            published("F022", "lead", 9.26, "percent", "2024-01-01", "2024-01-31"),
            published("F024", "gap", 103.0, "index score", "2024-01-01", "2024-01-31"),
            published("F099", "lead", 1.0, "percent", "2023-06-01", "2023-06-30"),
        ]
    )
    rows = mapping(
        (
            "",
            "lead",
            "pct",
            "score_lead",
            ELO_ARGS | {"measure": "percent"},
            "{low} to {high} on {dates}; {date}",
        ),
        ("", "gap", "pts", "score_lead", ELO_ARGS | {"measure": "points"}, "{leader_model} vs {rival_model}"),
    )
    table = reconciliation.reconcile_published(facts, rows, {"elo": ELO}, {"elo": "2024-03-01"})
    table = table.set_index("fact_id")
    assert table.loc["F022", "recomputed_today"] == 10.0  # 1210 vs 1100 on 2024-01-20, not February's 30%
    assert table.loc["F022", "reason"] == "10.0 to 10.0 on 2; 2024-01-20"
    assert table.loc["F024", "recomputed_today"] == 110.0 and table.loc["F024", "reason"] == "us-b vs cn-b"
    assert table.loc["F022", "vintage_snapshot"] == "2024-03-01"  # one dated snapshot, before publication
    assert table.loc["F099", "status"] == "data gap"
    assert (
        table.loc["F099", "reason"]
        == "not recomputable: the table covers 2024-01-05 to 2024-02-02, not 2023-06"
    )


def test_figures_without_data_are_data_gaps_never_numbers():
    facts = pd.DataFrame(
        [
            published("F014", "mmlu_lead", 17.5, "percent", "2023-12-01", "2023-12-31"),
            published(
                "F001", "models_made", 40.0, "models", "2024-01-01", "2024-12-31", country="United States"
            ),
            published(
                "F005", "models_made", 21.0, "models", "2023-01-01", "2023-12-31", actor="European Union"
            ),
        ]
    )
    rows = mapping(
        ("", "mmlu_lead", "m", "no_dataset", {"need": "MMLU scores by model"}, "definition"),
        ("", "models_made", "any", "notable_models", MODELS_ARGS, "{vintage}"),
    )
    table = reconciliation.reconcile_published(facts, rows, {}).set_index("fact_id")
    assert table["status"].eq("data gap").all() and table["recomputed_today"].isna().all()
    assert table.loc["F014", "reason"] == "not recomputable: no dataset (MMLU scores by model)"
    assert table.loc["F001", "reason"] == "not recomputable: the processed table counts is not available"
    with_counts = reconciliation.reconcile_published(facts, rows, {"counts": COUNTS}).set_index("fact_id")
    assert "'European Union' is not a bloc" in with_counts.loc["F005", "reason"]
    assert "no models of 2023" not in with_counts.loc["F001", "reason"]


def test_an_unknown_function_is_refused():
    facts = pd.DataFrame([published("F001", "x", 1.0, "models", "2024-01-01", "2024-12-31")])
    with pytest.raises(ValueError, match="unknown function 'nope' for F001"):
        reconciliation.reconcile_published(facts, mapping(("", "x", "m", "nope", {}, "r")), {})


def test_published_on_reads_a_day_or_a_month():
    assert reconciliation.published_on(pd.Series({"publication_date": "2025-04 (release)"})) == "2025-04-30"
    assert reconciliation.published_on(pd.Series({"publication_date": "2025-04-08 (Yonhap)"})) == "2025-04-08"
    assert reconciliation.published_on(pd.Series({"publication_date": "n.d."})) is None


def test_the_projects_published_figures_reconcile_on_the_committed_data():
    table = reconciliation.published_figures()
    assert set(table["status"]) <= {"recomputed", "data gap"}
    gaps = table[table["status"] == "data gap"]
    assert gaps["recomputed_today"].isna().all() and gaps["reason"].str.startswith("not recomputable").all()
    models = table[table["method"].str.startswith("Epoch notable models")]
    assert set(models.groupby("fact_id")["method"].nunique()) == {2}  # counted both ways
