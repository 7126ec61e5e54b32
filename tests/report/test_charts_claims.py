"""The claims-ledger section's chart and tables on a small ledger."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from strategy_brief.curated.claims import COLUMNS, VERDICTS, verdict_counts
from strategy_brief.report import style
from strategy_brief.report.charts import claims as charts

ROWS = [
    ("C003", "a.md", "Quote three", "quantitative", "cost", "F001;F002", "api_prices", "contested", "R3", ""),
    ("C001", "a.md", "Quote one", "quantitative", "cost", "F003", "", "supported", "R1", ""),
    (
        "C002",
        "b.md",
        "Quote two",
        "qualitative",
        "embodied_ai",
        "",
        "eci_by_model;api_prices",
        "supported",
        "R2",
        "",
    ),
    ("C004", "b.md", "Quote four", "quantitative", "capability_gap", "F004", "", "no source found", "R4", ""),
    ("C005", "c.md", "Quote five", "qualitative", "cost", "", "", "partly supported", "R5", ""),
]


@pytest.fixture
def ledger():
    return charts.readable(pd.DataFrame(ROWS, columns=COLUMNS))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_readable_orders_by_verdict_then_id_and_spells_out_the_evidence(ledger):
    assert ledger["claim_id"].tolist() == ["C001", "C002", "C005", "C003", "C004"]
    evidence = ledger.set_index("claim_id")["evidence"]
    assert evidence["C003"] == "F001, F002; tables: api_prices"
    assert evidence["C002"] == "; tables: eci_by_model, api_prices"
    assert evidence["C001"] == "F003"


def test_verdicts_chart(ledger):
    counts = verdict_counts(ledger)
    chart = charts.verdicts(ledger, counts)
    assert style.figure_title(chart["fig"]) == "60% of the press's claims hold at least in part"
    assert chart["alt"] == (
        "Bar chart of claims by verdict: supported 2, partly supported 1, held then, not current 0, "
        "contested 1, contradicted by evidence 0, no source found 1, cannot be checked 0."
    )
    assert chart["data"]["claims"].sum() == 5
    assert set(chart["columns"]) == set(chart["data"].columns)
    assert [t.get_text() for t in chart["fig"].axes[0].get_yticklabels()] == list(VERDICTS)


def test_by_dimension_has_the_largest_dimension_first_and_a_total_row(ledger):
    table = charts.by_dimension(ledger)["frame"]
    assert table["indicator"].tolist() == ["Cost", "Embodied AI", "Capability gap", "All dimensions"]
    assert table.set_index("indicator").loc["All dimensions", "total"] == 5
    assert table.set_index("indicator").loc[
        "Cost", ["supported", "partly supported", "contested"]
    ].tolist() == [1, 1, 1]


def test_in_full_and_annex_tables(ledger):
    shown = charts.in_full(ledger, ["contested", "held then, not current"])
    assert shown["frame"]["claim_id"].tolist() == ["C003"]
    assert shown["caption"] == "Claims judged contested or held then, not current (1), in full"
    assert charts.in_full(ledger, ["no source found"])["frame"]["claim_id"].tolist() == ["C004"]
    assert charts.in_full(ledger, ["contradicted by evidence"]) is None  # nothing to show
    annex = charts.by_verdict(ledger)
    assert [t["caption"] for t in annex] == [
        "Claims judged supported (2)",
        "Claims judged partly supported (1)",
        "Claims judged contested (1)",
        "Claims judged no source found (1)",
    ]  # no table for a verdict without claims
    assert all(t["compact"] and "verdict" not in t["columns"] for t in annex)
