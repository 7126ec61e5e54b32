"""Named scenarios (data/raw/scenarios.yml): each a description and overrides of the assumptions."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from strategy_brief import config
from strategy_brief.analysis.scenario.parameters import LABEL, PARAMETERS, checked, validate


def scenarios_file() -> Path:
    """data/raw/scenarios.yml of the project root in force when called (STRATEGY_BRIEF_ROOT)."""
    return config.raw_dir() / "scenarios.yml"


_OVERRIDE_KEYS = ({"value", "low", "high"}, {"scale"}, {"shift"})


def load_scenarios(path: Path | str | None = None) -> dict[str, dict]:
    """Named scenarios (description and overrides), each override checked against the model's parameters."""
    path = Path(path) if path else scenarios_file()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data:
        raise ValueError(f"{path.name}: expected a mapping of scenario names")
    out = {}
    for name, spec in data.items():
        where = f"{path.name}: scenario {name!r}"
        if not isinstance(spec, dict) or set(spec) != {"description", "overrides"}:
            raise ValueError(f"{where}: expected exactly the keys description and overrides")
        if not isinstance(spec["description"], str) or not spec["description"].strip():
            raise ValueError(f"{where}: empty description")
        overrides = spec["overrides"] or {}
        if not isinstance(overrides, dict):
            raise ValueError(f"{where}: overrides must be a mapping of assumption names")
        for key, change in overrides.items():
            if key not in PARAMETERS:
                raise ValueError(f"{where}: unknown assumption {key!r}")
            _check_override(change, f"{where}, {key}")
        out[name] = {"description": spec["description"].strip(), "overrides": overrides}
    return out


def _check_override(change: object, where: str) -> None:
    """An override is a number or one of {value, low, high}, {scale}, {shift}, all numbers."""
    if _is_number(change):
        return
    if not isinstance(change, dict) or set(change) not in _OVERRIDE_KEYS:
        raise ValueError(f"{where}: expected a number, {{value, low, high}}, {{scale}} or {{shift}}")
    if not all(_is_number(v) for v in change.values()):
        raise ValueError(f"{where}: override values must be numbers")


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def apply_scenario(assumptions: pd.DataFrame, name: str, scenarios: Mapping[str, dict]) -> pd.DataFrame:
    """The assumptions with one scenario's overrides applied, marked in an `override` column and checked."""
    if name not in scenarios:
        raise ValueError(f"scenario {name!r}: unknown; expected one of {sorted(scenarios)}")
    table = checked(assumptions).copy()
    # Scenarios stack: a second one applies on top of the first and both stay on record.
    table["override"] = table.get("override", "")
    applied = [x for x in (assumptions.attrs.get("scenario"), name) if x]
    for key, change in (scenarios[name].get("overrides") or {}).items():
        rows = table["name"] == key
        if not rows.any():
            raise ValueError(f"scenario {name!r}: unknown assumption {key!r}")
        _check_override(change, f"scenario {name!r}, {key}")
        value, low, high = (table.loc[rows, c] for c in ("value", "low", "high"))
        if _is_number(change):
            value, low, high = change, low + (change - value), high + (change - value)
            note = f"set to {change:g}, range moved with it"
        elif "scale" in change:
            k = change["scale"]
            value, low, high = value * k, low * k, high * k
            note = f"×{k:g}"
        elif "shift" in change:
            d = change["shift"]
            value, low, high = value + d, low + d, high + d
            note = f"{d:+g}"
        else:
            value, low, high = change["value"], change["low"], change["high"]
            note = f"set to {value:g} ({low:g} to {high:g})"
        table.loc[rows, ["value", "low", "high"]] = np.column_stack(
            [np.broadcast_to(np.asarray(x, dtype=float), rows.sum()) for x in (value, low, high)]
        )
        earlier = table.loc[rows, "override"]
        table.loc[rows, "override"] = earlier.where(earlier == "", earlier + "; ") + f"{name}: {note}"
    try:
        validate(table, f"scenario {name!r}")
    except ValueError as exc:
        raise ValueError(f"{exc} after the overrides") from None
    table.attrs = {"scenario": " + ".join(applied), "label": LABEL}
    return table
