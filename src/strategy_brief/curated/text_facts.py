"""Curated non-numeric facts (data/raw/text_facts.csv): licences, release dates, policy events.

facts.csv holds figures only (each value a number found in its quote); the claims ledger also cites facts
that are words or dates, such as "DeepSeek-R1 is under the MIT licence" or "the AI Diffusion Rule was
rescinded on 2025-05-13". They are kept here, one a row, with the same ids as in the shared facts (a split
row takes a letter, as in facts.csv: F181g is the licence row of F181, whose sizes are F181a-f), so every
fact id the ledger cites resolves to exactly one row of facts.csv, text_facts.csv or facts_not_found.csv.

`value` is the fact as the quote words it: it must appear verbatim in `quote` (case and spacing aside).
`date` is when the fact holds (a release, an event): ISO at the precision the source gives (YYYY,
YYYY-MM or YYYY-MM-DD), with `date_end` for a period ("summer 2025": 2025-07 to 2025-08);
`publication_date` is ISO or empty for an undated page, which `notes` must then say.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from strategy_brief import config

COLUMNS = [
    "fact_id",
    "what",
    "actor",
    "value",
    "date",
    "date_end",
    "source_title",
    "source_url",
    "publication_date",
    "quote",
    "notes",
]
REQUIRED = ["fact_id", "what", "actor", "value", "date", "source_title", "source_url", "quote"]

_FACT_ID = re.compile(r"F\d{3}[a-z]?")
_ISO = re.compile(r"\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")


class TextFactsError(ValueError):
    """A non-numeric fact that is malformed or not backed by its quote."""


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_iso(text: str) -> bool:
    if not _ISO.fullmatch(text):
        return False
    if len(text) == 10:
        try:
            pd.Timestamp(text)
        except ValueError:
            return False
    return True


def _row_problem(row: pd.Series) -> tuple[str, str] | None:
    """The first (column, problem) wrong with one row, or None."""
    if not _FACT_ID.fullmatch(row["fact_id"]):
        return "fact_id", "expected F + three digits (+ a letter for a split row)"
    for column in REQUIRED:
        if not row[column].strip():
            return column, "empty"
    for column in ("date", "date_end", "publication_date"):
        if row[column] and not _is_iso(row[column]):
            return column, f"expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {row[column]!r}"
    # A period's end at month or year precision runs to the end of that month or year.
    if row["date_end"] and row["date_end"] + "-99-99"[: 10 - len(row["date_end"])] < row["date"]:
        return "date_end", f"{row['date_end']} is before date {row['date']}"
    if not row["publication_date"] and not row["notes"].strip():
        return "notes", "say why publication_date is empty (an undated page)"
    if not row["source_url"].startswith(("http://", "https://")):
        return "source_url", "expected an http(s) URL"
    if _squash(row["value"]) not in _squash(row["quote"]):
        return "quote", f"does not contain the value {row['value']!r}"
    return None


def load(path: Path | None = None) -> pd.DataFrame:
    """Read the non-numeric facts and verify each row; errors name the file, row (file line) and column."""
    path = Path(path) if path else config.raw_dir() / "text_facts.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise TextFactsError(f"{path.name}: missing column(s) {', '.join(missing)}")
    first_row: dict[str, int] = {}
    for index, row in table.iterrows():
        line = index + 2  # the header is line 1
        where = f"{path.name} row {line} ({row['fact_id']})"
        if row["fact_id"] in first_row:
            raise TextFactsError(f"{where}, column fact_id: duplicate of row {first_row[row['fact_id']]}")
        first_row[row["fact_id"]] = line
        if problem := _row_problem(row):
            column, message = problem
            raise TextFactsError(f"{where}, column {column}: {message}")
    return table
