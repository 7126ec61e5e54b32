"""What defines a processed table: its spec (TableSpec), and the shared column rules and meanings its
schema and metadata are written with. Each table is defined once, in its data.steps module: how it is
computed, its key and date column, its pandera schema and what its own columns mean."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify

if TYPE_CHECKING:
    from strategy_brief.data.snapshot import Snapshot

BLOCS = list(classify.BLOCS)
OPENNESS = ["open_unrestricted", "open_restricted", "open_noncommercial", "api", "unreleased", "unknown"]
DATE = r"^\d{4}-\d{2}-\d{2}$"

# What the shared columns mean, so every table's metadata documents them the same way (a spec's `units`
# documents its own columns).
COLUMN_DOCS = {
    "bloc": "bloc of the developer: United States, China, Europe or Rest of world (classification/README.md)",
    "provider_bloc": "bloc of the cloud provider's home country",
    "openness_class": "open_unrestricted, open_restricted, open_noncommercial, api, unreleased or unknown"
    " (OPENNESS.md)",
    "model_id": "canonical model id (data/raw/model_crosswalk.csv); empty when not in the crosswalk",
    "developer": "canonical developer (classification/organizations.csv)",
    "organization": "canonical lead organization (classification/organizations.csv)",
    "world_region": "reporting world region on UN M49 (classification/un_subregion_to_world_region.csv)",
    "host_provider": "who serves the model (litellm_provider); not the developer",
}

# What a lost value turns into when it is written as text ("nan" from str(NaN), "None"): never a
# name. Blank is how an optional column says "none" (it reads back as missing), so only a required
# column refuses it.
PLACEHOLDERS = ("nan", "none", "null", "n/a")


def _not_placeholder(blank_too: bool) -> pa.Check:
    refused = (*PLACEHOLDERS, "") if blank_too else PLACEHOLDERS
    return pa.Check(
        lambda s: ~s.astype(str).str.strip().str.lower().isin(refused),
        name="not_placeholder",
        error=f"text is not a placeholder ({', '.join(PLACEHOLDERS)}{' or blank' if blank_too else ''})",
    )


def column(dtype, *checks, nullable=False, unique=False) -> pa.Column:
    """A processed column's rule: its type (coerced), checks, and for text, no placeholder for a value."""
    if dtype is str:
        checks = (*checks, _not_placeholder(blank_too=not nullable))
    return pa.Column(dtype, list(checks), nullable=nullable, unique=unique, coerce=True)


@dataclass(frozen=True)
class TableSpec:
    """A processed table: what it is, what it is computed from and how, and what it must hold (`schema`).

    `date_column` is the one column an as_of cut uses (`processed.read(..., as_of=...)`); None for a table
    that is not dated (a single snapshot)."""

    name: str
    title: str
    description: str
    sources: tuple[str, ...]
    compute: Callable[[dict[str, list[Snapshot]]], pd.DataFrame]
    key: tuple[str, ...]
    units: dict[str, str] = field(default_factory=dict)
    date_column: str | None = None
    method: str = ""
    schema: pa.DataFrameSchema | None = None
    # A derived table is computed from other processed tables, not from snapshots: `compute` then
    # takes {table name: frame as the briefs read it}, and `sources` lists its inputs' sources.
    derived_from: tuple[str, ...] = ()
