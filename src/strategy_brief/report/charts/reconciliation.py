"""The published-figures section's table, from the reconciliation table
(analysis.indicators.reconciliation.published_figures). Returns the keyword arguments of
record.show_table; `source_note` names the datasets and the published figures behind it."""

from __future__ import annotations

import math

import pandas as pd

from strategy_brief import fmt
from strategy_brief.curated import facts as curated_facts
from strategy_brief.data import provenance

COLUMNS = {
    "fact_id": "Fact",
    "figure": "Published figure",
    "published_text": "Published",
    "method": "Recomputed how",
    "vintage_text": "At the publication's vintage",
    "today_text": "Today",
    "difference_text": "Difference",
    "reason": "Why they differ",
}
WIDTHS = ["5%", "17%", "8%", "14%", "9%", "9%", "8%", "30%"]
GAP = "not recomputable"


def _digits(unit: str) -> int:
    return 0 if unit in ("models", "count") else 2


def value_text(value: float, unit: str, missing: str = GAP) -> str:
    """A recomputed value in its figure's unit, or `missing`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    return fmt.fact_value(value, unit, digits=_digits(unit))


def difference_text(value: float, unit: str) -> str:
    """Recomputed minus published: '+2.22 pp' for a percentage, '+15' for a count; '–' when none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    shown = fmt.number(abs(value), _digits(unit))
    return f"{sign}{shown}{' pp' if unit == 'percent' else ''}"


def comparison(table: pd.DataFrame) -> dict:
    """Every published figure and method: published, recomputed (at vintage and today), difference, why."""
    rows = table.assign(
        published_text=[
            fmt.fact_value(v, u, q)
            for v, u, q in zip(table["published"], table["unit"], table["qualifier"], strict=True)
        ],
        vintage_text=[
            value_text(v, u, missing="no snapshot" if not s else GAP)
            + (f" ({s})" if s and not math.isnan(v) else "")
            for v, u, s in zip(
                table["recomputed_at_vintage"], table["unit"], table["vintage_snapshot"], strict=True
            )
        ],
        today_text=[
            value_text(v, u) + (f" ({s})" if s and not math.isnan(v) else "")
            for v, u, s in zip(table["recomputed_today"], table["unit"], table["today_snapshot"], strict=True)
        ],
        difference_text=[
            difference_text(v, u) for v, u in zip(table["difference"], table["unit"], strict=True)
        ],
    )
    return {
        "frame": rows,
        "caption": "Published figures recomputed from the project's data",
        "columns": COLUMNS,
        "widths": WIDTHS,
        "compact": True,
    }


def source_note(table: pd.DataFrame) -> str:
    """The datasets the recomputations read and the published figures' sources."""
    tables = sorted({t for t in table["table"] if t})
    facts = curated_facts.load()
    return provenance.source_note(tables, facts=facts[facts["fact_id"].isin(set(table["fact_id"]))])
