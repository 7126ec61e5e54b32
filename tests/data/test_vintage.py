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


def test_newest_day_reads_a_date_a_month_a_year_or_the_snapshot():
    assert vintage.newest_day("2026-03-05", "2026-03-09") == "2026-03-05"
    assert vintage.newest_day("2025-02", "2025-03-01") == "2025-02-28"
    assert vintage.newest_day("2026", "2026-07-19") == "2026-07-19"  # a year still running: the snapshot
    assert vintage.newest_day("2024", "2026-07-19") == "2024-12-31"
    assert vintage.newest_day("", "2025-01-01") == "2025-01-01"
    assert vintage.newest_day("", "0.2.3") == ""  # a package version is no date


def test_ages_count_whole_months_to_the_edition_and_flag_stale_data(tmp_path):
    _meta(tmp_path, "eci", [{"name": "eci", "title": "ECI", "snapshots": [{"date": "2025-08-31"}]}])
    _meta(tmp_path, "cloud", [{"name": "cloud", "title": "Cloud", "snapshots": [{"date": "2025-01-01"}]}])
    _meta(tmp_path, "pkg", [{"name": "pkg", "title": "Prices", "snapshots": [{"date": "0.2.3"}]}])
    ages = vintage.ages("2025-12-01", processed_dir=tmp_path).set_index("source")
    assert ages.loc["eci", "age_months"] == 3 and ages.loc["cloud", "age_months"] == 11
    assert pd.isna(ages.loc["pkg", "age_months"]) and ages.loc["pkg", "newest"] == ""
    assert vintage.newest(["eci", "cloud", "pkg"], processed_dir=tmp_path) == "2025-08-31"
    assert vintage.newest(["eci", "cloud"], as_of="2025-06-30", processed_dir=tmp_path) == "2025-06-30"
    assert vintage.newest(["pkg"], processed_dir=tmp_path) == ""
    assert not vintage.is_stale("2025-08-31", "2025-12-01")  # 3 months: not more than 3
    assert vintage.is_stale("2025-08-31", "2026-01-01") and not vintage.is_stale("", "2026-01-01")
    assert [vintage.age_text(n) for n in (8, 1, 0, pd.NA)] == [
        "8 months",
        "1 month",
        "under a month",
        "undated",
    ]
