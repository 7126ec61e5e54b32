"""The claims-ledger section's sentences, from verdict counts."""

from __future__ import annotations

import pandas as pd

from strategy_brief.curated.claims import VERDICTS
from strategy_brief.report.narrative import claims as text

# 20 claims: 8 supported, 5 partly, 3 contested, 1 unsupported, 3 not checkable.
COUNTS = pd.Series([8, 5, 3, 1, 3], index=list(VERDICTS), name="claims")


def test_key_finding_and_key_figure():
    assert text.key_finding(COUNTS, 4) == (
        "Of the 20 checkable claims in the 4 seed articles, 8 (40%) are supported by the data, 5 only in "
        "part, 4 are contested or unsupported, and 3 cannot be checked with the data available."
    )
    [figure] = text.key_figures(COUNTS, "2026-12-01")
    assert (figure["name"], figure["value"], figure["as_of"]) == ("claims_supported_share", 0.4, "2026-12-01")


def test_scope_others_and_annex():
    scope = text.scope(COUNTS, 4, excluded=17)
    assert "among the 17 set aside as page furniture" in scope
    assert "sets out in full the 4 claims that do not hold; the whole ledger, all 20 claims" in scope
    assert text.others(COUNTS) == (
        "The other 16 claims (8 supported, 5 partly supported and 3 not checkable with available data) are "
        "listed claim by claim in the annex."
    )
    none_partly = COUNTS.copy()
    none_partly["partly supported"] = 0
    assert "(8 supported and 3 not checkable with available data)" in text.others(none_partly)
    assert text.annex_intro(COUNTS, 4).startswith(
        "All 20 claims of the 4 seed articles, one table per verdict"
    )
