"""The source registry: one metadata file per upstream dataset (data/sources/*.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from . import config

SOURCES_DIR = config.DATA_DIR / "sources"
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

    @property
    def filename(self) -> str:
        """The upstream file name (what a download is saved as)."""
        return self.url.rstrip("/").rsplit("/", 1)[-1]


def load(name: str, sources_dir: Path = SOURCES_DIR) -> Source:
    path = sources_dir / f"{name}.yml"
    if not path.exists():
        known = ", ".join(s.name for s in load_all(sources_dir))
        raise SourceError(f"unknown source {name!r}; known sources: {known}")
    return _parse(path)


def load_all(sources_dir: Path = SOURCES_DIR) -> list[Source]:
    return [_parse(p) for p in sorted(sources_dir.glob("*.yml"))]


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
    unknown = set(doc) - set(REQUIRED) - {"required_columns", "required_keys", "key", "installed_package"}
    if unknown:
        raise SourceError(f"{path.name}: unknown field(s) {', '.join(sorted(unknown))}")
    return Source(
        **{k: doc[k] for k in REQUIRED if k not in ("mirror",)},
        mirror=tuple(doc.get("mirror") or ()),
        installed_package=doc.get("installed_package") or "",
        required_columns=tuple(doc.get("required_columns") or ()),
        required_keys=tuple(doc.get("required_keys") or ()),
        key=tuple(doc.get("key") or ()),
        path=path,
    )
