"""The build file (briefs.yml): which briefs an edition contains, their notebooks and parameters."""

from __future__ import annotations

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

    def select(self, ids: list[str] | None) -> tuple[Brief, ...]:
        if not ids:
            return self.briefs
        known = {b.id: b for b in self.briefs}
        missing = [i for i in ids if i not in known]
        if missing:
            raise BuildFileError(
                f"{self.path.name}: no brief named {', '.join(missing)}; known briefs: {', '.join(known)}"
            )
        return tuple(known[i] for i in ids)


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
        unknown = set(entry) - {"id", "title", "notebooks", "parameters", "for_each", "cell_timeout"}
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
        for values in _expand(entry.get("for_each"), where):
            merged = {**params, **values}
            fmt = {k: str(v) for k, v in values.items()}
            fmt_slug = {k: slug(v) for k, v in fmt.items()}
            try:
                brief_id = str(entry["id"]).format(**fmt_slug)
                brief_title = str(entry["title"]).format(**fmt)
            except KeyError as exc:
                raise BuildFileError(f"{where}: placeholder {exc} is not in for_each") from exc
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", brief_id):
                raise BuildFileError(f"{where}: id {brief_id!r} must be lower-case letters, digits, -")
            timeout = _cell_timeout(entry.get("cell_timeout"), f"{where}: cell_timeout")
            briefs.append(Brief(brief_id, brief_title, tuple(paths), merged, timeout))
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


def _expand(for_each: Any, where: str) -> list[dict[str, Any]]:
    if for_each is None:
        return [{}]
    if not isinstance(for_each, dict) or not all(isinstance(v, list) for v in for_each.values()):
        raise BuildFileError(f"{where}: 'for_each' must map parameter names to lists of values")
    names = list(for_each)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*for_each.values())]
