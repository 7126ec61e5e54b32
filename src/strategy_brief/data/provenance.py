"""Source notes and the methods appendix, generated from the registry and the processed tables'
metadata so they cannot go stale."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from strategy_brief import config
from strategy_brief.data import processed, sources


def source_note(
    tables: list[str] | tuple[str, ...] = (),
    processed_dir: Path | None = None,
    *,
    facts: pd.DataFrame | None = None,
) -> str:
    """One source note for a chart or table: for each dataset behind the processed ``tables``, its
    producer, title, licence and snapshot date(s); for each curated fact in ``facts``, its primary
    source and where it was read, with the fact ids. Datasets first, then facts, sources apart by
    " | ":

    'Source: Epoch AI, Notable AI Models, CC BY 4.0, snapshot 2026-07-19 | Edelman Trust Barometer
    2025, via audacy.com (facts F151–F157). Processed by strategy-brief.'"""
    has_facts = facts is not None and not facts.empty
    if not tables and not has_facts:
        raise ValueError("source_note: name at least one processed table or curated fact")
    datasets: dict[str, str] = {}
    for table in tables:
        meta = processed.read_meta(table, processed_dir)
        for src in meta["sources"]:
            dates = sorted({s["date"] for s in src["snapshots"]})
            vintage = f"snapshot {dates[-1]}" if len(dates) == 1 else f"snapshots {dates[0]} to {dates[-1]}"
            datasets[src["name"]] = f"{src['producer']}, {src['title']}, {src['licence']}, {vintage}"
    parts = [datasets[name] for name in sorted(datasets)]
    if has_facts:
        parts += _fact_sources(facts)
    return "Source: " + " | ".join(parts) + (". Processed by strategy-brief." if tables else ".")


def _fact_sources(rows: pd.DataFrame) -> list[str]:
    """'Primary source, via site, site (facts F1–F4, F7)' per primary source, in name order."""
    parts = []
    for primary, group in rows.groupby("primary_source", sort=True):
        sites = sorted({urlsplit(url).netloc.removeprefix("www.") for url in group["source_url"]})
        ids = sorted(group["fact_id"])
        label = "fact" if len(ids) == 1 else "facts"
        parts.append(f"{primary}, via {', '.join(sites)} ({label} {id_ranges(ids)})")
    return parts


def id_ranges(ids: list[str] | tuple[str, ...]) -> str:
    """Ids such as F151, F152, F153, F160, F201a as 'F151–F153, F160, F201a': runs of three or more
    consecutive numbers with the same prefix and width are shown as a range."""
    parsed = []
    for fact_id in sorted(set(ids)):
        match = re.fullmatch(r"([A-Za-z]*)(\d+)", fact_id)
        if match:
            parsed.append((match.group(1), len(match.group(2)), int(match.group(2))))
        else:
            parsed.append((fact_id, -1, 0))
    out: list[str] = []
    run: list[tuple[str, int, int]] = []

    def flush() -> None:
        shown = [f"{p}{n:0{w}d}" for p, w, n in run]
        out.extend([f"{shown[0]}–{shown[-1]}"] if len(run) >= 3 else shown)
        run.clear()

    for item in parsed:
        if item[1] < 0:
            flush()
            out.append(item[0])
            continue
        if run and (item[0], item[1]) == run[-1][:2] and item[2] == run[-1][2] + 1:
            run.append(item)
        else:
            flush()
            run.append(item)
    flush()
    return ", ".join(out)


def sources_table(processed_dir: Path | None = None) -> pd.DataFrame:
    """One row per registered source: producer, title, URL, licence, citation, cadence and the
    snapshot dates the committed tables were computed from."""
    processed_dir = Path(processed_dir) if processed_dir else config.processed_dir()
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


def tables_table(processed_dir: Path | None = None) -> pd.DataFrame:
    """One row per processed table: what it is, rows, date range, sources and how it was computed."""
    processed_dir = Path(processed_dir) if processed_dir else config.processed_dir()
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
