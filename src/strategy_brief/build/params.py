"""A notebook's signature (its `parameters` cell) and checking values against it before any kernel starts."""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (float, int),
    "bool": (bool,),
    "list": (list,),
    "dict": (dict,),
}
_CHOICES = re.compile(r"^\s*one of:\s*(?P<choices>.+)$", re.IGNORECASE)
# Set by the build itself (`--edition`, checked by publish.check_edition), never by a parameter.
BUILD_OWNED = ("edition",)
# A longer text is a mistake (a pasted file, a runaway variable), not a parameter.
MAX_TEXT = 200
DATE = "YYYY-MM-DD"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ELEMENT_TYPES = ("str", "int", "float", "bool")


class ParameterError(ValueError):
    """A parameter that the notebook does not accept, or a value of the wrong type."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type_name: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    format: str = ""  # DATE for a date parameter (see _date_format)
    element_type: str = ""  # for a list: the type of its default's elements

    def describe(self) -> str:
        text = f"{self.name}: {self.type_name} = {self.default!r}"
        if self.choices:
            text += f" (one of: {' | '.join(self.choices)})"
        if self.format:
            text += f" (a date {self.format}{', or empty' if self.default == '' else ''})"
        if self.element_type:
            text += f" (a list of {self.element_type})"
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
    if not notebook.is_file():
        raise ParameterError(f"{notebook}: notebook not found; check the path (e.g. notebooks/<name>.ipynb)")
    import papermill  # here, not at the top: a build whose briefs are all reused never needs it

    try:
        raw = papermill.inspect_notebook(str(notebook))
        assigned = _assigned_names(notebook)
    except Exception as exc:  # papermill, nbformat and ast raise JSON, schema and syntax errors here
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]  # one line
        raise ParameterError(
            f"{notebook}: not a readable notebook ({reason}); open it in JupyterLab and fix or "
            "restore it (git checkout -- <path>)"
        ) from exc
    if not raw:
        raise ParameterError(f"{notebook}: no cell tagged 'parameters'")
    skipped = sorted(assigned - set(raw))
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
        help_text = info.get("help") or ""
        param = Parameter(
            name,
            type_name,
            default,
            help_text,
            choices,
            format=_date_format(name, type_name, default, help_text),
            element_type=_element_type(default) if type_name == "list" else "",
        )
        _check_type(notebook, param, default, what="default")
        params[name] = param
    return Signature(notebook, params)


def _date_format(name: str, type_name: str, default: Any, help_text: str) -> str:
    """A str parameter is a date when named as_of, when its comment says YYYY-MM-DD, or when
    its default is one; the build-owned edition is checked by the build instead."""
    if type_name != "str" or name in BUILD_OWNED:
        return ""
    if name == "as_of" or DATE in help_text or (isinstance(default, str) and _ISO_DATE.fullmatch(default)):
        return DATE
    return ""


def _element_type(default: list) -> str:
    """The one type of a list default's elements (ints among floats count as floats)."""
    names = {type(x).__name__ for x in default}
    if names == {"int", "float"}:
        return "float"
    if len(names) == 1 and (only := names.pop()) in _ELEMENT_TYPES:
        return only
    return ""  # empty or mixed: elements are not checked


def _assigned_names(notebook: Path) -> set[str]:
    """Every name the parameters cell assigns, read with Python's own parser."""
    import nbformat  # ~1 s of jsonschema set-up, paid only when a notebook is read

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
            f"{notebook.name}: parameter '{param.name}' expects {param.type_name}, got {_shown(text)}"
        ) from exc
    return value


def _shown(value: Any, limit: int = 80) -> str:
    """A value for an error line: its repr, cut short so that one bad input gives one line."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def _check_type(notebook: Path, param: Parameter, value: Any, what: str = "value") -> None:
    expected = TYPES[param.type_name]
    # bool is an int subclass; do not let True pass as an int or float.
    if not isinstance(value, expected) or (isinstance(value, bool) and param.type_name != "bool"):
        raise ParameterError(
            f"{notebook.name}: parameter '{param.name}' expects {param.type_name}, "
            f"got {type(value).__name__} {_shown(value)} ({what})"
        )
    if param.choices and what != "default" and value not in param.choices:
        raise ParameterError(
            f"{notebook.name}: parameter '{param.name}' got {_shown(value)}; "
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
        checked[name] = _check_value(signature.notebook, param, value, values.get("edition"))
    return checked


def _check_value(notebook: Path, param: Parameter, value: Any, edition: Any) -> Any:
    """Beyond the type: text length, date format, list elements. Returns the normalised value."""
    where = f"{notebook.name}: parameter '{param.name}'"
    if param.type_name == "float":
        return float(value)
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise ParameterError(f"{where} is {len(value):,} characters long; at most {MAX_TEXT} are accepted")
    if param.format == DATE and not (value == "" and param.default == ""):
        _check_date(where, param, value, edition)
    if param.type_name == "list" and param.element_type:
        return [_check_element(where, param.element_type, i, x) for i, x in enumerate(value, start=1)]
    return value


def _check_date(where: str, param: Parameter, value: str, edition: Any) -> None:
    empty = " (or empty)" if param.default == "" else ""
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError("not YYYY-MM-DD")
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ParameterError(f"{where} expects a date {DATE}{empty}, got {value!r} ({exc})") from exc
    # The data cut-off cannot lie after the edition that publishes it.
    edition_date = edition[:10] if isinstance(edition, str) else ""
    if param.name == "as_of" and _ISO_DATE.fullmatch(edition_date) and value > edition_date:
        raise ParameterError(
            f"{where} is {value}, after the edition's date {edition_date}; "
            f"use a date on or before {edition_date}"
        )


def _check_element(where: str, type_name: str, position: int, item: Any) -> Any:
    if not isinstance(item, TYPES[type_name]) or (isinstance(item, bool) and type_name != "bool"):
        raise ParameterError(
            f"{where} expects a list of {type_name}, got {type(item).__name__} {_shown(item)} "
            f"at position {position}"
        )
    if isinstance(item, str) and len(item) > MAX_TEXT:
        raise ParameterError(f"{where}: element {position} is longer than {MAX_TEXT} characters")
    return float(item) if type_name == "float" else item


def parse_cli_overrides(pairs: list[str]) -> dict[str, str]:
    """Split `name=value` strings from the command line (values stay text until typed)."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"-p expects name=value, got {pair!r}")
        out[name.strip()] = value
    return out
