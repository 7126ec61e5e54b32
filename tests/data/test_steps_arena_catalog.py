"""data.steps.arena_catalog: LMArena's own leaderboard files → best model per bloc with its interval."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from strategy_brief.data import processed, refresh, schemas
from strategy_brief.data.steps import arena_catalog as step
from tests.fixtures import mirror_arena_catalog as mirror

US, CN, EU, ROW = "United States", "China", "Europe", "Rest of world"


def entry(rating, half=5.0):
    return {"rating": rating, "rating_q025": rating - half, "rating_q975": rating + half}


def test_file_names_give_kind_date_and_commit():
    assert step.parse_name("leaderboard-text_2025-05-27_209556bee.json.gz", "x") == (
        step.TEXT,
        "2025-05-27",
        "209556bee",
    )
    assert step.parse_name("leaderboard-text-style-control_2025-12-17_3b12b7fd9.json.gz", "x")[0] == (
        step.STYLE_CONTROL
    )
    assert step.parse_name("scatterplot-data_2025-01-28_d15d54c77.json", "x")[0] == step.SCATTERPLOT
    # A download keeps the upstream name: dated by its snapshot, no commit.
    assert step.parse_name("leaderboard-text.json", "2026-01-05") == (step.TEXT, "2026-01-05", "download")
    with pytest.raises(ValueError, match=r"file 'leaderboard-vision_2025-01-01_abc\.json'"):
        step.parse_name("leaderboard-vision_2025-01-01_abc.json", "x")


def test_leaderboard_rows_keep_rating_and_interval():
    doc = {"full": {"a": entry(1400.0, 6.0), "b": entry(1380.0)}, "chinese": {"a": entry(1390.0, 20.0)}}
    rows = step.leaderboard_rows(doc, "f.json")
    row = rows[(rows["category"] == "chinese") & (rows["model"] == "a")].iloc[0]
    assert (row["rating"], row["ci_lower"], row["ci_upper"]) == (1390.0, 1370.0, 1410.0)
    assert len(rows) == 3


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"chinese": {"a": entry(1.0)}}, "'full' category"),
        (
            {"full": {"a": {"rating": 1400.0, "rating_q025": 1390.0}}},
            r"category 'full', model 'a': rating_q975 is None",
        ),
        ({"full": {"a": {"rating": "1400", "rating_q025": 1.0, "rating_q975": 2.0}}}, "rating is '1400'"),
        (
            {"full": {"a": {"rating": 1400.0, "rating_q025": 1401.0, "rating_q975": 1410.0}}},
            r"model 'a': rating 1400.0 outside its interval \[1401.0, 1410.0\]",
        ),
        ({"full": ["a"]}, "category 'full' is not an object"),
    ],
)
def test_a_malformed_leaderboard_is_refused_naming_file_category_and_model(doc, message):
    with pytest.raises(ValueError, match=f"^f.json: .*{message}"):
        step.leaderboard_rows(doc, "f.json")


def test_one_version_per_file_and_day_the_one_rating_most_models():
    versions = pd.DataFrame(
        [
            (step.TEXT, "2025-05-27", "aaa", 227, 20),
            (step.TEXT, "2025-05-27", "bbb", 236, 20),
            (step.TEXT, "2025-05-27", "ccc", 232, 20),
            (step.STYLE_CONTROL, "2025-05-27", "aaa", 228, 8),
            (step.STYLE_CONTROL, "2025-05-27", "ddd", 228, 19),  # the tie goes to more categories
            (step.TEXT, "2025-06-01", "eee", 240, 20),
        ],
        columns=["file", "date", "commit", "full_models", "categories"],
    )
    kept = step.pick_versions(versions).set_index(["file", "date"])
    assert kept.loc[(step.TEXT, "2025-05-27"), "commit"] == "bbb"
    assert kept.loc[(step.TEXT, "2025-05-27"), "versions_on_date"] == 3
    assert kept.loc[(step.STYLE_CONTROL, "2025-05-27"), "commit"] == "ddd"
    assert kept.loc[(step.TEXT, "2025-06-01"), "versions_on_date"] == 1


def test_arena_names_keep_overall_and_language_categories_only():
    assert step.arena_name(step.TEXT, "full") == "text"
    assert step.arena_name(step.STYLE_CONTROL, "full") == "text-style-control"
    assert step.arena_name(step.TEXT, "chinese") == "chinese"
    assert step.arena_name(step.STYLE_CONTROL, "english") == "english-style-control"
    assert step.arena_name(step.TEXT, "coding") is None
    assert step.arena_name(step.TEXT, "hard_english_6") is None


def test_models_are_attributed_through_crosswalk_curated_rows_and_scatterplot():
    scatter = {"longcat-flash-chat": "Meituan", "gemini-3-pro": "Google", "glm-4.6": "Somebody Else"}
    who = step.attribute(
        ["glm-4.6", "qwen-max-2025-08-15", "longcat-flash-chat", "gemini-3-pro"], scatter
    ).set_index("model")
    # The crosswalk wins over scatterplot-data.
    assert tuple(who.loc["glm-4.6"]) == ("Zhipu AI", CN, step.FROM_CROSSWALK)
    assert tuple(who.loc["qwen-max-2025-08-15"]) == ("Alibaba", CN, step.FROM_CURATED)
    # "Meituan" is not in organizations.csv: the curated file maps it to "Meituan Inc".
    assert tuple(who.loc["longcat-flash-chat"]) == ("Meituan", CN, step.FROM_SCATTERPLOT)
    assert tuple(who.loc["gemini-3-pro"]) == ("Google", US, step.FROM_SCATTERPLOT)


def test_a_model_nobody_attributes_is_an_error_naming_it():
    with pytest.raises(
        ValueError, match=r"2 model\(s\) with no organization .*: mystery-model, odd-model \('Acme Labs'\)"
    ):
        step.attribute(["mystery-model", "odd-model", "glm-4.6"], {"odd-model": "Acme Labs"})


def test_the_curated_file_is_checked_naming_file_and_row(tmp_path):
    path = tmp_path / "arena_catalog_organizations.csv"
    path.write_text("kind,name_in_source,organization,note\nmodel,x,Alibaba,\nalias,y,Alibaba,\n")
    with pytest.raises(ValueError, match=r"arena_catalog_organizations.csv: row 3: kind 'alias'"):
        step.curated_organizations(path)
    path.write_text("kind,name_in_source,organization,note\nmodel,x,Nobody Inc,\n")
    with pytest.raises(ValueError, match=r"row 2: .*no row for organization 'Nobody Inc'"):
        step.curated_organizations(path)
    path.write_text("kind,name_in_source,organization,note\nmodel,x,Alibaba,\nmodel,x,Baidu,\n")
    with pytest.raises(ValueError, match=r"row 3: model 'x' listed twice"):
        step.curated_organizations(path)


def test_best_by_bloc_keeps_the_top_model_and_counts():
    ratings = pd.DataFrame(
        [
            ("m1", 1400.0, 1390.0, 1410.0),
            ("m2", 1420.0, 1400.0, 1440.0),
            ("m3", 1380.0, 1370.0, 1390.0),
            ("m4", 1300.0, 1290.0, 1310.0),
        ],
        columns=["model", "rating", "ci_lower", "ci_upper"],
    ).assign(
        date="2025-06-01",
        arena="chinese",
        leaderboard="text",
        category="chinese",
        version="abc",
        versions_on_date=2,
    )
    who = pd.DataFrame(
        {
            "model": ["m1", "m2", "m3", "m4"],
            "organization": ["A", "B", "C", "D"],
            "bloc": [US, US, CN, EU],
            "organization_from": step.FROM_CROSSWALK,
        }
    )
    best = step.best_by_bloc(ratings, who).set_index("bloc")
    assert best.loc[US, "model"] == "m2" and best.loc[US, "ci_upper"] == 1440.0
    assert best.loc[CN, "model"] == "m3"
    assert set(best.index) == {US, CN, EU}
    assert (best["models_ranked"] == 4).all()
    assert best.loc[US, "bloc_models_ranked"] == 2 and best.loc[EU, "bloc_models_ranked"] == 1


def recount() -> dict:
    """(date, arena, bloc) → best model, from the fixture's definitions without the step."""
    bloc = {
        "gemini-2.5-pro": US,
        "o3-2025-04-16": US,
        "claude-opus-4-20250514": US,
        "gemini-3-pro": US,
        "deepseek-r1": CN,
        "qwen3-235b-a22b": CN,
        "glm-4.6": CN,
        "qwen-max-2025-08-15": CN,
        "longcat-flash-chat": CN,
        "mistral-medium-2505": EU,
        "command-a-03-2025": ROW,
    }
    out = {}
    for date, board in (("2025-04-02", mirror.EARLY), ("2025-10-21", mirror.LATE)):
        for category, models in board.items():
            if category not in ("full", "chinese", "english"):
                continue
            arena = "text" if category == "full" else category
            for model, _ in sorted(models.items(), key=lambda kv: -kv[1][0]):
                out.setdefault((date, arena, bloc[model]), model)
    return out


