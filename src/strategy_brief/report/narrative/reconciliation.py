"""The published-figures section's sentences, from the reconciliation table
(analysis.indicators.reconciliation.published_figures): one row per published figure and method."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt

SECTION = "How our numbers compare with published ones"
CLOSE = 0.10  # a recomputation within 10% of the published value counts as close


def _facts(table: pd.DataFrame) -> pd.DataFrame:
    """One row per published figure: recomputed if any method recomputes it; its closest method."""
    if table.empty:
        raise ValueError("reconciliation narrative: no published figure is mapped")
    relative = (table["difference"].abs() / table["published"].abs()).where(table["published"] != 0)
    ranked = table.assign(relative=relative, _order=range(len(table)))
    ranked = ranked.sort_values(["relative", "_order"], na_position="last")
    return ranked.groupby("fact_id", sort=False).head(1).sort_values("_order")


def counts(table: pd.DataFrame) -> dict[str, int]:
    """Published figures, how many the data recomputes, how many are data gaps, how many are close."""
    per_fact = _facts(table)
    recomputed = per_fact["recomputed_today"].notna()
    return {
        "figures": len(per_fact),
        "recomputed": int(recomputed.sum()),
        "gaps": int((~recomputed).sum()),
        "close": int((per_fact["relative"] <= CLOSE).sum()),
    }


def _figures(n: int) -> str:
    return f"{n} published figure{'' if n == 1 else 's'}"


def key_finding(table: pd.DataFrame) -> str:
    c = counts(table)
    text = (
        f"Of {_figures(c['figures'])} set against the project's data, {c['recomputed']} can be recomputed "
        f"and {c['gaps']} cannot (a data gap, with the reason below)."
    )
    if c["recomputed"]:
        text += (
            f" {c['close']} of the {c['recomputed']} recomputed {'comes' if c['close'] == 1 else 'come'} "
            f"within {fmt.percent(100 * CLOSE)} of "
            "the published value; the others differ by vintage, counting rule or definition, as each row "
            "says."
        )
    return text


def overview_line(table: pd.DataFrame) -> str:
    """One line for the overview: how many published figures the data reproduces, and where to read more."""
    c = counts(table)
    close = f", {c['close']} within {fmt.percent(100 * CLOSE)}" if c["recomputed"] else ""
    return (
        f"Published figures: of {_figures(c['figures'])} (AI Index and others), {c['recomputed']} recompute "
        f"from our data{close}, and {c['gaps']} are data gaps; see '{SECTION}'."
    )


def scope(table: pd.DataFrame) -> str:
    methods = table.groupby("fact_id")["method"].nunique()
    both = int((methods > 1).sum())
    text = (
        "Each published figure is recomputed by the indicator the curated mapping "
        "(data/raw/reconciliation.csv) names for it: from the snapshot of the publication's vintage "
        "where one is held, and from today's."
    )
    if both:
        text += (
            f" {both} figure{'s are' if both != 1 else ' is'} recomputed two ways (notable models counted "
            "for the first-listed organization and for any listed organization)."
        )
    return text + " The difference is today's recomputation minus the published value."


def gap_points(table: pd.DataFrame) -> list[tuple[str, str]]:
    """The figures no method recomputes, with why (for the data-gap box); empty when there are none."""
    per_fact = _facts(table)
    gaps = per_fact[per_fact["recomputed_today"].isna()]
    return [(f"{r.fact_id}: {r.figure}", r.reason) for r in gaps.itertuples()]


def gap_text(table: pd.DataFrame) -> str:
    n = len(gap_points(table))
    return (
        f"{_figures(n).capitalize()} cannot be recomputed from the data the project holds; "
        "no number is put in their place."
    )
