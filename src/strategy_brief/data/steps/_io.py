"""Reading snapshot files into frames (shared by the steps)."""

from __future__ import annotations

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


def read_csv(snap: Snapshot) -> pd.DataFrame:
    return pd.read_csv(snap.path, dtype=str, keep_default_na=False)


def read_json(snap: Snapshot) -> dict:
    return json.loads(snap.path.read_bytes())


def year_of(dates: pd.Series) -> pd.Series:
    return pd.to_datetime(dates, errors="coerce").dt.year
