"""The glossary readers see, curated in data/raw/glossary.csv, and the Chinese developers' own names."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from strategy_brief import config

COLUMNS = ("term", "definition", "in_executive")
# The curated files, in data/raw of the project root as it is when read.
_FILES = {"GLOSSARY_FILE": "glossary.csv", "DEVELOPERS_FILE": "developers.csv"}


def __getattr__(name: str) -> Path:
    if name in _FILES:  # GLOSSARY_FILE, DEVELOPERS_FILE
        return config.raw_dir() / _FILES[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(path: Path | None = None, *, executive_only: bool = False) -> pd.DataFrame:
    """Terms in alphabetical order; `executive_only` keeps the few an executive brief defines."""
    path = Path(path) if path else config.raw_dir() / _FILES["GLOSSARY_FILE"]
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}")
    for row, entry in table.iterrows():
        where = f"{path}: row {row + 2}"
        if not entry["term"].strip() or not entry["definition"].strip():
            raise ValueError(f"{where}: term and definition must not be empty")
        if entry["in_executive"] not in ("yes", "no"):
            raise ValueError(
                f"{where}, column 'in_executive': expected yes or no, got {entry['in_executive']!r}"
            )
    twice = table.loc[table["term"].str.lower().duplicated(), "term"].tolist()
    if twice:
        raise ValueError(f"{path}: term(s) defined twice: {', '.join(twice)}")
    if executive_only:
        table = table[table["in_executive"] == "yes"]
    return table.sort_values("term", key=lambda s: s.str.lower(), kind="mergesort").reset_index(drop=True)
