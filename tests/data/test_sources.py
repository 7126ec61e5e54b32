"""The source registry (data/sources/*.yml): complete, and errors that name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_brief.data import sources


def test_registry_is_complete():
    registry = sources.load_all()
    assert {s.name for s in registry} >= {
        "epoch_notable_models",
        "epoch_capabilities_index",
        "litellm_prices",
        "lmarena_text",
        "open_llm_leaderboard",
        "cloud_regions",
    }
    for s in registry:
        assert s.licence and s.citation and s.producer and s.url.startswith("https://")
    assert not sources.load("cloud_regions").publish_rows


def test_registry_errors_name_the_file(tmp_path):
    (tmp_path / "x.yml").write_text("name: x\ntitle: T\n")
    with pytest.raises(sources.SourceError, match=r"x\.yml: missing producer"):
        sources.load_all(tmp_path)
    with pytest.raises(sources.SourceError, match="unknown source 'nope'"):
        sources.load("nope", Path(sources.SOURCES_DIR))


def test_encoding_is_read_and_an_unknown_one_is_refused(tmp_path):
    entry = (Path(sources.SOURCES_DIR) / "cloud_regions.yml").read_text()
    (tmp_path / "cloud_regions.yml").write_text(entry + "encoding: mac_roman\n")
    assert sources.load("cloud_regions", tmp_path).encoding == "mac_roman"
    assert sources.load("cloud_regions").encoding == "utf-8"
    (tmp_path / "cloud_regions.yml").write_text(entry + "encoding: klingon-8\n")
    with pytest.raises(sources.SourceError, match=r"cloud_regions\.yml: encoding 'klingon-8'"):
        sources.load("cloud_regions", tmp_path)


def test_a_stated_file_whose_name_carries_no_date_states_its_date():
    """Else its snapshot would be dated the day of the refresh and its table's metadata change daily."""
    from strategy_brief.data import snapshot

    for source in sources.load_all():
        for name, stated in source.files.items():
            undated = not (snapshot._FULL_DATE.search(name) or snapshot._MONTH.search(name))
            if undated:
                assert "date" in stated, f"{source.name}: files: {name} needs a date: YYYY-MM-DD"
