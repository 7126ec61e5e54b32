"""A notebook's signature (its `parameters` cell) and checking values against it before any kernel starts."""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import papermill

TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (float, int),
    "bool": (bool,),
    "list": (list,),
    "dict": (dict,),
}
_CHOICES = re.compile(r"^\s*one of:\s*(?P<choices>.+)$", re.IGNORECASE)


class ParameterError(ValueError):
    """A parameter that the notebook does not accept, or a value of the wrong type."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type_name: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()

    def describe(self) -> str:
        text = f"{self.name}: {self.type_name} = {self.default!r}"
        if self.choices:
            text += f" (one of: {' | '.join(self.choices)})"
        return text


@dataclass(frozen=True)
class Signature:
    notebook: Path
    parameters: dict[str, Parameter]

    def describe(self) -> str:
        return "; ".join(p.describe() for p in self.parameters.values()) or "(no parameters)"


def read_signature(notebook: Path) -> Signature:
    """Read the typed `parameters` cell of a notebook without starting a kernel."""
    notebook = Path(notebook)
    if not notebook.exists():
        raise ParameterError(f"{notebook}: notebook not found")
    try:
        raw = papermill.inspect_notebook(str(notebook))
    except Exception as exc:  # papermill raises plain ValueError/JSON errors here
        raise ParameterError(f"{notebook}: cannot read its parameters cell: {exc}") from exc
    if not raw:
        raise ParameterError(f"{notebook}: no cell tagged 'parameters'")
    skipped = sorted(_assigned_names(notebook) - set(raw))
    if skipped:
        # papermill skips (with only a log line) any line it cannot parse, e.g. an '=' in a comment.
        raise ParameterError(
            f"{notebook}: papermill cannot read parameter(s) {', '.join(skipped)} in the parameters cell; "
            "keep each on one line as `name: type = value  # comment`, with no '=' in the comment"
        )
    params: dict[str, Parameter] = {}
    for name, info in raw.items():
        type_name = info["inferred_type_name"]
        if type_name not in TYPES:
            raise ParameterError(
                f"{notebook}: parameter '{name}' needs a type annotation "
                f"({' | '.join(TYPES)}), e.g. `{name}: str = ...`; found {type_name!r}"
            )
        try:
            default = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError) as exc:
            raise ParameterError(
                f"{notebook}: default of parameter '{name}' must be a literal, got {info['default']}"
            ) from exc
        match = _CHOICES.match(info.get("help") or "")
        choices = tuple(c.strip() for c in match["choices"].split("|")) if match else ()
        param = Parameter(name, type_name, default, info.get("help") or "", choices)
        _check_type(notebook, param, default, what="default")
        params[name] = param
    return Signature(notebook, params)


def _assigned_names(notebook: Path) -> set[str]:
    """Every name the parameters cell assigns, read with Python's own parser."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            tree = ast.parse(cell.source)
            names = set()
            for node in tree.body:
                if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    names.add(node.target.id)
                elif isinstance(node, ast.Assign):
                    names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            return names
    return set()


def coerce_cli_value(param: Parameter, text: str, notebook: Path) -> Any:
    """Turn a `-p name=value` string into the parameter's declared type."""
    try:
        if param.type_name == "str":
            return text
        if param.type_name == "int":
            return int(text)
        if param.type_name == "float":
            return float(text)
        if param.type_name == "bool":
            lowered = text.strip().lower()
            if lowered in {"true", "1", "yes"}:
                return True
            if lowered in {"false", "0", "no"}:
                return False
            raise ValueError(text)
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError) as exc:
        raise ParameterError(
            f"{notebook.name}: parameter '{param.name}' expects {param.type_name}, got {text!r}"
        ) from exc
    return value


def _check_type(notebook: Path, param: Parameter, value: Any, what: str = "value") -> None:
    expected = TYPES[param.type_name]
    # bool is an int subclass; do not let True pass as an int or float.
    if not isinstance(value, expected) or (isinstance(value, bool) and param.type_name != "bool"):
        raise ParameterError(
            f"{notebook.name}: parameter '{param.name}' expects {param.type_name}, "
            f"got {type(value).__name__} {value!r} ({what})"
        )
    if param.choices and what != "default" and value not in param.choices:
        raise ParameterError(
            f"{notebook.name}: parameter '{param.name}' got {value!r}; "
            f"it accepts one of: {' | '.join(param.choices)}"
        )


def validate(signature: Signature, values: dict[str, Any]) -> dict[str, Any]:
    """Check names and types; return the values (floats normalised). Raises ParameterError."""
    unknown = sorted(set(values) - set(signature.parameters))
    if unknown:
        hints = []
        for name in unknown:
            close = difflib.get_close_matches(name, signature.parameters, n=1)
            if close:
                hints.append(f"did you mean '{close[0]}' for '{name}'?")
        hint = f" ({'; '.join(hints)})" if hints else ""
        raise ParameterError(
            f"{signature.notebook.name}: unknown parameter(s) {', '.join(map(repr, unknown))}{hint}; "
            f"it accepts: {signature.describe()}"
        )
    checked: dict[str, Any] = {}
    for name, value in values.items():
        param = signature.parameters[name]
        _check_type(signature.notebook, param, value)
        checked[name] = float(value) if param.type_name == "float" else value
    return checked


def parse_cli_overrides(pairs: list[str]) -> dict[str, str]:
    """Split `name=value` strings from the command line (values stay text until typed)."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"-p expects name=value, got {pair!r}")
        out[name.strip()] = value
    return out
