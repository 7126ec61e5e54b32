"""Reference tables a brief shows from the curated inputs (the Chinese developers' own names)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from strategy_brief.curated import glossary
from strategy_brief.report import record


def show_developers(path: Path | None = None) -> None:
    """The Chinese developers of open-weight models with the names they publish in Chinese."""
    path = Path(path or glossary.DEVELOPERS_FILE)
    record.show_table(
        pd.read_csv(path, dtype=str, keep_default_na=False),
        caption="Chinese developers of open-weight models, as they name themselves",
        source_note=f"Source: data/raw/{path.name} (names as the developers publish them).",
        columns={
            "developer": "Developer",
            "name_zh": "Chinese name",
            "flagship_open_weight_family": "Open-weight family",
        },
    )
