"""The model's assumptions: data/raw/scenario_assumptions.csv loaded, its formulas and derivations
computed, checked against the parameters, and printed beside a result (assumption_table)."""

from __future__ import annotations

import ast
import functools
import operator
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from strategy_brief import config
from strategy_brief.analysis.scenario.derivations import Inputs, derive
from strategy_brief.analysis.scenario.parameters import LABEL, checked, validate


def assumptions_file() -> Path:
    """data/raw/scenario_assumptions.csv of the project root in force when called (STRATEGY_BRIEF_ROOT)."""
    return config.raw_dir() / "scenario_assumptions.csv"


COLUMNS = ("name", "region", "value", "low", "high", "unit", "source", "rationale")
_FACT_ID = re.compile(r"F\d{3}[a-z]?")
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def load_assumptions(path: Path | str | None = None) -> pd.DataFrame:
    """The model's assumptions, one row per parameter and region, computed values filled in and checked."""
    path = Path(path) if path else assumptions_file()
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(raw.columns) != list(COLUMNS):
        raise ValueError(f"{path.name}: expected the columns {', '.join(COLUMNS)} in that order")
    if raw.empty:
        raise ValueError(f"{path.name}: no assumptions")
    inputs = Inputs()
    rows = []
    for index, row in raw.iterrows():
        rows += _expand(row, inputs, f"{path.name} row {index + 2} ({row['name']})")
    table = pd.DataFrame(rows)
    validate(table, path.name)
    return table


def _expand(row: pd.Series, inputs: Inputs, where: str) -> list[dict]:
    """A CSV row as table rows: a derivation ('@kind:args') gives one row per region it computes."""
    name = row["name"].strip()
    if not (row["source"].strip() or row["rationale"].strip()):
        raise ValueError(f"{where}: give a source or, for a judgement, a rationale")
    base = {k: row[k].strip() for k in ("unit", "source", "rationale")}
    base |= {"name": name, "formula": "", "detail": "", "data_gap": "data gap" in row["rationale"].lower()}
    if row["value"].startswith("@"):
        if row["low"].strip() or row["high"].strip() or row["region"].strip():
            raise ValueError(f"{where}: a derived value ({row['value']}) fills region, low and high itself")
        out = []
        for derived in derive(row["value"], inputs, where):
            out.append(
                base
                | {
                    "region": derived.region,
                    "value": derived.value,
                    "low": derived.low,
                    "high": derived.high,
                    "formula": row["value"],
                    "detail": derived.detail,
                    "data_gap": base["data_gap"] or derived.data_gap,
                }
            )
        return out
    numbers = {c: _number(row[c], inputs, f"{where}, column {c}") for c in ("value", "low", "high")}
    formulas = "; ".join(f"{c} {row[c].strip()}" for c in ("value", "low", "high") if row[c].startswith("="))
    return [base | numbers | {"region": row["region"].strip(), "formula": formulas}]


def _number(cell: str, inputs: Inputs, where: str) -> float:
    """A cell as a number: a literal, or '=' and a formula over fact ids."""
    text = cell.strip()
    if not text:
        raise ValueError(f"{where}: empty")
    if text.startswith("="):
        return _formula(text[1:], inputs.fact_values, where)
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{where}: expected a number, '=formula' or '@derivation', got {text!r}") from None


def _formula(text: str, values: Mapping[str, float], where: str) -> float:
    """Evaluate fact ids, numbers, + - * / and brackets; nothing else is allowed."""

    def evaluate(node: ast.AST) -> float:
        match node:
            case ast.BinOp(left, op, right) if type(op) in _OPERATORS:
                return _OPERATORS[type(op)](evaluate(left), evaluate(right))
            case ast.UnaryOp(ast.USub(), operand):
                return -evaluate(operand)
            case ast.Constant(value) if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
            case ast.Name(name) if _FACT_ID.fullmatch(name):
                if name not in values:
                    raise ValueError(f"{where}: unknown fact {name}")
                return values[name]
        raise ValueError(f"{where}: {text!r} may hold only fact ids, numbers, + - * / and brackets")

    try:
        return evaluate(ast.parse(text, mode="eval").body)
    except SyntaxError as exc:
        raise ValueError(f"{where}: cannot parse {text!r}") from exc
    except ZeroDivisionError as exc:
        raise ValueError(f"{where}: {text!r} divides by zero") from exc


def formula_facts(formula: str) -> set[str]:
    """The fact ids a formula (or a row's `formula` column) refers to."""
    return set(_FACT_ID.findall(formula))


def facts_behind(assumptions: pd.DataFrame) -> list[str]:
    """The fact ids assumptions rest on, sorted: in their formulas, sources and derivation details."""
    cells = (v for col in ("formula", "source", "detail") for v in assumptions[col])
    return sorted({f for v in cells for f in formula_facts(v)})


def assumption_table(assumptions: pd.DataFrame, scenario: str | None = None) -> pd.DataFrame:
    """The assumptions behind a result, to print beside it: values, ranges, sources or rationales, gaps."""
    carried = assumptions.attrs.get("scenario")
    if scenario is not None and carried is not None and scenario != carried:
        raise ValueError(f"scenario {scenario!r}: the assumptions carry scenario {carried!r}")
    table = checked(assumptions)
    name = scenario or carried or "defaults (status_quo)"
    column = functools.partial(_column, table)
    basis = column("source").where(column("source") != "", "judgement")
    note = column("rationale") + np.where(column("detail") != "", " [" + column("detail") + "]", "")
    out = pd.DataFrame(
        {
            "parameter": table["name"],
            "region": table["region"].where(table["region"] != "", "all"),
            "value": table["value"],
            "low": table["low"],
            "high": table["high"],
            "unit": column("unit"),
            "source": basis,
            "note": note,
            "data_gap": column("data_gap", False).astype(bool),
            "scenario_change": column("override"),
        }
    )
    out.attrs = {"label": LABEL, "scenario": name, "title": f"Assumptions, scenario {name}. {LABEL}."}
    return out


def _column(table: pd.DataFrame, name: str, missing: object = "") -> pd.Series:
    """A column, or `missing` everywhere for a table built by hand without it."""
    return table[name] if name in table else pd.Series(missing, index=table.index)
