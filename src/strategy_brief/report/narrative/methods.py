"""Prose and reference tables of the methods section, generated from the source registry, the processed
tables' metadata and the classification tables, so they cannot drift from the data."""

from __future__ import annotations

import pandas as pd

from strategy_brief import config
from strategy_brief.data import provenance, vintage

REGISTRY_NOTE = "Source: the project's source registry (data/sources/*.yml)."
METADATA_NOTE = "Source: the metadata of each processed table (data/processed/*.meta.yml)."
SOURCE_COLUMNS = {
    "producer": "Producer",
    "title": "Dataset",
    "licence": "Licence",
    "snapshots": "Snapshots used",
    "data_to": "Data vintage",
    "age": "Age at the edition",
    "host": "Downloaded from",
}
TABLE_COLUMNS = {"title": "Table", "rows": "Rows", "date_range": "Covers", "method": "How it is computed"}
ATTRIBUTION_COLUMNS = {"title": "Dataset", "citation": "Citation", "licence": "Licence"}
BLOCS = (
    "Every developer is placed in one of four blocs by the country of its controlling headquarters: "
    "United States, China, Europe (UN M49 Europe) or rest of world. Explicit cases follow; a model made "
    "by several organizations counts for the first one listed."
)


def sources_with_vintage(edition: str) -> pd.DataFrame:
    """`provenance.sources_table` with `data_to`: how recent each source's data is ('data to 2025-08'), or
    'not used' for a registered source no processed table reads; and `age`: how old its newest data is at
    the edition date ('8 months', 'undated' for a package version; vintage.ages)."""
    sources = provenance.sources_table()
    data_to = vintage.ages(edition).set_index("source")
    sources["data_to"] = [
        vintage.describe(data_to.loc[s]).split(": ", 1)[1] if s in data_to.index else "not used"
        for s in sources["source"]
    ]
    sources["age"] = [
        vintage.age_text(data_to.loc[s, "age_months"]) if s in data_to.index else ""
        for s in sources["source"]
    ]
    return sources


def ages_note(edition: str) -> str:
    """How to read the age column, with the edition date it is counted to."""
    return (
        f"Age at the edition: whole months from the newest day of a source's data to the edition date "
        f"({edition}); a headline resting on data more than {vintage.STALE_MONTHS} months old says "
        "'as of' the month of that data."
    )


def overview(sources: int, tables: int) -> str:
    """How many datasets and processed tables the edition draws on."""
    return (
        f"This edition draws on {sources} public datasets, each kept as dated snapshots with a checksum, "
        f"and {tables} tables the project computes from them. Every chart's source note is generated "
        "from the same metadata."
    )


def classification(name: str) -> pd.DataFrame:
    """A classification table (data/raw/classification/`name`) as the methods section shows it."""
    return pd.read_csv(config.raw_dir() / "classification" / name, keep_default_na=False)


def how_to_cite(citation: str) -> str:
    """How to cite the brief (`citation`: the build file's citation of it) and what reuse requires."""
    return (
        f"**How to cite.** {citation} Reuse of the brief's text, tables and charts needs attribution to the "
        "project and to the sources named under each chart; each dataset keeps its own licence, listed above "
        "(Epoch AI's data, for example, must be credited to Epoch AI)."
    )
