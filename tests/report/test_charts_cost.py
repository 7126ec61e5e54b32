"""The cost section's charts and tables on the hand-worked price list of tests/analysis/price_view_rows.py."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from strategy_brief.analysis.indicators import cost, cost_openness, cost_view
from strategy_brief.report import record, style
from strategy_brief.report.charts import cost as charts
from tests.analysis.price_view_rows import CN, JAN, JUN, ROWS, US, view
from tests.analysis.price_view_rows import prices as cost_rows

BLEND = "75% input and 25% output tokens"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def check_chart(chart: dict) -> None:
    """A show_figure payload: figure, alt text, data, and a description for every data column."""
    assert set(chart) == {"fig", "alt", "data", "columns"}
    assert not chart["data"].empty
    assert set(chart["columns"]) == set(chart["data"].columns)
    assert all(chart["columns"].values())


def test_median_prices():
    chart = charts.median_prices(view(), BLEND)
    check_chart(chart)
    assert style.figure_title(chart["fig"]).startswith("The median US model lists at 0.7× the price")
    assert "from January 2025 to June 2025" in chart["alt"]
    assert (
        "the US median moves from USD 6.75 to USD 0.6, the Chinese median from USD 1.25 to USD 0.875"
        in chart["alt"]
    )
    assert set(chart["data"]["bloc"]) == {US, CN}
    assert set(chart["data"]["blend_input_share"]) == {0.75}
    assert chart["fig"].axes[0].get_yscale() == "log"


def test_price_capability_marks_and_labels_the_frontier():
    chart = charts.price_capability(view(), BLEND)
    check_chart(chart)
    assert style.figure_title(chart["fig"]) == (
        "1 of the 3 models on the price–capability frontier are Chinese; us-big tops it"
    )
    on = chart["data"].set_index("model_id")["on_frontier"]
    assert on[on].index.tolist() == ["us-open", "cn-new", "us-big"]
    assert not on[["us-small", "cn-big"]].any()
    ax = chart["fig"].axes[0]
    assert {t.get_text() for t in ax.texts} == {"us-open", "cn-new", "us-big"}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["United States (3)", "China (2)"]
    assert "for 5 models in the June 2025 price list (3 United States, 2 China)" in chart["alt"]
    assert "us-big (United States, ECI 152, USD 6)." in chart["alt"]


def test_parity_table_prices_the_same_pair_three_ways():
    v = view()
    genai = cost.reprice_parity(v.parity_fp, pd.Series({"us-big": 5.0}))  # cn-new not in the second list
    table = charts.parity_table(v, genai, genai_version="0.9", reference="2025-06-30", blend=BLEND)
    frame = table["frame"]
    assert frame["basis"].tolist() == [
        "Any host (litellm)",
        "Developer's own API (litellm)",
        "Developer's own API (genai-prices 0.9, in force 2025-06-30)",
    ]
    assert frame["us"].tolist()[:2] == ["us-big on openai: USD 6", "us-big on openai: USD 6"]
    assert frame["china"].tolist() == [
        "cn-new on deepseek: USD 0.5",
        "cn-new on deepseek: USD 0.5",
        "cn-new: not listed",
    ]
    assert frame["us"].iloc[2] == "us-big: USD 5"  # genai-prices names no host
    assert frame["ratio"].tolist() == ["12×", "12×", "n/a"]
    assert set(table["columns"]) == set(frame.columns)
    assert "June 2025" in table["caption"] and BLEND in table["caption"]


def test_parity_table_without_an_own_api_comparison_has_one_row():
    resold = [
        (d, "together_ai" if h == "deepseek" else h, *r)
        for d, h, *r in ROWS
        if not (d == JAN and h == "deepseek")
    ]
    v = view(resold)
    table = charts.parity_table(v, v.parity_fp, genai_version="0.9", reference=JUN, blend=BLEND)
    assert table["frame"]["basis"].tolist() == ["Any host (litellm)"]


def test_levels_table():
    frame = charts.levels_table(view(), BLEND)["frame"].set_index("level")
    assert frame.index.tolist() == ["ECI ≥ 130", "ECI ≥ 140", "ECI ≥ 150"]
    assert frame.loc["ECI ≥ 130", ["us", "us_price", "china", "china_price", "ratio"]].tolist() == [
        "us-open (135)",
        "0.3",
        "cn-new (145)",
        "0.5",
        "0.6×",
    ]
    assert frame.loc["ECI ≥ 150", ["china", "china_price", "ratio"]].tolist() == [
        "none in the list",
        "none",
        "n/a",
    ]


def test_openness_table_shows_counts_ranges_and_gaps():
    table = charts.openness_table(view(), blend=BLEND)
    frame = table["frame"].set_index("comparison")
    assert list(frame.index) == [
        "All US ÷ all Chinese",
        "Closed US ÷ open-weight Chinese",
        "Open-weight US ÷ open-weight Chinese",
        "Closed US ÷ closed Chinese",
    ]
    assert frame.loc["Closed US ÷ open-weight Chinese"].tolist() == [
        "2 models, USD 3.3",
        "2 models, USD 0.875",
        "3.8×",
        "0.69–6.9×",
        "0.48–12×",
    ]
    assert frame.loc["Open-weight US ÷ open-weight Chinese", "us"] == "1 model, USD 0.3"
    assert frame.loc["Open-weight US ÷ open-weight Chinese", "loo"] == "too few models"
    gap = frame.loc["Closed US ÷ closed Chinese"]
    assert (gap["china"], gap["ratio"], gap["boot"]) == ("no priced model (data gap)", "n/a", "n/a")
    assert "genai" not in table["columns"] and "June 2025" in table["caption"]
    genai = cost_view.openness_comparisons(cost_openness.model_prices(cost_rows()))
    crossed = charts.openness_table(view(), genai, genai_version="0.2.3", blend=BLEND)
    assert crossed["columns"]["genai"] == "genai-prices 0.2.3, own APIs"
    assert crossed["frame"]["genai"].iloc[0] == "0.69× (3 US, 2 Chinese models)"


def test_price_decline():
    chart = charts.price_decline(view(), BLEND)
    check_chart(chart)
    assert style.figure_title(chart["fig"]) == "Capability matching cn-big got 2.5× cheaper in 5 months"
    assert chart["data"].groupby("basis").size().to_dict() == {"any host": 2, "developer's own API": 2}
    assert "With any host: Jan 2025 cn-big (China) USD 1.25; Jun 2025 cn-new (China) USD 0.5." in chart["alt"]
    assert chart["alt"].endswith("With the developer's own API only the price ends at USD 0.5.")
    legend = [t.get_text() for t in chart["fig"].axes[0].get_legend().get_texts()]
    assert legend == ["any host", "developer's own API", "China"]


def test_the_payloads_are_what_record_shows(monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    outputs = []
    monkeypatch.setattr(
        InteractiveShell.instance().display_pub, "publish", lambda data, **kw: outputs.append(data)
    )
    record.reset_numbering()
    v = view()
    record.show_figure(**charts.median_prices(v, BLEND), source_note="Source: a test.")
    record.show_table(**charts.levels_table(v, BLEND), source_note="Source: a test.")
    record.show_table(**charts.openness_table(v, blend=BLEND), source_note="Source: a test.")
    assert outputs[0][record.FIGURE_MIME]["title"].startswith("The median US model")
    assert "Table 1. Cheapest model scoring at least each ECI level" in outputs[1]["text/html"]
    assert "Table 2. Median blended list price, US ÷ China, by openness" in outputs[2]["text/html"]
