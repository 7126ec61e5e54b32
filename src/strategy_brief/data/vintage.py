"""How old the data behind a brief is: one line per source, read from the processed tables'
metadata (so it moves with every refresh) and from the curated facts' as-of dates."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from strategy_brief import config
from strategy_brief.data import processed

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _month(text: str) -> str:
    return text[:7]


def by_source(tables: list[str] | None = None, processed_dir: Path | None = None) -> pd.DataFrame:
    """Per source: the newest date its data covers, the newest snapshot, and the tables built from it."""
    processed_dir = Path(processed_dir) if processed_dir else config.processed_dir()
    names = tables or sorted(p.name.removesuffix(".meta.yml") for p in processed_dir.glob("*.meta.yml"))
    if not names:
        raise ValueError(f"vintage.by_source: no processed tables in {processed_dir}")
    rows: dict[str, dict] = {}
    for table in names:
        meta = processed.read_meta(table, processed_dir)
        data_to = meta["date_range"][1] if "date_range" in meta else ""
        for src in meta["sources"]:
            snapshots = sorted(str(s["date"]) for s in src["snapshots"])
            row = rows.setdefault(
                src["name"],
                {"source": src["name"], "title": src["title"], "data_to": "", "snapshot": "", "tables": []},
            )
            row["data_to"] = max(row["data_to"], str(data_to))
            row["snapshot"] = max(row["snapshot"], snapshots[-1])
            row["tables"].append(table)
    out = pd.DataFrame(sorted(rows.values(), key=lambda r: r["title"]))
    out["tables"] = out["tables"].map(", ".join)
    return out


def describe(row: pd.Series) -> str:
    """'LMArena text leaderboard: data to 2025-08' or 'Cloud regions: snapshot of 2025-01'."""
    if not _DATE.match(row["snapshot"]):  # a package version, not a date
        return f"{row['title']}: package version {row['snapshot']}"
    if row["data_to"] and len(row["data_to"]) >= 7:
        return f"{row['title']}: data to {_month(row['data_to'])}"
    if row["data_to"]:  # a year only: the snapshot date says more
        return f"{row['title']}: data to {row['data_to']} (snapshot {_month(row['snapshot'])})"
    return f"{row['title']}: snapshot of {_month(row['snapshot'])}"


def line(tables: list[str] | None = None, processed_dir: Path | None = None) -> str:
    """One line for readers: every source behind the brief and how recent its data is."""
    return "; ".join(describe(r) for _, r in by_source(tables, processed_dir).iterrows())


def facts_span(curated: pd.DataFrame, until: str) -> str:
    """'N curated figures, the newest as of 2026-03' for the facts a brief uses; targets and plans dated
    after `until` (the edition) are counted but do not make the data look newer than it is."""
    if curated.empty:
        raise ValueError("vintage.facts_span: no facts")
    end = curated["as_of_end"].where(curated["as_of_end"] != "", curated["as_of_start"]).astype(str)
    dated = end[(end != "") & (end <= until)]
    newest = f", the newest as of {dated.max()[:7]}" if len(dated) else ""
    return f"{len(curated)} curated figure{'s' if len(curated) != 1 else ''}{newest}"
