"""Source notes and the methods tables come from the registry and the processed metadata."""

from __future__ import annotations

import pytest
import yaml

from strategy_brief import config
from strategy_brief.data import provenance, sources


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


def test_source_note_with_facts_names_each_primary_source_where_read_and_the_fact_ids():
    from strategy_brief.curated import facts

    curated = facts.load()
    rows = curated[curated["fact_id"].isin(["F151", "F152", "F153", "F154", "F009"])]
    note = provenance.source_note(["eci_by_model"], facts=rows)
    assert note.startswith("Source: Epoch AI") and note.endswith(". Processed by strategy-brief.")
    assert "Edelman Trust Barometer 2025, via " in note and "(facts F151–F154)" in note
    assert "Stanford HAI AI Index 2025, via ciol.com (fact F009)" in note
    only_facts = provenance.source_note(facts=rows)
    assert only_facts.startswith("Source: Edelman") and "Processed by" not in only_facts


def test_id_ranges_shortens_runs_of_three_or_more():
    ids = ["F152", "F151", "F153", "F160", "F009", "F010", "F201a", "F124", "F125", "F126", "F128"]
    assert provenance.id_ranges(ids) == "F009, F010, F124–F126, F128, F151–F153, F160, F201a"
