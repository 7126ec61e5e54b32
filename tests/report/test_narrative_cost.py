"""The cost section's sentences on the hand-worked price list of tests/analysis/price_view_rows.py."""

from __future__ import annotations

import pytest

from strategy_brief.report.narrative import cost as text
from tests.analysis.price_view_rows import CN, JUN, ROWS, SCORES, US, view


def with_cn_new_at(price: float, host: str = "deepseek") -> list[tuple]:
    """The rows with June's cn-new priced at `price` (input and output alike, so blended the same)."""
    return [r for r in ROWS if not (r[0] == JUN and r[2] == "cn-new")] + [
        (JUN, host, "cn-new", "DeepSeek", CN, "open_unrestricted", price, price)
    ]


def test_blend_text():
    assert text.blend_text(0.75) == "75% input and 25% output tokens"
    assert text.blend_text(0.5) == "50% input and 50% output tokens"


def test_key_finding_and_key_figures():
    v = view()
    finding = text.key_finding(v)
    assert finding.startswith(
        "The median Chinese model lists at USD 0.875 per million tokens against USD 0.6 for the median US "
        "model (0.7× as much)"
    )
    assert (
        "best priced model (cn-new, ECI 145) the cheapest US model at that level (us-big) costs 12×"
        in finding
    )
    assert finding.endswith("(June 2025 price list).")
    figures = {f["name"]: f for f in text.key_figures(v)}
    assert figures["price_ratio_at_parity"]["value"] == 12.0
    assert figures["median_price_us_latest"]["value"] == 0.6
    assert figures["median_price_china_latest"]["value"] == 0.875
    assert {f["as_of"] for f in figures.values()} == {JUN}


def test_without_a_us_model_at_chinas_level_there_is_no_ratio():
    v = view(scores=SCORES | {"cn-new": 160.0})
    assert "no US model in the price list reaches that level" in text.key_finding(v)
    assert [f["name"] for f in text.key_figures(v)] == ["median_price_us_latest", "median_price_china_latest"]


def test_medians_counts_the_models_and_gives_the_own_api_medians():
    sentence = text.medians(view())
    assert "In the June 2025 list, 3 US and 2 Chinese models carry a price" in sentence
    assert "USD 3.3 for the 2 US models and USD 0.875 for the 2 Chinese ones (3.8×)" in sentence


def test_frontier_names_its_top_and_the_chinese_models_on_it():
    sentence = text.frontier(view())
    assert sentence.startswith("The frontier's most capable model is us-big (United States, ECI 152, USD 6).")
    assert (
        "The Chinese models on it, cn-new (USD 0.5), sit in its low and middle range; above ECI 145"
        in sentence
    )


@pytest.mark.parametrize(
    ("price", "verb", "ratio"),
    [(0.5, "does not narrow", "12×"), (4.0, "narrows", "1.5×"), (5.0, "all but closes", "1.2×")],
)
def test_parity_says_how_far_the_gap_narrows(price, verb, ratio):
    # Two unscored US models lift the US median to 6 (6, 0.6, 0.3, 20, 30), so parity can come below it.
    extra = [(JUN, "openai", m, "OpenAI", US, "api", p, p) for m, p in (("us-a", 20.0), ("us-b", 30.0))]
    sentence = text.parity(view(with_cn_new_at(price) + extra))
    assert sentence.startswith(
        f"At the top of China's range the price gap {verb}: US ÷ China is {ratio} with any host"
    )
    assert f"and {ratio} counting only the developers' own APIs" in sentence
    assert "The cheapest Chinese offer comes from DeepSeek's own API:" in sentence


def test_parity_names_a_reseller_and_leaves_out_the_missing_own_api_comparison():
    resold = [(d, "together_ai" if h == "deepseek" else h, *r) for d, h, *r in ROWS]
    sentence = text.parity(view(resold))
    assert "comes from together_ai, not from DeepSeek's own API" in sentence
    assert "counting only the developers' own APIs" not in sentence


def test_levels():
    assert text.levels(view()) == (
        "Where both blocs offer a level, the Chinese model is the cheaper one at 1 of 2 levels. The "
        "cheapest US offers there include open-weight models resold by hosts: us-open on together_ai. At "
        "ECI ≥ 150 no Chinese model in the list qualifies."
    )
    assert text.levels(view(capability_levels=[140.0])) == (
        "Where both blocs offer a level, the Chinese model is the cheaper one at 1 of 1 levels."
    )


def test_decline_follows_the_level_of_chinas_best_model_of_the_first_snapshot():
    sentence = text.decline(view())
    assert sentence.startswith(
        "In January 2025 China's best priced model was cn-big (ECI 140) at USD 1.25 with any host."
    )
    assert "the cheapest model at that level is cn-new (China) at USD 0.5, 2.5× less" in sentence
    assert "the price fell 6×, to cn-new (China) at USD 0.5." in sentence
    assert sentence.endswith("came from China in both January 2025 and June 2025.")
    # Make the US the cheapest source in June: both Chinese models at 8 leave us-big (6) the cheapest.
    dear = [r for r in ROWS if not (r[0] == JUN and r[4] == CN)] + [
        (JUN, "deepseek", m, "DeepSeek", CN, "open_unrestricted", 8.0, 8.0) for m in ("cn-big", "cn-new")
    ]
    assert text.decline(view(dear)).endswith(
        "came from China in January 2025 and from the United States in June 2025."
    )


def test_about_prices_counts_the_unscored_models():
    scores = {k: v for k, v in SCORES.items() if k != "us-small"}
    notes = text.about_prices(view(scores=scores), "2025-05-01")
    assert "The capability index snapshot is dated 2025-05-01." in notes
    assert "1 of 3 US and 0 of 2 Chinese models have no score" in notes
    assert "Prices blend 75% input and 25% output tokens;" in notes
    assert notes.count("\n- **") == 3  # four points of a Markdown list


def test_gaps_name_the_cut_and_the_region():
    assert "an ECI score by 2025-02-14: the comparison" in text.first_party_gap("2025-02-14")
    gap = text.no_regional_prices("Southern Asia")
    assert gap.startswith("There are no prices specific to Southern Asia:")
    assert "customers in Southern Asia are not covered." in gap
    assert "same in every regional edition" in text.GLOBAL_PRICES
