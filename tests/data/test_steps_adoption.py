"""data.steps.adoption: AI user share by economy (pools), Claude.ai use by country (absence kept as
absence), OpenRouter top-10 tokens by developer bloc (free variants apart)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from strategy_brief.data import processed, refresh, schemas, snapshot, sources
from strategy_brief.data.snapshot import Snapshot
from strategy_brief.data.steps import adoption
from tests.fixtures import mirror_adoption

# ---------------------------------------------------------------------------- Microsoft AI Diffusion


def diffusion_wide(rows: dict[str, tuple[str, ...]], periods=("H1 2025", "H2 2025", "Q1 2026")):
    return pd.DataFrame(
        [[economy, *values] for economy, values in rows.items()],
        columns=["Economy", *(f"{p} AI Diffusion" for p in periods)],
    )


POOLS = pd.DataFrame(
    {
        "pool": ["wa", "wa", "wa"],
        "economy": ["Nigeria", "Ghana", "Togo"],  # Togo is not in the file: ignored
        "iso3": ["NGA", "GHA", "TGO"],
    }
)
ROWS = {
    "Kenya": ("7.80%", "8.10%", "8.70%"),
    "Türkiye": ("13.40%", "14.60%", "17.40%"),
    "Congo (DRC)": ("7.00%", "7.80%", "8.70%"),
    "Nigeria": ("8.70%", "9.30%", "10.10%"),
    "Ghana": ("8.70%", "9.30%", "10.10%"),
}


def test_user_share_is_one_row_per_economy_and_period_with_iso3_and_pools():
    table = adoption.user_share_by_economy(diffusion_wide(ROWS), POOLS)
    assert len(table) == 5 * 3
    by = table.set_index(["iso3", "period"])
    assert by.loc[("TUR", "Q1 2026"), "user_share"] == pytest.approx(0.174)
    assert by.loc[("TUR", "Q1 2026"), "economy"] == "Türkiye"
    assert by.loc[("COD", "H1 2025"), "world_region"] == "Sub-Saharan Africa"
    assert by.loc[("KEN", "H2 2025"), "period_end"] == "2025-12-31"
    assert by.loc[("NGA", "Q1 2026"), "pooled"] and by.loc[("NGA", "Q1 2026"), "pool"] == "wa"
    assert not by.loc[("KEN", "Q1 2026"), "pooled"] and by.loc[("KEN", "Q1 2026"), "pool"] == ""
    schemas.validate("ai_user_share_by_economy", table, "synthetic")


@pytest.mark.parametrize(
    ("period", "end"), [("H1 2025", "2025-06-30"), ("H2 2025", "2025-12-31"), ("Q1 2026", "2026-03-31")]
)
def test_period_end(period, end):
    assert adoption.period_end(period) == end


def test_a_pool_member_with_its_own_series_is_named():
    rows = {**ROWS, "Ghana": ("8.70%", "9.40%", "10.10%")}
    with pytest.raises(ValueError, match=r"economy 'Ghana' is in pool 'wa'.*differs"):
        adoption.user_share_by_economy(diffusion_wide(rows), POOLS, "file.csv")


def test_economies_sharing_a_series_outside_the_curated_pools_are_refused():
    rows = {**ROWS, "Uganda": ("6.40%", "6.80%", "7.60%"), "Ethiopia": ("6.40%", "6.80%", "7.60%")}
    with pytest.raises(ValueError, match=r"\['Ethiopia', 'Uganda'\] share one identical series"):
        adoption.user_share_by_economy(diffusion_wide(rows), POOLS, "file.csv")


def test_an_economy_without_iso3_is_named():
    rows = {**ROWS, "Atlantis": ("1.00%", "2.00%", "3.00%")}
    with pytest.raises(ValueError, match=r"file.csv: economy 'Atlantis' \(row 7\)"):
        adoption.user_share_by_economy(diffusion_wide(rows), POOLS, "file.csv")


def test_two_names_for_one_economy_are_refused():
    rows = {**ROWS, "Turkey": ("1.00%", "2.00%", "3.00%")}
    with pytest.raises(ValueError, match=r"'Türkiye' and 'Turkey' are both TUR"):
        adoption.user_share_by_economy(diffusion_wide(rows), POOLS, "file.csv")


@pytest.mark.parametrize("value", ["", "12,5%", "101%", "n/a"])
def test_a_value_that_is_not_a_percentage_names_economy_and_column(value):
    rows = {**ROWS, "Kenya": ("7.80%", value, "8.70%")}
    with pytest.raises(ValueError, match=r"economy 'Kenya', column 'H2 2025 AI Diffusion'"):
        adoption.user_share_by_economy(diffusion_wide(rows), POOLS, "file.csv")


def test_an_unknown_column_is_named():
    wide = diffusion_wide(ROWS).rename(columns={"H2 2025 AI Diffusion": "H2 2025 share"})
    with pytest.raises(ValueError, match=r"column 'H2 2025 share'"):
        adoption.user_share_by_economy(wide, POOLS, "file.csv")


def test_the_curated_pools_are_the_36_economies_source_txt_lists():
    pools = adoption.load_pools()
    assert len(pools) == 36
    assert pools.groupby("pool").size().to_dict() == {
        "central_africa": 5,
        "central_asia": 3,
        "east_africa": 8,
        "northern_south_america": 4,
        "southern_africa": 4,
        "west_africa": 12,
    }
    assert {"NGA", "COD", "GUF", "AFG"} <= set(pools["iso3"])


def test_overlapping_pools_are_refused(tmp_path):
    path = tmp_path / "pools.csv"
    path.write_text("pool,economy,note\na,Nigeria,\na,Ghana,\nb,Ghana,\nb,Togo,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"pools.csv: economy listed twice.*Ghana"):
        adoption.load_pools(path)


# ---------------------------------------------------------------------------- Anthropic Economic Index


def aei_long(rows):
    """rows: (geo_id, month start, metric, value); date_end is the next month."""
    out = []
    for geo, start, metric, value in rows:
        end = (pd.Timestamp(start) + pd.offsets.MonthBegin(1)).strftime("%Y-%m-%d")
        out.append([start, end, geo, "country", "overall", "0", metric, str(value), "Overall", "-"])
    return pd.DataFrame(out, columns=mirror_adoption.AEI_HEADER)


AEI_ROWS = [
    ("USA", "2025-08-01", "usage_pct", 30.0),
    ("USA", "2025-08-01", "usage_per_capita_index", 4.0),
    ("USA", "2025-08-01", "use_case_work_pct", 50.0),
    ("KEN", "2025-08-01", "usage_pct", 0.5),
    ("KEN", "2025-08-01", "usage_per_capita_index", 0.3),
    ("USA", "2025-09-01", "usage_pct", 28.0),
    ("USA", "2025-09-01", "usage_per_capita_index", 3.8),
]


def test_claude_usage_keeps_listed_countries_only_with_coverage_columns():
    table = adoption.claude_usage_by_country(aei_long(AEI_ROWS))
    by = table.set_index(["iso3", "month"])
    assert len(table) == 3  # Kenya absent in September: no row, not zero
    assert ("KEN", "2025-09-01") not in by.index
    assert by.loc[("KEN", "2025-08-01"), "usage_share"] == pytest.approx(0.005)
    assert by.loc[("KEN", "2025-08-01"), "country"] == "Kenya"
    assert by.loc[("KEN", "2025-08-01"), "world_region"] == "Sub-Saharan Africa"
    assert by.loc[("USA", "2025-08-01"), "countries_in_month"] == 2
    assert by.loc[("USA", "2025-09-01"), "countries_in_month"] == 1
    assert by.loc[("USA", "2025-08-01"), "listed_usage_share"] == pytest.approx(0.305)
    schemas.validate("claude_usage_by_country", table, "synthetic")


def test_other_geographies_and_categories_are_left_out():
    long = aei_long(AEI_ROWS)
    extra = long.iloc[[0]].assign(geo_id="WLD", geo_level="global")
    other = long.iloc[[0]].assign(category_name="onet_task", value="99")
    table = adoption.claude_usage_by_country(pd.concat([long, extra, other], ignore_index=True))
    assert table.set_index(["iso3", "month"]).loc[("USA", "2025-08-01"), "usage_share"] == pytest.approx(0.3)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"geo_id": "ZZZ"}, r"geo_id 'ZZZ' is not an ISO 3166 alpha-3"),
        ({"date_end": "2025-10-01"}, r"is not one calendar month"),
        ({"value": "-1"}, r"value '-1' is not a number >= 0"),
        ({"value": "lots"}, r"value 'lots' is not a number"),
    ],
)
def test_bad_aei_rows_are_named(change, message):
    long = aei_long(AEI_ROWS)
    for column, value in change.items():
        long.loc[3, column] = value
    with pytest.raises(ValueError, match=rf"aei.csv: row 5 .*{message}"):
        adoption.claude_usage_by_country(long, "aei.csv")


def test_a_country_month_without_its_index_is_refused():
    rows = [r for r in AEI_ROWS if not (r[0] == "KEN" and r[2] == "usage_per_capita_index")]
    with pytest.raises(ValueError, match=r"KEN in 2025-08-01 has no usage_per_capita_index"):
        adoption.claude_usage_by_country(aei_long(rows), "aei.csv")


def test_each_month_comes_from_the_newest_snapshot_that_has_it(tmp_path):
    older, newer = tmp_path / "old.csv", tmp_path / "new.csv"
    aei_long(AEI_ROWS).to_csv(older, index=False)
    revised = [("USA", "2025-09-01", "usage_pct", 25.0), ("USA", "2025-09-01", "usage_per_capita_index", 3.5)]
    aei_long(revised).to_csv(newer, index=False)
    snaps = [
        Snapshot(adoption.ANTHROPIC, "2025-10-01", newer, "", 0, ""),
        Snapshot(adoption.ANTHROPIC, "2025-09-01", older, "", 0, ""),
    ]
    table = adoption._claude_usage({adoption.ANTHROPIC: snaps}).set_index(["iso3", "month"])
    assert table.loc[("USA", "2025-09-01"), "usage_share"] == pytest.approx(0.25)
    assert table.loc[("USA", "2025-08-01"), "usage_share"] == pytest.approx(0.30)  # only in the older


# ---------------------------------------------------------------------------- OpenRouter


def week_doc(week, models):
    return {
        "date": week,
        "models": [{"slug": s, "total_tokens": t, "is_free": f} for s, t, f in models],
    }


def test_free_variants_are_a_free_slug_or_marked_free():
    week = adoption.week_models(
        week_doc(
            "2025-09-07",
            [("qwen/q:free", 10, False), ("openrouter/alpha", 5, True), ("google/g", 20, False)],
        ),
        "w.json",
    )
    assert week.set_index("slug")["free_variant"].to_dict() == {
        "qwen/q:free": True,
        "openrouter/alpha": True,
        "google/g": False,
    }


def test_top10_by_bloc_is_a_full_grid_with_shares_of_the_week():
    developers = adoption.load_developers()
    models = pd.concat(
        [
            adoption.week_models(
                week_doc(
                    "2025-09-07",
                    [
                        ("deepseek/d", 300, False),
                        ("qwen/q:free", 100, False),
                        ("anthropic/c", 400, False),
                        ("mistralai/m", 100, False),
                        ("openrouter/alpha", 100, True),
                    ],
                ),
                "a.json",
            ),
            adoption.week_models(week_doc("2025-09-14", [("google/g", 50, False)]), "b.json"),
        ],
        ignore_index=True,
    )
    table = adoption.top10_by_bloc(models, developers, {})
    assert len(table) == 2 * len(adoption.DEVELOPER_BLOCS)
    first = table[table["week_ending"] == "2025-09-07"].set_index("developer_bloc")
    assert first.loc["China", "tokens"] == 400 and first.loc["China", "models"] == 2
    assert first.loc["China", "share_of_top10"] == pytest.approx(0.4)
    assert first.loc["China", "free_variant_tokens"] == 100
    assert first.loc["Europe", "share_of_top10"] == pytest.approx(0.1)
    assert first.loc["Undisclosed", "tokens"] == 100
    assert first.loc["Rest of world", "tokens"] == 0
    assert set(first["rows_in_week"]) == {5}
    assert table.groupby("week_ending")["share_of_top10"].sum().tolist() == pytest.approx([1, 1])
    schemas.validate("openrouter_top10_by_bloc_weekly", table, "synthetic")


def test_an_unknown_prefix_names_the_file_and_week():
    models = adoption.week_models(week_doc("2025-09-07", [("acme-ai/x", 10, False)]), "a.json")
    with pytest.raises(ValueError, match=r"2025-09-07.json \(week 2025-09-07\): slug prefix 'acme-ai'"):
        adoption.top10_by_bloc(models, adoption.load_developers(), {"2025-09-07": "2025-09-07.json"})


@pytest.mark.parametrize(
    ("models", "message"),
    [
        ([("noslash", 1, False)], r"slug 'noslash' is not 'developer/model'"),
        ([("google/g", -1, False)], r"total_tokens -1 is not a count"),
        ([("google/g", 1.5, False)], r"total_tokens 1.5 is not a count"),
        ([("google/g", 1, False), ("google/g", 2, False)], r"slug listed twice"),
    ],
)
def test_bad_week_rows_are_named(models, message):
    with pytest.raises(ValueError, match=rf"w.json: .*{message}"):
        adoption.week_models(week_doc("2025-09-07", models), "w.json")


def test_the_developer_file_takes_organizations_from_organizations_csv():
    developers = adoption.load_developers()
    assert developers.loc["qwen", "organization"] == "Alibaba"
    assert developers.loc["z-ai", "organization"] == "Zhipu AI"
    assert developers.loc["qwen", "bloc"] == "China"
    assert developers.loc["x-ai", "bloc"] == "United States"
    assert developers.loc["mistralai", "bloc"] == "Europe"
    assert developers.loc["openrouter", "bloc"] == adoption.UNDISCLOSED


def test_a_developer_country_that_contradicts_organizations_csv_is_refused(tmp_path):
    path = tmp_path / "dev.csv"
    path.write_text("prefix,organization,country,note\ndeepseek,DeepSeek,United States,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"dev.csv: row 2 \(deepseek\): country 'United States' differs"):
        adoption.load_developers(path)


def test_a_week_file_whose_date_differs_from_its_name_is_refused(tmp_path):
    path = tmp_path / "2025-09-07.json"
    path.write_text(json.dumps(week_doc("2025-09-08", [("google/g", 1, False)])), encoding="utf-8")
    snap = Snapshot(adoption.OPENROUTER, "2025-09-07", path, "", 0, "")
    with pytest.raises(ValueError, match=r"2025-09-07.json: 'date' 2025-09-08 differs"):
        adoption._openrouter({adoption.OPENROUTER: [snap]})


# ---------------------------------------------------------------------------- the registry and refresh

NAMES = (adoption.MICROSOFT, adoption.ANTHROPIC, adoption.OPENROUTER)


def test_fixture_files_match_the_globs_and_none_is_a_stated_real_file(tmp_path):
    from tests.fixtures.project import write_mirror

    mirror = write_mirror(tmp_path)
    for name in NAMES:
        source = sources.load(name)
        matched = [p.name for pattern in source.mirror for p in mirror.glob(pattern)]
        assert matched, name
        assert not set(matched) & set(source.files), name


def test_a_csv_without_final_newline_is_refused_unless_its_sha256_is_stated():
    source = sources.load(adoption.MICROSOFT)
    data = mirror_adoption.ai_diffusion().rstrip(b"\r\n")
    with pytest.raises(snapshot.SnapshotError, match="truncated CSV"):
        snapshot.check_content(source, data, "synthetic.csv")


def test_the_fixture_refresh_builds_the_three_tables(tmp_path, monkeypatch):
    """The synthetic mirror through the real refresh: Mac Roman and CRLF read, pools flagged, China
    absent from Claude's table, free variants and the stealth model counted apart."""
    mirror = tmp_path / "mirror"
    for relative, make in mirror_adoption.MIRROR_FILES.items():
        path = mirror / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
    monkeypatch.setattr(refresh, "TABLES", adoption.TABLES)
    proc = tmp_path / "processed"
    refresh.refresh(list(NAMES), mirror=mirror, external_dir=tmp_path / "ext", processed_dir=proc)

    share = processed.read("ai_user_share_by_economy", proc, as_of="2026-03-31")
    assert len(share) == 3 * len(mirror_adoption.DIFFUSION)
    assert "TUR" in set(share["iso3"])
    pooled = share.groupby("iso3")["pooled"].first()
    assert set(pooled[pooled].index) == {"NGA", "GHA", "BEN", "ETH", "UGA"}
    assert len(processed.read("ai_user_share_by_economy", proc, as_of="2025-12-31")) == 2 * len(
        mirror_adoption.DIFFUSION
    )

    claude = processed.read("claude_usage_by_country", proc)
    assert "CHN" not in set(claude["iso3"]) and "RUS" not in set(claude["iso3"])
    assert set(claude.loc[claude["iso3"] == "ETH", "month"]) == {"2025-09-01"}

    weekly = processed.read("openrouter_top10_by_bloc_weekly", proc)
    assert sorted(weekly["week_ending"].unique()) == sorted(mirror_adoption.OPENROUTER_WEEKS)
    assert weekly.groupby("week_ending")["rows_in_week"].first().min() == 9
    free = weekly.groupby("developer_bloc")["free_variant_tokens"].sum()
    assert free["China"] == (400 + 300 + 140) * 10**9
    assert free["Undisclosed"] == (90 + 100) * 10**9
