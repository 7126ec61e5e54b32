"""The cost section's sentences on the hand-worked price list of tests/analysis/price_view_rows.py."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis.indicators import cost_openness, cost_view
from strategy_brief.report.narrative import cost as text
from strategy_brief.report.narrative import cost_openness as cost_openness_text
from tests.analysis.price_view_rows import CN, JUN, ROWS, SCORES, US, prices, view


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
        "model (0.69× as much; 0.48–3.8× when any one model is left out, "
    )
    # Like for like: closed US (6, 0.6 → 3.3) and US open-weight (0.3) against China's open weights (0.875).
    assert (
        "Like for like, the median of closed US models is 3.8× that of Chinese open-weight models, while "
        "the median of US open-weight models is 0.34× that of Chinese open-weight models (only 2 closed US "
        "models, only 1 US open-weight model and only 2 Chinese open-weight models)." in finding
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
    assert figures["median_price_ratio_closed_us_open_china"]["value"] == round(3.3 / 0.875, 3)
    assert figures["median_price_ratio_open_us_open_china"]["value"] == round(0.3 / 0.875, 3)
    assert {f["as_of"] for f in figures.values()} == {JUN}


def test_without_a_us_model_at_chinas_level_there_is_no_ratio():
    v = view(scores=SCORES | {"cn-new": 160.0})
    assert "no US model in the price list reaches that level" in text.key_finding(v)
    assert [f["name"] for f in text.key_figures(v)] == [
        "median_price_ratio_closed_us_open_china",
        "median_price_ratio_open_us_open_china",
        "median_price_us_latest",
        "median_price_china_latest",
    ]


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


@pytest.mark.parametrize(
    ("value", "shown"), [(4.1994, "4.2×"), (12.39, "12.4×"), (0.25, "0.25×"), (0.068229, "0.068×"), (1, "1×")]
)
def test_fold(value, shown):
    assert text.fold(value) == shown


def test_fold_range_and_counts():
    assert text.fold_range(4.0, 4.4199) == "4–4.4×"
    assert text.fold_range(0.246, 0.331) == "0.25–0.33×"
    assert text.fold_range(float("nan"), 2.0, missing="too few") == "too few"
    assert text.counted(110, US, "closed") == "110 closed US models"
    assert text.counted(2, US, "open") == "only 2 US open-weight models"
    assert text.counted(1, CN, "closed") == "only 1 closed Chinese model"
    assert text.counted(0, CN, "all") == "no Chinese models"


def test_by_openness_gives_the_mix_the_like_for_like_ratios_and_the_sensitivity():
    said = cost_openness_text.by_openness(view())
    assert said.startswith(
        "The US median of the June 2025 list mixes 2 closed (median USD 3.3) and 1 open-weight (median USD "
        "0.3) models; the Chinese one mixes 0 closed and 2 open-weight (median USD 0.875) models."
    )
    assert "3.8× for closed US against Chinese open-weight models (0.69–6.9× when any one model" in said
    # One US open-weight model: nothing to leave out, and the text says how few.
    assert "0.34× for open-weight against open-weight (0.24–0.6× in 95% of resampled model lists; " in said
    assert "from only 1 US open-weight model and only 2 Chinese open-weight models)" in said
    assert "none for closed against closed (no closed Chinese models carry a price: a data gap)" in said
    # January: 6.75 / 1.25 = 5.4; June 0.6 / 0.875.
    assert "across the 2 snapshots since January 2025 it ranged 0.69–5.4×" in said
    assert "genai-prices" not in said


def test_by_openness_cross_checks_genai_prices():
    genai = cost_view.openness_comparisons(
        cost_openness.model_prices(prices()).query("model_id != 'us-open'")
    )
    said = cost_openness_text.by_openness(view(), genai, "2025-06-30")
    assert said.endswith(
        "genai-prices 2025-06-30, which lists the developers' own APIs only, gives 3.8× for all models "
        "(2 US and 2 Chinese), 3.8× closed US over Chinese open-weight and n/a open-weight over open-weight "
        "(no US open-weight models)."
    )


def test_openness_gaps_name_the_groups_without_a_price():
    assert cost_openness_text.openness_gaps(view()) == (
        "No closed Chinese models carry a price in the June 2025 list: the comparisons that need them cannot "
        "be made, and no price is assumed in their place."
    )
    closed_cn = [*ROWS, (JUN, "moonshot", "cn-closed", "Moonshot AI", CN, "api", 1.0, 1.0)]
    assert cost_openness_text.openness_gaps(view(closed_cn)) == ""


def test_frontier_names_the_newer_priced_models_without_a_score():
    unscored = pd.DataFrame(
        {
            "model_id": ["a", "b"],
            "display_name": ["Model A", "Model B"],
            "bloc": ["China", "United States"],
            "release_date": ["2026-04-01", "2026-05-01"],
        }
    )
    sentence = text.frontier(view(), unscored)
    assert "every scored model on offer is from another bloc" in sentence
    assert "Model A (China) and Model B (United States)" in sentence and "April 2026" in sentence
    assert "no score yet" not in text.frontier(view(), unscored.iloc[0:0])
