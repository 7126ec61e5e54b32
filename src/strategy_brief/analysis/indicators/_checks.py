"""Input checks shared by the indicator modules."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def require(frame: pd.DataFrame, columns: Iterable[str], caller: str, what: str = "input") -> None:
    """Refuse a frame that lacks columns or has no rows, naming the function and what is missing."""
    missing = sorted(set(columns) - set(frame.columns))
    if missing:
        raise ValueError(f"{caller}: {what} lacks column(s) {missing}")
    if frame.empty:
        raise ValueError(f"{caller}: empty {what}")
