"""pandera schemas of the tables read: processed (each defined with its spec), upstream files and curated
inputs; errors name the file, row, column, value and rule."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from strategy_brief.data.steps import TABLES
from strategy_brief.data.table import BLOCS, OPENNESS


class ValidationError(ValueError):
    """A table breaks its schema."""


# Each processed table's schema is defined with its spec (TableSpec.schema, in data.steps).
PROCESSED: dict[str, pa.DataFrameSchema] = {spec.name: spec.schema for spec in TABLES if spec.schema}


NUMBER_OR_EMPTY = r"^(-?\d+(\.\d*)?([eE][-+]?\d+)?)?$"
DATE_OR_EMPTY = r"^(\d{4}-\d{2}-\d{2}.*)?$"


def _text(*checks, unique=False):
    return pa.Column(str, list(checks), unique=unique, nullable=False)


# Upstream files, read as text: what the processing steps rely on.
UPSTREAM: dict[str, pa.DataFrameSchema] = {
    "epoch_notable_models": pa.DataFrameSchema(
        {"Model": _text(), "Publication date": _text(pa.Check.str_matches(DATE_OR_EMPTY))}
    ),
    "epoch_ml_hardware": pa.DataFrameSchema(
        {
            "Hardware name": _text(),
            "Release date": _text(pa.Check.str_matches(DATE_OR_EMPTY)),
            "Tensor-FP16/BF16 performance (FLOP/s)": _text(pa.Check.str_matches(NUMBER_OR_EMPTY)),
        }
    ),
    "epoch_capabilities_index": pa.DataFrameSchema(
        {
            "Model version": _text(unique=True),
            "ECI Score": _text(pa.Check.str_matches(NUMBER_OR_EMPTY)),
            "Release date": _text(pa.Check.str_matches(DATE_OR_EMPTY)),
        }
    ),
    "lmarena_text": pa.DataFrameSchema(
        {"model": _text(), "arena_score": _text(pa.Check.str_matches(NUMBER_OR_EMPTY))}
    ),
    "open_llm_leaderboard": pa.DataFrameSchema({"model_name": _text(), "model_type": _text()}),
}

# Curated inputs in data/raw (their own loaders check meaning; these check shape).
_OPENNESS_OR_EMPTY = [*OPENNESS]
CURATED: dict[str, pa.DataFrameSchema] = {
    "classification/organizations.csv": pa.DataFrameSchema(
        {
            "name_in_source": _text(unique=True),
            "organization": _text(pa.Check.str_length(min_value=1)),
            "country": _text(),
        }
    ),
    "classification/openness_map.csv": pa.DataFrameSchema(
        {"source": _text(), "raw_value": _text(), "openness_class": _text(pa.Check.isin(OPENNESS))},
        unique=["source", "raw_value"],
    ),
    "model_crosswalk.csv": pa.DataFrameSchema(
        {
            "model_id": _text(pa.Check.str_matches(r"^[a-z0-9][a-z0-9.\-_:@/]*$"), unique=True),
            "developer": _text(pa.Check.str_length(min_value=1)),
            "openness_class": _text(pa.Check.isin(_OPENNESS_OR_EMPTY)),
            "release_date": _text(pa.Check.str_matches(r"^(\d{4}-\d{2}-\d{2})?$")),
        }
    ),
    "model_aliases.csv": pa.DataFrameSchema(
        {"source": _text(), "name_in_source": _text(pa.Check.str_length(min_value=1)), "model_id": _text()},
        unique=["source", "name_in_source"],
    ),
    "classification/country_blocs.csv": pa.DataFrameSchema(
        {"country": _text(unique=True), "bloc": _text(pa.Check.isin(BLOCS))}
    ),
    "classification/hardware_makers.csv": pa.DataFrameSchema(
        {"manufacturer": _text(unique=True), "country": _text()}
    ),
    "classification/cloud_providers.csv": pa.DataFrameSchema(
        {"provider": _text(unique=True), "origin_country": _text()}
    ),
    "classification/cloud_launch_providers.csv": pa.DataFrameSchema(
        {"provider": _text(unique=True), "origin_country": _text()}
    ),
    "text_facts.csv": pa.DataFrameSchema(
        {
            "fact_id": _text(pa.Check.str_matches(r"^F\d{3}[a-z]?$"), unique=True),
            "value": _text(pa.Check.str_length(min_value=1)),
            "date": _text(pa.Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$")),
            "source_url": _text(pa.Check.str_matches(r"^https?://")),
            "quote": _text(pa.Check.str_length(min_value=1)),
        }
    ),
}


def validate_upstream(source: str, frame: pd.DataFrame, where: str) -> None:
    if source in UPSTREAM:
        _run(UPSTREAM[source], frame, where)


def validate_curated(relative: str, frame: pd.DataFrame, where: str) -> None:
    _run(CURATED[relative], frame, where)


def _run(schema: pa.DataFrameSchema, frame: pd.DataFrame, where, extra=None) -> pd.DataFrame:
    cases = [_before_coercion(schema, frame)]
    if extra is not None:
        cases.append(extra)
    try:
        validated = schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        validated = None
        cases.append(exc.failure_cases)
    cases = [c for c in cases if len(c)]
    if cases:
        raise ValidationError(_describe(where, pd.concat(cases, ignore_index=True)))
    return validated


def _before_coercion(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame:
    """Values that coercion would change without a word: 2.5 in a count becomes 2, and any
    text ("maybe", or an empty cell) in a True/False column becomes True."""
    found = []
    for name, column in schema.columns.items():
        if name not in frame.columns:
            continue  # reported by the schema
        values, kind = frame[name], str(column.dtype)
        if kind.startswith("int"):
            numbers = pd.to_numeric(values, errors="coerce")  # text is left to the coercion check
            bad, rule = numbers.notna() & (numbers % 1 != 0), "whole number (a count or a year)"
        elif kind == "bool":
            bad = ~values.map(lambda v: isinstance(v, bool | np.bool_))
            rule = "True or False"
        else:
            continue
        for index, value in values[bad].items():
            found.append({"index": index, "column": name, "failure_case": value, "check": rule})
    return pd.DataFrame(found, columns=["index", "column", "failure_case", "check"])


def validate(name: str, frame: pd.DataFrame, where: str | Path) -> pd.DataFrame:
    """Validate a table (all failures at once); errors name file, row, column, value and rule."""
    schema = PROCESSED.get(name)
    if schema is None:
        raise ValidationError(f"{where}: no schema for table {name!r}")
    return _run(schema, frame, where)


def validate_processed(name: str, frame: pd.DataFrame, where: str | Path, key) -> pd.DataFrame:
    """What every processed table must be: its schema, at least one row, and one row per key."""
    if frame.empty:
        raise ValidationError(f"{where}: no rows (header only); a table the briefs read must have data")
    schema = PROCESSED.get(name)
    if schema is None:
        raise ValidationError(f"{where}: no schema for table {name!r}")
    key = [k for k in key if k in frame.columns]  # a missing key column is reported by the schema
    if len(key) == 1 and getattr(schema.columns.get(key[0]), "unique", False):
        key = []  # the schema itself reports the duplicates
    duplicated = frame.duplicated(key, keep=False) if key else pd.Series(False, index=frame.index)
    extra = pd.DataFrame(
        [
            {
                "index": index,
                "column": ", ".join(key),
                "failure_case": tuple(row) if len(key) > 1 else row.iloc[0],
                "check": f"key ({', '.join(key)}) appears once",
            }
            for index, row in frame.loc[duplicated, key].iterrows()
        ],
        columns=["index", "column", "failure_case", "check"],
    )
    return _run(schema, frame, where, extra)


def _describe(where, cases: pd.DataFrame) -> str:
    lines = [f"{where}: {len(cases)} problem(s)"]
    for case in cases.head(10).itertuples():
        if pd.isna(case.index):
            row = ""
        elif isinstance(case.index, int | float | np.integer | np.floating):  # float once mixed with NaN
            row = f"row {int(case.index) + 2}, "  # +2: header line, 1-based
        else:  # a table-wide check grouped by a column (e.g. per leaderboard version)
            row = f"at {case.index!r}, "
        column = "" if pd.isna(case.column) else f"column {case.column!r}, "
        lines.append(f"  {row}{column}value {case.failure_case!r}: fails {case.check}")
    if len(cases) > 10:
        lines.append(f"  … and {len(cases) - 10} more")
    return "\n".join(lines)
