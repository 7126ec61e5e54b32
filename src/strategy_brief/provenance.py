"""Source notes and the methods appendix, generated from the registry and the processed tables'
metadata so they cannot go stale."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from . import config, processed, sources


def source_note(tables: list[str], processed_dir: Path = config.PROCESSED_DIR) -> str:
    """'Source: producer, title (licence), data as of …; …' for the processed tables a chart uses."""
    if not tables:
        raise ValueError("source_note: name at least one processed table")
    parts: dict[str, str] = {}
    for table in tables:
        meta = processed.read_meta(table, processed_dir)
        for src in meta["sources"]:
            dates = sorted(s["date"] for s in src["snapshots"])
            vintage = f"snapshot {dates[-1]}" if len(dates) == 1 else f"snapshots {dates[0]} to {dates[-1]}"
            parts[src["name"]] = f"{src['producer']}, {src['title']} ({src['licence']}), {vintage}"
    return "Source: " + "; ".join(parts[name] for name in sorted(parts)) + ". Processed by strategy-brief."


def sources_table(processed_dir: Path = config.PROCESSED_DIR) -> pd.DataFrame:
    """One row per registered source: producer, title, URL, licence, citation, cadence and the
    snapshot dates the committed tables were computed from."""
    used: dict[str, set[str]] = {}
    for meta_path in sorted(processed_dir.glob("*.meta.yml")):
        meta = processed.read_meta(meta_path.name.removesuffix(".meta.yml"), processed_dir)
        for src in meta["sources"]:
            used.setdefault(src["name"], set()).update(s["date"] for s in src["snapshots"])
    rows = [
        {
            "source": s.name,
            "producer": s.producer,
            "title": s.title,
            "url": s.url,
            "host": urlsplit(s.url).netloc,
            "licence": s.licence,
            "citation": s.citation,
            "cadence": s.update_cadence,
            "snapshots": ", ".join(sorted(used.get(s.name, set()))) or "none committed",
        }
        for s in sources.load_all()
    ]
    return pd.DataFrame(rows)


def tables_table(processed_dir: Path = config.PROCESSED_DIR) -> pd.DataFrame:
    """One row per processed table: what it is, rows, date range, sources and how it was computed."""
    rows = []
    for meta_path in sorted(processed_dir.glob("*.meta.yml")):
        meta = processed.read_meta(meta_path.name.removesuffix(".meta.yml"), processed_dir)
        rows.append(
            {
                "table": meta["table"],
                "title": meta["title"],
                "rows": meta["rows"],
                "date_range": " to ".join(meta["date_range"]) if "date_range" in meta else "single snapshot",
                "sources": ", ".join(s["name"] for s in meta["sources"]),
                "method": meta["method"],
            }
        )
    return pd.DataFrame(rows)
