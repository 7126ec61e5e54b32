"""The data-vintage line and the span of the curated facts (data.vintage)."""

import pandas as pd
import pytest
import yaml

from strategy_brief.data import vintage


def _meta(folder, table, sources, date_range=None):
    meta = {"table": table, "sources": sources}
    if date_range:
        meta["date_range"] = date_range
    (folder / f"{table}.meta.yml").write_text(yaml.safe_dump(meta))


def test_vintage_line_names_each_source_once_with_its_newest_data(tmp_path):
    arena = {"name": "arena", "title": "Arena", "snapshots": [{"date": "2025-08-01"}, {"date": "2025-08-04"}]}
    _meta(tmp_path, "a_best", [arena], ["2024-06-19", "2025-08-04"])
    _meta(tmp_path, "a_mix", [arena], ["2024-06-19", "2025-07-01"])
    _meta(tmp_path, "cloud", [{"name": "cloud", "title": "Cloud map", "snapshots": [{"date": "2025-01-01"}]}])
    _meta(
        tmp_path,
        "hw",
        [{"name": "hw", "title": "Chips", "snapshots": [{"date": "2026-07-19"}]}],
        ["2008", "2026"],
    )
    _meta(tmp_path, "pkg", [{"name": "pkg", "title": "Prices", "snapshots": [{"date": "0.2.3"}]}])
    line = vintage.line(processed_dir=tmp_path)
    assert line == (
        "Arena: data to 2025-08; Chips: data to 2026 (snapshot 2026-07); Cloud map: snapshot of 2025-01; "
        "Prices: package version 0.2.3"
    )
    assert vintage.line(["cloud"], processed_dir=tmp_path) == "Cloud map: snapshot of 2025-01"
    with pytest.raises(ValueError, match="no processed tables"):
        vintage.by_source(processed_dir=tmp_path / "empty")


def test_facts_span_ignores_targets_after_the_edition():
    facts = pd.DataFrame(
        {
            "as_of_start": ["2024-01-01", "", "2030-01-01"],
            "as_of_end": ["2024-12-31", "2025-06", "2030-12-31"],
        }
    )
    assert vintage.facts_span(facts, "2026-11-23") == "3 curated figures, the newest as of 2025-06"
