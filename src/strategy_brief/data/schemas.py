"""pandera schemas for every processed table; errors name the file, row, column, value and rule."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from strategy_brief.curated import classify

BLOCS = list(classify.BLOCS)
OPENNESS = ["open_unrestricted", "open_restricted", "open_noncommercial", "api", "unreleased", "unknown"]
DATE = r"^\d{4}-\d{2}-\d{2}$"


class ValidationError(ValueError):
    """A table breaks its schema."""


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


def _c(dtype, *checks, nullable=False, unique=False):
    if dtype is str:
        checks = (*checks, _not_placeholder(blank_too=not nullable))
    return pa.Column(dtype, list(checks), nullable=nullable, unique=unique, coerce=True)


PROCESSED: dict[str, pa.DataFrameSchema] = {
    "models_by_bloc_year_accessibility": pa.DataFrameSchema(
        {
            "year": _c(int, pa.Check.in_range(1950, 2100)),
            "bloc": _c(str, pa.Check.isin(BLOCS)),
            "openness_class": _c(str, pa.Check.isin(OPENNESS)),
            "models": _c(int, pa.Check.gt(0)),
        },
        strict=True,
    ),
    "eci_by_model": pa.DataFrameSchema(
        {
            "model_version": _c(str, unique=True),
            "model_id": _c(str, nullable=True),
            "display_name": _c(str, nullable=True),
            "release_date": _c(str, pa.Check.str_matches(DATE), nullable=True),  # a few rows have none
            "eci_score": _c(float, pa.Check.in_range(0, 400)),
            "organization": _c(str),
            "bloc": _c(str, pa.Check.isin(BLOCS)),
            "openness_class": _c(str, pa.Check.isin(OPENNESS)),
        },
        strict=True,
    ),
    "lmarena_best_by_bloc": pa.DataFrameSchema(
        {
            "leaderboard_version": _c(str, pa.Check.str_matches(DATE)),
            "bloc": _c(str, pa.Check.isin(BLOCS)),
            "best_score": _c(float, pa.Check.in_range(500, 2500)),
            "best_model": _c(str),
            "developer": _c(str),
            "openness_class": _c(str, pa.Check.isin(OPENNESS)),
        },
        strict=True,
    ),
    "lmarena_best_by_licence": pa.DataFrameSchema(
        {
            "leaderboard_version": _c(str, pa.Check.str_matches(DATE)),
            "openness_class": _c(str, pa.Check.isin(OPENNESS)),
            "open_weights": _c(bool),
            "best_score": _c(float, pa.Check.in_range(500, 2500)),
            "best_model": _c(str),
            "developer": _c(str),
            "bloc": _c(str, pa.Check.isin(BLOCS)),
        },
        strict=True,
    ),
    "lmarena_top_mix": pa.DataFrameSchema(
        {
            "leaderboard_version": _c(str, pa.Check.str_matches(DATE)),
            "bloc": _c(str, pa.Check.isin(BLOCS)),
            "openness_class": _c(str, pa.Check.isin(OPENNESS)),
            "models": _c(int, pa.Check.gt(0)),
            "top_n": _c(int, pa.Check.gt(0)),
        },
        strict=True,
        checks=[pa.Check(lambda df: df.groupby("leaderboard_version")["models"].sum() <= df["top_n"].max())],
    ),
    "lmarena_elo_best_by_bloc": pa.DataFrameSchema(
        {
            "leaderboard_date": _c(str, pa.Check.str_matches(DATE)),
            "bloc": _c(str, pa.Check.isin(BLOCS)),
            "best_elo": _c(float, pa.Check.in_range(500, 2500)),
            "best_model": _c(str),
            "developer": _c(str),
            "openness_class": _c(str, pa.Check.isin(OPENNESS)),
        },
        strict=True,
    ),
    "api_prices": pa.DataFrameSchema(
        {
            "snapshot_date": _c(str, pa.Check.str_matches(DATE)),
            "price_key": _c(str),
            "host_provider": _c(str),
            "model_id": _c(str),
            "developer": _c(str),
            "bloc": _c(str, pa.Check.isin(BLOCS)),
            "openness_class": _c(str, pa.Check.isin(OPENNESS)),
            # The dearest real list prices are in the hundreds; more is a unit error upstream.
            "input_usd_per_mtok": _c(float, pa.Check.gt(0), pa.Check.lt(1_000)),
            "output_usd_per_mtok": _c(float, pa.Check.gt(0), pa.Check.lt(1_000)),
            "blended_usd_per_mtok": _c(float, pa.Check.gt(0), pa.Check.lt(1_000)),
        },
        strict=True,
    ),
    "api_prices_genai": pa.DataFrameSchema(
        {
            "package_version": _c(str),
            "price_key": _c(str),
            "valid_from": _c(str, pa.Check.str_matches(r"^(\d{4}-\d{2}-\d{2})?$"), nullable=True),
            "model_id": _c(str),
            "developer": _c(str),
            "bloc": _c(str, pa.Check.isin(BLOCS)),
            "openness_class": _c(str, pa.Check.isin(OPENNESS)),
            "input_usd_per_mtok": _c(float, pa.Check.ge(0), pa.Check.lt(1_000)),
            "output_usd_per_mtok": _c(float, pa.Check.ge(0), pa.Check.lt(1_000)),
            "blended_usd_per_mtok": _c(float, pa.Check.ge(0), pa.Check.lt(1_000)),
            "note": _c(str, nullable=True),
        },
        strict=True,
    ),
    "derivatives_by_family": pa.DataFrameSchema(
        {
            "family": _c(str),
            "bloc": _c(str, pa.Check.isin([*BLOCS, "Unattributed"])),
            "derivative_models": _c(int, pa.Check.gt(0)),
        },
        strict=True,
    ),
    "cloud_regions_by_origin_country": pa.DataFrameSchema(
        {
            "provider": _c(str),
            "provider_bloc": _c(str, pa.Check.isin(BLOCS)),
            "country": _c(str),
            "world_region": _c(str),
            "regions": _c(int, pa.Check.gt(0)),
            "in_service": _c(int, pa.Check.ge(0)),
        },
        strict=True,
        checks=[pa.Check(lambda df: df["in_service"] <= df["regions"], error="in_service <= regions")],
    ),
    "hardware_by_maker": pa.DataFrameSchema(
        {
            "manufacturer": _c(str),
            "country": _c(str),
            "bloc": _c(str, pa.Check.isin(BLOCS)),
            "year": _c(int, pa.Check.in_range(1990, 2100)),
            "chips": _c(int, pa.Check.gt(0)),
            # Empty where Epoch has no figure; the fastest chips are in the low thousands, so more
            # (or inf) is a unit error.
            "best_fp16_tflops": _c(float, pa.Check.ge(0), pa.Check.lt(100_000), nullable=True),
        },
        strict=True,
    ),
}


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