def test_the_refreshed_table_matches_a_recount_of_the_fixture(tmp_path, monkeypatch):
    for relative, make in mirror.MIRROR_FILES.items():
        path = tmp_path / "mirror" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
    monkeypatch.setattr(refresh, "TABLES", step.TABLES)
    proc = tmp_path / "processed"
    refresh.refresh(
        [step.SOURCE], mirror=tmp_path / "mirror", external_dir=tmp_path / "ext", processed_dir=proc
    )
    table = processed.read("lmarena_catalog_best_by_bloc", proc)
    raw = table[table["leaderboard"] == "text"]
    got = dict(zip(zip(raw["date"], raw["arena"], raw["bloc"], strict=True), raw["model"], strict=True))
    assert got == recount()
    # The day's partial version (another US leader, fewer models) is not the one kept.
    late = raw[raw["date"] == "2025-10-21"]
    assert set(late["version"]) == {"5e6f7a8b9"} and set(late["versions_on_date"]) == {2}
    # Coding and math are left out; the early style-controlled file has no language arena.
    assert not table["arena"].str.contains("coding|math").any()
    early_sc = table[(table["date"] == "2025-04-02") & (table["leaderboard"] == "text-style-control")]
    assert set(early_sc["arena"]) == {"text-style-control"}
    # Every row's interval holds its rating and the table passes its schema.
    assert ((table["ci_lower"] <= table["rating"]) & (table["rating"] <= table["ci_upper"])).all()
    schemas.validate("lmarena_catalog_best_by_bloc", table, "fixture")


def test_a_gzip_leaderboard_reads_the_same_as_plain_json(tmp_path):
    doc = {"full": {"glm-4.6": entry(1450.0)}}
    plain, packed = tmp_path / "plain.json", tmp_path / "packed.json.gz"
    plain.write_text(json.dumps(doc))
    packed.write_bytes(gzip.compress(json.dumps(doc).encode(), mtime=0))
    from strategy_brief.data.snapshot import Snapshot
    from strategy_brief.data.steps import _io

    frames = [
        step.leaderboard_rows(_io.read_json(Snapshot(step.SOURCE, "2025-01-01", p, "", 0, "")), p.name)
        for p in (plain, packed)
    ]
    pd.testing.assert_frame_equal(frames[0], frames[1])
