"""Reading snapshot files into frames (shared by the steps)."""

from __future__ import annotations

import gzip
import io
import json
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # data.snapshot imports the schemas, which import the steps
    from strategy_brief.data.snapshot import Snapshot


def latest(snaps: list[Snapshot], source: str) -> Snapshot:
    if not snaps:
        raise FileNotFoundError(
            f"no snapshot of {source}; run `strategy-brief data refresh --source {source}`"
        )
    return max(snaps, key=lambda s: (s.date, s.path.name))


def read_bytes(snap: Snapshot) -> bytes:
    """A snapshot's content, unpacked if it is gzip (by its magic bytes)."""
    data = snap.path.read_bytes()
    return gzip.decompress(data) if data.startswith(b"\x1f\x8b") else data


def read_csv(snap: Snapshot, encoding: str = "utf-8") -> pd.DataFrame:
    """A CSV snapshot as text columns; `encoding` as its registry entry states (e.g. mac_roman)."""
    return pd.read_csv(io.BytesIO(read_bytes(snap)), dtype=str, keep_default_na=False, encoding=encoding)


def read_json(snap: Snapshot) -> dict | list:
    return json.loads(read_bytes(snap))


def year_of(dates: pd.Series) -> pd.Series:
    return pd.to_datetime(dates, errors="coerce").dt.year
