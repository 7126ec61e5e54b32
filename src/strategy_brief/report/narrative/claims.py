"""The claims-ledger section's sentences, from the verdict counts (claims.verdict_counts: every claim has
one verdict of the vocabulary, checked on load, so the counts add up to the ledger)."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt

UNCHECKABLE = "not checkable with available data"
DISPUTED = ["contested", "unsupported"]  # the verdicts of claims that do not hold


def key_finding(counts: pd.Series, articles: int) -> str:
    """How many of the seed articles' claims hold, in part, not at all, or cannot be checked."""
    total, held = int(counts.sum()), int(counts["supported"])
    return (
        f"Of the {total} checkable claims in the {articles} seed articles, {held} "
        f"({fmt.percent(100 * held / total)}) are supported by the data, {int(counts['partly supported'])} "
        f"only in part, {int(counts[DISPUTED].sum())} are contested or unsupported, and "
        f"{int(counts[UNCHECKABLE])} cannot be checked with the data available."
    )


def scope(counts: pd.Series, articles: int, excluded: int) -> str:
    """What the ledger covers (and the `excluded` sentences it sets aside), and what this section shows."""
    total = int(counts.sum())
    return (
        f"The ledger quotes verbatim every checkable claim of the {articles} seed articles, with the "
        "curated facts and processed tables it was checked against and the reason for its verdict; every "
        f"sentence with a number is either in it or among the {excluded} set aside as page furniture (dates, "
        "event times, subscription prices, source links: data/raw/claims_excluded.csv). This section gives "
        f"the verdicts and sets out in full the {int(counts[DISPUTED].sum())} claims that do not hold; the "
        f"whole ledger, all {total} claims, is in the annex at the end of this report."
    )


def key_figures(counts: pd.Series, edition: str) -> list[dict]:
    """The section's headline number (the share of claims supported) as record.key_figure arguments."""
    return [
        {
            "name": "claims_supported_share",
            "value": round(int(counts["supported"]) / int(counts.sum()), 3),
            "unit": "share of claims",
            "label": "Claims supported by the data",
            "as_of": edition,
            "source": "claims.csv",
        }
    ]


def others(counts: pd.Series) -> str:
    """Where the claims that hold (or cannot be checked) are listed."""
    rest = counts.drop(DISPUTED)
    verdicts = fmt.listed(f"{n} {v}" for v, n in rest.items() if n)
    return f"The other {int(rest.sum())} claims ({verdicts}) are listed claim by claim in the annex."


def annex_intro(counts: pd.Series, articles: int) -> str:
    """The opening of the annex that lists every claim."""
    return (
        f"All {int(counts.sum())} claims of the {articles} seed articles, one table per verdict, by claim "
        "id. Evidence names the rows of the curated facts (F…, in data/raw/facts.csv, each with its source "
        "and a verbatim quote) and the processed tables the claim was checked against."
    )
