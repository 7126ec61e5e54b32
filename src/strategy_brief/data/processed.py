"""Processed tables in data/processed/: each a sorted CSV plus a metadata file, swapped in whole."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from strategy_brief import config
from strategy_brief.data.snapshot import Snapshot
from strategy_brief.data.sources import Source

# What the shared columns mean, so every table's metadata documents them the same way.
COLUMN_DOCS = {
    "bloc": "bloc of the developer: United States, China, Europe or Rest of world (classification/README.md)",
    "provider_bloc": "bloc of the cloud provider's home country",
    "openness_class": "open_unrestricted, open_restricted, open_noncommercial, api, unreleased or unknown"
    " (OPENNESS.md)",
    "model_id": "canonical model id (data/raw/model_crosswalk.csv); empty when not in the crosswalk",
    "developer": "canonical developer (classification/organizations.csv)",
    "organization": "canonical lead organization (classification/organizations.csv)",
    "world_region": "reporting world region on UN M49 (classification/un_subregion_to_world_region.csv)",
    "host_provider": "who serves the model (litellm_provider); not the developer",
}


@dataclass(frozen=True)
class TableSpec:
    """A processed table: what it is, what it is computed from, and how."""

    name: str
    title: str
    description: str
    sources: tuple[str, ...]
    compute: Callable[[dict[str, list[Snapshot]]], pd.DataFrame]
    key: tuple[str, ...]
    units: dict[str, str] = field(default_factory=dict)
    date_column: str | None = None
    method: str = ""


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


def write_all(tables: dict[str, tuple], processed_dir: Path = config.PROCESSED_DIR) -> None:
    """Write every table to a new folder, then swap it for data/processed in one rename."""
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


def read(name: str, processed_dir: Path = config.PROCESSED_DIR) -> pd.DataFrame:
    """A processed table as the briefs read it."""
    path = processed_dir / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path}: processed table not found; run `strategy-brief data refresh`")
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def read_meta(name: str, processed_dir: Path = config.PROCESSED_DIR) -> dict:
    return yaml.safe_load((processed_dir / f"{name}.meta.yml").read_text(encoding="utf-8"))
