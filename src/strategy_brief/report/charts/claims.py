"""The claims-ledger section's chart and tables, from the ledger as `readable` prepares it.

Each function returns the keyword arguments of record.show_figure or record.show_table; the notebook
adds the source note (SOURCE_NOTE)."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.curated.claims import VERDICTS
from strategy_brief.report import style

SOURCE_NOTE = (
    "Source: claims ledger (data/raw/claims.csv), verdicts against data/raw/facts.csv, "
    "data/raw/text_facts.csv, data/raw/facts_not_found.csv and the processed tables."
)
LEDGER_COLUMNS = {
    "claim_id": "Claim",
    "verdict": "Verdict",
    "quote": "What the article says",
    "reason": "Why",
    "evidence": "Evidence (facts; tables)",
}
LEDGER_WIDTHS = ["6%", "12%", "27%", "38%", "17%"]
# One per verdict, in VERDICTS order: green to vermillion, then greys (hatched apart) for the claims no
# source or no data could check.
VERDICT_COLOURS = ["#009E73", "#56B4E9", "#CC79A7", "#E69F00", "#D55E00", "#999999", "#CCCCCC"]
VERDICT_HATCHES = ["", "..", "\\\\", "//", "xx", "--", ""]


def readable(ledger: pd.DataFrame) -> pd.DataFrame:
    """The ledger as the tables show it: an `evidence` column (fact ids, then the processed tables) and
    rows in verdict order, then by claim id."""
    return ledger.assign(
        evidence=ledger["evidence_facts"].str.replace(";", ", ")
        + ledger["evidence_tables"].map(lambda t: "" if not t else "; tables: " + t.replace(";", ", ")),
        order=ledger["verdict"].map({v: i for i, v in enumerate(VERDICTS)}),
    ).sort_values(["order", "claim_id"])


def verdicts(ledger: pd.DataFrame, counts: pd.Series) -> dict:
    """Bars of the claims by verdict (`counts`, claims.verdict_counts); the data behind it is by dimension
    and verdict."""
    held = int(counts["supported"]) + int(counts["partly supported"])
    fig, ax = style.new_figure(
        f"{fmt.percent(100 * held / len(ledger))} of the press's claims hold at least in part",
        f"Claims in the {ledger['seed_file'].nunique()} seed articles by verdict",
        height=2.3,
    )
    ax.barh(
        range(len(VERDICTS)),
        counts.to_numpy(),
        color=VERDICT_COLOURS,
        hatch=VERDICT_HATCHES,
        edgecolor="white",
    )
    for y, value in enumerate(counts.to_numpy()):
        ax.text(value + 0.5, y, str(value), va="center", fontsize=9)
    ax.set_yticks(range(len(VERDICTS)), VERDICTS)
    ax.invert_yaxis()
    ax.set_xlabel("Claims")
    return {
        "fig": fig,
        "alt": "Bar chart of claims by verdict: " + ", ".join(f"{v} {n}" for v, n in counts.items()) + ".",
        "data": ledger.groupby(["indicator", "verdict"]).size().rename("claims").reset_index(),
        "columns": {
            "indicator": "dimension the claim concerns",
            "verdict": "verdict",
            "claims": "number of claims",
        },
    }


def by_dimension(ledger: pd.DataFrame) -> dict:
    """Claims by the dimension they concern and by verdict, the largest dimensions first, with a total row."""
    table = pd.crosstab(ledger["indicator"], ledger["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    table["total"] = table.sum(axis=1)
    table = table.sort_values(["total", "supported"], ascending=False).reset_index()
    table.loc[len(table)] = ["all dimensions", *table.drop(columns="indicator").sum()]
    table["indicator"] = [
        (name[0].upper() + name[1:]).replace(" ai", " AI")
        for name in table["indicator"].str.replace("_", " ")
    ]
    return {
        "frame": table,
        "caption": "Claims by the dimension they concern and by verdict",
        "columns": {"indicator": "Dimension"} | {v: v.capitalize() for v in VERDICTS} | {"total": "All"},
    }


def in_full(ledger: pd.DataFrame, verdicts: list[str]) -> dict | None:
    """The claims with one of `verdicts`, in full; None when there are none (nothing to show)."""
    rows = ledger[ledger["verdict"].isin(verdicts)]
    if rows.empty:
        return None
    return {
        "frame": rows,
        "caption": f"Claims judged {' or '.join(verdicts)} ({len(rows)}), in full",
        "columns": LEDGER_COLUMNS,
        "widths": LEDGER_WIDTHS,
    }


def by_verdict(ledger: pd.DataFrame) -> list[dict]:
    """The whole ledger for the annex: one compact table per verdict that has claims."""
    tables = []
    for verdict in VERDICTS:
        rows = ledger[ledger["verdict"] == verdict]
        if rows.empty:
            continue
        tables.append(
            {
                "frame": rows,
                "caption": f"Claims judged {verdict} ({len(rows)})",
                "columns": {k: v for k, v in LEDGER_COLUMNS.items() if k != "verdict"},
                "widths": ["6%", "30%", "45%", "19%"],
                "compact": True,
            }
        )
    return tables
