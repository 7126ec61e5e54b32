"""curated.classify's tables (data/raw): the organization classification, the model crosswalk, and
the openness classes with the map from each source's licence or accessibility text to them, checked
on their own and against the shared datasets.

The coverage tests read the public datasets mirrored in ../shared/data and are skipped when that
folder is absent; the other tests check the committed files on their own.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from pathlib import Path

import pandas as pd
import pytest

from strategy_brief import config

RAW = config.RAW_DIR
ORGANIZATIONS = RAW / "classification" / "organizations.csv"
CROSSWALK = RAW / "model_crosswalk.csv"
ALIASES = RAW / "model_aliases.csv"
CLASSIFICATION = RAW / "classification"
SHARED = config.PROJECT_ROOT.parent / "shared" / "data"

ORG_COLUMNS = ["name_in_source", "organization", "country", "parent", "note"]
CROSSWALK_COLUMNS = ["model_id", "display_name", "developer", "openness_class", "release_date", "notes"]
ALIAS_COLUMNS = ["source", "name_in_source", "model_id"]
OPENNESS = {"open_unrestricted", "open_restricted", "open_noncommercial", "api", "unreleased"}
SOURCES = {"genai_prices", "eci", "lmarena", "lmarena_elo_history", "litellm", "epoch_models"}

# litellm providers that are first-party for a tracked developer; only chat/completion modes count
FIRST_PARTY_PROVIDERS = {
    "openai",
    "anthropic",
    "gemini",
    "vertex_ai-language-models",
    "xai",
    "mistral",
    "deepseek",
    "dashscope",
    "moonshot",
    "minimax",
    "zai",
    "zhipu",
}
PRICE_MODES = {"chat", "completion"}
# keys that pass that filter but price no model
NOT_MODELS = {"openai/container"}
LMARENA_TOP = 50


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@functools.cache
def organizations() -> pd.DataFrame:
    return read(ORGANIZATIONS)


@functools.cache
def crosswalk() -> pd.DataFrame:
    return read(CROSSWALK)


@functools.cache
def aliases() -> pd.DataFrame:
    return read(ALIASES)


def mapped(source: str) -> set[str]:
    table = aliases()
    return set(table.loc[table["source"] == source, "name_in_source"])


def shared(relative: str) -> Path:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"shared dataset not available: {path}")
    return path


def unmapped_message(source: str, names: set[str]) -> str:
    listing = "\n".join(f"  {name!r}" for name in sorted(names))
    return f"{len(names)} {source} names missing from {ALIASES.name}:\n{listing}"


# ------------------------------------------------------------------ file format


@pytest.mark.parametrize(
    ("path", "columns"),
    [(ORGANIZATIONS, ORG_COLUMNS), (CROSSWALK, CROSSWALK_COLUMNS), (ALIASES, ALIAS_COLUMNS)],
    ids=lambda value: value.name if isinstance(value, Path) else "",
)
def test_files_load_with_the_expected_columns(path, columns):
    table = read(path)
    assert list(table.columns) == columns
    assert len(table) > 0


@pytest.mark.parametrize("path", [ORGANIZATIONS, CROSSWALK, ALIASES], ids=lambda p: p.name)
def test_files_are_utf8_with_unix_line_endings(path):
    raw = path.read_bytes()
    raw.decode("utf-8")
    assert b"\r" not in raw
    assert raw.endswith(b"\n")


@pytest.mark.parametrize("path", [ORGANIZATIONS, CROSSWALK, ALIASES], ids=lambda p: p.name)
def test_no_blank_keys_or_stray_whitespace(path):
    table = read(path)
    key = table.columns[0] if path != ALIASES else "name_in_source"
    assert (table[key] != "").all()
    for column in table.columns:
        if column == "name_in_source":
            continue  # copied verbatim from the sources, which sometimes carry spaces
        assert (table[column] == table[column].str.strip()).all(), f"{path.name}: whitespace in {column}"


# ------------------------------------------------------------------ organizations


def test_organization_names_are_unique_and_sorted():
    names = organizations()["name_in_source"].tolist()
    assert len(names) == len(set(names))
    assert names == sorted(names)


def test_every_organization_has_a_canonical_name_and_country():
    table = organizations()
    assert (table["organization"] != "").all()
    assert (table["country"] != "").all()


def test_every_country_is_recognised_by_country_converter():
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    converter = coco.CountryConverter()
    countries = sorted(set(organizations()["country"]))
    codes = {name: converter.convert(name, to="ISO3", not_found=None) for name in countries}
    bad = {
        name: code
        for name, code in codes.items()
        if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code))
    }
    assert not bad, f"countries country_converter does not recognise: {bad}"


def test_canonical_organizations_have_one_country():
    table = organizations()
    countries = table.groupby("organization")["country"].nunique()
    assert (countries == 1).all(), countries[countries > 1].to_dict()


@pytest.mark.parametrize(
    ("name", "organization", "country"),
    [
        ("Google DeepMind", "Google", "United States"),
        ("DeepMind", "Google", "United States"),
        ("Google Brain", "Google", "United States"),
        ("Alibaba", "Alibaba", "China"),
        ("Z.ai (Zhipu AI)", "Zhipu AI", "China"),
        ("Zhipu", "Zhipu AI", "China"),
        ("Moonshot", "Moonshot AI", "China"),
        ("DeepSeek AI", "DeepSeek", "China"),
        ("SenseTime", "SenseTime", "Hong Kong"),
        ("Mistral", "Mistral AI", "France"),
        ("Stability AI", "Stability AI", "United Kingdom"),
    ],
)
def test_documented_classifications(name, organization, country):
    row = organizations().set_index("name_in_source").loc[name]
    assert (row["organization"], row["country"]) == (organization, country)


# ------------------------------------------------------------------ crosswalk and aliases


def test_model_ids_are_unique_lowercase_slugs():
    ids = crosswalk()["model_id"]
    assert ids.is_unique
    bad = [value for value in ids if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", value)]
    assert not bad, bad


def test_every_developer_is_an_organization():
    known = set(organizations()["organization"])
    missing = set(crosswalk()["developer"]) - known
    assert not missing, f"developers not in {ORGANIZATIONS.name}: {sorted(missing)}"


def test_openness_class_vocabulary():
    unknown = set(crosswalk()["openness_class"]) - OPENNESS
    assert not unknown, unknown


def test_release_dates_are_iso_or_explained():
    table = crosswalk()
    dated = table[table["release_date"] != ""]
    parsed = pd.to_datetime(dated["release_date"], format="%Y-%m-%d", errors="coerce")
    assert parsed.notna().all(), dated.loc[parsed.isna(), ["model_id", "release_date"]].to_dict("records")
    undated = table[table["release_date"] == ""]
    unexplained = undated.loc[~undated["notes"].str.contains("release date unknown"), "model_id"]
    assert unexplained.empty, f"blank release_date without a note: {unexplained.tolist()}"


def test_alias_sources_and_uniqueness():
    table = aliases()
    assert set(table["source"]) <= SOURCES
    assert not table.duplicated(["source", "name_in_source"]).any()


def test_aliases_are_sorted():
    table = aliases()
    keys = list(zip(table["source"], table["name_in_source"], strict=True))
    assert keys == sorted(keys)


def test_every_alias_points_at_a_crosswalk_id():
    missing = set(aliases()["model_id"]) - set(crosswalk()["model_id"])
    assert not missing, f"aliases pointing nowhere: {sorted(missing)}"


def test_every_crosswalk_id_is_used_by_an_alias():
    unused = set(crosswalk()["model_id"]) - set(aliases()["model_id"])
    assert not unused, f"crosswalk ids no source uses: {sorted(unused)}"


# ------------------------------------------------------------------ coverage of the shared datasets


def test_eci_coverage():
    eci = pd.read_csv(shared("benchmarks/epoch_capabilities_index_2026-03-09.csv"))
    required = set(eci.loc[eci["ECI Score"].notna(), "Model version"])
    missing = required - mapped("eci")
    assert not missing, unmapped_message("eci", missing)


def test_lmarena_top_coverage():
    panel = pd.read_csv(shared("leaderboards/lmarena_text_leaderboard_panel_2024-06_2025-08.csv"))
    required = set()
    for _, board in panel.groupby("leaderboard_version"):
        if board["rank"].notna().all():
            required |= set(board.loc[board["rank"] <= LMARENA_TOP, "model"])
        else:
            required |= set(board.nlargest(LMARENA_TOP, "arena_score")["model"])
    missing = required - mapped("lmarena")
    assert not missing, unmapped_message("lmarena", missing)


def first_party_price_keys() -> set[str]:
    folder = shared("api_prices")
    keys = set()
    for path in sorted(folder.rglob("*.json")):
        for key, entry in json.loads(path.read_text()).items():
            if not isinstance(entry, dict) or key.startswith("ft:") or key in NOT_MODELS:
                continue
            provider, mode = entry.get("litellm_provider"), entry.get("mode")
            if provider not in FIRST_PARTY_PROVIDERS or mode not in PRICE_MODES:
                continue
            if provider == "vertex_ai-language-models" and "gemini" not in key:
                continue
            keys.add(key)
    return keys


def test_litellm_first_party_coverage():
    required = first_party_price_keys()
    assert required, "no first-party price keys found"
    missing = required - mapped("litellm")
    assert not missing, unmapped_message("litellm", missing)


def split_organizations(values: pd.Series) -> set[str]:
    names = set()
    for value in values.dropna():
        names |= {part.strip() for part in str(value).split(",") if part.strip()}
    return names


def test_every_source_organization_is_classified():
    notable = pd.read_csv(shared("epoch_models/notable_ai_models_2026-07-19.csv"), usecols=["Organization"])
    eci = pd.read_csv(shared("benchmarks/epoch_capabilities_index_2026-03-09.csv"), usecols=["Organization"])
    panel = pd.read_csv(
        shared("leaderboards/lmarena_text_leaderboard_panel_2024-06_2025-08.csv"), usecols=["organization"]
    )
    found = (
        split_organizations(notable["Organization"])
        | split_organizations(eci["Organization"])
        | {value.strip() for value in panel["organization"].dropna()}
    )
    missing = found - set(organizations()["name_in_source"])
    listing = "\n".join(f"  {name!r}" for name in sorted(missing))
    assert not missing, f"{len(missing)} organization strings missing from {ORGANIZATIONS.name}:\n{listing}"


# ------------------------------------------------------------------ openness classes and map


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
    paths = [SHARED / f for f in files]
    missing = [p for p in paths if not p.exists()]
    if missing:
        pytest.skip(f"shared data not available: {', '.join(str(p) for p in missing)}")
    seen = set()
    for path in paths:
        seen |= set(pd.read_csv(path, usecols=[column], dtype=str, keep_default_na=False)[column])
    mapped = set(mapping.loc[mapping["source"] == source, "raw_value"])
    unmapped = sorted(seen - mapped)
    assert not unmapped, f"{source}: values of {column!r} missing from openness_map.csv: {unmapped}"
