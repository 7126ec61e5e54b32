"""The source registry: one metadata file per upstream dataset (data/sources/*.yml)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from strategy_brief import config

REQUIRED = (
    "name",
    "title",
    "producer",
    "url",
    "landing_page",
    "licence",
    "citation",
    "description",
    "format",
    "update_cadence",
    "history",
    "mirror",
    "publish_rows",
)
FORMATS = ("csv", "json")
MAX_SHRINK = 0.2  # default share of rows a new snapshot may lose against the previous one


class SourceError(ValueError):
    """A registry entry is incomplete or names an unknown source."""


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    producer: str
    url: str
    landing_page: str
    licence: str
    citation: str
    description: str
    format: str
    update_cadence: str
    history: str  # "latest": newest snapshot only; "all": every snapshot is a point in time
    mirror: tuple[str, ...]  # glob patterns inside a mirror laid out like ../shared/data
    publish_rows: bool
    required_columns: tuple[str, ...] = ()
    required_keys: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    installed_package: str = ""  # read from this installed Python package, not downloaded
    path: Path | None = None
    # What a refresh accepts: a file named in `files` must have the stated sha256 and/or rows;
    # any other file may lose at most `max_shrink` of the rows of the previous snapshot.
    max_shrink: float = MAX_SHRINK
    files: dict[str, dict] = field(default_factory=dict, hash=False)
    encoding: str = "utf-8"  # of a CSV source (e.g. mac_roman); read with it when checked and processed

    @property
    def filename(self) -> str:
        """The upstream file name (what a download is saved as)."""
        return self.url.rstrip("/").rsplit("/", 1)[-1]


def sources_dir() -> Path:
    """The registry folder, data/sources of the project root as it is at the call."""
    return config.data_dir() / "sources"


def __getattr__(name: str) -> Path:
    if name == "SOURCES_DIR":  # the old constant, resolved when read
        return sources_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(name: str, folder: Path | None = None) -> Source:
    """One registered source by name."""
    folder = Path(folder) if folder else sources_dir()
    path = folder / f"{name}.yml"
    if not path.exists():
        known = ", ".join(s.name for s in load_all(folder))
        raise SourceError(f"unknown source {name!r}; known sources: {known}")
    return _parse(path)


def load_all(folder: Path | None = None) -> list[Source]:
    """Every registered source, by file name."""
    folder = Path(folder) if folder else sources_dir()
    return [_parse(p) for p in sorted(folder.glob("*.yml"))]


def _parse(path: Path) -> Source:
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [k for k in REQUIRED if doc.get(k) in (None, "") and k != "mirror"]
    if missing:
        raise SourceError(f"{path.name}: missing {', '.join(missing)}")
    if doc["name"] != path.stem:
        raise SourceError(f"{path.name}: name {doc['name']!r} must equal the file name")
    if doc["format"] not in FORMATS:
        raise SourceError(f"{path.name}: format must be one of {FORMATS}, got {doc['format']!r}")
    if doc["history"] not in ("latest", "all"):
        raise SourceError(f"{path.name}: history must be 'latest' or 'all'")
    if not str(doc["url"]).startswith("https://"):
        raise SourceError(f"{path.name}: url must be https")
    optional = {
        "required_columns",
        "required_keys",
        "key",
        "installed_package",
        "max_shrink",
        "files",
        "encoding",
    }
    unknown = set(doc) - set(REQUIRED) - optional
    if unknown:
        raise SourceError(f"{path.name}: unknown field(s) {', '.join(sorted(unknown))}")
    max_shrink = doc.get("max_shrink", MAX_SHRINK)
    if isinstance(max_shrink, bool) or not isinstance(max_shrink, int | float) or not 0 <= max_shrink <= 1:
        raise SourceError(f"{path.name}: max_shrink must be a share from 0 to 1, got {max_shrink!r}")
    files = _stated_files(path, doc.get("files") or {})
    encoding = str(doc.get("encoding") or "utf-8")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise SourceError(f"{path.name}: encoding {encoding!r} is not a known text encoding") from None
    return Source(
        **{k: doc[k] for k in REQUIRED if k not in ("mirror",)},
        mirror=tuple(doc.get("mirror") or ()),
        installed_package=doc.get("installed_package") or "",
        required_columns=tuple(doc.get("required_columns") or ()),
        required_keys=tuple(doc.get("required_keys") or ()),
        key=tuple(doc.get("key") or ()),
        path=path,
        max_shrink=float(max_shrink),
        files=files,
        encoding=encoding,
    )


def _stated_files(path: Path, files) -> dict[str, dict]:
    """`files: {name: {sha256: ..., rows: ...}}`: what the source states about a file of that name."""
    if not isinstance(files, dict):
        raise SourceError(f"{path.name}: files must map a file name to its sha256 and/or rows")
    out = {}
    for name, stated in files.items():
        if not isinstance(stated, dict) or not stated or set(stated) - {"sha256", "rows", "date"}:
            raise SourceError(f"{path.name}: files: {name}: give sha256, rows and/or date, nothing else")
        date = stated.get("date")
        if date is not None:
            # The date the data refers to, for a file whose name carries none (else a snapshot would be
            # dated the day of the refresh, and its table's metadata would change every day).
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date)):
                raise SourceError(f"{path.name}: files: {name}: date must be YYYY-MM-DD, got {date!r}")
            stated = {**stated, "date": str(date)}
        sha = stated.get("sha256")
        if sha is not None and not re.fullmatch(r"[0-9a-f]{64}", str(sha)):
            raise SourceError(f"{path.name}: files: {name}: sha256 must be 64 lowercase hex digits")
        rows = stated.get("rows")
        if rows is not None and (isinstance(rows, bool) or not isinstance(rows, int) or rows < 0):
            raise SourceError(f"{path.name}: files: {name}: rows must be a whole number")
        out[str(name)] = {k: v for k, v in stated.items() if v is not None}
    return out
