"""The claims-ledger section's sentences, from the verdict counts (claims.verdict_counts: every claim has
one verdict of the vocabulary, checked on load, so the counts add up to the ledger) and from the verdicts
the ledger computes (analysis.claims_checks)."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.claims_checks import FRACTION_OF_COST, CostParity

UNCHECKABLE = "cannot be checked"
DO_NOT_HOLD = ["contradicted by evidence"]  # the evidence says otherwise
CONTESTED_OR_DATED = ["contested", "held then, not current"]  # the evidence is mixed, or has moved on
NO_SOURCE = ["no source found"]  # searched for and not found: a gap, not a refutation
SHOWN = DO_NOT_HOLD + CONTESTED_OR_DATED + NO_SOURCE  # set out in full in the section


def _n(counts: pd.Series, verdicts) -> int:
    return int(counts[list(verdicts)].sum()) if not isinstance(verdicts, str) else int(counts[verdicts])


def _be(n: int) -> str:
    return "is" if n == 1 else "are"


def key_finding(counts: pd.Series, articles: int) -> str:
    """How many of the seed articles' claims hold, in part, held only when made, are contested or
    contradicted, lack any source, or cannot be checked."""
    total, held = int(counts.sum()), int(counts["supported"])
    dated, contested, wrong = (_n(counts, v) for v in ("held then, not current", "contested", DO_NOT_HOLD))
    unsourced = _n(counts, NO_SOURCE)
    return (
        f"Of the {total} claims in the {articles} seed articles, {held} ({fmt.percent(100 * held / total)}) "
        f"{_be(held)} supported by the data and {_n(counts, 'partly supported')} only in part; {dated} held "
        f"when made but not today, {contested} {_be(contested)} contested, {wrong} {_be(wrong)} contradicted "
        f"by the evidence, {unsourced} {'rests' if unsourced == 1 else 'rest'} on a figure no source "
        f"could be found for, and {_n(counts, UNCHECKABLE)} cannot be checked with the data available."
    )


def scope(counts: pd.Series, articles: int, excluded: int) -> str:
    """What the ledger covers (and the `excluded` sentences it sets aside), and what this section shows."""
    total = int(counts.sum())
    return (
        f"The ledger quotes verbatim every checkable claim of the {articles} seed articles, with the "
        "curated facts and processed tables it was checked against and the reason for its verdict; every "
        f"sentence with a number is either in it or among the {excluded} set aside as page furniture (dates, "
        "event times, subscription prices, source links: data/raw/claims_excluded.csv). This section gives "
        f"the verdicts and sets out in full the {_n(counts, SHOWN)} claims that do not hold, are contested "
        "or overtaken, or rest on a figure no source could be found for; the whole ledger, all "
        f"{total} claims, is in the annex at the end of this report."
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


def do_not_hold(counts: pd.Series) -> str:
    """Whether any claim is contradicted by the evidence (its table follows when there are some)."""
    n = _n(counts, DO_NOT_HOLD)
    if n == 0:
        return (
            f"None of the {int(counts.sum())} claims is contradicted by the evidence: those that fail here "
            "are contested, overtaken since they were made, or rest on a figure no source could be found for."
        )
    return f"{n} {'claim is' if n == 1 else 'claims are'} contradicted by the evidence."


def no_source(counts: pd.Series) -> str:
    """What 'no source found' means, for the claims that have it."""
    n = _n(counts, NO_SOURCE)
    return (
        f"For {n} {'claim' if n == 1 else 'claims'} no source was found, although the figure was searched "
        "for (each search is recorded in data/raw/facts_not_found.csv): a gap in the evidence, not evidence "
        "against the claim."
    )


def others(counts: pd.Series) -> str:
    """Where the claims not set out in the section are listed."""
    rest = counts.drop(SHOWN)
    verdicts = fmt.listed(f"{n} {v}" for v, n in rest.items() if n)
    return f"The other {int(rest.sum())} claims ({verdicts}) are listed claim by claim in the annex."


def annex_intro(counts: pd.Series, articles: int) -> str:
    """The opening of the annex that lists every claim."""
    return (
        f"All {int(counts.sum())} claims of the {articles} seed articles, one table per verdict, by claim "
        "id. Evidence names the rows of the curated facts (F…, each with its source and a verbatim quote: "
        "figures in data/raw/facts.csv, licences, dates and events in data/raw/text_facts.csv, figures "
        "searched for and not found in data/raw/facts_not_found.csv) and the processed tables the claim was "
        "checked against."
    )


def cost_parity_reason(parity: CostParity) -> str:
    """The computed half of a 'fraction of the cost' claim's reason: the cost section's parity ratio in
    the first and the latest price list."""

    def when(snapshot: str) -> str:
        return f"{pd.Timestamp(snapshot):%B %Y}"

    def compared(ratio: float, models: tuple[str, str]) -> str:
        return f"{fmt.ratio(ratio)} ({models[0]} against {models[1]})"

    verdict = {
        "supported": "the Chinese model still costs a fraction of the US one",
        "held then, not current": "the claim held when made but not today",
        "contested": "the price lists never showed a fraction of the cost at equal capability",
        None: "today's comparison cannot be made, so the verdict rests on the list prices above",
    }[parity.verdict]
    return (
        "At the capability of China's best priced model, the cost section's US ÷ China price ratio was "
        f"{compared(parity.first_ratio, parity.first_models)} in the {when(parity.first)} price list and is "
        f"{compared(parity.latest_ratio, parity.latest_models)} in the {when(parity.latest)} one; taking "
        f"'a fraction of the cost' as at most 1/{fmt.number(FRACTION_OF_COST)} of the US price, {verdict}."
    )


def computed(ledger: pd.DataFrame, parity: CostParity) -> pd.DataFrame:
    """The ledger with the verdicts it computes: a claim checked by 'cost_parity' takes the parity
    verdict (its curated verdict when today's ratio cannot be computed) and the computed sentence."""
    out = ledger.copy()
    rows = out["computed_by"] == "cost_parity"
    if parity.verdict is not None:
        out.loc[rows, "verdict"] = parity.verdict
    out.loc[rows, "reason"] = out.loc[rows, "reason"].str.rstrip() + " " + cost_parity_reason(parity)
    return out
