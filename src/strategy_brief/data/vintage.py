"""How old the data behind a brief is: one line per source, read from the processed tables'
metadata (so it moves with every refresh) and from the curated facts' as-of dates."""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

import pandas as pd

from strategy_brief import config
from strategy_brief.data import processed

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Data more than this many whole months older than the edition is dated in the headline it backs.
STALE_MONTHS = 3


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


def newest_day(data_to: str, snapshot: str) -> str:
    """The newest day a source's data covers (ISO), from its date range's end and its newest snapshot: a
    full date as is, a month to its last day, a year to 31 December or the snapshot if earlier (a year
    still running is covered only up to the snapshot), no range: the snapshot. '' when undated (a
    package version and no date range)."""
    dated_snapshot = snapshot if _DATE.match(snapshot or "") and len(snapshot) == 10 else ""
    if data_to and _DATE.match(data_to):
        if len(data_to) == 10:
            return data_to
        if len(data_to) == 7:
            year, month = int(data_to[:4]), int(data_to[5:])
            return f"{data_to}-{calendar.monthrange(year, month)[1]:02d}"
        end = f"{data_to}-12-31"
        return min(end, dated_snapshot) if dated_snapshot else end
    return dated_snapshot


def months_old(day: str, edition: str) -> int:
    """Whole months from `day` to `edition` (both ISO dates): 2025-08-31 → 2025-12-01 is 3."""
    then, now = date.fromisoformat(day[:10]), date.fromisoformat(edition[:10])
    months = (now.year - then.year) * 12 + now.month - then.month
    return months - (1 if now.day < then.day else 0)


def ages(edition: str, tables: list[str] | None = None, processed_dir: Path | None = None) -> pd.DataFrame:
    """`by_source` with each source's newest day of data (`newest`, '' when undated) and its age in whole
    months at the edition date (`age_months`, <NA> when undated)."""
    out = by_source(tables, processed_dir)
    out["newest"] = [newest_day(d, s) for d, s in zip(out["data_to"], out["snapshot"], strict=True)]
    out["age_months"] = pd.array(
        [months_old(n, edition) if n else pd.NA for n in out["newest"]], dtype="Int64"
    )
    return out


def newest(tables: list[str], as_of: str = "", processed_dir: Path | None = None) -> str:
    """The newest day of data behind `tables` (the newest of their sources), capped at `as_of`; '' when
    every source is undated."""
    rows = by_source(tables, processed_dir)
    days = [d for d in map(newest_day, rows["data_to"], rows["snapshot"]) if d]
    if not days:
        return ""
    return min(max(days), as_of) if as_of else max(days)


def is_stale(day: str, edition: str, months: int = STALE_MONTHS) -> bool:
    """Whether data up to `day` is more than `months` whole months older than the edition ('' never is)."""
    return bool(day) and months_old(day, edition) > months


def age_text(age_months: object) -> str:
    """'8 months', '1 month', 'under a month', or 'undated' (<NA>)."""
    if age_months is None or pd.isna(age_months):
        return "undated"
    n = int(age_months)
    return "under a month" if n <= 0 else f"{n} month{'s' if n != 1 else ''}"
