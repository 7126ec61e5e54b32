"""Source notes and the methods tables come from the registry and the processed metadata."""

from __future__ import annotations

import pytest
import yaml

from strategy_brief import config, provenance, sources


def test_source_note_names_producer_licence_and_vintage():
    note = provenance.source_note(["eci_by_model", "api_prices"])
    eci = sources.load("epoch_capabilities_index")
    prices = yaml.safe_load((config.PROCESSED_DIR / "api_prices.meta.yml").read_text())
    dates = sorted(s["date"] for s in prices["sources"][0]["snapshots"])
    assert note.startswith("Source: ")
    assert eci.producer in note and eci.licence in note
    assert f"snapshots {dates[0]} to {dates[-1]}" in note


def test_source_note_needs_a_table():
    with pytest.raises(ValueError, match="at least one"):
        provenance.source_note([])


def test_sources_table_has_every_registered_source_and_its_snapshots():
    table = provenance.sources_table()
    assert sorted(table["source"]) == sorted(s.name for s in sources.load_all())
    assert (table["snapshots"] != "none committed").all()


def test_tables_table_has_every_processed_table():
    table = provenance.tables_table()
    assert sorted(table["table"]) == sorted(
        p.name.removesuffix(".csv") for p in config.PROCESSED_DIR.glob("*.csv")
    )
    assert (table["method"].str.len() > 20).all()
