"""Openness classes and the map from each source's licence/accessibility text to them."""

import pandas as pd
import pytest

from strategy_brief import config

CLASSIFICATION = config.RAW_DIR / "classification"
SHARED_DATA = config.PROJECT_ROOT.parent / "shared" / "data"

CLASSES = {
    "open_unrestricted",
    "open_restricted",
    "open_noncommercial",
    "api",
    "unreleased",
    "unknown",
}

# source -> (column, files under shared/data) whose distinct values must all be mapped.
SOURCE_FIELDS = {
    "lmarena": (
        "license",
        [
            "leaderboards/lmarena_text_leaderboard_panel_2024-06_2025-08.csv",
            "leaderboards/lmarena_text_2025-08-04.csv",
            "leaderboards/lmarena_vision_2025-08-04.csv",
        ],
    ),
    "epoch_models": (
        "Model accessibility",
        [
            "epoch_models/notable_ai_models_2026-07-19.csv",
            "epoch_models/notable_ai_models_2025-12-02.csv",
        ],
    ),
    "eci": ("Model accessibility", ["benchmarks/epoch_capabilities_index_2026-03-09.csv"]),
    "open_llm_leaderboard": ("metadata_hub_license", ["leaderboards/open_llm_leaderboard_v2_2025-03-21.csv"]),
}


def read(path):
    # keep_default_na=False keeps "" and "N/A" as the strings they are.
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def classes():
    return read(CLASSIFICATION / "openness_classes.csv")


@pytest.fixture(scope="module")
def mapping():
    return read(CLASSIFICATION / "openness_map.csv")


def test_classes_have_exact_columns_and_vocabulary(classes):
    assert list(classes.columns) == ["openness_class", "label", "is_open_weights", "definition"]
    assert classes["openness_class"].is_unique
    assert set(classes["openness_class"]) == CLASSES
    assert (classes[["label", "definition"]].map(str.strip) != "").all().all()


def test_is_open_weights_is_true_exactly_for_open_classes(classes):
    assert set(classes["is_open_weights"]) <= {"true", "false"}
    open_classes = set(classes.loc[classes["is_open_weights"] == "true", "openness_class"])
    assert open_classes == {c for c in CLASSES if c.startswith("open_")}


def test_map_has_exact_columns_and_known_sources(mapping):
    assert list(mapping.columns) == ["source", "raw_value", "openness_class", "note"]
    assert set(mapping["source"]) == set(SOURCE_FIELDS)


def test_every_mapped_class_is_defined(mapping, classes):
    undefined = set(mapping["openness_class"]) - set(classes["openness_class"])
    assert not undefined, f"classes used in openness_map.csv but not defined: {sorted(undefined)}"


def test_source_raw_value_pairs_are_unique(mapping):
    duplicated = mapping[mapping.duplicated(["source", "raw_value"], keep=False)]
    assert duplicated.empty, duplicated[["source", "raw_value"]].to_string()


def test_map_is_sorted_and_plain_utf8_with_lf_line_endings(mapping):
    assert mapping.equals(mapping.sort_values(["source", "raw_value"]).reset_index(drop=True))
    for name in ("openness_map.csv", "openness_classes.csv"):
        raw = (CLASSIFICATION / name).read_bytes()
        raw.decode("utf-8")
        assert b"\r" not in raw, f"{name} has CR line endings"
        assert raw.endswith(b"\n")


def test_blank_values_are_mapped_explicitly(mapping):
    blanks = mapping[mapping["raw_value"] == ""]
    assert set(blanks["source"]) == set(SOURCE_FIELDS)
    assert set(blanks["openness_class"]) == {"unknown"}


@pytest.mark.parametrize(
    ("raw_value", "expected"),
    [
        ("Propretary", "api"),
        ("Proprietary", "api"),
        ("Apache 2.0", "open_unrestricted"),
        ("Apache-2.0", "open_unrestricted"),
        ("CC-BY-NC-4.0", "open_noncommercial"),
        ("Llama 3.1 Community", "open_restricted"),
        ("Modified MIT", "open_restricted"),
        ("MRL", "open_noncommercial"),
        ("N/A", "unknown"),
    ],
)
def test_lmarena_spot_checks(mapping, raw_value, expected):
    row = mapping[(mapping["source"] == "lmarena") & (mapping["raw_value"] == raw_value)]
    assert len(row) == 1, f"lmarena {raw_value!r} is not mapped exactly once"
    assert row["openness_class"].item() == expected


@pytest.mark.parametrize(
    ("source", "raw_value", "expected"),
    [
        ("epoch_models", "Open weights (unrestricted)", "open_unrestricted"),
        ("epoch_models", "Open weights (restricted use)", "open_restricted"),
        ("epoch_models", "Hosted access (no API)", "api"),
        ("eci", "Unreleased", "unreleased"),
        ("open_llm_leaderboard", "cc-by-nc-4.0", "open_noncommercial"),
        ("open_llm_leaderboard", "llama3.1", "open_restricted"),
    ],
)
def test_other_source_spot_checks(mapping, source, raw_value, expected):
    row = mapping[(mapping["source"] == source) & (mapping["raw_value"] == raw_value)]
    assert row["openness_class"].tolist() == [expected]


@pytest.mark.parametrize("source", sorted(SOURCE_FIELDS))
def test_every_distinct_source_value_is_mapped(mapping, source):
    column, files = SOURCE_FIELDS[source]
    paths = [SHARED_DATA / f for f in files]
    missing = [p for p in paths if not p.exists()]
    if missing:
        pytest.skip(f"shared data not available: {', '.join(str(p) for p in missing)}")
    seen = set()
    for path in paths:
        seen |= set(pd.read_csv(path, usecols=[column], dtype=str, keep_default_na=False)[column])
    mapped = set(mapping.loc[mapping["source"] == source, "raw_value"])
    unmapped = sorted(seen - mapped)
    assert not unmapped, f"{source}: values of {column!r} missing from openness_map.csv: {unmapped}"
