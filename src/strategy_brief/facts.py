"""Curated facts (data/raw/facts.csv): load, verify against their quotes, and cite."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from . import config

COLUMNS = [
    "fact_id",
    "indicator",
    "country",
    "value",
    "unit",
    "as_of",
    "primary_source",
    "source_title",
    "source_url",
    "publication_date",
    "quote",
    "notes",
]


class FactsError(ValueError):
    """A curated fact that is malformed or not backed by its quote."""


def load(path: Path | None = None) -> pd.DataFrame:
    """Read the curated facts and verify each row; errors name the file, row and column."""
    path = Path(path) if path else config.RAW_DIR / "facts.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise FactsError(f"{path.name}: missing column(s) {', '.join(missing)}")
    duplicated = table["fact_id"][table["fact_id"].duplicated()]
    if not duplicated.empty:
        raise FactsError(f"{path.name}: duplicate fact_id {duplicated.iloc[0]}")
    values = []
    for index, row in table.iterrows():
        where = f"{path.name} row {index + 2} ({row['fact_id']})"  # +2: header and 1-based
        try:
            value = float(row["value"])
        except ValueError as exc:
            raise FactsError(f"{where}, column value: expected a number, got {row['value']!r}") from exc
        if not row["source_url"].startswith(("http://", "https://")):
            raise FactsError(f"{where}, column source_url: expected an http(s) URL")
        if not _quote_contains(row["quote"], row["value"]):
            raise FactsError(f"{where}, column quote: does not contain the value {row['value']}")
        values.append(value)
    table["value"] = values
    return table


def _quote_contains(quote: str, value: str) -> bool:
    number = value.rstrip("0").rstrip(".") if "." in value else value
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", quote.replace(",", "")) is not None


def source_note(rows: pd.DataFrame) -> str:
    """A chart source note built from the facts' provenance (primary source, where it was read)."""
    if rows.empty:
        raise FactsError("source_note: no fact rows given")
    parts = []
    for primary, group in rows.groupby("primary_source", sort=True):
        sites = sorted({urlsplit(url).netloc.removeprefix("www.") for url in group["source_url"]})
        ids = ", ".join(sorted(group["fact_id"]))
        parts.append(f"{primary}, as reported by {', '.join(sites)} (facts {ids})")
    return "Source: " + " | ".join(parts) + "."
