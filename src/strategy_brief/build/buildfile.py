"""The build file (briefs.yml): which briefs an edition contains, their notebooks and parameters."""

from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from strategy_brief import config
from strategy_brief.build.params import BUILD_OWNED


class BuildFileError(ValueError):
    """The build file is malformed; the message names the file and the entry."""


class _TextDates(yaml.SafeLoader):
    """YAML loader that keeps 2026-11-23 as text: dates are string parameters here."""


_TextDates.yaml_implicit_resolvers = {
    key: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


@dataclass(frozen=True)
class Brief:
    """One published document: notebooks executed in order, exported as one HTML and one PDF."""

    id: str
    title: str
    notebooks: tuple[Path, ...]
    parameters: dict[str, Any] = field(default_factory=dict)
    cell_timeout: int | None = None  # seconds per cell; None: the build file's, else the default
    set: str = "default"  # the named set it belongs to (`build --set NAME`); a plain build: "default"


@dataclass(frozen=True)
class BuildFile:
    path: Path
    title: str
    briefs: tuple[Brief, ...]
    publisher: str = ""
    licence: str = ""
    cell_timeout: int | None = None  # seconds per cell for every brief (top-level `cell_timeout`)

    def citation(self, edition: str, part: str = "") -> str:
        """How to cite one brief of an edition, from the build file's title, publisher and licence."""
        title = f"{self.title} ({part})" if part else self.title
        who = f"{self.publisher}. " if self.publisher else ""
        licence = f" Licence: {self.licence}." if self.licence else ""
        return f"{who}{title}, edition {edition}.{licence}"

    @property
    def sets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(b.set for b in self.briefs))

    def in_set(self, name: str) -> tuple[Brief, ...]:
        """The briefs of one named set ('all': every brief of the build file)."""
        if name == ALL:
            return self.briefs
        if name not in self.sets:
            raise BuildFileError(
                f"{self.path.name}: no brief set named {name!r}; sets: {', '.join((*self.sets, ALL))}"
            )
        return tuple(b for b in self.briefs if b.set == name)

    def select(self, ids: list[str] | None) -> tuple[Brief, ...]:
        """The named briefs, any set; none named: the default set."""
        if not ids:
            return self.in_set(DEFAULT_SET)
        known = {b.id: b for b in self.briefs}
        missing = [i for i in ids if i not in known]
        if missing:
            raise BuildFileError(
                f"{self.path.name}: no brief named {', '.join(missing)}; known briefs: {', '.join(known)}"
            )
        return tuple(known[i] for i in ids)


