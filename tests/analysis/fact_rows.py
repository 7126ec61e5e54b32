"""Small synthetic facts tables for the indicator tests: every column of curated/facts.csv present."""

from __future__ import annotations

import pandas as pd

from strategy_brief.curated import facts as facts_module

FACT_COLUMNS = facts_module.COLUMNS


def facts(*rows: dict) -> pd.DataFrame:
    """A facts table with every column; each row gives what it needs, the rest is empty."""
    defaults = {c: "" for c in FACT_COLUMNS} | {"qualifier": "exact", "primary_source": "Source A"}
    table = pd.DataFrame([defaults | row for row in rows], columns=FACT_COLUMNS)
    table["value"] = table["value"].astype(float)
    return table


def year_fact(fact_id, indicator, country, value, unit, year, **extra):
    return {
        "fact_id": fact_id,
        "indicator": indicator,
        "actor": country,
        "country": country,
        "value": value,
        "unit": unit,
        "as_of_start": f"{year}-01-01",
        "as_of_end": f"{year}-12-31",
    } | extra
