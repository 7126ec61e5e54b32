"""The methods section's prose and reference tables (strategy_brief.report.narrative.methods)."""

from __future__ import annotations

import pandas as pd

from strategy_brief.report.narrative import methods


def test_sources_with_vintage_describes_each_used_source_and_marks_the_others(monkeypatch):
    registry = pd.DataFrame(
        {"source": ["epoch", "lmarena", "unused"], "title": ["Epoch", "LMArena", "Unused"]}
    )
    vintage_rows = pd.DataFrame(
        {
            "source": ["epoch", "lmarena"],
            "title": ["Epoch", "LMArena"],
            "data_to": ["2026", "2025-08-04"],
            "snapshot": ["2026-07-19", "2025-08-04"],
            "tables": ["models", "top_mix"],
        }
    )
    monkeypatch.setattr(methods.provenance, "sources_table", lambda: registry.copy())
    monkeypatch.setattr(
        methods.vintage, "by_source", lambda tables=None, processed_dir=None: vintage_rows.copy()
    )
    sources = methods.sources_with_vintage("2026-12-01")
    assert sources["data_to"].tolist() == ["data to 2026 (snapshot 2026-07)", "data to 2025-08", "not used"]
    assert sources["age"].tolist() == ["4 months", "15 months", ""]  # to 2026-07-19 and 2025-08-04
    assert sources["title"].tolist() == registry["title"].tolist()
    assert "(2026-12-01)" in methods.ages_note("2026-12-01")


def test_classification_reads_the_project_table_keeping_codes_such_as_na(tmp_path, monkeypatch):
    folder = tmp_path / "data" / "raw" / "classification"
    folder.mkdir(parents=True)
    (folder / "country_blocs.csv").write_text(
        "country,bloc,rationale\nNA,Rest of world,\nChina,China,Mainland\n"
    )
    monkeypatch.setenv("STRATEGY_BRIEF_ROOT", str(tmp_path))
    table = methods.classification("country_blocs.csv")
    assert table["country"].tolist() == ["NA", "China"]
    assert table["rationale"].tolist() == ["", "Mainland"]


def test_overview_and_citation_carry_the_numbers_and_text_passed_in():
    assert methods.overview(9, 23).startswith(
        "This edition draws on 9 public datasets, each kept as dated snapshots with a checksum, and 23 tables"
    )
    text = methods.how_to_cite("Project. Brief (full report), edition 2026-12-01.")
    assert text.startswith("**How to cite.** Project. Brief (full report), edition 2026-12-01. Reuse of")