DEFAULT_SET, ALL = "default", "all"
BRIEF_KEYS = {"id", "title", "notebooks", "parameters", "for_each", "cell_timeout", "set"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def load(path: Path | None = None, notebooks_dir: Path | None = None) -> BuildFile:
    """Read and check the build file (default: the project's briefs.yml); `for_each` entries expand into
    one brief per value set."""
    path = Path(path) if path else config.build_file()
    notebooks_dir = Path(notebooks_dir) if notebooks_dir else path.parent / "notebooks"
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDates)
    except FileNotFoundError as exc:
        raise BuildFileError(f"{path}: build file not found; pass --build-file PATH to briefs.yml") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildFileError(f"{path}: cannot read the build file ({type(exc).__name__}: {exc})") from exc
    except yaml.YAMLError as exc:
        raise BuildFileError(f"{path}: not valid YAML{_yaml_where(exc)}; fix the YAML syntax there") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("briefs"), list):
        raise BuildFileError(f"{path}: expected a mapping with a 'briefs' list")
    if not doc["briefs"]:
        # An empty list would publish an edition with no briefs and drop the published ones.
        raise BuildFileError(f"{path}: 'briefs' is empty; list at least one brief")
    unknown_top = set(doc) - {"title", "publisher", "licence", "briefs", "cell_timeout"}
    if unknown_top:
        raise BuildFileError(f"{path.name}: unknown top-level key(s) {', '.join(sorted(unknown_top))}")
    title = doc.get("title", "")
    default_timeout = _cell_timeout(doc.get("cell_timeout"), f"{path.name}: cell_timeout")
    briefs: list[Brief] = []
    for index, entry in enumerate(doc["briefs"]):
        where = f"{path.name}: briefs[{index}]"
        if not isinstance(entry, dict):
            raise BuildFileError(f"{where}: expected a mapping")
        unknown = set(entry) - BRIEF_KEYS
        if unknown:
            raise BuildFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        for key in ("id", "title", "notebooks"):
            if key not in entry:
                raise BuildFileError(f"{where}: missing '{key}'")
        notebooks = entry["notebooks"]
        if not isinstance(notebooks, list) or not notebooks:
            raise BuildFileError(f"{where}: 'notebooks' must be a non-empty list")
        paths = []
        for nb in notebooks:
            nb_path = notebooks_dir / str(nb)
            if not nb_path.exists():
                raise BuildFileError(f"{where}: notebook {nb} not found in {notebooks_dir}")
            paths.append(nb_path)
        params = entry.get("parameters") or {}
        if not isinstance(params, dict):
            raise BuildFileError(f"{where}: 'parameters' must be a mapping")
        for_each = entry.get("for_each")
        owned = [k for k in [*params, *(for_each if isinstance(for_each, dict) else ())] if k in BUILD_OWNED]
        if owned:
            # The edition is checked by the build and printed in every citation: one source only.
            raise BuildFileError(
                f"{where}: '{owned[0]}' cannot be a parameter, the build sets it; remove it and "
                "use `strategy-brief build --edition YYYY-MM-DD`"
            )
        brief_set = entry.get("set", DEFAULT_SET)
        if (
            not isinstance(brief_set, str)
            or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", brief_set)
            or brief_set == ALL
        ):
            raise BuildFileError(
                f"{where}: set {brief_set!r} must be lower-case letters, digits, - (not 'all')"
            )
        for values, labels in _expand(entry.get("for_each"), where, path.parent):
            merged = {**params, **values}
            fmt = {k: str(v) for k, v in values.items()} | {f"{k}_label": v for k, v in labels.items()}
            fmt_slug = {k: slug(v) for k, v in fmt.items()}
            try:
                brief_id = str(entry["id"]).format(**fmt_slug)
                brief_title = str(entry["title"]).format(**fmt)
            except KeyError as exc:
                raise BuildFileError(f"{where}: placeholder {exc} is not in for_each") from exc
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", brief_id):
                raise BuildFileError(f"{where}: id {brief_id!r} must be lower-case letters, digits, -")
            timeout = _cell_timeout(entry.get("cell_timeout"), f"{where}: cell_timeout")
            briefs.append(Brief(brief_id, brief_title, tuple(paths), merged, timeout, brief_set))
    ids = [b.id for b in briefs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise BuildFileError(f"{path.name}: duplicate brief id(s) {', '.join(duplicates)}")
    return BuildFile(
        path,
        title,
        tuple(briefs),
        str(doc.get("publisher", "")),
        str(doc.get("licence", "")),
        default_timeout,
    )


def _cell_timeout(value: Any, where: str) -> int | None:
    """Seconds a cell may run: a whole number above 0 (papermill takes whole seconds)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise BuildFileError(f"{where}: expected a whole number of seconds above 0, got {value!r}")
    return value


def _yaml_where(exc: yaml.YAMLError) -> str:
    """' at line L, column C: problem', on one line, from a PyYAML error."""
    mark = getattr(exc, "problem_mark", None)
    problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
    if mark is None:
        return f": {problem}"
    return f" at line {mark.line + 1}, column {mark.column + 1}: {problem}"


def _expand(for_each: Any, where: str, root: Path) -> list[tuple[dict[str, Any], dict[str, str]]]:
    """Every combination of the for_each values, with each value's label (`{name}_label` in the title).
    A value list is written out, or read from a processed table (`{table: T, column: C, label: L,
    where: W}`: column C of data/processed/T.csv, on rows whose column W is true), so a list that
    the data decides (the countries with enough data for a brief) is never kept by hand."""
    if for_each is None:
        return [({}, {})]
    if not isinstance(for_each, dict) or not for_each:
        raise BuildFileError(f"{where}: 'for_each' must map parameter names to lists of values")
    names, choices = list(for_each), []
    for name, values in for_each.items():
        if isinstance(values, dict):
            choices.append(_from_table(values, f"{where}: for_each: {name}", root))
        elif isinstance(values, list):
            choices.append([(v, str(v)) for v in values])
        else:
            raise BuildFileError(f"{where}: 'for_each' must map parameter names to lists of values")
    return [
        (
            dict(zip(names, (v for v, _ in combo), strict=True)),
            dict(zip(names, (label for _, label in combo), strict=True)),
        )
        for combo in itertools.product(*choices)
    ]


TRUE_TEXT = {"true", "1", "yes"}


def _from_table(spec: dict, where: str, root: Path) -> list[tuple[str, str]]:
    """(value, label) pairs from a processed table, in the table's order, read with the csv module
    (no pandas: planning a build stays fast)."""
    unknown = set(spec) - {"table", "column", "label", "where"}
    if unknown or not {"table", "column"} <= set(spec):
        raise BuildFileError(f"{where}: give table and column (and optionally label, where), nothing else")
    table = str(spec["table"])
    if not re.fullmatch(r"[a-z0-9_]+", table):
        raise BuildFileError(f"{where}: table {table!r} must be a processed table name")
    path = root / "data" / "processed" / f"{table}.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError as exc:
        raise BuildFileError(f"{where}: {path} not found; run `strategy-brief data refresh`") from exc
    columns = {spec["column"], spec.get("label", spec["column"]), spec.get("where", spec["column"])}
    header = set(rows[0]) if rows else set()
    missing = sorted(c for c in columns if c not in header)
    if missing:
        raise BuildFileError(f"{where}: {path.name} has no column {', '.join(missing)}")
    kept = [r for r in rows if "where" not in spec or r[spec["where"]].strip().lower() in TRUE_TEXT]
    if not kept:
        raise BuildFileError(f"{where}: {path.name} gives no value (none where {spec.get('where')} is true)")
    return [(r[spec["column"]], r[spec.get("label", spec["column"])]) for r in kept]
