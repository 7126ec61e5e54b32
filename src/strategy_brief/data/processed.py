"""Processed tables in data/processed/: each a sorted CSV plus a metadata file, swapped in whole."""

from __future__ import annotations

import io
import os
import re
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import yaml

from strategy_brief import config
from strategy_brief.curated import filecache
from strategy_brief.data.steps import TABLES
from strategy_brief.data.table import COLUMN_DOCS, TableSpec

if TYPE_CHECKING:
    from strategy_brief.data.snapshot import Snapshot
    from strategy_brief.data.sources import Source


def tidy(frame: pd.DataFrame, key: tuple[str, ...]) -> pd.DataFrame:
    """Rows sorted by key, duplicates refused: identical inputs give identical bytes."""
    duplicated = frame.duplicated(list(key), keep=False)
    if duplicated.any():
        example = frame.loc[duplicated, list(key)].iloc[0].to_dict()
        raise ValueError(f"duplicate key {example}")
    return frame.sort_values(list(key), kind="mergesort").reset_index(drop=True)


def metadata(
    spec: TableSpec, frame: pd.DataFrame, used: dict[str, list[Snapshot]], sources: dict[str, Source]
):
    meta = {
        "table": spec.name,
        "title": spec.title,
        "description": spec.description,
        "rows": len(frame),
        "columns": {c: spec.units.get(c) or COLUMN_DOCS.get(c, "") for c in frame.columns},
        "key": list(spec.key),
        "method": " ".join((spec.method or spec.compute.__doc__ or "").split()),
        "computed_by": f"{spec.compute.__module__}.{spec.compute.__name__}",
        "sources": [],
    }
    if spec.date_column and frame[spec.date_column].notna().any():
        values = frame[spec.date_column].dropna().astype(str)
        meta["date_range"] = [values.min(), values.max()]
    for name in spec.sources:
        source = sources[name]
        meta["sources"].append(
            {
                "name": name,
                "producer": source.producer,
                "title": source.title,
                "url": source.url,
                "licence": source.licence,
                "citation": source.citation,
                "snapshots": [
                    {"date": s.date, "file": s.path.name, "sha256": s.sha256} for s in used.get(name, [])
                ],
            }
        )
    return meta


def carried(name: str, processed_dir: Path) -> tuple[bytes, bytes]:
    """A committed table and its metadata as bytes, to be written back unchanged."""
    return (processed_dir / f"{name}.csv").read_bytes(), (processed_dir / f"{name}.meta.yml").read_bytes()


def row_count(frame: pd.DataFrame | bytes) -> int:
    return len(frame) if isinstance(frame, pd.DataFrame) else frame.count(b"\n") - 1


def write_all(tables: dict[str, tuple], processed_dir: Path | None = None) -> None:
    """Write every table to a new folder, then swap it for data/processed in one rename."""
    processed_dir = Path(processed_dir) if processed_dir else config.processed_dir()
    parent = processed_dir.parent
    new = parent / f".processed-new-{os.getpid()}-{time.time_ns()}"
    new.mkdir(parents=True)
    try:
        for name, (frame, meta) in sorted(tables.items()):
            if isinstance(frame, bytes):  # carried over unchanged (see refresh.compute_tables)
                (new / f"{name}.csv").write_bytes(frame)
                (new / f"{name}.meta.yml").write_bytes(meta)
                continue
            frame.to_csv(new / f"{name}.csv", index=False, lineterminator="\n")
            (new / f"{name}.meta.yml").write_text(
                yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
            )
        if processed_dir.exists():
            for extra in processed_dir.iterdir():  # keep files we do not produce (.gitkeep, README)
                if not (new / extra.name).exists() and not extra.name.endswith((".csv", ".meta.yml")):
                    shutil.copy2(extra, new / extra.name)
        old = parent / f".processed-old-{os.getpid()}-{time.time_ns()}"
        if processed_dir.exists():
            os.replace(processed_dir, old)
        os.replace(new, processed_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(new, ignore_errors=True)


def read(name: str, processed_dir: Path | None = None, *, as_of: str | None = None) -> pd.DataFrame:
    """A processed table as the briefs read it; with `as_of` (YYYY-MM-DD), only its rows up to that date.

    The cut is by the one date column the table's spec declares (`TableSpec.date_column`): a row is kept
    when its date is on or before `as_of`; for a year column, when its year is on or before the year of
    `as_of` (a year counts from its first day); a row with no date is left out. A table without a date
    column (a single snapshot such as the cloud map) is returned whole. An empty or None `as_of` keeps
    everything. The cut may leave no row; callers that need data say so themselves.
    """
    processed_dir = Path(processed_dir) if processed_dir else config.processed_dir()
    path = processed_dir / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path}: processed table not found; run `strategy-brief data refresh`")
    frame = filecache.parsed(path, _read_table, "processed-table")
    return cut(frame, date_column(name), as_of) if as_of else frame


def _read_table(path: Path, data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), keep_default_na=False, na_values=[""])


def date_column(name: str) -> str | None:
    """The date column a processed table declares in its spec (None: the table is not dated)."""
    for spec in TABLES:
        if spec.name == name:
            return spec.date_column
    raise KeyError(f"processed table {name!r} has no spec in data.steps.TABLES")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def cut(frame: pd.DataFrame, column: str | None, as_of: str | None) -> pd.DataFrame:
    """`frame` up to `as_of` by `column` (the rule `read` documents); the frame itself when there is
    nothing to cut by."""
    if not as_of or column is None:
        return frame
    if not _ISO_DATE.fullmatch(str(as_of)):
        raise ValueError(f"as_of={as_of!r}: expected a YYYY-MM-DD date")
    values = frame[column]
    if pd.api.types.is_numeric_dtype(values):  # a calendar year
        kept = values.notna() & (values <= int(as_of[:4]))
    else:
        kept = values.notna() & (values.astype(str) <= as_of)
    return frame[kept]


def read_meta(name: str, processed_dir: Path | None = None) -> dict:
    """A processed table's metadata (title, columns, sources and their snapshots)."""
    processed_dir = Path(processed_dir) if processed_dir else config.processed_dir()
    return filecache.parsed(processed_dir / f"{name}.meta.yml", _read_yaml, "yaml")


def _read_yaml(path: Path, data: bytes):
    return yaml.load(data.decode("utf-8"), Loader=_SAFE_LOADER)


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML has it: 10× faster
