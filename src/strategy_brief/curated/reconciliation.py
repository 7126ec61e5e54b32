"""Which published figure is recomputed how (data/raw/reconciliation.csv): load and validate.

One row maps a published figure to the indicator function that recomputes it. A row names either one
`fact_id` (that fact only) or an `indicator` of data/raw/facts.csv (every fact of that indicator, so a
new published figure of a mapped indicator needs only its fact row); a fact's own rows replace its
indicator's. `function` is a name analysis.indicators.reconciliation knows, `args` a JSON object of its
keyword arguments (`table`: the processed table it reads), `method` how the recomputation counts, in a
few words a reader sees, and `reason` the text template of why the numbers differ: `{name}` fields are
filled from the recomputation (`{vintage}` says which snapshot was used and how it dates against the
publication; each function documents its own fields).
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from strategy_brief import config

COLUMNS = ["fact_id", "indicator", "method", "function", "args", "reason"]
_FACT_ID = re.compile(r"F\d{3}[a-z]?")
_NAME = re.compile(r"[a-z][a-z0-9_]*")


class ReconciliationError(ValueError):
    """A mapping row that is malformed."""


def load(path: Path | None = None, *, functions: Iterable[str] | None = None) -> pd.DataFrame:
    """Read the mapping and check every row; errors name the file, row and column. With `functions`,
    every row's function must be one of them. `args` comes back parsed (a dict per row)."""
    path = Path(path) if path else config.raw_dir() / "reconciliation.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != COLUMNS:
        raise ReconciliationError(f"{path.name}: expected the columns {', '.join(COLUMNS)} in that order")
    known = set(functions) if functions is not None else None
    parsed, seen = [], {}
    for index, row in table.iterrows():
        where = f"{path.name} row {index + 2}"
        parsed.append(_check_row(row, where, known))
        key = (row["fact_id"], row["indicator"], row["method"])
        if key in seen:
            raise ReconciliationError(f"{where}, column method: same figure and method as row {seen[key]}")
        seen[key] = index + 2
    table["args"] = parsed
    return table


def _check_row(row: pd.Series, where: str, known: set[str] | None) -> dict:
    fact_id, indicator = row["fact_id"].strip(), row["indicator"].strip()
    if bool(fact_id) == bool(indicator):
        raise ReconciliationError(f"{where}, columns fact_id/indicator: fill exactly one of them")
    if fact_id and not _FACT_ID.fullmatch(fact_id):
        raise ReconciliationError(f"{where}, column fact_id: expected F + three digits, got {fact_id!r}")
    if indicator and not _NAME.fullmatch(indicator):
        raise ReconciliationError(f"{where}, column indicator: expected a snake_case key, got {indicator!r}")
    for column in ("method", "function", "reason"):
        if not row[column].strip():
            raise ReconciliationError(f"{where}, column {column}: empty")
    if not _NAME.fullmatch(row["function"]):
        raise ReconciliationError(
            f"{where}, column function: expected a function name, got {row['function']!r}"
        )
    if known is not None and row["function"] not in known:
        raise ReconciliationError(f"{where}, column function: unknown function {row['function']!r}")
    try:
        args = json.loads(row["args"] or "{}")
    except json.JSONDecodeError as exc:
        raise ReconciliationError(f"{where}, column args: not JSON ({exc.msg})") from exc
    if not isinstance(args, dict):
        raise ReconciliationError(f"{where}, column args: expected a JSON object")
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(row["reason"]) if name is not None]
    except ValueError as exc:
        raise ReconciliationError(f"{where}, column reason: bad template ({exc})") from exc
    bad = [name for name in fields if not _NAME.fullmatch(name)]
    if bad:
        raise ReconciliationError(f"{where}, column reason: fields must be plain names, got {bad}")
    return args


def fields(template: str) -> list[str]:
    """The `{name}` fields a reason template uses."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def rows_for(mapping: pd.DataFrame, fact_id: str, indicator: str) -> pd.DataFrame:
    """The mapping rows of one fact: its own rows if it has any, else its indicator's."""
    own = mapping[mapping["fact_id"] == fact_id]
    return own if not own.empty else mapping[(mapping["fact_id"] == "") & (mapping["indicator"] == indicator)]
