"""The claims-ledger section's sentences, from verdict counts, and the verdict the ledger computes."""

from __future__ import annotations

import math

import pandas as pd

from strategy_brief.analysis.claims_checks import CostParity
from strategy_brief.curated.claims import VERDICTS
from strategy_brief.report.narrative import claims as text

# 24 claims: 8 supported, 5 partly, 1 held then, 3 contested, 0 contradicted, 4 no source, 3 uncheckable.
COUNTS = pd.Series([8, 5, 1, 3, 0, 4, 3], index=list(VERDICTS), name="claims")


def parity(first=2.5, latest=1.05, verdict="held then, not current"):
    return CostParity("2025-02-06", "2026-07-24", first, latest, ("us-a", "cn-a"), ("us-b", "cn-b"), verdict)


def test_key_finding_and_key_figure():
    assert text.key_finding(COUNTS, 4) == (
        "Of the 24 claims in the 4 seed articles, 8 (33%) are supported by the data and 5 only in part; "
        "1 held when made but not today, 3 are contested, 0 are contradicted by the evidence, 4 rest on a "
        "figure no source could be found for, and 3 cannot be checked with the data available."
    )
    [figure] = text.key_figures(COUNTS, "2026-12-01")
    assert (figure["name"], figure["value"], figure["as_of"]) == (
        "claims_supported_share",
        0.333,
        "2026-12-01",
    )


def test_absence_of_a_source_is_kept_apart_from_refutation():
    assert text.do_not_hold(COUNTS).startswith("None of the 24 claims is contradicted by the evidence")
    one = COUNTS.copy()
    one["contradicted by evidence"] = 1
    assert text.do_not_hold(one) == "1 claim is contradicted by the evidence."
    assert text.no_source(COUNTS).startswith("For 4 claims no source was found")
    assert "not evidence against the claim" in text.no_source(COUNTS)


def test_scope_others_and_annex():
    scope = text.scope(COUNTS, 4, excluded=17)
    assert "among the 17 set aside as page furniture" in scope
    assert "sets out in full the 8 claims that do not hold, are contested or overtaken" in scope
    assert "all 24 claims" in scope
    assert text.others(COUNTS) == (
        "The other 16 claims (8 supported, 5 partly supported and 3 cannot be checked) are "
        "listed claim by claim in the annex."
    )
    intro = text.annex_intro(COUNTS, 4)
    assert intro.startswith("All 24 claims of the 4 seed articles, one table per verdict")
    assert "data/raw/text_facts.csv" in intro and "data/raw/facts_not_found.csv" in intro


def test_computed_verdict_replaces_the_curated_one_and_words_the_ratios():
    ledger = pd.DataFrame(
        {
            "claim_id": ["C001", "C002"],
            "verdict": ["supported", "supported"],
            "reason": ["Then it was cheap.", "Other."],
            "computed_by": ["cost_parity", ""],
        }
    )
    out = text.computed(ledger, parity())
    assert out["verdict"].tolist() == ["held then, not current", "supported"]
    assert out.loc[0, "reason"] == (
        "Then it was cheap. At the capability of China's best priced model, the cost section's US ÷ China "
        "price ratio was 2.5× (us-a against cn-a) in the February 2025 price list and is 1.05× (us-b "
        "against cn-b) in the July 2026 one; taking 'a fraction of the cost' as at most 1/2 of the US price, "
        "the claim held when made but not today."
    )
    assert out.loc[1, "reason"] == "Other."
    kept = text.computed(ledger, parity(latest=math.nan, verdict=None))
    assert kept.loc[0, "verdict"] == "supported"
    assert "today's comparison cannot be made" in kept.loc[0, "reason"]
