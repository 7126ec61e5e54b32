"""data.steps.developers: GitHub developers per economy and collaboration with the United States and the
China bloc, on synthetic Innovation Graph files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from strategy_brief.data import processed, refresh, schemas
from strategy_brief.data.snapshot import Snapshot
from strategy_brief.data.steps import developers
from tests.fixtures import mirror_developers


def frame(columns: list[str], rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame([[str(v) for v in r] for r in rows], columns=columns)


def numbers(raw: pd.DataFrame, value: str) -> pd.DataFrame:
    return developers._whole_numbers(raw, [value, "year", "quarter"], "synthetic.csv")


DEVS = frame(
    ["developers", "iso2_code", "year", "quarter"],
    [(500, "NG", 2024, 3), (800, "NG", 2025, 3), (9000, "EU", 2025, 3), (400, "KE", 2025, 3)],
)
REPOS = frame(
    ["repositories", "iso2_code", "year", "quarter"],
    [(1500, "NG", 2025, 3), (2000, "BR", 2025, 3), (20000, "EU", 2025, 3)],
)
PAIRS = frame(
    ["weight", "source", "destination", "year", "quarter"],
    [
        (900, "NG", "US", 2025, 3),
        (300, "US", "NG", 2025, 3),
        (150, "NG", "HK", 2025, 3),  # Hong Kong is of the China bloc
        (120, "NG", "CN", 2025, 3),
        (400, "NG", "DE", 2025, 3),
        (700, "NG", "EU", 2025, 3),  # an aggregate: left out
        (200, "KE", "US", 2025, 3),  # Kenya and China: not reported
        (111, "KE", "KE", 2025, 3),  # itself: left out
        (5000, "CN", "US", 2025, 3),
    ],
)


def test_developers_and_repositories_join_per_economy_without_aggregates():
    table = developers.developers_by_economy(numbers(DEVS, "developers"), numbers(REPOS, "repositories"))
    schemas.validate("github_developers_by_economy", table, "synthetic")
    assert "EU" not in set(table["iso3"]) and len(table) == 4
    rows = table.set_index(["iso3", "quarter_end"])
    assert rows.at[("NGA", "2025-09-30"), "developers"] == 800
    assert rows.at[("NGA", "2025-09-30"), "repositories"] == 1500
    assert pd.isna(rows.at[("NGA", "2024-09-30"), "repositories"])  # not reported
    assert pd.isna(rows.at[("BRA", "2025-09-30"), "developers"])
    assert rows.at[("KEN", "2025-09-30"), "world_region"] == "Sub-Saharan Africa"


def test_collaboration_sums_each_side_per_direction_and_leaves_unreported_ties_empty():
    table = developers.collaboration_us_china(numbers(PAIRS, "weight"))
    schemas.validate("github_collaboration_us_china", table, "synthetic")
    nigeria = table.set_index("iso3").loc["NGA"]
    assert (nigeria["to_us"], nigeria["from_us"], nigeria["to_china"]) == (900, 300, 270)
    assert pd.isna(nigeria["from_china"])
    assert nigeria["to_mainland_china"] == 120 and pd.isna(nigeria["from_mainland_china"])
    assert nigeria["outbound_total"] == 900 + 150 + 120 + 400  # not the EU aggregate
    kenya = table.set_index("iso3").loc["KEN"]
    assert pd.isna(kenya["to_china"]) and kenya["outbound_total"] == 200  # not itself
    china = table.set_index("iso3").loc["CHN"]
    assert china["to_us"] == 5000
    assert pd.isna(china["to_mainland_china"])  # not with itself


def test_coverage_counts_the_rows_left_out_and_why():
    table = developers.coverage(
        numbers(DEVS, "developers"), numbers(REPOS, "repositories"), numbers(PAIRS, "weight")
    )
    schemas.validate("github_innovation_graph_coverage", table, "synthetic")
    rows = table.set_index(["file", "reason"])
    assert rows.at[("developers.csv", developers.AGGREGATE), "codes"] == "EU"
    assert rows.at[("developers.csv", developers.AGGREGATE), "rows"] == 1
    assert rows.at[("economy_collaborators.csv", developers.SELF_PAIR), "rows"] == 1
    assert rows.at[("economy_collaborators.csv", developers.KEPT), "rows"] == len(PAIRS) - 2


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("weight", "12.5", r"row 3, column 'weight': '12.5'"),
        ("quarter", "5", r"row 3, column 'quarter': '5'"),
    ],
)
def test_bad_numbers_are_refused_naming_row_and_column(column, value, message):
    raw = PAIRS.copy()
    raw.loc[1, column] = value
    with pytest.raises(ValueError, match=rf"synthetic.csv: {message}"):
        numbers(raw, "weight")


def test_files_are_told_apart_by_name_whatever_date_they_carry(tmp_path):
    def snap(name: str, date: str) -> Snapshot:
        return Snapshot("github_innovation_graph", date, Path(tmp_path / name), "0" * 64, 1, "test")

    snaps = [snap("developers.csv", "2026-01-01"), snap("developers_2026-03-26.csv", "2026-03-26")]
    assert developers.family("economy_collaborators_2025-08-01.csv") == "economy_collaborators"
    assert developers.latest_file(snaps, "developers").path.name == "developers_2026-03-26.csv"
    with pytest.raises(FileNotFoundError, match=r"file economy_collaborators\.csv"):
        developers.latest_file(snaps, "economy_collaborators")


def test_the_fixture_mirror_refreshes_into_valid_identical_tables(tmp_path, monkeypatch):
    mirror = tmp_path / "mirror"
    for relative, make in mirror_developers.MIRROR_FILES.items():
        (mirror / relative).parent.mkdir(parents=True, exist_ok=True)
        (mirror / relative).write_bytes(make())
    monkeypatch.setattr(refresh, "TABLES", developers.TABLES)
    outputs = []
    for run in ("a", "b"):
        proc = tmp_path / f"processed-{run}"
        refresh.refresh(
            ["github_innovation_graph"],
            mirror=mirror,
            external_dir=tmp_path / f"ext-{run}",
            processed_dir=proc,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(proc.iterdir())})
    assert outputs[0] == outputs[1]
    proc = tmp_path / "processed-a"
    devs = processed.read("github_developers_by_economy", proc)
    economies = [c for c in mirror_developers.DEVELOPERS if c != "EU"]
    assert len(devs) == len(economies) * len(mirror_developers.QUARTERS)
    cut = processed.read("github_developers_by_economy", proc, as_of="2024-12-31")
    assert cut["quarter_end"].max() == "2024-12-31"
    collab = processed.read("github_collaboration_us_china", proc).set_index(["iso3", "quarter_end"])
    first = mirror_developers.PAIRS
    assert collab.at[("KEN", "2024-06-30"), "to_china"] == first[("KE", "CN")] + first[("KE", "HK")]
    assert pd.isna(collab.at[("NGA", "2024-06-30"), "to_china"])
